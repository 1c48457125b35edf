// Side panels of the dashboard: the alert list and the filtered event list.
import { clear, countryLabel, el, formatDate, formatNumber, formatP } from "./dom.js";
import { typeBadge } from "./types.js";

function dateRange(start, end) {
  if (!start && !end) return "";
  if (start === end || !end) return formatDate(start);
  return `${formatDate(start)} – ${formatDate(end)}`;
}

function eventLink(ev) {
  return el("a", { class: "alert-event", href: `#/event/${encodeURIComponent(ev.event_id)}` },
    typeBadge(ev.type),
    el("span", { class: "alert-event-date", text: formatDate(ev.date) }),
    el("span", { class: "alert-event-summary", text: ev.summary || ev.place || ev.event_id }));
}

/** Render /alerts into `container`; `onPlace(place)` narrows the dashboard to an alert's place. */
export function renderAlerts(container, alerts, { onPlace } = {}) {
  clear(container);
  container.dataset.count = String(alerts.length);
  if (!alerts.length) {
    container.appendChild(el("p", { class: "empty", text: "No unusual activity for these filters." }));
    return;
  }
  for (const alert of alerts) {
    const ratio = alert.expected > 0 ? alert.observed / alert.expected : null;
    const harm = [];
    if (alert.fatalities) harm.push(`${alert.fatalities} killed`);
    if (alert.injured) harm.push(`${alert.injured} injured`);
    const events = alert.events || [];
    const card = el("article", { class: "alert-card", "data-place": alert.place },
      el("header", { class: "alert-head" },
        el("button", { type: "button", class: "alert-place", title: "Show only this place",
          text: alert.place, onclick: () => onPlace && onPlace(alert.place) }),
        el("span", { class: "alert-level", text: [alert.level, countryLabel(alert.country)].filter(Boolean).join(" · ") }),
        el("span", { class: "alert-p", title: `method: ${alert.method || "?"}; score ${formatNumber(alert.score, 2)}`,
          text: `p = ${formatP(alert.p_value)}` })),
      el("div", { class: "alert-window", text: dateRange(alert.window_start, alert.window_end) }),
      el("div", { class: "alert-counts" },
        el("strong", { text: alert.observed }), " events observed vs ",
        el("strong", { text: formatNumber(alert.expected) }), " expected",
        ratio ? el("span", { class: "alert-ratio", text: ` (×${formatNumber(ratio)})` }) : null,
        harm.length ? el("span", { class: "alert-harm", text: ` · ${harm.join(", ")}` }) : null),
      events.length ? el("details", { class: "alert-events", open: events.length <= 4 },
        el("summary", { text: `${events.length} driving event${events.length === 1 ? "" : "s"}` }),
        el("div", { class: "alert-event-list" }, events.map(eventLink))) : null);
    container.appendChild(card);
  }
}

function eventRow(ev) {
  const loc = ev.location || {};
  const place = [loc.name, loc.admin1 && loc.admin1 !== loc.name ? loc.admin1 : null, loc.country]
    .filter(Boolean).join(", ");
  const facts = [];
  if (ev.fatalities) facts.push(`${ev.fatalities} killed`);
  if (ev.injured) facts.push(`${ev.injured} injured`);
  if (ev.arrested) facts.push(`${ev.arrested} arrested`);
  if (ev.sources > 1) facts.push(`${ev.sources} reports`);
  return el("li", { class: "event-row" },
    el("a", { href: `#/event/${encodeURIComponent(ev.event_id)}`, "data-event-id": ev.event_id },
      el("div", { class: "event-row-head" }, typeBadge(ev.type, ev.mode),
        el("span", { class: "event-row-date", text: formatDate(ev.date) })),
      el("div", { class: "event-row-place", text: place || "place unknown" }),
      el("div", { class: "event-row-text", text: (ev.evidence && ev.evidence.text) || "" }),
      facts.length ? el("div", { class: "event-row-facts", text: facts.join(" · ") }) : null));
}

/** Render one page of /events; `append` adds to the list instead of replacing it. */
export function renderEventList(list, page, { append = false } = {}) {
  if (!append) clear(list);
  for (const ev of page.events || []) list.appendChild(eventRow(ev));
  list.dataset.shown = String(list.children.length);
}
