"""A name qualified by a town ('Velmora, Tarsk'), and the seat among namesake towns."""

from __future__ import annotations

from flashpoint.geo.gazetteer import UNIT_SOURCE, Place
from flashpoint.geo.qualifiers import pin_admin_pairs
from flashpoint.work import Toponym


def _place(name, lat, lon, kind="city", pop=0, admin1="Dunmar", admin2=None, unit=False):
    return Place(
        None,
        name,
        lat,
        lon,
        "ZZ",
        admin1,
        admin2,
        pop,
        1 if kind == "city" else 2,
        kind,
        UNIT_SOURCE if unit else "geonames",
    )


TARSK = _place("Tarsk", 10.0, 20.0, pop=400_000)
NEAR_VELMORA = _place("Velmora", 10.1, 20.1, kind="admin2", unit=True)
FAR_VELMORA = _place("Velmora", 13.0, 23.0, pop=3_000)


def _pair(text, first, second, third=None):
    tops = [
        Toponym(text.index(first), text.index(first) + len(first), first, (NEAR_VELMORA, FAR_VELMORA)),
        Toponym(text.index(second), text.index(second) + len(second), second, (TARSK,)),
    ]
    if third:
        tops.append(Toponym(text.index(third), text.index(third) + len(third), third, (FAR_VELMORA,)))
    return tops


def test_name_qualified_by_town_keeps_the_reading_near_it():
    text = "Dockers marched through Velmora, Tarsk, on Sunday evening."
    tops = _pair(text, "Velmora", "Tarsk")
    pin_admin_pairs(tops, text)
    assert tops[0].candidates == (NEAR_VELMORA,)


def test_small_name_far_from_its_town_becomes_local():
    text = "Dockers marched through Velmora, Tarsk, on Sunday evening."
    tops = _pair(text, "Velmora", "Tarsk")
    tops[0].candidates = (FAR_VELMORA,)
    pin_admin_pairs(tops, text)
    assert tops[0].kind == "local" and tops[0].candidates == ()


def test_list_of_towns_is_no_qualifier_chain():
    text = "Dockers marched through Velmora, Tarsk and Ostra on Sunday evening."
    tops = _pair(text, "Velmora", "Tarsk", "Ostra")
    pin_admin_pairs(tops, text)
    assert tops[0].candidates == (NEAR_VELMORA, FAR_VELMORA)


def test_seat_of_namesake_district_wins_over_larger_namesake():
    province = _place("Dunmar", 10.0, 20.0, kind="admin1", pop=2_000_000)
    big = _place("Kelso", 12.0, 22.0, pop=30_000)
    seat = _place("Kelso", 10.5, 20.5, pop=20_000)
    district = _place("Kelso", 10.55, 20.45, kind="admin2", pop=60_000)
    text = "Two officers were hurt in Kelso, Dunmar, late on Friday."
    tops = [Toponym(26, 31, "Kelso", (big, seat, district)), Toponym(33, 39, "Dunmar", (province,))]
    pin_admin_pairs(tops, text)
    assert tops[0].place is seat


def test_district_between_a_village_and_its_province_holds_the_village():
    # 'Lisk area of Pellan district (Dunmar)': Lisk's only reading is filed elsewhere but
    # lies within reach of Dunmar's point, and far from Pellan district: it is a village the
    # gazetteer lacks, not that namesake
    text = "Gunmen seized a farm in Lisk area of Pellan district (Dunmar) on Sunday."
    far_lisk = _place("Lisk", 13.0, 23.0, pop=2_000, admin1="Elbrin")
    pellan = _place("Pellan", 10.0, 20.0, kind="admin2")
    dunmar = _place("Dunmar", 12.0, 22.0, kind="admin1")
    tops = [
        Toponym(text.index(n), text.index(n) + len(n), n, (p,))
        for n, p in (("Lisk", far_lisk), ("Pellan", pellan), ("Dunmar", dunmar))
    ]
    pin_admin_pairs(tops, text)
    assert tops[0].kind == "local" and tops[0].candidates == ()
