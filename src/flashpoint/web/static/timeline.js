// Events-per-day bar chart drawn as SVG from /stats/timeseries. Days without
// events are filled in as zero so gaps read as quiet periods, not missing data.
// Dragging across the chart picks a date range; a click picks one day.
import { clear, formatDate, svg } from "./dom.js";

const DAY_MS = 86400000;
const MARGIN = { top: 12, right: 14, bottom: 24, left: 34 };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function parseDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Round a maximum up to a tidy axis top (1, 2, 5 × 10^n). */
function niceCeil(value) {
  if (value <= 5) return Math.max(1, Math.ceil(value));
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export class Timeline {
  constructor(container, { onDayClick, onRangeSelect } = {}) {
    this.container = container;
    this.onDayClick = onDayClick || (() => {});
    this.onRangeSelect = onRangeSelect || (() => {});
    this.series = [];
    this.selected = null;
    this.windows = [];
    this.scale = null;
    new ResizeObserver(() => this.render()).observe(container);
  }

  /** `selected`: the {since, until} date range to highlight (ISO days, either may be "");
   * `windows`: alert windows [{start, end, label}] shaded behind the bars. */
  setSeries(series, selected = null, windows = []) {
    this.series = Array.isArray(series) ? series : [];
    this.selected = selected;
    this.windows = windows;
    this.render();
  }

  render() {
    const box = this.container;
    clear(box);
    const width = Math.max(box.clientWidth, 240);
    const height = Math.max(box.clientHeight, 120);
    const days = new Map();
    for (const row of this.series) {
      const day = parseDay(row.period);
      if (day !== null) days.set(day, row);
    }
    const chart = svg("svg", { width, height, class: "timeline-svg", role: "img",
      "aria-label": "Events per day" });
    box.appendChild(chart);
    box.dataset.days = String(days.size);
    if (!days.size) {
      chart.appendChild(svg("text", { x: width / 2, y: height / 2, class: "timeline-empty",
        "text-anchor": "middle", text: "No dated events for these filters" }));
      return;
    }
    const keys = [...days.keys()].sort((a, b) => a - b);
    const first = keys[0] - DAY_MS;
    const last = keys[keys.length - 1] + DAY_MS;
    const span = Math.round((last - first) / DAY_MS) + 1;
    const plotW = width - MARGIN.left - MARGIN.right;
    const plotH = height - MARGIN.top - MARGIN.bottom;
    const step = plotW / span;
    const barW = Math.max(1, step * 0.8);
    const top = niceCeil(Math.max(...[...days.values()].map((r) => r.events || 0)));
    const y = (v) => MARGIN.top + plotH - (v / top) * plotH;
    const x = (ms) => MARGIN.left + Math.round((ms - first) / DAY_MS) * step;
    this.scale = { first, last, step, x, plotH };

    for (const tick of [0, top / 2, top]) {
      if (tick !== Math.round(tick)) continue;
      chart.appendChild(svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(tick), y2: y(tick),
        class: tick === 0 ? "axis-line" : "grid-line" }));
      chart.appendChild(svg("text", { x: MARGIN.left - 6, y: y(tick) + 4, "text-anchor": "end",
        class: "axis-label", text: tick }));
    }
    this.drawDateTicks(chart, first, last, x, height, step);
    for (const w of this.windows || []) {
      const start = Math.max(parseDay(w.start) ?? first, first);
      const end = Math.min(parseDay(w.end) ?? last, last);
      if (end < start) continue;
      const band = svg("rect", { x: x(start), y: MARGIN.top, width: x(end) - x(start) + step, height: plotH,
        class: "alert-band" });
      band.appendChild(svg("title", { text: `Alert: ${w.label} (${formatDate(w.start)} – ${formatDate(w.end)})` }));
      chart.appendChild(band);
      chart.appendChild(svg("text", { x: x(start) + 3, y: MARGIN.top + 10, class: "alert-band-label", text: w.label }));
    }

    const sel = this.selected || {};
    const inRange = (iso) => (sel.since || sel.until) && (!sel.since || iso >= sel.since)
      && (!sel.until || iso <= sel.until);
    for (const day of keys) {
      const row = days.get(day);
      const value = row.events || 0;
      const iso = isoDay(day);
      const bar = svg("rect", {
        x: x(day) + (step - barW) / 2, y: y(value), width: barW, height: Math.max(0, y(0) - y(value)),
        class: "timeline-bar" + (row.fatalities > 0 ? " has-fatalities" : "") + (inRange(iso) ? " selected" : ""),
        "data-day": iso, "data-events": value,
      });
      const parts = [`${formatDate(iso)}: ${value} event${value === 1 ? "" : "s"}`];
      if (row.fatalities) parts.push(`${row.fatalities} killed`);
      if (row.injured) parts.push(`${row.injured} injured`);
      if (row.arrested) parts.push(`${row.arrested} arrested`);
      bar.appendChild(svg("title", { text: parts.join(", ") + " — click for this day, drag for a range" }));
      chart.appendChild(bar);
    }
    this.brush = svg("rect", { x: 0, y: MARGIN.top, width: 0, height: plotH, class: "timeline-brush",
      visibility: "hidden" });
    chart.appendChild(this.brush);
    this.listen(chart);
  }

  /** The ISO day under container x-coordinate `px`, clamped to the drawn span. */
  dayAt(px) {
    const { first, last, step } = this.scale;
    const index = Math.floor((px - MARGIN.left) / step);
    return isoDay(Math.min(Math.max(first + index * DAY_MS, first), last));
  }

  /** Pointer handling for the range brush: press, drag, release. */
  listen(chart) {
    let start = null;
    const localX = (event) => event.clientX - chart.getBoundingClientRect().left;
    const drawBrush = (a, b) => {
      const { x, step } = this.scale;
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      this.brush.setAttribute("x", x(parseDay(lo)));
      this.brush.setAttribute("width", x(parseDay(hi)) - x(parseDay(lo)) + step);
      this.brush.setAttribute("visibility", "visible");
    };
    chart.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      start = this.dayAt(localX(event));
      chart.setPointerCapture(event.pointerId);
      drawBrush(start, start);
    });
    chart.addEventListener("pointermove", (event) => {
      if (start !== null) drawBrush(start, this.dayAt(localX(event)));
    });
    chart.addEventListener("pointerup", (event) => {
      if (start === null) return;
      const end = this.dayAt(localX(event));
      const [lo, hi] = start <= end ? [start, end] : [end, start];
      start = null;
      if (lo === hi) this.onDayClick(lo);
      else this.onRangeSelect(lo, hi);
    });
    chart.addEventListener("pointercancel", () => {
      start = null;
      this.brush.setAttribute("visibility", "hidden");
    });
  }

  /** Month starts when the span is long, otherwise every Monday (or every day when very short). */
  drawDateTicks(chart, first, last, x, height, step) {
    const spanDays = (last - first) / DAY_MS;
    const ticks = [];
    for (let ms = first; ms <= last; ms += DAY_MS) {
      const d = new Date(ms);
      if (spanDays > 120 ? d.getUTCDate() === 1 : spanDays > 14 ? d.getUTCDay() === 1 : true) ticks.push(ms);
    }
    let lastRight = -Infinity;
    for (const ms of ticks) {
      const d = new Date(ms);
      const label = spanDays > 120 ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
        : `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
      const cx = x(ms) + step / 2;
      if (cx - label.length * 3.2 < lastRight + 6) continue;  // keep labels from overlapping
      lastRight = cx + label.length * 3.2;
      chart.appendChild(svg("line", { x1: cx, x2: cx, y1: height - MARGIN.bottom, y2: height - MARGIN.bottom + 4,
        class: "axis-line" }));
      chart.appendChild(svg("text", { x: cx, y: height - MARGIN.bottom + 16, "text-anchor": "middle",
        class: "axis-label", text: label }));
    }
  }
}
