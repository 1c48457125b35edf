"""Turn query filters into parameterised SQL over the event tables.

User values only ever travel as bound parameters; the SQL text is assembled
from fixed fragments chosen by which filters are present.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .filters import ISO_DATE, EventFilter, parse_whole, query_bounds
from .merged import representatives

# Columns read for every returned event, in this order; row_to_event relies on it.
# Each field an event read back from the store carries, and the SQL that gives it.
EVENT_FIELDS: dict[str, str] = {
    "event_id": "e.event_id",
    "doc_id": "e.doc_id",
    "type": "e.type",
    "mode": "e.mode",
    "acled_event_type": "e.acled_event_type",
    "acled_sub_event_type": "e.acled_sub_event_type",
    "date": "e.date",
    "date_precision": "e.date_precision",
    "date_text": "e.date_text",
    "fatalities": "e.fatalities",
    "injured": "e.injured",
    "arrested": "e.arrested",
    "size": "e.size",
    "confidence": "e.confidence",
    "evidence_text": "e.evidence_text",
    "evidence_start": "e.evidence_start",
    "evidence_end": "e.evidence_end",
    "trigger_text": "e.trigger_text",
    "trigger_start": "e.trigger_start",
    "trigger_end": "e.trigger_end",
    "source": "coalesce(e.source, d.source)",
    "url": "coalesce(e.url, d.url)",
    "cluster_id": "e.cluster_id",
    "location_id": "e.location_id",
    "location_text": "e.location_text",
    "location_start": "e.location_start",
    "location_end": "e.location_end",
    "name": "l.name",
    "lat": "l.lat",
    "lon": "l.lon",
    "country": "l.country",
    "admin1": "l.admin1",
    "admin2": "l.admin2",
    "precision": "l.precision",
    "geonameid": "l.geonameid",
}
EVENT_COLUMNS = tuple(EVENT_FIELDS.values())

_FROM = (
    " FROM events e"
    " LEFT JOIN locations l ON l.location_id = e.location_id"
    " LEFT JOIN documents d ON d.id = e.doc_id"
)


def count_of(conn: Any, sql: str, params: list[Any] | None = None) -> int:
    """The number a ``SELECT count(...)`` query returns: an aggregate with no GROUP BY always
    gives one row, even over no rows, so its absence is a fault, not an empty answer."""
    row = conn.execute(sql, params or []).fetchone()
    if row is None:
        raise RuntimeError(f"count query returned no row: {sql}")
    return int(row[0])


def actors_by_event(conn: Any, event_ids: list[str]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The actors and recipients of the given events, keyed by (event_id, role), in order."""
    if not event_ids:
        return {}
    rows = conn.execute(
        "SELECT event_id, role, text, name, country, sector, start_offset, end_offset"
        " FROM actors WHERE list_contains(?, event_id) ORDER BY event_id, role, position",
        [event_ids],
    ).fetchall()
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for eid, role, text, name, country, sector, start, end in rows:
        grouped.setdefault((eid, role), []).append(
            {"text": text, "name": name, "country": country, "sector": sector, "start": start, "end": end}
        )
    return grouped


def is_day_date(value: str | None, precision: str | None) -> bool:
    """True when the date names a single day (not a month or year)."""
    if not value or not ISO_DATE.match(value.strip()) or len(value.strip()) != 10:
        return False
    return (precision or "day").strip().lower() not in ("month", "year")


@dataclass(frozen=True)
class EventQuery(EventFilter):
    """Filters for ``EventStore.query_events`` (those of EventFilter), plus a page:
    ``limit`` rows at most (None: all) after skipping ``offset``, and ``merged``: one row
    per cluster of reports of the same event."""

    limit: Any = None
    offset: Any = None
    merged: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "limit", parse_whole(self.limit, "limit"))
        object.__setattr__(
            self, "offset", parse_whole(self.offset, "offset", query_bounds().limits["offset"])
        )

    def to_sql(self) -> tuple[str, list[Any]]:
        """The SELECT returning EVENT_COLUMNS for the matching events, and its parameters.

        Merged: one row per cluster, the matching member with the smallest event_id
        (flashpoint.store.merged gives it the cluster's figures).
        """
        where, params = self.where()
        if self.merged:
            where = representatives(where)
        sql = "SELECT " + ", ".join(EVENT_COLUMNS) + _FROM + where
        sql += " ORDER BY e.date_start NULLS LAST, e.event_id"
        if self.limit is not None:
            sql += " LIMIT ?"
            params.append(self.limit)
        if self.offset:
            sql += " OFFSET ?"
            params.append(self.offset)
        return sql, params


def row_to_event(
    row: tuple[Any, ...], actors: list[dict[str, Any]], recipients: list[dict[str, Any]]
) -> dict[str, Any]:
    """One EVENT_COLUMNS row as an Event.to_dict()-shaped dict plus ``cluster_id``."""
    f = dict(zip(EVENT_FIELDS, row, strict=True))
    location = None
    if f["location_id"] is not None:
        location = {
            "text": f["location_text"],
            **{
                k: f[k]
                for k in ("name", "lat", "lon", "country", "admin1", "admin2", "precision", "geonameid")
            },
            "start": f["location_start"],
            "end": f["location_end"],
        }
    trigger = None
    if f["trigger_text"] is not None:
        trigger = {"text": f["trigger_text"], "start": f["trigger_start"], "end": f["trigger_end"]}
    confidence = f["confidence"]
    return {
        **{
            k: f[k]
            for k in ("doc_id", "event_id", "type", "mode", "acled_event_type", "acled_sub_event_type")
        },
        **{k: f[k] for k in ("date", "date_precision", "date_text")},
        "actors": actors,
        "recipients": recipients,
        "location": location,
        **{k: f[k] for k in ("fatalities", "injured", "arrested", "size")},
        "confidence": round(confidence, 3) if confidence is not None else None,
        "trigger": trigger,
        "evidence": {"text": f["evidence_text"], "start": f["evidence_start"], "end": f["evidence_end"]},
        "source": f["source"],
        "url": f["url"],
        "cluster_id": f["cluster_id"] or f["event_id"],
    }
