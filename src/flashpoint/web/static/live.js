// Live updates: the server sends a "change" event on /live whenever documents or
// events are stored (by `serve --watch` or a POST), and the dashboard reloads its
// data in place. A feeds panel shows /status while a watcher runs.
import { clear, el, getJSON } from "./dom.js";

const SETTLE_MS = 400; // several documents stored in a row give one reload, not several

export function startLive(onChange, sideColumn) {
  if (!window.EventSource) return;
  const panel = el("section", { class: "panel feeds-panel", id: "watch-status", hidden: true });
  sideColumn.appendChild(panel);
  let timer = null;
  const update = () => {
    onChange();
    showStatus(panel);
  };
  const source = new EventSource("/live");
  source.addEventListener("change", () => {
    clearTimeout(timer);
    timer = setTimeout(update, SETTLE_MS);
  });
  source.addEventListener("hello", () => showStatus(panel));
}

async function showStatus(panel) {
  let status;
  try {
    status = await getJSON("/status", {});
  } catch {
    return; // the panel is a convenience: the dashboard works without it
  }
  const feeds = status.feeds || [];
  panel.hidden = !status.watching && feeds.length === 0;
  clear(panel);
  panel.appendChild(el("h2", { text: "Feeds " },
    el("span", { class: "hint", text: status.watching ? "followed live" : "not followed now" })));
  const list = el("ul", { class: "feed-list" });
  for (const f of feeds) {
    const errors = f.last_error ? ` — error: ${f.last_error}` : "";
    list.appendChild(el("li", { class: f.last_status === "error" ? "feed error" : "feed" },
      el("strong", { text: f.name || f.url }),
      el("span", { text: ` ${f.last_fetch || "never"}: ${f.new_items} new, ${f.errors_total} errors${errors}` })));
  }
  panel.appendChild(list);
}
