// The dashboard's filters as a query string, so a view can be shared as a link and the
// browser's back button steps through earlier filters. Parameter names are the API's
// (flashpoint.store.filters), so the same string also serves the export links.

/** Filter names in the order they appear in a URL. */
export const FILTER_KEYS = ["since", "until", "type", "country", "place", "actor", "admin1", "admin2",
  "acled_type", "min_fatalities", "q"];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Filters from a query string: every key present, "" when unset. */
export function parseQuery(search) {
  const params = new URLSearchParams(search);
  const out = {};
  for (const key of FILTER_KEYS) out[key] = (params.get(key) || "").trim();
  return out;
}

/** The canonical query string (no "?") of a filter object: fixed order, empty values left out. */
export function toQuery(filters) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = String(filters[key] ?? "").trim();
    if (value) params.set(key, value);
  }
  return params.toString();
}

/** True when a filter object sets anything. */
export function hasFilters(filters) {
  return FILTER_KEYS.some((key) => String(filters[key] ?? "").trim() !== "");
}

/** "" when `value` is empty or an ISO date that exists (YYYY-MM-DD), else a message. */
export function checkIsoDay(value, label) {
  if (!value) return "";
  const problem = `${label} must be a date written YYYY-MM-DD, such as 2023-05-29`;
  if (!ISO_DAY.test(value)) return problem;
  const [y, m, d] = value.split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d ? "" : problem;
}
