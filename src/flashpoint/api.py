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
    yield from _code(read_documents(paths, report), report, progress, jobs)


def _code(documents: Iterable[Document], report: RunReport, progress: bool | None,
          jobs: int) -> Iterator[tuple[Document, list[Event]]]:
    show = sys.stderr.isatty() if progress is None else progress
    yield from default_pipeline().run(documents, report, progress=Progress(report, enabled=show),
                                      n_process=jobs)


def _not_yet_stored(documents: Iterable[Document], store: Any, chunk: int,
                    skipped: list[int]) -> Iterator[Document]:
    """Documents minus those ``store`` already holds unchanged; ``skipped[0]`` counts the rest."""
    pending: list[Document] = []
    for doc in documents:
        pending.append(doc)
        if len(pending) >= chunk:
            yield from _drop_stored(pending, store, skipped)
            pending = []
    yield from _drop_stored(pending, store, skipped)


def _drop_stored(documents: list[Document], store: Any, skipped: list[int]) -> list[Document]:
    done = store.stored_unchanged(documents)
    skipped[0] += sum(1 for d in documents if d.id in done)
    return [d for d in documents if d.id not in done]


def ingest(paths: Iterable[str], db: str = DEFAULT_DB, report: RunReport | None = None,
           progress: bool | None = None, jobs: int = 1, batch_size: int | None = None,
           recode: bool = False) -> tuple[Any, RunReport]:
    """Code the documents at ``paths`` and store them with their events in ``db``.

    Ingesting the same document again changes nothing. Documents already stored with the
    same text and metadata are skipped before parsing (unless ``recode``), so rerunning an
    interrupted ingest only parses what is missing. Every ``batch_size`` documents are
    committed together, each with all its events, so a crash loses at most one batch.
    For the counts: read = coded + skipped + result.documents_not_reparsed.
    """
    from dataclasses import replace

    from .io import read_documents
    from .store import EventStore
    from .store.eventstore import DEFAULT_BATCH_DOCS
    report = report or RunReport()
    size = DEFAULT_BATCH_DOCS if batch_size is None else batch_size
    if size < 1:
        raise UsageError(f"batch size must be at least 1, not {size}")
    not_reparsed = [0]
    with EventStore(db) as store:
        documents = read_documents(paths, report)
        if not recode:
            documents = _not_yet_stored(documents, store, size, not_reparsed)
        result = store.ingest(_code(documents, report, progress, jobs), batch_size=size)
    result = replace(result, documents_unchanged=result.documents_unchanged + not_reparsed[0],
                     documents_not_reparsed=not_reparsed[0])
    return result, report


def query_events(db: str = DEFAULT_DB, **filters: Any) -> list[dict[str, Any]]:
    """Stored events matching the filters (since, until, country, type, near, limit, merged)."""
    from .store import EventStore
    if not Path(db).exists():
        raise UsageError(f"no event database at {db}; create it with `flashpoint ingest PATH --db {db}`")
    with EventStore(db, read_only=True) as store:
        return store.query_events(**filters)
