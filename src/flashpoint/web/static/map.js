// The event map: Natural Earth country polygons (bundled TopoJSON, no tile
// server) under clustered event markers coloured by PLOVER type and sized by
// fatalities; events placed only at province or country level are drawn as rings.
/* global L, topojson */
import { clear, el, formatDate } from "./dom.js";
import { ReferenceLayers } from "./reference.js";
import { PLOVER_TYPES, typeBadge, typeColour, typeOrder } from "./types.js";

const BASEMAP_URL = "/static/vendor/world-atlas/countries-50m.json";
const PLACE_LABEL_ZOOM = 7;
const COUNTRY_LABEL_ZOOM = 4;

export class EventMap {
  constructor(container, { onTypeClick } = {}) {
    this.container = container;
    this.onTypeClick = onTypeClick || (() => {});
    this.map = L.map(container, {
      minZoom: 2, maxZoom: 13, zoomSnap: 0.5, worldCopyJump: false,
      maxBounds: [[-85, -200], [85, 200]], preferCanvas: false,
    }).setView([30, 10], 2);
    this.map.attributionControl.setPrefix("Leaflet");
    this.map.attributionControl.addAttribution("Boundaries: Natural Earth · Towns: GeoNames (CC BY 4.0)");
    L.control.scale({ imperial: false, position: "bottomleft" }).addTo(this.map);
    // Country names lie under the markers; place names above them (haloed text stays
    // readable over a cluster ring). Neither takes clicks.
    for (const [pane, z] of [["countryLabels", 450], ["placeLabels", 650]]) {
      this.map.createPane(pane).style.zIndex = z;
      this.map.getPane(pane).style.pointerEvents = "none";
    }

    const clusterGroup = (area) => L.markerClusterGroup({
      maxClusterRadius: 45,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: (cluster) => clusterIcon(cluster, area),
    }).addTo(this.map);
    // Events placed only at a province or country centre cluster apart from town events,
    // so a pile of them at a capital never reads as events in that town.
    this.clusters = clusterGroup(false);
    this.areaClusters = clusterGroup(true);
    this.placeLabels = L.layerGroup().addTo(this.map);
    this.placeLabelList = [];
    this.countryLabels = L.layerGroup().addTo(this.map);
    this.countryLabelList = [];
    this.legend = L.control({ position: "bottomright" });
    this.legend.onAdd = () => {
      this.legendNode = el("div", { class: "map-legend leaflet-bar" });
      L.DomEvent.disableClickPropagation(this.legendNode);
      return this.legendNode;
    };
    this.legend.addTo(this.map);
    this.map.on("zoomend", () => this.updateLabelVisibility());
    this.reference = new ReferenceLayers(this.map, container);
    this.empty = el("div", { class: "map-empty", id: "map-empty", hidden: true,
      text: "No events match these filters." });
    container.appendChild(this.empty);
  }

  /** Fetch the bundled country boundaries and draw them; resolves when drawn. */
  async loadBasemap() {
    const response = await fetch(BASEMAP_URL);
    if (!response.ok) throw new Error(`base map: ${response.status}`);
    const topo = await response.json();
    const countries = topojson.feature(topo, topo.objects.countries);
    const layer = L.geoJSON(countries, {
      interactive: false,
      style: () => ({ className: "country", color: "#9aa5b1", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 }),
    }).addTo(this.map);
    layer.bringToBack();
    layer.eachLayer((polygon) => {
      const name = polygon.feature && polygon.feature.properties && polygon.feature.properties.name;
      if (!name) return;
      const ring = largestRing(polygon);
      const icon = L.divIcon({ className: "country-label", html: el("span", { text: name }), iconSize: null });
      const label = L.marker(ring.getCenter(), { icon, interactive: false, keyboard: false, pane: "countryLabels" });
      // Label a country only once its main landmass is wide enough on screen for the name.
      label.minWidthDeg = ring.getEast() - ring.getWest();
      label.nameLength = name.length;
      this.countryLabelList.push(label);
    });
    this.container.dataset.countries = String(layer.getLayers().length);
    this.updateLabelVisibility();
  }

  /** Replace the markers with the features of a GeoJSON FeatureCollection. */
  setEvents(collection, { fit = true } = {}) {
    const features = (collection && collection.features) || [];
    this.clusters.clearLayers();
    this.areaClusters.clearLayers();
    this.placeLabels.clearLayers();
    this.placeLabelList = [];
    const markers = [];
    const townMarkers = [];
    const areaMarkers = [];
    const places = new Map();
    for (const feature of features) {
      const coords = feature.geometry && feature.geometry.coordinates;
      if (!coords || coords.length < 2 || coords[1] === null || coords[0] === null) continue;
      const props = feature.properties || {};
      const latlng = L.latLng(coords[1], coords[0]);
      const marker = L.marker(latlng, { icon: eventIcon(props), keyboard: false, title: "" });
      marker.evType = props.type;
      marker.evFatalities = Number(props.fatalities) || 0;
      marker.bindPopup(() => eventPopup(props), { maxWidth: 320, minWidth: 220 });
      markers.push(marker);
      const kind = locationKind(props.precision);
      (kind === "town" ? townMarkers : areaMarkers).push(marker);
      if (props.place) {
        const name = kind === "town" ? props.place : `${props.place} (${kind === "country" ? "country" : "area"})`;
        const key = `${name}|${latlng.lat.toFixed(3)}|${latlng.lng.toFixed(3)}`;
        if (!places.has(key)) places.set(key, { name, latlng, events: 0 });
        places.get(key).events += 1;
      }
    }
    this.clusters.addLayers(townMarkers);
    this.areaClusters.addLayers(areaMarkers);
    // Busiest places first: they win when labels would collide.
    for (const { name, latlng, events } of [...places.values()].sort((a, b) => b.events - a.events)) {
      const icon = L.divIcon({ className: "place-label", html: el("span", { text: name }), iconSize: null });
      const label = L.marker(latlng, { icon, interactive: false, keyboard: false, pane: "placeLabels" });
      label.nameLength = name.length;
      label.events = events;
      this.placeLabelList.push(label);
    }
    this.container.dataset.markers = String(markers.length);
    this.empty.hidden = features.length > 0;
    this.renderLegend(features);
    if (fit) this.fit(markers);
    this.updateLabelVisibility();
  }

  /** Frame every marker; a single place gets a town-scale view rather than the maximum zoom. */
  fit(markers) {
    if (!markers.length) return;
    const bounds = L.latLngBounds(markers.map((m) => m.getLatLng()));
    this.map.fitBounds(bounds.pad(0.2), { maxZoom: 9, animate: false });
  }

  renderLegend(features) {
    if (!this.legendNode) return;
    const counts = new Map();
    for (const f of features) {
      const type = (f.properties || {}).type;
      counts.set(type, (counts.get(type) || 0) + 1);
    }
    clear(this.legendNode);
    this.legendNode.appendChild(el("div", { class: "legend-title", text: "Event type" }));
    const known = new Set(PLOVER_TYPES.map(([t]) => t));
    const shown = [...counts.keys()].sort((a, b) => typeOrder(a) - typeOrder(b));
    if (!shown.length) this.legendNode.appendChild(el("div", { class: "legend-empty", text: "no mapped events" }));
    for (const type of shown) {
      const row = el("button", {
        type: "button", class: "legend-row", title: known.has(type) ? `Show only ${type}` : "",
        onclick: () => this.onTypeClick(type),
      },
      el("span", { class: "legend-swatch", style: { background: typeColour(type) } }),
      el("span", { class: "legend-name", text: type || "unknown" }),
      el("span", { class: "legend-count", text: counts.get(type) }));
      this.legendNode.appendChild(row);
    }
    if (!shown.length) return;
    this.legendNode.appendChild(el("div", { class: "legend-title legend-sub", text: "Located at" }));
    for (const [kind, label] of [["town", "town or village"], ["admin", "province or district"],
      ["country", "country only"]]) {
      this.legendNode.appendChild(el("div", { class: "legend-kind" },
        el("span", { class: `legend-shape event-dot precision-${kind}` }), el("span", { text: label })));
    }
    this.legendNode.appendChild(el("div", { class: "legend-note", text: "size: people killed" }));
  }

  updateLabelVisibility() {
    const zoom = this.map.getZoom();
    const taken = [];
    for (const label of this.placeLabelList) {
      let show = zoom >= PLACE_LABEL_ZOOM;
      if (show) {
        // Approximate screen box of the label (see .place-label in style.css); skip it when it overlaps one already shown.
        const at = this.map.latLngToContainerPoint(label.getLatLng());
        const box = [at.x + 14, at.y - 8, at.x + 18 + label.nameLength * 6.6, at.y + 8];
        show = !taken.some((t) => box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3]);
        if (show) taken.push(box);
      }
      toggleLayer(this.placeLabels, label, show);
    }
    const pixelsPerDegree = (256 * 2 ** zoom) / 360;
    for (const label of this.countryLabelList) {
      const fits = label.minWidthDeg * pixelsPerDegree >= label.nameLength * 8 + 16;
      toggleLayer(this.countryLabels, label, zoom >= COUNTRY_LABEL_ZOOM && fits);
    }
  }

  invalidate() {
    this.map.invalidateSize({ animate: false });
  }
}

/** Show or hide `layer` inside `parent` (a map or a layer group). */
function toggleLayer(parent, layer, show) {
  const present = parent.hasLayer(layer);
  if (show && !present) parent.addLayer(layer);
  if (!show && present) parent.removeLayer(layer);
}

/** Bounds of a country's largest ring, so island groups do not pull the label out to sea. */
function largestRing(polygon) {
  let best = null;
  let bestArea = -1;
  const visit = (rings) => {
    if (!Array.isArray(rings) || !rings.length) return;
    if (rings[0] instanceof L.LatLng) {
      const b = L.latLngBounds(rings);
      const area = (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
      if (area > bestArea) { bestArea = area; best = b; }
      return;
    }
    rings.forEach(visit);
  };
  visit(polygon.getLatLngs());
  return best || polygon.getBounds();
}

/** "town" (ACLED geo_precision 1-2), "admin" (3: province or district) or "country" (4). */
export function locationKind(precision) {
  const p = Number(precision);
  if (p >= 4) return "country";
  if (p === 3) return "admin";
  return "town";
}

/** Marker diameter in pixels: the area grows with the number killed, up to a cap. */
export function markerSize(fatalities) {
  const killed = Math.max(0, Number(fatalities) || 0);
  return Math.round(Math.min(48, 12 + 5 * Math.sqrt(killed)));
}

function eventIcon(props) {
  const kind = locationKind(props.precision);
  const size = markerSize(props.fatalities);
  const dot = el("span", {
    class: `event-dot precision-${kind}` + (props.fatalities > 0 ? " has-fatalities" : ""),
    dataset: { fatalities: String(Number(props.fatalities) || 0), kind },
  });
  // Area-level events are rings in the type colour: the point is only the area's centre.
  if (kind === "town") dot.style.background = typeColour(props.type);
  else dot.style.borderColor = typeColour(props.type);
  dot.style.width = dot.style.height = `${size}px`;
  return L.divIcon({ className: "event-marker", html: dot, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}

const KIND_NOTE = { admin: "placed at its province or district", country: "placed at country level only" };

/** A donut whose segments are the type mix of the clustered events, with the count in the middle. */
function clusterIcon(cluster, area = false) {
  const children = cluster.getAllChildMarkers();
  const counts = new Map();
  for (const m of children) counts.set(m.evType, (counts.get(m.evType) || 0) + 1);
  const types = [...counts.keys()].sort((a, b) => typeOrder(a) - typeOrder(b));
  let at = 0;
  const stops = [];
  for (const type of types) {
    const share = (counts.get(type) / children.length) * 360;
    stops.push(`${typeColour(type)} ${at.toFixed(1)}deg ${(at + share).toFixed(1)}deg`);
    at += share;
  }
  const total = children.length;
  const size = total < 10 ? 34 : total < 50 ? 42 : 50;
  const ring = el("div", { class: "cluster-ring" }, el("span", { class: "cluster-count", text: total }));
  ring.style.background = `conic-gradient(${stops.join(", ")})`;
  ring.title = types.map((t) => `${t}: ${counts.get(t)}`).join("\n");
  ring.title = (area ? "placed at province or country level\n" : "") + ring.title;
  return L.divIcon({ className: "event-cluster" + (area ? " area-cluster" : ""), html: ring, iconSize: [size, size] });
}

function eventPopup(props) {
  const counts = [];
  if (props.fatalities > 0) counts.push(`${props.fatalities} killed`);
  if (props.injured > 0) counts.push(`${props.injured} injured`);
  if (props.sources > 1) counts.push(`${props.sources} reports`);
  return el("div", { class: "event-popup" },
    el("div", { class: "popup-head" }, typeBadge(props.type),
      el("span", { class: "popup-date", text: formatDate(props.date) })),
    el("div", { class: "popup-place", text: [props.place, props.admin1 !== props.place ? props.admin1 : null,
      props.country].filter(Boolean).join(", ") }),
    KIND_NOTE[locationKind(props.precision)]
      ? el("div", { class: "popup-precision", text: KIND_NOTE[locationKind(props.precision)] }) : null,
    props.title ? el("p", { class: "popup-title", text: props.title }) : null,
    counts.length ? el("div", { class: "popup-counts", text: counts.join(" · ") }) : null,
    el("a", { class: "popup-link", href: `#/event/${encodeURIComponent(props.event_id)}`, text: "Open event →" }));
}
