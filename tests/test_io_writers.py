"""Every output format writes hand-built events that parse back with the right content."""

from __future__ import annotations

import csv
import io
import json
from datetime import date as Date
from pathlib import Path

import duckdb
import pytest

from flashpoint.errors import UsageError
from flashpoint.io import FORMATS, write_events
from flashpoint.models import Actor, Event, Location, Mention

ASSAULT = Event(
    doc_id="kfor",
    event_id="ev-1",
    type="ASSAULT",
    mode="beat",
    evidence=Mention(
        "Thirty KFOR soldiers were injured in clashes with protesters in Zvečan on Monday.", 120, 199
    ),
    trigger=Mention("injured", 145, 152),
    acled_event_type="Riots",
    acled_sub_event_type="Violent demonstration",
    date="2023-05-29",
    date_precision="day",
    actors=(Actor("protesters", "Protesters (Kosovo)", "XK", "CVL"), Actor("Serbs", "Serbs", "RS", "CVL")),
    recipients=(Actor("KFOR", "KFOR", None, "MIL"),),
    location=Location("Zvečan", "Zvečan", 42.9075, 20.8403, "XK", "Mitrovica", None, 1),
    injured=30,
    confidence=0.83333,
    source="Wire",
)
REQUEST = Event(
    doc_id="kfor",
    event_id="ev-2",
    type="REQUEST",
    mode=None,
    evidence=Mention("NATO called for calm.", 300, 321),
    date="2023-05",
    date_precision="month",
    location=Location("Kosovo", "Kosovo", None, None, "XK"),
)
PROTEST = Event(
    doc_id="kfor",
    event_id="ev-3",
    type="PROTEST",
    mode="demonstrate",
    evidence=Mention("Serbs protested in Leposavić.", 400, 429),
    acled_event_type="Protests",
    acled_sub_event_type="Peaceful protest",
    date="2023-05",
    date_precision="month",
    fatalities=None,
)
EVENTS = [ASSAULT, REQUEST, PROTEST]


def written(fmt: str, events: list[Event] = EVENTS) -> tuple[int, str]:
    out = io.StringIO()
    count = write_events(events, fmt, out)
    return count, out.getvalue()


def test_formats_list() -> None:
    assert FORMATS == ("jsonl", "json", "table", "csv", "plover", "acled-csv", "geojson", "parquet")


def test_jsonl_lines_parse_back_with_the_shared_keys() -> None:
    count, text = written("jsonl")
    records = [json.loads(line) for line in text.splitlines()]
    assert count == len(records) == 3
    first = records[0]
    for key in (
        "doc_id",
        "event_id",
        "type",
        "mode",
        "acled_event_type",
        "acled_sub_event_type",
        "date",
        "date_precision",
        "actors",
        "recipients",
        "location",
        "fatalities",
        "injured",
        "arrested",
        "size",
        "confidence",
        "evidence",
    ):
        assert key in first
    assert set(first["location"]) >= {
        "text",
        "name",
        "lat",
        "lon",
        "country",
        "admin1",
        "admin2",
        "precision",
    }
    assert first["evidence"] == {"text": ASSAULT.evidence.text, "start": 120, "end": 199}
    assert first["location"]["name"] == "Zvečan"  # not \\u-escaped
    assert "Zvečan" in text
    assert records[1]["location"]["lat"] is None and records[2]["location"] is None


def test_json_is_one_pretty_array() -> None:
    count, text = written("json")
    assert count == 3
    assert json.loads(text) == [event.to_dict() for event in EVENTS]
    assert text.startswith('[\n  {\n    "doc_id"')
    assert written("json", [])[1] == "[]\n" and json.loads("[]") == []


def test_table_is_fixed_width_with_evidence_prefix() -> None:
    count, text = written("table")
    lines = text.splitlines()
    assert count == 3 and len(lines) == 5
    header, rule, first = lines[0], lines[1], lines[2]
    assert header.split()[:5] == ["DATE", "TYPE", "MODE", "ACTORS", "RECIPIENTS"]
    assert rule.startswith("----------  ")
    assert first.startswith("2023-05-29  ASSAULT ")
    assert "Zvečan, XK" in first and "-/30/-" in first
    assert first.endswith(ASSAULT.evidence.text[:60].rstrip())
    assert ASSAULT.evidence.text[:61] not in first
    evidence_column = header.index("EVIDENCE")
    assert all(line[evidence_column - 2 : evidence_column] == "  " for line in lines[2:])


def test_csv_has_flat_columns() -> None:
    count, text = written("csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == len(rows) == 3
    row = rows[0]
    assert row["event_id"] == "ev-1" and row["doc_id"] == "kfor"
    assert (row["actor1"], row["actor1_country"], row["actor2"]) == ("Protesters (Kosovo)", "XK", "KFOR")
    assert row["actors"] == "Protesters (Kosovo); Serbs"
    assert (row["location_name"], float(row["location_lat"]), row["location_precision"]) == (
        "Zvečan",
        42.9075,
        "1",
    )
    assert (row["injured"], row["fatalities"], row["confidence"]) == ("30", "", "0.833")
    assert (row["evidence_text"], row["evidence_start"], row["evidence_end"]) == (
        ASSAULT.evidence.text,
        "120",
        "199",
    )
    assert rows[1]["acled_event_type"] == ""


def test_plover_records() -> None:
    count, text = written("plover")
    first = json.loads(text.splitlines()[0])
    assert count == 3
    assert (first["id"], first["event"], first["mode"], first["context"]) == ("ev-1", "ASSAULT", "beat", None)
    assert first["source"][0] == {"actorText": "protesters", "code": "XKX", "sector": "CVL"}
    assert first["target"] == [{"actorText": "KFOR", "code": None, "sector": "MIL"}]
    assert first["eventText"] == "injured" and first["text"] == ASSAULT.evidence.text
    assert first["eventLoc"]["name"] == "Zvečan" and first["eventLoc"]["lat"] == 42.9075
    assert (first["dead"], first["injured"], first["doc_id"]) == (None, 30, "kfor")
    second = json.loads(text.splitlines()[1])
    assert second["eventText"] == REQUEST.evidence.text


def test_acled_csv_leaves_out_events_acled_does_not_code() -> None:
    count, text = written("acled-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    # the REQUEST has no ACLED type and the PROTEST no country: ACLED codes neither
    assert count == len(rows) == 1
    first = rows[0]
    assert first["event_id_cnty"].startswith("XKX") and first["event_id_cnty"][3:].isdigit()
    assert (first["event_date"], first["year"], first["time_precision"]) == ("29 May 2023", "2023", "1")
    assert (first["country"], first["iso"], first["region"], first["location"]) == (
        "Kosovo",
        "0",
        "Europe",
        "Zvečan",
    )
    assert (first["actor1"], first["assoc_actor_1"], first["actor2"]) == (
        "Rioters (Kosovo)",
        "Protesters (Kosovo); Serbs",
        "KFOR",
    )
    assert (first["inter1"], first["inter2"], first["interaction"]) == (
        "Rioters",
        "State forces",
        "State forces-Rioters",
    )
    assert first["notes"] == ASSAULT.evidence.text
    assert first["fatalities"] == "0"


def test_geojson_points_only_for_located_events() -> None:
    count, text = written("geojson")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection" and count == len(data["features"]) == 1
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [20.8403, 42.9075]}
    assert feature["properties"]["event_id"] == "ev-1"
    assert (
        feature["properties"]["acled_event_type"],
        feature["properties"]["actors"],
        feature["properties"]["recipients"],
    ) == ("Riots", "Protesters (Kosovo); Serbs", "KFOR")
    assert json.loads(written("geojson", [REQUEST])[1]) == {"type": "FeatureCollection", "features": []}


def test_parquet_reads_back_with_duckdb(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_events(iter(EVENTS), "parquet", path=str(path)) == 3
    rows = duckdb.sql(
        f"SELECT event_id, type, location_lat, injured, evidence_text "
        f"FROM read_parquet('{path}') ORDER BY event_id"
    ).fetchall()
    assert rows[0] == ("ev-1", "ASSAULT", 42.9075, 30, ASSAULT.evidence.text)
    assert [row[0] for row in rows] == ["ev-1", "ev-2", "ev-3"]
    assert rows[1][2] is None
    dates = duckdb.sql(
        f"SELECT date, date_precision, typeof(date) FROM read_parquet('{path}') ORDER BY event_id"
    ).fetchall()
    # a date known to the month stands on the 15th; its precision says it is a month
    assert dates == [
        (Date(2023, 5, 29), "day", "DATE"),
        (Date(2023, 5, 15), "month", "DATE"),
        (Date(2023, 5, 15), "month", "DATE"),
    ]


def test_parquet_needs_a_path_and_a_writable_place(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="give an output path"):
        write_events(EVENTS, "parquet", io.StringIO())
    with pytest.raises(UsageError, match="cannot write parquet file"):
        write_events(EVENTS, "parquet", path=str(tmp_path / "missing" / "x.parquet"))


def test_unknown_format_lists_the_valid_ones() -> None:
    with pytest.raises(UsageError) as caught:
        write_events(EVENTS, "xml", io.StringIO())
    assert "'xml'" in str(caught.value)
    assert "jsonl, json, table, csv, plover, acled-csv, geojson, parquet" in str(caught.value)


def test_path_wins_and_default_is_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "out.csv"
    spare = io.StringIO()
    assert write_events(EVENTS, "CSV", spare, path=str(path)) == 3
    assert spare.getvalue() == ""
    assert len(path.read_text(encoding="utf-8").splitlines()) == 4
    assert write_events([ASSAULT], "jsonl") == 1
    assert json.loads(capsys.readouterr().out)["event_id"] == "ev-1"


def test_unwritable_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot write"):
        write_events(EVENTS, "jsonl", path=str(tmp_path / "no" / "dir.jsonl"))
