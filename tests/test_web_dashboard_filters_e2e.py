"""The dashboard's filters, map and exports in headless Chromium (issue 17 point 6), over
a small database of invented events: filters kept in the URL with a working back button,
the map fitted to the data, marker size following fatalities, area-level events drawn
unlike town events, the offline admin-1 and town layers on zoom, the timeline's date
range, export links, the "no results" message and ISO date fields, all under the CSP
header with no policy violation.

Skips like tests/test_web_dashboard_e2e.py (see tests/browser.py)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from browser import WATCH_VIOLATIONS, browser, tool  # noqa: F401 (fixtures)
from flashpoint.models import Actor, Document, Event, Location, Mention
from flashpoint.store import EventStore

FIRST_DAY = date(2023, 5, 1)
# Invented places on a line, far enough apart that markers do not cluster once the map
# is fitted to them.
TOWNS = [
    Location(
        f"Town {i}",
        f"Town {i}",
        42.2,
        19.6 + 0.45 * i,
        "XK",
        admin1=f"Province {i % 2}",
        admin2=f"District {i}",
        precision=1,
    )
    for i in range(6)
]
PROVINCE = Location("Province 0", "Province 0", 43.0, 20.5, "XK", admin1="Province 0", precision=3)
COUNTRY = Location("Kosovo", "Kosovo", 41.6, 21.2, "XK", precision=4)
FATALITIES = (None, 1, 4, 9, 25, 60)
TYPES = ("ASSAULT", "PROTEST", "COERCE")
ACLED = {
    "ASSAULT": ("Battles", "Armed clash"),
    "PROTEST": ("Protests", "Peaceful protest"),
    "COERCE": ("Strategic developments", "Arrests"),
}


def _event(
    n: int, day: date, place: Location, type_: str, killed: int | None, actor: str
) -> tuple[Document, list[Event]]:
    text = f"Item {n}: {actor} and residents met near {place.name} on {day}."
    doc = Document(id=f"item-{n}", text=text, source="desk", title=f"Item {n}", date=day)
    acled, sub = ACLED[type_]
    event = Event(
        doc_id=doc.id,
        event_id=Event.make_id(doc.id, type_, 0, len(text), place.name),
        type=type_,
        mode=None,
        evidence=Mention(text, 0, len(text)),
        acled_event_type=acled,
        acled_sub_event_type=sub,
        date=day.isoformat(),
        date_precision="day",
        actors=(Actor(actor, actor, None, "MIL"),),
        location=place,
        fatalities=killed,
    )
    return doc, [event]


def build_db(path: Path) -> Path:
    """Six town events with 0 to 60 killed, one province-level and one country-level event,
    on different days of May 2023; every other one names KFOR as its actor."""
    items = [
        _event(
            i,
            FIRST_DAY + timedelta(days=3 * i),
            town,
            TYPES[i % 3],
            FATALITIES[i],
            "KFOR" if i % 2 else f"Unit {i}",
        )
        for i, town in enumerate(TOWNS)
    ]
    items.append(_event(6, date(2023, 5, 20), PROVINCE, "PROTEST", None, "Unit 6"))
    items.append(_event(7, date(2023, 5, 25), COUNTRY, "COERCE", None, "KFOR"))
    with EventStore(path) as store:
        store.ingest(items)
    return path


@pytest.fixture(scope="module")
def base_url(tool: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_db(tmp_path_factory.mktemp("filters") / "events.duckdb")
    with tool.serve_in_thread(db) as url:
        yield url


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    # A German locale: dates must still read and type as ISO days.
    context = browser.new_context(
        viewport={"width": 1440, "height": 900}, locale="de-DE", accept_downloads=True
    )
    context.add_init_script(WATCH_VIOLATIONS)
    pg = context.new_page()
    pg.problems = []
    pg.on("pageerror", lambda exc: pg.problems.append(f"page error: {exc}"))
    try:
        yield pg
    finally:
        context.close()


def problems(page: Any) -> list[str]:
    return page.evaluate("() => window.__csp") + page.problems


def api_total(page: Any, base_url: str, **params: str) -> int:
    response = page.request.get(base_url + "/events", params={**params, "limit": "1"})
    assert response.ok, response.text()
    return response.json()["total"]


def wait_total(page: Any, n: int) -> None:
    page.wait_for_function(
        "n => document.querySelector('#event-total').textContent === String(n)"
        " && !document.querySelector('#dashboard-view').classList.contains('busy')",
        arg=n,
        timeout=15_000,
    )


def url_filters(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def open_page(tool: Any, page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    page.wait_for_selector("#map[data-countries]", timeout=30_000)
    tool.settle_markers(page)


def tick(page: Any, *types: str) -> None:
    page.click("#f-type summary")
    for type_ in types:
        page.click(f"#f-type-options input[value='{type_}']")
    page.click("#f-type summary")


def test_filters_live_in_the_url_and_back_restores_them(tool: Any, page: Any, base_url: str) -> None:
    open_page(tool, page, base_url + "/")
    everything = api_total(page, base_url)
    assert everything == 8 and url_filters(page) == {}

    tick(page, "ASSAULT")
    wait_total(page, api_total(page, base_url, type="ASSAULT"))
    assert url_filters(page) == {"type": ["ASSAULT"]}
    tick(page, "PROTEST")
    both = api_total(page, base_url, type="ASSAULT,PROTEST")
    wait_total(page, both)
    assert url_filters(page) == {"type": ["ASSAULT,PROTEST"]}
    assert page.locator("#f-type-summary").inner_text() == "ASSAULT, PROTEST"
    badges = set(
        page.locator("#event-list .type-badge").evaluate_all("els => els.map(e => e.firstChild.textContent)")
    )
    assert badges == {"ASSAULT", "PROTEST"}

    page.go_back()
    wait_total(page, api_total(page, base_url, type="ASSAULT"))
    assert url_filters(page) == {"type": ["ASSAULT"]}
    checked = page.locator("#f-type-options input:checked")
    assert checked.evaluate_all("els => els.map(e => e.value)") == ["ASSAULT"]
    page.go_back()
    wait_total(page, everything)
    assert page.locator("#f-type-options input:checked").count() == 0
    page.go_forward()
    wait_total(page, api_total(page, base_url, type="ASSAULT"))

    # A shared link opens with its filters in the controls and the counts they give.
    link = f"{base_url}/?since=2023-05-04&type=ASSAULT,COERCE&actor=KFOR&acled_type=Strategic+developments"
    open_page(tool, page, link)
    expected = api_total(
        page,
        base_url,
        since="2023-05-04",
        type="ASSAULT,COERCE",
        actor="KFOR",
        acled_type="Strategic developments",
    )
    wait_total(page, expected)
    assert 0 < expected < everything
    assert page.locator("#f-since").input_value() == "2023-05-04"
    assert page.locator("#f-actor").input_value() == "KFOR"
    assert page.locator("#f-acled").input_value() == "Strategic developments"
    assert problems(page) == []


def test_each_filter_control_matches_the_api(tool: Any, page: Any, base_url: str) -> None:
    open_page(tool, page, base_url + "/")
    for selector, value, param in (
        ("#f-actor", "kfor", "actor"),
        ("#f-admin1", "Province 1", "admin1"),
        ("#f-admin2", "District 2", "admin2"),
        ("#f-q", "Town 3", "q"),
        ("#f-min-fatalities", "9", "min_fatalities"),
    ):
        page.click("#f-reset")
        wait_total(page, 8)
        page.fill(selector, value)
        page.click("#filters button[type=submit]")
        expected = api_total(page, base_url, **{param: value})
        wait_total(page, expected)
        assert 0 < expected < 8, param
        assert url_filters(page) == {param: [value]}
    page.click("#f-reset")
    page.select_option("#f-acled", "Protests")
    wait_total(page, api_total(page, base_url, acled_type="Protests"))
    assert problems(page) == []


def bar_events(page: Any) -> int:
    return sum(
        page.locator("#timeline rect.timeline-bar").evaluate_all(
            "els => els.map(e => Number(e.dataset.events))"
        )
    )


def test_timeline_counts_what_the_list_holds_under_every_filter(tool: Any, page: Any, base_url: str) -> None:
    # Every event of this database is dated to a day, so the bars add up to the list.
    open_page(tool, page, base_url + "/")
    assert bar_events(page) == 8
    for params in (
        {"actor": "KFOR"},
        {"admin1": "Province 1"},
        {"admin2": "District 2"},
        {"acled_type": "Protests"},
        {"min_fatalities": "9"},
        {"q": "Town 3"},
        {"actor": "KFOR", "min_fatalities": "1", "type": "ASSAULT,COERCE"},
    ):
        query = "&".join(f"{k}={v}" for k, v in params.items())
        open_page(tool, page, f"{base_url}/?{query}")
        expected = api_total(page, base_url, **params)
        wait_total(page, expected)
        assert 0 < expected < 8, params
        series = page.request.get(base_url + "/stats/timeseries", params=params).json()
        assert sum(p["events"] for p in series["series"]) == expected, params
        assert bar_events(page) == expected, params
    assert page.locator("#timeline-note").count() == 0  # no "counts here leave out" note
    assert problems(page) == []


def test_map_fits_the_data_and_sizes_markers_by_fatalities(tool: Any, page: Any, base_url: str) -> None:
    open_page(tool, page, base_url + "/")
    features = page.request.get(base_url + "/events.geojson").json()["features"]
    points = [f["geometry"]["coordinates"][::-1] for f in features]
    inside = page.evaluate(
        "pts => pts.map(p => window.flashpointDashboard.map.getBounds().contains(p))", points
    )
    assert all(inside)
    # fitted, not the opening world view: the data spans about 2.5 degrees
    assert page.evaluate("() => window.flashpointDashboard.map.getZoom()") >= 6

    dots = page.locator(".leaflet-marker-pane .event-marker .event-dot")
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-marker-pane .event-marker').length === 8"
    )
    sizes = {}
    kinds = {}
    for i in range(dots.count()):
        dot = dots.nth(i)
        kind = dot.get_attribute("data-kind")
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind == "town":
            sizes[int(dot.get_attribute("data-fatalities"))] = dot.bounding_box()["width"]
    assert sorted(sizes) == [0, 1, 4, 9, 25, 60]
    widths = [sizes[k] for k in sorted(sizes)]
    assert widths == sorted(widths) and widths[0] < widths[-1] and len(set(widths)) == len(widths)
    assert kinds == {"town": 6, "admin": 1, "country": 1}

    # Area-level events are rings (hollow) and country-level ones dashed; towns are solid dots.
    style = "e => { const s = getComputedStyle(e); return [s.borderTopStyle, s.backgroundColor]; }"
    town = page.locator(".event-dot.precision-town").first.evaluate(style)
    admin = page.locator(".event-dot.precision-admin").first.evaluate(style)
    country = page.locator(".event-dot.precision-country").first.evaluate(style)
    assert country[0] == "dashed" and admin[0] == "solid" and town[0] == "solid"
    assert town[1] != admin[1] and admin[1].startswith("rgba("), admin  # see-through fill
    assert problems(page) == []


def test_admin1_and_towns_appear_on_zoom(tool: Any, page: Any, base_url: str) -> None:
    open_page(tool, page, base_url + "/")
    view = page.locator("#map")

    def zoom(lat: float, lon: float, level: int) -> None:
        page.evaluate(
            "a => { window.flashpointDashboard.map.setView([a[0], a[1]], a[2], {animate: false}); }",
            [lat, lon, level],
        )
        page.wait_for_function(
            "z => window.flashpointDashboard.map.getZoom() === z"
            " && document.querySelector('#map').dataset.admin1 !== undefined",
            arg=level,
        )
        page.wait_for_timeout(300)

    zoom(42.9, 20.9, 4)
    page.wait_for_function("() => document.querySelector('#map').dataset.admin1 === '0'")
    assert page.locator("path.admin1").count() == 0 and page.locator(".town-label").count() == 0

    zoom(42.9, 20.9, 7)
    page.wait_for_function("() => Number(document.querySelector('#map').dataset.admin1) > 0", timeout=20_000)
    assert page.locator(".leaflet-overlay-pane path.admin1, .leaflet-admin1-pane path.admin1").count() > 5
    assert page.locator(".town-label").count() == 0

    zoom(42.89, 20.87, 11)
    page.wait_for_function("() => Number(document.querySelector('#map').dataset.towns) > 0", timeout=20_000)
    names = page.locator(".town-label").all_inner_texts()
    assert any(n.startswith("Mitrovic") for n in names), names
    assert view.get_attribute("data-reference-error") is None
    assert problems(page) == []


def test_timeline_drag_picks_a_date_range(tool: Any, page: Any, base_url: str) -> None:
    open_page(tool, page, base_url + "/")
    bars = page.locator("#timeline rect.timeline-bar")
    days = bars.evaluate_all("els => els.map(e => e.dataset.day)")
    # Empty days have bars of no height: aim at their x, halfway up the chart.
    chart = page.locator("#timeline svg").bounding_box()
    middle = chart["y"] + chart["height"] / 2
    xs = [
        bars.nth(i).evaluate("e => { const b = e.getBoundingClientRect(); return b.x + b.width / 2; }")
        for i in (0, 2)
    ]
    page.mouse.move(xs[0], middle)
    page.mouse.down()
    page.mouse.move(xs[1], middle, steps=4)
    page.mouse.up()
    expected = api_total(page, base_url, since=days[0], until=days[2])
    wait_total(page, expected)
    assert page.locator("#f-since").input_value() == days[0]
    assert page.locator("#f-until").input_value() == days[2]
    assert url_filters(page) == {"since": [days[0]], "until": [days[2]]}
    assert page.locator("#range-label").inner_text() == f"{days[0]} to {days[2]}"
    # the chart now spans the chosen range only
    shown = page.locator("#timeline rect.timeline-bar").evaluate_all("els => els.map(e => e.dataset.day)")
    assert shown and all(days[0] <= d <= days[2] for d in shown)

    page.click("#range-clear")
    wait_total(page, 8)
    assert page.locator("#f-since").input_value() == "" and page.locator("#range-clear").is_hidden()


def test_dates_are_iso_whatever_the_locale(tool: Any, page: Any, base_url: str) -> None:
    open_page(tool, page, base_url + "/")
    for field in ("#f-since", "#f-until"):
        assert page.locator(field).get_attribute("type") == "text"
        assert page.locator(field).get_attribute("placeholder") == "YYYY-MM-DD"
    page.locator("#timeline rect.timeline-bar").first.click()
    page.wait_for_function("() => document.querySelector('#f-since').value !== ''")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.locator("#f-since").input_value())
    assert page.locator("#f-until").input_value() == page.locator("#f-since").input_value()

    before = page.url
    page.fill("#f-since", "05/04/2023")
    page.click("#filters button[type=submit]")
    page.wait_for_function("() => document.querySelector('#status').classList.contains('error')")
    assert "YYYY-MM-DD" in page.locator("#status").inner_text()
    assert page.url == before
    page.fill("#f-since", "2023-02-30")
    page.click("#filters button[type=submit]")
    assert "YYYY-MM-DD" in page.locator("#status").inner_text()
    page.fill("#f-since", "2023-05-10")
    page.fill("#f-until", "2023-05-01")
    page.click("#filters button[type=submit]")
    assert page.locator("#status").inner_text() == "From is later than To"
    assert page.url == before


def test_export_links_carry_the_filters(tool: Any, page: Any, base_url: str) -> None:
    open_page(tool, page, base_url + "/?actor=KFOR")
    expected = api_total(page, base_url, actor="KFOR")
    wait_total(page, expected)
    for link, path in (
        ("#export-csv", "/events.csv"),
        ("#export-acled", "/events.acled.csv"),
        ("#export-geojson", "/events.geojson"),
    ):
        assert page.locator(link).get_attribute("href") == f"{path}?actor=KFOR"
    with page.expect_download() as download:
        page.click("#export-acled")
    assert download.value.suggested_filename == "events.acled.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == expected and "event_id_cnty" in rows[0]
    with page.expect_download() as download:
        page.click("#export-csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == expected
    geo = page.request.get(base_url + page.locator("#export-geojson").get_attribute("href")).json()
    assert len(geo["features"]) == expected
    assert problems(page) == []


def test_no_results_message(tool: Any, page: Any, base_url: str) -> None:
    open_page(tool, page, base_url + "/")
    assert page.locator("#no-results").is_hidden() and page.locator("#map-empty").is_hidden()
    page.fill("#f-q", "no such words anywhere")
    page.press("#f-q", "Enter")
    wait_total(page, 0)
    assert page.locator("#no-results").is_visible()
    assert "No events match" in page.locator("#no-results").inner_text()
    assert page.locator("#map-empty").is_visible()
    page.click("#no-results-reset")
    wait_total(page, 8)
    assert page.locator("#no-results").is_hidden() and url_filters(page) == {}
    assert problems(page) == []


def test_query_strings_round_trip(tool: Any, page: Any, base_url: str) -> None:
    """static/urlstate.js: one canonical order, empty values left out, any text survives."""
    open_page(tool, page, base_url + "/")
    out = page.evaluate("""async () => {
        const u = await import("/static/urlstate.js");
        const f = {q: "tear gas & stones", type: "PROTEST,ASSAULT", since: "2023-05-01", place: "Zvečan",
                   acled_type: "Explosions/Remote violence", actor: "", country: "XK"};
        const query = u.toQuery(f);
        const back = u.parseQuery("?" + query);
        return {query, back, again: u.toQuery(back), empty: u.toQuery(u.parseQuery("")),
                has: [u.hasFilters(back), u.hasFilters(u.parseQuery("?unknown=1"))],
                dates: ["2023-05-29", "2024-02-29", "2023-02-29", "2023-5-1", ""].map(d => u.checkIsoDay(d, "From"))};
    }""")
    assert out["query"] == out["again"]
    assert out["query"].split("&")[0].startswith("since=")  # FILTER_KEYS order, not insertion order
    assert out["back"]["q"] == "tear gas & stones" and out["back"]["place"] == "Zvečan"
    assert out["back"]["acled_type"] == "Explosions/Remote violence" and out["back"]["actor"] == ""
    assert out["empty"] == "" and out["has"] == [True, False]
    assert [d == "" for d in out["dates"]] == [True, True, False, False, True]
