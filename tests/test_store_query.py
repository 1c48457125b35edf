"""EventStore.query_events: every filter, distance, ordering, limits and bad values."""

from __future__ import annotations

import pytest

from flashpoint.errors import UsageError
from flashpoint.models import Actor, Document, Event, Location, Mention
from flashpoint.store import EventQuery, EventStore

GAZA = Location("Gaza", "Gaza City", 31.5017, 34.4668, "PS", precision=1)
KHAN_YUNIS = Location("Khan Yunis", "Khan Yunis", 31.3462, 34.3063, "PS", precision=1)  # ~23 km
TEL_AVIV = Location("Tel Aviv", "Tel Aviv", 32.0853, 34.7818, "IL", precision=1)  # ~71 km
KYIV = Location("Kyiv", "Kyiv", 50.4501, 30.5234, "UA", precision=1)
UKRAINE = Location("Ukraine", "Ukraine", None, None, "ua", precision=4)


def add(
    store: EventStore, key: str, type_: str, date: str | None, place: Location | None, precision: str = "day"
) -> str:
    """Store one single-event document and return the event id."""
    text = f"Report {key}: something happened."
    doc = Document(id=Document.make_id(text), text=text, source=f"src-{key}")
    ev = Event(
        doc_id=doc.id,
        event_id=Event.make_id(doc.id, type_, 0, len(text), key),
        type=type_,
        mode=None,
        evidence=Mention(text, 0, len(text)),
        date=date,
        date_precision=precision,
        actors=(Actor(f"group {key}", f"Group {key}"),),
        location=place,
    )
    store.ingest([(doc, [ev])])
    return ev.event_id


@pytest.fixture(scope="module")
def store():
    with EventStore(":memory:") as s:
        ids = {
            "gaza": add(s, "gaza", "ASSAULT", "2023-04-05", GAZA),
            "khan": add(s, "khan", "PROTEST", "2023-04-10", KHAN_YUNIS),
            "telaviv": add(s, "telaviv", "PROTEST", "2023-03-30", TEL_AVIV),
            "kyiv": add(s, "kyiv", "assault", "2023-05-01", KYIV),
            "ukraine_month": add(s, "ukraine", "COERCE", "2023-04", UKRAINE, "month"),
            "undated": add(s, "undated", "AID", None, None),
        }
        s.ids = ids  # type: ignore[attr-defined]
        yield s


def keys(store: EventStore, rows: list[dict]) -> list[str]:
    back = {v: k for k, v in store.ids.items()}  # type: ignore[attr-defined]
    return [back[r["event_id"]] for r in rows]


def test_no_filter_orders_by_date_with_undated_last(store: EventStore) -> None:
    assert keys(store, store.query_events()) == [
        "telaviv",
        "ukraine_month",
        "gaza",
        "khan",
        "kyiv",
        "undated",
    ]


def test_since_and_until_are_inclusive(store: EventStore) -> None:
    got = keys(store, store.query_events(since="2023-04-05", until="2023-04-10"))
    assert got == ["gaza", "khan"]


def test_month_precision_date_compares_as_first_day(store: EventStore) -> None:
    assert "ukraine_month" in keys(store, store.query_events(since="2023-04-01"))
    assert "ukraine_month" not in keys(store, store.query_events(since="2023-04-02"))
    assert keys(store, store.query_events(until="2023-04-01")) == ["telaviv", "ukraine_month"]


def test_until_a_month_covers_the_whole_month(store: EventStore) -> None:
    got = keys(store, store.query_events(until="2023-04"))
    assert got[:2] == ["telaviv", "ukraine_month"] and "gaza" in got and "khan" in got


def test_since_accepts_year_and_excludes_undated(store: EventStore) -> None:
    got = keys(store, store.query_events(since="2023"))
    assert "undated" not in got and len(got) == 5
    assert store.query_events(since="2024") == []


def test_country_filter_is_case_insensitive_and_takes_lists(store: EventStore) -> None:
    assert keys(store, store.query_events(country="ps")) == ["gaza", "khan"]
    assert keys(store, store.query_events(country="UA")) == ["ukraine_month", "kyiv"]
    assert keys(store, store.query_events(country="il, ua")) == ["telaviv", "ukraine_month", "kyiv"]
    assert keys(store, store.query_events(country=["IL"])) == ["telaviv"]


def test_type_filter_is_case_insensitive_and_takes_lists(store: EventStore) -> None:
    assert keys(store, store.query_events(type="Assault")) == ["gaza", "kyiv"]
    assert keys(store, store.query_events(type="protest,coerce")) == ["telaviv", "ukraine_month", "khan"]
    assert store.query_events(type="SANCTION") == []


def test_near_uses_great_circle_distance(store: EventStore) -> None:
    assert keys(store, store.query_events(near=(31.5017, 34.4668, 10))) == ["gaza"]
    assert keys(store, store.query_events(near=(31.5017, 34.4668, 30))) == ["gaza", "khan"]
    assert keys(store, store.query_events(near=(31.5017, 34.4668, 80))) == ["telaviv", "gaza", "khan"]
    # Kyiv is about 2,150 km from Gaza City.
    assert "kyiv" not in keys(store, store.query_events(near=(31.5017, 34.4668, 2000)))
    assert "kyiv" in keys(store, store.query_events(near=(31.5017, 34.4668, 2300)))


def test_near_skips_places_without_coordinates(store: EventStore) -> None:
    got = keys(store, store.query_events(near=(49.0, 32.0, 20000)))
    assert "ukraine_month" not in got and "undated" not in got and len(got) == 4


def test_filters_combine(store: EventStore) -> None:
    got = store.query_events(since="2023-04-01", country="ps", type="protest", near=(31.5, 34.45, 50))
    assert keys(store, got) == ["khan"]


def test_limit(store: EventStore) -> None:
    assert keys(store, store.query_events(limit=2)) == ["telaviv", "ukraine_month"]
    assert store.query_events(limit=0) == []


def test_event_query_object_matches_keyword_call(store: EventStore) -> None:
    q = EventQuery(type="PROTEST", country="PS")
    assert store.query(q) == store.query_events(type="PROTEST", country="PS")


def test_result_shape(store: EventStore) -> None:
    [row] = store.query_events(country="PS", type="ASSAULT")
    assert row["location"]["name"] == "Gaza City"
    assert row["location"]["lat"] == pytest.approx(31.5017)
    assert row["actors"][0]["name"] == "Group gaza" and row["recipients"] == []
    assert row["evidence"]["start"] == 0 and row["evidence"]["text"].startswith("Report gaza")
    assert row["source"] == "src-gaza" and row["cluster_id"] == row["event_id"]
    assert "reports" not in row


@pytest.mark.parametrize(
    "kwargs",
    [
        {"since": "yesterday"},
        {"until": "2023-13-01"},
        {"near": (95, 0, 10)},
        {"near": (0, 0, -1)},
        {"near": ("a", 0, 1)},
        {"near": (0, 0)},
        {"limit": -1},
        {"type": " , "},
        {"country": ""},
    ],
)
def test_bad_filter_values_raise_usage_error(store: EventStore, kwargs: dict) -> None:
    with pytest.raises(UsageError):
        store.query_events(**kwargs)


def test_user_values_are_bound_not_spliced() -> None:
    sql, params = EventQuery(actor="PS'; DROP TABLE events; --", q="x' OR 1=1").to_sql()
    assert "DROP" not in sql and "PS'" not in sql and "1=1" not in sql
    assert "ps'; drop table events; --" in params and "x' or 1=1" in params
