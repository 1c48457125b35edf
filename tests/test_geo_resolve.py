"""Disambiguation and choosing the place of an event."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.geo import find_toponyms, load_gazetteer, locate_event, resolve_toponyms
from flashpoint.geo.resolve import distance_km
from flashpoint.geo.stage import LocateStage, ToponymStage
from flashpoint.models import Document, Mention
from flashpoint.work import Candidate, Work

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SENTENCE = (
    "Kosovo Serbs protested again on Monday in front of the municipality buildings of "
    "Zvecan, Zubin Potok, and Leposavic in the northern Mitrovica District"
)


def _resolved(text):
    tops = find_toponyms(text)
    return tops, resolve_toponyms(tops, text)


def test_distance_km():
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.5)


def test_focus_country_and_places():
    text = "Serbian and Kosovar leaders met. " + SENTENCE + "."
    tops, focus = _resolved(text)
    assert focus == "XK"
    zvecan = [t for t in tops if t.text == "Zvecan"][0]
    assert zvecan.place.country == "XK" and zvecan.place.kind == "city" and zvecan.score > 0.5


def test_monday_protests_are_placed_in_the_three_towns():
    text = SENTENCE + ", trying to stop newly elected Albanian mayors."
    tops, focus = _resolved(text)
    trigger = text.index("protested")
    locs = locate_event(0, len(text), trigger, tops, focus, load_gazetteer(), text=text)
    assert [loc.text for loc in locs] == ["Zvecan", "Zubin Potok", "Leposavic"]
    gold = [(42.9075, 20.8403), (42.9144, 20.6897), (43.1039, 20.8028)]
    for loc, (lat, lon) in zip(locs, gold):
        assert distance_km(loc.lat, loc.lon, lat, lon) < 15
        assert loc.precision == 1 and loc.country == "XK"
        assert text[loc.start : loc.end] == loc.text


def test_reference_article_monday_protests():
    path = SHARED / "seed" / "kfor-2023-05-29.txt"
    if not path.exists():
        pytest.skip("../shared is absent")
    text = path.read_text(encoding="utf-8")
    tops, focus = _resolved(text)
    assert focus == "XK"
    start = text.index("Kosovo Serbs protested again")
    end = text.index(".", text.index("Mitrovica District"))
    locs = locate_event(start, end, text.index("protested", start), tops, focus, load_gazetteer(), text=text)
    assert [loc.name for loc in locs] == ["Zvecan", "Zubin Potok", "Leposaviq"]


def test_admin_context_picks_the_right_namesake():
    text = "Fighting broke out in Zamora, Michoacan on Sunday."
    tops, _ = _resolved(text)
    assert tops[0].place.country == "MX"
    locs = locate_event(0, len(text), text.index("broke"), tops, None, text=text)
    assert [loc.text for loc in locs] == ["Zamora"]


def test_region_gives_province_precision():
    text = "KFOR increased its presence in northern Kosovo."
    tops, focus = _resolved(text)
    locs = locate_event(0, len(text), text.index("increased"), tops, focus, text=text)
    assert len(locs) == 1 and locs[0].precision == 3 and locs[0].country == "XK"


def test_demonyms_and_actors_fall_back_to_the_country():
    text = "Serbia ordered its army to the border. Serbian police stayed put."
    tops, focus = _resolved(text)
    s = text.index("Serbian police")
    locs = locate_event(s, len(text), text.index("stayed"), tops, focus, text=text)
    assert len(locs) == 1 and locs[0].country == "RS" and locs[0].precision == 4 and locs[0].start is None


def test_nothing_known_gives_no_location():
    text = "Someone said something."
    tops, focus = _resolved(text)
    assert focus is None and locate_event(0, len(text), 8, tops, focus, text=text) == []


def test_stages_fill_the_work_item():
    text = SENTENCE + "."
    work = Work(document=Document(id="d1", text=text))
    ToponymStage()(work)
    assert work.focus_country == "XK" and work.toponyms
    t = text.index("protested")
    work.candidates = [
        Candidate(
            type="PROTEST",
            mode=None,
            trigger=Mention("protested", t, t + 9),
            sentence=Mention(text, 0, len(text)),
        )
    ]
    LocateStage()(work)
    assert len(work.candidates[0].locations) == 3


def test_lone_village_after_preposition_is_accepted():
    # nothing else names a country: the unique gazetteer match after "in" is the place
    text = "Police arrested 12 protesters in Leposavic on Friday."
    tops, focus = _resolved(text)
    locs = locate_event(0, len(text), text.index("arrested"), tops, focus, load_gazetteer(), text=text)
    assert len(locs) == 1 and locs[0].precision == 1 and locs[0].country == "XK"
    assert distance_km(locs[0].lat, locs[0].lon, 43.1039, 20.8028) < 15


def test_unknown_local_name_takes_its_qualifier_not_the_country():
    text = "Imbonerakure beat a man in the Qwzxy neighbourhood of Pristina on Monday."
    tops, focus = _resolved(text)
    locs = locate_event(0, len(text), text.index("beat"), tops, focus, load_gazetteer(), text=text)
    assert locs and locs[0].country == "XK"
    # a local name never claims its own name with a country's point
    assert not (locs[0].precision == 4 and locs[0].name == "Qwzxy")


def test_admin_qualifiers_choose_the_namesake():
    text = "On Saturday journalists rallied outside the press club of Hyderabad (Hyderabad, Sindh)."
    tops, _ = _resolved(text)
    assert tops[0].place.country == "PK"


def test_event_place_inferred_from_an_earlier_sentence():
    text = "Residents of Zamora, Michoacan, called the police on Saturday. Officers said a man had been beheaded."
    tops, focus = _resolved(text)
    s = text.index("Officers said")
    locs = locate_event(s, len(text), text.index("beheaded"), tops, focus, load_gazetteer(), text=text)
    assert locs and locs[0].country == "MX" and locs[0].precision == 1 and locs[0].start is None


def test_town_across_the_focus_border_is_kept():
    # "Serbs" points at Serbia, but Zvecan is a town just over the line in Kosovo
    text = "Hundreds of Serbs protested in Zvecan on Friday."
    tops, focus = _resolved(text)
    zvecan = next(t for t in tops if t.text == "Zvecan")
    assert focus == "RS" and zvecan.place is not None and zvecan.place.country == "XK"
    gaz = load_gazetteer()
    assert gaz.near_country(zvecan.place, "RS") and not gaz.near_country(zvecan.place, "CL")


@pytest.mark.parametrize(
    ("preposition", "country"),
    [
        # the sentence says where its people are: that town, though abroad from the focus
        ("at", "MK"),
        # a town of origin says nothing of where the act was: the earlier sentence's town
        ("from", "RS"),
    ],
)
def test_inferred_place_prefers_a_town_the_sentence_puts_people_in(preposition, country):
    from flashpoint.geo.locations import inferred_location

    second = f"Drivers {preposition} Gevgelija told reporters that customs officers had refused them."
    text = "Serbian police said they arrested two Serbian men near Niš on Monday. " + second
    tops, focus = _resolved(text)
    start = text.index(second)
    here = [t for t in tops if t.start >= start]
    locs = inferred_location(here, tops, start, focus, load_gazetteer(), text)
    assert focus == "RS" and locs and locs[0].country == country and locs[0].precision == 1
