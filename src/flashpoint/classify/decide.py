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
    # the ACLED head's sureness of one sub-event that adds an event the PLOVER head is
    # unsure of (above 1: never)
    new_event_acled: float = 1.01

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

    def new_type(self, probs: dict[str, dict[str, float]]) -> tuple[str, float] | None:
        """The PLOVER type and confidence of an event for a sentence no trigger word
        caught, or None. The PLOVER head decides when it is sure of one type. Otherwise
        the ACLED head may: terse reports ('Abduction of two aid workers in Gao') leave
        the PLOVER head torn between no event and the types an act may take, while their
        sub-event is plain. The type is then the likeliest that may take that sub-event,
        and the confidence is the sub-event's."""
        plover, acled = probs["plover"], probs.get("acled", {})
        top = max(plover, key=plover.__getitem__)
        if top != NONE and plover[top] >= self.new_event:
            return top, plover[top]
        sub = max(acled, key=acled.__getitem__, default=NONE)
        if sub == NONE or acled[sub] < self.new_event_acled:
            return None
        fits = [t for t, subs in self.acled_by_plover.items() if sub in subs and t in plover]
        if not fits:
            return None
        return max(fits, key=plover.__getitem__), acled[sub]

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
            float(t.get("new_event_acled", 1.01)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"data/classifier.yaml: {exc}") from exc
