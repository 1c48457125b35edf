// Offline reference layers that appear as the map zooms in: first-level administrative
// boundaries (Natural Earth 1:10m) from zoom 6 and town names (GeoNames, 1000+ people)
// from zoom 8. frontend/layers.mjs builds both files into vendor/ from pinned packages.
/* global L, topojson */
import { el } from "./dom.js";

const ADMIN1_URL = "/static/vendor/admin1/admin1.json";
const TOWNS_URL = "/static/vendor/towns/";
export const ADMIN1_ZOOM = 6;
export const TOWN_ZOOM = 8;
const MAX_TOWN_LABELS = 150;
// The smallest town labelled at each zoom; collisions thin the labels further.
const TOWN_MIN_POPULATION = [[10, 0], [9, 3000], [8, 10000]];

export class ReferenceLayers {
  constructor(map, container) {
    this.map = map;
    this.container = container;
    // Boundaries above the country fill, towns under the event markers; neither takes clicks.
    for (const [pane, z] of [["admin1", 410], ["towns", 420]]) {
      map.createPane(pane).style.zIndex = z;
      map.getPane(pane).style.pointerEvents = "none";
    }
    this.admin1Layer = L.layerGroup().addTo(map);
    this.townLayer = L.layerGroup().addTo(map);
    this.admin1 = null;        // [{bounds, layer}] once loaded
    this.admin1Loading = null;
    this.townIndex = null;
    this.tiles = new Map();    // tile key -> towns, or a pending promise
    this.generation = 0;
    map.on("moveend", () => this.update());
  }

  /** Show the layers the current zoom calls for; resolves when they are drawn. */
  async update() {
    const mine = ++this.generation;
    const zoom = this.map.getZoom();
    const view = this.map.getBounds().pad(0.1);
    try {
      if (zoom >= ADMIN1_ZOOM) {
        await this.loadAdmin1();
        if (mine !== this.generation) return;
        this.drawAdmin1(view);
      } else {
        this.admin1Layer.clearLayers();
      }
      if (zoom >= TOWN_ZOOM) {
        const towns = await this.townsIn(view);
        if (mine !== this.generation) return;
        this.drawTowns(towns, zoom);
      } else {
        this.townLayer.clearLayers();
      }
    } catch (err) {
      // The reference layers are context only: the events still show without them.
      this.container.dataset.referenceError = err.message;
    }
    if (mine === this.generation) {
      this.container.dataset.admin1 = String(this.admin1Layer.getLayers().length);
      this.container.dataset.towns = String(this.townLayer.getLayers().length);
    }
  }

  loadAdmin1() {
    if (!this.admin1Loading) {
      this.admin1Loading = fetch(ADMIN1_URL).then((response) => {
        if (!response.ok) throw new Error(`admin-1 boundaries: ${response.status}`);
        return response.json();
      }).then((topo) => {
        const areas = topojson.feature(topo, topo.objects.admin1).features;
        this.admin1 = areas.map((feature) => {
          const layer = L.geoJSON(feature, {
            pane: "admin1", interactive: false,
            style: () => ({ className: "admin1", color: "#7d8896", weight: 0.8, dashArray: "4 3", fill: false }),
          });
          return { bounds: layer.getBounds(), layer };
        });
      });
    }
    return this.admin1Loading;
  }

  /** Only the areas in view are in the page: the whole world is 4,600 outlines. */
  drawAdmin1(view) {
    for (const { bounds, layer } of this.admin1) {
      const show = bounds.isValid() && view.intersects(bounds);
      if (show && !this.admin1Layer.hasLayer(layer)) this.admin1Layer.addLayer(layer);
      if (!show && this.admin1Layer.hasLayer(layer)) this.admin1Layer.removeLayer(layer);
    }
  }

  async townsIn(view) {
    if (!this.townIndex) {
      const response = await fetch(`${TOWNS_URL}index.json`);
      if (!response.ok) throw new Error(`towns: ${response.status}`);
      this.townIndex = await response.json();
    }
    const step = this.townIndex.tile_deg;
    const keys = [];
    for (let lat = Math.floor(view.getSouth() / step); lat <= Math.floor(view.getNorth() / step); lat++) {
      for (let lon = Math.floor(view.getWest() / step); lon <= Math.floor(view.getEast() / step); lon++) {
        const key = `${lat}_${lon}`;
        if (this.townIndex.tiles[key]) keys.push(key);
      }
    }
    const tiles = await Promise.all(keys.map((key) => this.tile(key)));
    return tiles.flat().filter(([, lat, lon]) => view.contains([lat, lon]));
  }

  tile(key) {
    if (!this.tiles.has(key)) {
      this.tiles.set(key, fetch(`${TOWNS_URL}${key}.json`).then((r) => (r.ok ? r.json() : [])));
    }
    return this.tiles.get(key);
  }

  /** Largest towns first, each labelled unless it would overlap one already placed. */
  drawTowns(towns, zoom) {
    this.townLayer.clearLayers();
    const least = TOWN_MIN_POPULATION.find(([z]) => zoom >= z)?.[1] ?? Infinity;
    const placed = [];
    for (const [name, lat, lon, population] of towns.sort((a, b) => b[3] - a[3])) {
      if (population < least || placed.length >= MAX_TOWN_LABELS) break;
      const at = this.map.latLngToContainerPoint([lat, lon]);
      const box = [at.x - 4, at.y - 8, at.x + 10 + name.length * 6, at.y + 8];
      if (placed.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) continue;
      placed.push(box);
      const icon = L.divIcon({ className: "town-label", html: el("span", { text: name }), iconSize: null });
      this.townLayer.addLayer(L.marker([lat, lon], { icon, interactive: false, keyboard: false, pane: "towns" }));
    }
  }
}
