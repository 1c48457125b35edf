"""Escalation alerts: a place whose recent events depart from its own history.

For each place (admin1 and admin2 areas) and each day D with events there, the window
is the ``window_days`` ending on D. Its count of events X (merge clusters of the
``count_families``) is compared with the place's own rate over the ``baseline_days``
before the window (fewer when the store's history starts later):

    rate ~ Gamma(a0 + n_b, b0 + T_b)            a0, b0: weak prior (prior_events, prior_days)
    X | rate ~ Poisson(rate * w)   =>   X ~ NegBin(r = a0 + n_b, q = w / (b0 + T_b + w))
    p = P(X >= observed),  expected = w * (a0 + n_b) / (b0 + T_b)

with n_b events over T_b baseline days and w = window_days. A window fires when
p < p_threshold and X >= min_events, and is only tested with at least
``min_baseline_days`` of history before it. Firing windows of one place that overlap
form one episode, reported by its strongest window (smallest p, then earliest). An
admin2 episode is dropped when its admin1 area has an overlapping episode.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from typing import Any

from ..models import content_hash
from ..store.merge_rules import merge_rules
from ..store.places import place_key, place_keys_for
from .clusters import CLUSTERS_SQL, day_bounds
from .config import AlertRules, alert_rules

_SUMMARY_CHARS = 200


@dataclass(frozen=True)
class Alert:
    """One escalation episode at one place, with the events in its strongest window."""

    alert_id: str
    place: str
    level: str
    country: str | None
    window_start: Date
    window_end: Date
    observed: int
    expected: float
    p_value: float
    score: float
    method: str
    events: tuple[dict[str, Any], ...]
    fatalities: int
    injured: int
    baseline_events: int
    baseline_days: int
    parent: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "alert_id": self.alert_id,
            "place": self.place,
            "level": self.level,
            "country": self.country,
            "window_start": self.window_start.isoformat(),
            "window_end": self.window_end.isoformat(),
            "observed": self.observed,
            "expected": round(self.expected, 3),
            "p_value": self.p_value,
            "score": round(self.score, 2),
            "method": self.method,
            "events": [dict(e) for e in self.events],
            "fatalities": self.fatalities,
            "injured": self.injured,
            "baseline_events": self.baseline_events,
            "baseline_days": self.baseline_days,
            "admin1": self.parent,
        }


def predictive_surprise(
    observed: int,
    baseline_events: int,
    baseline_days: float,
    window_days: float,
    prior_events: float,
    prior_days: float,
) -> tuple[float, float]:
    """(expected, p) where p = P(X >= observed) under the Gamma-Poisson predictive."""
    r = prior_events + baseline_events
    exposure = prior_days + baseline_days
    q = window_days / (exposure + window_days)
    expected = window_days * r / exposure
    if observed <= 0:
        return expected, 1.0
    # Sum the upper tail directly (not 1 - lower tail) so tiny p values keep their digits.
    log_term = (
        math.lgamma(r + observed)
        - math.lgamma(r)
        - math.lgamma(observed + 1)
        + r * math.log1p(-q)
        + observed * math.log(q)
    )
    term, total, k = math.exp(log_term), 0.0, observed
    mode = (r - 1) * q / (1 - q)
    while term > 0:
        total += term
        if k > mode and term < total * 1e-16:
            break
        term *= q * (r + k) / (k + 1)
        k += 1
    return expected, min(total, 1.0)


@dataclass(frozen=True)
class _Cluster:
    cid: str
    type: str
    day: Date
    name: str | None
    fatalities: int
    injured: int
    summary: str
    keys: frozenset[str]
    places: dict[str, tuple[str | None, str, str | None]]  # level -> (country, name, parent)


@dataclass(frozen=True)
class _Window:
    start: Date
    end: Date
    observed: int
    expected: float
    p: float
    baseline_events: int
    baseline_days: int


def _load(conn: Any, families: tuple[str, ...], until: Date | None) -> list[_Cluster]:
    rules = merge_rules()
    types = sorted(t for f in families for t in rules.families.get(f, ()))
    sql = (
        CLUSTERS_SQL + "SELECT cid, type, day, name, fatalities, injured, summary, place_keys,"
        " admin1_country, admin1, admin2_country, admin2, admin2_parent FROM clusters"
        " WHERE day IS NOT NULL AND list_contains(?::VARCHAR[], type)"
    )
    params: list[Any] = [types]
    if until is not None:
        sql += " AND day <= ?"
        params.append(until)
    out: list[_Cluster] = []
    for cid, type_, day, name, fat, inj, summary, keys, a1c, a1, a2c, a2, a2p in conn.execute(
        sql + " ORDER BY day, cid", params
    ).fetchall():
        places: dict[str, tuple[str | None, str, str | None]] = {}
        if a1:
            places["admin1"] = (a1c, a1, None)
        if a2:
            places["admin2"] = (a2c, a2, a2p)
        out.append(
            _Cluster(cid, type_, day, name, int(fat), int(inj), summary or "", frozenset(keys or ()), places)
        )
    return out


def _history_start(conn: Any, clusters: list[_Cluster]) -> Date | None:
    """The first day the store watched: its earliest publication date or event day."""
    row = conn.execute("SELECT min(date) FROM documents").fetchone()
    days = [d for d in (row[0] if row else None, clusters[0].day if clusters else None) if d]
    return min(days) if days else None


def _count(days: list[Date], first: Date, last: Date) -> int:
    return bisect.bisect_right(days, last) - bisect.bisect_left(days, first)


def _firing_windows(days: list[Date], start: Date, rules: AlertRules, since: Date | None) -> list[_Window]:
    out = []
    w = timedelta(days=rules.window_days)
    for end in sorted(set(days)):
        if since is not None and end < since:
            continue
        first = end - w + timedelta(days=1)
        observed = _count(days, first, end)
        base_first = max(start, first - timedelta(days=rules.baseline_days))
        base_days = (first - base_first).days
        if observed < rules.min_events or base_days < rules.min_baseline_days:
            continue
        n_b = _count(days, base_first, first - timedelta(days=1))
        expected, p = predictive_surprise(
            observed, n_b, base_days, rules.window_days, rules.prior_events, rules.prior_days
        )
        if p < rules.p_threshold:
            out.append(_Window(first, end, observed, expected, p, n_b, base_days))
    return out


def _episodes(windows: list[_Window]) -> list[_Window]:
    """Overlapping firing windows as one episode each, represented by its strongest window."""
    out: list[_Window] = []
    run: list[_Window] = []
    for win in sorted(windows, key=lambda x: x.end):
        if run and win.start > max(x.end for x in run):
            out.append(min(run, key=lambda x: (x.p, x.end)))
            run = []
        run.append(win)
    if run:
        out.append(min(run, key=lambda x: (x.p, x.end)))
    return out


def _event_dict(c: _Cluster) -> dict[str, Any]:
    summary = " ".join(c.summary.split())
    if len(summary) > _SUMMARY_CHARS:
        summary = summary[: _SUMMARY_CHARS - 1].rstrip() + "…"
    return {
        "event_id": c.cid,
        "type": c.type,
        "date": c.day.isoformat(),
        "place": c.name,
        "summary": summary,
        "fatalities": c.fatalities,
        "injured": c.injured,
    }


def _alert(
    level: str,
    place: tuple[str | None, str, str | None],
    win: _Window,
    members: list[_Cluster],
    rules: AlertRules,
) -> Alert:
    country, name, parent = place
    severe = sorted(members, key=lambda c: (-(c.fatalities + c.injured), c.day, c.cid))
    method = (
        f"Gamma-Poisson predictive: {rules.window_days} d window vs "
        f"{win.baseline_days} d own baseline ({win.baseline_events} events), "
        f"prior {rules.prior_events:g} events / {rules.prior_days:g} d"
    )
    return Alert(
        alert_id="al-" + content_hash(level, country, name, win.start, win.end),
        place=name,
        level=level,
        country=country,
        window_start=win.start,
        window_end=win.end,
        observed=win.observed,
        expected=win.expected,
        p_value=win.p,
        score=-math.log10(max(win.p, 1e-300)),
        method=method,
        events=tuple(_event_dict(c) for c in severe[: rules.max_listed_events]),
        fatalities=sum(c.fatalities for c in members),
        injured=sum(c.injured for c in members),
        baseline_events=win.baseline_events,
        baseline_days=win.baseline_days,
        parent=parent,
    )


def _overlaps(a: Alert, b: Alert) -> bool:
    return a.window_start <= b.window_end and b.window_start <= a.window_end


def find_alerts(
    store: Any,
    since: Date | str | None = None,
    place: str | None = None,
    until: Date | str | None = None,
    rules: AlertRules | None = None,
) -> list[Alert]:
    """Escalation alerts whose window ends between ``since`` and ``until`` (inclusive).

    Only events up to ``until`` are read, so a past day gives the alerts that would have
    fired then. ``place`` keeps alerts for that area or listing an event at a place of that
    name (case and accents ignored). Sorted by window end, then place.
    """
    rules = rules or alert_rules()
    lo, hi = day_bounds(since, until)
    conn = getattr(store, "conn", store)
    clusters = _load(conn, rules.count_families, hi)
    start = _history_start(conn, clusters)
    if start is None:
        return []
    alerts: list[Alert] = []
    for level in rules.levels:
        by_place: dict[tuple[str | None, str, str | None], list[_Cluster]] = {}
        for c in clusters:
            if level in c.places:
                by_place.setdefault(c.places[level], []).append(c)
        for key in sorted(by_place, key=lambda k: (k[0] or "", k[1], k[2] or "")):
            members = by_place[key]
            days = [c.day for c in members]
            for win in _episodes(_firing_windows(days, start, rules, lo)):
                inside = [c for c in members if win.start <= c.day <= win.end]
                alerts.append(_alert(level, key, win, inside, rules))
    top = [a for a in alerts if a.level == "admin1"]
    alerts = [
        a
        for a in alerts
        if a.level == "admin1"
        or not any(t.country == a.country and t.place == a.parent and _overlaps(t, a) for t in top)
    ]
    if place is not None:
        wanted = set(place_keys_for(place))
        alerts = [
            a
            for a in alerts
            if place_key(a.place) in wanted or any(place_key(e["place"] or "") in wanted for e in a.events)
        ]
    return sorted(alerts, key=lambda a: (a.window_end, a.place, a.level))


def format_alerts(alerts: list[Alert]) -> str:
    """A plain-text listing: one header line per alert, then its driving events."""
    if not alerts:
        return "no alerts"
    lines = []
    for a in alerts:
        where = f"{a.place} ({a.level}{', ' + a.country if a.country else ''})"
        lines.append(
            f"{where}  {a.window_start} .. {a.window_end}  observed {a.observed} vs "
            f"expected {a.expected:.2f}  p={a.p_value:.2g}  "
            f"injured {a.injured}, killed {a.fatalities}"
        )
        for e in a.events:
            lines.append(
                f"    {e['date']}  {e['type']:<9} {e['place'] or '-':<16} "
                f"{e['event_id']}  {e['summary'][:90]}"
            )
    return "\n".join(lines)


def alerts_in_db(
    db: str, since: Date | str | None = None, until: Date | str | None = None, place: str | None = None
) -> list[Alert]:
    """``find_alerts`` over the event database file ``db``, opened read-only."""
    from pathlib import Path

    from ..errors import UsageError
    from ..store.snapshot import open_for_reading

    if not Path(db).exists():
        raise UsageError(f"no event database at {db}; create it with `flashpoint ingest PATH --db {db}`")
    with open_for_reading(db) as store:  # a snapshot while `flashpoint serve` holds the file
        return find_alerts(store, since=since, place=place, until=until)
