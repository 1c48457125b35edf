"""Turn query filters into parameterised SQL over the event tables.

User values only ever travel as bound parameters; the SQL text is assembled
from fixed fragments chosen by which filters are present.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from ..errors import UsageError

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius

_ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# Columns read for every returned event, in this order; row_to_event relies on it.
EVENT_COLUMNS = (
    "e.event_id", "e.doc_id", "e.type", "e.mode", "e.acled_event_type", "e.acled_sub_event_type",
    "e.date", "e.date_precision", "e.date_text", "e.fatalities", "e.injured", "e.arrested",
    "e.size", "e.confidence", "e.evidence_text", "e.evidence_start", "e.evidence_end",
    "e.trigger_text", "e.trigger_start", "e.trigger_end",
    "coalesce(e.source, d.source)", "coalesce(e.url, d.url)", "e.cluster_id",
    "e.location_id", "e.location_text", "e.location_start", "e.location_end",
    "l.name", "l.lat", "l.lon", "l.country", "l.admin1", "l.admin2", "l.precision", "l.geonameid",
)

_FROM = (
    " FROM events e"
    " LEFT JOIN locations l ON l.location_id = e.location_id"
    " LEFT JOIN documents d ON d.id = e.doc_id"
)


def date_floor(value: str | Date | None) -> Date | None:
    """The first day an ISO date, month ("2023-04") or year ("2023") covers; None if unreadable."""
    if value is None:
        return None
    if isinstance(value, Date):
        return value
    m = _ISO_PREFIX.match(value.strip())
    if not m:
        return None
    try:
        return Date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def date_ceiling(value: str | Date | None) -> Date | None:
    """The last day an ISO date, month or year covers: `--until 2023-04` means all of April."""
    first = date_floor(value)
    if first is None or isinstance(value, Date):
        return first
    parts = value.strip().split("-")
    if len(parts) == 1:
        return Date(first.year, 12, 31)
    if len(parts) == 2:
        nxt = Date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return Date.fromordinal(nxt.toordinal() - 1)
    return first


def date_range_clauses(column: str, since: str | Date | None, until: str | Date | None
                       ) -> tuple[list[str], list[Any]]:
    """SQL conditions and parameters keeping ``column`` within [since, until] (a month or
    year covers all its days); an unreadable bound is a UsageError naming it."""
    clauses: list[str] = []
    params: list[Any] = []
    for name, value, op, bound in (("since", since, ">=", date_floor),
                                   ("until", until, "<=", date_ceiling)):
        if value is None:
            continue
        day = bound(value)
        if day is None:
            raise UsageError(f"{name} must be an ISO date like 2023-04-05, 2023-04 or 2023, "
                             f"not {value!r}")
        clauses.append(f"{column} {op} ?")
        params.append(day)
    return clauses, params


def actors_by_event(conn: Any, event_ids: list[str]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The actors and recipients of the given events, keyed by (event_id, role), in order."""
    if not event_ids:
        return {}
    rows = conn.execute(
        "SELECT event_id, role, text, name, country, sector, start_offset, end_offset"
        " FROM actors WHERE list_contains(?, event_id) ORDER BY event_id, role, position",
        [event_ids]).fetchall()
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for eid, role, text, name, country, sector, start, end in rows:
        grouped.setdefault((eid, role), []).append(
            {"text": text, "name": name, "country": country, "sector": sector,
             "start": start, "end": end})
    return grouped


def is_day_date(value: str | None, precision: str | None) -> bool:
    """True when the date names a single day (not a month or year)."""
    if not value or not _ISO_PREFIX.match(value.strip()) or len(value.strip()) != 10:
        return False
    return (precision or "day").strip().lower() not in ("month", "year")


def haversine_sql(lat1: str, lon1: str, lat2: str, lon2: str) -> str:
    """Great-circle distance in km between two SQL expressions (column names or ``?``)."""
    return (
        f"(2 * {EARTH_RADIUS_KM} * asin(sqrt("
        f"pow(sin(radians({lat2} - {lat1}) / 2), 2) + "
        f"cos(radians({lat1})) * cos(radians({lat2})) * "
        f"pow(sin(radians({lon2} - {lon1}) / 2), 2))))"
    )


def _distance_to_point(lat: float, lon: float) -> tuple[str, list[float]]:
    """SQL distance from each location to (lat, lon), with its parameters in placeholder order."""
    expr = haversine_sql(":plat", ":plon", "l.lat", "l.lon")
    order = re.findall(r":plat|:plon", expr)
    return re.sub(r":plat|:plon", "?", expr), [lat if t == ":plat" else lon for t in order]


def split_filter_values(value: str | Iterable[str] | None, name: str) -> list[str] | None:
    """Comma-separated (or listed) filter values, upper-cased; an empty filter is an error."""
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    cleaned = [str(v).strip().upper() for v in items if str(v).strip()]
    if not cleaned:
        raise UsageError(f"{name} filter is empty")
    return cleaned


@dataclass(frozen=True)
class EventQuery:
    """Filters for ``EventStore.query_events``; each left as None is not applied.

    ``since``/``until`` are inclusive ISO dates; a month or year given as ``since`` starts on
    its first day and given as ``until`` runs to its last;
    ``country`` and ``type`` take one value or a comma-separated list, any case;
    ``near`` is (lat, lon, km).
    """

    since: str | Date | None = None
    until: str | Date | None = None
    country: str | Iterable[str] | None = None
    type: str | Iterable[str] | None = None
    near: tuple[float, float, float] | None = None
    limit: int | None = None
    merged: bool = False

    def _where(self) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for name, value, op in (("since", self.since, ">="), ("until", self.until, "<=")):
            if value is None:
                continue
            day = date_floor(value) if name == "since" else date_ceiling(value)
            if day is None:
                raise UsageError(f"{name} must be an ISO date like 2023-04-05, 2023-04 or 2023, "
                                 f"not {value!r}")
            clauses.append(f"e.date_start {op} ?")
            params.append(day)
        countries = split_filter_values(self.country, "country")
        if countries is not None:
            clauses.append("list_contains(?, upper(l.country))")
            params.append(countries)
        types = split_filter_values(self.type, "type")
        if types is not None:
            clauses.append("list_contains(?, upper(e.type))")
            params.append(types)
        if self.near is not None:
            lat, lon, km = _check_near(self.near)
            distance, point = _distance_to_point(lat, lon)
            clauses.append(f"l.lat IS NOT NULL AND l.lon IS NOT NULL AND {distance} <= ?")
            params.extend(point + [km])
        return clauses, params

    def to_sql(self) -> tuple[str, list[Any]]:
        """The SELECT returning EVENT_COLUMNS for the matching events, and its parameters.

        Merged: one row per cluster, the matching member with the smallest event_id.
        """
        clauses, params = self._where()
        where = (" WHERE " + " AND ".join(f"({c})" for c in clauses)) if clauses else ""
        select = "SELECT " + ", ".join(EVENT_COLUMNS) + _FROM
        if self.merged:
            sql = (
                "WITH matched AS (SELECT e.event_id, coalesce(e.cluster_id, e.event_id) AS cid"
                + _FROM + where + "),"
                " picked AS (SELECT min(event_id) AS event_id FROM matched GROUP BY cid) "
                + select + " JOIN picked p ON p.event_id = e.event_id"
            )
        else:
            sql = select + where
        sql += " ORDER BY e.date_start NULLS LAST, e.event_id"
        if self.limit is not None:
            if isinstance(self.limit, bool) or not isinstance(self.limit, int) or self.limit < 0:
                raise UsageError(f"limit must be a whole number of at least 0, not {self.limit!r}")
            sql += " LIMIT ?"
            params.append(self.limit)
        return sql, params


def _check_near(near: Any) -> tuple[float, float, float]:
    try:
        lat, lon, km = (float(v) for v in near)
    except (TypeError, ValueError):
        raise UsageError(f"near must be (lat, lon, km), not {near!r}") from None
    if not all(math.isfinite(v) for v in (lat, lon, km)):
        raise UsageError(f"near must hold finite numbers, not {near!r}")
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise UsageError(f"near: latitude {lat} or longitude {lon} is out of range")
    if km < 0:
        raise UsageError(f"near: distance {km} km must not be negative")
    return lat, lon, km


def row_to_event(row: tuple[Any, ...], actors: list[dict[str, Any]],
                 recipients: list[dict[str, Any]]) -> dict[str, Any]:
    """One EVENT_COLUMNS row as an Event.to_dict()-shaped dict plus ``cluster_id``."""
    (event_id, doc_id, type_, mode, acled_type, acled_sub, date, date_precision, date_text,
     fatalities, injured, arrested, size, confidence, ev_text, ev_start, ev_end,
     tr_text, tr_start, tr_end, source, url, cluster_id,
     location_id, loc_text, loc_start, loc_end,
     name, lat, lon, country, admin1, admin2, precision, geonameid) = row
    location = None
    if location_id is not None:
        location = {
            "text": loc_text, "name": name, "lat": lat, "lon": lon, "country": country,
            "admin1": admin1, "admin2": admin2, "precision": precision,
            "geonameid": geonameid, "start": loc_start, "end": loc_end,
        }
    trigger = None
    if tr_text is not None:
        trigger = {"text": tr_text, "start": tr_start, "end": tr_end}
    return {
        "doc_id": doc_id,
        "event_id": event_id,
        "type": type_,
        "mode": mode,
        "acled_event_type": acled_type,
        "acled_sub_event_type": acled_sub,
        "date": date,
        "date_precision": date_precision,
        "date_text": date_text,
        "actors": actors,
        "recipients": recipients,
        "location": location,
        "fatalities": fatalities,
        "injured": injured,
        "arrested": arrested,
        "size": size,
        "confidence": round(confidence, 3) if confidence is not None else None,
        "trigger": trigger,
        "evidence": {"text": ev_text, "start": ev_start, "end": ev_end},
        "source": source,
        "url": url,
        "cluster_id": cluster_id or event_id,
    }
