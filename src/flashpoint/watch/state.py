"""The watcher's memory in the event database (schema version 5): feeds with their
conditional-GET validators, a log of fetches, every article URL seen, pushed alerts.

A document is stored (with its events, in the store's own transaction) before its URL
is marked seen. A kill between the two leaves the URL unmarked: the next run fetches
that one page again, gives it the same document id, and the store sees it unchanged,
so nothing is lost and nothing is stored twice. A feed's validators are saved only
after all its items are handled, so a feed cut off mid-way is read whole again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_IN = "IN (SELECT unnest(?::VARCHAR[]))"

# What became of an article URL.
CODED = "coded"
DUPLICATE = "duplicate"
OTHER_LANGUAGE = "other-language"
NO_TEXT = "no-text"
REJECTED = "rejected"  # a permanent failure: 4xx, wrong type, too large, robots


@dataclass(frozen=True)
class Seen:
    url: str
    first_url: str
    feed_url: str | None
    outcome: str
    doc_id: str | None = None
    duplicate_of: str | None = None
    simhash: int | None = None
    source: str | None = None
    title: str | None = None


class WatchState:
    """Reads and writes the watch_* tables over one DuckDB connection."""

    def __init__(self, conn: Any):
        self.conn = conn

    # -- feeds -------------------------------------------------------------------

    def validators(self, feed_url: str) -> tuple[str | None, str | None]:
        row = self.conn.execute(
            "SELECT etag, last_modified FROM watch_feeds WHERE url = ?", [feed_url]
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def finish_feed(
        self,
        feed_url: str,
        name: str | None,
        status: str,
        error: str | None,
        new_items: int,
        errors: int,
        etag: str | None = None,
        last_modified: str | None = None,
        keep_validators: bool = True,
    ) -> None:
        """Record a feed's cycle; the validators are replaced only when ``keep_validators``
        (every item was handled), else the old ones stay so the feed is read in full again."""
        self.conn.execute(
            "INSERT INTO watch_feeds (url, name) VALUES (?, ?) ON CONFLICT DO NOTHING", [feed_url, name]
        )
        sets = [
            "name = coalesce(?, name)",
            "last_fetch = current_timestamp AT TIME ZONE 'UTC'",
            "last_status = ?",
            "last_error = ?",
            "items_new = ?",
            "items_total = items_total + ?",
            "errors_total = errors_total + ?",
        ]
        params: list[Any] = [name, status, error, new_items, new_items, errors]
        if keep_validators and status != "error":
            sets += ["etag = coalesce(?, etag)", "last_modified = coalesce(?, last_modified)"]
            params += [etag, last_modified]
        self.conn.execute(f"UPDATE watch_feeds SET {', '.join(sets)} WHERE url = ?", [*params, feed_url])

    def log_fetch(
        self,
        feed_url: str | None,
        url: str,
        status: int | None,
        outcome: str,
        detail: str | None,
        seconds: float,
    ) -> None:
        self.conn.execute(
            "INSERT INTO watch_fetches (feed_url, url, status, outcome, detail,"
            " seconds) VALUES (?, ?, ?, ?, ?, ?)",
            [feed_url, url, status, outcome, detail, round(seconds, 4)],
        )

    # -- article URLs ------------------------------------------------------------

    def seen(self, urls: list[str]) -> set[str]:
        """Those of ``urls`` (canonical) already handled."""
        if not urls:
            return set()
        rows = self.conn.execute(f"SELECT url FROM watch_seen WHERE url {_IN}", [urls]).fetchall()
        return {r[0] for r in rows}

    def stored_unmarked(self, urls: list[str]) -> list[tuple[str, str, str, str | None, str | None]]:
        """(url, doc_id, text, source, title) of documents stored from ``urls`` but not
        marked seen: a run killed between the two writes left them so."""
        if not urls:
            return []
        rows: list[tuple[str, str, str, str | None, str | None]] = self.conn.execute(
            f"SELECT url, id, text, source, title FROM documents WHERE url {_IN}"
            " AND url NOT IN (SELECT url FROM watch_seen) ORDER BY url",
            [urls],
        ).fetchall()
        return rows

    def mark(self, seen: Seen) -> None:
        self.conn.execute(
            "INSERT INTO watch_seen (url, first_url, feed_url, doc_id, outcome, duplicate_of,"
            " simhash, source, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                seen.url,
                seen.first_url,
                seen.feed_url,
                seen.doc_id,
                seen.outcome,
                seen.duplicate_of,
                seen.simhash,
                seen.source,
                seen.title,
            ],
        )

    def near_candidates(self, simhash: int, max_distance: int) -> list[tuple[str, str, str]]:
        """(url, doc_id, text) of coded articles whose SimHash is within ``max_distance``
        bits, nearest first."""
        rows: list[tuple[str, str, str]] = self.conn.execute(
            "SELECT s.url, s.doc_id, d.text FROM watch_seen s JOIN documents d ON d.id = s.doc_id"
            " WHERE s.outcome = ? AND s.simhash IS NOT NULL"
            " AND bit_count(xor(s.simhash, ?::BIGINT)) <= ?"
            " ORDER BY bit_count(xor(s.simhash, ?::BIGINT)), s.seen_at, s.url LIMIT 20",
            [CODED, simhash, max_distance, simhash],
        ).fetchall()
        return rows

    # -- pushed alerts -----------------------------------------------------------

    def pushed(self, alert_key: str) -> tuple[int, int] | None:
        """(observed, casualties) when the alert was last pushed, or None."""
        row = self.conn.execute(
            "SELECT observed, casualties FROM watch_pushes WHERE alert_key = ?", [alert_key]
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else None

    def record_push(self, alert_key: str, alert_id: str, observed: int, casualties: int) -> None:
        self.conn.execute(
            "INSERT INTO watch_pushes (alert_key, alert_id, observed, casualties) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (alert_key) DO UPDATE SET alert_id = excluded.alert_id,"
            " observed = excluded.observed, casualties = excluded.casualties,"
            " pushed_at = now()",
            [alert_key, alert_id, observed, casualties],
        )


def driving_events(conn: Any, cluster_ids: list[str]) -> list[dict[str, Any]]:
    """Every report in the given merge clusters, with its evidence, where it was read and
    the copies of that article dropped before coding (``copies``: source and URL)."""
    rows = conn.execute(
        "SELECT e.event_id, e.cluster_id, e.type, e.acled_sub_event_type, e.date,"
        " e.fatalities, e.injured, e.evidence_text, coalesce(d.source, e.source),"
        " coalesce(d.url, e.url), d.title,"
        " (SELECT list({'source': s.source, 'url': s.first_url} ORDER BY s.seen_at, s.url)"
        "  FROM watch_seen s WHERE s.duplicate_of = e.doc_id)"
        " FROM events e LEFT JOIN documents d ON d.id = e.doc_id"
        f" WHERE e.cluster_id {_IN} ORDER BY e.date, e.event_id",
        [cluster_ids],
    ).fetchall()
    keys = (
        "event_id",
        "cluster_id",
        "type",
        "acled_sub_event_type",
        "date",
        "fatalities",
        "injured",
        "evidence",
        "source",
        "url",
        "title",
        "copies",
    )
    out = [dict(zip(keys, r)) for r in rows]
    for event in out:
        event["copies"] = event["copies"] or []
    return out


def feed_status(conn: Any) -> list[dict[str, Any]]:
    """Each followed feed's last fetch, new items and errors, for /status."""
    rows = conn.execute(
        "SELECT url, name, last_fetch, last_status, last_error, items_new, items_total,"
        " errors_total FROM watch_feeds ORDER BY url"
    ).fetchall()
    keys = (
        "url",
        "name",
        "last_fetch",
        "last_status",
        "last_error",
        "new_items",
        "items_total",
        "errors_total",
    )
    out = [dict(zip(keys, r)) for r in rows]
    for feed in out:
        feed["last_fetch"] = (
            feed["last_fetch"].isoformat(timespec="seconds") + "Z" if feed["last_fetch"] else None
        )
    return out


def seen_counts(conn: Any) -> dict[str, int]:
    """Article URLs seen, by outcome (coded, duplicate, other-language, ...)."""
    return dict(
        conn.execute("SELECT outcome, count(*) FROM watch_seen GROUP BY outcome ORDER BY outcome").fetchall()
    )
