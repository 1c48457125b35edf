"""Merge reports of the same event from different documents into clusters.

Two events match when they come from different documents, share a PLOVER type,
fall on the same date (or adjacent days when both dates are exact days), are at
the same place (same location, within MATCH_KM when both are below country
level, or the same country when both are country level) and name an overlapping
actor or actor country (or one side names none). A cluster is a connected set of
matches, so a new report joins a cluster if it matches any member; its id is the
smallest member event_id, which makes the result independent of ingest order.
"""
from __future__ import annotations

from collections.abc import Iterable

import duckdb

from .queries import haversine_sql

MATCH_KM = 10.0
COUNTRY_PRECISION = 4  # ACLED geo_precision for "country only"

# Country-level coordinates are a centroid, not a place, so distance is only
# trusted when both sides are resolved below country level.
_MATCH_SQL = f"""
WITH probe AS (
    SELECT e.event_id, upper(e.type) AS utype, e.date_start + o.shift AS day
    FROM events e, (VALUES (-1), (0), (1)) o(shift)
    WHERE e.event_id IN (SELECT unnest(?::VARCHAR[])) AND e.date_start IS NOT NULL
),
parts AS (
    SELECT event_id,
           list(DISTINCT lower(trim(name))) FILTER (WHERE coalesce(trim(name), '') <> '') AS names,
           list(DISTINCT upper(trim(country))) FILTER (WHERE coalesce(trim(country), '') <> '')
               AS countries
    FROM actors
    WHERE coalesce(trim(name), '') <> '' OR coalesce(trim(country), '') <> ''
    GROUP BY event_id
)
SELECT DISTINCT a.event_id, b.event_id
FROM probe p
JOIN events a ON a.event_id = p.event_id
JOIN events b ON upper(b.type) = p.utype AND b.date_start = p.day
JOIN locations la ON la.location_id = a.location_id
JOIN locations lb ON lb.location_id = b.location_id
LEFT JOIN parts pa ON pa.event_id = a.event_id
LEFT JOIN parts pb ON pb.event_id = b.event_id
WHERE b.doc_id <> a.doc_id
  AND (a.date = b.date OR (a.date_is_day AND b.date_is_day))
  AND (
        (a.location_id = b.location_id
         AND (la.name IS NOT NULL OR la.lat IS NOT NULL OR la.country IS NOT NULL))
     OR (coalesce(la.precision, {COUNTRY_PRECISION}) < {COUNTRY_PRECISION}
         AND coalesce(lb.precision, {COUNTRY_PRECISION}) < {COUNTRY_PRECISION}
         AND la.lat IS NOT NULL AND la.lon IS NOT NULL
         AND lb.lat IS NOT NULL AND lb.lon IS NOT NULL
         AND {haversine_sql("la.lat", "la.lon", "lb.lat", "lb.lon")} <= {MATCH_KM})
     OR (coalesce(la.precision, {COUNTRY_PRECISION}) >= {COUNTRY_PRECISION}
         AND coalesce(lb.precision, {COUNTRY_PRECISION}) >= {COUNTRY_PRECISION}
         AND upper(la.country) = upper(lb.country))
  )
  AND (pa.event_id IS NULL OR pb.event_id IS NULL
       OR coalesce(list_has_any(pa.names, pb.names), false)
       OR coalesce(list_has_any(pa.countries, pb.countries), false))
"""


_CURRENT_SQL = ("SELECT event_id, cluster_id FROM events"
                " WHERE event_id IN (SELECT unnest(?::VARCHAR[]))")


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


def recluster(conn: duckdb.DuckDBPyConnection, seeds: Iterable[str]) -> int:
    """Recompute the clusters that contain any of ``seeds``; return how many events changed.

    Seeds are new events and the surviving members of clusters that lost an event.
    Only clusters reachable from them can change, so the rest of the table is left alone.
    """
    wanted = sorted(set(seeds))
    if not wanted:
        return 0
    present = conn.execute(_CURRENT_SQL, [wanted]).fetchall()
    current: dict[str, str | None] = dict(present)
    parent: dict[str, str] = {eid: eid for eid in current}
    frontier = sorted(current)
    while frontier:
        found: list[str] = []
        for a, b in conn.execute(_MATCH_SQL, [frontier]).fetchall():
            for node in (a, b):
                if node not in parent:
                    parent[node] = node
                    found.append(node)
            _union(parent, a, b)
        frontier = sorted(set(found))
    if len(current) < len(parent):
        missing = sorted(set(parent) - set(current))
        current.update(conn.execute(_CURRENT_SQL, [missing]).fetchall())
    changed = [(eid, _find(parent, eid)) for eid in sorted(parent)
               if current.get(eid) != _find(parent, eid)]
    if changed:
        conn.execute(
            "UPDATE events SET cluster_id = m.cid"
            " FROM (SELECT unnest(?::VARCHAR[]) AS eid, unnest(?::VARCHAR[]) AS cid) m"
            " WHERE events.event_id = m.eid",
            [[eid for eid, _ in changed], [cid for _, cid in changed]],
        )
    return len(changed)
