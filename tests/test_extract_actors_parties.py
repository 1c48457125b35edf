"""Party members, posts of a force, off-duty officers: who acted and what ACLED makes of it."""

from __future__ import annotations

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


def assault(events):
    return next(e for e in events if e.type == "ASSAULT")


def test_members_of_a_league_are_party_people(code):
    ev = assault(code("Members of the Youth League assaulted a shopkeeper in the bazaar on Monday."))
    assert [a.sector for a in ev.actors] == ["PTY"]
    assert ev.acled_sub_event_type == "Mob violence"


def test_named_party_gives_its_country(code):
    ev = assault(code("A leader of the BJP and his men beat a rival candidate in the village."))
    assert (ev.actors[0].name, ev.actors[0].sector, ev.actors[0].country) == (
        "Bharatiya Janata Party",
        "PTY",
        "IN",
    )
    assert ev.acled_sub_event_type == "Mob violence"


def test_supporters_of_a_lawmaker_stay_supporters(code):
    ev = assault(code("Supporters of a local MP attacked the office of a rival candidate with sticks."))
    assert [a.sector for a in ev.actors] == ["PTY"]


def test_relatives_and_rivals_are_a_crowd(code):
    ev = assault(code("Relatives of a patient who died assaulted two nurses at the clinic."))
    assert [a.sector for a in ev.actors] == ["CVL"]
    assert ev.acled_event_type == "Riots"


def test_nearest_modifier_classifies_the_group(code):
    ev = assault(code("Two rival gang members shot a man dead outside a bar."))
    assert [a.sector for a in ev.actors] == ["CRM"]


def test_a_military_post_is_the_army(code):
    ev = assault(code("Insurgents attacked a military checkpoint near the highway on Friday."))
    assert [r.sector for r in ev.recipients] == ["MIL"]
    assert ev.acled_sub_event_type == "Armed clash"


def test_an_off_duty_officer_is_a_civilian(code):
    off = assault(code("Gunmen shot dead an off-duty police officer outside his home."))
    on = assault(code("Gunmen shot dead a police officer outside the station."))
    assert [r.sector for r in off.recipients] == ["CVL"]
    assert off.acled_sub_event_type == "Attack"
    assert [r.sector for r in on.recipients] == ["COP"]
    assert on.acled_sub_event_type == "Armed clash"


def test_an_armed_group_named_as_such_is_a_militia(code):
    ev = assault(code("Fighters of the Allied Democratic Forces killed six villagers overnight."))
    assert ev.actors[0].sector == "REB"
    assert ev.acled_event_type == "Violence against civilians"


def test_ranks_and_divisions_are_military(code):
    ev = assault(code("Unknown gunmen shot dead an army lieutenant near the market."))
    assert [r.sector for r in ev.recipients] == ["MIL"]
    ev = assault(code("Two militiamen attacked a checkpoint of the 5th Division."))
    assert ev.actors[0].sector == "REB"


def test_government_forces_are_the_army(code):
    ev = assault(code("Government forces attacked rebel positions near the town on Monday."))
    assert ev.actors[0].sector == "MIL"
    assert ev.acled_sub_event_type == "Armed clash"


def test_assailants_with_sticks_are_a_mob_with_guns_an_attack(code):
    sticks = assault(code("Assailants beat a shop owner with sticks in the bazaar on Sunday."))
    guns = assault(code("Assailants shot dead a shop owner in the bazaar on Sunday."))
    assert sticks.acled_sub_event_type == "Mob violence"
    assert guns.acled_sub_event_type == "Attack"


def test_an_unarmed_word_does_not_disarm_a_force(code):
    ev = assault(code("Unknown gunmen killed two opposition fighters on the road."))
    assert [r.sector for r in ev.recipients] == ["REB"]
    assert ev.acled_sub_event_type == "Armed clash"


def test_a_shoot_out_makes_the_shooting_a_battle(code):
    ev = assault(
        code("Officers went into a gang hideout on Friday and shot one man dead in the ensuing shootout.")
    )
    assert ev.acled_sub_event_type == "Armed clash"
