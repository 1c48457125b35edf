"""Province abbreviations, generic words, feature names and joined names."""

from __future__ import annotations

from flashpoint.geo import find_toponyms, resolve_toponyms


def _resolved(text):
    tops = find_toponyms(text)
    return tops, resolve_toponyms(tops, text)


def _named(tops, text):
    return [t for t in tops if t.text == text]


def test_state_abbreviation_qualifies_town():
    text = "Weavers staged a sit-in on Friday in Salem city (Salem, TN) over unpaid relief."
    tops, focus = _resolved(text)
    assert focus == "IN"
    tn = _named(tops, "TN")[0]
    assert tn.place.name == "Tamil Nadu" and tn.place.kind == "admin1"
    assert all(t.place.country == "IN" for t in _named(tops, "Salem"))


def test_abbreviation_outside_qualifier_slot_is_no_place():
    tops, _ = _resolved("An MP from the ruling party was attacked near his home in Lucknow.")
    assert not _named(tops, "MP")


def test_compass_words_are_never_places():
    tops, _ = _resolved("Gunmen entered Bahema Nord, a hamlet close to Bunia, before dawn.")
    assert not _named(tops, "Nord")
    tops, _ = _resolved("A shop in Veracruz was hit by Molotov cocktails overnight.")
    assert not _named(tops, "Molotov")


def test_feature_name_abroad_is_local():
    text = "Truckers parked across the Palma bridge outside Bohssas, in northern Lebanon, for hours."
    tops, focus = _resolved(text)
    assert focus == "LB"
    palma = _named(tops, "Palma")
    assert not palma or palma[0].place is None or palma[0].place.country == "LB"


def test_hyphenated_pair_falls_back_to_first_name():
    tops, _ = _resolved("Gunmen shot a shopkeeper in Mogadishu-Hodan late on Monday.")
    mog = _named(tops, "Mogadishu")
    assert mog and mog[0].place.country == "SO"


def test_hyphen_after_nationality_marks_owner():
    tops, _ = _resolved("Saudi-led jets struck a market in Sanaa.")
    saudi = _named(tops, "Saudi")
    assert saudi and saudi[0].kind == "demonym"


def test_joined_spelling_of_two_word_name():
    tops, _ = _resolved("Residents protested in Mirpurkhas against power cuts.")
    town = _named(tops, "Mirpurkhas")
    assert town and town[0].place.country == "PK"


def test_names_agree_on_a_country_when_none_is_named():
    tops, focus = _resolved("Weavers protested in Salem and in Hyderabad on Monday.")
    assert focus == "IN"
    assert [t.place.country for t in tops] == ["IN", "IN"]


def test_single_country_qualifier_holds_the_name_it_qualifies():
    tops, focus = _resolved("Wheat fields were burned in Rihaniya in al-Hasakeh by unknown men.")
    assert focus == "SY"
    rihaniya = _named(tops, "Rihaniya")[0]
    assert rihaniya.place is None or rihaniya.place.country == "SY"


def test_loosely_spelt_province_after_in_stays_a_province():
    tops, focus = _resolved("Gunmen shot a civilian in Mansura in Ar-Raqqa.")
    assert focus == "SY"
    raqqa = _named(tops, "Ar-Raqqa")[0]
    assert raqqa.place is not None and raqqa.place.country == "SY"


def test_three_letter_town_after_preposition():
    tops, focus = _resolved("Activists held a rally in central Van on Friday.")
    assert focus == "TR" and _named(tops, "Van")[0].place.country == "TR"
    tops, _ = _resolved("Van drivers went on strike.")
    assert not _named(tops, "Van")


def test_province_after_unit_word_is_kept():
    tops, focus = _resolved("Eleven fighters were killed in Pur Chaman district, Farah.")
    assert focus == "AF"
    assert _named(tops, "Farah")[0].place.country == "AF"


def test_neighbourhood_prefix_makes_a_local_name():
    tops, focus = _resolved("In Salamanca, Guanajuato, two men were shot in Colonia del Parque.")
    assert focus == "MX"
    colonia = _named(tops, "Colonia del Parque")
    assert colonia and colonia[0].kind == "local" and colonia[0].place is None
    assert not _named(tops, "Colonia")


def test_possessive_country_before_army_is_an_owner():
    tops, focus = _resolved("Units of Zambia's army were seen in Moliro (Moba, Tanganyika).")
    zambia = _named(tops, "Zambia")[0]
    assert zambia.kind == "in_org" and focus == "CD"
