"""Actors named as groups: armed men of unknown allegiance, supporters, members of a group."""
from __future__ import annotations


def assault(events):
    return next(e for e in events if e.type == "ASSAULT")


def test_armed_men_are_an_unidentified_armed_group(code):
    ev = assault(code("Three armed men shot a shopkeeper in the market on Tuesday."))
    assert [a.sector for a in ev.actors] == ["UAF"]


def test_armed_forces_stay_military(code):
    ev = assault(code("The armed forces attacked rebel positions near the river."))
    assert ev.actors and ev.actors[0].sector == "MIL"


def test_supporters_are_party_people(code):
    ev = assault(code("Supporters of the mayor beat two reporters outside the town hall."))
    assert [a.sector for a in ev.actors] == ["PTY"]
    assert [r.sector for r in ev.recipients] == ["MED"]


def test_members_take_the_sector_of_their_group(code):
    ev = assault(code("Members of a local militia attacked a police checkpoint."))
    assert [a.sector for a in ev.actors] == ["REB"]
