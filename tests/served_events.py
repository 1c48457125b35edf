"""Shared by the serving tests: a small event database built from invented reports
(no parsing, so it takes well under a second), with a burst that raises one alert."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from flashpoint.models import Actor, Document, Event, Location, Mention
from flashpoint.store import EventStore

ZVECAN = Location(
    "Zvecan", "Zvecan", 42.9075, 20.8403, "XK", admin1="Mitrovica", admin2="Zvecan", precision=1
)
LEPOSAVIC = Location(
    "Leposavic", "Leposavic", 43.1039, 20.8028, "XK", admin1="Mitrovica", admin2="Leposavic", precision=1
)
TYPES = ("PROTEST", "COERCE", "ASSAULT")


def report(n: int, day: date, place: Location, type_: str) -> tuple[Document, list[Event]]:
    text = f"Report {n}: group {n} and police met in {place.name} on {day}."
    doc = Document(id=f"doc-{n}", text=text, source=f"wire-{n % 3}", title=f"Report {n}", date=day)
    actor = Actor(f"group {n}", f"Group {n}", "XK", "CVL")  # one actor each: reports never merge
    event = Event(
        doc_id=doc.id,
        event_id=Event.make_id(doc.id, type_, 0, len(text), place.name),
        type=type_,
        mode=None,
        evidence=Mention(text, 0, len(text)),
        date=day.isoformat(),
        date_precision="day",
        actors=(actor,),
        location=place,
        arrested=n % 4,
    )
    return doc, [event]


def build_db(path: Path) -> Path:
    """Two months of a quiet event every fifth day, then a burst of 14 in one province,
    in villages far enough apart (about 17 km) that no two reports merge."""
    start = date(2023, 3, 25)
    quiet = [
        report(n, start + timedelta(days=5 * n), (ZVECAN, LEPOSAVIC)[n % 2], TYPES[n % 3]) for n in range(12)
    ]
    villages = [
        Location(
            f"Village {i}",
            f"Village {i}",
            42.0 + 0.15 * i,
            20.8,
            "XK",
            admin1="Mitrovica",
            admin2=f"District {i}",
            precision=1,
        )
        for i in range(14)
    ]
    burst = [
        report(12 + i, date(2023, 5, 23) + timedelta(days=i % 7), village, TYPES[i % 3])
        for i, village in enumerate(villages)
    ]
    with EventStore(path) as store:
        store.ingest(quiet + burst)
    return path
