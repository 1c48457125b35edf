"""ACLED rules: who takes part decides battle, attack on civilians or riot; context and
weapon words decide the rest (ACLED codebook definitions)."""

from __future__ import annotations

import pytest

from flashpoint.errors import DataFileError
from flashpoint.ontology import Ontology, _validate, load_ontology

VAC = ("Violence against civilians", "Attack")
MOB = ("Riots", "Mob violence")
VIOLENT_DEMO = ("Riots", "Violent demonstration")
CLASH = ("Battles", "Armed clash")


@pytest.mark.parametrize(
    "mode, actors, recipients, kw, expected",
    [
        # crowds are rioters, at a protest or not
        ("beat", ["PTY"], ["MED"], {}, MOB),
        ("beat", ["EDU"], ["COP"], {"context": ["protest"]}, VIOLENT_DEMO),
        (None, ["CVL"], [], {}, MOB),
        # one man with a gun is an armed actor, not a mob
        ("firearms", ["CVL"], ["CVL"], {}, VAC),
        # armed groups on both sides fight; against civilians they attack
        (None, ["REB"], ["COP"], {}, CLASH),
        ("firearms", ["UAF"], ["CVL"], {}, VAC),
        ("firearms", ["MIL"], [], {}, CLASH),
        (None, [], ["MIL"], {}, CLASH),
        # property destroyed by armed groups is a strategic development, by others a riot
        ("destroy", ["REB"], [], {}, ("Strategic developments", "Looting/property destruction")),
        ("destroy", [], [], {}, MOB),
        # the dead of a brawl between unarmed sides belong to the brawl
        (None, [], ["CVL"], {"context": ["clash_unarmed"]}, MOB),
        (None, [], ["CVL"], {}, VAC),
    ],
)
def test_assault_maps_by_who_takes_part(mode, actors, recipients, kw, expected):
    assert load_ontology().acled_for("ASSAULT", mode, actors, recipients, **kw) == expected


def test_police_and_a_crowd_fighting_is_the_crowds_riot():
    onto = load_ontology()
    assert onto.acled_for("ASSAULT", None, ["COP"], ["CVL"], mutual=True) == MOB
    assert onto.acled_for("ASSAULT", None, ["COP"], ["CVL"], mutual=True, context=["protest"]) == VIOLENT_DEMO


def test_protest_subtype_follows_what_happened_around_it():
    onto = load_ontology()
    assert onto.acled_for("PROTEST", "demo") == ("Protests", "Peaceful protest")
    assert onto.acled_for("PROTEST", "demo", context=["intervention"]) == (
        "Protests",
        "Protest with intervention",
    )
    assert onto.acled_for("PROTEST", "demo", context=["riot", "intervention"]) == VIOLENT_DEMO
    assert onto.acled_for("ASSAULT", "crowd-control", ["COP"]) == ("Protests", "Protest with intervention")


def test_arrests_at_a_protest_are_an_intervention():
    onto = load_ontology()
    assert onto.acled_for("COERCE", "arrest", ["COP"], ["CVL"], context=["protest"]) == (
        "Protests",
        "Protest with intervention",
    )
    assert onto.acled_for("COERCE", "arrest", ["COP"], ["CVL"]) == ("Strategic developments", "Arrests")


def test_context_flags_raised_by_events():
    onto = load_ontology()
    assert "protest" in onto.flags_raised("PROTEST", "demo", ["EDU"])
    assert "riot" in onto.flags_raised("ASSAULT", "beat", ["CVL"])
    assert "clash_unarmed" in onto.flags_raised("ASSAULT", None, ["PTY"], ["PTY"], mutual=True)
    assert "clash_armed" in onto.flags_raised("ASSAULT", None, ["MIL"], ["REB"], mutual=True)
    assert not onto.flags_raised("ASSAULT", None, ["MIL"], ["CVL"], mutual=True) & {
        "clash_armed",
        "clash_unarmed",
    }


def test_unknown_rule_condition_is_a_data_file_error():
    onto = load_ontology()
    broken = Ontology(
        types=onto.types,
        aliases=onto.aliases,
        sectors=onto.sectors,
        acled_types=onto.acled_types,
        armed_sectors=onto.armed_sectors,
        acled_rules={"ASSAULT": [{"actor_sector": ["MIL"], "acled": list(CLASH)}]},
    )
    with pytest.raises(DataFileError, match="unknown condition"):
        _validate(broken)


def test_a_demand_is_never_an_acled_event_whoever_makes_it():
    onto = load_ontology()
    for sectors in (["LAB"], ["EDU"], ["CVL"], ["GOV"], []):
        assert onto.acled_for("REQUEST", "change", sectors) == (None, None)
    assert onto.acled_for("REQUEST", "change", ["LAB"], context=["protest"]) == (None, None)
    assert "force" in onto.flags_raised("COERCE", "arrest", ["COP"])


def test_curfews_and_bans_change_what_people_may_do():
    onto = load_ontology()
    assert onto.acled_for("COERCE", "curfew", ["GOV"]) == (
        "Strategic developments",
        "Change to group/activity",
    )
    assert onto.acled_for("COERCE", "restrict", ["CVL"]) == ("Protests", "Peaceful protest")


def test_releases_and_armed_groups_handing_out_aid_are_strategic():
    onto = load_ontology()
    assert onto.acled_for("RETREAT", "release", ["GOV"]) == ("Strategic developments", "Other")
    assert onto.acled_for("AID", "humanitarian", ["CRM"]) == (
        "Strategic developments",
        "Change to group/activity",
    )
    # a government's or a charity's aid is not a development ACLED codes
    assert onto.acled_for("AID", "humanitarian", ["NGO"]) == (None, None)


def test_unarmed_attack_on_demonstrators_raises_its_own_flag():
    onto = load_ontology()
    flags = onto.flags_raised("ASSAULT", "beat", ["PTY"], ["CVL"], recipient_words=["the", "demonstrators"])
    assert "attack_on_protest" in flags
    assert "attack_on_protest" not in onto.flags_raised(
        "ASSAULT", "beat", ["PTY"], ["CVL"], recipient_words=["shopkeepers"]
    )
    assert "attack_on_protest" not in onto.flags_raised(
        "ASSAULT", "crowd-control", ["COP"], ["CVL"], recipient_words=["protesters"]
    )


def test_a_star_in_a_words_phrase_stands_for_one_word():
    from flashpoint.ontology import _phrase_in

    assert _phrase_in("during * rally", " attacked them during the rally today ")
    assert not _phrase_in("during * rally", " attacked them during the big rally today ")
    assert _phrase_in("during * * rally", " during the big rally ")
