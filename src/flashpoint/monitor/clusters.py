"""One row per real-world event (a merge cluster), the unit that monitoring counts.

A cluster takes its place from the lowest member event_id that has one at each level,
and each casualty count as the largest any article gives, an article's figure being the
sum over its own reports in the cluster, since outlets reporting one event repeat, not
add to, each other's figures: the rule of flashpoint.store.merged, which the event lists
use, so alerts, series and lists agree.

Which clusters count is decided by the event list's own filter (``EventFilter`` of
flashpoint.store.filters): a cluster counts when one of its reports matches, as a
merged event is listed when one of its reports matches. Its day is the earliest day its
matching reports give (month or year dates are too coarse to count by day), so a
cluster kept by since/until falls inside that range.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Any

from ..store.filters import EventFilter, parse_unit

_CLUSTERS_TEMPLATE = """
WITH matched AS (  -- the clusters with a report the filter keeps, dated by those reports
    SELECT {cid} AS cid,
           min(e.date_start) FILTER (WHERE e.date_is_day) AS day,
           min(e.date_start) AS first_day
    FROM events e LEFT JOIN locations l ON l.location_id = e.location_id
         LEFT JOIN documents d ON d.id = e.doc_id
    {where}
    GROUP BY 1
),
members AS (
    SELECT {cid} AS cid, e.event_id, e.doc_id, upper(e.type) AS type,
           e.fatalities, e.injured, e.arrested, e.evidence_text,
           l.name, upper(l.country) AS country, l.admin1, l.admin2
    FROM events e LEFT JOIN locations l ON l.location_id = e.location_id
    WHERE {cid} IN (SELECT cid FROM matched)
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
    SELECT g.*, m.day, m.first_day, f.fatalities, f.injured, f.arrested
    FROM grouped g JOIN figures f USING (cid) JOIN matched m USING (cid)
)
"""
# What a cluster is: every report of one event, or (unit=reports) each report alone.
_CLUSTER_IDS = {"events": "coalesce(e.cluster_id, e.event_id)", "reports": "e.event_id"}


def clusters_sql(flt: EventFilter | None = None, unit: str | None = None) -> tuple[str, list[Any]]:
    """A ``WITH`` prefix defining ``clusters`` (one row per merged event, or per report
    with ``unit="reports"``) over the events ``flt`` keeps, and its parameters.

    The filtering is ``flt.where()``, the very clause of the event list, so a count over
    ``clusters`` equals that list's total. Columns: cid, rep, type, day (None when no
    matching report is dated to a day), first_day, name, country, admin1, admin2 with
    the country or parent they were read with, summary, reports, types, countries,
    place_keys, and the merged fatalities, injured and arrested.
    """
    where, params = (flt or EventFilter()).where()
    sql = _CLUSTERS_TEMPLATE.replace("{cid}", _CLUSTER_IDS[parse_unit(unit)]).replace("{where}", where)
    return sql, params


# Every cluster of every event: what the alerts read.
CLUSTERS_SQL = clusters_sql()[0]


def day_bounds(since: Date | str | None, until: Date | str | None) -> tuple[Date | None, Date | None]:
    # the API's checks: ISO dates within data/query.yaml's bounds, since not after until
    flt = EventFilter(since=since, until=until)
    return flt.since, flt.until
