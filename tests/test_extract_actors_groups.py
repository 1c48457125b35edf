"""Actors named as groups: armed men of unknown allegiance, supporters, members of a group."""

from __future__ import annotations

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


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


def test_counted_people_take_the_group_they_count(code):
    ev = assault(code("Hundreds of villagers attacked two officials near the market on Sunday."))
    assert [(a.text, a.sector) for a in ev.actors] == [("Hundreds of villagers", "CVL")]


def test_nested_of_group_gives_the_sector(code):
    ev = assault(code("Members of one faction of the ruling party beat a shopkeeper on Monday."))
    assert [a.sector for a in ev.actors] == ["PTY"]


def test_members_of_an_unknown_name_get_no_civilian_sector(code):
    ev = assault(code("Members of Sombra Negra beat a shopkeeper on Monday."))
    assert all(a.sector != "CVL" for a in ev.actors)


def test_members_of_nothing_named_are_civilians(code):
    ev = assault(code("Members of two families attacked each other's houses on Monday."))
    assert [a.sector for a in ev.actors] == ["CVL"]


def test_group_named_after_of_is_the_actor(code):
    ev = assault(code("A group of Imbonerakure beat a farmer in the hills on Friday."))
    assert [(a.name, a.sector) for a in ev.actors] == [("Imbonerakure", "REB")]


def test_commander_is_military_unless_qualified(code):
    ev = assault(code("Insurgents ambushed and killed an army commander on the highway."))
    assert [r.sector for r in ev.recipients] == ["MIL"]
    ev = assault(code("Soldiers shot dead a rebel commander near the border."))
    assert [r.sector for r in ev.recipients] == ["REB"]


def test_agent_named_on_the_last_of_two_passive_verbs(code):
    ev = assault(code("A farmer was beaten and stabbed by his neighbours on Sunday."))
    assert [a.text for a in ev.actors] == ["his neighbours"]


def test_leader_of_a_party_is_party_not_government(code):
    ev = assault(code("A leader of the ruling party beat two nurses at the clinic on Monday."))
    assert [a.sector for a in ev.actors] == ["PTY"]


def test_engaged_in_a_clash_gives_the_clash_its_actors(code):
    evs = code("Two groups of party members engaged in a clash near the market on Monday.")
    ev = next(e for e in evs if e.type == "ASSAULT")
    assert [a.sector for a in ev.actors] == ["PTY"]
    assert ev.acled_sub_event_type == "Mob violence"


def test_capitalised_plural_keeps_its_sector(code):
    ev = next(
        e for e in code("Rebels and soldiers clashed near the border on Monday.") if e.type == "ASSAULT"
    )
    assert sorted(a.sector for a in ev.actors) == ["MIL", "REB"]
