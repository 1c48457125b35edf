"""EventStore.ingest: round trip, idempotence, replacement, batching and failures."""

from __future__ import annotations

from dataclasses import replace
from datetime import date as Date
from pathlib import Path

import pytest

from flashpoint.errors import StoreError
from flashpoint.models import Actor, Document, Event, Location, Mention
from flashpoint.store import EventStore

GAZA = Location(
    "Gaza", "Gaza City", 31.5017, 34.4668, "PS", admin1="Gaza", precision=1, geonameid=281133, start=0, end=4
)


def make_doc(text: str, source: str | None = "wire", doc_id: str | None = None) -> Document:
    return Document(
        id=doc_id or Document.make_id(text),
        text=text,
        source=source,
        title="t",
        date=Date(2023, 4, 5),
        url="http://example.org/a",
        origin="in.jsonl",
    )


def make_event(
    doc: Document,
    type_: str = "ASSAULT",
    start: int = 0,
    place: Location | None = GAZA,
    date: str | None = "2023-04-05",
) -> Event:
    end = len(doc.text)
    event_id = Event.make_id(doc.id, type_, start, end, place.name if place else None)
    return Event(
        doc_id=doc.id,
        event_id=event_id,
        type=type_,
        mode="aerial",
        evidence=Mention(doc.text[start:end], start, end),
        trigger=Mention(doc.text[start : start + 4], start, start + 4),
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        date=date,
        date_precision="day",
        date_text="Wednesday",
        actors=(Actor("Israeli jets", "Israeli Air Force", "IL", "MIL", 5, 17),),
        recipients=(Actor("residents", "Civilians", "PS", "CVL", 20, 29),),
        location=place,
        fatalities=3,
        injured=7,
        arrested=None,
        size=None,
        confidence=0.8125,
        source=doc.source,
        url=doc.url,
    )


@pytest.fixture
def store():
    with EventStore(":memory:") as s:
        yield s


def test_round_trip_matches_event_to_dict(store: EventStore) -> None:
    doc = make_doc("Gaza: Israeli jets struck residents overnight, killing three.")
    ev = make_event(doc)
    result = store.ingest([(doc, [ev])])
    assert (result.documents_new, result.documents_unchanged, result.events_new) == (1, 0, 1)
    [row] = store.query_events()
    expected = ev.to_dict()
    assert {k: row[k] for k in expected} == expected
    assert row["cluster_id"] == ev.event_id


def test_reingesting_same_document_changes_nothing(store: EventStore) -> None:
    doc = make_doc("Protesters marched in Gaza on Wednesday.")
    events = [make_event(doc, "PROTEST"), make_event(doc, "ASSAULT", start=3)]
    store.ingest([(doc, events)])
    before = store.counts()
    stamp = store.documents()[0]["ingested_at"]
    again = store.ingest([(doc, events)])
    assert (again.documents_new, again.documents_unchanged, again.events_new) == (0, 1, 0)
    assert again.documents_replaced == 0
    assert (
        store.counts() == before == {"documents": 1, "events": 2, "actors": 4, "locations": 1, "clusters": 2}
    )
    assert store.documents()[0]["ingested_at"] == stamp


def test_same_document_twice_in_one_call(store: EventStore) -> None:
    doc = make_doc("A bomb went off in Gaza.")
    result = store.ingest([(doc, [make_event(doc)]), (doc, [make_event(doc)])])
    assert (result.documents_new, result.documents_unchanged, result.events_new) == (1, 1, 1)
    assert store.counts()["events"] == 1


def test_changed_text_replaces_events(store: EventStore) -> None:
    old = make_doc("First version: shelling in Gaza.", doc_id="doc-fixed")
    new = make_doc("Second version: a protest in Gaza, no shelling at all.", doc_id="doc-fixed")
    store.ingest([(old, [make_event(old, "ASSAULT"), make_event(old, "COERCE", start=2)])])
    result = store.ingest([(new, [make_event(new, "PROTEST")])])
    assert (result.documents_new, result.documents_unchanged, result.events_new) == (0, 0, 1)
    assert (result.documents_replaced, result.events_removed) == (1, 2)
    rows = store.query_events()
    assert [r["type"] for r in rows] == ["PROTEST"]
    assert rows[0]["evidence"]["text"] == new.text
    assert store.counts()["documents"] == 1
    assert store.counts()["actors"] == 2


def test_same_text_with_new_coding_replaces_events(store: EventStore) -> None:
    doc = make_doc("Clashes in Gaza left three dead.")
    store.ingest([(doc, [make_event(doc, "ASSAULT")])])
    result = store.ingest([(doc, [make_event(doc, "FIGHT")])])
    assert result.documents_replaced == 1
    assert [r["type"] for r in store.query_events()] == ["FIGHT"]


def test_orphaned_location_is_removed_on_replacement(store: EventStore) -> None:
    rafah = Location("Rafah", "Rafah", 31.2969, 34.2436, "PS", precision=1)
    old = make_doc("Shelling in Rafah.", doc_id="doc-r")
    new = make_doc("Shelling in Gaza.", doc_id="doc-r")
    store.ingest([(old, [make_event(old, place=rafah)])])
    store.ingest([(new, [make_event(new, place=GAZA)])])
    assert store.counts()["locations"] == 1
    assert store.query_events()[0]["location"]["name"] == "Gaza City"


def test_shared_place_stored_once_and_event_without_place(store: EventStore) -> None:
    a, b = make_doc("Strike one in Gaza."), make_doc("Strike two somewhere.")
    store.ingest([(a, [make_event(a)]), (b, [make_event(b, "PROTEST"), make_event(b, place=None)])])
    assert store.counts()["locations"] == 1
    no_place = [r for r in store.query_events() if r["location"] is None]
    assert len(no_place) == 1 and no_place[0]["doc_id"] == b.id


def test_thousand_events_in_one_ingest(store: EventStore) -> None:
    docs = [make_doc(f"Report number {i} about shelling in Gaza.") for i in range(250)]
    batch = [(d, [make_event(d, t) for t in ("ASSAULT", "PROTEST", "COERCE", "FIGHT")]) for d in docs]
    result = store.ingest(batch)
    assert (result.documents_new, result.events_new) == (250, 1000)
    assert store.counts()["events"] == 1000
    assert store.counts()["actors"] == 2000
    assert store.ingest(batch).documents_unchanged == 250


def test_event_of_another_document_is_refused_and_nothing_written(store: EventStore) -> None:
    good, other = make_doc("Good one."), make_doc("Other one.")
    with pytest.raises(StoreError, match="names document"):
        store.ingest([(good, [make_event(good)]), (other, [make_event(good, "PROTEST")])])
    assert store.counts()["documents"] == 0


def test_failed_batch_is_rolled_back(store: EventStore) -> None:
    first, second = make_doc("One."), make_doc("Two.")
    bad = make_event(second)
    # Same event id under another document: violates the events primary key.
    clash = replace(bad, event_id=make_event(first).event_id)
    with pytest.raises(StoreError, match="undone"):
        store.ingest([(first, [make_event(first)]), (second, [clash])])
    assert store.counts() == {"documents": 0, "events": 0, "actors": 0, "locations": 0, "clusters": 0}


def test_documents_listing(store: EventStore) -> None:
    doc = make_doc("Listing test in Gaza.")
    store.ingest([(doc, [make_event(doc)])])
    [listed] = store.documents()
    assert listed["id"] == doc.id and listed["events"] == 1
    assert listed["date"] == "2023-04-05" and listed["origin"] == "in.jsonl"
    assert "text" not in listed


def test_data_persists_on_disk_and_read_only_refuses_ingest(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    doc = make_doc("Persisted in Gaza.")
    with EventStore(path) as s:
        s.ingest([(doc, [make_event(doc)])])
    with EventStore(path, read_only=True) as s:
        assert s.counts()["events"] == 1
        with pytest.raises(StoreError, match="read-only"):
            s.ingest([(doc, [make_event(doc)])])


def test_closed_store_raises_store_error() -> None:
    s = EventStore(":memory:")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.counts()
