"""Roads, farms and villages named after places, longer names that hold a city's name,
and province spellings (invented sentences, real places)."""

from __future__ import annotations

from flashpoint.facade import extract
from flashpoint.geo import find_toponyms
from flashpoint.geo.toponyms import admin_joined, parenthetical_qualifier
from geo_locate import locate_in_text

_locate = locate_in_text


def test_road_named_after_a_small_town_places_the_event():
    text = "Protesters blocked the Halba highway with burning tyres."
    _tops, focus, locs = _locate(text, "blocked")
    assert focus == "LB"
    assert [loc.country for loc in locs] == ["LB"] and locs[0].name == "Halba"


def test_road_named_by_another_spelling_of_a_hamlet_abroad_is_not_placed():
    tops, _focus, locs = _locate("Protesters blocked the Jiyeh highway at dawn.", "blocked")
    assert all(t.place is None for t in tops)
    assert all(loc.country != "IL" for loc in locs)


def test_other_spelling_of_a_capital_inside_a_longer_name():
    tops = find_toponyms("A watchman was beaten at Sana Bharandi village, Umerkote block, Odisha.")
    assert all(t.place is None or t.place.country != "YE" for t in tops)


def test_farm_named_like_a_town_abroad_is_local():
    text = "Police clashed with gunmen at the Mendez farm in El Refugio (Ahuachapan)."
    tops, focus, locs = _locate(text, "clashed")
    assert focus == "SV"
    assert next(t for t in tops if t.text == "Mendez").place is None
    assert all(loc.country == "SV" for loc in locs)


def test_village_far_from_its_qualified_town_is_local():
    text = "Two farmers were shot dead at Hamirpur village, close to Rapar (Kachchh, Gujarat)."
    tops, _focus, locs = _locate(text, "shot")
    assert next(t for t in tops if t.text == "Hamirpur").place is None
    assert locs[0].name == "Rapar"


def test_article_binds_a_city_name_into_a_longer_one():
    tops = find_toponyms("Rebels of Ahrar al Sham clashed with a rival faction in Al Bab.")
    assert [t.text for t in tops] == ["Al Bab"]
    tops = find_toponyms("Gunmen fired at a bus outside Santa Catarina de las Flores, Jalisco.")
    assert "Santa Catarina" not in [t.text for t in tops]


def test_bracketed_spelling_before_qualifiers():
    text = "Jets struck Thirah hill [Jabal Thirah] (Mukayras, Al Bayda) at dawn."
    start = text.index("Mukayras")
    assert parenthetical_qualifier(text, start, start + len("Mukayras"))
    assert "Mukayras" in [t.text for t in find_toponyms(text)]


def test_province_spelling_alias():
    _tops, focus, locs = _locate("Hundreds marched in Thi Qar province.", "marched")
    assert focus == "IQ" and locs[0].country == "IQ"


def test_unknown_village_with_bracketed_spelling_takes_its_qualifier():
    text = "Gunmen killed four herders in the village of Tondibia [Tondibiya] (Anzourou, Tillaberi)."
    a = text.index("Tondibia") + len("Tondibia")
    assert admin_joined(text, a, text.index("Anzourou"))
    # the parser may end the sentence inside the brackets: the qualifiers still hold
    events = extract(text, "2021-06-03")
    assert events
    loc = events[0].location
    assert loc.text == "Tondibia" and loc.country == "NE" and loc.precision < 4
