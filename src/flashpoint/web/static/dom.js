// DOM and fetch helpers. Untrusted strings (article text, titles, actor names,
// anything from the API) only ever reach the page as text nodes: el() sets
// textContent, never innerHTML.

/** Create an element; `props` sets className/attributes, children are nodes or strings (as text). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "style") Object.assign(node.style, value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

/** Append nodes and strings (as text nodes), skipping null/undefined/false. */
export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** An SVG element (namespaced) with attributes. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** `url` when it is an http(s) link, else null: a javascript: or data: URL never becomes an href. */
export function safeHref(url) {
  if (typeof url !== "string" || !url) return null;
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An external link that opens in a new tab and leaks no referrer; plain text when the URL is unsafe. */
export function externalLink(url, label) {
  const href = safeHref(url);
  if (!href) return el("span", { text: label || url || "" });
  return el("a", { href, target: "_blank", rel: "noopener noreferrer", text: label || url });
}

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GET a JSON path on this server; empty parameters are left out of the query string. */
export async function getJSON(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  }
  const qs = query.toString();
  const response = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      if (body && body.detail) detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    } catch { /* not JSON: keep the status text */ }
    throw new HttpError(response.status, `${path}: ${response.status} ${detail}`);
  }
  return response.json();
}

/** UTF-16 index of code point offset `cp` in `text` (the store counts offsets as Python does, in code points). */
export function codePointToIndex(text, cp) {
  if (!/[\uD800-\uDFFF]/.test(text)) return Math.max(0, Math.min(cp, text.length));
  let index = 0;
  for (let seen = 0; seen < cp && index < text.length; seen++) {
    const code = text.charCodeAt(index);
    index += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return index;
}

/**
 * Where the evidence sits in `text` as a UTF-16 [start, end) range, or null.
 * Trusts the stored offsets when they reproduce the evidence text, otherwise
 * falls back to searching for the evidence sentence.
 */
export function locateSpan(text, span) {
  if (!span || typeof text !== "string") return null;
  if (Number.isInteger(span.start) && Number.isInteger(span.end) && span.end > span.start) {
    const start = codePointToIndex(text, span.start);
    const end = codePointToIndex(text, span.end);
    if (!span.text || text.slice(start, end) === span.text) return [start, end];
  }
  if (span.text) {
    const found = text.indexOf(span.text);
    if (found >= 0) return [found, found + span.text.length];
  }
  return null;
}

/**
 * Text nodes for `text` with the [start, end) range wrapped in <mark>:
 * before, the mark, after. `inner` optionally bolds a sub-range (the trigger).
 */
export function highlightNodes(text, range, inner = null) {
  if (!range) return [document.createTextNode(text)];
  const [start, end] = range;
  const mark = el("mark", { class: "evidence" });
  const marked = text.slice(start, end);
  if (inner && inner[0] >= start && inner[1] <= end && inner[1] > inner[0]) {
    append(mark, [
      marked.slice(0, inner[0] - start),
      el("strong", { class: "trigger", text: marked.slice(inner[0] - start, inner[1] - start) }),
      marked.slice(inner[1] - start),
    ]);
  } else {
    mark.textContent = marked;
  }
  return [document.createTextNode(text.slice(0, start)), mark, document.createTextNode(text.slice(end))];
}

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" });
  } catch {
    return null;
  }
})();

/** "Kosovo (XK)" for an ISO code when the browser knows the name, else the code. */
export function countryLabel(code) {
  if (!code) return "";
  try {
    const name = regionNames && regionNames.of(code.toUpperCase());
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "29 May 2023" / "May 2023" / "2023" from an ISO date prefix; other strings unchanged. */
export function formatDate(iso) {
  if (!iso) return "undated";
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  if (m[3]) return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  if (m[2]) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  return m[1];
}

export function formatNumber(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return Number.isInteger(value) ? String(value) : Number(value).toFixed(digits);
}

/** p-values span many orders of magnitude: "0.032", "1.2e-5". */
export function formatP(p) {
  if (p === null || p === undefined) return "–";
  if (p >= 0.001) return p.toFixed(3);
  return p.toExponential(1);
}
