"""Counts of real-world events by period and by place, and a per-place intensity index.

Every figure counts merge clusters, not reports: an event told by four outlets counts
once, with the largest fatality, injury and arrest figures any of them gives. Only
events dated to a day are counted (see ``clusters``).
"""

from __future__ import annotations

from datetime import date as Date
from datetime import timedelta
from typing import Any

from ..errors import UsageError
from ..store.filters import EventFilter, check_span, earliest_period, parse_unit
from .clusters import clusters_sql
from .config import LEVELS, intensity_weights

INTERVALS = ("day", "week")


def _conn(store: Any) -> Any:
    return getattr(store, "conn", store)


def _period_start(day: Date, interval: str) -> Date:
    return day - timedelta(days=day.weekday()) if interval == "week" else day


def series_filter(flt: EventFilter | None, given: dict[str, Any]) -> EventFilter:
    """The event list's filter from either a ready ``EventFilter`` or its fields by name
    (since, until, country, type, acled_type, acled_sub_type, actor, admin1, admin2,
    place, min_fatalities, q, near), checked as `flashpoint events` checks them."""
    if flt is not None and given:
        raise UsageError(
            f"give the filters either as an EventFilter or by name, not both ({', '.join(sorted(given))})"
        )
    if flt is not None:
        return flt
    try:
        return EventFilter(**given)
    except TypeError:
        unknown = sorted(set(given) - set(EventFilter.__dataclass_fields__))
        raise UsageError(
            f"unknown filter {', '.join(unknown)}; the filters are "
            f"{', '.join(EventFilter.__dataclass_fields__)}"
        ) from None


def timeseries(
    store: Any,
    interval: str = "day",
    *,
    unit: str | None = None,
    filters: EventFilter | None = None,
    **given: Any,
) -> list[dict[str, Any]]:
    """Events, fatalities, injured and arrested per day or per week (weeks start on Monday).

    The filters are those of the event list (`flashpoint events`, /events), given as an
    ``EventFilter`` or by name (``since="2023-05"``, ``actor="KFOR"``, ...), with the same
    meaning: an event counts when one of its reports matches, on the first day those
    reports give. ``unit`` "events" (the default) counts merged events with their largest
    figures, "reports" every report on its own.

    Periods with no events between the first and last (or ``since``/``until`` when given)
    are listed with zeros, so the series can be drawn as is.
    """
    return _series(store, interval, unit, series_filter(filters, given))


def _series(store: Any, interval: str, unit: str | None, flt: EventFilter) -> list[dict[str, Any]]:
    if interval not in INTERVALS:
        raise UsageError(f"interval must be one of {', '.join(INTERVALS)}, not {interval!r}")
    table, params = clusters_sql(flt, unit)
    rows = (
        _conn(store)
        .execute(
            table + "SELECT day, count(*), sum(fatalities), sum(injured), sum(arrested)"
            " FROM clusters WHERE day IS NOT NULL GROUP BY day ORDER BY day",
            params,
        )
        .fetchall()
    )
    totals: dict[Date, list[int]] = {}
    for day, events, fatalities, injured, arrested in rows:
        slot = totals.setdefault(_period_start(day, interval), [0, 0, 0, 0])
        for i, value in enumerate((events, fatalities, injured, arrested)):
            slot[i] += int(value or 0)
    lo, hi = flt.since, flt.until
    if not totals and (lo is None or hi is None):
        return []
    first = _period_start(lo if lo is not None else min(totals), interval)
    last = _period_start(hi if hi is not None else max(totals), interval)
    if lo is None:
        # An open start follows the data, where one stray old date (a year quoted in an
        # article) would make the series too long: the latest periods are kept instead.
        first = max(first, earliest_period(last, interval))
    check_span(first, last, interval)
    step = timedelta(days=7 if interval == "week" else 1)
    out: list[dict[str, Any]] = []
    period = first
    while period <= last:
        events, fatalities, injured, arrested = totals.get(period, (0, 0, 0, 0))
        out.append(
            {
                "period": period.isoformat(),
                "events": events,
                "fatalities": fatalities,
                "injured": injured,
                "arrested": arrested,
            }
        )
        period += step
    return out


def timeline(
    store: Any,
    interval: str = "day",
    *,
    unit: str | None = None,
    filters: EventFilter | None = None,
    **given: Any,
) -> dict[str, Any]:
    """The ``timeseries`` and, as ``not_by_day``, how many events of the same filters it
    leaves out because none of their matching reports is dated to a day (only to a month
    or year, or not at all), so that the series plus these make the event list's total.
    Takes the filters as ``timeseries`` does."""
    flt = series_filter(filters, given)
    series = _series(store, interval, unit, flt)
    table, params = clusters_sql(flt, unit)
    left_out = (
        _conn(store).execute(table + "SELECT count(*) FROM clusters WHERE day IS NULL", params).fetchone()[0]
    )
    return {"interval": interval, "unit": parse_unit(unit), "series": series, "not_by_day": int(left_out)}


def timeline_in_db(
    db: str, interval: str = "day", *, unit: str | None = None, filters: EventFilter | None = None
) -> dict[str, Any]:
    """``timeline`` over the event database file ``db``, opened read-only (a snapshot
    while `flashpoint serve` holds the file)."""
    from pathlib import Path

    from ..store.snapshot import open_for_reading

    if not Path(db).exists():
        raise UsageError(f"no event database at {db}; create it with `flashpoint ingest PATH --db {db}`")
    with open_for_reading(db) as store:
        return timeline(store, interval, unit=unit, filters=filters)


def format_timeline(answer: dict[str, Any]) -> str:
    """A plain-text table of a ``timeline``: one line per period, then the total and the
    events left out for want of a day."""
    lines = [f"{answer['interval'].upper():<10} {'EVENTS':>7} {'KILLED':>7} {'INJURED':>8} {'ARRESTED':>9}"]
    totals = [0, 0, 0, 0]
    for row in answer["series"]:
        values = [row["events"], row["fatalities"], row["injured"], row["arrested"]]
        totals = [t + v for t, v in zip(totals, values)]
        lines.append(f"{row['period']:<10} {values[0]:>7} {values[1]:>7} {values[2]:>8} {values[3]:>9}")
    lines.append(f"{'total':<10} {totals[0]:>7} {totals[1]:>7} {totals[2]:>8} {totals[3]:>9}")
    unit = "reports" if answer["unit"] == "reports" else "events"
    lines.append(f"{answer['not_by_day']} more {unit} match but are not dated to a day (not counted above)")
    return "\n".join(lines)


def intensity(events: int, fatalities: int, injured: int, days: int) -> float:
    """(events + fatality_weight * fatalities + injured_weight * injured) / days.

    Weights come from data/monitor.yaml (``intensity``); the default 1.0 and 0.25 make
    a death weigh as much as an event and four injuries as much as one.
    """
    w = intensity_weights()
    return (events + w.fatality_weight * fatalities + w.injured_weight * injured) / max(days, 1)


def place_intensity(
    store: Any, level: str = "admin1", since: Date | str | None = None, until: Date | str | None = None
) -> list[dict[str, Any]]:
    """Events and casualties per admin1 or admin2 area with an intensity index per day.

    The number of days is the period asked for (``since`` to ``until``), with an open end
    filled from the first or last event day in the store, so every place shares one
    denominator and the indexes compare. Events whose place has no area at that level
    are left out. Sorted by intensity, highest first.
    """
    if level not in LEVELS:
        raise UsageError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    flt = EventFilter(since=since, until=until)
    lo, hi = flt.since, flt.until
    table, params = clusters_sql(flt)
    where = " WHERE day IS NOT NULL"
    conn = _conn(store)
    span = conn.execute(table + "SELECT min(day), max(day) FROM clusters" + where, params).fetchone()
    if span is None or span[0] is None:
        return []
    first, last = lo or span[0], hi or span[1]
    days = (last - first).days + 1
    if level == "admin1":
        keys = "admin1_country, admin1, NULL"
        where += " AND admin1 IS NOT NULL"
    else:
        keys = "admin2_country, admin2, admin2_parent"
        where += " AND admin2 IS NOT NULL"
    rows = conn.execute(
        table + f"SELECT {keys}, count(*), sum(fatalities), sum(injured), sum(arrested)"
        " FROM clusters" + where + " GROUP BY ALL",
        params,
    ).fetchall()
    out = []
    for country, name, parent, events, fatalities, injured, arrested in rows:
        row = {
            "place": name,
            "country": country,
            "level": level,
            "events": int(events),
            "fatalities": int(fatalities or 0),
            "injured": int(injured or 0),
            "arrested": int(arrested or 0),
            "days": days,
            "intensity": round(intensity(int(events), int(fatalities or 0), int(injured or 0), days), 4),
        }
        if level == "admin2":
            row["admin1"] = parent
        out.append(row)
    out.sort(key=lambda r: (-r["intensity"], r["country"] or "", r["place"]))
    return out
