"""Place names the gazetteer does not know: spaCy's own place entities, and capitalised
names that the words around them mark as places ('Huriwaa district', 'the village of
Jibu', 'the towns of Aleis and Alzorba'). They become 'local' toponyms, which take
their coordinates from a known place later (geo.resolve).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..work import Toponym
from .fold import fold, load_rules
from .tokens import ENT_LABELS_PLACE, SpanIndex, TextToken, locative_before, sentence_initial

Found = list[tuple[Toponym, int, int, bool]]  # toponym, first token, last token, needs context
_LIST_GAPS = frozenset({",", "and", "or"})
_MAX_LIST = 12  # names of one list read back to find its opening "villages of"


@lru_cache(maxsize=1)
def local_nouns() -> tuple[frozenset[str], frozenset[str]]:
    """(singular, plural) place nouns of data/gazetteer/local_names.yaml."""
    r = load_rules("local_names.yaml")
    return _lower(r.get("local_nouns")), _lower(r.get("local_nouns_plural"))


@lru_cache(maxsize=1)
def part_nouns() -> frozenset[str]:
    return _lower(load_rules("local_names.yaml").get("part_nouns"))


@lru_cache(maxsize=1)
def place_object_verbs() -> frozenset[str]:
    return _lower(load_rules("local_names.yaml").get("place_object_verbs"))


@lru_cache(maxsize=1)
def named_feature_nouns() -> frozenset[str]:
    return _lower(load_rules("local_names.yaml").get("named_feature_nouns"))


def _lower(xs: list[str] | None) -> frozenset[str]:
    return frozenset(str(x).lower() for x in xs or [])


def after_place_verb(toks: list[TextToken], i: int, words: dict[str, frozenset[str]]) -> bool:
    """Is the name at token ``i`` the object of a verb whose object is a place ('stormed
    the strategic Signal Base')? Only a determiner and a few describing words may come between."""
    j = i - 1
    while j >= 0 and i - j <= 3 and toks[j].text.lower() in words["gap"] and toks[j].text.lower() != "of":
        j -= 1
    return j >= 0 and toks[j].text.lower() in place_object_verbs()


def add_entity_places(
    text: str,
    toks: list[TextToken],
    ents: list[tuple[int, int, str]],
    found: Found,
    words: dict[str, frozenset[str]],
) -> None:
    """spaCy places the gazetteer does not know (a mosque, a neighbourhood)."""
    if not ents:
        return
    taken = SpanIndex([(t.start, t.end, "") for t, *_ in found])
    start_tok = {t.start: j for j, t in enumerate(toks)}
    for s, e, lbl in ents:
        if lbl not in ENT_LABELS_PLACE or taken.any_overlap(s, e):
            continue
        span = text[s:e]
        if span.lower().startswith("the "):
            s += 4
            span = span[4:]
        j = start_tok.get(s)
        if j is None or fold(span) in words["stop"] or fold(span) in words["ignore"]:
            continue
        last = j
        while last + 1 < len(toks) and toks[last + 1].end <= e:
            last += 1
        found.append((Toponym(s, e, span, (), kind="local"), j, last, True))
    found.sort(key=lambda f: f[0].start)


def add_local_names(text: str, toks: list[TextToken], found: Found, words: dict[str, frozenset[str]]) -> None:
    """Unknown names that the words around them mark as places. They need a locative
    preposition like other small places, unless a plural noun opens or closes their
    list or their own last word names a site."""
    singular, plural = local_nouns()
    nouns = singular | plural
    taken = {j for _t, a, b, _n in found for j in range(a, b + 1)}
    starts = {a for _t, a, _b, _n in found}
    ends = {a: b for _t, a, b, _n in found}
    n = len(toks)
    i = 0
    added = False
    while i < n:
        if not toks[i].cap or i in taken or toks[i].text.lower() in words["stop"]:
            i += 1
            continue
        j = i
        while (
            j + 1 < n
            and toks[j + 1].cap
            and j + 1 not in taken
            and j - i < 2
            and toks[j + 1].text.lower() not in singular
        ):
            j += 1
        j_after = _after_bracket(toks, j)  # 'Zibane [Ziban] (Anzourou, Tillaberi)'
        after = toks[j_after + 1].text.lower() if j_after + 1 < n else ""
        noun_of = i >= 2 and toks[i - 1].text.lower() == "of" and toks[i - 2].text.lower() in nouns
        # 'Buleda (Kech, Balochistan)': an unknown name qualified by known ones
        qualified = after == "(" and any(
            x in starts and parenthetical_qualifier(text, toks[x].start, toks[x].end)
            for x in range(j_after + 2, min(n, j_after + 8))
        )
        # 'located at Kokhanebi, Tovuz.': an unknown name qualified by a known one
        qualified = qualified or (
            after == ","
            and j + 2 in starts
            and locative_before(toks, i, words)
            and _ends_clause(toks, ends.get(j + 2))
        )
        listed = not noun_of and _in_plural_list(toks, i, plural, words)
        # 'the Tahtani Roundabout': the name's own last word says it is a site
        site = j > i and toks[j].text.lower() in named_feature_nouns() and toks[j].text[:1].isupper()
        if (
            after in singular or after in plural or noun_of or qualified or listed or site
        ) and not sentence_initial(toks, i, text):
            sure = listed or site or after in plural
            runs = [(i, j)] + (_names_listed_before(toks, i, taken, words) if after in plural else [])
            for a, b in runs:
                if a in starts:
                    continue
                starts.add(a)
                span = text[toks[a].start : toks[b].end]
                found.append((Toponym(toks[a].start, toks[b].end, span, (), kind="local"), a, b, not sure))
            added = True
        i = j + 1
    if added:
        found.sort(key=lambda f: f[0].start)


def _in_plural_list(
    toks: list[TextToken], i: int, plural: frozenset[str], words: dict[str, frozenset[str]]
) -> bool:
    """Is the name at token ``i`` a later member of a list that 'the villages of' opens?
    Read back over separators and capitalised names (a name may hold a connector: 'Tal
    al-Abyad', 'Deir ez Zor') to the words before the list's first name."""
    k = i - 1
    for _ in range(_MAX_LIST):
        if k < 0 or toks[k].text.lower() not in _LIST_GAPS:
            return False
        while k >= 0 and toks[k].text.lower() in _LIST_GAPS:
            k -= 1
        if k < 0 or not toks[k].cap or toks[k].text.lower() in words["stop"]:
            return False
        while (
            k > 0
            and (toks[k - 1].cap or toks[k - 1].text.lower() in ("al", "el", "ez", "de"))
            and toks[k - 1].text.lower() not in _LIST_GAPS
        ):
            k -= 1
        if k >= 2 and toks[k - 1].text.lower() == "of" and toks[k - 2].text.lower() in plural:
            return True
        k -= 1
    return False


def _names_listed_before(
    toks: list[TextToken], i: int, taken: set[int], words: dict[str, frozenset[str]]
) -> list[tuple[int, int]]:
    """The names listed before the one at token ``i``: 'Qarbeli' in 'Qarbeli and Tuzmeni
    villages'. Each is a run of capitalised tokens the gazetteer did not take."""
    runs: list[tuple[int, int]] = []
    k = i - 1
    while len(runs) < _MAX_LIST and k >= 0 and toks[k].text.lower() in _LIST_GAPS:
        while k >= 0 and toks[k].text.lower() in _LIST_GAPS:
            k -= 1
        end = k
        while (
            k >= 0
            and toks[k].cap
            and k not in taken
            and toks[k].text.lower() not in words["stop"]
            and end - k < 3
        ):
            k -= 1
        if k == end:
            break
        runs.append((k + 1, end))
    return runs


def _after_bracket(toks: list[TextToken], j: int) -> int:
    """The last token of a bracketed other spelling right after token ``j``, else ``j``."""
    if j + 1 >= len(toks) or toks[j + 1].text != "[":
        return j
    for k in range(j + 2, min(len(toks), j + 9)):
        if toks[k].text == "]":
            return k
    return j


def _ends_clause(toks: list[TextToken], last: int | None) -> bool:
    return last is not None and (last + 1 >= len(toks) or not toks[last + 1].cap)


_QUALIFIER_PART = re.compile(r"^[\s,]*(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*[\s,]*)*$")


def parenthetical_qualifier(text: str, start: int, end: int) -> bool:
    """Is the name inside '(District, Province)' right after a name, as ACLED and wire
    copy write 'Ruramba (Kayokwe, Mwaro)'? Only names and commas may share the brackets."""
    open_at = text.rfind("(", max(0, start - 60), start)
    close_at = text.find(")", end, end + 60)
    if open_at < 1 or close_at < 0 or ")" in text[open_at:start] or "(" in text[end:close_at]:
        return False
    # 'Thirah hill [Jabal Thirah] (Mukayras, Al Bayda)': a bracketed other spelling
    # may stand between the name and its qualifiers
    if not (text[:open_at].rstrip()[-1:].isalpha() or text[:open_at].rstrip()[-1:] == "]"):
        return False
    return bool(_QUALIFIER_PART.match(text[open_at + 1 : start])) and bool(
        _QUALIFIER_PART.match(text[end:close_at])
    )
