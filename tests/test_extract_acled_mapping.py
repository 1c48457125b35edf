"""Whole-pipeline ACLED types for short reports written for these tests."""

from __future__ import annotations

from flashpoint.evaluate.geo import primary_event

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


def acled(code, text):
    ev = primary_event(code(text))
    return ev.acled_event_type, ev.acled_sub_event_type


def first(code, text, type_="ASSAULT"):
    """The first event of ``type_`` coded from ``text``."""
    return next(e for e in code(text) if e.type == type_)


def test_party_supporters_beating_people_is_mob_violence(code):
    assert acled(code, "Supporters of the ruling party beat three shopkeepers in the town market.") == (
        "Riots",
        "Mob violence",
    )


def test_villagers_fighting_each_other_is_mob_violence(code):
    text = (
        "Two groups of villagers clashed over a land dispute on Sunday. "
        "Five people were injured in the clash."
    )
    assert acled(code, text)[0] == "Riots"


def test_militants_attacking_soldiers_is_a_battle(code):
    assert acled(code, "Militants attacked an army patrol and killed two soldiers near the border.") == (
        "Battles",
        "Armed clash",
    )


def test_arrests_at_a_protest_are_a_protest_with_intervention(code):
    text = (
        "Hundreds of teachers protested outside the ministry on Monday, demanding higher pay. "
        "Police arrested twelve of them."
    )
    assert acled(code, text)[0] == "Protests"


def test_arrests_after_a_brawl_belong_to_the_brawl(code):
    text = (
        "On Sunday, a group of youths beat two bus conductors at the depot. "
        "Police arrested four of them later that night."
    )
    assert acled(code, text) == ("Riots", "Mob violence")


def test_arrests_alone_are_the_main_event(code):
    assert acled(code, "Police arrested six men suspected of smuggling fuel on Sunday.") == (
        "Strategic developments",
        "Arrests",
    )


def test_a_crowd_attacking_demonstrators_intervenes_in_their_protest(code):
    text = (
        "On Sunday, opposition members staged a protest in the town. "
        "Ruling party activists assaulted the demonstrators with sticks."
    )
    evs = code(text)
    assert {e.type: e.acled_sub_event_type for e in evs} == {
        "PROTEST": "Protest with intervention",
        "ASSAULT": "Protest with intervention",
    }


def test_protesters_fighting_the_police_stay_a_violent_demonstration(code):
    text = (
        "On Sunday, workers threw stones at police outside the factory. "
        "Police fired tear gas at the protesters."
    )
    assert acled(code, text) == ("Riots", "Violent demonstration")


def test_bombs_defused_and_arms_seized_are_disrupted_weapons_use(code):
    assert acled(code, "Police recovered and defused two pipe bombs near the bridge on Monday.") == (
        "Strategic developments",
        "Disrupted weapons use",
    )
    assert acled(code, "Soldiers raided a farm and seized six rifles and ammunition.") == (
        "Strategic developments",
        "Disrupted weapons use",
    )


def test_burning_tyres_make_a_demonstration_violent(code):
    assert acled(
        code, "On Monday, jobless men barricaded the highway with burning tyres to demand work."
    ) == ("Riots", "Violent demonstration")
    assert acled(code, "On Monday, nurses demonstrated quietly outside the clinic.") == (
        "Protests",
        "Peaceful protest",
    )


def test_an_exchange_of_fire_is_a_battle_whoever_fights(code):
    assert acled(code, "On Monday, armed clashes broke out between two clans at the market.") == (
        "Battles",
        "Armed clash",
    )
    assert acled(code, "On Monday, villagers clashed with police over a land dispute.") == (
        "Riots",
        "Mob violence",
    )


def test_gunman_shooting_police_is_a_clash(code):
    ev = first(code, "A man opened fire on two constables near the station on Friday.")
    assert (ev.acled_event_type, ev.acled_sub_event_type) == ("Battles", "Armed clash")


def test_gunman_shooting_a_civilian_is_an_attack(code):
    ev = first(code, "A shopkeeper was shot by a man at the market on Friday.")
    assert ev.acled_event_type == "Violence against civilians"


def test_attack_on_a_checkpoint_is_a_clash(code):
    ev = first(code, "Insurgents attacked an army checkpoint outside the town on Monday.")
    assert ev.acled_event_type == "Battles"


def test_party_men_beating_people_during_a_rally_break_it_up(code):
    text = "Ruling party members beat opposition members with sticks during the rally of the opposition in the town."
    ev = first(code, text)
    assert ev.acled_sub_event_type == "Protest with intervention"


def test_workers_wrecking_buses_during_their_demonstration_riot(code):
    text = "Factory workers vandalised buses during a demonstration on the highway on Monday."
    ev = first(code, text)
    assert ev.acled_event_type == "Riots"


def test_members_from_a_group_take_its_sector(code):
    ev = first(code, "Members from a local militia beat a trader on Friday.")
    assert [a.sector for a in ev.actors] == ["REB"]


def test_two_sides_known_only_by_name_clashing_is_an_armed_clash(code):
    ev = first(code, "Kaspar Dorn clashed with Ivo Lenz near the river on Monday.")
    assert (ev.acled_event_type, [a.sector for a in ev.actors]) == ("Battles", ["ELI"])


def test_drone_shot_down_is_disrupted_weapons_use(code):
    ev = first(code, "Army units shot down a drone over the airbase on Monday.")
    assert ev.acled_sub_event_type == "Disrupted weapons use"


def test_old_ordnance_going_off_is_other(code):
    text = "A boy was killed when an unexploded shell went off in a field on Monday."
    ev = first(code, text)
    assert ev.acled_sub_event_type == "Other"


def test_group_of_armed_men_is_an_armed_group(code):
    ev = first(code, "A group of armed men torched two lorries near the farm on Monday.")
    assert [a.sector for a in ev.actors] == ["UAF"]


def test_one_person_beating_another_is_an_attack_not_a_mob(code):
    ev = first(code, "A nurse was beaten by a man outside the clinic on Monday.")
    assert ev.acled_sub_event_type == "Attack"
    ev = first(code, "A mob beat a nurse outside the clinic on Monday.")
    assert ev.acled_sub_event_type == "Mob violence"


def test_crowd_setting_off_bombs_and_the_hurt_told_next_are_one_riot(code):
    text = (
        "Party supporters exploded three crude bombs beside a school used for polling on Monday. "
        "At least four people were injured."
    )
    evs = [e for e in code(text) if e.type == "ASSAULT"]
    assert [e.trigger.text for e in evs] == ["exploded", "injured"]
    assert {e.acled_sub_event_type for e in evs} == {"Mob violence"}


def test_a_demonstration_with_barricades_on_fire_is_violent(code):
    ev = first(code, "Residents demonstrated on the ring road with barricades on fire on Monday.", "PROTEST")
    assert ev.acled_sub_event_type == "Violent demonstration"


def test_sound_grenades_at_a_crowd_are_crowd_control(code):
    ev = first(code, "Police fired sound grenades at the marchers in the square on Monday.")
    assert ev.acled_event_type == "Protests"


def test_crude_bombs_thrown_by_unnamed_men_are_mob_violence(code):
    ev = first(code, "Unidentified men hurled three crude bombs at a party office on Monday.")
    assert ev.acled_sub_event_type == "Mob violence"


def test_beating_people_during_another_party_s_rally_breaks_it_up(code):
    text = (
        "Ruling party men beat opposition members in the town during the opposition's anti-government rally."
    )
    ev = first(code, text)
    assert ev.acled_sub_event_type == "Protest with intervention"
