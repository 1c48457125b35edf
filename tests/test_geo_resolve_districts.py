"""Districts, seat towns and province spellings when the village itself is unknown."""

from __future__ import annotations

from flashpoint.geo import find_toponyms, resolve_toponyms
from flashpoint.geo.gazetteer import load_gazetteer
from flashpoint.geo.resolve import locate_event


def _resolved(text):
    tops = find_toponyms(text)
    return tops, resolve_toponyms(tops, text)


def _locate(text, trigger):
    tops, focus = _resolved(text)
    start = text.index(trigger)
    s0 = text.rfind(". ", 0, start)
    s0 = 0 if s0 < 0 else s0 + 2
    s1 = text.find(". ", start)
    s1 = len(text) if s1 < 0 else s1 + 1
    return locate_event(s0, s1, start, tops, focus, text=text)


def test_later_sentence_falls_back_to_district_of_unknown_village():
    text = (
        "On Sunday the army shelled insurgent camps around Buk (Damboa LGA, Borno). "
        "Dozens of fighters were killed."
    )
    locs = _locate(text, "killed")
    assert locs and locs[0].name == "Damboa" and locs[0].precision == 1


def test_unknown_village_in_province_takes_namesake_seat_town():
    # an invented district name: no gazetteer holds it, with or without geoBoundaries
    text = "A bomb damaged two warehouses in Zorvelik district of Mersin on Thursday."
    locs = _locate(text, "damaged")
    assert locs and locs[0].country == "TR" and locs[0].precision == 1


def test_nationality_word_before_region_is_the_region():
    tops, focus = _resolved("A trader was shot by police at a market of Kebri Dahar, in the Somali region.")
    somali = [t for t in tops if t.text == "Somali"][0]
    assert somali.kind == "place" and somali.place.kind == "admin1"
    assert focus == "ET"


def test_state_in_brackets_after_lga_beats_namesake_country():
    tops, focus = _resolved("Vigilantes fought bandits in Rafi LGA (Niger) overnight.")
    niger = [t for t in tops if t.text == "Niger"][0]
    assert niger.place.country == "NG" and niger.place.kind == "admin1"


def test_city_word_keeps_the_city_reading():
    text = "Israeli jets struck a post in the Shujaayah neighbourhood of Gaza city on Monday."
    tops, _ = _resolved(text)
    gaza = [t for t in tops if t.text == "Gaza"][0]
    assert gaza.place.country == "PS"


def test_common_province_spellings_are_indexed():
    gaz = load_gazetteer()
    for name, cc in (
        ("Uruzgan", "AF"),
        ("Wardak", "AF"),
        ("Nineveh", "IQ"),
        ("Sud-Kivu", "CD"),
        ("North Darfur", "SD"),
        ("Lower Shabelle", "SO"),
        ("Ar-Raqqa", "SY"),
    ):
        assert any(p.country == cc and p.kind == "admin1" for p in gaz.lookup(name)), name


def test_alternate_name_of_foreign_town_yields_to_province_context():
    text = "On Friday a roadside bomb exploded by the Karama crossroads, east of the city, in the Ar-Raqqa countryside."
    tops, focus = _resolved(text)
    assert focus == "SY"
    karama = [t for t in tops if t.text == "Karama"]
    assert not karama or karama[0].place is None or karama[0].place.country == "SY"


def test_small_namesake_outside_the_qualifying_district_is_a_local_village():
    # every Pipri the gazetteer holds is in Maharashtra or Madhya Pradesh, hundreds of km
    # from Kaushambi district (Uttar Pradesh): this one is a village it lacks
    text = "A farmer was shot dead in Pipri, Kaushambi (UP) after a quarrel over land."
    locs = _locate(text, "shot")
    assert locs and locs[0].country == "IN"
    assert locs[0].admin1 == "Uttar Pradesh" and "Kaushambi" in (locs[0].admin2 or "")
    assert locs[0].text == "Pipri"


def test_big_town_keeps_its_reading_when_the_province_named_with_it_is_wrong():
    # Nawabshah lies in Sindh; a misnamed province does not turn a city into a village
    text = "Reporters protested outside a press club in Nawabshah (Nawabshah, Punjab) on Friday."
    locs = _locate(text, "protested")
    assert locs and locs[0].name.startswith("Nawabshah") and locs[0].precision == 1
