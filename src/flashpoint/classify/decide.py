"""How the classifier's probabilities and the rules' choice become one event class.

The thresholds and the PLOVER -> ACLED table are data (``data/classifier.yaml``),
loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..errors import DataFileError
from ..ontology import load_data_yaml
from .model import NONE
from .rule_confusion import RuleConfusion


@dataclass(frozen=True)
class Policy:
    veto: float
    new_event: float
    retype_from: float
    retype_to: float
    rule_boost: float
    acled_by_plover: dict[str, tuple[str, ...]]
    # main verbs that tell how things stood rather than what was done ('had a sense of')
    stative_roots: frozenset[str] = frozenset()

    def choose_acled(
        self,
        plover_type: str,
        probs: dict[str, float],
        rule_sub: str | None,
        confusion: RuleConfusion | None = None,
    ) -> str | None:
        """The ACLED sub-event type of an event of ``plover_type``: the likeliest of the
        types it may take. The rules' answer weighs in through ``confusion`` (how often
        they give that answer for each true class), or without one by counting
        ``rule_boost`` times. None when ACLED does not code it."""
        allowed = self.acled_by_plover.get(plover_type, (NONE,))
        rule = rule_sub or NONE

        def weight(sub: str) -> float:
            if confusion is not None:
                return confusion.likelihood(rule, sub)
            return self.rule_boost if sub == rule else 1.0

        best = max(allowed, key=lambda sub: (probs.get(sub, 0.0) * weight(sub), sub == rule))
        return None if best == NONE else best

    def retype(self, rule_type: str, probs: dict[str, float]) -> str | None:
        """The PLOVER type to use instead of the rules' one, or None to keep it."""
        top = max(probs, key=probs.__getitem__)
        if top in (NONE, rule_type):
            return None
        if probs.get(rule_type, 0.0) < self.retype_from and probs[top] >= self.retype_to:
            return top
        return None


@lru_cache(maxsize=1)
def load_policy() -> Policy:
    data = load_data_yaml("classifier.yaml")
    try:
        t = data["thresholds"]
        table = {k: tuple(v) for k, v in data["acled_by_plover"].items()}
        return Policy(
            float(t["veto"]),
            float(t["new_event"]),
            float(t["retype_from"]),
            float(t["retype_to"]),
            float(t["rule_boost"]),
            table,
            frozenset(str(w) for w in data["stative_roots"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"data/classifier.yaml: {exc}") from exc
