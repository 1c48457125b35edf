"""A meeting with no place of its own is where the sentence right before it set the
scene, even abroad (geo/locations.py scene_location, geo/stage.py sentence_before,
data/geo_rules.yaml scene_acts)."""

from __future__ import annotations

import pytest

from flashpoint.geo.gazetteer import load_gazetteer
from flashpoint.geo.locations import scene_location
from flashpoint.geo.rules import geo_rules
from flashpoint.ontology import load_ontology
from flashpoint.trace import Decision
from flashpoint.work import Toponym


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


BEFORE = "The talks took place in a hotel outside Chisinau."


def _setting(gaz):
    town = next(p for p in gaz.lookup("Chisinau") if p.country == "MD" and p.kind == "city")
    start = BEFORE.index("Chisinau")
    toponyms = [Toponym(start=start, end=start + len("Chisinau"), text="Chisinau", place=town)]
    zvecan = next(p for p in gaz.lookup("Zvecan") if p.country == "XK" and p.kind != "country")
    return toponyms, [gaz.to_location(zvecan)]


def test_a_meeting_is_where_the_sentence_before_set_it(gaz) -> None:
    toponyms, inherited = _setting(gaz)
    why: list[Decision] = []
    out = scene_location(inherited, "CONSULT", toponyms, (0, len(BEFORE)), BEFORE, [], gaz, why)
    assert [loc.country for loc in out] == ["MD"]
    assert why and "scene_location" in why[-1].decided_by


def test_what_the_scene_leaves_alone(gaz) -> None:
    toponyms, inherited = _setting(gaz)
    span = (0, len(BEFORE))
    # an attack or a statement in the next sentence is often back home
    assert scene_location(inherited, "ASSAULT", toponyms, span, BEFORE, [], gaz) == inherited
    # no sentence before in the same paragraph
    assert scene_location(inherited, "CONSULT", toponyms, None, BEFORE, [], gaz) == inherited
    # the scene lies outside the sentence before
    assert scene_location(inherited, "CONSULT", toponyms, (0, 5), BEFORE, [], gaz) == inherited
    # a place of the meeting's own sentence
    named = [gaz.to_location(gaz.lookup("Zvecan")[0], "Zvecan", 40, 46)]
    assert scene_location(named, "CONSULT", toponyms, span, BEFORE, [], gaz) == named


def test_the_rule_lists_meetings_only() -> None:
    onto = load_ontology()
    assert set(geo_rules().scene_acts.types) <= set(onto.types)
    assert "ASSAULT" not in geo_rules().scene_acts.types
