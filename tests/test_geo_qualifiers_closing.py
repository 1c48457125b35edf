"""The last name in brackets: a district of that name outranks a village abroad."""

from __future__ import annotations

from flashpoint.geo import find_toponyms, resolve_toponyms


def _place(text: str, name: str):
    tops = find_toponyms(text)
    resolve_toponyms(tops, text)
    return next(t for t in tops if t.text == name).place


def test_closing_district_outranks_a_small_village_namesake() -> None:
    # Soum is a Burkinabe province and a Senegalese village of about 5,000
    place = _place("Gunmen burned two lorries near Dalvrek (Soum) overnight.", "Soum")
    assert place is not None and place.country == "BF" and place.kind == "admin2"


def test_closing_name_of_a_large_town_stays_the_town() -> None:
    place = _place("Traders marched through Velmorak (Velmorak, Kumasi) at noon.", "Kumasi")
    assert place is not None and place.country == "GH" and place.kind == "city"
