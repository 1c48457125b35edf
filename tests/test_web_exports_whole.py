"""The exports hold every matching row (issue 17 point 6, the dashboard's export buttons):
/events.csv, /events.acled.csv and /events.geojson without a limit page through the
database server-side and stream all of it. The page size is lowered here so that a few
dozen rows take several pages; with a limit they still give one page."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest

pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from flashpoint.store import (
    EventStore,  # noqa: E402
    exports,  # noqa: E402
)
from flashpoint.store.filters import EventFilter, query_bounds  # noqa: E402
from flashpoint.web.app import create_app  # noqa: E402
from served_events import build_db  # noqa: E402

PAGE = 4
ACLED = {
    "PROTEST": ("Protests", "Peaceful protest"),
    "COERCE": ("Strategic developments", "Arrests"),
    "ASSAULT": ("Violence against civilians", "Attack"),
}


def build(path: Path) -> Path:
    """The serving tests' 26 single-report events, each given the ACLED type of its kind."""
    build_db(path)
    with EventStore(path) as store:
        for plover, (acled, sub) in ACLED.items():
            store.conn.execute(
                "UPDATE events SET acled_event_type = ?, acled_sub_event_type = ? WHERE upper(type) = ?",
                [acled, sub, plover],
            )
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("exports") / "events.duckdb")


@pytest.fixture()
def pages(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Lowers the export page to PAGE rows and records the size of each page read."""
    monkeypatch.setattr(exports, "export_page_size", lambda: PAGE)
    read: list[int] = []
    original = exports.list_events

    def counting(*args, **kwargs):
        page = original(*args, **kwargs)
        read.append(len(page["events"]))
        return page

    monkeypatch.setattr(exports, "list_events", counting)
    return read


@pytest.fixture(scope="module")
def client(db: Path, tmp_path_factory: pytest.TempPathFactory):
    served = build(tmp_path_factory.mktemp("served") / "events.duckdb")
    with TestClient(create_app(str(served))) as c:
        yield c


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _listed(client: TestClient, **params: str) -> list[str]:
    answer = client.get("/events", params={**params, "limit": str(query_bounds().limits["events"])})
    return [e["event_id"] for e in answer.json()["events"]]


@pytest.mark.parametrize(
    "params",
    [{}, {"type": "PROTEST,ASSAULT"}, {"unit": "reports"}, {"admin1": "Mitrovica", "since": "2023-05-01"}],
)
def test_csv_export_holds_every_row_in_list_order(client, pages, params) -> None:
    want = _listed(client, **params)
    assert len(want) > 2 * PAGE, "the export should take several pages"
    answer = client.get("/events.csv", params=params)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    assert [r["event_id"] for r in _rows(answer.text)] == want
    assert answer.headers["x-export-rows"] == str(len(want))
    # read page by page: full pages, then a short one (or an empty one)
    assert len(pages) == math.floor(len(want) / PAGE) + 1 and sum(pages) == len(want)
    assert all(n == PAGE for n in pages[:-1])


def test_acled_and_geojson_exports_are_whole_too(client, pages) -> None:
    want = _listed(client)
    acled = client.get("/events.acled.csv")
    assert acled.status_code == 200
    assert int(acled.headers["x-export-rows"]) == len(_rows(acled.text)) == len(want)
    assert {r["event_type"] for r in _rows(acled.text)} == {a for a, _ in ACLED.values()}
    geo = client.get("/events.geojson")
    assert geo.status_code == 200 and geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert [f["properties"]["event_id"] for f in features] == want  # every event is located
    assert geo.headers["x-export-rows"] == str(len(want))


def test_a_limit_still_gives_one_page(client, pages) -> None:
    want = _listed(client)
    answer = client.get("/events.csv", params={"limit": "5", "offset": "3"})
    assert [r["event_id"] for r in _rows(answer.text)] == want[3:8]
    geo = client.get("/events.geojson", params={"limit": "3"}).json()["features"]
    assert [f["properties"]["event_id"] for f in geo] == want[:3]


def test_library_export_pages_inside_one_snapshot(db, pages) -> None:
    with EventStore(db, read_only=True) as store:
        out = io.StringIO()
        written = exports.write_export(store.conn, EventFilter(type="PROTEST"), "csv", out)
        total = store.conn.execute("SELECT count(*) FROM events WHERE type = 'PROTEST'").fetchone()[0]
        assert written == len(_rows(out.getvalue())) == total
        assert len(pages) == total // PAGE + 1
        # the transaction around the pages is closed again
        store.conn.execute("BEGIN TRANSACTION")
        store.conn.execute("ROLLBACK")
    with pytest.raises(Exception, match="export format"):
        exports.write_export(None, EventFilter(), "parquet", io.StringIO())


def test_an_export_larger_than_memory_goes_through_a_file(client, monkeypatch) -> None:
    from dataclasses import replace

    from flashpoint.web import app as web_app
    from flashpoint.web.security import server_settings

    whole = client.get("/events.csv").content
    small = replace(server_settings(), export_memory_bytes=100, export_send_bytes=64)
    monkeypatch.setattr(web_app, "server_settings", lambda: small)
    spooled = client.get("/events.csv")
    assert len(whole) > 100 and spooled.content == whole
