"""The library functions behind the public API and every CLI command."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date as Date
from importlib import resources
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .models import Document, Event
from .report import Progress, RunReport

if TYPE_CHECKING:  # spaCy and the pipeline load only when a document is first coded
    from .pipeline import Pipeline

DEFAULT_DB = "flashpoint.duckdb"
_PIPELINES: dict[str | None, Pipeline] = {}


def pipeline_for(model: str | None = None) -> Pipeline:
    """One shared Pipeline per process and event model: None for the shipped one,
    'rules' for the parse-based rules alone, else a model from `flashpoint train`.
    spaCy, the lexicons and the model load once."""
    if model not in _PIPELINES:
        from .classify.locations import RULES
        from .pipeline import RULES_ONLY, Pipeline

        if model == RULES:
            _PIPELINES[model] = Pipeline(RULES_ONLY)
        else:
            _PIPELINES[model] = Pipeline(config={"classify": {"model": model}} if model else None)
    return _PIPELINES[model]


def default_pipeline() -> Pipeline:
    """The shared Pipeline with the shipped event model."""
    return pipeline_for(None)


def _as_date(value: str | Date | None) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value)[:10])
    except ValueError:
        raise UsageError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def extract(
    text: str,
    date: str | Date | None = None,
    doc_id: str | None = None,
    source: str | None = None,
    model: str | None = None,
    explain: bool = False,
) -> list[Event]:
    """Code the events in one article. ``date`` is its publication date, against which
    'on Friday' or 'last month' are resolved; ``model`` names a model trained with
    `flashpoint train` (None: the shipped one). With ``explain`` each event carries the
    trace of what decided its fields in ``event.extra["explain"]`` (flashpoint.trace)."""
    document = Document(id=doc_id or Document.make_id(text), text=text, date=_as_date(date), source=source)
    return pipeline_for(model).extract(document, explain)


def demo_corpus_path() -> str:
    return str(resources.files("flashpoint").joinpath("data", "demo", "kosovo-2023.jsonl"))


def extract_paths(
    paths: Iterable[str],
    report: RunReport,
    progress: bool | None = None,
    jobs: int | None = None,
    model: str | None = None,
    explain: bool = False,
) -> Iterator[tuple[Document, list[Event]]]:
    """Read every path (files, directories, '-' for stdin) and code each document,
    parsing in ``jobs`` processes (None: every core for a large input) with event model
    ``model``; ``explain`` as in ``extract``."""
    from .io import read_documents

    paths = [paths] if isinstance(paths, str) else list(paths)
    yield from _code(
        read_documents(paths, report), report, _progress(paths, report, progress), jobs, model, explain
    )


# With no --workers given, an input of more documents than this is coded on every core;
# below it, starting worker processes costs more than it saves.
MANY_DOCUMENTS = 32


def workers_for(documents: Iterable[Document], jobs: int | None) -> tuple[Iterator[Document], int]:
    """The documents (unchanged) and how many processes should code them: ``jobs`` when
    given, else every core once the input holds more than MANY_DOCUMENTS."""
    it = iter(documents)
    if jobs is not None:
        return it, max(1, jobs)
    head = list(islice(it, MANY_DOCUMENTS + 1))
    cores = os.cpu_count() or 1
    return chain(head, it), (cores if len(head) > MANY_DOCUMENTS else 1)


def _progress(paths: list[str], report: RunReport, progress: bool | None, done: Any = None) -> Progress:
    """A progress bar, shown when asked or (``progress`` None) when stderr is a terminal;
    its total is counted from the inputs only then."""
    from .io.inventory import count_documents

    show = sys.stderr.isatty() if progress is None else progress
    return Progress(report, enabled=show, total=count_documents(paths) if show else None, done=done)


def _code(
    documents: Iterable[Document],
    report: RunReport,
    progress: Progress,
    jobs: int | None,
    model: str | None = None,
    explain: bool = False,
) -> Iterator[tuple[Document, list[Event]]]:
    docs, n_process = workers_for(documents, jobs)
    try:
        yield from pipeline_for(model).run(
            docs, report, progress=progress, n_process=n_process, explain=explain
        )
    finally:
        progress.close()


def _screened(
    documents: Iterable[Document],
    store: Any,
    chunk: int,
    recode: bool,
    report: RunReport,
    not_reparsed: list[int],
) -> Iterator[Document]:
    """The documents to code and store, checked against ``store`` ``chunk`` at a time."""
    pending: list[Document] = []
    for doc in documents:
        pending.append(doc)
        if len(pending) >= chunk:
            yield from _screen(pending, store, recode, report, not_reparsed)
            pending = []
    yield from _screen(pending, store, recode, report, not_reparsed)


def _screen(
    documents: list[Document], store: Any, recode: bool, report: RunReport, not_reparsed: list[int]
) -> list[Document]:
    """Drop those stored unchanged (unless ``recode``; ``not_reparsed[0]`` counts them) and
    refuse those that would replace a document stored from another source: a stored
    document is replaced only when its own source changed, or with ``recode``."""
    from .errors import InputError

    stored = store.stored_sources(documents)
    keep = []
    for doc in documents:
        unchanged, origin = stored.get(doc.id, (False, doc.origin))
        if unchanged and not recode:
            not_reparsed[0] += 1
        elif unchanged or recode or _same_source(origin, doc.origin):
            keep.append(doc)
        else:
            report.skip(
                InputError(
                    f"document id {doc.id!r} is already stored from {origin or 'another source'} "
                    "with other content; not replaced (give --recode to replace it)",
                    doc.origin,
                    doc.line,
                    kind="id already stored from another source",
                )
            )
    return keep


def _same_source(stored: str | None, origin: str | None) -> bool:
    # "./a/x.txt" and "a/x.txt" name one file; a path given from another folder does not
    # match, and then --recode says that the replacement is meant.
    return (
        stored is not None and origin is not None and (os.path.normpath(stored) == os.path.normpath(origin))
    )


def ingest(
    paths: Iterable[str],
    db: str = DEFAULT_DB,
    report: RunReport | None = None,
    progress: bool | None = None,
    jobs: int | None = None,
    batch_size: int | None = None,
    recode: bool = False,
    model: str | None = None,
    explain: bool = False,
) -> tuple[Any, RunReport]:
    """Code the documents at ``paths`` and store them with their events in ``db``.

    Ingesting the same document again changes nothing. Documents already stored with the
    same text and metadata are skipped before parsing (unless ``recode``), so rerunning an
    interrupted ingest only parses what is missing. A stored document is replaced only when
    it comes again from the same source path with new content, or with ``recode``; one
    with the same id from another source is refused (an error in ``report``). Every ``batch_size`` documents are
    committed together, each with all its events, so a crash loses at most one batch.
    For the counts: read = coded + skipped + result.documents_not_reparsed.
    With ``explain`` the events coded are stored with their trace (flashpoint.trace), which
    the event page shows; a document already stored unchanged is not coded again unless
    ``recode``.
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
    paths = [paths] if isinstance(paths, str) else list(paths)
    bar = _progress(paths, report, progress, done=lambda: report.coded + report.skipped + not_reparsed[0])
    with EventStore(db) as store:
        documents = _screened(read_documents(paths, report), store, size, recode, report, not_reparsed)
        result = store.ingest(_code(documents, report, bar, jobs, model, explain), batch_size=size)
        store.record_skipped(report.errors)
    result = replace(
        result,
        documents_unchanged=result.documents_unchanged + not_reparsed[0],
        documents_not_reparsed=not_reparsed[0],
    )
    return result, report


def query_events(db: str = DEFAULT_DB, **filters: Any) -> list[dict[str, Any]]:
    """Stored events matching the filters: those of ``flashpoint.store.filters.EventFilter``
    (since, until, country, type, acled_type, acled_sub_type, actor, admin1, admin2, place,
    min_fatalities, q, near) plus limit, offset and merged."""
    from .store.snapshot import open_for_reading

    if not Path(db).exists():
        raise UsageError(f"no event database at {db}; create it with `flashpoint ingest PATH --db {db}`")
    with open_for_reading(db) as store:  # a snapshot while `flashpoint serve` holds the file
        return store.query_events(**filters)


def train_model(
    paths: Iterable[str],
    name: str,
    report: RunReport | None = None,
    seed: int = 0,
    step: Any = None,
    encoder: bool = False,
) -> tuple[dict[str, dict[str, float]], int, Path]:
    """Train an event model called ``name`` from a coder's own labelled examples (an
    ACLED-shaped export or the project's corpus format) into the user's data directory.
    With ``encoder`` the model also reads each sentence with a contextual encoder
    (classify.encoder): more accurate, about ten times slower to train and to code with.

    Returns held-out scores on a fifth of the examples, the number of examples, and
    the model's folder; ``extract``, ``ingest`` and ``serve`` use it with ``--model NAME``."""
    from .classify.locations import user_model_dir
    from .classify.training import train_and_save

    folder = user_model_dir(name)
    figures, n = train_and_save(
        paths, folder, report or RunReport(), seed=seed, step=step, info={"name": name}, encoder=encoder
    )
    from .classify.locations import load_model

    load_model.cache_clear()
    return figures, n, folder
