"""Merged events: one row per real-world event, the reports of it merged (a dedup cluster).

This is the default unit of every event view (`flashpoint events`, /events, its exports
and GeoJSON, /events/{id}); ``unit=reports`` lists each report on its own instead.

A merged row is its representative, the smallest event_id among the cluster's reports
(coded events) that match the filters, carrying the cluster's figures. The rule for
figures: an article's figure is the sum over its own reports in the cluster (one article
may tell the soldiers hurt and the protesters hurt in two sentences; within an article
each figure belongs to one event, flashpoint.extraction.figures). Each of fatalities,
injured, arrested and size is then the largest figure any article gives, since outlets
repeat, not add to, each other's tolls (never a sum across articles); on a tie the article
with the smallest document id gives it. ``figures_from`` names, per figure, the document
that gave it. The monitor's series and alerts take the same figures
(flashpoint.monitor.clusters), so every view agrees.

Each merged row also has ``reports`` (how many reports the cluster holds),
``sources`` (how many documents), ``source_names`` and ``doc_ids``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FIGURES = ("fatalities", "injured", "arrested", "size")
EVENTS, REPORTS = "events", "reports"

_FROM = (
    " FROM events e"
    " LEFT JOIN locations l ON l.location_id = e.location_id"
    " LEFT JOIN documents d ON d.id = e.doc_id"
)

_MEMBERS_SQL = (
    "SELECT coalesce(e.cluster_id, e.event_id), e.doc_id,"
    " coalesce(e.source, d.source), "
    + ", ".join(f"e.{f}" for f in FIGURES)
    + " FROM events e LEFT JOIN documents d ON d.id = e.doc_id"
    " WHERE list_contains(?, coalesce(e.cluster_id, e.event_id)) ORDER BY e.event_id"
)


def representatives(where: str) -> str:
    """A WHERE clause over ``events e`` keeping one row per cluster: the smallest event_id
    of the reports that ``where`` (a WHERE clause over e, l, d, or "") matches. It takes
    the parameters of ``where``, in the same order."""
    return (
        " WHERE e.event_id IN (SELECT min(e.event_id)"
        + _FROM
        + where
        + " GROUP BY coalesce(e.cluster_id, e.event_id))"
    )


def cluster_summaries(conn: Any, cluster_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Per cluster id: its figures by the rule above, ``figures_from``, ``reports``,
    ``sources``, ``source_names`` and ``doc_ids``."""
    wanted = sorted(set(cluster_ids))
    if not wanted:
        return {}
    out: dict[str, dict[str, Any]] = {}
    told: dict[tuple[str, str], list[int | None]] = {}  # (cluster, article) -> its figures
    for cid, doc_id, source, *values in conn.execute(_MEMBERS_SQL, [wanted]).fetchall():
        c = out.setdefault(cid, {"reports": 0, "doc_ids": set(), "source_names": set()})
        c["reports"] += 1
        c["doc_ids"].add(doc_id)
        if source:
            c["source_names"].add(source)
        sums = told.setdefault((cid, doc_id), [None] * len(FIGURES))
        for i, value in enumerate(values):
            if value is not None:
                sums[i] = (sums[i] or 0) + value
    for c in out.values():
        c["figures"], c["figures_from"] = dict.fromkeys(FIGURES), {}
    # documents in id order, so only a strictly larger figure replaces one
    for (cid, doc_id), sums in sorted(told.items()):
        c = out[cid]
        for name, value in zip(FIGURES, sums):
            if value is not None and (c["figures"][name] is None or value > c["figures"][name]):
                c["figures"][name] = value
                c["figures_from"][name] = doc_id
    for c in out.values():
        c["doc_ids"] = sorted(c["doc_ids"])
        c["source_names"] = sorted(c["source_names"])
        c["sources"] = len(c["doc_ids"])
    return out


def merge_rows(conn: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each representative row (shaped by queries.row_to_event) its cluster's figures
    and report counts, in place; returns ``rows``."""
    summaries = cluster_summaries(conn, (r["cluster_id"] for r in rows))
    for row in rows:
        summary = summaries.get(row["cluster_id"])
        if summary is None:
            continue
        row.update(summary["figures"])
        row.update({k: v for k, v in summary.items() if k != "figures"})
    return rows


def report_counts(conn: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each single-report row the ``sources`` (documents) of its cluster, in place."""
    summaries = cluster_summaries(conn, (r["cluster_id"] for r in rows))
    for row in rows:
        summary = summaries.get(row["cluster_id"])
        row["sources"] = summary["sources"] if summary else 1
    return rows
