"""Dask lake ingest with 1 and with 2 workers on the same corpus.

Each run starts its own LocalCluster (as `flashpoint ingest --engine dask` does) and
loads the pipeline in every worker; that start-up is timed apart from coding, since a
long-lived cluster pays it once. The CPU seconds the worker processes used while coding
are read too: on a machine shared with other work, they show how many cores the
workers actually got.
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DaskTiming:
    workers: int
    documents: int
    events: int
    skipped: int
    start_seconds: float
    code_seconds: float
    wall_seconds: float
    cpu_seconds: float | None = None

    @property
    def docs_per_second(self) -> float:
        return self.documents / max(self.code_seconds, 1e-9)

    @property
    def cores_used(self) -> float | None:
        return None if self.cpu_seconds is None else self.cpu_seconds / max(self.code_seconds, 1e-9)


def _children_cpu() -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    total = 0.0
    for proc in psutil.Process().children(recursive=True):
        try:
            times = proc.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def bench_dask(corpus: Path, work: Path, workers: int, chunk_size: int = 32) -> DaskTiming:
    import distributed

    from ..scale import ingest_lake
    from ..scale.dask_ingest import warm_worker

    lake = work / f"lake-{workers}"
    shutil.rmtree(lake, ignore_errors=True)
    t0 = time.perf_counter()
    with distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        with distributed.Client(cluster) as client:
            client.run(warm_worker)
        start = time.perf_counter() - t0
        cpu0 = _children_cpu()
        t1 = time.perf_counter()
        result, report = ingest_lake(
            [str(corpus)], lake, scheduler=cluster.scheduler_address, chunk_size=chunk_size, progress=False
        )
        code = time.perf_counter() - t1
        cpu1 = _children_cpu()
    wall = time.perf_counter() - t0
    shutil.rmtree(lake, ignore_errors=True)
    cpu = None if cpu0 is None or cpu1 is None else cpu1 - cpu0
    return DaskTiming(workers, result.documents, result.events, report.skipped, start, code, wall, cpu)
