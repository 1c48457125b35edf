"""`flashpoint bench --only explain`: what the explain trace costs (issue 19 point 4).

The same articles are coded in this process with explain off and on, alternated, after
the pipeline has loaded, so that start-up does not hide the stages' own cost. CPU
seconds (``time.process_time``) count, not wall time: other programs on a shared machine
stretch wall time unevenly. The fastest round of each setting counts."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..models import Document
from ..report import RunReport
from .bench_corpus import hrds_articles


@dataclass(frozen=True)
class ExplainTiming:
    """The fastest round of one setting."""

    explain: bool
    docs: int
    words: int
    events: int
    cpu_seconds: float
    trace_entries: int

    @property
    def words_per_cpu_second(self) -> float:
        return self.words / max(self.cpu_seconds, 1e-9)


def bench_explain(
    shared: Path, articles: int, rounds: int, say: Callable[[str], None]
) -> list[ExplainTiming]:
    """Explain off, then on: the fastest of ``rounds`` alternated rounds of each. With no
    HRDsAttack articles under ``shared``, a UsageError says where they were looked for."""
    from ..facade import default_pipeline

    docs = [
        Document(id=f"x{i}", text=a["text"] or "") for i, a in enumerate(hrds_articles(shared)[:articles])
    ]
    words = sum(len(d.text.split()) for d in docs)
    pipeline = default_pipeline()
    pipeline.run(docs[:3], RunReport(), n_process=1)  # load the models and tables first
    best: dict[bool, ExplainTiming] = {}
    for r in range(rounds):
        for explain in (False, True):
            say(f"bench: explain {'on' if explain else 'off'}, {len(docs)} articles (round {r + 1})")
            start = time.process_time()
            coded = [evs for _, evs in pipeline.run(docs, RunReport(), n_process=1, explain=explain)]
            seconds = time.process_time() - start
            timing = ExplainTiming(
                explain,
                len(docs),
                words,
                sum(len(evs) for evs in coded),
                seconds,
                sum(len(e.extra.get("explain") or ()) for evs in coded for e in evs),
            )
            if explain not in best or seconds < best[explain].cpu_seconds:
                best[explain] = timing
    return [best[False], best[True]]


def explain_cost(timings: list[ExplainTiming]) -> float | None:
    """CPU time with the trace on against off, minus one (0.04 = 4% more)."""
    if len(timings) != 2:
        return None
    off, on = timings
    return on.cpu_seconds / max(off.cpu_seconds, 1e-9) - 1.0
