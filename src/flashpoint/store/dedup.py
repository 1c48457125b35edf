"""Merge reports of the same real-world event from different documents into clusters.

Two events match when they come from different documents and
- their PLOVER types are in the same family (data/monitor.yaml ``families``);
- their dates are within ``merge.date_window_days`` when both are exact days, or equal
  when either is a month or year;
- their places are the same stored place, or both below country level and within
  ``merge.distance_km``, or both country level in the same country;
- their actors are compatible: a shared name or actor country, or one side names none.
A cluster is a connected set of matches; its id is the smallest member event_id, so
the result does not depend on ingest order. Every matching pair is kept in the
``merges`` table with a sentence saying why, which ``merge_reasons`` reads back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import duckdb

from .filters import haversine_sql
from .merge_rules import MergeRules, merge_rules

COUNTRY_PRECISION = 4  # ACLED geo_precision for "country only"
_IN_IDS = "IN (SELECT unnest(?::VARCHAR[]))"

# Country-level coordinates are a centroid, not a place, so distance is only
# trusted when both sides are resolved below country level.
_DISTANCE = haversine_sql("la.lat", "la.lon", "lb.lat", "lb.lon")
_MATCH_SQL = f"""
WITH fam AS (SELECT unnest(?::VARCHAR[]) AS utype, unnest(?::VARCHAR[]) AS family),
typed AS (
    SELECT e.event_id, e.doc_id, e.type, e.date, e.date_start, e.date_is_day, e.location_id,
           coalesce(f.family, upper(e.type)) AS family
    FROM events e LEFT JOIN fam f ON f.utype = upper(e.type)
    WHERE e.date_start IS NOT NULL
),
probe AS (
    SELECT t.*, t.date_start + s.shift AS day
    FROM typed t, (SELECT unnest(?::INTEGER[]) AS shift) s
    WHERE t.event_id {_IN_IDS} AND (t.date_is_day OR s.shift = 0)
),
cand AS (
    SELECT a.event_id AS a_id, b.event_id AS b_id, a.type AS a_type, b.type AS b_type,
           a.family, a.date AS a_date, b.date AS b_date,
           (a.date_is_day AND b.date_is_day) AS both_days,
           abs(date_diff('day', a.date_start, b.date_start)) AS days,
           la.name AS a_place, lb.name AS b_place, upper(la.country) AS country,
           coalesce(la.precision, {COUNTRY_PRECISION}) >= {COUNTRY_PRECISION}
               AND coalesce(lb.precision, {COUNTRY_PRECISION}) >= {COUNTRY_PRECISION}
               AS country_level,
           CASE WHEN a.location_id = b.location_id THEN 0.0
                WHEN la.lat IS NOT NULL AND la.lon IS NOT NULL
                     AND lb.lat IS NOT NULL AND lb.lon IS NOT NULL THEN {_DISTANCE}
           END AS km
    FROM probe a
    JOIN typed b ON b.family = a.family AND b.date_start = a.day
    JOIN locations la ON la.location_id = a.location_id
    JOIN locations lb ON lb.location_id = b.location_id
    WHERE b.doc_id <> a.doc_id
      AND (a.date = b.date OR (a.date_is_day AND b.date_is_day))
      AND (
            (a.location_id = b.location_id
             AND (la.name IS NOT NULL OR la.lat IS NOT NULL OR la.country IS NOT NULL))
         OR (coalesce(la.precision, {COUNTRY_PRECISION}) < {COUNTRY_PRECISION}
             AND coalesce(lb.precision, {COUNTRY_PRECISION}) < {COUNTRY_PRECISION}
             AND la.lat IS NOT NULL AND la.lon IS NOT NULL
             AND lb.lat IS NOT NULL AND lb.lon IS NOT NULL
             AND {_DISTANCE} <= ?)
         OR (coalesce(la.precision, {COUNTRY_PRECISION}) >= {COUNTRY_PRECISION}
             AND coalesce(lb.precision, {COUNTRY_PRECISION}) >= {COUNTRY_PRECISION}
             AND upper(la.country) = upper(lb.country))
      )
),
parts AS (
    SELECT event_id,
           list(DISTINCT lower(trim(name))) FILTER (WHERE coalesce(trim(name), '') <> '') AS names,
           list(DISTINCT upper(trim(country))) FILTER (WHERE coalesce(trim(country), '') <> '')
               AS countries
    FROM actors
    WHERE event_id IN (SELECT a_id FROM cand UNION SELECT b_id FROM cand)
      AND (coalesce(trim(name), '') <> '' OR coalesce(trim(country), '') <> '')
    GROUP BY event_id
)
SELECT DISTINCT c.*,
       coalesce(list_sort(list_intersect(pa.names, pb.names)), []) AS shared_names,
       coalesce(list_sort(list_intersect(pa.countries, pb.countries)), []) AS shared_countries,
       pa.event_id IS NULL AS a_no_actors, pb.event_id IS NULL AS b_no_actors
FROM cand c
LEFT JOIN parts pa ON pa.event_id = c.a_id
LEFT JOIN parts pb ON pb.event_id = c.b_id
WHERE pa.event_id IS NULL OR pb.event_id IS NULL
   OR len(list_intersect(pa.names, pb.names)) > 0
   OR len(list_intersect(pa.countries, pb.countries)) > 0
"""

_CURRENT_SQL = "SELECT event_id, cluster_id FROM events WHERE event_id " + _IN_IDS


def _match_params(rules: MergeRules, frontier: list[str]) -> list[Any]:
    pairs = [(t, fam) for fam, members in rules.families.items() for t in members]
    shifts = list(range(-rules.date_window_days, rules.date_window_days + 1))
    return [[t for t, _ in pairs], [f for _, f in pairs], shifts, frontier, rules.distance_km]


def describe_match(m: dict[str, Any]) -> str:
    """The reason string for one matching pair (a row of the match query, a side first)."""
    parts = [f"same family {m['family']} ({m['a_type']}/{m['b_type']})"]
    gap = f"{m['days']} d" if m["both_days"] else "same date"
    parts.append(f"dates {m['a_date']}/{m['b_date']} ({gap})")
    names = m["a_place"] if m["a_place"] == m["b_place"] else f"{m['a_place']}/{m['b_place']}"
    if m["country_level"]:
        parts.append(f"both country-level in {m['country']} ({names})")
    elif m["km"] is None:
        parts.append(f"same place ({names})")
    else:
        parts.append(f"{m['km']:.1f} km apart ({names})")
    shared = list(m["shared_names"]) + list(m["shared_countries"])
    if shared:
        parts.append("actors share " + ", ".join(shared))
    else:
        parts.append("one side names no actors")
    return "; ".join(parts)


def _find(parent: dict[str, str], x: str) -> str:
    root = x
    while parent[root] != root:
        root = parent[root]
    while parent[x] != root:  # path compression
        parent[x], x = root, parent[x]
    return root


def _union(parent: dict[str, str], a: str, b: str) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        # Keep the smaller id as root so the root is the cluster id.
        if rb < ra:
            ra, rb = rb, ra
        parent[rb] = ra


def _matches(conn: duckdb.DuckDBPyConnection, rules: MergeRules, frontier: list[str]) -> list[dict[str, Any]]:
    cur = conn.execute(_MATCH_SQL, _match_params(rules, frontier))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def _swap(m: dict[str, Any]) -> dict[str, Any]:
    """The same match seen from the b side, so each pair is described smaller id first."""
    out = dict(m)
    for x in ("id", "type", "date", "place", "no_actors"):
        out[f"a_{x}"], out[f"b_{x}"] = m[f"b_{x}"], m[f"a_{x}"]
    return out


def recluster(conn: duckdb.DuckDBPyConnection, seeds: Iterable[str]) -> int:
    """Recompute the clusters that contain any of ``seeds``; return how many events changed.

    Seeds are new events and the surviving members of clusters that lost an event.
    Only clusters reachable from them can change, so the rest of the table is left alone.
    The merge reasons of those clusters are rewritten in the same pass.
    """
    wanted = sorted(set(seeds))
    if not wanted:
        return 0
    rules = merge_rules()
    present = conn.execute(_CURRENT_SQL, [wanted]).fetchall()
    current: dict[str, str | None] = dict(present)
    parent: dict[str, str] = {eid: eid for eid in current}
    reasons: dict[tuple[str, str], str] = {}
    frontier = sorted(current)
    while frontier:
        found: list[str] = []
        for m in _matches(conn, rules, frontier):
            a, b = m["a_id"], m["b_id"]
            for node in (a, b):
                if node not in parent:
                    parent[node] = node
                    found.append(node)
            _union(parent, a, b)
            key = (a, b) if a < b else (b, a)
            if key not in reasons:
                reasons[key] = describe_match(m if a < b else _swap(m))
        frontier = sorted(set(found))
    if len(current) < len(parent):
        missing = sorted(set(parent) - set(current))
        current.update(conn.execute(_CURRENT_SQL, [missing]).fetchall())
    changed = [(eid, _find(parent, eid)) for eid in sorted(parent) if current.get(eid) != _find(parent, eid)]
    if changed:
        conn.execute(
            "UPDATE events SET cluster_id = m.cid"
            " FROM (SELECT unnest(?::VARCHAR[]) AS eid, unnest(?::VARCHAR[]) AS cid) m"
            " WHERE events.event_id = m.eid",
            [[eid for eid, _ in changed], [cid for _, cid in changed]],
        )
    _store_reasons(conn, sorted(parent), reasons)
    return len(changed)


def _store_reasons(
    conn: duckdb.DuckDBPyConnection, nodes: list[str], reasons: dict[tuple[str, str], str]
) -> None:
    conn.execute(
        "DELETE FROM merges WHERE event_id " + _IN_IDS + " OR other_event_id " + _IN_IDS, [nodes, nodes]
    )
    # Pairs whose events were both deleted (a replaced document) touch no surviving node.
    conn.execute(
        "DELETE FROM merges WHERE event_id NOT IN (SELECT event_id FROM events)"
        " OR other_event_id NOT IN (SELECT event_id FROM events)"
    )
    if reasons:
        keys = sorted(reasons)
        conn.execute(
            "INSERT INTO merges (event_id, other_event_id, reason)"
            " SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
            [[a for a, _ in keys], [b for _, b in keys], [reasons[k] for k in keys]],
        )


def rebuild_clusters(conn: duckdb.DuckDBPyConnection) -> int:
    """Recompute every cluster and merge reason (after the merge rules change)."""
    ids = [r[0] for r in conn.execute("SELECT event_id FROM events").fetchall()]
    conn.execute("DELETE FROM merges")
    return recluster(conn, ids)


def merge_reasons(conn_or_store: Any, event_ids: Iterable[str]) -> list[dict[str, str]]:
    """Why the clusters holding ``event_ids`` were merged: every matching pair in them,
    as {"event_id", "other_event_id", "reason"} sorted by the pair (smaller id first)."""
    conn = getattr(conn_or_store, "conn", conn_or_store)
    ids = sorted({str(e) for e in event_ids})
    if not ids:
        return []
    rows = conn.execute(
        "WITH c AS (SELECT DISTINCT coalesce(cluster_id, event_id) AS cid FROM events"
        "           WHERE event_id " + _IN_IDS + "),"
        " members AS (SELECT event_id FROM events"
        "             WHERE coalesce(cluster_id, event_id) IN (SELECT cid FROM c))"
        " SELECT event_id, other_event_id, reason FROM merges"
        " WHERE event_id IN (SELECT event_id FROM members)"
        " ORDER BY event_id, other_event_id",
        [ids],
    ).fetchall()
    return [{"event_id": a, "other_event_id": b, "reason": r} for a, b, r in rows]
