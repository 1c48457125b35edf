"""Extraction speed on a real corpus: docs/s and words/s, written to docs/performance.md."""
from __future__ import annotations

import os
import platform
import time
from datetime import date
from pathlib import Path

from ..errors import UsageError
from ..report import RunReport
from .docs import default_shared, replace_section, repo_root

DEFAULT_CORPUS = "data/hrdsattack/hrdsattack_dev.jsonl"


def run_benchmark(paths: list[str] | None = None, write_docs: bool = True,
                  shared: str | None = None, jobs: int = 1) -> str:
    """Time `extract` end to end (reading, spaCy, every stage, jsonl writing) after a
    warm-up document, so model loading is reported apart from throughput."""
    from ..api import default_pipeline, extract, extract_paths
    from ..io import write_events
    if not paths:
        corpus = Path(shared) if shared else default_shared()
        paths = [str(corpus / DEFAULT_CORPUS)]
    for p in paths:
        if not Path(p).exists():
            raise UsageError(f"no such file to benchmark: {p}")
    t0 = time.perf_counter()
    default_pipeline()
    extract("Police arrested two protesters in Pristina on Monday.", date="2023-05-29")
    load_s = time.perf_counter() - t0
    report = RunReport()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        write_events((e for _, evs in extract_paths(paths, report, progress=False, jobs=jobs) for e in evs),
                     "jsonl", out=sink)
    docs_s, words_s = report.rates()
    line = (f"{report.coded} docs, {report.words:,} words, {report.events} events in "
            f"{report.seconds:.1f} s: {docs_s:.1f} docs/s, {words_s:,.0f} words/s "
            f"(start-up {load_s:.1f} s)")
    if write_docs:
        body = (f"## Extraction speed, {jobs} parsing process(es)\n\nMeasured {date.today().isoformat()} with `flashpoint bench` on "
                f"{', '.join(Path(p).name for p in paths)}; {os.cpu_count()} cores, Python "
                f"{platform.python_version()}, {jobs} parsing process(es).\n\n    {line}\n\n"
                "Throughput counts reading, parsing with spaCy, every pipeline stage and jsonl "
                "output; start-up (loading spaCy and the gazetteer, coding one warm-up sentence) "
                "is reported apart.\n")
        replace_section(repo_root() / "docs" / "performance.md", f"bench-j{jobs}", body, "Performance")
    return line
