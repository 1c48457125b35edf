"""The rules as an annotator with known habits.

The parse-based rules never saw the project's corpus, so how their ACLED sub-event
types compare with the corpus's gold labels shows how far each of their answers can be
trusted on unseen text: when the rules say "Violent demonstration" they are seldom
wrong, when they say "Attack" (their fall-back for violence) the gold is often
something else. Stored per model as ``rules_acled.json``: counts[rule answer][gold].

At decision time the classifier's probability of each sub-event is weighed by how
likely the rules' answer is under it, P(rule answer | gold), smoothed (a noisy
annotator in the sense of Dawid and Skene 1979)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FILE = "rules_acled.json"
# Add-one smoothing: an answer the rules never gave for a class is unlikely, not impossible.
SMOOTHING = 1.0


@dataclass(frozen=True)
class RuleConfusion:
    counts: dict[str, dict[str, int]]

    def likelihood(self, rule: str, gold: str) -> float:
        """P(rules answer ``rule`` | the true class is ``gold``), smoothed."""
        answers = len(self.counts) or 1
        total = sum(row.get(gold, 0) for row in self.counts.values())
        return (self.counts.get(rule, {}).get(gold, 0) + SMOOTHING) / (total + SMOOTHING * answers)

    def save(self, folder: Path) -> None:
        rows = {r: dict(sorted(g.items())) for r, g in sorted(self.counts.items())}
        (Path(folder) / FILE).write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> RuleConfusion | None:
        path = Path(folder) / FILE
        if not path.exists():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def count(cls, pairs: Iterable[tuple[str, str]]) -> RuleConfusion:
        """From (rules' answer, gold) pairs."""
        counts: dict[str, dict[str, int]] = {}
        for rule, gold in pairs:
            row = counts.setdefault(rule, {})
            row[gold] = row.get(gold, 0) + 1
        return cls(counts)
