"""Filtered events written whole in a text format (CSV, ACLED CSV, GeoJSON), for the API's
export endpoints and the dashboard's export buttons.

An export holds every matching row unless a page (``limit``, ``offset``) is asked for. It
is read from the database in pages of data/query.yaml's ``export_page`` rows inside one
transaction, so the pages form one consistent snapshot even while an ingest commits, and
written as the rows arrive: memory holds one page, whatever the export's length.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

import duckdb

from ..errors import UsageError
from ..io.rows import print_rows
from .filters import EventFilter, query_bounds
from .merged import EVENTS
from .reads import Connection, event_features, list_events

EXPORT_FORMATS = ("csv", "acled-csv", "geojson")


def export_page_size() -> int:
    """Rows read per database query while an export is written (data/query.yaml)."""
    return query_bounds().limits["export_page"]


def _pages(read: Any, limit: int | None, offset: int, page: int) -> Iterator[list[Any]]:
    """``read(size, offset)`` page after page until ``limit`` rows (None: all) are read
    or a page comes back short."""
    done = 0
    while limit is None or done < limit:
        size = page if limit is None else min(page, limit - done)
        rows = read(size, offset + done)
        if rows:
            yield rows
        done += len(rows)
        if len(rows) < size:
            return


def iter_events(
    conn: Connection,
    flt: EventFilter,
    unit: str = EVENTS,
    limit: int | None = None,
    offset: int = 0,
    page: int | None = None,
) -> Iterator[dict[str, Any]]:
    """The rows ``list_events`` gives, newest first, every one of them (or ``limit``),
    read ``page`` at a time."""

    def read(size: int, skip: int) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = list_events(conn, flt, limit=size, offset=skip, unit=unit)["events"]
        return rows

    for rows in _pages(read, limit, offset, page or export_page_size()):
        yield from rows


def iter_features(
    conn: Connection,
    flt: EventFilter,
    unit: str = EVENTS,
    limit: int | None = None,
    offset: int = 0,
    page: int | None = None,
) -> Iterator[dict[str, Any]]:
    """The GeoJSON features ``event_features`` gives, every one of them (or ``limit``)."""

    def read(size: int, skip: int) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = event_features(conn, flt, limit=size, offset=skip, unit=unit)["features"]
        return rows

    for rows in _pages(read, limit, offset, page or export_page_size()):
        yield from rows


def write_export(
    conn: Connection,
    flt: EventFilter,
    fmt: str,
    out: TextIO,
    unit: str = EVENTS,
    limit: int | None = None,
    offset: int = 0,
    page: int | None = None,
) -> int:
    """Write the events matching ``flt`` (merged events by default, or single reports) as
    ``fmt`` to ``out``: all of them, or ``limit`` after skipping ``offset``. Returns how
    many rows were written (ACLED CSV leaves out events without an ACLED type or
    country, GeoJSON those without coordinates)."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    with _snapshot(conn):
        if fmt == "geojson":
            return _write_features(iter_features(conn, flt, unit, limit, offset, page), out)
        return print_rows(iter_events(conn, flt, unit, limit, offset, page), fmt, out)


def _write_features(features: Iterator[dict[str, Any]], out: TextIO) -> int:
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for feature in features:
        out.write(("\n" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False, default=str))
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return count


@contextmanager
def _snapshot(conn: Connection) -> Iterator[None]:
    """One read transaction around the pages of an export (none when the connection is
    already inside one, which then gives the snapshot)."""
    try:
        conn.execute("BEGIN TRANSACTION")
    except duckdb.TransactionException:
        yield
        return
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
