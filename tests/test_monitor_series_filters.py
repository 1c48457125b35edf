"""The timeline takes every filter of the event list, by the same names and with the same
meaning (issue 17 points 2 and 4): for each filter combination on the demo store, the
merged events the series counts plus those it cannot place on a day (``not_by_day``) are
the event list's total, in the library and through the API, for both units."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from flashpoint.facade import demo_corpus_path, ingest
from flashpoint.monitor import timeline, timeseries
from flashpoint.store import EventStore
from flashpoint.store.filters import EventFilter
from flashpoint.store.queries import is_day_date
from flashpoint.store.reads import list_events

# Each combination keeps some but not all demo events (checked below), so a filter the
# series ignored would show as a difference from the list's total.
COMBINATIONS: list[dict[str, str]] = [
    {"actor": "KFOR"},
    {"admin1": "Mitrovica", "type": "PROTEST,ASSAULT"},
    {"acled_type": "Protests"},
    {"acled_sub_type": "Peaceful protest", "country": "XK"},
    {"q": "police", "since": "2023-05-01"},
    {"since": "2023-05-29", "until": "2023-06-05", "actor": "police"},
    {"admin2": "Zvecan,Leposavic"},
    {"place": "Mitrovica", "min_fatalities": "0", "type": "COERCE"},
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("series") / "demo.duckdb"
    ingest([demo_corpus_path()], str(path))
    return path


@pytest.fixture(scope="module")
def store(demo_db: Path):
    with EventStore(demo_db, read_only=True) as s:
        yield s


@pytest.fixture(scope="module")
def client(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from flashpoint.web.app import create_app

    # The server owns its database file: it serves a copy of the same store.
    served = tmp_path_factory.mktemp("served") / "demo.duckdb"
    shutil.copy(demo_db, served)
    with TestClient(create_app(str(served))) as c:
        yield c


def _counted(answer: dict[str, Any]) -> int:
    return sum(p["events"] for p in answer["series"]) + answer["not_by_day"]


@pytest.mark.parametrize("unit", ["events", "reports"])
@pytest.mark.parametrize("given", COMBINATIONS, ids=lambda g: "&".join(f"{k}={v}" for k, v in g.items()))
def test_library_series_counts_what_the_event_list_lists(store, given, unit) -> None:
    everything = list_events(store.conn, EventFilter(), limit=1, unit=unit)["total"]
    listed = list_events(store.conn, EventFilter(**given), limit=1, unit=unit)["total"]
    assert 0 < listed < everything, "the combination should keep some events, not all"
    answer = timeline(store, unit=unit, **given)
    assert _counted(answer) == listed
    # an EventFilter given whole is the same filter
    assert timeline(store, unit=unit, filters=EventFilter(**given)) == answer


@pytest.mark.parametrize("given", COMBINATIONS, ids=lambda g: "&".join(f"{k}={v}" for k, v in g.items()))
def test_api_series_counts_what_events_lists(client, given) -> None:
    for unit in ("events", "reports"):
        params = {**given, "unit": unit}
        listed = client.get("/events", params={**params, "limit": "1"})
        series = client.get("/stats/timeseries", params=params)
        assert listed.status_code == series.status_code == 200, series.text
        assert _counted(series.json()) == listed.json()["total"], (unit, given)


@pytest.mark.parametrize("given", COMBINATIONS[:4], ids=lambda g: "&".join(g))
def test_the_figures_are_those_of_the_listed_events(store, given) -> None:
    flt = EventFilter(**given)
    merged = {e["cluster_id"]: e for e in list_events(store.conn, flt, limit=500)["events"]}
    reports = list_events(store.conn, flt, limit=500, unit="reports")["events"]
    # the events with a matching report dated to a day are the ones the series places
    dated = {r["cluster_id"] for r in reports if is_day_date(r["date"], r["date_precision"])}
    series = timeseries(store, filters=flt)
    assert sum(p["events"] for p in series) == len(dated)
    for field in ("fatalities", "injured", "arrested"):
        assert sum(p[field] for p in series) == sum(merged[c][field] or 0 for c in dated), field


def test_a_period_filter_places_each_event_inside_it(store) -> None:
    series = timeseries(store, since="2023-05-29", until="2023-06-05", actor="police")
    assert [p["period"] for p in series][0] == "2023-05-29"
    assert series[-1]["period"] == "2023-06-05"


def test_bad_filters_are_refused_by_name(client, store) -> None:
    bad = client.get("/stats/timeseries", params={"acled_type": "Protest"})
    assert bad.status_code == 400
    assert "Protests" in bad.json()["detail"]  # the valid values are listed
    bad = client.get("/stats/timeseries", params={"min_fatalities": "-1"})
    assert bad.status_code == 400 and "min_fatalities" in bad.json()["detail"]
    from flashpoint.errors import UsageError

    with pytest.raises(UsageError, match="unknown filter"):
        timeseries(store, acter="KFOR")
    with pytest.raises(UsageError, match="not both"):
        timeseries(store, filters=EventFilter(actor="KFOR"), since="2023-05")


@pytest.mark.parametrize(
    "given", COMBINATIONS[:3] + COMBINATIONS[5:6], ids=lambda g: "&".join(f"{k}={v}" for k, v in g.items())
)
def test_cli_timeline_counts_what_cli_events_lists(demo_db, given, capsys) -> None:
    import json

    from flashpoint.cli import main

    flags = [x for k, v in given.items() for x in ("--" + k.replace("_", "-"), v)]
    for unit_flag in ([], ["--reports"]):
        capsys.readouterr()
        assert main(["events", "--db", str(demo_db), "--format", "json", *flags, *unit_flag]) == 0
        listed = json.loads(capsys.readouterr().out)
        assert main(["timeline", "--db", str(demo_db), "--format", "json", *flags, *unit_flag]) == 0
        answer = json.loads(capsys.readouterr().out)
        assert _counted(answer) == len(listed) > 0, (given, unit_flag)
        assert main(["timeline", "--db", str(demo_db), *flags, *unit_flag]) == 0
        table = capsys.readouterr().out.splitlines()
        total = next(line for line in table if line.startswith("total"))
        assert int(total.split()[1]) == sum(p["events"] for p in answer["series"])
        assert table[-1].startswith(f"{answer['not_by_day']} more")


def test_cli_timeline_refuses_bad_filters_before_opening(tmp_path, capsys) -> None:
    from flashpoint.cli import main

    assert main(["timeline", "--db", str(tmp_path / "none.duckdb"), "--type", "PROTESTS"]) == 2
    err = capsys.readouterr().err
    assert "PROTEST" in err and "Traceback" not in err
    assert main(["timeline", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no event database" in capsys.readouterr().err
