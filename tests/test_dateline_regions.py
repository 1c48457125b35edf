"""A bare compass region ("in the north") in a wire report is a part of the dateline's
country, not a town an earlier sentence named across a border
(geo/locations.py dateline_region_location, data/geo_rules.yaml dateline_regions)."""

from __future__ import annotations

import pytest

from flashpoint.geo.gazetteer import load_gazetteer
from flashpoint.geo.locations import dateline_region_location
from flashpoint.geo.place import Place
from flashpoint.geo.rules import geo_rules
from flashpoint.models import Location
from flashpoint.trace import Decision
from flashpoint.work import Toponym


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _town(gaz, name: str, country: str) -> Place:
    return next(p for p in gaz.lookup(name) if p.country == country and p.kind != "country")


def _inherited(gaz) -> list[Location]:
    return [gaz.to_location(_town(gaz, "Raska", "RS"))]  # no span: not named in its sentence


def _names(place: Place, times: int) -> list[Toponym]:
    return [
        Toponym(text=place.name, start=10 * i, end=10 * i + 5, kind="place", place=place)
        for i in range(times)
    ]


NORTH = "EU officials urged calm in the north, where Serbs have protested since May."


@pytest.mark.parametrize("sentence", [NORTH, "Serbs protested in the North on Monday."])
def test_a_bare_region_is_in_the_dateline_s_country(gaz, sentence: str) -> None:
    filed_at = _town(gaz, "Pristina", "XK")
    why: list[Decision] = []
    out = dateline_region_location(_inherited(gaz), sentence, filed_at, _names(filed_at, 2), [], gaz, why)
    assert [loc.country for loc in out] == ["XK"]
    assert out[0].precision == 4  # the country: the region itself is not in the gazetteer
    assert why and "dateline_region_location" in why[-1].decided_by


@pytest.mark.parametrize(
    "sentence",
    [
        "EU officials urged calm in the town, where Serbs have protested since May.",
        "Troops moved in the north of Raska on Monday.",  # the north of a named place
        "Fighting in the North Kivu province went on.",  # a name, not a bare region
        "Serbs protested in northern Kosovo.",  # the country is named
    ],
)
def test_no_bare_region_leaves_the_place(gaz, sentence: str) -> None:
    filed_at = _town(gaz, "Pristina", "XK")
    before = _inherited(gaz)
    assert dateline_region_location(before, sentence, filed_at, _names(filed_at, 2), [], gaz) == before


def test_what_the_rule_leaves_alone(gaz) -> None:
    pristina = _town(gaz, "Pristina", "XK")
    before = _inherited(gaz)
    # no dateline
    assert dateline_region_location(before, NORTH, None, [], [], gaz) == before
    # a dateline the report never returns to (talks abroad): not whose north it is
    assert dateline_region_location(before, NORTH, pristina, _names(pristina, 1), [], gaz) == before
    # a place named in the event's own sentence
    named = [gaz.to_location(_town(gaz, "Raska", "RS"), "Raska", 3, 8)]
    assert dateline_region_location(named, NORTH, pristina, _names(pristina, 2), [], gaz) == named
    # already in the dateline's country
    home = [gaz.to_location(_town(gaz, "Zvecan", "XK"))]
    assert dateline_region_location(home, NORTH, pristina, _names(pristina, 2), [], gaz) == home


def test_the_rule_lists_compass_words() -> None:
    rules = geo_rules().dateline_regions
    assert "north" in rules.words and "in" in rules.prepositions
    assert all(w == w.lower() for w in rules.words + rules.prepositions)
