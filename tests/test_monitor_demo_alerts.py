"""On the demo corpus the 26-29 May 2023 clashes in northern Kosovo raise a Mitrovica alert."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from flashpoint.cli import main
from flashpoint.facade import demo_corpus_path, ingest
from flashpoint.monitor import find_alerts, merge_reasons, place_intensity
from flashpoint.store import EventStore

NORTH = {"Zvecan", "Zubin Potok", "Leposaviq", "North Mitrovica", "Mitrovica"}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("monitor") / "demo.duckdb"
    ingest([demo_corpus_path()], str(path))
    return path


@pytest.fixture
def demo_store(demo_db: Path):
    with EventStore(demo_db, read_only=True) as s:
        yield s


def test_mitrovica_alert_covers_the_may_clashes(demo_store: EventStore) -> None:
    alerts = [a for a in find_alerts(demo_store) if a.place == "Mitrovica"]
    assert len(alerts) == 1
    a = alerts[0]
    assert (a.level, a.country) == ("admin1", "XK")
    assert a.window_start <= date(2023, 5, 26) and a.window_end >= date(2023, 5, 29)
    assert a.window_end <= date(2023, 6, 5)
    assert a.observed >= 5 and a.observed > 4 * a.expected and a.p_value < 0.001
    days = {e["date"] for e in a.events}
    assert {"2023-05-26", "2023-05-29"} <= days
    assert {e["place"] for e in a.events} <= NORTH
    assert a.injured >= 30


def test_alert_would_have_fired_by_may_29_and_not_in_april(demo_store: EventStore) -> None:
    assert [a.place for a in find_alerts(demo_store, until="2023-05-29")] == ["Mitrovica"]
    assert find_alerts(demo_store, until="2023-05-25") == []
    assert [a.place for a in find_alerts(demo_store, place="Zvecan")] == ["Mitrovica"]


def test_reports_merge_into_fewer_events_with_reasons(demo_store: EventStore) -> None:
    counts = demo_store.counts()
    assert counts["clusters"] < counts["events"]
    rows = demo_store.query_events(merged=True, since="2023-05-29", until="2023-05-29", type="ASSAULT")
    big = max(rows, key=lambda r: (r["reports"], r["event_id"]))
    assert big["reports"] >= 3
    why = merge_reasons(demo_store, [big["event_id"]])
    assert len(why) >= big["reports"] - 1
    assert all(w["reason"].startswith("same family ") for w in why)


def test_reingesting_the_demo_changes_nothing(demo_db: Path) -> None:
    def snapshot() -> tuple:
        with EventStore(demo_db, read_only=True) as s:
            return (s.counts(), s.conn.execute("SELECT * FROM merges ORDER BY 1, 2").fetchall())

    before = snapshot()
    result, _ = ingest([demo_corpus_path()], str(demo_db))
    assert result.events_new == 0 and result.documents_new == 0
    assert snapshot() == before


def test_mitrovica_leads_place_intensity(demo_store: EventStore) -> None:
    top = place_intensity(demo_store, since="2023-05-26", until="2023-05-31")[0]
    assert (top["place"], top["country"]) == ("Mitrovica", "XK") and top["intensity"] > 1


def test_alerts_command(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["alerts", "--db", str(demo_db)]) == 0
    table = capsys.readouterr().out
    assert "Mitrovica (admin1, XK)" in table and "observed" in table and "p=" in table
    assert main(["alerts", "--db", str(demo_db), "--place", "mitrovica", "--format", "json"]) == 0
    [alert] = json.loads(capsys.readouterr().out)["alerts"]
    assert alert["place"] == "Mitrovica" and alert["events"]
    assert main(["alerts", "--db", str(demo_db), "--until", "2023-05-01"]) == 0
    assert capsys.readouterr().out.strip() == "no alerts"


def test_alert_figures_are_those_its_event_pages_show(demo_store: EventStore) -> None:
    # issue 17.1: the Mitrovica alert said "injured 60" while its event pages showed 10
    # and no counts; alert, list and page now all take each merged event's largest figure
    from flashpoint.store.reads import event_detail

    alerts = find_alerts(demo_store)
    assert alerts
    for a in alerts:
        assert len(a.events) == a.observed
        assert a.injured == sum(e["injured"] for e in a.events)
        assert a.fatalities == sum(e["fatalities"] for e in a.events)
        for e in a.events:
            page = event_detail(demo_store.conn, e["event_id"])
            assert (page["injured"] or 0, page["fatalities"] or 0) == (e["injured"], e["fatalities"])
