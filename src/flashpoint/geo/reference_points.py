"""Names that only situate another: a bearing point ('Velmora district west of Tarsk
city'), the ends of a road ('the Velmora-Tarsk highway'), a bare unit word ('LGA')."""

from __future__ import annotations

import re
from functools import lru_cache

from ..work import Toponym
from .fold import load_rules
from .tokens import word_sets


def bare_unit_word(t: Toponym) -> bool:
    """'Velmora LGA (Dunmar)': the unit word alone, taken for an unknown name, is no place;
    the name before it is."""
    words = word_sets()
    low = t.text.lower()
    return low in words["admin1"] or low in words["admin2"] or low in words["place_nouns"]


def link_end(text: str, t: Toponym) -> bool:
    """Is ``t`` an end of a road or border named by its two ends ('the Velmora-Tarsk
    highway', 'the Dunmar-Upper Ostra border')?"""
    links = _link_nouns()
    left = text[max(0, t.start - 40) : t.start]
    right = text[t.end : t.end + 60]
    if left.endswith("-") and left[-2:-1].isalpha():  # the second end: 'Velmora-[Tarsk] highway'
        m = re.match(r"\s+([a-z]+)", right)
        return m is not None and m.group(1) in links
    if right[:1] == "-" and right[1:2].isupper():  # the first end: '[Velmora]-Tarsk highway'
        rest = right[1:]
        words = rest.split()
        for k, w in enumerate(words[:5]):
            if w.lower().strip(",.;") in links and k > 0:
                return all(x[:1].isupper() or "-" in x for x in words[:k])
    return False


@lru_cache(maxsize=1)
def _link_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in load_rules().get("link_nouns") or [])


_BEARING_GAP = re.compile(
    r"\s*(?:([a-z]+)\s+)?(?:\d+(?:\.\d+)?\s*(?:km|kms|kilometers|kilometres|miles)\s+)?"
    r"([a-z-]+)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def bearing_subject(in_sentence: list[Toponym], t: Toponym, text: str) -> Toponym:
    """'Velmora district west of Tarsk city': a town named as the bearing point of the
    name before it is no place of the event; the name before it is."""
    i = in_sentence.index(t)
    if i == 0:
        return t
    prev = in_sentence[i - 1]
    m = _BEARING_GAP.fullmatch(text, prev.end, t.start)
    words = word_sets()
    if (
        m is None
        or (m.group(2) or "").lower() not in words["dir"]
        or (m.group(1) and m.group(1).lower() not in words["place_nouns"] | words["admin2"])
    ):
        return t
    if prev.place is None and prev.kind != "local":
        return t
    return prev
