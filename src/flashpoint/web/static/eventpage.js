// The event page (#/event/{id}): coded fields, the reports merged into the
// event, and the article text with the evidence sentence marked.
import {
  append, clear, countryLabel, el, externalLink, formatDate, formatNumber, getJSON, highlightNodes, locateSpan,
} from "./dom.js";
import { typeBadge } from "./types.js";

function actorList(actors) {
  if (!actors || !actors.length) return el("span", { class: "muted", text: "none coded" });
  return el("ul", { class: "actor-list" }, actors.map((a) => el("li", {},
    el("span", { class: "actor-name", text: a.name || a.text || "?" }),
    a.text && a.name && a.text !== a.name ? el("span", { class: "muted", text: ` “${a.text}”` }) : null,
    [a.country, a.sector].filter(Boolean).length
      ? el("span", { class: "actor-code", text: [a.country, a.sector].filter(Boolean).join(" ") }) : null)));
}

function placeBlock(loc) {
  if (!loc || !loc.name) return el("span", { class: "muted", text: "not located" });
  const admin = [loc.admin2, loc.admin1].filter((v) => v && v !== loc.name);
  return el("div", {},
    el("div", { class: "place-name", text: loc.name }),
    admin.length ? el("div", { text: admin.join(", ") }) : null,
    loc.country ? el("div", { text: countryLabel(loc.country) }) : null,
    loc.lat !== null && loc.lat !== undefined
      ? el("div", { class: "muted mono", text: `${Number(loc.lat).toFixed(4)}, ${Number(loc.lon).toFixed(4)}` }) : null,
    loc.text && loc.text !== loc.name ? el("div", { class: "muted", text: `as written: “${loc.text}”` }) : null);
}

function countBlock(ev) {
  const items = [["killed", ev.fatalities], ["injured", ev.injured], ["arrested", ev.arrested], ["size", ev.size]]
    .filter(([, v]) => v !== null && v !== undefined);
  if (!items.length) return el("span", { class: "muted", text: "no counts reported" });
  return el("div", { class: "count-chips" }, items.map(([label, value]) =>
    el("span", { class: "count-chip" }, el("strong", { text: value }), ` ${label}`)));
}

/** Outlet and publication day of a report, and the day it dates the event when that is
 * another day ("a day after the clashes ...": published 30 May, tells of 29 May). */
function mentionByline(m) {
  const published = m.published || m.date;
  const told = m.date && m.published && m.date !== m.published ? `event ${formatDate(m.date)}` : null;
  return [m.source, formatDate(published), told].filter(Boolean).join(" · ");
}

function mentionHeading(ev) {
  const mentions = (ev.mentions || []).length;
  const docs = new Set((ev.mentions || []).map((m) => m.doc_id)).size;
  return `Mentions (${mentions} in ${docs} article${docs === 1 ? "" : "s"})`;
}

const TRACE_FIELDS = { type: "Type", acled: "ACLED", place: "Place", date: "Date",
  fatalities: "Killed", injured: "Injured", arrested: "Arrested", size: "Size" };

// What decided each field (stored by `ingest --explain`): one row per step, with the
// rule or model, why, and the words it read with their offsets in the article.
function tracePanel(trace) {
  if (!trace || !trace.length) return null;
  const rows = trace.map((d) => el("li", { class: "trace-step", "data-field": d.field },
    el("strong", { text: TRACE_FIELDS[d.field] || d.field }), " ",
    el("span", { class: "trace-by", text: d.decided_by }), ": ",
    el("span", { text: d.reason }),
    (d.words || []).length ? el("div", { class: "muted" }, (d.words || []).map((w, i) =>
      el("span", {}, i ? ", " : "", `“${w.text.length > 60 ? `${w.text.slice(0, 59)}…` : w.text}” `,
        el("span", { class: "mono", text: `[${w.start}:${w.end}]` })))) : null));
  return el("section", { class: "panel trace-panel" },
    el("details", {}, el("summary", { text: "What decided each field" }),
      el("ol", { class: "trace-list" }, rows)));
}

function fact(label, value) {
  return [el("dt", { text: label }), el("dd", {}, value instanceof Node ? value : el("span", { text: value ?? "–" }))];
}

export class EventPage {
  constructor(root) {
    this.root = root;
    this.generation = 0;
  }

  async show(eventId) {
    const generation = ++this.generation;
    clear(this.root);
    this.root.appendChild(el("p", { class: "loading", text: "Loading event…" }));
    let ev;
    try {
      ev = await getJSON(`/events/${encodeURIComponent(eventId)}`);
    } catch (err) {
      if (generation !== this.generation) return;
      clear(this.root);
      append(this.root, [el("a", { class: "back-link", href: "#/", text: "← Dashboard" }),
        el("p", { class: "error", text: err.status === 404 ? `No event ${eventId}.` : String(err.message) })]);
      return;
    }
    if (generation !== this.generation) return;
    this.render(ev);
    const own = (ev.mentions || []).find((m) => m.event_id === ev.event_id);
    await this.showDocument(ev.doc_id, own ? own.evidence : ev.evidence, ev.trigger, ev.event_id);
  }

  render(ev) {
    clear(this.root);
    const loc = ev.location || {};
    const acled = [ev.acled_event_type, ev.acled_sub_event_type].filter(Boolean).join(" / ");
    this.articleBox = el("section", { class: "article-panel panel" });
    this.mentionList = el("ol", { class: "mention-list" });
    const facts = el("dl", { class: "facts" },
      fact("Date", `${formatDate(ev.date)}${ev.date_precision && ev.date_precision !== "day" ? ` (${ev.date_precision})` : ""}`
        + (ev.date_text ? ` — “${ev.date_text}”` : "")),
      fact("Place", placeBlock(loc)),
      fact("Actors", actorList(ev.actors)),
      fact("Recipients", actorList(ev.recipients)),
      fact("Counts", countBlock(ev)),
      fact("Trigger", ev.trigger && ev.trigger.text ? `“${ev.trigger.text}”` : "–"),
      fact("Confidence", formatNumber(ev.confidence, 2)),
      acled ? fact("ACLED", acled) : null,
      fact("Articles", `${ev.sources || 1} reporting this event`),
      fact("Event id", el("span", { class: "mono", text: ev.event_id })),
      ev.cluster_id && ev.cluster_id !== ev.event_id ? fact("Cluster", el("span", { class: "mono", text: ev.cluster_id })) : null);

    for (const m of ev.mentions || []) this.mentionList.appendChild(this.mentionRow(m, ev));
    const reasons = (ev.merge_reasons || []).map((r) => el("li", {},
      el("span", { class: "mono", text: r.other_event_id }), ": ", el("span", { text: r.reason })));

    append(this.root, [
      el("a", { class: "back-link", href: "#/", text: "← Dashboard" }),
      el("header", { class: "event-head", "data-event-id": ev.event_id },
        el("h1", {}, typeBadge(ev.type, ev.mode),
          el("span", { class: "event-title", text: [loc.name, formatDate(ev.date)].filter(Boolean).join(" · ") })),
        ev.evidence && ev.evidence.text ? el("p", { class: "event-lede", text: ev.evidence.text }) : null),
      el("div", { class: "event-grid" },
        el("div", { class: "event-side" },
          el("section", { class: "panel" }, el("h2", { text: "Coded event" }), facts),
          el("section", { class: "panel" },
            el("h2", { text: mentionHeading(ev) }), this.mentionList,
            reasons.length ? el("details", { class: "merge-reasons" },
              el("summary", { text: "Why these reports were merged" }), el("ul", {}, reasons)) : null),
          tracePanel(ev.explain)),
        this.articleBox)]);
  }

  mentionRow(m, ev) {
    const button = el("button", { type: "button", class: "mention-show", text: "Show text",
      onclick: () => this.showDocument(m.doc_id, m.evidence, m.event_id === ev.event_id ? ev.trigger : null, m.event_id) });
    return el("li", { class: "mention", "data-doc-id": m.doc_id, "data-event-id": m.event_id },
      el("div", { class: "mention-title", text: m.title || m.doc_id }),
      el("div", { class: "mention-meta" },
        el("span", { text: mentionByline(m) }),
        m.url ? externalLink(m.url, "original ↗") : null),
      m.evidence && m.evidence.text ? el("blockquote", { text: m.evidence.text }) : null,
      button);
  }

  /** Load a document and show its text with `evidence` (and the trigger inside it) marked. */
  async showDocument(docId, evidence, trigger, eventId) {
    const box = this.articleBox;
    if (!box) return;
    for (const li of this.mentionList.children) li.classList.toggle("active", li.dataset.eventId === eventId);
    clear(box).appendChild(el("p", { class: "loading", text: "Loading article…" }));
    let doc;
    try {
      doc = await getJSON(`/documents/${encodeURIComponent(docId)}`);
    } catch (err) {
      clear(box).appendChild(el("p", { class: "error", text: `Article ${docId} unavailable: ${err.message}` }));
      return;
    }
    const text = typeof doc.text === "string" ? doc.text : "";
    const range = locateSpan(text, evidence);
    const trig = range && trigger ? locateSpan(text, trigger) : null;
    const body = el("div", { class: "article-text", "data-doc-id": doc.id || docId });
    for (const node of highlightNodes(text, range, trig)) body.appendChild(node);
    append(clear(box), [
      el("h2", { class: "article-title", text: doc.title || docId }),
      el("div", { class: "article-meta" },
        el("span", { text: [doc.source, formatDate(doc.date)].filter(Boolean).join(" · ") }),
        doc.url ? externalLink(doc.url, "original ↗") : null),
      range ? null : el("p", { class: "muted", text: "The evidence span could not be located in this text." }),
      body]);
    const mark = body.querySelector("mark");
    if (mark) body.scrollTop = Math.max(0, mark.offsetTop - body.clientHeight / 3);  // .article-text is position: relative
  }
}
