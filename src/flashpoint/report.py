"""Run accounting: what was read, coded and skipped, and why.

Nothing is lost silently: every skipped record leaves an error here, and the CLI
prints the counts and the messages at the end of a run.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

from .errors import BudgetExceeded, FlashpointError


@dataclass
class RunReport:
    read: int = 0
    coded: int = 0
    skipped: int = 0
    over_budget: int = 0       # of the skipped, those over their time or memory budget
    events: int = 0
    words: int = 0
    errors: list[FlashpointError] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def skip(self, error: FlashpointError) -> None:
        self.skipped += 1
        self.over_budget += isinstance(error, BudgetExceeded)
        self.errors.append(error)

    @property
    def seconds(self) -> float:
        return max(time.perf_counter() - self.started, 1e-9)

    def rates(self) -> tuple[float, float]:
        """Documents and words per second since the run started."""
        return self.coded / self.seconds, self.words / self.seconds

    def summary(self) -> str:
        docs_s, words_s = self.rates()
        budget = f" ({self.over_budget} over budget)" if self.over_budget else ""
        return (f"read {self.read}, coded {self.coded}, skipped {self.skipped}{budget}, "
                f"events {self.events} in {self.seconds:.1f}s "
                f"({docs_s:.1f} docs/s, {words_s:,.0f} words/s)")

    def print_errors(self, stream: TextIO | None = None, limit: int = 50) -> None:
        stream = stream or sys.stderr
        for err in self.errors[:limit]:
            print(f"error: {err}", file=stream)
        if len(self.errors) > limit:
            print(f"error: … and {len(self.errors) - limit} more", file=stream)


class Progress:
    """Prints docs/s to stderr every ``every`` seconds during long runs."""

    def __init__(self, report: RunReport, stream: TextIO | None = None, every: float = 2.0,
                 enabled: bool = True):
        self.report = report
        self.stream = stream or sys.stderr
        self.every = every
        self.enabled = enabled
        self._last = time.perf_counter()

    def tick(self) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._last >= self.every:
            self._last = now
            docs_s, _ = self.report.rates()
            print(f"… {self.report.coded} docs coded, {self.report.events} events, "
                  f"{docs_s:.1f} docs/s", file=self.stream, flush=True)
