"""Code articles on a Dask cluster into the Parquet lake.

The client reads the input as a stream, cuts it into chunks and keeps only a few
chunks in flight; each worker process loads the pipeline once (the process-wide
``default_pipeline``) and writes its chunk's Parquet files itself, so nothing but
counts and error messages travels back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RecordRejected, RejectionFields, UsageError, rejection_fields, rejection_from_fields
from ..models import Document
from ..report import Progress, RunReport
from ..workers import chunked
from .lake import chunk_id, write_chunk

DEFAULT_CHUNK = 32
# Chunks queued per worker: enough that no worker waits for the next one, few
# enough that the client's memory stays flat however long the input is.
_IN_FLIGHT_PER_WORKER = 3


@dataclass(frozen=True)
class ChunkResult:
    """What one chunk produced; small, so it is cheap to send back to the client."""

    documents: int
    coded: int
    events: int
    words: int
    files: int
    errors: tuple[RejectionFields, ...] = ()


@dataclass
class LakeResult:
    """Totals of one lake ingest."""

    lake: str
    workers: int
    chunks: int = 0
    documents: int = 0
    events: int = 0
    files: int = 0
    failed_chunks: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        return (
            f"{self.documents} documents, {self.events} events in {self.files} Parquet "
            f"files ({self.chunks} chunks on {self.workers} Dask worker(s))"
        )


def _require_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise UsageError(
            "--engine dask needs the optional Dask packages: pip install 'flashpoint[dask]'"
        ) from exc
    return distributed


def warm_worker() -> bool:
    """Load the pipeline in this worker process before the first chunk arrives."""
    from ..facade import default_pipeline

    default_pipeline()
    return True


def code_chunk(documents: list[Document], lake: str) -> ChunkResult:
    """Code one chunk with this process's pipeline and write its Parquet files."""
    from ..facade import default_pipeline

    report = RunReport()
    coded: list[Document] = []
    events = []
    for doc, evs in default_pipeline().run(documents, report):
        coded.append(doc)
        events.extend(evs)
    files = write_chunk(lake, chunk_id(documents), coded, events)
    errors = tuple(rejection_fields(e) for e in report.errors)
    return ChunkResult(len(documents), report.coded, report.events, report.words, files, errors)


def _merge(result: LakeResult, report: RunReport, chunk: ChunkResult) -> None:
    result.chunks += 1
    result.documents += chunk.coded
    result.events += chunk.events
    result.files += chunk.files
    report.coded += chunk.coded
    report.events += chunk.events
    report.words += chunk.words
    for fields in chunk.errors:
        report.skip(rejection_from_fields(fields))


def _fail_chunk(result: LakeResult, report: RunReport, docs: list[Document], exc: BaseException) -> None:
    result.failed_chunks += 1
    reason = f"the Dask task coding it failed: {type(exc).__name__}: {exc}"
    for doc in docs:
        report.skip(RecordRejected(reason, doc.id, doc.origin, doc.line))


def open_client(scheduler: str | None, workers: int) -> Any:
    """A client of the cluster at ``scheduler``, or of a new local cluster with
    ``workers`` single-threaded processes (spaCy holds the GIL, so threads would not help)."""
    distributed = _require_distributed()
    if scheduler:
        try:
            return distributed.Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    cluster = distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return distributed.Client(cluster)


def _close(client: Any, own_cluster: bool) -> None:
    cluster = client.cluster if own_cluster else None
    client.close()
    if cluster is not None:
        cluster.close()


def ingest_lake(
    paths: Iterable[str],
    lake: str | Path,
    workers: int = 2,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    report: RunReport | None = None,
    progress: bool | None = None,
) -> tuple[LakeResult, RunReport]:
    """Code the documents at ``paths`` on Dask and write them to the lake at ``lake``.
    Bad records are counted in the returned RunReport, as ``flashpoint ingest`` does."""
    import sys
    import time

    from ..io import read_documents

    distributed = _require_distributed()
    if chunk_size < 1:
        raise UsageError(f"chunk size must be at least 1, not {chunk_size}")
    report = report or RunReport()
    root = Path(lake)
    if root.exists() and not root.is_dir():
        raise UsageError(f"the lake {lake} is a file, not a folder")
    root.mkdir(parents=True, exist_ok=True)
    ticker = Progress(report, enabled=sys.stderr.isatty() if progress is None else progress)
    t0 = time.perf_counter()
    client = open_client(scheduler, workers)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        result = LakeResult(lake=str(root), workers=n_workers)
        client.run(warm_worker)
        result.timings["start"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        pending = distributed.as_completed()
        in_flight: dict[str, list[Document]] = {}

        def settle(future: Any) -> None:
            docs = in_flight.pop(future.key)
            try:
                _merge(result, report, future.result())
            except Exception as exc:  # a worker crash or a bug: count the chunk, go on
                _fail_chunk(result, report, docs, exc)
            future.release()
            ticker.tick()

        for chunk in chunked(read_documents(paths, report), chunk_size):
            future = client.submit(code_chunk, chunk, str(root.resolve()), pure=False)
            in_flight[future.key] = chunk
            pending.add(future)
            while pending.count() >= _IN_FLIGHT_PER_WORKER * n_workers:
                settle(next(pending))
        for future in pending:
            settle(future)
        result.timings["code"] = time.perf_counter() - t1
    finally:
        ticker.close()
        _close(client, own_cluster=not scheduler)
    return result, report
