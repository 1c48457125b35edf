"""Names with joiners and numbers ('Colonia 20 de Noviembre', 'Lomitas del Zulia'),
namesakes held by the unit that qualifies them, and quarters placed at their town."""

from __future__ import annotations

import pytest

from flashpoint.geo import find_toponyms
from flashpoint.geo.gazetteer import load_gazetteer
from flashpoint.geo.narrow_readings import distance_km
from flashpoint.geo.tokens import word_sets


def _where(code, text):
    events = [e for e in code(text, date="2021-06-14") if e.location is not None]
    assert events, text
    return events[0].location


def test_number_inside_a_prefixed_quarter_name():
    text = "Police said a trader was gunned down at his stall in Colonia 20 de Noviembre on Friday."
    local = [t.text for t in find_toponyms(text) if t.kind == "local"]
    assert local == ["Colonia 20 de Noviembre"]


def test_quarter_takes_the_point_of_the_town_named_before(code):
    text = (
        "Gunmen opened fire on a taxi rank in Acapulco, Guerrero, on Saturday. "
        "Hours later two more men were found shot dead in Colonia 3 de Mayo."
    )
    loc = [e.location for e in code(text, date="2021-06-14") if e.location is not None][-1]
    assert loc.text == "Colonia 3 de Mayo"
    assert loc.name.startswith("Acapulco") and loc.country == "MX"


def test_province_name_bound_into_a_quarter_name_is_not_the_place(code):
    text = "Residents of the Lomitas del Zulia sector in Maracaibo protested over power cuts."
    loc = _where(code, text)
    assert loc.name == "Maracaibo" and loc.precision == 1


def test_unit_head_before_a_joiner_still_names_the_unit():
    assert "estado" in word_sets()["admin_head"]
    tops = find_toponyms("Troops were sent to the Estado de Zulia after the riots.")
    assert [t.text for t in tops] == ["Zulia"]


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("Looters ransacked shops in San Andres de Tuxtla on Monday night.", "San Andres Tuxtla", "MX"),
        ("Nurses marched through Santa Cruz de la Sierra on Monday.", "Santa Cruz de la Sierra", "BO"),
    ],
)
def test_spanish_joiners_and_five_word_names(code, text, name, country):
    loc = _where(code, text)
    assert (loc.name, loc.country, loc.precision) == (name, country, 1)


def test_namesake_nearest_the_qualifying_unit(code):
    # Puerto Rico has several places called Ceiba; none is filed under Fajardo, but one
    # lies next to it
    loc = _where(code, "A baker was gunned down outside his shop in Ceiba, Fajardo, on Sunday.")
    assert loc.name == "Ceiba" and loc.country == "PR"
    assert distance_km(loc.lat, loc.lon, 18.3258, -65.6524) < 15


def test_locality_word_opens_a_qualifier_chain(code):
    # Rubaare is a Ugandan town; 'Rubare locality (Rutshuru, Nord-Kivu)' is a Congolese village
    loc = _where(
        code, "At dawn a patrol exchanged fire with gunmen near Rubare locality (Rutshuru, Nord-Kivu)."
    )
    assert loc.text == "Rubare" and loc.country == "CD"


def test_arabic_spring_word_spelled_either_way():
    gaz = load_gazetteer()
    a, b = gaz.lookup("Ain Issa"), gaz.lookup("Ayn Issa")
    assert a and a[0].country == "SY" and a[0] == b[0]


def test_event_in_a_province_sits_at_its_namesake_seat(code):
    loc = _where(code, "Ten militants were killed in an airstrike in Kandahar province on Monday.")
    assert (loc.name, loc.precision, loc.country) == ("Kandahar", 3, "AF")
    town = next(p for p in load_gazetteer().lookup("Kandahar") if p.kind == "city" and p.country == "AF")
    assert distance_km(loc.lat, loc.lon, town.lat, town.lon) < 1


def test_countryside_of_a_province_keeps_the_province_point(code):
    loc = _where(code, "Government forces shelled several villages in Idlib countryside on Tuesday.")
    province = next(p for p in load_gazetteer().lookup("Idlib") if p.kind == "admin1")
    assert (loc.name, loc.precision) == ("Idlib", 3)
    assert (loc.lat, loc.lon) == (round(province.lat, 5), round(province.lon, 5))


def test_district_spelling_also_finds_the_town_spelled_loosely_nearby():
    gaz = load_gazetteer()
    if not any(p.is_unit for p in gaz.lookup("Bossaso")):
        pytest.skip("built without the boundaries file")
    kinds = {(p.name, p.kind) for p in gaz.lookup("Bossaso")}
    assert ("Bosaso", "city") in kinds  # the town, one 's'
    assert all(p.country != "CD" for p in gaz.lookup("El Bouni"))  # Bunia is far away


def test_town_named_as_a_district_yields_to_the_township_it_qualifies(code):
    # no Sittwe District is on record, only the town: the text still names the district
    loc = _where(
        code, "In Rathedaung Township of Sittwe District in Rakhine State, troops fired on a fishing boat."
    )
    assert loc.name == "Rathedaung" and loc.country == "MM"


@pytest.mark.parametrize(
    "text, mention, town, country",
    [
        (
            "Two groups clashed in the Wadi area of Vadodara city over a quarantine row.",
            "Wadi",
            "Vadodara",
            "IN",
        ),
        # a town the text calls a town holds its quarter whatever its size
        (
            "Two families fought with sticks in the Ganeshpur area of Jalesar town over a buffalo.",
            "Ganeshpur",
            "Jalesar",
            "IN",
        ),
        # every San Jeronimo the gazetteer holds lies 150 km or more from Cusco
        (
            "Relatives of inmates protested on Monday outside the prison at San Jeronimo suburb, Cusco city.",
            "San Jeronimo",
            "Cusco",
            "PE",
        ),
    ],
)
def test_quarter_named_with_its_town_lies_inside_it(code, text, mention, town, country):
    loc = _where(code, text)
    assert (loc.text, loc.name, loc.country) == (mention, town, country)
