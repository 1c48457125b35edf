"""Tables of the event database and the numbered migrations that build them.

Each migration runs once, in order, inside its own transaction, and is recorded
in ``schema_version``; opening an older database applies the missing ones.
New changes go in a new migration at the end, never by editing an old one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from ..errors import StoreError

Connection = duckdb.DuckDBPyConnection

_V1_CORE = [
    """CREATE TABLE schema_version (
        version INTEGER PRIMARY KEY,
        applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )""",
    """CREATE TABLE documents (
        id VARCHAR PRIMARY KEY,
        title VARCHAR,
        date DATE,
        url VARCHAR,
        source VARCHAR,
        origin VARCHAR,
        text VARCHAR NOT NULL,
        ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )""",
    """CREATE TABLE locations (
        location_id VARCHAR PRIMARY KEY,
        name VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        country VARCHAR,
        admin1 VARCHAR,
        admin2 VARCHAR,
        precision INTEGER,
        geonameid BIGINT
    )""",
    """CREATE TABLE events (
        event_id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        mode VARCHAR,
        acled_event_type VARCHAR,
        acled_sub_event_type VARCHAR,
        date VARCHAR,
        date_precision VARCHAR,
        date_text VARCHAR,
        fatalities INTEGER,
        injured INTEGER,
        arrested INTEGER,
        size INTEGER,
        confidence DOUBLE,
        evidence_text VARCHAR,
        evidence_start INTEGER,
        evidence_end INTEGER,
        trigger_text VARCHAR,
        trigger_start INTEGER,
        trigger_end INTEGER,
        location_id VARCHAR,
        source VARCHAR,
        url VARCHAR
    )""",
    """CREATE TABLE actors (
        event_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL CHECK (role IN ('actor', 'recipient')),
        position INTEGER NOT NULL,
        text VARCHAR,
        name VARCHAR,
        country VARCHAR,
        sector VARCHAR,
        start_offset INTEGER,
        end_offset INTEGER
    )""",
]

# Version 2: the location mention (text and offsets) is per event while the
# place itself is shared; date_start/date_is_day make date filters and the
# cross-source merge cheap; cluster_id holds the merge result; content_hash lets
# a re-ingest of unchanged text still notice that the pipeline coded it differently.
_V2_MERGE = [
    "ALTER TABLE events ADD COLUMN location_text VARCHAR",
    "ALTER TABLE events ADD COLUMN location_start INTEGER",
    "ALTER TABLE events ADD COLUMN location_end INTEGER",
    "ALTER TABLE events ADD COLUMN date_start DATE",
    "ALTER TABLE events ADD COLUMN date_is_day BOOLEAN",
    "ALTER TABLE events ADD COLUMN cluster_id VARCHAR",
    "ALTER TABLE documents ADD COLUMN content_hash VARCHAR",
    # Month and year dates count as their first day, as the query filters expect.
    """UPDATE events SET
        date_start = coalesce(try_strptime(date, '%Y-%m-%d'),
                              try_strptime(date, '%Y-%m'),
                              try_strptime(date, '%Y'))::DATE,
        date_is_day = (try_strptime(date, '%Y-%m-%d') IS NOT NULL
                       AND coalesce(lower(date_precision), 'day') NOT IN ('month', 'year')),
        cluster_id = event_id""",
]


def _rebuild_clusters(conn: duckdb.DuckDBPyConnection) -> None:
    from .dedup import rebuild_clusters  # dedup needs the tables this module creates

    rebuild_clusters(conn)


# Version 3: reports merge on type families (data/monitor.yaml) and every merge keeps
# a sentence saying why; existing clusters are recomputed under the new rules.
_V3_MERGE_REASONS: list[str | Callable[[duckdb.DuckDBPyConnection], None]] = [
    """CREATE TABLE merges (
        event_id VARCHAR NOT NULL,
        other_event_id VARCHAR NOT NULL,
        reason VARCHAR NOT NULL
    )""",
    _rebuild_clusters,
]


# Version 4: an event's actors and its merge reasons are read by event id on every
# event page and query; without an index each read scans the whole table (about
# 300 ms against 30 ms on a million events, docs/performance.md).
_V4_INDEXES: list[str | Callable[[duckdb.DuckDBPyConnection], None]] = [
    "CREATE INDEX IF NOT EXISTS actors_by_event ON actors (event_id)",
    "CREATE INDEX IF NOT EXISTS merges_by_event ON merges (event_id)",
]


# Version 5: the live monitor's state (issue 18): followed feeds with their validators
# for conditional GET, a log of every fetch, each article URL seen with what became of
# it (coded, a copy of another, skipped), and the alerts already pushed.
_V5_WATCH = [
    """CREATE TABLE watch_feeds (
        url VARCHAR PRIMARY KEY,
        name VARCHAR,
        etag VARCHAR,
        last_modified VARCHAR,
        last_fetch TIMESTAMP,
        last_status VARCHAR,
        last_error VARCHAR,
        items_new INTEGER NOT NULL DEFAULT 0,
        items_total INTEGER NOT NULL DEFAULT 0,
        errors_total INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE watch_fetches (
        feed_url VARCHAR,
        url VARCHAR NOT NULL,
        fetched_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        status INTEGER,
        outcome VARCHAR NOT NULL,
        detail VARCHAR,
        seconds DOUBLE
    )""",
    """CREATE TABLE watch_seen (
        url VARCHAR PRIMARY KEY,
        first_url VARCHAR,
        feed_url VARCHAR,
        doc_id VARCHAR,
        outcome VARCHAR NOT NULL,
        duplicate_of VARCHAR,
        simhash BIGINT,
        source VARCHAR,
        title VARCHAR,
        seen_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )""",
    """CREATE TABLE watch_pushes (
        alert_key VARCHAR PRIMARY KEY,
        alert_id VARCHAR NOT NULL,
        observed INTEGER NOT NULL,
        casualties INTEGER NOT NULL,
        pushed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )""",
]


# Version 6: documents an ingest read but could not code, with the one-line reason (over
# the time or memory budget of data/budget.yaml, empty, not text ...), so a skipped page
# is visible in the store and not only in one run's terminal output (issue 20).
_V6_SKIPPED: list[str | Callable[[duckdb.DuckDBPyConnection], None]] = [
    """CREATE TABLE skipped_documents (
        id VARCHAR PRIMARY KEY,
        origin VARCHAR,
        line INTEGER,
        reason VARCHAR NOT NULL,
        over_budget BOOLEAN NOT NULL,
        skipped_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )""",
]

# Version 7: the explain trace of events coded with `ingest --explain` (issue 19): what
# decided each field, as the JSON list Event.to_dict gives, shown on the event page.
# A table of its own, so that events coded without the trace store nothing more.
_V7_EXPLAIN: list[str | Callable[[duckdb.DuckDBPyConnection], None]] = [
    """CREATE TABLE event_explain (
        event_id VARCHAR PRIMARY KEY,
        trace VARCHAR NOT NULL
    )""",
]


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    steps: tuple[str | Callable[[Connection], None], ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core tables", tuple(_V1_CORE)),
    Migration(2, "location mentions, date keys and merge clusters", tuple(_V2_MERGE)),
    Migration(3, "merge reasons; clusters by type family", tuple(_V3_MERGE_REASONS)),
    Migration(4, "indexes on actors and merges by event", tuple(_V4_INDEXES)),
    Migration(5, "live monitor state: feeds, fetches, seen URLs, pushed alerts", tuple(_V5_WATCH)),
    Migration(6, "documents skipped by an ingest, with the reason", tuple(_V6_SKIPPED)),
    Migration(7, "explain traces of events coded with --explain", tuple(_V7_EXPLAIN)),
)
LATEST_VERSION = MIGRATIONS[-1].version


def table_names(conn: Connection) -> set[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {r[0] for r in rows}


def current_version(conn: Connection) -> int:
    """0 for an empty database, else the highest migration applied."""
    if "schema_version" not in table_names(conn):
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def apply_migrations(conn: Connection, target: int | None = None) -> list[int]:
    """Bring the schema up to ``target`` (default: latest); return the versions applied."""
    target = LATEST_VERSION if target is None else target
    version = current_version(conn)
    if version == 0 and table_names(conn):
        raise StoreError("the database holds other tables and is not a flashpoint event database")
    if version > LATEST_VERSION:
        raise StoreError(
            f"the database has schema version {version}, newer than this flashpoint "
            f"(which knows up to {LATEST_VERSION}); upgrade flashpoint to open it"
        )
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version <= version or migration.version > target:
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            for step in migration.steps:
                if callable(step):
                    step(conn)
                else:
                    conn.execute(step)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", [migration.version])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
