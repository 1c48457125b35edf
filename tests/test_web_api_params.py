"""The API's event parameters: the new filters on every event route (answers compared
with EventStore queries on the same database), the CSV exports, and strict bounds: each
bad value gets a 400 naming it, never a 500, and a burst of them leaves memory flat."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

pytest.importorskip("httpx")
psutil = pytest.importorskip("psutil")
from fastapi.testclient import TestClient  # noqa: E402

from flashpoint.models import Document, Event, Mention  # noqa: E402
from flashpoint.store import EventStore  # noqa: E402
from flashpoint.store.filters import query_bounds  # noqa: E402
from flashpoint.web.app import create_app  # noqa: E402
from query_store import build_query_db  # noqa: E402

BOUNDS = query_bounds()
FILTERS = [
    {"actor": "kfor"},
    {"actor": "Serb"},
    {"admin1": "mitrovica"},
    {"admin2": "Zvečan"},
    {"acled_type": "Battles,Protests"},
    {"acled_sub_type": "air/drone strike"},
    {"type": "ASSAULT,REQUEST"},
    {"min_fatalities": "3"},
    {"q": "drone"},
    {"country": "XK", "since": "2023-05-27"},
    {"near": "42.9,20.8,10"},
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("params") / "events.duckdb")
    build_query_db(path)
    with EventStore(path, read_only=True) as store:
        answers = {i: {r["event_id"] for r in store.query_events(**f)} for i, f in enumerate(FILTERS)}
    with TestClient(create_app(path)) as client:
        yield client, answers


@pytest.mark.parametrize("index", range(len(FILTERS)))
def test_event_routes_apply_each_filter_as_the_store_does(served, index):
    client, answers = served
    want = answers[index]
    assert want, "each filter should match something in the fixture"
    listed = client.get("/events", params=FILTERS[index]).json()
    assert {e["event_id"] for e in listed["events"]} == want and listed["total"] == len(want)
    features = client.get("/events.geojson", params=FILTERS[index]).json()["features"]
    assert {f["properties"]["event_id"] for f in features} <= want
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv", params=FILTERS[index]).text)))
    assert {r["event_id"] for r in rows} == want


def test_exports_are_csv_files_with_the_writers_columns(served):
    client, _ = served
    plain = client.get("/events.csv", params={"country": "XK"})
    assert plain.status_code == 200 and plain.headers["content-type"].startswith("text/csv")
    assert "attachment" in plain.headers["content-disposition"]
    acled = client.get("/events.acled.csv", params={"acled_type": "Protests"})
    assert acled.status_code == 200 and acled.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(acled.text)))
    assert len(rows) == 1 and "event_type" in rows[0]
    assert rows[0]["event_type"] == "Protests"
    from flashpoint.io.formats.acled import acled_columns  # one writer for every route

    assert list(rows[0]) == list(acled_columns()) and rows[0]["region"] == "Europe"
    assert client.get("/events.csv", params={"limit": 1}).text.count("\n") == 2


BAD = [
    ("/events", {"offset": "9223372036854775808"}, "offset"),
    ("/events", {"offset": "99999999999999999999"}, "offset"),
    ("/events", {"offset": str(BOUNDS.limits["offset"] + 1)}, "offset"),
    ("/events", {"offset": "-1"}, "offset"),
    ("/events", {"limit": "1e3"}, "limit"),
    ("/events", {"limit": str(BOUNDS.limits["events"] + 1)}, "limit"),
    ("/events.geojson", {"limit": str(BOUNDS.limits["geojson"] + 1)}, "limit"),
    ("/events.csv", {"limit": str(BOUNDS.limits["export"] + 1)}, "limit"),
    ("/events", {"near": "91,181,-5"}, "latitude"),
    ("/events", {"near": "1e309,1,5"}, "finite"),
    ("/events", {"near": "42,20,0"}, "distance"),
    ("/events.geojson", {"near": "42,200,5"}, "longitude"),
    ("/events", {"since": "2023-05-02", "until": "2023-05-01"}, "later than"),
    ("/events", {"until": "9999-12-31"}, "until"),
    ("/events", {"since": "0001-01-01"}, "since"),
    ("/events", {"since": "2023-13"}, "since"),
    ("/events", {"type": "PROTESTS"}, "PROTEST"),
    ("/events", {"country": "Kosovo"}, "XK"),
    ("/events.acled.csv", {"acled_type": "Protest"}, "Protests"),
    ("/events", {"min_fatalities": "many"}, "min_fatalities"),
    ("/events", {"actor": "x" * (BOUNDS.limits["text"] + 1)}, "actor"),
    ("/stats/timeseries", {"until": "9999-12-31", "interval": "week"}, "until"),
    ("/stats/timeseries", {"since": "9999-12-01", "until": "9999-12-31"}, "since"),
    ("/stats/timeseries", {"since": "0001-01-01", "until": "9999-12-30"}, "since"),
    ("/stats/timeseries", {"since": str(BOUNDS.earliest), "until": str(BOUNDS.latest)}, "at most"),
    ("/stats/timeseries", {"since": "2023-06", "until": "2023-05"}, "later than"),
    ("/stats/timeseries", {"type": "RIOT"}, "type"),
    ("/alerts", {"since": "9999-12-31"}, "since"),
]


@pytest.mark.parametrize("path, params, word", BAD)
def test_bad_parameters_get_400_naming_them(served, path, params, word):
    client, _ = served
    r = client.get(path, params=params)
    assert r.status_code == 400, r.text
    assert word in r.json()["detail"] and "Traceback" not in r.text


def test_series_at_the_period_bound_is_served(served):
    client, _ = served
    start = BOUNDS.earliest
    last = start + timedelta(days=BOUNDS.limits["timeseries_periods"] - 1)
    r = client.get("/stats/timeseries", params={"since": str(start), "until": str(last)})
    assert r.status_code == 200 and len(r.json()["series"]) == BOUNDS.limits["timeseries_periods"]


def test_a_burst_of_hostile_requests_leaves_memory_flat(served):
    client, _ = served
    process = psutil.Process()
    client.get("/stats/timeseries", params={"since": "2023-01-01", "until": "2023-12-31"})
    before = process.memory_info().rss
    for i in range(20):
        path, params, _ = BAD[i % len(BAD)]
        assert client.get(path, params=params).status_code == 400
        assert (
            client.get("/stats/timeseries", params={"since": "0001-01-01", "until": "9999-12-30"}).status_code
            == 400
        )
    # the 310 MB series of the issue would show here many times over
    assert process.memory_info().rss - before < 50 * 2**20


def test_an_open_series_over_a_stray_old_date_keeps_the_latest_periods(tmp_path):
    path = str(tmp_path / "old.duckdb")
    build_query_db(path)
    text = "In 1960 soldiers fired on a crowd."
    doc = Document(id="doc-old", text=text)
    old = Event(
        doc_id=doc.id,
        event_id="ev-old",
        type="ASSAULT",
        mode=None,
        evidence=Mention(text, 0, len(text)),
        date="1960-03-21",
        date_precision="day",
    )
    with EventStore(path) as store:
        store.ingest([(doc, [old])])
        newest = max(r["date"] for r in store.query_events() if r["date"])
    with TestClient(create_app(path)) as client:
        series = client.get("/stats/timeseries").json()["series"]
        assert len(series) == BOUNDS.limits["timeseries_periods"]
        assert series[-1]["period"] == newest and series[0]["period"] > "1960-03-21"
        weekly = client.get("/stats/timeseries", params={"interval": "week"}).json()["series"]
        assert weekly[0]["period"] == "1960-03-21" and sum(w["events"] for w in weekly) >= 2
