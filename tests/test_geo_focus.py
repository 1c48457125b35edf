"""Country focus, loose spellings and qualifier chains (invented sentences, real places)."""

from __future__ import annotations

import pytest

from flashpoint.geo import find_toponyms, resolve_toponyms
from flashpoint.geo.document_countries import is_owner_modifier
from flashpoint.work import Toponym
from geo_locate import locate_in_text


def _locate(text: str, trigger: str):
    _tops, focus, locs = locate_in_text(text, trigger)
    return focus, locs


@pytest.mark.parametrize(
    "text,name,owner",
    [
        ("traders angry at the US dollar rate", "US", True),
        ("jets of the Saudi-led alliance", "Saudi", True),
        ("Turkish forces fired", "Turkish", True),
        ("shells fired by troops of Armenia", "Armenia", True),
        ("they marched through Turkey", "Turkey", False),
    ],
)
def test_owner_modifier(text, name, owner):
    start = text.index(name)
    assert is_owner_modifier(text, Toponym(start, start + len(name), name)) is owner


def test_currency_does_not_make_the_focus():
    text = "Crowds angry at the soaring US dollar rate burned tyres in Sidon on Tuesday."
    focus, locs = _locate(text, "burned")
    assert focus == "LB"
    assert [(loc.text, loc.country) for loc in locs] == [("Sidon", "LB")]


def test_foreign_actor_does_not_pull_the_place():
    text = "Saudi-led coalition jets struck a fuel depot in Sanaa overnight."
    focus, locs = _locate(text, "struck")
    assert focus == "YE" and locs[0].country == "YE" and locs[0].text == "Sanaa"


def test_both_sides_named_as_owners_leave_the_named_place():
    text = "Troops of Armenia shelled army posts located at Kokhanebi, Tovuz on Friday."
    _focus, locs = _locate(text, "shelled")
    assert locs and all(loc.country == "AZ" for loc in locs)
    assert "Armenia" not in [loc.text for loc in locs]


def test_loose_spelling_abroad_is_not_taken():
    text = "Villagers blocked the road near Faaour on Monday to protest power cuts."
    _focus, locs = _locate(text, "blocked")
    assert all(loc.country != "US" for loc in locs)


def test_exact_village_abroad_yields_to_the_province():
    text = "Two guards were killed when a bomb hit their truck in Buleda (Kech, Balochistan)."
    focus, locs = _locate(text, "killed")
    assert focus == "PK"
    assert [(loc.text, loc.country) for loc in locs] == [("Buleda", "PK")]


def test_unknown_village_takes_its_district_town():
    text = "Gunmen attacked a police post in Debiro (Biu LGA, Borno) at dawn."
    _focus, locs = _locate(text, "attacked")
    assert [(loc.text, loc.name, loc.country, loc.precision) for loc in locs] == [("Debiro", "Biu", "NG", 1)]


def test_outer_qualifier_sets_the_country():
    text = "Youths threw stones at a patrol in Abr Badr area (Tuban, Lahij) on Sunday."
    focus, locs = _locate(text, "threw")
    assert focus == "YE" and locs and all(loc.country == "YE" for loc in locs)


def test_state_abbreviation_is_a_qualifier():
    text = "Border posts traded fire overnight near Poonch town (Poonch district, J&K), officials said."
    _focus, locs = _locate(text, "traded")
    assert locs and all(loc.country == "IN" for loc in locs)


def test_province_chosen_yields_to_the_town_it_qualifies():
    text = "On Sunday, in Acapulco de Juarez, Guerrero, taxi drivers protested against fuel prices."
    _focus, locs = _locate(text, "protested")
    assert [(loc.name, loc.precision) for loc in locs] == [("Acapulco de Juarez", 1)]


def test_unknown_village_without_qualifier_takes_the_focus_country():
    text = "In Madagascar, cattle thieves looted homes in Tsaramandrosoa village on Monday."
    focus, locs = _locate(text, "looted")
    assert focus == "MG"
    assert locs and all(loc.country == "MG" and loc.lat is not None for loc in locs)


def test_a_foreign_village_matched_by_an_alternate_spelling_does_not_set_the_focus():
    # 'Andar' is a district of Ghazni, and also a listed spelling of Andard (France, ~2,300 people)
    focus, locs = _locate("Taliban fighters attacked a checkpoint in Andar district, Ghazni.", "attacked")
    assert focus == "AF"
    assert locs and all(loc.country == "AF" for loc in locs)


def test_a_quarter_named_like_a_distant_town_takes_the_point_of_the_town_reported():
    text = (
        "In Contagem, Minas Gerais, gunmen in a car wounded a street vendor in the "
        "Jardim Laguna neighborhood on Sunday."
    )
    focus, locs = _locate(text, "wounded")
    assert focus == "BR"
    # the quarter's whole name ('Jardim' alone is another spelling of a far-off city)
    assert locs and locs[0].name == "Contagem" and locs[0].text == "Jardim Laguna"


def test_a_feature_name_keeps_its_town_when_no_other_town_is_named():
    tops = find_toponyms("Gunmen wounded a vendor at the Contagem market in Brazil.")
    resolve_toponyms(tops, "Gunmen wounded a vendor at the Contagem market in Brazil.")
    contagem = next(t for t in tops if t.text == "Contagem")
    assert contagem.place is not None and contagem.place.name == "Contagem"


def test_an_armed_group_tied_to_one_country_tips_an_ambiguous_province():
    # Al Jawf is a province of Saudi Arabia (more people) and of Yemen
    text = "Pro-Houthi air defences fired at coalition aircraft flying over Al Jawf governorate."
    focus, locs = _locate(text, "fired")
    assert focus == "YE" and locs and locs[0].country == "YE"
    bare = "Air defences fired at coalition aircraft flying over Al Jawf governorate."
    assert _locate(bare, "fired")[1][0].country == "SA"


def test_a_one_country_admin_word_names_the_country():
    # Niger is a country and a Nigerian state; an LGA exists only in Nigeria
    focus, locs = _locate(
        "Bandits raided farms outside Mariga (Mariga LGA, Niger) and stole cattle.", "raided"
    )
    assert focus == "NG" and locs and locs[0].country == "NG"
    assert _locate("Bandits raided a farm settlement in Niger and stole cattle.", "raided")[0] == "NE"


def test_named_forces_tell_the_country_and_short_names_count_only_in_capitals():
    from flashpoint.geo.document_countries import group_votes

    assert group_votes("LNA forces shelled the suburb overnight.") == {"LY": group_votes("LNA")["LY"]}
    assert "LY" not in group_votes("The lna in lower case is just letters.")
    assert set(group_votes("FARDC soldiers and Tatmadaw troops")) == {"CD", "MM"}
