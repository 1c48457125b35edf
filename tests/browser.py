"""Shared by the dashboard's browser tests: the skip checks, the screenshot tool they
drive the page with, and a headless Chromium. Each test module keeps its own server.

Tests skip when playwright, /usr/bin/chromium (`make browser`) or the vendor assets
(`make web`) are missing."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
STATIC = REPO / "src" / "flashpoint" / "web" / "static"
VENDOR_FILES = (
    "leaflet/leaflet.js",
    "markercluster/leaflet.markercluster.js",
    "topojson-client/topojson-client.min.js",
    "world-atlas/countries-50m.json",
    "admin1/admin1.json",
    "towns/index.json",
)
# Runs before any page script (Playwright injects it outside the page's policy) and
# records every violation the browser reports.
WATCH_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`));
"""


def load_tool() -> Any:
    """tools/screenshots.py (serve_in_thread, open_dashboard, ...) after the skip checks."""
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    pytest.importorskip("uvicorn", reason="uvicorn is not installed")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is missing (run `make browser`)")
    missing = [f for f in VENDOR_FILES if not (STATIC / "vendor" / f).is_file()]
    if missing:
        pytest.skip(f"dashboard vendor assets missing ({missing[0]}); run `make web`")
    spec = importlib.util.spec_from_file_location("flashpoint_screenshots", REPO / "tools" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def chromium(tool: Any) -> Iterator[Any]:
    """A headless Chromium for the length of the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = tool.launch_browser(pw)
        try:
            yield browser
        finally:
            browser.close()


# The fixtures every browser test module shares; a module imports them by name and
# defines its own module-scoped ``base_url`` (the server), which ``browser`` waits for.
@pytest.fixture(scope="module")
def tool() -> Any:
    return load_tool()


@pytest.fixture(scope="module")
def browser(tool: Any, base_url: str) -> Iterator[Any]:
    with chromium(tool) as opened:
        yield opened
