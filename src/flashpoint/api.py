"""The library functions behind the public API and every CLI command."""
from __future__ import annotations

import sys
from datetime import date as Date
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import UsageError
from .models import Document, Event
from .report import Progress, RunReport

DEFAULT_DB = "flashpoint.duckdb"
_PIPELINE = None


def default_pipeline():
    """One shared Pipeline per process: spaCy and the lexicons load once."""
    global _PIPELINE
    if _PIPELINE is None:
        from .pipeline import Pipeline
        _PIPELINE = Pipeline()
    return _PIPELINE


def _as_date(value: str | Date | None) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value)[:10])
    except ValueError:
        raise UsageError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def extract(text: str, date: str | Date | None = None, doc_id: str | None = None,
            source: str | None = None) -> list[Event]:
    """Code the events in one article. ``date`` is its publication date, against which
    'on Friday' or 'last month' are resolved."""
    document = Document(id=doc_id or Document.make_id(text), text=text, date=_as_date(date),
                        source=source)
    return default_pipeline().extract(document)


def demo_corpus_path() -> str:
    return str(resources.files("flashpoint").joinpath("data", "demo", "kosovo-2023.jsonl"))


def extract_paths(paths: Iterable[str], report: RunReport, progress: bool | None = None,
                  jobs: int = 1) -> Iterator[tuple[Document, list[Event]]]:
    """Read every path (files, directories, '-' for stdin) and code each document,
    parsing in ``jobs`` processes."""
    from .io import read_documents
    show = sys.stderr.isatty() if progress is None else progress
    docs = read_documents(paths, report)
    yield from default_pipeline().run(docs, report, progress=Progress(report, enabled=show),
                                      n_process=jobs)


def ingest(paths: Iterable[str], db: str = DEFAULT_DB, report: RunReport | None = None,
           progress: bool | None = None, jobs: int = 1) -> tuple[Any, RunReport]:
    """Code the documents at ``paths`` and store them with their events in ``db``.
    Ingesting the same document again changes nothing."""
    from .store import EventStore
    report = report or RunReport()
    with EventStore(db) as store:
        result = store.ingest(extract_paths(paths, report, progress, jobs))
    return result, report


def query_events(db: str = DEFAULT_DB, **filters: Any) -> list[dict[str, Any]]:
    """Stored events matching the filters (since, until, country, type, near, limit, merged)."""
    from .store import EventStore
    if not Path(db).exists():
        raise UsageError(f"no event database at {db}; create it with `flashpoint ingest PATH --db {db}`")
    with EventStore(db, read_only=True) as store:
        return store.query_events(**filters)
