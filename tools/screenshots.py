"""Render the dashboard in headless Chromium and save the screenshots the docs show.

    .venv/bin/python tools/screenshots.py [--db DB] [--out docs/screenshots]

Without --db a throwaway database is built from the demo corpus first (about 20-60 s).
Needs the vendor assets (`make web`), Debian chromium at /usr/bin/chromium (`make browser`)
and the playwright Python package. The e2e tests reuse serve_in_thread() and capture().
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1440, "height": 900}
SHOTS = ("map.png", "map-zoom.png", "alerts.png", "event.png")
# The demo crisis: Kosovo, Serbia and their neighbours fill the map at this zoom.
BALKANS = {"south": 41.6, "west": 18.6, "north": 44.6, "east": 22.9}
# North Kosovo close up, where the offline district boundaries and town names show.
NORTH_KOSOVO = {"south": 42.72, "west": 20.45, "north": 43.2, "east": 21.2}


@contextmanager
def serve_in_thread(db_path: str | Path, startup_s: float = 30.0) -> Iterator[str]:
    """Run the flashpoint API over ``db_path`` on a free loopback port; yields the base URL."""
    import uvicorn

    from flashpoint.web.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(str(db_path)), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the dashboard server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def launch_browser(playwright: Any) -> Any:
    """Headless Debian chromium; the sandbox is off because CI containers run as root."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)


def open_dashboard(page: Any, url: str) -> None:
    """Load ``url`` and wait until the data, the markers and the country outlines are drawn."""
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    page.wait_for_selector("#map[data-countries]", timeout=30_000)
    settle_markers(page)


def settle_markers(page: Any) -> None:
    """Wait until markercluster has finished (re)clustering: while it animates, old and
    new icons are both in the page and a click can land on one being removed."""
    page.wait_for_function(
        "() => { const m = document.querySelector('#map'); const n = Number(m.dataset.markers);"
        " const inClusters = [...document.querySelectorAll("
        "'.leaflet-marker-pane .event-cluster .cluster-count')]"
        ".reduce((s, e) => s + Number(e.textContent), 0);"
        " return inClusters + document.querySelectorAll("
        "'.leaflet-marker-pane .event-marker').length === n; }",
        timeout=15_000,
    )


def zoom_to(page: Any, bounds: dict[str, float]) -> None:
    # The arrow body is a block so that the (huge, circular) map object is not sent back.
    page.evaluate(
        "b => { window.flashpointDashboard.map.fitBounds([[b.south, b.west], [b.north, b.east]],"
        " {animate: false}); }",
        bounds,
    )
    page.wait_for_timeout(400)  # let markercluster re-cluster after the zoom


def capture(browser: Any, base_url: str, out_dir: str | Path) -> list[Path]:
    """Save the SHOTS of the dashboard at ``base_url`` into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport=VIEWPORT)
    try:
        open_dashboard(page, base_url + "/")
        zoom_to(page, BALKANS)
        page.screenshot(path=str(out / "map.png"))
        zoom_to(page, NORTH_KOSOVO)
        page.wait_for_function(
            "() => Number(document.querySelector('#map').dataset.towns) > 0", timeout=15_000
        )
        page.screenshot(path=str(out / "map-zoom.png"))
        zoom_to(page, BALKANS)

        cards = page.locator(".alert-card")
        if cards.count():
            cards.first.locator(".alert-place").click()
            page.wait_for_function(
                "() => document.querySelector('#f-place').value !== ''"
                " && !document.querySelector('#dashboard-view').classList.contains('busy')"
            )
            page.wait_for_timeout(400)
            details = cards.first.locator("details")
            if details.count() and not details.first.evaluate("d => d.open"):
                details.first.locator("summary").click()
        page.screenshot(path=str(out / "alerts.png"))

        # The KFOR clash of 29 May is the demo's central event; any event will do elsewhere.
        links = page.locator(".alert-event, .event-row a")
        clash = links.filter(has_text="peacekeepers clashed")
        (clash if clash.count() else links).first.click()
        page.wait_for_selector(".article-text mark.evidence", timeout=15_000)
        page.wait_for_timeout(200)
        page.screenshot(path=str(out / "event.png"))
    finally:
        page.close()
    return [out / name for name in SHOTS]


def build_demo_db(directory: Path, extra: list[Path] | None = None) -> Path:
    """A fresh event database holding the demo corpus (plus ``extra`` input files)."""
    db = directory / "dashboard.duckdb"
    cmd = [
        sys.executable,
        "-m",
        "flashpoint.cli",
        "ingest",
        "--demo",
        "--db",
        str(db),
        *(str(p) for p in extra or []),
    ]
    subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=REPO)
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="event database to show (default: build one from the demo)")
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else build_demo_db(Path(tmp))
        with serve_in_thread(db) as url, sync_playwright() as pw:
            browser = launch_browser(pw)
            try:
                for path in capture(browser, url, args.out):
                    print(path)
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
