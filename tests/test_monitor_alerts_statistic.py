"""The escalation statistic on synthetic stores (no parsing): bursts alert, flat history does not."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

import pytest

from flashpoint.models import Actor, Document, Event, Location, Mention
from flashpoint.monitor import find_alerts
from flashpoint.monitor.alerts import format_alerts, predictive_surprise
from flashpoint.monitor.config import alert_rules
from flashpoint.store import EventStore

TOWN = Location("Town", "Town", 10.0, 10.0, "ZZ", admin1="North", admin2="Town District", precision=1)
FAR = [
    Location(
        f"Village {i}",
        f"Village {i}",
        10.0 + 0.3 * i,
        11.0,
        "ZZ",
        admin1="North",
        admin2=f"District {i}",
        precision=1,
    )
    for i in range(1, 40)
]
SOUTH = Location("Port", "Port", 5.0, 5.0, "ZZ", admin1="South", admin2="Port District", precision=1)


def add(
    store: EventStore,
    day: date,
    place: Location,
    n: int = 1,
    type_: str = "ASSAULT",
    injured: int | None = None,
) -> None:
    """n unrelated events (different actors so they never merge) at ``place`` on ``day``."""
    batch = []
    for i in range(n):
        text = f"Event {i} at {place.name} on {day}."
        doc = Document(id=f"doc-{place.name}-{day}-{i}-{type_}", text=text, date=day)
        actor = Actor(f"group {i}", f"Group {i} {day}", None, "CVL")
        ev = Event(
            doc_id=doc.id,
            event_id=Event.make_id(doc.id, type_, 0, len(text), place.name),
            type=type_,
            mode=None,
            evidence=Mention(text, 0, len(text)),
            date=day.isoformat(),
            date_precision="day",
            actors=(actor,),
            location=place,
            injured=injured,
        )
        batch.append((doc, [ev]))
    store.ingest(batch)


@pytest.fixture
def store():
    with EventStore(":memory:") as s:
        yield s


def test_geometric_case_matches_closed_form() -> None:
    # One prior pseudo-event and no history: the predictive is geometric, P(X >= k) = q**k.
    expected, p = predictive_surprise(6, 0, 0, 7, prior_events=1.0, prior_days=5.0)
    q = 7 / 12
    assert p == pytest.approx(q**6, rel=1e-9)
    assert expected == pytest.approx(7 / 5)


def test_upper_tail_matches_direct_sum_and_keeps_small_values() -> None:
    r, exposure, w = 3.5, 40.0, 7.0
    q = w / (exposure + w)

    def pmf(k: int) -> float:
        return math.exp(
            math.lgamma(r + k) - math.lgamma(r) - math.lgamma(k + 1) + r * math.log1p(-q) + k * math.log(q)
        )

    _, p = predictive_surprise(4, 3, 35.0, w, prior_events=0.5, prior_days=5.0)
    assert p == pytest.approx(1 - sum(pmf(k) for k in range(4)), rel=1e-9)
    _, tiny = predictive_surprise(60, 3, 35.0, w, prior_events=0.5, prior_days=5.0)
    assert 0 < tiny < 1e-30
    assert predictive_surprise(0, 3, 35.0, w, 0.5, 5.0)[1] == 1.0


def test_burst_after_quiet_history_alerts_with_the_statistic(store: EventStore) -> None:
    start = date(2024, 1, 1)
    for week in range(8):  # one event a week for eight weeks
        add(store, start + timedelta(days=7 * week), TOWN)
    burst = start + timedelta(days=60)
    for offset in range(3):
        add(store, burst + timedelta(days=offset), TOWN, n=3, injured=2)
    alerts = find_alerts(store)
    assert [(a.place, a.level) for a in alerts] == [("North", "admin1")]
    [a] = alerts
    rules = alert_rules()
    assert a.window_end == burst + timedelta(days=2)
    assert a.window_start == a.window_end - timedelta(days=rules.window_days - 1)
    assert a.observed == 9 and a.injured == 18 and len(a.events) == 9
    # Baseline: the 53 days from the first event to the window start, with its 8 events.
    assert (a.baseline_events, a.baseline_days) == (8, (a.window_start - start).days)
    expected, p = predictive_surprise(
        9, 8, a.baseline_days, rules.window_days, rules.prior_events, rules.prior_days
    )
    assert a.expected == pytest.approx(expected) and a.p_value == pytest.approx(p)
    assert a.p_value < rules.p_threshold and a.score == pytest.approx(-math.log10(p))
    d = a.to_dict()
    assert d["window_end"] == a.window_end.isoformat() and d["country"] == "ZZ"
    assert {e["event_id"] for e in d["events"]} <= {r["cluster_id"] for r in store.query_events()}
    assert "North" in format_alerts(alerts)


def test_flat_history_raises_no_alert(store: EventStore) -> None:
    start = date(2024, 1, 1)
    for day in range(120):
        add(store, start + timedelta(days=day), TOWN)
    assert find_alerts(store) == []


def test_min_events_and_since_until(store: EventStore) -> None:
    start = date(2024, 1, 1)
    add(store, start, SOUTH)
    add(store, start + timedelta(days=40), TOWN, n=4)  # surprising but below min_events
    assert find_alerts(store) == []
    add(store, start + timedelta(days=41), TOWN, n=4)
    [a] = find_alerts(store)
    assert a.window_end == start + timedelta(days=41)
    # As seen on day 40, nothing had fired yet; a since after the episode drops it too.
    assert find_alerts(store, until=start + timedelta(days=40)) == []
    assert find_alerts(store, since=start + timedelta(days=42)) == []
    assert find_alerts(store, place="north") and find_alerts(store, place="town")
    assert find_alerts(store, place="Port") == []


def test_overlapping_windows_are_one_episode_and_admin2_defers_to_admin1(store: EventStore) -> None:
    start = date(2024, 1, 1)
    add(store, start, SOUTH)
    for offset in range(6):  # six consecutive firing days, one episode
        add(store, start + timedelta(days=30 + offset), TOWN, n=3)
    alerts = find_alerts(store)
    assert len(alerts) == 1 and alerts[0].level == "admin1"
    only_admin2 = replace(alert_rules(), levels=("admin2",))
    [a2] = find_alerts(store, rules=only_admin2)
    assert a2.place == "Town District" and a2.to_dict()["admin1"] == "North"


def test_spread_out_area_counts_each_district_once(store: EventStore) -> None:
    start = date(2024, 1, 1)
    add(store, start, SOUTH)
    for i, village in enumerate(FAR[:8]):  # one event in each of eight districts
        add(store, start + timedelta(days=30 + i % 3), village)
    [a] = find_alerts(store)
    assert a.place == "North" and a.observed == 8


def test_verbal_events_do_not_count(store: EventStore) -> None:
    start = date(2024, 1, 1)
    add(store, start, SOUTH)
    for offset in range(3):
        add(store, start + timedelta(days=30 + offset), TOWN, n=4, type_="ACCUSE")
    assert find_alerts(store) == []
