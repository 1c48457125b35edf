"""The explain trace: which rule or model decided each field of an event, and from which words.

Stages add a Decision only when a document is coded with ``explain`` on; with it off no
Decision is ever built, so the trace costs nothing. The build stage hands the decisions
to the Event (``extra["explain"]``), where ``Event.to_dict`` and the writers find them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .models import Mention

# The fields a decision may explain, in the order a trace is printed.
FIELDS = ("type", "acled", "place", "date", "fatalities", "injured", "arrested", "size")
COUNT_FIELDS = ("fatalities", "injured", "arrested", "size")


@dataclass(frozen=True, slots=True)
class Decision:
    """One step that set an event field: ``decided_by`` names the rule or model, ``words``
    the pieces of the document text it read, ``reason`` says what it concluded. ``rule``,
    when the step is one entry of a data file, says which, in a form that stays put when
    the reason's wording changes ("triggers.yaml verbs[12]", "ontology.yaml
    acled_mapping ASSAULT[3]"), so that tools can count the rules behind events."""

    field: str
    decided_by: str
    reason: str
    words: tuple[Mention, ...] = ()
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "decided_by": self.decided_by,
            "words": [w.to_dict() for w in self.words],
            "reason": self.reason,
            "rule": self.rule,
        }


def words_at(text: str, start: int, end: int) -> Mention:
    """The piece ``text[start:end]`` as a Mention of the document."""
    return Mention(text[start:end], start, end)


def ordered(decisions: Iterable[Decision]) -> tuple[Decision, ...]:
    """Decisions grouped by field in FIELDS order, each field's steps in the order made."""
    rank = {name: i for i, name in enumerate(FIELDS)}
    return tuple(sorted(decisions, key=lambda d: rank.get(d.field, len(rank))))


# words longer than this (a whole sentence the classifier read) are cut in the readable trace
SHOWN_CHARS = 60


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def format_trace(decisions: Iterable[Decision], indent: str = "    ") -> str:
    """The trace as readable lines, one per decision: field, rule, reason, then the
    words it used with their character offsets."""
    lines = []
    for d in decisions:
        words = ", ".join(f"'{_shown(w.text)}' [{w.start}:{w.end}]" for w in d.words)
        lines.append(f"{indent}{d.field:<10} {d.decided_by}: {d.reason}" + (f" <- {words}" if words else ""))
    return "\n".join(lines) + ("\n" if lines else "")
