"""Time series and place intensity count merged events once, with their largest figures."""

from __future__ import annotations

import pytest

from flashpoint.errors import UsageError
from flashpoint.models import Actor, Document, Event, Location, Mention
from flashpoint.monitor import place_intensity, timeseries
from flashpoint.monitor.aggregates import intensity
from flashpoint.store import EventStore
from flashpoint.store.filters import EventFilter
from flashpoint.store.reads import list_events

ZVECAN = Location(
    "Zvečan", "Zvečan", 42.9075, 20.8403, "XK", admin1="Mitrovica", admin2="Opstina Zvecan", precision=1
)
PRISTINA = Location(
    "Pristina",
    "Pristina",
    42.6727,
    21.1669,
    "XK",
    admin1="Pristina",
    admin2="Komuna e Prishtines",
    precision=1,
)
KFOR = Actor("KFOR", "KFOR", None, "IGO")


def report(
    source: str,
    day: str,
    place: Location,
    type_: str = "ASSAULT",
    injured: int | None = None,
    fatalities: int | None = None,
    arrested: int | None = None,
    precision: str = "day",
) -> tuple[Document, list[Event]]:
    text = f"{source}: {type_} at {place.name} on {day}."
    doc = Document(id=Document.make_id(text), text=text, source=source)
    ev = Event(
        doc_id=doc.id,
        event_id=Event.make_id(doc.id, type_, 0, len(text), place.name),
        type=type_,
        mode=None,
        evidence=Mention(text, 0, len(text)),
        date=day,
        date_precision=precision,
        actors=(KFOR,),
        location=place,
        injured=injured,
        fatalities=fatalities,
        arrested=arrested,
    )
    return doc, [ev]


@pytest.fixture
def store():
    with EventStore(":memory:") as s:
        # Three outlets on one clash (30 and 25 injured reported), a later arrest, and
        # a protest in Pristina; a month-dated report is not counted by day.
        s.ingest(
            [
                report("a", "2023-05-29", ZVECAN, injured=30),
                report("b", "2023-05-29", ZVECAN, injured=25, fatalities=1),
                report("c", "2023-05-30", ZVECAN, type_="COERCE", arrested=2),
                report("d", "2023-06-05", ZVECAN, type_="COERCE", arrested=4),
                report("e", "2023-05-30", PRISTINA, type_="PROTEST"),
                report("f", "2023-05", PRISTINA, type_="PROTEST", precision="month"),
            ]
        )
        yield s


def test_daily_series_counts_clusters_with_max_figures(store: EventStore) -> None:
    series = timeseries(store, since="2023-05-29", until="2023-05-31")
    assert series == [
        {"period": "2023-05-29", "events": 1, "fatalities": 1, "injured": 30, "arrested": 2},
        {"period": "2023-05-30", "events": 1, "fatalities": 0, "injured": 0, "arrested": 0},
        {"period": "2023-05-31", "events": 0, "fatalities": 0, "injured": 0, "arrested": 0},
    ]


def test_weekly_series_and_filters(store: EventStore) -> None:
    weeks = timeseries(store, interval="week")
    assert [(w["period"], w["events"]) for w in weeks] == [("2023-05-29", 2), ("2023-06-05", 1)]
    assert [w["events"] for w in timeseries(store, interval="week", type="protest")] == [1]
    assert sum(w["events"] for w in timeseries(store, place="zvecan")) == 2
    assert sum(w["events"] for w in timeseries(store, place="MITROVICA")) == 2
    # spellings the gazetteer folds together find the same place
    assert sum(w["events"] for w in timeseries(store, place="Zveçan")) == 2
    assert sum(w["events"] for w in timeseries(store, place="Prishtina")) == 1
    assert timeseries(store, country="RS") == []
    with pytest.raises(UsageError):
        timeseries(store, interval="month")


def test_place_intensity_formula_and_levels(store: EventStore) -> None:
    rows = place_intensity(store, since="2023-05-29", until="2023-06-07")
    assert [(r["place"], r["events"], r["injured"], r["days"]) for r in rows] == [
        ("Mitrovica", 2, 30, 10),
        ("Pristina", 1, 0, 10),
    ]
    top = rows[0]
    assert top["intensity"] == pytest.approx(intensity(2, 1, 30, 10))
    assert top["intensity"] == pytest.approx((2 + 1.0 * 1 + 0.25 * 30) / 10)
    # The clash merged with the next day's arrest report, so on 30 May it counts once, as
    # the event list then lists it (one of its reports falls on that day).
    a2 = place_intensity(store, level="admin2", since="2023-05-30", until="2023-05-30")
    assert {(r["place"], r["admin1"], r["events"]) for r in a2} == {
        ("Komuna e Prishtines", "Pristina", 1),
        ("Opstina Zvecan", "Mitrovica", 1),
    }
    listed = list_events(store.conn, EventFilter(since="2023-05-30", until="2023-05-30"))
    assert sum(r["events"] for r in a2) == listed["total"]
    with pytest.raises(UsageError):
        place_intensity(store, level="country")
