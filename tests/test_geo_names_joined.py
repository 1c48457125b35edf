"""Names with joiners and numbers ('Colonia 20 de Noviembre', 'Lomitas del Zulia'),
namesakes held by the unit that qualifies them, and quarters placed at their town."""
from __future__ import annotations

import pytest

from flashpoint.geo import find_toponyms
from flashpoint.geo.narrowing import distance_km
from flashpoint.geo.tokens import _word_sets


def _where(code, text):
    events = [e for e in code(text, date="2021-06-14") if e.location is not None]
    assert events, text
    return events[0].location


def test_number_inside_a_prefixed_quarter_name():
    text = "Police said a trader was gunned down at his stall in Colonia 20 de Noviembre on Friday."
    local = [t.text for t in find_toponyms(text) if t.kind == "local"]
    assert local == ["Colonia 20 de Noviembre"]


def test_quarter_takes_the_point_of_the_town_named_before(code):
    text = ("Gunmen opened fire on a taxi rank in Acapulco, Guerrero, on Saturday. "
            "Hours later two more men were found shot dead in Colonia 3 de Mayo.")
    loc = [e.location for e in code(text, date="2021-06-14") if e.location is not None][-1]
    assert loc.text == "Colonia 3 de Mayo"
    assert loc.name.startswith("Acapulco") and loc.country == "MX"


def test_province_name_bound_into_a_quarter_name_is_not_the_place(code):
    text = "Residents of the Lomitas del Zulia sector in Maracaibo protested over power cuts."
    loc = _where(code, text)
    assert loc.name == "Maracaibo" and loc.precision == 1


def test_unit_head_before_a_joiner_still_names_the_unit():
    assert "estado" in _word_sets()["admin_head"]
    tops = find_toponyms("Troops were sent to the Estado de Zulia after the riots.")
    assert [t.text for t in tops] == ["Zulia"]


@pytest.mark.parametrize("text, name, country", [
    ("Looters ransacked shops in San Andres de Tuxtla on Monday night.", "San Andrés Tuxtla", "MX"),
    ("Nurses marched through Santa Cruz de la Sierra on Monday.", "Santa Cruz de la Sierra", "BO"),
])
def test_spanish_joiners_and_five_word_names(code, text, name, country):
    loc = _where(code, text)
    assert (loc.name, loc.country, loc.precision) == (name, country, 1)


def test_namesake_nearest_the_qualifying_unit(code):
    # Puerto Rico has several places called Ceiba; none is filed under Fajardo, but one
    # lies next to it
    loc = _where(code, "A baker was gunned down outside his shop in Ceiba, Fajardo, on Sunday.")
    assert loc.name == "Ceiba" and loc.country == "PR"
    assert distance_km(loc.lat, loc.lon, 18.3258, -65.6524) < 15


def test_area_of_a_city_is_inside_it(code):
    loc = _where(code, "Two groups clashed in the Wadi area of Vadodara city over a quarantine row.")
    assert loc.text == "Wadi" and loc.name == "Vadodara"
