"""What one document may cost: the bounds of data/budget.yaml, and the clock and memory
gauge that skip a document still overrunning them (issue 20 point 1)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from functools import lru_cache

from .errors import BudgetExceeded
from .settings import settings_file


@dataclass(frozen=True)
class Limits:
    """data/budget.yaml, every field a positive number."""

    sentence_max_tokens: int
    parse_chunk_chars: int
    actor_tokens_before_head: int
    actor_tokens_after_head: int
    actors_per_side: int
    places_per_event: int
    numbers_per_sentence: int
    evidence_max_chars: int
    seconds_base: float
    seconds_per_kb: float
    memory_mb: float


@lru_cache(maxsize=1)
def limits() -> Limits:
    data = settings_file("budget.yaml")

    def count(key: str) -> int:
        return data.integer(key, minimum=1)

    def amount(key: str) -> float:
        return data.number(key, above=0)

    return Limits(
        # a sentence cut needs room for a comma search and at least a few words
        sentence_max_tokens=data.integer("sentence.max_tokens", minimum=8),
        parse_chunk_chars=count("parse.chunk_chars"),
        actor_tokens_before_head=count("walks.actor_tokens_before_head"),
        actor_tokens_after_head=count("walks.actor_tokens_after_head"),
        actors_per_side=count("walks.actors_per_side"),
        places_per_event=count("walks.places_per_event"),
        numbers_per_sentence=count("walks.numbers_per_sentence"),
        evidence_max_chars=count("spans.evidence_max_chars"),
        seconds_base=amount("document.seconds_base"),
        seconds_per_kb=amount("document.seconds_per_kb"),
        memory_mb=amount("document.memory_mb"),
    )


def resident_mb() -> float | None:
    """The process's resident memory now (Linux /proc), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


class DocumentBudget:
    """Started when a document's coding starts; ``check(step)`` between steps raises
    BudgetExceeded once the document has used more time or memory than it may."""

    def __init__(
        self,
        chars: int,
        doc_id: str | None = None,
        origin: str | None = None,
        line: int | None = None,
        bounds: Limits | None = None,
    ):
        bounds = bounds or limits()
        self.seconds = bounds.seconds_base + bounds.seconds_per_kb * chars / 1000
        self.memory_mb = bounds.memory_mb
        self.chars = chars
        self.where = (doc_id, origin, line)
        self.started = time.perf_counter()
        self.memory_at_start = resident_mb()

    def check(self, step: str) -> None:
        spent = time.perf_counter() - self.started
        if spent > self.seconds:
            raise BudgetExceeded(
                f"skipped: over the time budget after {step} ({spent:.1f} s, limit "
                f"{self.seconds:.0f} s for {self.chars:,} characters; data/budget.yaml)",
                *self.where,
            )
        now = resident_mb()
        if now is not None and self.memory_at_start is not None:
            grown = now - self.memory_at_start
            if grown > self.memory_mb:
                raise BudgetExceeded(
                    f"skipped: over the memory budget after {step} (grew {grown:,.0f} MB, "
                    f"limit {self.memory_mb:,.0f} MB; data/budget.yaml)",
                    *self.where,
                )
