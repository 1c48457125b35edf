"""The server's hold on its event database: per-request read cursors and serialised ingest.

DuckDB allows one writing process per database file, so the server process owns it.
Reads run on per-request cursors of one shared connection (DuckDB's MVCC gives each a
consistent snapshot); an ingest parses outside any database lock and then writes under
``write_lock``, so reads keep being answered while a document is being coded. Parsing
runs in a child process: spaCy holds the interpreter lock for most of its work, and in
the server's own process a stream of POSTs left reads waiting seconds for it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict
from multiprocessing import get_context
from typing import Any

import duckdb

from ..errors import FlashpointError, InputError, UsageError
from ..io.records import record_to_document
from ..models import Document, Event
from ..report import RunReport
from ..store import EventStore
from .cache import ResponseCache

MAX_WAITING_INGESTS = 4  # beyond this, POST answers 503 instead of tying up worker threads


class CursorStore(EventStore):
    """An EventStore-shaped read view over one cursor, for library functions that take a
    store (the monitor). It shares the server's database and never opens or migrates it."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, path: str):  # noqa: D107
        # Deliberately not calling EventStore.__init__: the database is already open.
        self.path = path
        self.read_only = True
        self._conn = cursor


class Busy(FlashpointError):
    """Too many ingests are already waiting."""


class EventService:
    """Opens ``db_path`` read-write for the life of the server."""

    def __init__(self, db_path: str, model: str | None = None):
        self.path = str(db_path)
        self.model = model
        self.store = EventStore(self.path)
        # A connection used only to hand out cursors, under its own lock, so cursor
        # creation never races with a write running on the store's connection.
        self._cursor_source = self.store.conn.cursor()
        self._cursor_lock = threading.Lock()
        self.write_lock = threading.Lock()
        self._parse_lock = threading.Lock()
        self._ingest_slots = threading.BoundedSemaphore(MAX_WAITING_INGESTS)
        self.cache = ResponseCache()
        self._coder: ProcessPoolExecutor | None = None

    def start_coder(self) -> None:
        """Start the parsing process and load the pipeline in it (a few seconds)."""
        with self._parse_lock:
            if self._coder is None:
                self._coder = ProcessPoolExecutor(
                    max_workers=1, mp_context=get_context("spawn"), initializer=_lower_priority
                )
                self._coder.submit(code_documents, [], self.model).result()

    def code(self, docs: list[Document]) -> tuple[list[tuple[Document, list[Event]]], list[str]]:
        """Code documents in the parsing process (started on first use)."""
        self.start_coder()
        return self._coder.submit(code_documents, docs, self.model).result()  # type: ignore[union-attr]

    def close(self) -> None:
        with self.write_lock, self._cursor_lock:
            self._cursor_source.close()
            self.store.close()
        if self._coder is not None:
            self._coder.shutdown(cancel_futures=True)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._cursor_lock:
            cur = self._cursor_source.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def view(self) -> Iterator[CursorStore]:
        with self.cursor() as cur:
            yield CursorStore(cur, self.path)

    def ingest_records(self, records: list[Any], max_doc_bytes: int) -> dict[str, Any]:
        """Validate, code and store posted records; the whole request is refused if any
        record is not a document. Returns the IngestResult counts plus skipped errors."""
        docs = [_record(r, i, max_doc_bytes) for i, r in enumerate(records)]
        _refuse_repeated_ids(docs)
        if not self._ingest_slots.acquire(blocking=False):
            raise Busy(f"{MAX_WAITING_INGESTS} ingests are already running or waiting; retry shortly")
        try:
            self.start_coder()
            coded, errors = self._coder.submit(code_documents, docs, self.model).result()  # type: ignore[union-attr]
            with self.write_lock:
                try:
                    result = self.store.ingest(coded)
                finally:
                    # Even a failed ingest may have committed earlier batches.
                    self.cache.invalidate()
        finally:
            self._ingest_slots.release()
        return {**asdict(result), "documents": [d.id for d, _ in coded], "skipped": errors}


def _lower_priority() -> None:
    # Answering reads is interactive, coding posted articles is not: on a busy machine
    # the parser takes the CPU the readers leave.
    import os

    if hasattr(os, "nice"):
        os.nice(10)


def code_documents(
    docs: list[Document], model: str | None = None
) -> tuple[list[tuple[Document, list[Event]]], list[str]]:
    """Code documents with the pipeline of event model ``model`` (run in the parsing process)."""
    from ..facade import pipeline_for

    report = RunReport()
    coded = list(pipeline_for(model).run(docs, report))
    return coded, [str(e) for e in report.errors]


def _refuse_repeated_ids(docs: list[Document]) -> None:
    """One body is one run: a second document with an id already in it would silently
    replace the first, so the body is refused instead."""
    first: dict[str, int] = {}
    for doc in docs:
        earlier = first.setdefault(doc.id, doc.line or 0)
        if earlier != (doc.line or 0):
            raise UsageError(
                f"document {doc.line}: id {doc.id!r} is already used by document {earlier} of this request"
            )


def _record(record: Any, index: int, max_doc_bytes: int) -> Document:
    try:
        return record_to_document(record, "request", index + 1, max_doc_bytes)
    except InputError as exc:
        raise UsageError(f"document {index + 1}: {exc.reason}") from None
