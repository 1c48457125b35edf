"""Read-side queries behind the web API: paged event lists, one event with the reports
merged into it, one document, and GeoJSON features.

Lists count merged events by default (flashpoint.store.merged); ``unit="reports"`` lists
each report on its own. Every function takes a DuckDB connection or cursor, so a server
can give each request its own cursor of one shared connection. User values travel only as
bound parameters; the SQL text is built from fixed fragments chosen by which filters are
present.
"""

from __future__ import annotations

import json
from datetime import date as Date
from typing import Any

import duckdb

from .dedup import merge_reasons
from .filters import EventFilter, parse_unit, parse_whole, query_bounds
from .merged import EVENTS, cluster_summaries, merge_rows, report_counts, representatives
from .queries import EVENT_COLUMNS, actors_by_event, count_of, row_to_event

Connection = duckdb.DuckDBPyConnection

_FROM = (
    " FROM events e"
    " LEFT JOIN locations l ON l.location_id = e.location_id"
    " LEFT JOIN documents d ON d.id = e.doc_id"
)
# Newest first: a monitoring view wants the latest events on the first page.
_ORDER = " ORDER BY e.date_start DESC NULLS LAST, e.event_id"


def _check_page(limit: int, offset: int) -> None:
    parse_whole(limit, "limit")
    parse_whole(offset, "offset", query_bounds().limits["offset"])


def _where(flt: EventFilter, unit: str) -> tuple[str, list[Any]]:
    """The WHERE clause of the rows a list holds: the matching reports, or one per event."""
    where, params = flt.where()
    return (representatives(where), params) if parse_unit(unit) == EVENTS else (where, params)


def _events_from_rows(conn: Connection, rows: list[tuple[Any, ...]], unit: str) -> list[dict[str, Any]]:
    people = actors_by_event(conn, [r[0] for r in rows])
    out = [
        row_to_event(r, people.get((r[0], "actor"), []), people.get((r[0], "recipient"), [])) for r in rows
    ]
    return merge_rows(conn, out) if parse_unit(unit) == EVENTS else report_counts(conn, out)


def list_events(
    conn: Connection, flt: EventFilter, limit: int = 50, offset: int = 0, unit: str = EVENTS
) -> dict[str, Any]:
    """One page of events matching ``flt``, newest first, with the total count: merged
    events (one of whose reports matches), or with ``unit="reports"`` single reports."""
    _check_page(limit, offset)
    where, params = _where(flt, unit)
    # Pick the page's ids (and the total) first, then read the wide rows for those only.
    page = conn.execute(
        "SELECT e.event_id, count(*) OVER ()" + _FROM + where + _ORDER + " LIMIT ? OFFSET ?",
        params + [limit, offset],
    ).fetchall()
    if page:
        total = page[0][1]
    else:
        total = count_of(conn, "SELECT count(*)" + _FROM + where, params)
    ids = [r[0] for r in page]
    rows = (
        conn.execute(
            "SELECT " + ", ".join(EVENT_COLUMNS) + _FROM + " WHERE list_contains(?, e.event_id)", [ids]
        ).fetchall()
        if ids
        else []
    )
    order = {eid: i for i, eid in enumerate(ids)}
    rows.sort(key=lambda r: order[r[0]])
    return {
        "total": int(total),
        "limit": limit,
        "offset": offset,
        "unit": parse_unit(unit),
        "events": _events_from_rows(conn, rows, unit),
    }


def event_detail(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """The merged event holding this report: the report's own fields with its cluster's
    figures (flashpoint.store.merged), every report in the cluster (``mentions``, each with
    its own figures, the day it dates the event and the day its article was published)
    and why they merged; None when no event has this id."""
    rows = conn.execute(
        "SELECT " + ", ".join(EVENT_COLUMNS) + _FROM + " WHERE e.event_id = ?", [event_id]
    ).fetchall()
    if not rows:
        return None
    people = actors_by_event(conn, [event_id])
    event = row_to_event(
        rows[0], people.get((event_id, "actor"), []), people.get((event_id, "recipient"), [])
    )
    event["mentions"] = cluster_mentions(conn, event["cluster_id"])
    merge_rows(conn, [event])
    event["merge_reasons"] = merge_reasons(conn, [event_id])
    trace = conn.execute("SELECT trace FROM event_explain WHERE event_id = ?", [event_id]).fetchone()
    if trace is not None:  # stored by `ingest --explain`
        event["explain"] = json.loads(trace[0])
    return event


MENTION_KEYS = ("event_id", "doc_id", "title", "source", "url", "date", "published")
MENTION_FIGURES = ("fatalities", "injured", "arrested", "size")


def cluster_mentions(conn: Connection, cluster_id: str) -> list[dict[str, Any]]:
    """Every report of a merged event, in date order: its article, the day it dates the
    event, the day the article was published, its evidence and its own figures."""
    rows = conn.execute(
        "SELECT e.event_id, e.doc_id, d.title, coalesce(e.source, d.source),"
        " coalesce(e.url, d.url), e.date, d.date, e.evidence_text, e.evidence_start,"
        " e.evidence_end, e.fatalities, e.injured, e.arrested, e.size"
        " FROM events e LEFT JOIN documents d ON d.id = e.doc_id"
        " WHERE coalesce(e.cluster_id, e.event_id) = ?"
        " ORDER BY e.date_start NULLS LAST, e.event_id",
        [cluster_id],
    ).fetchall()
    out = []
    for row in rows:
        mention = dict(zip(MENTION_KEYS, row[:7]))
        if isinstance(mention["published"], Date):
            mention["published"] = mention["published"].isoformat()
        mention["evidence"] = {"text": row[7], "start": row[8], "end": row[9]}
        mention.update(zip(MENTION_FIGURES, row[10:]))
        out.append(mention)
    return out


def document_by_id(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    """The stored document with its raw text, or None."""
    row = conn.execute(
        "SELECT id, title, date, url, source, text FROM documents WHERE id = ?", [doc_id]
    ).fetchone()
    if row is None:
        return None
    keys = ("id", "title", "date", "url", "source", "text")
    out = dict(zip(keys, row))
    out["date"] = out["date"].isoformat() if isinstance(out["date"], Date) else out["date"]
    return out


# The properties of a map feature, and the SQL that gives each; precision is ACLED's
# geo_precision (1 town ... 4 country), which the map uses to draw area-level events
# unlike town events.
FEATURE_FIELDS: dict[str, str] = {
    "event_id": "e.event_id",
    "type": "e.type",
    "date": "e.date",
    "place": "l.name",
    "country": "l.country",
    "fatalities": "e.fatalities",
    "injured": "e.injured",
    "title": "d.title",
    "precision": "l.precision",
    "admin1": "l.admin1",
    "admin2": "l.admin2",
    "acled_event_type": "e.acled_event_type",
    "acled_sub_event_type": "e.acled_sub_event_type",
    "cluster_id": "coalesce(e.cluster_id, e.event_id)",
    "lon": "l.lon",
    "lat": "l.lat",
}
# Read for the feature, not shown among its properties.
_NOT_PROPERTIES = ("cluster_id", "lon", "lat")


def event_features(
    conn: Connection, flt: EventFilter, limit: int = 5000, unit: str = EVENTS, offset: int = 0
) -> dict[str, Any]:
    """The events ``list_events`` gives, those with coordinates, as a GeoJSON
    FeatureCollection (RFC 7946: [lon, lat]): ``limit`` of them after skipping ``offset``."""
    _check_page(limit, offset)
    where, params = _where(flt, unit)
    located = "l.lat IS NOT NULL AND l.lon IS NOT NULL"
    where = (where + " AND " + located) if where else (" WHERE " + located)
    sql = "SELECT " + ", ".join(FEATURE_FIELDS.values()) + _FROM + where + _ORDER + " LIMIT ? OFFSET ?"
    rows = [
        dict(zip(FEATURE_FIELDS, r, strict=True))
        for r in conn.execute(sql, params + [limit, offset]).fetchall()
    ]
    merged = parse_unit(unit) == EVENTS
    summaries = cluster_summaries(conn, (r["cluster_id"] for r in rows))
    people = actors_by_event(conn, [r["event_id"] for r in rows])
    return {
        "type": "FeatureCollection",
        "features": [_feature(r, summaries.get(r["cluster_id"]), merged, people) for r in rows],
    }


def _feature(
    row: dict[str, Any],
    summary: dict[str, Any] | None,
    merged: bool,
    people: dict[tuple[str, str], list[dict[str, Any]]],
) -> dict[str, Any]:
    """One GeoJSON feature; a merged event takes its cluster's figures and report count."""
    props = {k: v for k, v in row.items() if k not in _NOT_PROPERTIES}
    props["sources"] = summary["sources"] if summary else 1
    for role, key in (("actor", "actors"), ("recipient", "recipients")):
        props[key] = [a["name"] for a in people.get((row["event_id"], role), [])]
    if merged and summary:
        props.update(
            fatalities=summary["figures"]["fatalities"],
            injured=summary["figures"]["injured"],
            reports=summary["reports"],
        )
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]},
        "properties": props,
    }
