"""Cross-source merge: which reports become one cluster and which stay apart."""

from __future__ import annotations

from dataclasses import replace

import pytest

from flashpoint.models import Actor, Document, Event, Location, Mention
from flashpoint.store import EventStore

GAZA = Location("Gaza", "Gaza City", 31.5017, 34.4668, "PS", precision=1)
GAZA_PORT = Location("Gaza port", "Gaza Port", 31.5246, 34.4283, "PS", precision=1)  # ~4.4 km
KHAN_YUNIS = Location("Khan Yunis", "Khan Yunis", 31.3462, 34.3063, "PS", precision=1)  # ~23 km
SYRIA = Location("Syria", "Syria", 35.0, 38.0, "SY", precision=4)
SYRIA_AGAIN = Location("Syrian", "Syrian Arab Republic", 34.8, 38.9, "SY", precision=4)
IRAQ = Location("Iraq", "Iraq", 33.0, 44.0, "IQ", precision=4)
IDF = Actor("Israeli troops", "Israel Defense Forces", "IL", "MIL")
IDF_OTHER_WORDS = Actor("the Israeli army", "Israel Defense Forces", "IL", "MIL")
ISRAELI_POLICE = Actor("police", "Israel Police", "IL", "COP")
RUSSIA = Actor("Russian forces", "Russian Armed Forces", "RU", "MIL")


def report(
    source: str,
    text: str,
    type_: str = "ASSAULT",
    date: str = "2023-04-05",
    place: Location | None = GAZA,
    actors: tuple[Actor, ...] = (IDF,),
    precision: str = "day",
) -> tuple[Document, list[Event]]:
    doc = Document(id=Document.make_id(text), text=text, source=source)
    return doc, [event(doc, type_, date, place, actors, precision)]


def event(
    doc: Document,
    type_: str,
    date: str,
    place: Location | None,
    actors: tuple[Actor, ...],
    precision: str = "day",
    start: int = 0,
) -> Event:
    end = len(doc.text)
    return Event(
        doc_id=doc.id,
        event_id=Event.make_id(doc.id, type_, start, end, place.name if place else None),
        type=type_,
        mode=None,
        evidence=Mention(doc.text[start:end], start, end),
        date=date,
        date_precision=precision,
        actors=actors,
        location=place,
    )


def clusters(store: EventStore) -> list[set[str]]:
    """The clusters as sets of sources, for clusters with more than one report."""
    return [set(r["source_names"]) for r in store.query_events(merged=True) if r["reports"] > 1]


@pytest.fixture
def store():
    with EventStore(":memory:") as s:
        yield s


def test_two_sources_with_different_wording_merge(store: EventStore) -> None:
    a = report("bbc", "Israeli troops raided a house in Gaza City on Wednesday.")
    b = report(
        "aljazeera", "The Israeli army stormed homes in Gaza, witnesses said.", actors=(IDF_OTHER_WORDS,)
    )
    store.ingest([a, b])
    [merged] = store.query_events(merged=True)
    assert merged["reports"] == 2
    assert merged["source_names"] == ["aljazeera", "bbc"] and merged["sources"] == 2
    assert merged["doc_ids"] == sorted([a[0].id, b[0].id])
    first = min(a[1][0].event_id, b[1][0].event_id)
    assert merged["cluster_id"] == first == merged["event_id"]
    every = store.query_events()
    assert len(every) == 2 and {r["cluster_id"] for r in every} == {first}
    assert store.counts()["clusters"] == 1


def test_adjacent_days_merge_only_when_both_are_exact_days(store: EventStore) -> None:
    store.ingest(
        [
            report("a", "Raid on Tuesday night.", date="2023-04-04"),
            report("b", "Raid early on Wednesday.", date="2023-04-05"),
        ]
    )
    assert clusters(store) == [{"a", "b"}]
    store.ingest(
        [
            report("c", "A raid some day in April.", date="2023-04", precision="month"),
            report("d", "A raid two days later.", date="2023-04-07"),
        ]
    )
    assert clusters(store) == [{"a", "b"}]


def test_same_month_precision_dates_merge(store: EventStore) -> None:
    store.ingest(
        [
            report("a", "Raids in April.", date="2023-04", precision="month"),
            report("b", "April saw raids.", date="2023-04", precision="month"),
        ]
    )
    assert clusters(store) == [{"a", "b"}]


def test_different_types_do_not_merge(store: EventStore) -> None:
    store.ingest(
        [report("a", "Troops raided Gaza."), report("b", "Troops protested in Gaza.", type_="PROTEST")]
    )
    assert clusters(store) == []


def test_nearby_places_merge_and_far_places_do_not(store: EventStore) -> None:
    store.ingest(
        [
            report("a", "Raid in Gaza City."),
            report("b", "Raid at the Gaza port.", place=GAZA_PORT),
            report("c", "Raid in Khan Yunis.", place=KHAN_YUNIS),
        ]
    )
    assert clusters(store) == [{"a", "b"}]


def test_country_level_places_merge_within_one_country(store: EventStore) -> None:
    store.ingest(
        [
            report("a", "Strikes in Syria.", place=SYRIA, actors=(RUSSIA,)),
            report("b", "Syrian targets hit.", place=SYRIA_AGAIN, actors=(RUSSIA,)),
            report("c", "Strikes in Iraq.", place=IRAQ, actors=(RUSSIA,)),
        ]
    )
    assert clusters(store) == [{"a", "b"}]


def test_events_without_a_place_do_not_merge(store: EventStore) -> None:
    store.ingest(
        [report("a", "A raid somewhere.", place=None), report("b", "Another raid somewhere.", place=None)]
    )
    assert clusters(store) == []


def test_events_of_the_same_document_do_not_merge(store: EventStore) -> None:
    text = "Troops raided Gaza. Later troops raided Gaza again."
    doc = Document(id=Document.make_id(text), text=text, source="one")
    store.ingest(
        [
            (
                doc,
                [
                    event(doc, "ASSAULT", "2023-04-05", GAZA, (IDF,), start=0),
                    event(doc, "ASSAULT", "2023-04-05", GAZA, (IDF,), start=20),
                ],
            )
        ]
    )
    rows = store.query_events(merged=True)
    assert len(rows) == 2 and all(r["reports"] == 1 for r in rows)


def test_actor_overlap_by_country_or_empty_side(store: EventStore) -> None:
    store.ingest(
        [
            report("a", "Troops raided Gaza."),
            report("b", "Police raided Gaza.", actors=(ISRAELI_POLICE,)),
            report("c", "Russians raided Gaza.", date="2023-06-01", actors=(RUSSIA,)),
            report("d", "Gaza was raided.", date="2023-06-01", actors=()),
        ]
    )
    assert sorted(clusters(store), key=sorted) == [{"a", "b"}, {"c", "d"}]


def test_disjoint_actors_do_not_merge(store: EventStore) -> None:
    store.ingest([report("a", "Troops raided Gaza."), report("b", "Russians raided Gaza.", actors=(RUSSIA,))])
    assert clusters(store) == []


def test_later_report_joins_existing_cluster_via_any_member(store: EventStore) -> None:
    store.ingest(
        [
            report("a", "Raid on the 4th.", date="2023-04-04"),
            report("b", "Raid on the 5th.", date="2023-04-05"),
        ]
    )
    # Matches b (one day apart) but not a (two days apart): still joins the cluster.
    store.ingest([report("c", "Raid on the 6th.", date="2023-04-06")])
    assert clusters(store) == [{"a", "b", "c"}]
    assert len({r["cluster_id"] for r in store.query_events()}) == 1


def test_clusters_do_not_depend_on_ingest_order() -> None:
    reports = [
        report("a", "Raid on the 4th.", date="2023-04-04"),
        report("b", "Raid on the 5th.", date="2023-04-05"),
        report("c", "Raid on the 6th.", date="2023-04-06"),
        report("d", "Protest on the 5th.", type_="PROTEST"),
    ]
    results = []
    for order in (reports, reports[::-1], [reports[2], reports[0], reports[3], reports[1]]):
        with EventStore(":memory:") as s:
            for item in order:
                s.ingest([item])
            results.append(sorted((r["event_id"], r["cluster_id"]) for r in s.query_events()))
    assert results[0] == results[1] == results[2]


def test_replacing_the_bridging_report_splits_the_cluster(store: EventStore) -> None:
    store.ingest([report("a", "Raid on the 4th.", date="2023-04-04")])
    bridge_text = "Raid on the 5th."
    bridge = Document(id="doc-bridge", text=bridge_text, source="b")
    store.ingest([(bridge, [event(bridge, "ASSAULT", "2023-04-05", GAZA, (IDF,))])])
    store.ingest([report("c", "Raid on the 6th.", date="2023-04-06")])
    assert clusters(store) == [{"a", "b", "c"}]
    moved = Document(id="doc-bridge", text="Raid in Khan Yunis on the 5th.", source="b")
    store.ingest([(moved, [event(moved, "ASSAULT", "2023-04-05", KHAN_YUNIS, (IDF,))])])
    assert clusters(store) == []
    assert store.counts()["clusters"] == 3


def test_merged_filters_pick_clusters_but_count_all_reports(store: EventStore) -> None:
    store.ingest(
        [
            report("a", "Raid on the 4th.", date="2023-04-04"),
            report("b", "Raid on the 5th.", date="2023-04-05"),
        ]
    )
    [row] = store.query_events(since="2023-04-05", merged=True)
    assert row["date"] == "2023-04-05" and row["reports"] == 2


# -- type families, configurable limits and merge reasons --------------------------------


def reasons(store: EventStore) -> list[tuple[str, str, str]]:
    return [
        tuple(r)
        for r in store.conn.execute(
            "SELECT event_id, other_event_id, reason FROM merges ORDER BY 1, 2"
        ).fetchall()
    ]


def test_types_of_one_family_merge_and_the_reason_says_why(store: EventStore) -> None:
    a = report("a", "Troops raided homes in Gaza City.")
    b = report(
        "b",
        "Troops detained men in Gaza.",
        type_="COERCE",
        date="2023-04-06",
        place=GAZA_PORT,
        actors=(IDF_OTHER_WORDS,),
    )
    store.ingest([a, b])
    assert clusters(store) == [{"a", "b"}]
    ids = sorted([a[1][0].event_id, b[1][0].event_id])
    [(first, second, why)] = reasons(store)
    assert [first, second] == ids
    types = "ASSAULT/COERCE" if first == a[1][0].event_id else "COERCE/ASSAULT"
    dates = "2023-04-05/2023-04-06" if first == a[1][0].event_id else "2023-04-06/2023-04-05"
    places = "Gaza City/Gaza Port" if first == a[1][0].event_id else "Gaza Port/Gaza City"
    assert why == (
        f"same family PHYSICAL ({types}); dates {dates} (1 d); 4.5 km apart ({places});"
        " actors share israel defense forces, IL"
    )


def test_other_families_stay_apart(store: EventStore) -> None:
    store.ingest(
        [
            report("a", "Troops raided Gaza."),
            report("b", "Israel accused militants in Gaza.", type_="ACCUSE"),
            report("c", "Israel deployed troops to Gaza.", type_="MOBILIZE"),
        ]
    )
    # a deployment is not the raid it may lead to
    assert clusters(store) == []


def test_reason_for_country_level_and_actorless_side(store: EventStore) -> None:
    store.ingest(
        [
            report("a", "Strikes in Syria.", place=SYRIA, actors=(RUSSIA,)),
            report("b", "Syrian targets hit.", place=SYRIA_AGAIN, actors=()),
        ]
    )
    [(_, _, why)] = reasons(store)
    assert "both country-level in SY" in why and why.endswith("one side names no actors")


def test_window_and_distance_come_from_the_rules(store: EventStore, monkeypatch) -> None:
    from flashpoint.store import dedup

    wide = replace(dedup.merge_rules(), date_window_days=3, distance_km=30.0)
    monkeypatch.setattr(dedup, "merge_rules", lambda: wide)
    store.ingest(
        [
            report("a", "Raid on the 2nd.", date="2023-04-02"),
            report("b", "Raid in Khan Yunis on the 5th.", date="2023-04-05", place=KHAN_YUNIS),
        ]
    )
    assert clusters(store) == [{"a", "b"}]
    [(_, _, why)] = reasons(store)
    assert "(3 d); 23.0 km apart (" in why and "Khan Yunis" in why and "Gaza City" in why


def test_reingest_changes_nothing(store: EventStore) -> None:
    batch = [
        report("a", "Raid on the 4th.", date="2023-04-04"),
        report("b", "Raid on the 5th.", date="2023-04-05"),
        report("c", "Arrests on the 5th.", type_="COERCE", date="2023-04-05"),
    ]
    store.ingest(batch)
    before = (
        reasons(store),
        sorted((r["event_id"], r["cluster_id"]) for r in store.query_events()),
        store.counts(),
    )
    result = store.ingest(batch)
    assert result.documents_unchanged == 3 and result.events_new == 0
    after = (
        reasons(store),
        sorted((r["event_id"], r["cluster_id"]) for r in store.query_events()),
        store.counts(),
    )
    assert before == after and len(before[0]) == 3


def test_reasons_do_not_depend_on_ingest_order() -> None:
    items = [
        report("a", "Raid on the 4th.", date="2023-04-04"),
        report("b", "Arrests on the 5th.", type_="COERCE", date="2023-04-05"),
        report("c", "Raid on the 6th.", date="2023-04-06"),
    ]
    seen = []
    for order in (items, items[::-1], [items[1], items[2], items[0]]):
        with EventStore(":memory:") as s:
            for item in order:
                s.ingest([item])
            seen.append(reasons(s))
    assert seen[0] == seen[1] == seen[2] and len(seen[0]) == 2


def test_merge_reasons_reads_the_whole_cluster_and_forgets_replaced_reports(store: EventStore) -> None:
    from flashpoint.store.dedup import merge_reasons

    a = report("a", "Raid on the 4th.", date="2023-04-04")
    store.ingest([a])
    bridge = Document(id="doc-bridge", text="Raid on the 5th.", source="b")
    store.ingest([(bridge, [event(bridge, "ASSAULT", "2023-04-05", GAZA, (IDF,))])])
    store.ingest([report("c", "Raid on the 6th.", date="2023-04-06")])
    got = merge_reasons(store, [a[1][0].event_id])
    assert len(got) == 2 and set(got[0]) == {"event_id", "other_event_id", "reason"}
    assert merge_reasons(store.conn, [a[1][0].event_id]) == got
    moved = Document(id="doc-bridge", text="Raid in Khan Yunis on the 5th.", source="b")
    store.ingest([(moved, [event(moved, "ASSAULT", "2023-04-05", KHAN_YUNIS, (IDF,))])])
    assert merge_reasons(store, [a[1][0].event_id]) == [] and reasons(store) == []
    assert merge_reasons(store, []) == []


def test_upgrading_a_version_2_database_reclusters_by_family(tmp_path) -> None:
    import duckdb

    from flashpoint.store.schema import apply_migrations

    path = tmp_path / "v2.duckdb"
    conn = duckdb.connect(str(path))
    apply_migrations(conn, target=2)
    conn.execute("INSERT INTO documents (id, text) VALUES ('d1', 'x'), ('d2', 'y')")
    conn.execute(
        "INSERT INTO locations (location_id, name, lat, lon, country, precision)"
        " VALUES ('loc-g', 'Gaza City', 31.5, 34.47, 'PS', 1)"
    )
    conn.execute(
        "INSERT INTO events (event_id, doc_id, type, date, date_start, date_is_day,"
        " location_id, cluster_id, evidence_text) VALUES"
        " ('ev-1', 'd1', 'ASSAULT', '2023-04-05', '2023-04-05', true, 'loc-g', 'ev-1', 'x'),"
        " ('ev-2', 'd2', 'COERCE', '2023-04-05', '2023-04-05', true, 'loc-g', 'ev-2', 'y')"
    )
    conn.close()
    with EventStore(path) as s:
        assert {r["cluster_id"] for r in s.query_events()} == {"ev-1"}
        [(a, b, why)] = reasons(s)
        assert (a, b) == ("ev-1", "ev-2") and why.startswith("same family PHYSICAL (ASSAULT/COERCE)")
