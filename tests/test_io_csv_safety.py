"""CSV formula injection (issue 20 point 2): every CSV export path — `extract --format csv`
and `acled-csv`, `events --format csv` and `acled-csv`, the API's /events.csv and
/events.acled.csv — writes a text cell beginning with = + - @ tab or CR with a leading
single quote, and leaves numbers as numbers."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from flashpoint.cli import main
from flashpoint.io.csv_cells import FORMULA_STARTS, safe_cell, safe_row
from flashpoint.io.writers import write_events
from flashpoint.models import Actor, Document, Event, Location, Mention
from flashpoint.store import EventStore

HOSTILE = '=HYPERLINK("http://x","y") police arrested 12 protesters in Pristina on Monday.'
# numeric columns of the two CSV layouts
FLAT_NUMBERS = (
    "location_lat",
    "location_lon",
    "location_precision",
    "fatalities",
    "injured",
    "arrested",
    "size",
    "confidence",
    "evidence_start",
    "evidence_end",
)
ACLED_NUMBERS = ("year", "time_precision", "latitude", "longitude", "geo_precision", "fatalities")


def test_each_formula_start_is_neutralised_and_nothing_else():
    for mark in FORMULA_STARTS:
        assert safe_cell(mark + "cmd|' /C calc'!A0") == "'" + mark + "cmd|' /C calc'!A0"
    for plain in ("police", "", "12 protesters", " =not first", "'=already quoted", "ＡＢＣ"):
        assert safe_cell(plain) == plain
    for number in (12, -5, 0.75, -42.9, None, True):
        assert safe_cell(number) is number
    assert safe_row({"a": "@x", "b": -3}) == {"a": "'@x", "b": -3}


def hostile_event(doc_id: str = "inj", text: str = HOSTILE) -> Event:
    place = Location("+Pristina", "+Pristina", 42.67, 21.17, "XK", admin1="-Pristina", precision=1)
    return Event(
        doc_id=doc_id,
        event_id=Event.make_id(doc_id, "PROTEST", 0, len(text), "p"),
        type="PROTEST",
        mode=None,
        evidence=Mention(text, 0, len(text)),
        trigger=Mention("arrested", 33, 41),
        acled_event_type="Protests",
        acled_sub_event_type="Protest with intervention",
        date="2023-05-29",
        date_precision="day",
        actors=(Actor("@police", "@police", "XK", "COP"),),
        recipients=(Actor("\tprotesters", "\tprotesters", "XK", "CVL"),),
        location=place,
        arrested=12,
        fatalities=-1,
        confidence=0.9,
    )


def check_csv(text: str, numbers: tuple[str, ...]) -> list[dict[str, str]]:
    """Every cell is safe; the numeric columns parse as numbers without a quote."""
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows, "no rows written"
    for row in rows:
        for column, cell in row.items():
            if column in numbers:
                if cell:
                    float(cell)  # a number, negative ones too: raises if quoted or mangled
            else:
                assert not cell.startswith(FORMULA_STARTS), (
                    f"{column} = {cell!r} reaches a spreadsheet as a formula"
                )
    return rows


@pytest.mark.parametrize(("fmt", "numbers"), [("csv", FLAT_NUMBERS), ("acled-csv", ACLED_NUMBERS)])
def test_writers_quote_text_cells_and_keep_numbers(fmt, numbers):
    out = io.StringIO()
    assert write_events([hostile_event()], fmt, out=out) == 1
    row = check_csv(out.getvalue(), numbers)[0]
    evidence = row["evidence_text" if fmt == "csv" else "notes"]
    assert evidence == "'" + HOSTILE
    if fmt == "csv":  # ACLED names actors by its own conventions ("Protesters (Kosovo)")
        assert row["actor1"] == "'@police" and row["actor2"] == "'\tprotesters"
    assert row["location_name" if fmt == "csv" else "location"] == "'+Pristina"
    assert row["fatalities"] == "-1"  # a number keeps its sign
    if fmt == "acled-csv":
        assert row["admin1"] == "'-Pristina"


@pytest.mark.parametrize(("fmt", "numbers"), [("csv", FLAT_NUMBERS), ("acled-csv", ACLED_NUMBERS)])
def test_extract_csv_exports_are_safe(pipeline, tmp_path: Path, capsys, fmt, numbers):
    src = tmp_path / "inj.txt"
    src.write_text(HOSTILE + "\n", encoding="utf-8")
    assert main(["extract", str(src), "--format", fmt, "--quiet", "--no-progress"]) == 0
    rows = check_csv(capsys.readouterr().out, numbers)
    column = "evidence_text" if fmt == "csv" else "notes"
    assert any(r[column] == "'" + HOSTILE for r in rows)


@pytest.fixture
def hostile_db(tmp_path: Path) -> str:
    db = str(tmp_path / "inj.duckdb")
    doc = Document(id="inj", text=HOSTILE, source="=wire", date=date(2023, 5, 29))
    with EventStore(db) as store:
        store.ingest([(doc, [hostile_event()])])
    return db


@pytest.mark.parametrize(("fmt", "numbers"), [("csv", FLAT_NUMBERS), ("acled-csv", ACLED_NUMBERS)])
def test_events_csv_exports_are_safe(hostile_db, capsys, fmt, numbers):
    assert main(["events", "--db", hostile_db, "--format", fmt]) == 0
    row = check_csv(capsys.readouterr().out, numbers)[0]
    assert row["source"] == "'=wire"
    assert row["evidence_text" if fmt == "csv" else "notes"] == "'" + HOSTILE


@pytest.mark.parametrize(
    ("route", "numbers"), [("/events.csv", FLAT_NUMBERS), ("/events.acled.csv", ACLED_NUMBERS)]
)
def test_api_csv_exports_are_safe(hostile_db, route, numbers):
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from flashpoint.web.app import create_app

    answer = TestClient(create_app(hostile_db)).get(route)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    row = check_csv(answer.text, numbers)[0]
    assert row["source"] == "'=wire"
    assert row["evidence_text" if route == "/events.csv" else "notes"] == "'" + HOSTILE
