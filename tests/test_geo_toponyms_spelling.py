"""Spellings that differ from the gazetteer's only by a hyphen."""

from __future__ import annotations

from flashpoint.geo import find_toponyms, resolve_toponyms


def _places(text):
    tops = find_toponyms(text)
    resolve_toponyms(tops, text)
    return {t.text: t.place for t in tops if t.place is not None}


def test_hyphenated_spelling_finds_the_joined_name():
    places = _places("Police broke up a sit-in in Petion-Ville on Sunday.")
    assert places["Petion-Ville"].country == "HT"


def test_short_article_keeps_the_hyphen_split():
    places = _places("Street vendors marched through Lima-La Victoria on Tuesday morning.")
    assert "Lima-La Victoria" not in places
    assert all(p.country == "PE" for p in places.values())
