// Dashboard entry point: filter state (kept in the URL's query string), data loading and
// the two client-side routes, "#/" (map, timeline, alerts, event list) and "#/event/{id}".
import { clear, countryLabel, el, getJSON } from "./dom.js";
import { EventMap } from "./map.js";
import { renderAlerts, renderEventList } from "./panels.js";
import { EventPage } from "./eventpage.js";
import { startLive } from "./live.js";
import { Timeline } from "./timeline.js";
import { ACLED_TYPES, PLOVER_TYPES, typeColour } from "./types.js";
import { checkIsoDay, hasFilters, parseQuery, toQuery } from "./urlstate.js";

const PAGE_SIZE = 50;
// The map draws one page of features (data/query.yaml bounds it); the export links ask
// for no limit and so get every matching event.
const MAP_FEATURES = 5000;
const $ = (id) => document.getElementById(id);

const ui = {
  form: $("filters"),
  since: $("f-since"), until: $("f-until"), typeBox: $("f-type"), typeOptions: $("f-type-options"),
  typeSummary: $("f-type-summary"), country: $("f-country"), place: $("f-place"), places: $("place-options"),
  actor: $("f-actor"), admin1: $("f-admin1"), admin2: $("f-admin2"), admin1s: $("admin1-options"),
  admin2s: $("admin2-options"), acled: $("f-acled"), minFatalities: $("f-min-fatalities"), q: $("f-q"),
  reset: $("f-reset"), status: $("status"),
  dashboard: $("dashboard-view"), eventView: $("event-view"),
  eventTotal: $("event-total"), mapTotal: $("map-total"), alertTotal: $("alert-total"),
  eventList: $("event-list"), more: $("more-events"), alerts: $("alerts"),
  noResults: $("no-results"), noResultsReset: $("no-results-reset"),
  rangeLabel: $("range-label"), rangeClear: $("range-clear"), undated: $("timeline-undated"),
  exports: { csv: $("export-csv"), acled: $("export-acled"), geojson: $("export-geojson") },
};

let generation = 0;
let listOffset = 0;
let optionsFilled = false;
let shownQuery = null;  // the query string the page currently shows

function selectedTypes() {
  return [...ui.typeOptions.querySelectorAll("input:checked")].map((box) => box.value);
}

/** The filters as the controls hold them, in the API's parameter names. */
function filters() {
  return {
    since: ui.since.value.trim(), until: ui.until.value.trim(), type: selectedTypes().join(","),
    country: ui.country.value, place: ui.place.value.trim(), actor: ui.actor.value.trim(),
    admin1: ui.admin1.value.trim(), admin2: ui.admin2.value.trim(), acled_type: ui.acled.value,
    min_fatalities: ui.minFatalities.value.trim(), q: ui.q.value.trim(),
  };
}

/** A select shows a value from a shared link even before the data lists it. */
function selectValue(select, value, label = value) {
  if (value && ![...select.options].some((o) => o.value === value)) {
    select.appendChild(el("option", { value, text: label }));
  }
  select.value = value;
}

function setControls(f) {
  ui.since.value = f.since;
  ui.until.value = f.until;
  const types = new Set(f.type.split(",").map((t) => t.trim().toUpperCase()).filter(Boolean));
  for (const box of ui.typeOptions.querySelectorAll("input")) box.checked = types.has(box.value);
  updateTypeSummary();
  selectValue(ui.country, f.country.toUpperCase(), countryLabel(f.country.toUpperCase()));
  ui.place.value = f.place;
  ui.actor.value = f.actor;
  ui.admin1.value = f.admin1;
  ui.admin2.value = f.admin2;
  selectValue(ui.acled, f.acled_type);
  ui.minFatalities.value = f.min_fatalities;
  ui.q.value = f.q;
}

function setStatus(message, isError = false) {
  ui.status.textContent = message;
  ui.status.classList.toggle("error", isError);
}

function updateTypeSummary() {
  const types = selectedTypes();
  ui.typeSummary.textContent = !types.length ? "all" : types.length <= 2 ? types.join(", ") : `${types.length} selected`;
  ui.typeBox.dataset.count = String(types.length);
}

function fillStaticOptions() {
  for (const [type] of PLOVER_TYPES) {
    const box = el("input", { type: "checkbox", value: type, name: "type" });
    const swatch = el("span", { class: "legend-swatch" });
    swatch.style.background = typeColour(type);
    ui.typeOptions.appendChild(el("label", { class: "multi-option" }, box, swatch, type));
  }
  for (const type of ACLED_TYPES) ui.acled.appendChild(el("option", { value: type, text: type }));
}

function fillList(datalist, values) {
  for (const name of [...values].sort((a, b) => a.localeCompare(b))) datalist.appendChild(el("option", { value: name }));
}

/** Country, place and area choices come from the unfiltered located events. */
function fillDataOptions(collection, alerts) {
  if (optionsFilled) return;
  optionsFilled = true;
  const countries = new Map();
  const places = new Set();
  const admin1s = new Set();
  const admin2s = new Set();
  for (const f of collection.features || []) {
    const p = f.properties || {};
    if (p.country) countries.set(p.country, (countries.get(p.country) || 0) + 1);
    if (p.place) places.add(p.place);
    if (p.admin1) admin1s.add(p.admin1);
    if (p.admin2) admin2s.add(p.admin2);
  }
  for (const a of alerts) if (a.place) places.add(a.place);
  const current = ui.country.value;
  for (const option of [...ui.country.options]) if (option.value) option.remove();
  for (const [code, n] of [...countries.entries()].sort((a, b) => b[1] - a[1])) {
    ui.country.appendChild(el("option", { value: code, text: `${countryLabel(code)} — ${n}` }));
  }
  selectValue(ui.country, current, countryLabel(current));
  fillList(ui.places, places);
  fillList(ui.admin1s, admin1s);
  fillList(ui.admin2s, admin2s);
}

function updateExports(f) {
  const query = toQuery(f);
  const suffix = query ? `?${query}` : "";
  ui.exports.csv.href = `/events.csv${suffix}`;
  ui.exports.acled.href = `/events.acled.csv${suffix}`;
  ui.exports.geojson.href = `/events.geojson${suffix}`;
}

function updateRange(f) {
  const label = f.since || f.until ? `${f.since || "…"} to ${f.until || "…"}` : "";
  ui.rangeLabel.textContent = label;
  ui.rangeClear.hidden = !label;
}

/** The message of the first date filter that is not an ISO day, or "". */
function dateProblem(f) {
  return checkIsoDay(f.since, "From") || checkIsoDay(f.until, "To")
    || (f.since && f.until && f.since > f.until ? "From is later than To" : "");
}

async function refresh({ fit = true } = {}) {
  const mine = ++generation;
  const f = filters();
  updateExports(f);
  updateRange(f);
  const problem = dateProblem(f);
  if (problem) {
    setStatus(problem, true);
    return;
  }
  setStatus("Loading…");
  ui.dashboard.classList.add("busy");
  try {
    // The timeline takes every filter of the list, so its bars add up to the list's
    // events (less those dated only to a month or year).
    const [geo, page, stats, alerts] = await Promise.all([
      getJSON("/events.geojson", { ...f, limit: MAP_FEATURES }),
      getJSON("/events", { ...f, limit: PAGE_SIZE, offset: 0 }),
      getJSON("/stats/timeseries", { interval: "day", ...f }),
      getJSON("/alerts", { since: f.since, place: f.place }).catch((err) => ({ alerts: [], error: err })),
    ]);
    if (mine !== generation) return;
    const alertList = (alerts.alerts || []).filter((a) => !f.until || !a.window_start || a.window_start <= f.until);
    if (!hasFilters(f)) fillDataOptions(geo, alertList);
    map.setEvents(geo, { fit });
    timeline.setSeries(stats.series || [], { since: f.since, until: f.until },
      alertList.map((a) => ({ start: a.window_start, end: a.window_end, label: a.place })));
    // The bars and this note together make the list's total.
    const undated = stats.not_by_day || 0;
    ui.undated.hidden = !undated;
    ui.undated.textContent = undated ? `+ ${undated} not dated to a day (not drawn)` : "";
    renderAlerts(ui.alerts, alertList, { onPlace: (place) => { ui.place.value = place; apply(); } });
    renderEventList(ui.eventList, page);
    ui.noResults.hidden = page.total > 0;
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

/** Options for a page opened on a filtered link still list every country and area. */
async function loadOptions() {
  try {
    const [geo, alerts] = await Promise.all([getJSON("/events.geojson", { limit: MAP_FEATURES }),
      getJSON("/alerts").catch(() => ({ alerts: [] }))]);
    fillDataOptions(geo, alerts.alerts || []);
  } catch { /* the lists are a convenience: typed values still filter */ }
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

function onEventPage() {
  return /^#\/event\//.test(window.location.hash);
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

/**
 * Record the controls' filters as a new history entry (when they changed) and show them.
 * Filtering from the event page goes back to the dashboard, which then shows the result.
 */
function apply({ fit = true } = {}) {
  const f = filters();
  const query = toQuery(f);
  const leaving = onEventPage();
  if (!dateProblem(f) && (query !== shownQuery || leaving)) {
    const hash = leaving ? "#/" : window.location.hash;
    window.history.pushState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}${hash}`);
    shownQuery = query;
    if (leaving) route();
  }
  updateTypeSummary();
  return refresh({ fit });
}

/** Back, forward and links within the page: show the filters and view the URL names. */
function onHistory() {
  const query = toQuery(parseQuery(window.location.search));
  if (query !== shownQuery) {
    shownQuery = query;
    setControls(parseQuery(window.location.search));
    refresh();
  }
  route();
}

function resetFilters() {
  ui.form.reset();
  for (const box of ui.typeOptions.querySelectorAll("input")) box.checked = false;
  apply();
}

const map = new EventMap($("map"), {
  onTypeClick: (type) => {
    const only = selectedTypes().length === 1 && selectedTypes()[0] === type;
    for (const box of ui.typeOptions.querySelectorAll("input")) box.checked = !only && box.value === type;
    apply({ fit: false });
  },
});
const timeline = new Timeline($("timeline"), {
  onDayClick: (day) => { ui.since.value = day; ui.until.value = day; apply(); },
  onRangeSelect: (since, until) => { ui.since.value = since; ui.until.value = until; apply(); },
});
const eventPage = new EventPage(ui.eventView);

fillStaticOptions();
const initial = parseQuery(window.location.search);
setControls(initial);
shownQuery = toQuery(initial);

ui.form.addEventListener("submit", (event) => { event.preventDefault(); apply(); });
for (const input of [ui.country, ui.acled, ui.since, ui.until, ui.minFatalities]) {
  input.addEventListener("change", () => apply());
}
ui.typeOptions.addEventListener("change", () => apply());
ui.reset.addEventListener("click", resetFilters);
ui.noResultsReset.addEventListener("click", resetFilters);
ui.rangeClear.addEventListener("click", () => { ui.since.value = ""; ui.until.value = ""; apply(); });
ui.more.addEventListener("click", loadMore);
// popstate comes with back/forward and with following a "#/event/..." link alike.
window.addEventListener("popstate", onHistory);
document.addEventListener("click", (event) => {
  if (!ui.typeBox.contains(event.target)) ui.typeBox.open = false;
});

// A handle for the screenshot tool and for debugging from the console.
window.flashpointDashboard = { map: map.map, refresh };

map.loadBasemap().catch((err) => setStatus(`Base map unavailable: ${err.message}`, true));
route();
if (hasFilters(initial)) loadOptions();
refresh().then(() => document.body.setAttribute("data-ready", "1"));
startLive(() => refresh({ fit: false }), document.querySelector(".side-col"));
