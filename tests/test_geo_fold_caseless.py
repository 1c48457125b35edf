"""The one light text fold (case and accents) and the one scanner for the preposition
before a place name, shared by every module that needs them."""

from __future__ import annotations

import pytest

from flashpoint.geo.fold import caseless, fold
from flashpoint.geo.tokens import locative_before, preposition_before, tokenize, word_sets
from flashpoint.store.places import place_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zvečan", "zvecan"),
        ("NATO-led", "nato-led"),
        ("Mitrovicë", "mitrovice"),
        ("Côte d'Ivoire", "cote d'ivoire"),
    ],
)
def test_caseless_keeps_punctuation_that_the_gazetteer_key_drops(text: str, folded: str) -> None:
    assert caseless(text) == folded
    assert place_key(f"  {text} ") == folded


def test_gazetteer_key_is_the_stricter_fold() -> None:
    assert fold("NATO-led") == "nato led" != caseless("NATO-led")
    assert fold("Côte d'Ivoire") == "cote divoire"


def _left(text: str) -> list[tuple[str, bool]]:
    return [(w, w[:1].isupper()) for w in text.split()]


@pytest.mark.parametrize(
    ("before", "prep"),
    [
        ("clashes broke out in", "in"),
        ("police fired near the northern", "near"),
        ("protesters gathered in the town of", "of"),
        ("a commander of", None),
        ("he told", None),
        ("five were hurt in the", "in"),
    ],
)
def test_preposition_before(before: str, prep: str | None) -> None:
    assert preposition_before(_left(before), word_sets()) == prep


def test_unknown_names_need_a_closer_preposition() -> None:
    words = word_sets()
    left = _left("clashes in Upper Ibar Valley Road")
    # four capitalised fillers: enough for a known name, too many for an unknown one
    assert preposition_before(left, words) == "in"
    assert preposition_before(left, words, capital_gaps=3) is None
    text = "clashes in Upper Ibar Valley Road Zvecan"
    toks = tokenize(text)
    assert not locative_before(toks, len(toks) - 1, words)
    toks = tokenize("clashes in Zvecan")
    assert locative_before(toks, 2, words)
