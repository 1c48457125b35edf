"""When a geoBoundaries district reading stands, yields to its town, or is dropped."""

from __future__ import annotations

from collections import Counter

from flashpoint.geo.district_units import is_unit, settle_units, unit_only
from flashpoint.geo.gazetteer import Place
from flashpoint.geo.name_state import NameState
from flashpoint.work import Toponym


def _unit(name: str, lat: float, lon: float, cc: str = "QA", admin1: str = "Dunmar") -> Place:
    return Place(None, name, lat, lon, cc, admin1, None, 0, 2, "admin2", "geoboundaries")


def _town(name: str, lat: float, lon: float, cc: str = "QA", pop: int = 20_000) -> Place:
    return Place(1, name, lat, lon, cc, "Dunmar", None, pop, 1, "city")


def _at(text: str, name: str, *cands: Place, chosen: Place | None = None) -> Toponym:
    start = text.index(name)
    return Toponym(start, start + len(name), name, tuple(cands), place=chosen or cands[0])


def _settle(
    text: str,
    toponyms: list[Toponym],
    words: Counter[str] | None = None,
    pinned: set[int] | None = None,
    features: set[int] | None = None,
) -> None:
    votes = words or Counter()
    focus = votes.most_common(1)[0][0] if votes else None
    state = NameState(toponyms, text, pinned=pinned or set(), features=features or set(), word_votes=votes)
    state.focus = focus
    settle_units(state)


def test_unit_only_and_is_unit() -> None:
    t = Toponym(0, 7, "Velmora", (_unit("Velmora", 25.0, 51.0),))
    assert unit_only(t) and is_unit(t.candidates[0])
    assert not unit_only(Toponym(0, 7, "Velmora", (_unit("Velmora", 25.0, 51.0), _town("Velmora", 26, 51))))


def test_district_backed_by_another_name_of_its_country_stands() -> None:
    text = "Gunmen attacked a school in Velmora near Dunmarton."
    v = _at(text, "Velmora", _unit("Velmora", 25.0, 51.0))
    d = _at(text, "Dunmarton", _town("Dunmarton", 25.2, 51.1))
    _settle(text, [v, d])
    assert v.place is not None and v.place.name == "Velmora" and v.kind == "place"


def test_district_in_a_country_the_text_does_not_point_to_becomes_a_local_name() -> None:
    text = "Omani jets hit a farm in Velmora on Monday."
    v = _at(text, "Velmora", _unit("Velmora", 25.0, 51.0))
    _settle(text, [v], words=Counter({"OM": 1.0}))
    assert v.place is None and v.kind == "local"


def test_district_named_alone_in_a_text_pointing_nowhere_stands() -> None:
    text = "Gunmen hit a farm in Velmora on Monday."
    v = _at(text, "Velmora", _unit("Velmora", 25.0, 51.0))
    _settle(text, [v])
    assert v.place is not None and v.kind == "place"


def test_admin_word_after_the_name_backs_the_district_far_from_other_places() -> None:
    text = "Jets hit a farm in Velmora district and in Dunmarton."
    v = _at(text, "Velmora", _unit("Velmora", 29.0, 55.0))
    d = _at(text, "Dunmarton", _town("Dunmarton", 25.2, 51.1))
    _settle(text, [v, d])
    assert v.place is not None and v.place.source == "geoboundaries"


def test_district_yields_to_its_namesake_town() -> None:
    text = "Police clashed with protesters in Velmora district of Dunmar."
    unit, town = _unit("Velmora", 25.0, 51.0), _town("Velmora", 25.2, 51.2)
    v = _at(text, "Velmora", unit, town, chosen=unit)
    _settle(text, [v])
    assert v.place is town


def test_district_far_from_every_other_place_named_is_dropped() -> None:
    text = "Troops at Velmora shelled positions near Dunmarton and Elbrin."
    v = _at(text, "Velmora", _unit("Velmora", 29.0, 55.0))
    d = _at(text, "Dunmarton", _town("Dunmarton", 25.2, 51.1))
    e = _at(text, "Elbrin", _town("Elbrin", 25.3, 51.3))
    _settle(text, [v, d, e])
    assert v.kind == "local"


def test_a_province_after_the_name_that_is_not_its_own_drops_the_district() -> None:
    text = "Youths beat a man in Velmora (Tarsk, Dunmarton)."
    v = _at(text, "Velmora", _unit("Velmora", 25.0, 51.0, admin1="Sarvel"))
    d = _at(text, "Dunmarton", _town("Dunmarton", 26.5, 51.1))
    _settle(text, [v, d], words=Counter({"QA": 1.0}))
    assert v.kind == "local"


def test_street_named_like_a_district_is_no_district() -> None:
    text = "Vendors protested in Velmora Street near Dunmarton."
    v = _at(text, "Velmora", _unit("Velmora", 25.0, 51.0))
    d = _at(text, "Dunmarton", _town("Dunmarton", 25.2, 51.1))
    _settle(text, [v, d], features={id(v)})
    assert v.kind == "local"


def test_districts_sharing_a_name_stand_only_when_a_qualifier_chose_one() -> None:
    text = "Youths beat a man in Velmora district on Monday."
    a, b = _unit("Velmora", 25.0, 51.0), _unit("Velmora", 26.0, 51.5, admin1="Sarvel")
    v = _at(text, "Velmora", a, b)
    _settle(text, [v])
    assert v.kind == "local" and v.place is None
    w = _at(text, "Velmora", a, b, chosen=b)
    _settle(text, [w], pinned={id(w)})
    assert w.place is b


def test_a_province_word_after_a_district_only_name_drops_the_district() -> None:
    text = "Troops clashed with rebels in Velmora State on Monday."
    v = _at(text, "Velmora", _unit("Velmora", 25.0, 51.0))
    _settle(text, [v])
    assert v.kind == "local"
