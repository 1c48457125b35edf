"""End-to-end tests of the dashboard in headless Chromium against a real server.

Skips when playwright, /usr/bin/chromium or the vendor assets (`make web`) are missing.
Set FLASHPOINT_SCREENSHOTS=1 to also rewrite docs/screenshots/.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from browser import REPO, browser, tool  # noqa: F401 (fixtures)

XSS_DOC_ID = "xss-probe-001"
XSS_TITLE = '<img src=x onerror="window.__xss=3"> Police arrest five in Zvecan'
XSS_TEXT = (
    "ZVECAN, July 14 - Kosovo police arrested five men in Zvecan on Friday after a protest "
    "outside the municipal building <script>window.__xss=1</script> turned violent.\n\n"
    'Witnesses said the crowd <img src=x onerror="window.__xss=2"> threw stones at officers, '
    "who used tear gas."
)


@pytest.fixture(scope="module")
def base_url(tool: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over the demo corpus plus one document full of markup, dated after the demo's
    last day so that its events stay events of their own, not reports merged into a demo
    event of the same place and day."""
    work = tmp_path_factory.mktemp("dashboard")
    probe = work / "xss.jsonl"
    probe.write_text(
        json.dumps(
            {
                "id": XSS_DOC_ID,
                "date": "2023-07-14",
                "title": XSS_TITLE,
                "source": "<b>Probe</b> Wire",
                "url": "javascript:window.__xss=4",
                "text": XSS_TEXT,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    db = tool.build_demo_db(work, extra=[probe])
    with tool.serve_in_thread(db) as url:
        yield url


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors
    try:
        yield pg
    finally:
        context.close()


def api(page: Any, base_url: str, path: str, **params: str) -> Any:
    response = page.request.get(base_url + path, params=params or None)
    assert response.ok, f"{path}: {response.status}"
    return response.json()


def total(page: Any) -> int:
    return int(page.locator("#event-total").inner_text())


def pick_type(page: Any, type_: str) -> None:
    """Tick one PLOVER type in the multi-select (each tick filters at once)."""
    page.click("#f-type summary")
    page.check(f"#f-type-options input[value='{type_}']")
    page.click("#f-type summary")


def wait_idle(page: Any) -> None:
    page.wait_for_function(
        "() => !document.querySelector('#dashboard-view').classList.contains('busy')"
        " && document.querySelector('#status').textContent === ''"
    )


def test_map_draws_countries_and_clustered_markers(tool: Any, page: Any, base_url: str) -> None:
    tool.open_dashboard(page, base_url + "/")
    located = api(page, base_url, "/events.geojson")["features"]
    assert int(page.locator("#map").get_attribute("data-markers")) == len(located) > 0
    assert page.locator(".leaflet-overlay-pane path.country").count() > 100
    icons = page.locator(".leaflet-marker-pane .event-cluster, .leaflet-marker-pane .event-marker")
    assert icons.count() > 0
    # while markercluster animates a zoom, old and new cluster icons are both in the DOM
    page.wait_for_function(
        "n => [...document.querySelectorAll('.leaflet-marker-pane .event-cluster .cluster-count')]"
        ".reduce((s, e) => s + Number(e.textContent), 0)"
        " + document.querySelectorAll('.leaflet-marker-pane .event-marker').length === n",
        arg=len(located),
        timeout=10_000,
    )
    cluster_total = sum(int(t) for t in page.locator(".event-cluster .cluster-count").all_inner_texts())
    singles = page.locator(".leaflet-marker-pane .event-marker").count()
    assert cluster_total + singles == len(located)
    assert page.locator(".map-legend .legend-row").count() >= 3
    assert page.locator("#timeline rect.timeline-bar").count() > 5
    assert page.errors == []


def test_filters_change_the_counts(tool: Any, page: Any, base_url: str) -> None:
    tool.open_dashboard(page, base_url + "/")
    everything = api(page, base_url, "/events", limit="1")["total"]
    assert total(page) == everything

    pick_type(page, "ASSAULT")
    assaults = api(page, base_url, "/events", type="ASSAULT", limit="1")["total"]
    page.wait_for_function(
        "n => document.querySelector('#event-total').textContent === String(n)", arg=assaults
    )
    wait_idle(page)
    assert 0 < assaults < everything
    badges = set(
        page.locator("#event-list .type-badge").evaluate_all("els => els.map(e => e.firstChild.textContent)")
    )
    assert badges == {"ASSAULT"}
    mapped = api(page, base_url, "/events.geojson", type="ASSAULT")["features"]
    assert int(page.locator("#map").get_attribute("data-markers")) == len(mapped)

    page.fill("#f-since", "2023-05-26")
    page.fill("#f-until", "2023-05-29")
    page.click("#filters button[type=submit]")
    window = api(
        page, base_url, "/events", type="ASSAULT", since="2023-05-26", until="2023-05-29", limit="1"
    )["total"]
    page.wait_for_function(
        "n => document.querySelector('#event-total').textContent === String(n)", arg=window
    )
    wait_idle(page)
    assert window < assaults
    days = page.locator("#timeline rect.timeline-bar").evaluate_all("els => els.map(e => e.dataset.day)")
    assert days and all("2023-05-26" <= d <= "2023-05-29" for d in days)

    page.click("#f-reset")
    page.wait_for_function(
        "n => document.querySelector('#event-total').textContent === String(n)", arg=everything
    )
    page.fill("#f-place", "Zubin Potok")
    page.press("#f-place", "Enter")
    place = api(page, base_url, "/events", place="Zubin Potok", limit="1")["total"]
    page.wait_for_function("n => document.querySelector('#event-total').textContent === String(n)", arg=place)
    assert 0 < place < everything


def test_timeline_and_its_undated_note_make_the_list_total(tool: Any, page: Any, base_url: str) -> None:
    """The demo has events dated only to a month: the bars plus the note under the
    chart's title give the event list's total, also under filters the map panel has."""
    for query in ("", "?actor=police", "?admin1=Mitrovica&acled_type=Protests"):
        tool.open_dashboard(page, base_url + "/" + query)
        wait_idle(page)
        bars = sum(
            page.locator("#timeline rect.timeline-bar").evaluate_all(
                "els => els.map(e => Number(e.dataset.events))"
            )
        )
        note = page.locator("#timeline-undated")
        undated = int(note.inner_text().split()[1]) if note.is_visible() else 0
        assert 0 < bars and bars + undated == total(page), query
    assert page.errors == []


def test_alert_panel_lists_mitrovica(tool: Any, page: Any, base_url: str) -> None:
    response = page.request.get(base_url + "/alerts")
    if not response.ok:
        pytest.skip(f"/alerts answers {response.status}: the monitor part is not available")
    alerts = response.json()["alerts"]
    if not any(a["place"] == "Mitrovica" for a in alerts):
        pytest.skip("the monitor raises no Mitrovica alert on the demo corpus")
    tool.open_dashboard(page, base_url + "/")
    card = page.locator(".alert-card[data-place='Mitrovica']")
    assert card.count() == 1
    text = card.inner_text()
    assert "observed" in text and "expected" in text and "p =" in text
    links = card.locator("a.alert-event")
    expected = next(a for a in alerts if a["place"] == "Mitrovica")["events"]
    assert links.count() == len(expected) > 0
    assert links.first.get_attribute("href") == f"#/event/{expected[0]['event_id']}"


def test_event_page_marks_the_evidence(tool: Any, page: Any, base_url: str) -> None:
    event = api(page, base_url, "/events", place="Zvečan", type="ASSAULT", limit="1")["events"][0]
    document = api(page, base_url, f"/documents/{event['doc_id']}")
    page.goto(f"{base_url}/#/event/{event['event_id']}")
    page.wait_for_selector(".article-text mark.evidence")
    assert page.locator(".article-text").inner_text().strip() == document["text"].strip()
    assert page.locator(".article-text mark.evidence").inner_text() == event["evidence"]["text"]
    assert page.locator(".event-head").get_attribute("data-event-id") == event["event_id"]
    assert page.locator(".mention").count() >= 1
    facts = page.locator("dl.facts").inner_text()
    assert event["location"]["name"] in facts

    page.click(".back-link")
    page.wait_for_selector("#dashboard-view:not([hidden])")
    assert page.locator("#event-view").is_hidden()


def test_markup_in_a_document_renders_as_text(tool: Any, page: Any, base_url: str) -> None:
    events = api(page, base_url, "/events", limit="500", since="2023-07-14", until="2023-07-14")["events"]
    probe = [e for e in events if e["doc_id"] == XSS_DOC_ID]
    assert probe, "the markup document produced no event"
    scripted = next((e for e in probe if "<script>" in e["evidence"]["text"]), probe[0])

    tool.open_dashboard(page, base_url + "/")
    page.fill("#f-since", "2023-07-14")
    page.fill("#f-until", "2023-07-14")
    page.click("#filters button[type=submit]")
    page.wait_for_selector(f"#event-list a[data-event-id='{scripted['event_id']}']")
    page.goto(f"{base_url}/#/event/{scripted['event_id']}")
    page.wait_for_selector(".article-text mark.evidence")

    article = page.locator(".article-text")
    assert "<script>window.__xss=1</script>" in article.inner_text()
    assert "<img src=x onerror=" in article.inner_text()
    assert article.locator("script, img").count() == 0
    assert page.locator(".article-title").inner_text() == XSS_TITLE
    assert page.locator("#event-view img, #event-view script").count() == 0
    # The javascript: URL must not become a link.
    assert page.locator("#event-view a[href^='javascript']").count() == 0
    page.wait_for_timeout(200)
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert page.errors == []


# The centre of the first icon of this kind that lies inside the map's box: the map fits
# every event, from Washington to Moldova, and an icon drawn off the visible edge (Leaflet
# keeps some in the page) or under the legend or a place label takes no click.
VISIBLE_ICON = """kind => { const m = document.querySelector('#map').getBoundingClientRect();
  for (const e of document.querySelectorAll('.leaflet-marker-pane .' + kind)) {
    const r = e.getBoundingClientRect(); const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const top = document.elementFromPoint(x, y);
    if (x > m.left && x < m.right && y > m.top && y < m.bottom && top && e.contains(top)) return {x, y}; }
  return null; }"""


def click_visible(page: Any, kind: str) -> bool:
    """Click the first ``kind`` icon in view; False when none is."""
    spot = page.evaluate(VISIBLE_ICON, kind)
    if spot is None:
        return False
    page.mouse.click(spot["x"], spot["y"])
    return True


def test_no_request_leaves_the_server(tool: Any, browser: Any, base_url: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1440, "height": 900})
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    try:
        tool.open_dashboard(page, base_url + "/")
        # Every marker may sit in a cluster at the opening zoom: clicking a cluster zooms
        # into it, until single markers show.
        zoomed = False
        for _ in range(4):
            if page.evaluate(VISIBLE_ICON, "event-marker") is not None:
                break
            zoomed = True
            assert click_visible(page, "event-cluster")
            # zoomed in, markers outside the view are not drawn, so settle_markers's
            # count no longer adds up: give the zoom animation its time instead
            page.wait_for_timeout(1000)
        # On a loaded machine the first click can land while markercluster is still
        # moving icons; click again rather than fail on timing.
        for _ in range(3):
            # spiderfied markers may overlap; any marker's popup will do
            click_visible(page, "event-marker")
            try:
                page.wait_for_selector(".leaflet-popup .event-popup", timeout=8_000)
                break
            except PlaywrightTimeout:
                if zoomed:
                    page.wait_for_timeout(1000)
                else:
                    tool.settle_markers(page)
        page.wait_for_selector(".leaflet-popup .event-popup")
        click_visible(page, "event-cluster")
        pick_type(page, "PROTEST")
        wait_idle(page)
        page.locator("#event-list a").first.click()
        page.wait_for_selector(".article-text")
    finally:
        context.close()
    origin = urlsplit(base_url)
    assert len(requested) > 5
    foreign = [
        u for u in requested if (urlsplit(u).scheme, urlsplit(u).netloc) != (origin.scheme, origin.netloc)
    ]
    assert foreign == []


@pytest.fixture(scope="module")
def demo_url(tool: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over the demo corpus alone: the screenshots show what a user of the demo sees."""
    db = tool.build_demo_db(tmp_path_factory.mktemp("screenshots"))
    with tool.serve_in_thread(db) as url:
        yield url


@pytest.mark.skipif(
    os.environ.get("FLASHPOINT_SCREENSHOTS") != "1",
    reason="set FLASHPOINT_SCREENSHOTS=1 to rewrite docs/screenshots",
)
def test_write_screenshots(tool: Any, browser: Any, demo_url: str) -> None:
    for path in tool.capture(browser, demo_url, REPO / "docs" / "screenshots"):
        assert path.stat().st_size > 10_000
