"""Query latency of `flashpoint events` over a large synthetic event database.

The database is made by EventStore (so it has the real, fully migrated schema) and
filled with generated rows by SQL: events spread over ten years, 60 countries and the
16 PLOVER types, in random date order (no help from insertion order), each with one
actor. The timed query is the library call behind `flashpoint events`.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
COUNTRIES = (
    "AF",
    "AM",
    "AZ",
    "BD",
    "BF",
    "BI",
    "BR",
    "CD",
    "CF",
    "CM",
    "CO",
    "DZ",
    "EG",
    "ET",
    "FR",
    "GB",
    "GE",
    "GN",
    "HT",
    "ID",
    "IL",
    "IN",
    "IQ",
    "IR",
    "KE",
    "LB",
    "LY",
    "MA",
    "ML",
    "MM",
    "MX",
    "MZ",
    "NE",
    "NG",
    "NI",
    "PE",
    "PH",
    "PK",
    "PS",
    "RS",
    "RU",
    "SD",
    "SN",
    "SO",
    "SS",
    "SY",
    "TD",
    "TH",
    "TN",
    "TR",
    "UA",
    "UG",
    "US",
    "VE",
    "XK",
    "YE",
    "ZA",
    "ZW",
    "LK",
    "KH",
)
# The filtered query: one country, one type, one year, the first page of results.
QUERY: dict[str, Any] = {
    "country": "NG",
    "type": "ASSAULT",
    "since": "2020-01-01",
    "until": "2020-12-31",
    "limit": 50,
}
DAYS = 3653  # 2015-01-01 .. 2024-12-31


@dataclass(frozen=True)
class QueryTiming:
    events: int
    build_seconds: float
    rows: int
    first_ms: float
    median_ms: float
    runs: int
    cli_seconds: float | None
    open_store_ms: float | None = None


def _sql_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def build_database(path: Path, events: int, places: int = 5000) -> float:
    """Fill a new database at ``path`` with ``events`` synthetic events; return seconds."""
    from ..store import EventStore

    t0 = time.perf_counter()
    docs = max(1, events // 10)
    with EventStore(path) as store:
        con = store.conn
        con.execute("SET enable_progress_bar = false")
        con.execute(f"""INSERT INTO locations (location_id, name, lat, lon, country, admin1, admin2,
                        precision, geonameid)
            SELECT 'loc-' || i, 'Place ' || i, CAST(hash(i) % 120 AS DOUBLE) - 60.0, CAST(hash(i * 7) % 340 AS DOUBLE) - 170.0,
                   {_sql_list(COUNTRIES)}[1 + i % {len(COUNTRIES)}], 'Region ' || (i % 97),
                   'District ' || (i % 389), 4, 100000 + i
            FROM range({places}) t(i)""")
        con.execute(f"""INSERT INTO documents (id, title, date, url, source, origin, text, content_hash)
            SELECT 'doc-' || i, 'Report ' || i, DATE '2015-01-01' + CAST(hash(i) % {DAYS} AS INTEGER),
                   'https://news.example/' || i, 'Source ' || (i % 300), 'synthetic',
                   'Synthetic report number ' || i || '.', md5(i::VARCHAR)
            FROM range({docs}) t(i)""")
        con.execute(f"""INSERT INTO events (event_id, doc_id, type, mode, date, date_precision,
                        fatalities, injured, confidence, evidence_text, evidence_start, evidence_end,
                        trigger_text, trigger_start, trigger_end, location_id, date_start,
                        date_is_day, cluster_id)
            SELECT 'ev-' || lpad(i::VARCHAR, 9, '0'), 'doc-' || (i % {docs}),
                   {_sql_list(TYPES)}[CAST(1 + hash(i * 3) % {len(TYPES)} AS BIGINT)], NULL,
                   strftime(d, '%Y-%m-%d'), 'day', CAST(hash(i * 5) % 4 AS INTEGER), 0, 0.5,
                   'Synthetic event ' || i || '.', 0, 20, 'event', 10, 15,
                   'loc-' || (hash(i * 11) % {places}), d, true, 'ev-' || lpad(i::VARCHAR, 9, '0')
            FROM (SELECT i, DATE '2015-01-01' + CAST(hash(i) % {DAYS} AS INTEGER) AS d
                  FROM range({events}) t(i))""")
        con.execute("""INSERT INTO actors (event_id, role, position, text, name, country, sector,
                        start_offset, end_offset)
            SELECT event_id, 'actor', 0, 'police', 'Police', NULL, 'COP', 0, 6 FROM events""")
        con.execute("CHECKPOINT")
    return time.perf_counter() - t0


def time_query(path: Path, runs: int = 7) -> tuple[int, float, float]:
    """Rows returned, first (cold cache) and median latency in ms of the filtered query,
    each on a fresh read-only open as `flashpoint events` does."""
    from ..facade import query_events

    timings = []
    rows = 0
    for _ in range(max(1, runs) + 1):
        t0 = time.perf_counter()
        rows = len(query_events(str(path), **QUERY))
        timings.append((time.perf_counter() - t0) * 1000)
    return rows, timings[0], statistics.median(timings[1:])


def time_open_store(path: Path, runs: int = 7) -> float:
    """Median latency in ms of the same query on a store kept open, as a server keeps it."""
    from ..store import EventStore

    timings = []
    with EventStore(path, read_only=True) as store:
        store.query_events(**QUERY)
        for _ in range(max(1, runs)):
            t0 = time.perf_counter()
            store.query_events(**QUERY)
            timings.append((time.perf_counter() - t0) * 1000)
    return statistics.median(timings)


def cli_arguments(path: Path) -> list[str]:
    return [
        "events",
        "--db",
        str(path),
        "--country",
        QUERY["country"],
        "--type",
        QUERY["type"],
        "--since",
        QUERY["since"],
        "--until",
        QUERY["until"],
        "--limit",
        str(QUERY["limit"]),
        "--format",
        "jsonl",
    ]


def bench_query(work: Path, events: int, runs: int = 7, cli: bool = True) -> QueryTiming:
    from .bench_process import flashpoint_command, run_measured

    path = work / f"query-{events}.duckdb"
    if path.exists():
        path.unlink()
    build = build_database(path, events)
    rows, first, median = time_query(path, runs)
    kept_open = time_open_store(path, runs)
    cli_seconds = run_measured(flashpoint_command(*cli_arguments(path))).seconds if cli else None
    return QueryTiming(events, build, rows, first, median, runs, cli_seconds, kept_open)
