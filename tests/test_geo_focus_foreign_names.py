"""Names that say whose people or forces they are, or that only look like places, must not
move the document's country (invented sentences, real places)."""

from __future__ import annotations

import pytest

from flashpoint.geo.document_countries import is_owner_modifier
from flashpoint.work import Toponym
from geo_locate import locate_in_text

_locate = locate_in_text


@pytest.mark.parametrize(
    "text,name,owner",
    [
        ("Syrian mercenaries were seen", "Syrian", True),
        ("Chinese tourists were detained", "Chinese", True),
        ("Turkish border guards fired", "Turkish", True),
        ("Israeli settlers threw stones", "Israeli", True),
        ("a Syrian border town", "Syrian", False),
    ],
)
def test_people_named_by_nationality_are_owners(text, name, owner):
    start = text.index(name)
    assert is_owner_modifier(text, Toponym(start, start + len(name), name)) is owner


def test_foreign_fighters_do_not_outvote_the_town():
    text = "Fighters clashed with Syrian mercenaries near Misrata on Sunday."
    _tops, focus, locs = _locate(text, "clashed")
    assert focus == "LY"
    assert [(loc.text, loc.country) for loc in locs] == [("Misrata", "LY")]


def test_visitors_nationality_is_not_the_focus():
    text = "Chinese tourists scuffled with police in Kathmandu on Monday."
    _tops, focus, locs = _locate(text, "scuffled")
    assert focus == "NP" and locs[0].country == "NP"


def test_province_closing_a_chain_follows_the_leader_not():
    # 'Saudi-led' names the foreign side: Al Jawf here is Yemen's governorate
    text = "Airstrikes hit farms outside Al Hazm (Al Hazm, Al Jawf) after a Saudi-led raid."
    _tops, focus, locs = _locate(text, "hit")
    assert focus == "YE"
    assert locs and all(loc.country == "YE" for loc in locs)


def test_town_list_is_not_a_qualifier_chain_abroad():
    text = "Lebanese activists detained in Sidon, Tripoli and Zahle said they were beaten."
    tops, focus, _locs = _locate(text, "detained")
    assert focus == "LB"
    by_text = {t.text: t for t in tops}
    assert by_text["Tripoli"].place.country == "LB"
    assert by_text["Sidon"].place is not None and by_text["Sidon"].place.country == "LB"


def test_town_larger_than_a_namesake_unit_abroad_stands():
    text = "A taxi driver was stabbed on Friday near Montego Bay, Saint James Parish."
    _tops, focus, locs = _locate(text, "stabbed")
    assert focus == "JM"
    assert [(loc.text, loc.country) for loc in locs] == [("Montego Bay", "JM")]


def test_armed_group_is_not_a_village():
    text = "Eleven inmates escaped on Sunday from Taliban jails in Kunduz province."
    tops, focus, locs = _locate(text, "escaped")
    assert "Taliban" not in [t.text for t in tops]
    assert focus == "AF" and locs[0].country == "AF"


def test_country_is_never_a_loose_spelling():
    text = "Elders protested in the Ghani Khel area of Nangarhar."
    tops, focus, _locs = _locate(text, "protested")
    assert all(t.place is None or t.place.country != "GH" for t in tops)
    assert focus == "AF"
