"""The read endpoints of the REST API against a small database built by the real pipeline.

Expected answers come from EventStore queries on the same database, never hard-coded."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest

pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from flashpoint.facade import ingest  # noqa: E402
from flashpoint.store import EventStore  # noqa: E402
from flashpoint.web.app import create_app  # noqa: E402

ARTICLES = [
    {
        "id": "w1",
        "title": "Protest at the Zvecan town hall",
        "source": "wire-one",
        "url": "https://example.org/w1",
        "date": "2023-05-29",
        "text": "Kosovo Serbs protested on Monday in front of the town hall in Zvecan.",
    },
    {
        "id": "w2",
        "title": "Zvecan protest",
        "source": "wire-two",
        "date": "2023-05-29",
        "text": "On Monday Kosovo Serbs protested outside the town hall in Zvecan.",
    },
    {
        "id": "w3",
        "title": "<script>alert('t')</script> arrests",
        "source": "wire-one",
        "date": "2023-05-29",
        "text": "Police arrested 12 protesters in Leposavic on Friday. <script>alert(1)</script>",
    },
]
CONTRACT_PATHS = {
    "/events": "get",
    "/events/{event_id}": "get",
    "/events.geojson": "get",
    "/documents/{doc_id}": "get",
    "/documents": "post",
    "/alerts": "get",
    "/stats/timeseries": "get",
    "/events.csv": "get",
    "/events.acled.csv": "get",
}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("webapi")
    src = folder / "articles.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = str(folder / "events.duckdb")
    ingest([str(src)], db, progress=False)
    with EventStore(db, read_only=True) as store:
        expected = {"events": store.query_events(), "merged": store.query_events(merged=True)}
    return {"db": db, **expected}


@pytest.fixture(scope="session")
def client(built) -> TestClient:
    return TestClient(create_app(built["db"]))


def _fold(name: str) -> str:
    """Case- and accent-free, as the place filter compares."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))


def _ids(events: list[dict[str, Any]]) -> set[str]:
    return {e["event_id"] for e in events}


def test_events_lists_every_stored_event_with_its_report_count(client, built):
    body = client.get("/events", params={"unit": "reports"}).json()
    assert body["total"] == len(built["events"]) > 0
    assert _ids(body["events"]) == _ids(built["events"])
    docs_per_cluster = {m["cluster_id"]: len(m["doc_ids"]) for m in built["merged"]}
    by_id = {e["event_id"]: e for e in built["events"]}
    for ev in body["events"]:
        stored = by_id[ev["event_id"]]
        assert {k: ev[k] for k in stored} == json.loads(json.dumps(stored, default=str))
        assert ev["sources"] == docs_per_cluster[ev["cluster_id"]]


def test_pages_cover_the_list_once_and_keep_the_total(client, built):
    whole = client.get("/events").json()["events"]
    pages = [client.get("/events", params={"limit": 1, "offset": i}).json() for i in range(len(whole) + 1)]
    assert [p["events"][0]["event_id"] for p in pages[:-1]] == [e["event_id"] for e in whole]
    assert pages[-1]["events"] == [] and {p["total"] for p in pages} == {len(whole)}
    assert pages[0]["limit"] == 1 and pages[2]["offset"] == 2


@pytest.mark.parametrize("field", ["type", "country"])
def test_type_and_country_filters_match_the_store(client, built, field):
    values = {
        e[field] if field == "type" else (e["location"] or {}).get("country") for e in built["events"]
    } - {None}
    for value in values:
        want = {
            e["event_id"]
            for e in built["events"]
            if (e[field] if field == "type" else (e["location"] or {}).get("country")) == value
        }
        got = client.get("/events", params={field: value.lower(), "unit": "reports"}).json()
        assert _ids(got["events"]) == want and got["total"] == len(want)


def test_place_date_and_text_filters(client, built):
    located = next(e for e in built["events"] if e["location"] and e["location"]["name"])
    name = located["location"]["name"]
    want = {
        e["event_id"]
        for e in built["events"]
        if e["location"]
        and _fold(name) in {_fold(e["location"].get(k) or "") for k in ("name", "admin1", "admin2")}
    }
    for spelling in (name, name.upper(), _fold(name)):
        got = client.get("/events", params={"place": spelling, "unit": "reports"}).json()
        assert _ids(got["events"]) == want
    day = located["date"]
    on_day = {e["event_id"] for e in built["events"] if e["date"] == day}
    got = client.get("/events", params={"since": day, "until": day, "unit": "reports"}).json()
    assert _ids(got["events"]) == on_day
    word = located["evidence"]["text"].split()[1]
    titles = {a["id"]: a["title"] for a in ARTICLES}
    want = {
        e["event_id"]
        for e in built["events"]
        if word.lower()
        in " ".join(
            [e["evidence"]["text"], (e["trigger"] or {}).get("text", ""), titles[e["doc_id"]]]
        ).lower()
    }
    hits = client.get("/events", params={"q": word.upper(), "unit": "reports"}).json()["events"]
    assert located["event_id"] in _ids(hits) and _ids(hits) == want
    nothing = client.get("/events", params={"q": "'; DROP TABLE events; --"})
    assert nothing.status_code == 200 and nothing.json()["total"] == 0
    assert client.get("/events", params={"unit": "reports"}).json()["total"] == len(built["events"])


@pytest.mark.parametrize(
    "params, status, word",
    [
        ({"limit": 501}, 400, "limit"),
        ({"limit": -1}, 400, "limit"),
        ({"offset": "x"}, 400, "offset"),
        ({"since": "not-a-date"}, 400, "since"),
        ({"type": " , "}, 400, "type"),
    ],
)
def test_bad_parameters_get_a_clear_message(client, params, status, word):
    r = client.get("/events", params=params)
    assert r.status_code == status
    assert word in r.json()["detail"] and "Traceback" not in r.text


def test_event_detail_lists_every_report_of_its_cluster(client, built):
    clusters = {m["cluster_id"]: set(m["doc_ids"]) for m in built["merged"]}
    assert any(len(d) > 1 for d in clusters.values()), "the fixture texts should merge"
    for ev in built["events"]:
        body = client.get(f"/events/{ev['event_id']}").json()
        assert body["event_id"] == ev["event_id"]
        assert {m["doc_id"] for m in body["mentions"]} == clusters[ev["cluster_id"]]
        titles = {a["id"]: a["title"] for a in ARTICLES}
        published = {a["id"]: a["date"] for a in ARTICLES}
        for m in body["mentions"]:
            assert m["title"] == titles[m["doc_id"]]
            assert m["published"] == published[m["doc_id"]]  # the article's day, beside the event's
            assert {"text", "start", "end"} <= set(m["evidence"])
        assert isinstance(body["merge_reasons"], list)


def test_unknown_ids_are_404_json(client):
    for path in ("/events/ev-does-not-exist", "/documents/nope", "/no/such/route"):
        r = client.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")
        assert "detail" in r.json()


def test_document_returns_the_raw_text(client):
    for article in ARTICLES:
        body = client.get(f"/documents/{article['id']}").json()
        assert body["text"] == article["text"] and body["title"] == article["title"]
        assert body["date"] == article["date"] and body["source"] == article["source"]


def test_geojson_is_a_valid_feature_collection(client, built):
    r = client.get("/events.geojson", params={"unit": "reports"})
    assert r.status_code == 200 and "json" in r.headers["content-type"]
    body = r.json()
    assert body["type"] == "FeatureCollection"
    located = {
        e["event_id"]: e for e in built["events"] if e["location"] and e["location"]["lat"] is not None
    }
    assert {f["properties"]["event_id"] for f in body["features"]} == set(located)
    for f in body["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        ev = located[f["properties"]["event_id"]]
        assert (lat, lon) == (ev["location"]["lat"], ev["location"]["lon"])
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert set(f["properties"]) >= {
            "event_id",
            "type",
            "date",
            "place",
            "country",
            "fatalities",
            "injured",
            "sources",
            "title",
            "precision",
            "admin1",
            "admin2",
            "acled_event_type",
            "acled_sub_event_type",
            "actors",
            "recipients",
        }
        loc = ev["location"]
        assert f["properties"]["precision"] == loc["precision"]
        assert (f["properties"]["admin1"], f["properties"]["admin2"]) == (loc["admin1"], loc["admin2"])
        assert f["properties"]["acled_event_type"] == ev["acled_event_type"]
        assert f["properties"]["actors"] == [a["name"] for a in ev["actors"]]
        assert f["properties"]["recipients"] == [a["name"] for a in ev["recipients"]]
    one_type = next(iter(located.values()))["type"]
    typed = client.get("/events.geojson", params={"type": one_type, "unit": "reports"}).json()["features"]
    assert {f["properties"]["type"] for f in typed} == {one_type}


def test_openapi_lists_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path, method in CONTRACT_PATHS.items():
        assert method in paths.get(path, {}), f"{method.upper()} {path} missing from OpenAPI"


def test_monitor_endpoints_return_the_monitor_results(client, built):
    monitor = pytest.importorskip("flashpoint.monitor")
    if not hasattr(monitor, "timeseries") or not hasattr(monitor, "find_alerts"):
        pytest.skip("monitor functions are not available yet")
    r = client.get("/stats/timeseries", params={"interval": "week"})
    assert r.status_code == 200
    body = r.json()
    assert body["interval"] == "week" and isinstance(body["series"], list)
    assert sum(p["events"] for p in body["series"]) > 0
    alerts = client.get("/alerts")
    assert alerts.status_code == 200 and isinstance(alerts.json()["alerts"], list)
    bad = client.get("/stats/timeseries", params={"interval": "month"})
    assert bad.status_code == 422 and "interval" in bad.json()["detail"]


def test_root_says_when_the_dashboard_is_not_built(built, tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    db = str(tmp_path / "fresh.duckdb")
    page = TestClient(create_app(db, static_dir=empty)).get("/")
    assert page.status_code == 200 and "make install" in page.text
    (empty / "index.html").write_text("<!doctype html><title>dash</title>", encoding="utf-8")
    (empty / "app.js").write_text("console.log(1)", encoding="utf-8")
    served = TestClient(create_app(str(tmp_path / "fresh2.duckdb"), static_dir=empty))
    assert "<title>dash</title>" in served.get("/").text
    assert served.get("/static/app.js").text == "console.log(1)"
