"""Coding documents in worker processes, each running the whole pipeline.

spaCy's own ``nlp.pipe(n_process=N)`` parses in N processes but ships every parsed Doc
back to the parent, which then runs the other stages alone: on two cores that parent
was the bottleneck (about 0.7x of bare spaCy's two-process speed). Here each worker
parses with ``nlp.pipe`` in batches and runs every later stage too, and only the coded
events travel back, a small fraction of a Doc's size.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from .errors import RejectionFields, rejection_fields, rejection_from_fields
from .models import Document, Event
from .report import Progress, RunReport

# Chunks queued per worker: enough to keep every worker busy while the parent writes
# results, few enough that memory does not grow with the input.
CHUNKS_IN_FLIGHT_PER_WORKER = 3

_worker_pipeline: Any = None

Coded = list[tuple[Document, list[Event]]]


def _start_worker(
    make: Callable[..., Any], stages: tuple[str, ...], config: dict[str, dict[str, Any]]
) -> None:
    """``make`` is the parent's pipeline class, passed in so that this module, which the
    pipeline uses, does not import the pipeline back."""
    global _worker_pipeline
    if _worker_pipeline is None:  # spawned: nothing inherited, load everything here
        _worker_pipeline = make(stages, config)


def _code_chunk(
    documents: list[Document], batch_size: int, explain: bool = False
) -> tuple[Coded, list[RejectionFields], int]:
    report = RunReport()
    coded = list(_worker_pipeline.run(documents, report, batch_size=batch_size, explain=explain))
    rejected = [rejection_fields(e) for e in report.errors]
    return coded, rejected, report.words


def chunked(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of ``size`` documents (the last may be shorter)."""
    chunk: list[Document] = []
    for doc in documents:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def code_in_processes(
    pipeline: Any,
    documents: Iterable[Document],
    report: RunReport,
    workers: int,
    batch_size: int = 16,
    progress: Progress | None = None,
    explain: bool = False,
) -> Iterator[tuple[Document, list[Event]]]:
    """Yield (document, events) in input order, coded by ``workers`` processes; count
    every document and every rejection in ``report`` as a one-process run would."""
    global _worker_pipeline
    # fork where there is one, after one document has loaded every lazy resource (model,
    # gazetteer, lexicons): the workers inherit them instead of each spending seconds
    # loading them again
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "fork":
        pipeline.extract(Document(id="warm-up", text="Police detained two men in Pristina."))
        _worker_pipeline = pipeline
        # Out of the collector's reach, the inherited model and gazetteer stay shared
        # pages: a collection in a worker would otherwise write to every object it visits.
        gc.freeze()
    stages: Sequence[str] = pipeline.stage_names
    # Small chunks keep the workers even at the end of a run: the last chunk runs on
    # one core while the other waits, so it should take seconds, not tens of seconds.
    chunk_size = max(1, batch_size // 2)
    initargs = (type(pipeline), tuple(stages), pipeline.config)
    with context.Pool(workers, initializer=_start_worker, initargs=initargs) as pool:
        chunks = chunked(documents, chunk_size)
        pending: deque[Any] = deque()

        def submit() -> None:
            chunk = next(chunks, None)
            if chunk is not None:
                pending.append(pool.apply_async(_code_chunk, (chunk, batch_size, explain)))

        for _ in range(CHUNKS_IN_FLIGHT_PER_WORKER * workers):
            submit()
        while pending:
            coded, rejected, words = pending.popleft().get()
            submit()
            for fields in rejected:
                report.skip(rejection_from_fields(fields))
            report.words += words
            for document, events in coded:
                report.coded += 1
                report.events += len(events)
                if progress:
                    progress.tick()
                yield document, events
    if method == "fork":
        _worker_pipeline = None
        gc.unfreeze()
