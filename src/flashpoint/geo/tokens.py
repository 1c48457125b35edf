"""The word layer under toponym finding: a light tokenisation with offsets, the word
lists from the gazetteer rules, and the questions asked of single tokens (is it
sentence-initial, after a locative preposition, a common word, a gazetteer key)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .fold import fold, load_rules
from .gazetteer import Gazetteer
from .place import Place
from .rules import geo_rules

MAX_TOKENS = 6  # "Santa Cruz de la Sierra" is five
BIG_PLACE = geo_rules().population.big_place
SHORT_TOWN_POP = geo_rules().population.short_town
CITY_OF_MILLIONS = geo_rules().population.city_of_millions
# U.S./U.K. style initials, J&K style abbreviations, words (with inner hyphens or apostrophes), numbers, punctuation
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]&[A-Z]\b|[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,]\d+)*|[^\w\s]")
ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad|ed|es|et)-[A-Z]")
# lower-case words allowed inside a multi-word place name (Rio de Janeiro, Dar es Salaam)
CONNECTORS = frozenset(
    "de del da do dos das di du des la le les los las el al ad ar as ash at an "
    "of and upon on sur am im der den van von bin ibn ul e i y en au aux "
    "sous lès".split()
)
_SENTENCE_END = frozenset(".!?\n")
_WORD_OR_MARK = re.compile(r"[\w'’-]+|[^\w\s]")
# Spanish names are written with or without these: 'San Andres de Tuxtla', 'San Andrés Tuxtla'
DROPPABLE_JOINERS = frozenset({"de", "del"})
ENT_LABELS_PLACE = frozenset({"GPE", "LOC", "FAC"})
ENT_LABELS_CONTAINER = frozenset({"ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "FAC"})


def without_joiners(words: list[str]) -> str:
    """The folded name with its droppable joiners left out."""
    return fold(" ".join(w for w in words if w not in DROPPABLE_JOINERS))


@dataclass(slots=True)
class TextToken:
    start: int
    end: int
    text: str
    cap: bool


@lru_cache(maxsize=1)
def word_sets() -> dict[str, frozenset[str]]:
    r = load_rules()

    def lower(xs: Iterable[str] | None) -> frozenset[str]:
        return frozenset(fold(x) for x in xs or [])

    return {
        "stop": lower(r.get("stopwords")),
        "stop_loc": lower(r.get("stopwords_with_locative")),
        "ignore": lower(r.get("ignore_phrases")),
        "prep": frozenset(x.lower() for x in r.get("locative_prepositions") or []),
        "gap": frozenset(x.lower() for x in r.get("prep_gap_words") or []),
        "speech": frozenset(x.lower() for x in r.get("speech_verbs") or []),
        "place_nouns": frozenset(x.lower() for x in r.get("place_nouns") or []),
        "dir": frozenset(x.lower() for x in r.get("directions") or []),
        "admin1": frozenset(x.lower() for x in (r.get("admin_words") or {}).get("admin1") or []),
        "admin2": frozenset(x.lower() for x in (r.get("admin_words") or {}).get("admin2") or []),
        "local_prefix": frozenset(x.lower() for x in r.get("local_prefixes") or []),
        "feature": frozenset(x.lower() for x in r.get("feature_nouns") or []),
        # the first word of 'Provincia del ...', 'Estado de ...': a unit, not part of a name
        "admin_head": lower(p.split()[0] for p in r.get("admin_prefixes") or [])
        | lower(r.get("admin_heads")),
    }


def tokenize(text: str) -> list[TextToken]:
    toks: list[TextToken] = []
    for m in _TOKEN.finditer(text):
        s, e, w = m.start(), m.end(), m.group()
        if len(w) > 2 and w[-2] in "'’" and w[-1] in "sS":  # possessive: Kosovo's
            toks.append(TextToken(s, e - 2, w[:-2], w[0].isupper()))
            toks.append(TextToken(e - 2, e, w[-2:], False))
            continue
        cap = w[0].isupper() or bool(ARTICLE.match(w))
        toks.append(TextToken(s, e, w, cap))
    return toks


def entity_spans(doc: Any) -> list[tuple[int, int, str]]:
    if doc is None:
        return []
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


class SpanIndex:
    """Character spans (start, end, ...) sorted by start, answering "which overlap this
    range" by bisection: a scan of every span per name cost the square of the number of
    names, minutes for a pasted list of thousands (issue 20)."""

    def __init__(self, spans: list[tuple[int, int, str]]):
        self.spans = sorted(spans)
        self.starts = [s[0] for s in self.spans]
        # the largest end among the first k spans: spans may nest or overlap
        self.max_end: list[int] = []
        for s in self.spans:
            self.max_end.append(max(s[1], self.max_end[-1]) if self.max_end else s[1])
        self.disjoint = all(a[1] <= b[0] for a, b in zip(self.spans, self.spans[1:]))

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The spans that share a character with [start, end), in order."""
        hi = bisect_left(self.starts, end)
        if self.disjoint:  # ends rise with starts (spaCy's entities never overlap)
            return self.spans[bisect_right(self.max_end, start, hi=hi) : hi]
        return [e for e in self.spans[:hi] if start < e[1]]

    def any_overlap(self, start: int, end: int) -> bool:
        hi = bisect_left(self.starts, end)
        return hi > 0 and self.max_end[hi - 1] > start


# At most this many filler words stand between a place name and its preposition ("in
# the northern town of X" has three); the word before an "of" is read as well.
PREP_GAP_WORDS = 4
_PREP_WINDOW = PREP_GAP_WORDS + 2


def preposition_before(
    left: list[tuple[str, bool]],
    words: dict[str, frozenset[str]],
    *,
    capital_gaps: int = PREP_GAP_WORDS,
    stop: frozenset[str] = frozenset(),
) -> str | None:
    """The locative preposition (lower case) nearest the end of ``left``, the words before a
    name with whether each is capitalised; None when another word comes first.

    Filler words between are gap words ("the", "northern"), a possessive "'s" and, among the
    first ``capital_gaps`` of them, capitalised words not in ``stop`` ("in Serbia's Raska
    region"). "of" counts only after a place noun ("the town of X", not "a commander of X").
    The two callers differ on purpose: a name the gazetteer knows may sit behind any
    capitalised filler (``governing_preposition``), while an unknown name or a common word
    taken as a place (``locative_before``) must be closer, behind at most two capitalised
    words that are not stopwords, since the preposition is all that makes it a place.
    """
    for gaps, (w, cap) in enumerate(reversed(left)):
        low = w.lower()
        if low in words["prep"]:
            k = len(left) - gaps - 2
            if low == "of" and (k < 0 or left[k][0].lower() not in words["place_nouns"]):
                return None  # "a commander of the Tarsk Brigade", "Velmora of Dunmar"
            return low
        if gaps >= PREP_GAP_WORDS or not (
            low in words["gap"] or low in ("'s", "’s") or (cap and gaps < capital_gaps and low not in stop)
        ):
            return None
    return None


def locative_before(toks: list[TextToken], i: int, words: dict[str, frozenset[str]]) -> bool:
    """A locative preposition just before token i, allowing a few filler words between."""
    left = [(t.text, t.cap) for t in toks[max(0, i - _PREP_WINDOW) : i]]
    return preposition_before(left, words, capital_gaps=3, stop=words["stop"]) is not None


def sentence_initial(toks: list[TextToken], i: int, text: str) -> bool:
    j = i - 1
    while j >= 0 and toks[j].text in "\"'“‘(«-–—":
        j -= 1
    # a label before a colon opens a new clause too: "Clashes: In Zvecan, police ..."
    return (
        j < 0
        or toks[j].text in _SENTENCE_END
        or toks[j].text == ":"
        or "\n" in text[toks[j].end : toks[i].start]
    )


def is_common_word(doc: Any, tok: TextToken, text: str) -> bool:
    """Sentence-initial word that is an ordinary word here (spaCy) or elsewhere (lower case)."""
    if doc is not None:
        # one look-up per sentence-initial candidate; a whole-document offset map cost
        # a Token object per word of every article
        span = doc.char_span(tok.start, tok.end, alignment_mode="expand")
        if span is not None and len(span) and span[0].idx == tok.start:
            return span[0].pos_ not in ("PROPN",)
    low = tok.text.lower()
    return re.search(r"(?<![\w-])" + re.escape(low) + r"(?![\w-])", text) is not None


def match_key(
    gaz: Gazetteer, key: str, words: dict[str, frozenset[str]]
) -> tuple[str, tuple[int, ...]] | None:
    if key in words["ignore"]:
        return ("ignore", ())
    if gaz.is_demonym_key(key):
        return ("demonym", ())
    ids = gaz.ids(key, variant=len(key) >= 5)
    return ("place", ids) if ids else None


def kind_of_places(places: list[Place]) -> str:
    top = places[0]
    if top.kind == "country":
        return "country"
    if top.kind == "region":
        return "region"
    return "place"


STRONG_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "of",
        "around",
        "across",
        "throughout",
        "within",
        "on",
        "along",
        "over",
        "off",
        "nearby",
    }
)
# from/to/into/towards name an origin or a destination: kept, but weaker


def governing_preposition(text: str | None, t: Any, sentence_start: int) -> str | None:
    """The locative preposition governing toponym ``t``, skipping filler words."""
    if text is None:
        return None
    left = [m.group() for m in _WORD_OR_MARK.finditer(text, sentence_start, t.start)]
    return preposition_before([(w, w[:1].isupper()) for w in left[-_PREP_WINDOW:]], word_sets())
