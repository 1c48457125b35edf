"""`flashpoint events`, `alerts` and `geocode` options: the shared filters, the new output
formats, and a one-line error with exit status 2 for every bad value."""

from __future__ import annotations

import csv
import io
import json

import pytest

from flashpoint.cli import EVENT_FILTERS, build_parser, main
from flashpoint.store import EventStore
from flashpoint.store.filters import HELP
from query_store import build_query_db


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("cli_filters") / "events.duckdb")
    build_query_db(path)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "flags, filters",
    [
        (["--actor", "KFOR"], {"actor": "KFOR"}),
        (
            ["--admin1", "Mitrovica", "--type", "PROTEST,ASSAULT"],
            {"admin1": "Mitrovica", "type": "PROTEST,ASSAULT"},
        ),
        (["--admin2", "zvecan"], {"admin2": "zvecan"}),
        (
            ["--acled-type", "Battles", "--acled-sub-type", "armed clash"],
            {"acled_type": "Battles", "acled_sub_type": "armed clash"},
        ),
        (["--min-fatalities", "10"], {"min_fatalities": 10}),
        (["--q", "drone", "--since", "2023-05"], {"q": "drone", "since": "2023-05"}),
    ],
)
def test_events_filters_match_the_store(db, capsys, flags, filters):
    with EventStore(db, read_only=True) as store:
        want = [r["event_id"] for r in store.query_events(**filters)]
    assert want
    code, out, _ = run(capsys, "events", "--db", db, "--format", "json", *flags)
    assert code == 0 and [r["event_id"] for r in json.loads(out)] == want


def test_offset_and_limit_page_the_list(db, capsys):
    _, every, _ = run(capsys, "events", "--db", db, "--format", "jsonl")
    _, page, _ = run(capsys, "events", "--db", db, "--format", "jsonl", "--offset", "1", "--limit", "2")
    assert page.splitlines() == every.splitlines()[1:3]


def test_events_write_geojson_and_acled_csv(db, capsys):
    code, out, _ = run(capsys, "events", "--db", db, "--format", "geojson", "--country", "XK")
    collection = json.loads(out)
    assert code == 0 and collection["type"] == "FeatureCollection" and len(collection["features"]) == 2
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 20 < lon < 21 and 42 < lat < 44
    code, out, _ = run(capsys, "events", "--db", db, "--format", "acled-csv", "--acled-type", "Protests")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 1 and rows[0]["event_type"] == "Protests"
    from flashpoint.io.formats.acled import acled_columns  # one writer for every route

    assert list(rows[0]) == list(acled_columns()) and rows[0]["disorder_type"] == "Demonstrations"


@pytest.mark.parametrize(
    "argv, word",
    [
        (["events", "--type", "PROTESTS"], "did you mean PROTEST?"),
        (["events", "--country", "Kosovo"], "did you mean XK?"),
        (["events", "--since", "2023-05-02", "--until", "2023-05-01"], "later than"),
        (["events", "--near", "91,181,-5"], "latitude"),
        (["events", "--near", "1e309,1,5"], "finite"),
        (["events", "--near", "42,20,0"], "distance"),
        (["events", "--offset", "99999999999999999999"], "offset"),
        (["events", "--limit", "ten"], "limit"),
        (["events", "--until", "9999-12-31"], "until"),
        (["events", "--min-fatalities", "-2"], "min_fatalities"),
        (["events", "--lake", "somewhere", "--actor", "KFOR"], "--actor"),
        (["alerts", "--since", "2023-06", "--until", "2023-05"], "later than"),
        (["alerts", "--until", "99999"], "until"),
        (["geocode", "Springfield", "--country", "USA"], "did you mean US?"),
        (["geocode", "Springfield", "--limit", "-1"], "limit"),
    ],
)
def test_bad_values_give_one_error_line_and_exit_2(db, capsys, argv, word):
    code, out, err = run(capsys, *argv, "--db", db) if argv[0] != "geocode" else run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("flashpoint: error: ") and err.count("\n") == 1
    assert word in err and "Traceback" not in err


def test_geocode_country_and_limit(capsys):
    code, out, _ = run(capsys, "geocode", "Springfield", "--json")
    every = json.loads(out)
    in_us = [p for p in every if p["country"] == "US"]
    assert code == 0 and len(in_us) > 2 and len(every) > len(in_us)
    code, out, _ = run(capsys, "geocode", "Springfield", "--country", "us", "--limit", "2", "--json")
    assert json.loads(out) == in_us[:2]


def test_filter_flags_share_the_api_help():
    sub = build_parser()._subparsers._group_actions[0].choices["events"]
    helps = {a.dest: a.help for a in sub._actions}
    assert all(helps[name] == HELP[name] for name in EVENT_FILTERS)
