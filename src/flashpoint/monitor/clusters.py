"""One row per real-world event (a merge cluster), the unit that monitoring counts.

A cluster takes its place from the lowest member event_id that has one at each level,
its day from its earliest member dated to a day (month or year dates are too coarse to
count by day), and each casualty count as the largest any article gives, an article's
figure being the sum over its own reports in the cluster, since outlets reporting one
event repeat, not add to, each other's figures: the rule of
flashpoint.store.merged, which the event lists use, so alerts, series and lists agree.
"""
from __future__ import annotations

from datetime import date as Date
from typing import Any

from ..errors import UsageError
from ..store.filters import EventFilter
from ..store.places import place_keys_for

_CLUSTERS_TEMPLATE = """
WITH members AS (
    SELECT {cid} AS cid, e.event_id, e.doc_id, upper(e.type) AS type,
           e.date_start, e.date_is_day, e.fatalities, e.injured, e.arrested, e.evidence_text,
           l.name, upper(l.country) AS country, l.admin1, l.admin2
    FROM events e LEFT JOIN locations l ON l.location_id = e.location_id
),
told AS (  -- what each article says, over its own reports in the cluster
    SELECT cid, doc_id, sum(fatalities) AS fatalities, sum(injured) AS injured,
           sum(arrested) AS arrested
    FROM members GROUP BY cid, doc_id
),
figures AS (
    SELECT cid, coalesce(max(fatalities), 0) AS fatalities, coalesce(max(injured), 0) AS injured,
           coalesce(max(arrested), 0) AS arrested
    FROM told GROUP BY cid
),
grouped AS (
    SELECT cid,
           min(event_id) AS rep,
           arg_min(type, event_id) AS type,
           min(date_start) FILTER (WHERE date_is_day) AS day,
           min(date_start) AS first_day,
           arg_min(name, event_id) FILTER (WHERE name IS NOT NULL) AS name,
           arg_min(country, event_id) FILTER (WHERE country IS NOT NULL) AS country,
           arg_min(admin1, event_id) FILTER (WHERE admin1 IS NOT NULL) AS admin1,
           arg_min(country, event_id) FILTER (WHERE admin1 IS NOT NULL) AS admin1_country,
           arg_min(admin2, event_id) FILTER (WHERE admin2 IS NOT NULL) AS admin2,
           arg_min(admin1, event_id) FILTER (WHERE admin2 IS NOT NULL) AS admin2_parent,
           arg_min(country, event_id) FILTER (WHERE admin2 IS NOT NULL) AS admin2_country,
           arg_min(evidence_text, event_id) AS summary,
           count(*) AS reports,
           list(DISTINCT type) AS types,
           list(DISTINCT country) FILTER (WHERE country IS NOT NULL) AS countries,
           list_distinct(list_concat(list(strip_accents(lower(trim(name)))),
                                     list(strip_accents(lower(trim(admin1)))),
                                     list(strip_accents(lower(trim(admin2)))))) AS place_keys
    FROM members
    GROUP BY cid
),
clusters AS (
    SELECT g.*, f.fatalities, f.injured, f.arrested FROM grouped g JOIN figures f USING (cid)
)
"""
CLUSTERS_SQL = _CLUSTERS_TEMPLATE.replace("{cid}", "coalesce(e.cluster_id, e.event_id)")
# The same rows with every report standing alone: the unit=reports view of the counts.
REPORTS_SQL = _CLUSTERS_TEMPLATE.replace("{cid}", "e.event_id")


def day_bounds(since: Date | str | None, until: Date | str | None) -> tuple[Date | None, Date | None]:
    # the API's checks: ISO dates within data/query.yaml's bounds, since not after until
    flt = EventFilter(since=since, until=until)
    return flt.since, flt.until


def cluster_filters(since: Date | None = None, until: Date | None = None,
                    country: str | None = None, type_: str | None = None,
                    place: str | None = None, by_day: bool = True) -> tuple[str, list[Any]]:
    """A WHERE clause over ``clusters`` (day known) and its parameters; with ``by_day``
    False, over the clusters dated only to a month or year, or not at all (``since`` and
    ``until`` then bound the first day their dates cover)."""
    column = "day" if by_day else "first_day"
    clauses, params = ["day IS NOT NULL" if by_day else "day IS NULL"], []
    if since is not None:
        clauses.append(f"{column} >= ?")
        params.append(since)
    if until is not None:
        clauses.append(f"{column} <= ?")
        params.append(until)
    for column, value in (("countries", country), ("types", type_)):
        if value is None:
            continue
        values = [v.strip().upper() for v in str(value).split(",") if v.strip()]
        if not values:
            raise UsageError(f"{column[:-1]} filter is empty")
        clauses.append(f"list_has_any({column}, ?::VARCHAR[])")
        params.append(values)
    if place is not None:
        if not place.strip():
            raise UsageError("place filter is empty")
        clauses.append("list_has_any(place_keys, ?::VARCHAR[])")
        params.append(place_keys_for(place))
    return " WHERE " + " AND ".join(clauses), params
