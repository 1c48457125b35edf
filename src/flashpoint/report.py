"""Run accounting: what was read, coded and skipped, and why.

Nothing is lost silently: every skipped record leaves an error here, and the CLI
prints the counts and the messages at the end of a run.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from .errors import BudgetExceeded, FlashpointError


@dataclass
class RunReport:
    read: int = 0
    coded: int = 0
    skipped: int = 0
    over_budget: int = 0  # of the skipped, those over their time or memory budget
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
        """The run in one sentence, with the skipped records counted by reason."""
        docs_s, words_s = self.rates()
        text = (
            f"Read {_plural(self.read, 'document')} in {self.seconds:.1f} s: coded "
            f"{self.coded} with {_plural(self.events, 'event')} ({docs_s:.1f} docs/s, "
            f"{words_s:,.0f} words/s), skipped {self.skipped}"
        )
        if self.skipped:
            text += f" ({self.skip_reasons()})"
        return text + "."

    def skip_reasons(self) -> str:
        """'3 malformed JSON, 1 too large': skipped records grouped by kind, most first."""
        kinds = Counter(reason_kind(err) for err in self.errors)
        return ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())

    def print_errors(self, stream: TextIO | None = None, limit: int = 50) -> None:
        stream = stream or sys.stderr
        for err in self.errors[:limit]:
            print(f"error: {err}", file=stream)
        if len(self.errors) > limit:
            print(f"error: … and {len(self.errors) - limit} more", file=stream)


def reason_kind(error: FlashpointError) -> str:
    """A short name of what went wrong, for counting: the error's ``kind`` when it has one,
    else its message up to the first detail, with numbers left out."""
    kind: str | None = getattr(error, "kind", None)
    if kind:
        return kind
    reason = str(getattr(error, "reason", None) or error)
    head = re.split(r":| \(|;", reason, maxsplit=1)[0]
    return re.sub(r"\d+(?:[.,]\d+)*", "N", head).strip() or "other"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _rich_bar(stream: TextIO, total: int | None) -> tuple[Any, Any]:
    """A started rich progress bar on ``stream`` and its task. rich is imported here, not
    at start-up, since most commands never draw a bar."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as RichProgress
    from rich.text import Text

    class Rate(ProgressColumn):
        """Documents a second, from rich's moving estimate."""

        def render(self, task: Any) -> Text:
            return Text(f"{task.speed or 0:.1f} docs/s")

    bar = RichProgress(
        TextColumn("coding"),
        BarColumn(),
        MofNCompleteColumn(separator=" of "),
        TextColumn("documents,"),
        Rate(),
        TextColumn("time left"),
        TimeRemainingColumn(),
        console=Console(file=stream),
        redirect_stdout=False,
        redirect_stderr=False,
    )
    bar.start()
    return bar, bar.add_task("coding", total=total)


class Progress:
    """A progress bar on stderr for long runs: x of N documents, docs/s and time left.

    ``total`` is the number of documents expected (None when unknown, e.g. standard
    input: the bar then shows the count and the rate); ``done`` counts those finished,
    by default coded + skipped. The bar starts at the first tick; call close() at the end.
    """

    def __init__(
        self,
        report: RunReport,
        stream: TextIO | None = None,
        enabled: bool = True,
        total: int | None = None,
        done: Callable[[], int] | None = None,
    ):
        self.report = report
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.total = total
        self._done = done or (lambda: report.coded + report.skipped)
        self._bar: Any = None
        self._task: Any = None

    def tick(self) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            self._bar, self._task = _rich_bar(self.stream, self.total)
        self._bar.update(self._task, completed=self._done())

    def close(self) -> None:
        """Show the final count and stop redrawing."""
        if self._bar is None:
            return
        done = self._done()
        # An estimated total (CSV rows spanning lines) ends the bar full all the same.
        self._bar.update(self._task, completed=done, total=done)
        self._bar.stop()
        self._bar = None
