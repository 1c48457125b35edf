// Dashboard entry point: filter state, data loading and the two client-side
// routes, "#/" (map, timeline, alerts, event list) and "#/event/{id}".
import { clear, countryLabel, el, getJSON } from "./dom.js";
import { EventMap } from "./map.js";
import { renderAlerts, renderEventList } from "./panels.js";
import { EventPage } from "./eventpage.js";
import { startLive } from "./live.js";
import { Timeline } from "./timeline.js";
import { PLOVER_TYPES } from "./types.js";

const PAGE_SIZE = 50;
const $ = (id) => document.getElementById(id);

const ui = {
  form: $("filters"),
  since: $("f-since"), until: $("f-until"), type: $("f-type"), country: $("f-country"), place: $("f-place"),
  places: $("place-options"), reset: $("f-reset"), status: $("status"),
  dashboard: $("dashboard-view"), eventView: $("event-view"),
  eventTotal: $("event-total"), mapTotal: $("map-total"), alertTotal: $("alert-total"),
  eventList: $("event-list"), more: $("more-events"), alerts: $("alerts"),
};

let generation = 0;
let listOffset = 0;
let optionsFilled = false;

function filters() {
  return {
    since: ui.since.value, until: ui.until.value, type: ui.type.value,
    country: ui.country.value, place: ui.place.value.trim(),
  };
}

function setStatus(message, isError = false) {
  ui.status.textContent = message;
  ui.status.classList.toggle("error", isError);
}

function fillTypeOptions() {
  for (const [type] of PLOVER_TYPES) ui.type.appendChild(el("option", { value: type, text: type }));
}

/** Country and place choices come from the unfiltered data the first time it loads. */
function fillDataOptions(collection, alerts) {
  if (optionsFilled) return;
  optionsFilled = true;
  const countries = new Map();
  const places = new Set();
  for (const f of collection.features || []) {
    const p = f.properties || {};
    if (p.country) countries.set(p.country, (countries.get(p.country) || 0) + 1);
    if (p.place) places.add(p.place);
  }
  for (const a of alerts) if (a.place) places.add(a.place);
  const byCount = [...countries.entries()].sort((a, b) => b[1] - a[1]);
  for (const [code, n] of byCount) {
    ui.country.appendChild(el("option", { value: code, text: `${countryLabel(code)} — ${n}` }));
  }
  for (const name of [...places].sort((a, b) => a.localeCompare(b))) {
    ui.places.appendChild(el("option", { value: name }));
  }
}

async function refresh({ fit = true } = {}) {
  const mine = ++generation;
  const f = filters();
  setStatus("Loading…");
  ui.dashboard.classList.add("busy");
  try {
    const [geo, page, stats, alerts] = await Promise.all([
      getJSON("/events.geojson", f),
      getJSON("/events", { ...f, limit: PAGE_SIZE, offset: 0 }),
      getJSON("/stats/timeseries", { interval: "day", since: f.since, until: f.until, country: f.country,
        type: f.type, place: f.place }),
      getJSON("/alerts", { since: f.since, place: f.place }).catch((err) => ({ alerts: [], error: err })),
    ]);
    if (mine !== generation) return;
    const alertList = (alerts.alerts || []).filter((a) => !f.until || !a.window_start || a.window_start <= f.until);
    fillDataOptions(geo, alertList);
    map.setEvents(geo, { fit });
    timeline.setSeries(stats.series || [], f.since && f.since === f.until ? f.since : null,
      alertList.map((a) => ({ start: a.window_start, end: a.window_end, label: a.place })));
    renderAlerts(ui.alerts, alertList, { onPlace: (place) => { ui.place.value = place; refresh(); } });
    renderEventList(ui.eventList, page);
    listOffset = (page.events || []).length;
    ui.more.hidden = listOffset >= page.total;
    ui.eventTotal.textContent = String(page.total);
    ui.mapTotal.textContent = String((geo.features || []).length);
    ui.alertTotal.textContent = String(alertList.length);
    setStatus(alerts.error ? `Alerts unavailable: ${alerts.error.message}` : "", Boolean(alerts.error));
  } catch (err) {
    if (mine === generation) setStatus(`Could not load data: ${err.message}`, true);
  } finally {
    if (mine === generation) ui.dashboard.classList.remove("busy");
  }
}

async function loadMore() {
  const mine = generation;
  try {
    const page = await getJSON("/events", { ...filters(), limit: PAGE_SIZE, offset: listOffset });
    if (mine !== generation) return;
    renderEventList(ui.eventList, page, { append: true });
    listOffset += (page.events || []).length;
    ui.more.hidden = listOffset >= page.total;
  } catch (err) {
    setStatus(`Could not load more events: ${err.message}`, true);
  }
}

function route() {
  const match = /^#\/event\/(.+)$/.exec(window.location.hash);
  const onEvent = Boolean(match);
  ui.dashboard.hidden = onEvent;
  ui.eventView.hidden = !onEvent;
  document.body.dataset.view = onEvent ? "event" : "dashboard";
  if (onEvent) {
    window.scrollTo(0, 0);
    eventPage.show(decodeURIComponent(match[1]));
  } else {
    clear(ui.eventView);
    map.invalidate();
    timeline.render();
  }
}

const map = new EventMap($("map"), {
  onTypeClick: (type) => { ui.type.value = ui.type.value === type ? "" : type; refresh({ fit: false }); },
});
const timeline = new Timeline($("timeline"), {
  onDayClick: (day) => { ui.since.value = day; ui.until.value = day; refresh(); },
});
const eventPage = new EventPage(ui.eventView);

fillTypeOptions();
/** Filtering from the event page goes back to the dashboard, which then shows the result. */
function showDashboard() {
  if (/^#\/event\//.test(window.location.hash)) window.location.hash = "#/";
}

ui.form.addEventListener("submit", (event) => { event.preventDefault(); showDashboard(); refresh(); });
for (const input of [ui.type, ui.country, ui.since, ui.until]) {
  input.addEventListener("change", () => { showDashboard(); refresh(); });
}
ui.reset.addEventListener("click", () => { ui.form.reset(); showDashboard(); refresh(); });
ui.more.addEventListener("click", loadMore);
window.addEventListener("hashchange", route);

// A handle for the screenshot tool and for debugging from the console.
window.flashpointDashboard = { map: map.map, refresh };

map.loadBasemap().catch((err) => setStatus(`Base map unavailable: ${err.message}`, true));
route();
refresh().then(() => document.body.setAttribute("data-ready", "1"));
startLive(() => refresh({ fit: false }), document.querySelector(".side-col"));
