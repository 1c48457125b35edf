"""One unit of counting: merged events are what `flashpoint events`, /events, its exports,
/events.geojson and /stats/timeseries count, ``unit=reports`` lists single reports, and
every view gives the same number of events and the same figures (issue 17.2).

The database is built from invented reports without parsing: four articles on one clash
(outlets give different injury figures, one tells two groups hurt in two reports), two on
one arrest, a lone protest, a report
dated only to a month, and a report with no coordinates.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from flashpoint.cli import main  # noqa: E402
from flashpoint.models import Actor, Document, Event, Location, Mention  # noqa: E402
from flashpoint.monitor import find_alerts  # noqa: E402
from flashpoint.store import EventStore  # noqa: E402
from flashpoint.store.reads import event_detail  # noqa: E402
from flashpoint.web.app import create_app  # noqa: E402

ZVECAN = Location(
    "Zvecan", "Zvecan", 42.9075, 20.8403, "XK", admin1="Mitrovica", admin2="Zvecan", precision=1
)
LEPOSAVIC = Location(
    "Leposavic", "Leposavic", 43.1039, 20.8028, "XK", admin1="Mitrovica", admin2="Leposavic", precision=1
)
NOWHERE = Location("the north", "the north", None, None, "XK", precision=4)
POLICE = Actor("Kosovo police", "Kosovo Police", "XK", "COP")

# (doc, outlet, type, date, precision, place, fatalities, injured, arrested)
REPORTS = [
    ("a1", "wire-a", "ASSAULT", "2023-05-29", "day", ZVECAN, None, 30, None),
    ("a2", "wire-b", "ASSAULT", "2023-05-29", "day", ZVECAN, None, 52, None),
    ("a3", "wire-c", "ASSAULT", "2023-05-30", "day", ZVECAN, 1, 52, None),
    # one article telling the soldiers and the protesters hurt in two sentences
    ("a4", "wire-d", "ASSAULT", "2023-05-29", "day", ZVECAN, None, 20, None),
    ("a4", "wire-d", "ASSAULT", "2023-05-29", "day", ZVECAN, None, 40, None),
    ("b1", "wire-a", "COERCE", "2023-06-14", "day", LEPOSAVIC, None, None, 3),
    ("b2", "wire-b", "COERCE", "2023-06-14", "day", LEPOSAVIC, None, None, 3),
    ("c1", "wire-c", "PROTEST", "2023-05-26", "day", LEPOSAVIC, None, None, None),
    ("d1", "wire-a", "ASSAULT", "2023-05", "month", ZVECAN, None, 80, None),
    ("e1", "wire-b", "PROTEST", "2023-06-01", "day", NOWHERE, None, None, 2),
]


def _articles() -> list[tuple[Document, list[Event]]]:
    """One document per doc id, one event (report) per row, each on its own sentence."""
    by_doc: dict[str, list[tuple]] = {}
    for row in REPORTS:
        by_doc.setdefault(row[0], []).append(row)
    out = []
    for doc_id, rows in by_doc.items():
        sentences = [f"Report {doc_id}, part {i}: an event in {r[5].name}." for i, r in enumerate(rows)]
        text = " ".join(sentences)
        day = rows[0][3]
        doc = Document(
            id=doc_id,
            text=text,
            source=rows[0][1],
            title=f"Report {doc_id}",
            date=date.fromisoformat(day + "-01" if len(day) == 7 else day),
        )
        events, start = [], 0
        for sentence, (_, _, type_, day, precision, place, killed, injured, arrested) in zip(sentences, rows):
            end = start + len(sentence)
            events.append(
                Event(
                    doc_id=doc_id,
                    event_id=Event.make_id(doc_id, type_, start, end, place.name),
                    type=type_,
                    mode=None,
                    evidence=Mention(sentence, start, end),
                    date=day,
                    date_precision=precision,
                    actors=(POLICE,),
                    location=place,
                    fatalities=killed,
                    injured=injured,
                    arrested=arrested,
                )
            )
            start = end + 1
        out.append((doc, events))
    return out


def _build(path: Path) -> Path:
    with EventStore(path) as store:
        store.ingest(_articles())
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """The database the CLI and the library read."""
    return _build(tmp_path_factory.mktemp("views") / "events.duckdb")


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    # The server holds its database open for writing, so it serves an identical copy
    # (ingest is deterministic: same ids, same clusters).
    return TestClient(create_app(str(_build(tmp_path_factory.mktemp("served") / "events.duckdb"))))


def _cli_rows(db: Path, capsys, *flags: str) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["events", "--db", str(db), "--format", "json", *flags]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_reports_merge_as_the_fixture_intends(client):
    reports = client.get("/events", params={"unit": "reports"}).json()
    assert reports["total"] == len(REPORTS) and reports["unit"] == "reports"
    clusters = {e["cluster_id"] for e in reports["events"]}
    assert len(clusters) == 5  # a1-a3, b1-b2, c1, d1 (a month is not a day), e1


def test_every_view_counts_the_same_merged_events(client, db, capsys):
    merged = client.get("/events").json()
    reports = client.get("/events", params={"unit": "reports"}).json()["events"]
    cli = _cli_rows(db, capsys)
    assert merged["unit"] == "events"
    # the list, its total, the CLI and the clusters of the single reports
    assert merged["total"] == len(merged["events"]) == len(cli) == len({r["cluster_id"] for r in reports})
    assert {e["event_id"] for e in merged["events"]} == {e["event_id"] for e in cli}
    assert sum(e["reports"] for e in merged["events"]) == len(reports)
    # the map: every merged event with coordinates, once
    features = client.get("/events.geojson").json()["features"]
    located = [e for e in merged["events"] if e["location"] and e["location"]["lat"] is not None]
    assert sorted(f["properties"]["event_id"] for f in features) == sorted(e["event_id"] for e in located)
    capsys.readouterr()
    assert main(["events", "--db", str(db), "--format", "geojson"]) == 0
    assert len(json.loads(capsys.readouterr().out)["features"]) == len(features)
    # the exports: one row per merged event
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv").text)))
    assert len(rows) == merged["total"]
    # the timeline counts merged events dated to a day, with the same figures
    timeline = client.get("/stats/timeseries").json()
    series = timeline["series"]
    assert sum(p["events"] for p in series) + timeline["not_by_day"] == merged["total"]
    by_cluster = {e["cluster_id"]: e for e in merged["events"]}
    dated = {r["cluster_id"] for r in reports if r["date_precision"] == "day"}
    assert sum(p["events"] for p in series) == len(dated)
    for field in ("fatalities", "injured", "arrested"):
        assert sum(p[field] for p in series) == sum(by_cluster[c][field] or 0 for c in dated)


def test_reports_unit_lists_single_reports_everywhere(client, db, capsys):
    reports = client.get("/events", params={"unit": "reports"}).json()
    assert len(_cli_rows(db, capsys, "--reports")) == reports["total"] == len(REPORTS)
    features = client.get("/events.geojson", params={"unit": "reports"}).json()["features"]
    assert len(features) == sum(1 for r in REPORTS if r[5].lat is not None)
    timeline = client.get("/stats/timeseries", params={"unit": "reports"}).json()
    series = timeline["series"]
    assert sum(p["events"] for p in series) == sum(1 for r in REPORTS if r[4] == "day")
    assert sum(p["events"] for p in series) + timeline["not_by_day"] == len(REPORTS)
    assert sum(p["injured"] for p in series) == sum(r[7] or 0 for r in REPORTS if r[4] == "day")
    bad = client.get("/events", params={"unit": "report"})
    assert bad.status_code == 400 and "reports" in bad.json()["detail"]


def test_a_merged_event_takes_the_largest_figure_and_names_its_report(client):
    reports = client.get("/events", params={"unit": "reports"}).json()["events"]
    merged = client.get("/events").json()["events"]
    for event in merged:
        members = [r for r in reports if r["cluster_id"] == event["cluster_id"]]
        assert event["reports"] == len(members)
        assert event["sources"] == len({m["doc_id"] for m in members})
        assert event["source_names"] == sorted({m["source"] for m in members})
        for field in ("fatalities", "injured", "arrested"):
            told: dict[str, int] = {}  # each article's figure: the sum over its reports
            for m in members:
                if m[field] is not None:
                    told[m["doc_id"]] = told.get(m["doc_id"], 0) + m[field]
            assert event[field] == (max(told.values()) if told else None)  # never a sum
            if told:
                # the article that gave it; on a tie, the smallest document id
                assert event["figures_from"][field] == min(d for d, v in told.items() if v == event[field])
    clash = next(e for e in merged if e["reports"] == 5)  # four articles, one telling two
    assert clash["sources"] == 4
    assert (clash["injured"], clash["fatalities"]) == (60, 1)
    assert clash["figures_from"]["injured"] == "a4"


def test_event_page_and_alerts_agree_with_the_list(client, db):
    merged = {e["event_id"]: e for e in client.get("/events").json()["events"]}
    reports = client.get("/events", params={"unit": "reports"}).json()["events"]
    with EventStore(db, read_only=True) as store:
        for r in reports:
            page = event_detail(store.conn, r["event_id"])
            listed = next(e for e in merged.values() if e["cluster_id"] == r["cluster_id"])
            for field in ("fatalities", "injured", "arrested", "reports", "sources"):
                assert page[field] == listed[field], (r["event_id"], field)
            assert {m["event_id"] for m in page["mentions"]} == {
                x["event_id"] for x in reports if x["cluster_id"] == r["cluster_id"]
            }
        for alert in find_alerts(store, since="2023-01-01"):
            assert alert.injured == sum(e["injured"] for e in alert.events)
            for e in alert.events:
                assert (e["injured"] or None) == merged[e["event_id"]]["injured"]
