"""flashpoint.store.filters: each event filter against a small database, and every
validator refusing bad values with a message naming the parameter."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from flashpoint.errors import UsageError
from flashpoint.io.formats.countries import country_codes
from flashpoint.ontology import load_ontology
from flashpoint.store import EventQuery, EventStore
from flashpoint.store.filters import EventFilter, check_span, fold, parse_near, parse_page, query_bounds
from query_store import EVENTS, build_query_db


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> tuple[EventStore, dict[str, str]]:
    path = str(tmp_path_factory.mktemp("filters") / "events.duckdb")
    ids = build_query_db(path)
    with EventStore(path, read_only=True) as store:
        yield store, ids


def found(db, **filters) -> set[str]:
    store, ids = db
    back = {v: k for k, v in ids.items()}
    return {back[r["event_id"]] for r in store.query_events(**filters)}


def expected(test) -> set[str]:
    """Keys of EVENTS whose fields pass ``test(type, acled, sub, date, place, dead, actor, target, text)``."""
    return {k for k, row in EVENTS.items() if test(*row)}


def names(actor, target) -> str:
    return fold(" ".join(" ".join(a) for a in (actor, target) if a))


@pytest.mark.parametrize(
    "filters, test",
    [
        ({"actor": "kfor"}, lambda t, a, s, d, p, f, actor, target, x: "kfor" in names(actor, target)),
        ({"actor": "SERB"}, lambda t, a, s, d, p, f, actor, target, x: "serb" in names(actor, target)),
        ({"admin1": "MITROVICA"}, lambda t, a, s, d, p, f, *_: p is not None and p.admin1 == "Mitrovica"),
        (
            {"admin2": "zvecan,leposavic"},
            lambda t, a, s, d, p, f, *_: p is not None and fold(p.admin2 or "") in ("zvecan", "leposavic"),
        ),
        ({"acled_type": "battles, PROTESTS"}, lambda t, a, *_: a in ("Battles", "Protests")),
        ({"acled_sub_type": "air/drone strike"}, lambda t, a, s, *_: s == "Air/drone strike"),
        ({"type": "assault,request"}, lambda t, *_: t in ("ASSAULT", "REQUEST")),
        ({"type": "DEMAND"}, lambda t, *_: t == "REQUEST"),
        ({"min_fatalities": "3"}, lambda t, a, s, d, p, f, *_: (f or 0) >= 3),
        ({"min_fatalities": 0}, lambda *_: True),
        ({"q": "DRONE"}, lambda *row: "drone" in row[-1].lower()),
        ({"country": "xk"}, lambda t, a, s, d, p, *_: p is not None and p.country == "XK"),
        (
            {"since": "2023-05", "until": "2023-05"},
            lambda t, a, s, d, *_: d is not None and d[:7] == "2023-05",
        ),
        ({"near": "42.9,20.8,30"}, lambda t, a, s, d, p, *_: p is not None and p.country == "XK"),
    ],
)
def test_each_filter_keeps_exactly_the_matching_events(db, filters, test):
    want = expected(test)
    assert want, "the fixture should hold a matching event"
    assert found(db, **filters) == want


def test_filters_combine(db):
    assert found(db, country="XK", actor="serb", acled_type="Protests") == {"leposavic"}
    assert found(db, min_fatalities=3, admin1="Mitrovica") == set()


def test_offset_pages_through_the_list(db):
    store, _ = db
    every = [r["event_id"] for r in store.query_events()]
    pages = [r["event_id"] for o in range(0, len(every), 2) for r in store.query_events(limit=2, offset=o)]
    assert pages == every


def test_checked_values_are_normalised_and_stable():
    flt = EventFilter(
        since="2023-04",
        until="2023",
        country="xk, rs",
        type="demand",
        acled_type="riots",
        near=" 42.9 , 20.8, 5",
    )
    assert (flt.since, flt.until) == (date(2023, 4, 1), date(2023, 12, 31))
    assert flt.country == ("XK", "RS") and flt.type == ("REQUEST",) and flt.acled_type == ("Riots",)
    assert flt.near == (42.9, 20.8, 5.0)
    assert EventFilter(**dataclasses.asdict(flt)) == flt


def test_unknown_type_lists_every_valid_type():
    with pytest.raises(UsageError) as err:
        EventFilter(type="PROTESTS")
    message = str(err.value)
    assert "PROTESTS" in message and "did you mean PROTEST?" in message
    assert all(t in message for t in load_ontology().types)


def test_country_name_suggests_its_code_and_lists_the_codes():
    with pytest.raises(UsageError) as err:
        EventFilter(country="Kosovo")
    message = str(err.value)
    assert "did you mean XK?" in message
    assert all(code in message for code in country_codes())


def test_unknown_acled_types_list_the_ontology_names():
    table = load_ontology().acled_types
    with pytest.raises(UsageError) as err:
        EventFilter(acled_type="Protest")
    assert "did you mean Protests?" in str(err.value)
    assert all(t in str(err.value) for t in table)
    with pytest.raises(UsageError) as err:
        EventFilter(acled_sub_type="Drone strike")
    assert all(s in str(err.value) for subs in table.values() for s in subs)


BOUNDS = query_bounds()


@pytest.mark.parametrize(
    "filters, word",
    [
        ({"since": "2023-05-02", "until": "2023-05-01"}, "later than"),
        ({"since": "2023-06", "until": "2023-05"}, "later than"),
        ({"since": "yesterday"}, "since"),
        ({"until": "2023-02-30"}, "until"),
        ({"until": "9999-12-31"}, "until"),
        ({"until": str(BOUNDS.latest + timedelta(days=1))}, "until"),
        ({"since": str(BOUNDS.earliest - timedelta(days=1))}, "since"),
        ({"since": "0001-01-01"}, "since"),
        ({"since": 20230501}, "since"),
        ({"near": "91,181,-5"}, "latitude"),
        ({"near": "45,181,5"}, "longitude"),
        ({"near": "45,-180.5,5"}, "longitude"),
        ({"near": "1e309,1,5"}, "finite"),
        ({"near": "nan,1,5"}, "finite"),
        ({"near": "1,1,inf"}, "finite"),
        ({"near": "42,20,0"}, "distance"),
        ({"near": "42,20,-5"}, "distance"),
        ({"near": "42,20"}, "near"),
        ({"near": "a,b,c"}, "near"),
        ({"near": (1, 2)}, "near"),
        ({"min_fatalities": "-1"}, "min_fatalities"),
        ({"min_fatalities": "2.5"}, "min_fatalities"),
        ({"min_fatalities": "1e3"}, "min_fatalities"),
        ({"min_fatalities": True}, "min_fatalities"),
        ({"type": " , "}, "type"),
        ({"country": ""}, "country"),
        ({"actor": "  "}, "actor"),
        ({"actor": "x" * (BOUNDS.limits["text"] + 1)}, "actor"),
        ({"q": ""}, "q"),
        ({"admin1": ","}, "admin1"),
        ({"place": ""}, "place"),
    ],
)
def test_bad_values_are_refused_with_a_message_naming_them(filters, word):
    with pytest.raises(UsageError, match=word):
        EventFilter(**filters)


def test_date_bounds_themselves_are_accepted():
    flt = EventFilter(since=str(BOUNDS.earliest), until=str(BOUNDS.latest))
    assert (flt.since, flt.until) == (BOUNDS.earliest, BOUNDS.latest)


@pytest.mark.parametrize(
    "limit, offset, word",
    [
        (None, "9223372036854775808", "offset"),
        (None, "99999999999999999999", "offset"),
        (None, "9" * 5000, "offset"),
        (None, "-1", "offset"),
        (None, "1.0", "offset"),
        ("x", None, "limit"),
        (str(BOUNDS.limits["events"] + 1), None, "limit"),
        (-1, None, "limit"),
    ],
)
def test_bad_pages_are_refused(limit, offset, word):
    with pytest.raises(UsageError, match=word):
        parse_page(limit, offset, "events")


def test_page_defaults_and_bounds_come_from_the_data_file():
    assert parse_page(None, None, "events") == (BOUNDS.defaults["events"], 0)
    # the exports have no default page: without a limit they hold every matching row
    assert parse_page(None, None, "geojson") == (None, 0) == parse_page(None, "0", "export")
    assert parse_page("7", None, "export") == (7, 0)
    most = (str(BOUNDS.limits["events"]), str(BOUNDS.limits["offset"]))
    assert parse_page(*most, "events") == (BOUNDS.limits["events"], BOUNDS.limits["offset"])
    with pytest.raises(UsageError):
        EventQuery(offset=BOUNDS.limits["offset"] + 1)


def test_series_span_is_bounded():
    most = BOUNDS.limits["timeseries_periods"]
    start = date(2000, 1, 3)
    check_span(start, start + timedelta(days=most - 1), "day")
    check_span(start, start + timedelta(weeks=most - 1), "week")
    with pytest.raises(UsageError, match="at most"):
        check_span(start, start + timedelta(days=most), "day")
    with pytest.raises(UsageError, match="at most"):
        check_span(BOUNDS.earliest, BOUNDS.latest, "week")


def test_the_bounds_file_is_consistent():
    assert BOUNDS.earliest < BOUNDS.latest
    assert all(isinstance(v, int) and v > 0 for v in BOUNDS.limits.values())
    for kind, default in BOUNDS.defaults.items():
        assert 0 < default <= BOUNDS.limits[kind]
    # an offset at the bound must still fit DuckDB's BIGINT
    assert BOUNDS.limits["offset"] < 2**63 - 1


def test_near_accepts_the_edges_of_the_globe():
    assert parse_near("-90,-180,0.1") == (-90.0, -180.0, 0.1)
    assert parse_near((90, 180, BOUNDS.limits["near_km"])) == (90.0, 180.0, BOUNDS.limits["near_km"])
