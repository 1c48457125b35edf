"""Names that only situate the event's place: a bearing point, a road's ends, a unit word."""

from __future__ import annotations

from flashpoint.geo.gazetteer import Place
from flashpoint.geo.name_state import NameState
from flashpoint.geo.narrow_readings import localise_features
from flashpoint.geo.reference_points import bare_unit_word, bearing_subject, link_end
from flashpoint.geo.resolve import _past_link_ends
from flashpoint.work import Toponym


def _top(text, name, kind="place", place=None):
    start = text.index(name)
    return Toponym(start, start + len(name), name, (), place=place, kind=kind)


def test_unit_word_alone_is_no_place_name():
    assert bare_unit_word(Toponym(0, 3, "LGA", kind="local"))
    assert bare_unit_word(Toponym(0, 8, "District", kind="local"))
    assert not bare_unit_word(Toponym(0, 15, "Velmora village", kind="local"))


def test_bearing_point_yields_to_the_name_it_situates():
    text = "Jets struck Velmora district west of Tarsk city on Monday."
    town = Place(None, "Tarsk", 1.0, 2.0, "ZZ", None, None, 50_000, 1, "city")
    velmora, tarsk = _top(text, "Velmora", "local"), _top(text, "Tarsk", place=town)
    assert bearing_subject([velmora, tarsk], tarsk, text) is velmora
    other = "Jets struck Velmora and then Tarsk city on Monday."
    assert (
        bearing_subject(
            [_top(other, "Velmora", "local"), _top(other, "Tarsk", place=town)],
            _top(other, "Tarsk", place=town),
            other,
        ).text
        == "Tarsk"
    )


def test_road_ends_are_recognised():
    text = "Drivers blocked the Lagos-Ibadan expressway near Sagamu for hours."
    assert link_end(text, _top(text, "Lagos"))
    assert link_end(text, _top(text, "Ibadan"))
    assert not link_end(text, _top(text, "Sagamu"))
    assert not link_end("Traders met in Lagos on Monday.", _top("Traders met in Lagos on Monday.", "Lagos"))


def test_road_end_chosen_yields_to_the_town_named_besides_it():
    text = "Angry drivers blocked the Velmora-Tarsk highway in Ostra for hours."
    towns = {
        n: Place(None, n, 1.0, 2.0 + k, "ZZ", None, None, 80_000, 1, "city")
        for k, n in enumerate(("Velmora", "Tarsk", "Ostra"))
    }
    tops = [_top(text, n, place=p) for n, p in towns.items()]
    chosen, rest = _past_link_ends(tops, [tops[0]], text.index("blocked"), text, 0)
    assert [t.text for t in chosen] == ["Ostra"] and [t.text for t in rest] == ["Ostra"]
    # with no other town in the sentence the road's end stays the answer
    chosen, _ = _past_link_ends(tops[:2], [tops[0]], text.index("blocked"), text, 0)
    assert [t.text for t in chosen] == ["Velmora"]


def test_square_far_from_the_town_named_is_local():
    text = "Nurses rallied in Tarsk and later in Velmora square."
    town = Place(None, "Tarsk", 10.0, 20.0, "ZZ", None, None, 300_000, 1, "city")
    far = Place(None, "Velmora", 10.6, 20.0, "ZZ", None, None, 20_000, 1, "city")  # ~67 km
    tarsk, square = _top(text, "Tarsk", place=town), _top(text, "Velmora", place=far)
    square.candidates = (far,)
    state = NameState([tarsk, square], text, features={id(square)})
    localise_features(state)
    assert square.place is far  # a bridge or farm may lie that far out of town
    localise_features(state, {id(square)})
    assert square.place is None and square.kind == "local"
