"""EventStore: the embedded DuckDB database that events are written to and queried from."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ..errors import BudgetExceeded, FlashpointError, RecordRejected, StoreError
from ..models import Document, Event, Location, content_hash
from .dedup import recluster
from .filters import date_floor
from .merged import merge_rows
from .queries import EventQuery, actors_by_event, count_of, is_day_date, row_to_event
from .schema import LATEST_VERSION, apply_migrations, current_version

MEMORY = ":memory:"
# Documents per transaction. A kill loses at most one uncommitted batch, so this stays
# small; commits are cheap next to parsing (about 50 documents is a second or two of work).
DEFAULT_BATCH_DOCS = 50

_EVENT_COLUMNS = (
    "event_id",
    "doc_id",
    "type",
    "mode",
    "acled_event_type",
    "acled_sub_event_type",
    "date",
    "date_precision",
    "date_text",
    "fatalities",
    "injured",
    "arrested",
    "size",
    "confidence",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "trigger_text",
    "trigger_start",
    "trigger_end",
    "location_id",
    "source",
    "url",
    "location_text",
    "location_start",
    "location_end",
    "date_start",
    "date_is_day",
    "cluster_id",
)
_ACTOR_COLUMNS = (
    "event_id",
    "role",
    "position",
    "text",
    "name",
    "country",
    "sector",
    "start_offset",
    "end_offset",
)
_LOCATION_COLUMNS = (
    "location_id",
    "name",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin2",
    "precision",
    "geonameid",
)
_DOCUMENT_COLUMNS = ("id", "title", "date", "url", "source", "origin", "text", "content_hash")
_TABLES = ("documents", "events", "actors", "locations")
_IN_IDS = "IN (SELECT unnest(?::VARCHAR[]))"  # membership in a bound list of ids


@dataclass(frozen=True)
class IngestResult:
    """What one ``ingest`` call changed. Replaced documents had new text or new events."""

    documents_new: int = 0
    documents_unchanged: int = 0
    events_new: int = 0
    documents_replaced: int = 0
    events_removed: int = 0
    # Already stored with the same text and metadata, so skipped before parsing
    # (also counted in documents_unchanged). A resumed ingest does not redo them.
    documents_not_reparsed: int = 0

    def __str__(self) -> str:
        """The changes as a sentence, for the end of `flashpoint ingest`."""
        parts = [
            f"stored {_count(self.documents_new, 'new document')} with {_count(self.events_new, 'new event')}"
        ]
        if self.documents_replaced:
            parts.append(
                f"replaced {_count(self.documents_replaced, 'document')} whose "
                f"content had changed ({_count(self.events_removed, 'old event')} "
                "removed)"
            )
        if self.documents_unchanged:
            text = f"{_count(self.documents_unchanged, 'document')} already stored unchanged"
            if self.documents_not_reparsed:
                text += f" ({self.documents_not_reparsed:,} not parsed again)"
            parts.append(text)
        return "; ".join(parts) + "."


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def location_id(loc: Location) -> str:
    return "loc-" + content_hash(loc.name, loc.lat, loc.lon, loc.country)


def document_fingerprint(doc: Document, events: Sequence[Event]) -> str:
    """Changes when the text, the metadata or any coded event changes (not the origin path)."""
    payload = json.dumps([doc.to_dict(), [e.to_dict() for e in events]], sort_keys=True, default=str)
    return content_hash(payload, length=32)


def is_lock_conflict(exc: BaseException | None) -> bool:
    """Whether a DuckDB error says another process holds the database file."""
    text = str(exc) if exc is not None else ""
    return "Could not set lock" in text or "Conflicting lock" in text


def _open_reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if is_lock_conflict(exc):
        return (
            "it is locked by another process; if `flashpoint serve` holds it, POST documents "
            "to the server (and read with GET /events) or stop the server, else close that program"
        )
    if "not a valid DuckDB database" in text:
        return "the file is not a DuckDB database (corrupt or another format)"
    if "different configuration" in text:
        return "it is already open in this process with a different read-only setting"
    for prefix in ("IO Error: ", "Connection Error: ", "Serialization Error: "):
        text = text.removeprefix(prefix)
    return text


class EventStore:
    """An event database on disk (or ``":memory:"``). Use as a context manager or call close()."""

    def __init__(self, path: str | Path = "flashpoint.duckdb", read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._types: dict[tuple[str, str], str] | None = None
        self._conn = self._connect()

    # -- opening -----------------------------------------------------------------

    def _connect(self) -> duckdb.DuckDBPyConnection:
        where = f"event database {self.path}"
        if self.path != MEMORY:
            p = Path(self.path)
            if p.is_dir():
                raise StoreError(f"cannot open {where}: it is a directory, not a database file")
            if not p.exists() and self.read_only:
                raise StoreError(f"cannot open {where} read-only: the file does not exist")
            if not p.exists() and not p.parent.exists():
                raise StoreError(f"cannot create {where}: folder {p.parent} does not exist")
        try:
            conn = duckdb.connect(self.path, read_only=self.read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {where}: {_open_reason(exc)}") from exc
        try:
            self._prepare_schema(conn)
        except FlashpointError as exc:
            conn.close()
            raise StoreError(f"cannot use {where}: {exc}") from exc
        except duckdb.Error as exc:
            conn.close()
            raise StoreError(f"cannot use {where}: {_open_reason(exc)}") from exc
        return conn

    def _prepare_schema(self, conn: duckdb.DuckDBPyConnection) -> None:
        if not self.read_only:
            apply_migrations(conn)
            return
        version = current_version(conn)
        if version == 0:
            raise StoreError("it is not a flashpoint event database")
        if version != LATEST_VERSION:
            raise StoreError(
                f"its schema version is {version} but this flashpoint uses {LATEST_VERSION}; "
                "open it once without read-only to upgrade it"
            )

    @property
    def conn(self) -> duckdb.DuckDBPyConnection:
        if self._conn is None:
            raise StoreError(f"event database {self.path} is closed")
        return self._conn

    @property
    def schema_version(self) -> int:
        version: int = self._run(lambda: current_version(self.conn))
        return version

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _run(self, action: Any) -> Any:
        try:
            return action()
        except duckdb.Error as exc:
            raise StoreError(f"event database {self.path}: {_open_reason(exc)}") from exc

    # -- writing -----------------------------------------------------------------

    def ingest(
        self,
        documents_and_events: Iterable[tuple[Document, list[Event]]],
        batch_size: int = DEFAULT_BATCH_DOCS,
    ) -> IngestResult:
        """Store documents with their events; safe to repeat (same input changes nothing).

        A document already stored under the same id is replaced, events and all, when its
        text, metadata or events differ. Each batch of ``batch_size`` documents is one
        transaction holding every document with all its events, so a crash leaves each
        document either fully stored or absent.
        """
        if self.read_only:
            raise StoreError(f"event database {self.path} is open read-only; cannot ingest")
        totals = [0, 0, 0, 0, 0]
        for batch in _batches(documents_and_events, max(1, int(batch_size))):
            counts = self._ingest_batch(batch)
            totals = [a + b for a, b in zip(totals, counts)]
        return IngestResult(*totals)

    def record_skipped(self, errors: Iterable[FlashpointError]) -> int:
        """Keep the reason of every document a run rejected (those with an id; a line that
        could not even be read has none); return how many were recorded. A later skip of
        the same document replaces its row, and storing it coded removes the row."""
        rows = [
            (e.doc_id, e.origin, e.line, e.reason, isinstance(e, BudgetExceeded))
            for e in errors
            if isinstance(e, RecordRejected) and e.doc_id
        ]
        rows = list({r[0]: r for r in rows}.values())
        if not rows:
            return 0
        if self.read_only:
            raise StoreError(f"event database {self.path} is open read-only; cannot record skips")
        self._run(
            lambda: self.conn.executemany(
                "INSERT OR REPLACE INTO skipped_documents (id, origin, line, reason, over_budget)"
                " VALUES (?, ?, ?, ?, ?)",
                rows,
            )
        )
        return len(rows)

    def skipped_documents(self) -> list[dict[str, Any]]:
        """Documents read but not coded, and why, most recent first."""
        rows = self._run(
            lambda: self.conn.execute(
                "SELECT id, origin, line, reason, over_budget, skipped_at FROM skipped_documents"
                " ORDER BY skipped_at DESC, id"
            ).fetchall()
        )
        keys = ("id", "origin", "line", "reason", "over_budget", "skipped_at")
        out = [dict(zip(keys, r)) for r in rows]
        for d in out:
            d["skipped_at"] = d["skipped_at"].isoformat(timespec="seconds")
        return out

    def stored_sources(self, documents: Sequence[Document]) -> dict[str, tuple[bool, str | None]]:
        """For each of ``documents`` already stored under its id: whether it is stored with
        the same text and metadata, and the origin (source path) it was stored from.

        Checked before parsing, so a rerun after a crash only parses what is missing."""
        if not documents:
            return {}
        rows = self._run(
            lambda: self.conn.execute(
                "SELECT id, title, date, url, source, text, origin FROM documents WHERE id " + _IN_IDS,
                [sorted({d.id for d in documents})],
            ).fetchall()
        )
        stored = {r[0]: r[1:] for r in rows}
        return {
            d.id: (stored[d.id][:5] == (d.title, d.date, d.url, d.source, d.text), stored[d.id][5])
            for d in documents
            if d.id in stored
        }

    def _ingest_batch(self, batch: list[tuple[Document, list[Event]]]) -> list[int]:
        conn = self.conn
        prepared = [(doc, _unique_events(doc, events)) for doc, events in batch]
        fingerprints = {doc.id: document_fingerprint(doc, evs) for doc, evs in prepared}
        stored = dict(
            self._run(
                lambda: conn.execute(
                    "SELECT id, content_hash FROM documents WHERE id " + _IN_IDS, [list(fingerprints)]
                ).fetchall()
            )
        )
        changed = [(d, e) for d, e in prepared if stored.get(d.id, "\0") != fingerprints[d.id]]
        unchanged = len(prepared) - len(changed)
        replaced_ids = [d.id for d, _ in changed if d.id in stored]
        if not changed:
            return [0, unchanged, 0, 0, 0]
        self._run(lambda: conn.execute("BEGIN TRANSACTION"))
        try:
            old_ids, seeds = self._remove_documents(replaced_ids)
            new_events = [ev for _, evs in changed for ev in evs]
            self._insert(changed, fingerprints)
            conn.execute("DELETE FROM skipped_documents WHERE id " + _IN_IDS, [[d.id for d, _ in changed]])
            seeds.update(ev.event_id for ev in new_events)
            recluster(conn, seeds)
            conn.execute("COMMIT")
        except BaseException as exc:
            try:
                conn.execute("ROLLBACK")
            except duckdb.Error:
                pass  # the original failure is the one worth reporting
            if isinstance(exc, duckdb.Error):
                raise StoreError(
                    f"event database {self.path}: ingest failed and was undone: {_open_reason(exc)}"
                ) from exc
            raise
        new_ids = {ev.event_id for ev in new_events}
        return [
            len(changed) - len(replaced_ids),
            unchanged,
            len(new_ids - old_ids),
            len(replaced_ids),
            len(old_ids - new_ids),
        ]

    def _remove_documents(self, doc_ids: list[str]) -> tuple[set[str], set[str]]:
        """Delete documents and their events; return the removed event ids and the
        surviving members of the clusters they belonged to (those clusters may split)."""
        if not doc_ids:
            return set(), set()
        conn = self.conn
        old = conn.execute(
            "SELECT event_id, cluster_id FROM events WHERE doc_id " + _IN_IDS, [doc_ids]
        ).fetchall()
        old_ids = {eid for eid, _ in old}
        clusters = sorted({cid for _, cid in old if cid is not None})
        seeds = {
            r[0]
            for r in conn.execute(
                "SELECT event_id FROM events WHERE cluster_id " + _IN_IDS + " AND doc_id NOT " + _IN_IDS,
                [clusters, doc_ids],
            ).fetchall()
        }
        conn.execute("DELETE FROM actors WHERE event_id " + _IN_IDS, [sorted(old_ids)])
        conn.execute("DELETE FROM event_explain WHERE event_id " + _IN_IDS, [sorted(old_ids)])
        conn.execute("DELETE FROM events WHERE doc_id " + _IN_IDS, [doc_ids])
        conn.execute("DELETE FROM documents WHERE id " + _IN_IDS, [doc_ids])
        conn.execute(
            "DELETE FROM locations WHERE location_id NOT IN"
            " (SELECT location_id FROM events WHERE location_id IS NOT NULL)"
        )
        return old_ids, seeds

    def _insert(self, changed: list[tuple[Document, list[Event]]], fingerprints: dict[str, str]) -> None:
        docs, events, actors = [], [], []
        places: dict[str, tuple[Any, ...]] = {}
        traces: list[tuple[Any, ...]] = []
        for doc, evs in changed:
            docs.append(
                (doc.id, doc.title, doc.date, doc.url, doc.source, doc.origin, doc.text, fingerprints[doc.id])
            )
            for ev in evs:
                loc_id = None
                if ev.location is not None:
                    loc = ev.location
                    loc_id = location_id(loc)
                    places.setdefault(
                        loc_id,
                        (
                            loc_id,
                            loc.name,
                            loc.lat,
                            loc.lon,
                            loc.country,
                            loc.admin1,
                            loc.admin2,
                            loc.precision,
                            loc.geonameid,
                        ),
                    )
                events.append(_event_row(ev, loc_id))
                for role, group in (("actor", ev.actors), ("recipient", ev.recipients)):
                    for position, a in enumerate(group):
                        actors.append(
                            (ev.event_id, role, position, a.text, a.name, a.country, a.sector, a.start, a.end)
                        )
                explained = ev.extra.get("explain")
                if explained is not None:  # coded with explain on
                    traces.append(
                        (ev.event_id, json.dumps([d.to_dict() for d in explained], ensure_ascii=False))
                    )
        # Places already stored (by another document) keep their first description.
        types = self._column_types()
        _insert_rows(self.conn, "documents", _DOCUMENT_COLUMNS, docs, types)
        _insert_rows(
            self.conn, "locations", _LOCATION_COLUMNS, list(places.values()), types, ignore_existing=True
        )
        _insert_rows(self.conn, "events", _EVENT_COLUMNS, events, types)
        _insert_rows(self.conn, "actors", _ACTOR_COLUMNS, actors, types)
        _insert_rows(self.conn, "event_explain", ("event_id", "trace"), traces, types)

    def _column_types(self) -> dict[tuple[str, str], str]:
        """(table, column) -> SQL type, read once per open store (migrations run at open)."""
        if self._types is None:
            rows = self.conn.execute(
                "SELECT table_name, column_name, data_type FROM"
                " information_schema.columns WHERE table_schema = 'main'"
            ).fetchall()
            self._types = {(t, c): kind for t, c, kind in rows}
        return self._types

    # -- reading -----------------------------------------------------------------

    def query(self, q: EventQuery) -> list[dict[str, Any]]:
        """Events matching ``q`` as Event.to_dict()-shaped dicts plus ``cluster_id``; merged,
        one per cluster with its figures and report counts (flashpoint.store.merged)."""
        sql, params = q.to_sql()
        rows = self._run(lambda: self.conn.execute(sql, params).fetchall())
        ids = [r[0] for r in rows]
        people = self._run(lambda: actors_by_event(self.conn, ids))
        out = [
            row_to_event(r, people.get((r[0], "actor"), []), people.get((r[0], "recipient"), []))
            for r in rows
        ]
        if q.merged and out:
            self._run(lambda: merge_rows(self.conn, out))
        return out

    def query_events(self, **filters: Any) -> list[dict[str, Any]]:
        """Shortcut for ``query(EventQuery(**filters))``, ordered by date then event_id:
        the filters of ``flashpoint.store.filters.EventFilter`` plus limit, offset, merged."""
        return self.query(EventQuery(**filters))

    def counts(self) -> dict[str, int]:
        """Row counts of the data tables, plus the number of merged event clusters."""
        # Table names come from the fixed _TABLES tuple, never from the caller.
        out = {t: self._run(lambda t=t: count_of(self.conn, f"SELECT count(*) FROM {t}")) for t in _TABLES}
        out["clusters"] = self._run(
            lambda: count_of(self.conn, "SELECT count(DISTINCT cluster_id) FROM events")
        )
        return out

    def documents(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored documents (without their text), oldest ingest first, with event counts."""
        sql = (
            "SELECT d.id, d.title, d.date, d.url, d.source, d.origin, d.ingested_at,"
            " (SELECT count(*) FROM events e WHERE e.doc_id = d.id)"
            " FROM documents d ORDER BY d.ingested_at, d.id"
        )
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(int(limit), 0))
        rows = self._run(lambda: self.conn.execute(sql, params).fetchall())
        keys = ("id", "title", "date", "url", "source", "origin", "ingested_at", "events")
        out = [dict(zip(keys, r)) for r in rows]
        for d in out:
            d["date"] = d["date"].isoformat() if d["date"] else None
            d["ingested_at"] = d["ingested_at"].isoformat(timespec="seconds")
        return out


def _unique_events(doc: Document, events: Iterable[Event]) -> list[Event]:
    seen: dict[str, Event] = {}
    for ev in events:
        if ev.doc_id != doc.id:
            raise StoreError(
                f"event {ev.event_id} names document {ev.doc_id} but was given with document {doc.id}"
            )
        seen.setdefault(ev.event_id, ev)
    return list(seen.values())


def _batches(
    items: Iterable[tuple[Document, list[Event]]], size: int
) -> Iterator[list[tuple[Document, list[Event]]]]:
    """Groups of up to ``size`` with no document id twice, so a repeat sees the first stored."""
    batch: list[tuple[Document, list[Event]]] = []
    ids: set[str] = set()
    for doc, events in items:
        if len(batch) >= size or doc.id in ids:
            yield batch
            batch, ids = [], set()
        batch.append((doc, list(events)))
        ids.add(doc.id)
    if batch:
        yield batch


def _event_row(ev: Event, loc_id: str | None) -> tuple[Any, ...]:
    trig, loc = ev.trigger, ev.location
    return (
        ev.event_id,
        ev.doc_id,
        ev.type,
        ev.mode,
        ev.acled_event_type,
        ev.acled_sub_event_type,
        ev.date,
        ev.date_precision,
        ev.date_text,
        ev.fatalities,
        ev.injured,
        ev.arrested,
        ev.size,
        ev.confidence,
        ev.evidence.text,
        ev.evidence.start,
        ev.evidence.end,
        trig.text if trig else None,
        trig.start if trig else None,
        trig.end if trig else None,
        loc_id,
        ev.source,
        ev.url,
        loc.text if loc else None,
        loc.start if loc else None,
        loc.end if loc else None,
        date_floor(ev.date),
        is_day_date(ev.date, ev.date_precision),
        ev.event_id,
    )


def _insert_rows(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    types: dict[tuple[str, str], str],
    ignore_existing: bool = False,
) -> None:
    """Insert all rows in one statement: one typed list per column, zipped by unnest.

    Binding whole columns is about fifty times faster than executemany here.
    """
    if not rows:
        return
    verb = "INSERT OR IGNORE INTO" if ignore_existing else "INSERT INTO"
    values = ", ".join(f"unnest(?::{types[table, c]}[])" for c in columns)
    conn.execute(f"{verb} {table} ({', '.join(columns)}) SELECT {values}", [list(col) for col in zip(*rows)])
