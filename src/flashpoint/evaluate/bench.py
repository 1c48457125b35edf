"""`flashpoint bench`: throughput against bare spaCy, peak memory, Dask speed-up,
query latency and the explain trace's cost, measured in one run and written to docs/performance.md."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .bench_process import Measured, flashpoint_command, run_measured

PARTS = ("speed", "memory", "dask", "query", "shapes", "explain")


@dataclass
class BenchOptions:
    """Sizes of each measurement; the defaults finish in roughly a quarter of an hour
    on a 2-core machine, ``quick()`` in about two minutes."""

    shared: Path
    # 300 articles (about 290,000 words): long enough that start-up weighs on the
    # figure about as little as it does on a stream (100 gave 0.74x, 300 gave 1.09x)
    articles: int = 300
    # Each configuration runs this many times, alternated, and its fastest run counts:
    # on this shared VM one process in a row can run 30% slower than the next, and the
    # minimum is the run least disturbed by other programs.
    speed_rounds: int = 2
    memory_sizes: tuple[int, ...] = (1000, 10000)
    dask_docs: int = 2000
    dask_chunk: int = 32
    query_events: int = 1_000_000
    query_runs: int = 7
    # one-line documents of these sizes; a list of names and a table of shape_big
    shape_sizes: tuple[int, ...] = (20_000, 80_000, 1_000_000)
    shape_big: int = 1_000_000
    # articles coded in-process with the explain trace off and on (rounds: speed_rounds + 1)
    explain_articles: int = 60
    parts: tuple[str, ...] = PARTS
    docs: Path | None = None  # the folder whose performance.md takes the figures
    work_dir: Path | None = None
    command: str = "flashpoint bench"
    say: Callable[[str], None] = field(default=lambda m: print(m, file=sys.stderr, flush=True))

    @classmethod
    def quick(cls, shared: Path, **overrides: Any) -> BenchOptions:
        sizes = dict(
            articles=10,
            speed_rounds=1,
            memory_sizes=(100, 1000),
            dask_docs=200,
            query_events=100_000,
            query_runs=3,
            shape_sizes=(20_000,),
            shape_big=80_000,
            explain_articles=5,
        )
        sizes.update(overrides)
        return cls(shared=shared, **sizes)


@dataclass
class Run:
    """One timed process: what it was, how many documents and words, how long."""

    label: str
    docs: int
    words: int
    seconds: float
    peak_mib: float
    processes: int = 1
    default: bool = False  # run as a user would, with no --workers option

    @property
    def docs_per_second(self) -> float:
        return self.docs / max(self.seconds, 1e-9)

    @property
    def words_per_second(self) -> float:
        return self.words / max(self.seconds, 1e-9)


@dataclass
class BenchResults:
    corpus_words: dict[str, int] = field(default_factory=dict)
    distinct: dict[str, int] = field(default_factory=dict)
    spacy: list[Run] = field(default_factory=list)
    flashpoint: list[Run] = field(default_factory=list)
    memory: list[Run] = field(default_factory=list)
    dask: list[Any] = field(default_factory=list)
    query: Any = None
    shapes: list[Any] = field(default_factory=list)
    explain: list[Any] = field(default_factory=list)


def _extract(corpus: Path, workers: int | None) -> Measured:
    """`flashpoint extract` on ``corpus``; ``workers`` None runs it as a user would,
    with no --workers option (every core for a large input)."""
    flags = [] if workers is None else ["--workers", str(workers)]
    return run_measured(
        flashpoint_command("extract", str(corpus), *flags, "--output", os.devnull, "--quiet", "--no-progress")
    )


def measure_speed(opts: BenchOptions, work: Path, res: BenchResults) -> None:
    from .bench_corpus import write_corpus

    corpus, distinct, words = write_corpus("articles", opts.articles, opts.shared, work)
    res.corpus_words["articles"], res.distinct["articles"] = words, distinct
    # Alternated, so a change in the machine's other load falls on both sides alike.
    for r in range(1, opts.speed_rounds + 1):
        tag = f" (round {r})" if opts.speed_rounds > 1 else ""
        for n in (1, 2):
            opts.say(f"bench: bare spaCy, n_process={n}, {opts.articles} articles{tag} …")
            m = run_measured([sys.executable, "-m", "flashpoint.evaluate.bench_spacy", str(corpus), str(n)])
            counts = json.loads(m.stdout.strip().splitlines()[-1])
            res.spacy.append(
                Run(f"spaCy n_process={n}{tag}", counts["docs"], counts["words"], m.seconds, m.peak_mib, n)
            )
            opts.say(f"bench:   {m.seconds:.1f} s")
            opts.say(f"bench: flashpoint extract --workers {n}, {opts.articles} articles{tag} …")
            m = _extract(corpus, n)
            res.flashpoint.append(
                Run(f"flashpoint --workers {n}{tag}", opts.articles, words, m.seconds, m.peak_mib, n)
            )
            opts.say(f"bench:   {m.seconds:.1f} s")
        opts.say(f"bench: flashpoint extract (default: no --workers), {opts.articles} articles{tag} …")
        m = _extract(corpus, None)
        cores = os.cpu_count() or 1
        res.flashpoint.append(
            Run(
                f"flashpoint, default workers{tag}",
                opts.articles,
                words,
                m.seconds,
                m.peak_mib,
                cores,
                default=True,
            )
        )
        opts.say(f"bench:   {m.seconds:.1f} s")


def measure_memory(opts: BenchOptions, work: Path, res: BenchResults) -> None:
    from .bench_corpus import write_corpus

    for n in opts.memory_sizes:
        corpus, distinct, words = write_corpus("short", n, opts.shared, work)
        res.distinct[f"short-{n}"] = distinct
        opts.say(f"bench: peak memory of flashpoint extract on {n:,} short documents …")
        m = _extract(corpus, 1)
        res.memory.append(Run(f"{n} short docs", n, words, m.seconds, m.peak_mib))
        opts.say(f"bench:   {m.peak_mib:.0f} MiB, {m.seconds:.1f} s")
        corpus.unlink()


def measure_dask(opts: BenchOptions, work: Path, res: BenchResults) -> None:
    from .bench_corpus import write_corpus
    from .bench_dask import bench_dask

    corpus, distinct, words = write_corpus("short", opts.dask_docs, opts.shared, work)
    res.distinct["dask"], res.corpus_words["dask"] = distinct, words
    for n in (1, 2):
        opts.say(f"bench: Dask lake ingest, {n} worker(s), {opts.dask_docs:,} short documents …")
        t = bench_dask(corpus, work, n, opts.dask_chunk)
        res.dask.append(t)
        opts.say(f"bench:   start {t.start_seconds:.1f} s, coding {t.code_seconds:.1f} s")


def measure_query(opts: BenchOptions, work: Path, res: BenchResults) -> None:
    from .bench_query import bench_query

    opts.say(f"bench: query latency over {opts.query_events:,} synthetic events …")
    res.query = bench_query(work, opts.query_events, opts.query_runs)
    opts.say(f"bench:   median {res.query.median_ms:.0f} ms")


def measure_shapes(opts: BenchOptions, work: Path, res: BenchResults) -> None:
    from .bench_shapes import bench_shapes

    res.shapes = bench_shapes(opts.shared, work, opts.shape_sizes, opts.shape_big, opts.say)


def measure_explain(opts: BenchOptions, work: Path, res: BenchResults) -> None:
    from .bench_explain import bench_explain

    res.explain = bench_explain(opts.shared, opts.explain_articles, opts.speed_rounds + 1, opts.say)


_MEASURES = {
    "speed": measure_speed,
    "memory": measure_memory,
    "dask": measure_dask,
    "query": measure_query,
    "shapes": measure_shapes,
    "explain": measure_explain,
}


def run_benchmark(opts: BenchOptions) -> tuple[BenchResults, str]:
    """Take every measurement in ``opts.parts``; write performance.md in ``opts.docs``
    when one is given.
    Returns the results and a plain-text summary."""
    from .bench_report import summary, write_performance_doc

    unknown = set(opts.parts) - set(PARTS)
    if unknown:
        raise UsageError(
            f"unknown benchmark part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}"
        )
    res = BenchResults()
    with tempfile.TemporaryDirectory(prefix="flashpoint-bench-", dir=opts.work_dir) as tmp:
        for part in PARTS:
            if part in opts.parts:
                _MEASURES[part](opts, Path(tmp), res)
    if opts.docs is not None:
        write_performance_doc(opts, res, opts.docs / "performance.md")
    return res, summary(opts, res)


def bench_options(args: Any, command: str) -> BenchOptions:
    """BenchOptions from the `flashpoint bench` command line."""
    from .docs import default_shared

    shared = Path(args.shared) if args.shared else default_shared()
    sizes: dict[str, Any] = {}
    if args.articles is not None:
        sizes["articles"] = args.articles
    if args.rounds is not None:
        sizes["speed_rounds"] = args.rounds
    if args.memory_docs:
        try:
            sizes["memory_sizes"] = tuple(int(v) for v in args.memory_docs.split(","))
        except ValueError:
            raise UsageError(f"--memory-docs takes N,M (e.g. 1000,10000), not {args.memory_docs!r}") from None
    if args.dask_docs is not None:
        sizes["dask_docs"] = args.dask_docs
    if args.query_events is not None:
        sizes["query_events"] = args.query_events
    for name, value in sizes.items():
        if any(v < 1 for v in (value if isinstance(value, tuple) else (value,))):
            raise UsageError(f"benchmark size {name} must be at least 1")
    sizes["parts"] = tuple(p.strip() for p in args.only.split(",")) if args.only else PARTS
    sizes["docs"] = Path(args.docs) if args.docs else None
    sizes["command"] = command
    if args.quick:
        return BenchOptions.quick(shared, **sizes)
    return BenchOptions(shared=shared, **sizes)
