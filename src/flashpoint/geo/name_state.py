"""What the geocoder knows of a document's names while it decides which place each one
means: one typed record handed from step to step of ``resolve_toponyms``, in place of
loose sets passed by position. With explain on it also gathers the steps' decisions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..models import Mention
from ..trace import Decision
from ..work import Toponym

RESOLVE = "name resolution (geo/resolve.py {})"


@dataclass
class NameState:
    """A document's names and the flags the resolution steps set on them. The flag sets
    hold ``id()`` of toponyms of ``toponyms``; ``why`` is a list only when explain is on."""

    toponyms: list[Toponym]
    text: str
    # country names and demonyms used as owners ('Dunmari forces', 'Dunmar-led'): the
    # foreign side, never the place
    owners: set[int] = field(default_factory=set)
    # owners that name a currency ('US dollar'): they point nowhere
    money: set[int] = field(default_factory=set)
    # place names matched only under a loose spelling, until the text's countries check them
    loose: set[int] = field(default_factory=set)
    # small place names before a feature noun ('Velmora bridge'): most likely local features
    features: set[int] = field(default_factory=set)
    # names whose reading a qualifier settled ('Zvecan, Mitrovica'): later steps keep it
    pinned: set[int] = field(default_factory=set)
    # country votes of armed groups and one-country admin words, wherever they stand
    word_votes: Counter[str] = field(default_factory=Counter)
    # the one country holding readings of most names, when the text names none
    agreed: str | None = None
    focus: str | None = None
    # countries voted for often enough to be preferred after the focus
    mentioned: set[str] = field(default_factory=set)
    # countries the text points to on its own: loose and feature names are read inside them
    strong: set[str] = field(default_factory=set)
    why: list[Decision] | None = None

    def note(self, step: Callable[..., Any], names: list[Toponym], outcome: str) -> None:
        """Record in the trace that ``step`` (its docstring says which rule) decided ``outcome``."""
        if self.why is None:
            return
        rule = (step.__doc__ or "").strip().splitlines()[0]
        words = tuple(Mention(t.text, t.start, t.end) for t in names)
        self.why.append(
            Decision("place", RESOLVE.format(step.__name__.lstrip("_")), f"{outcome}; rule: {rule}", words)
        )
