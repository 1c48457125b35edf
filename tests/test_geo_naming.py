"""One name per place in one form: GeoNames' name in ASCII, units named like their seat."""

from __future__ import annotations

import pytest

from flashpoint.geo import find_toponyms
from flashpoint.geo.gazetteer import geocode, load_gazetteer
from flashpoint.geo.naming import admin2_name, ascii_name


@pytest.mark.parametrize(
    ("name", "ascii"),
    [
        ("Zvečan", "Zvecan"),
        ("Mitrovicë", "Mitrovice"),
        ("Đakovica", "Dakovica"),
        ("Łódź", "Lodz"),
        ("Zubin Potok", "Zubin Potok"),
        ("São Tomé", "Sao Tome"),
    ],
)
def test_ascii_form(name: str, ascii: str) -> None:
    assert ascii_name(name) == ascii


@pytest.mark.parametrize(
    ("unit", "admin1", "seat"),
    [
        ("Opstina Zvecan", "Mitrovica", "Zvecan"),
        ("Komuna e Leposaviqit", "Mitrovica", "Leposaviq"),
        ("Komuna e Zubin Potokut", "Mitrovica", "Zubin Potok"),
        ("Komuna e Prishtines", "Pristina", "Pristina"),
        ("Komuna e Ferizajt", "Ferizaj", "Ferizaj"),
    ],
)
def test_kosovo_municipalities_are_named_after_their_seat(unit: str, admin1: str, seat: str) -> None:
    assert admin2_name(load_gazetteer(), unit, "XK", admin1) == seat


def test_a_unit_without_a_known_seat_keeps_its_bare_name() -> None:
    gaz = load_gazetteer()
    assert admin2_name(gaz, "Komuna e Qytetitit", "XK", "Mitrovica") == "Qytetitit"
    assert admin2_name(gaz, None, "XK", None) is None


def test_every_kosovo_town_has_its_unit_in_one_form() -> None:
    towns = [
        loc
        for name in (
            "Zvečan",
            "Zveçan",
            "Leposavić",
            "Leposaviq",
            "Zubin Potok",
            "Prishtinë",
            "Pejë",
            "Gjakovë",
            "Prizren",
            "Ferizaj",
        )
        for loc in [town for town in geocode(name, country=["XK"]) if town.precision == 1][:1]
    ]
    assert len(towns) == 10
    for loc in towns:
        assert loc.name.isascii() and loc.admin2 and loc.admin2.isascii()
        assert not loc.admin2.startswith(("Komuna", "Opstina", "Opština")), loc
    # every spelling of one town gives one name
    assert {loc.name for loc in towns[:2]} == {"Zvecan"}
    assert {loc.name for loc in towns[2:4]} == {"Leposaviq"}


def test_a_clause_after_a_colon_starts_like_a_sentence(nlp) -> None:
    text = "Clashes: In Zveçan, police used tear gas to push back protesters."
    places = [t for t in find_toponyms(text, nlp(text)) if t.kind == "place"]
    assert [t.text for t in places] == ["Zveçan"]
    assert places[0].candidates[0].country == "XK"


def test_the_towns_whose_mayors_are_named_are_places(nlp) -> None:
    text = (
        "Kosovo Police escorted the newly elected mayors of Zveçan, Zubin Potok and "
        "Leposaviq into their municipal buildings on Friday."
    )
    places = [t.text for t in find_toponyms(text, nlp(text)) if t.kind == "place"]
    assert places == ["Zveçan", "Zubin Potok", "Leposaviq"]
