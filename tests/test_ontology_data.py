"""The ontology and lexicon data files load, agree with each other and hold no YAML traps."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from flashpoint.errors import DataFileError
from flashpoint.extraction.lexicon import load_actors, load_modality, load_triggers
from flashpoint.ontology import Ontology, load_ontology

PLOVER_16 = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def test_ontology_has_the_sixteen_plover_types_with_modes():
    onto = load_ontology()
    assert set(onto.types) == PLOVER_16
    assert "demo" in onto.modes("PROTEST") and "boycott" in onto.modes("PROTEST")
    assert "troops" in onto.modes("MOBILIZE") and "police" in onto.modes("MOBILIZE")
    assert onto.canonical_type("demand") == "REQUEST"
    assert onto.canonical_type("FIGHT") == "ASSAULT"
    with pytest.raises(DataFileError):
        onto.canonical_type("PICNIC")


@pytest.mark.parametrize(
    "type_,mode,actors,recipients,expected",
    [
        ("PROTEST", "demo", [], [], ("Protests", "Peaceful protest")),
        ("PROTEST", "riot", [], [], ("Riots", "Violent demonstration")),
        ("REQUEST", None, ["IGO"], ["GOV"], (None, None)),
        ("ASSAULT", None, ["COP"], ["CVL"], ("Violence against civilians", "Attack")),
        ("ASSAULT", None, ["MIL"], ["REB"], ("Battles", "Armed clash")),
        ("ASSAULT", "aerial", ["MIL"], [], ("Explosions/Remote violence", "Air/drone strike")),
        ("ASSAULT", None, ["UAF"], ["CVL"], ("Violence against civilians", "Attack")),
        ("COERCE", "arrest", ["COP"], ["CVL"], ("Strategic developments", "Arrests")),
        ("COERCE", "ban", ["GOV"], [], ("Strategic developments", "Change to group/activity")),
        ("COERCE", "censor", ["GOV"], [], (None, None)),
        ("MOBILIZE", "troops", ["MIL"], [], ("Strategic developments", "Change to group/activity")),
    ],
)
def test_acled_mapping(type_, mode, actors, recipients, expected):
    assert load_ontology().acled_for(type_, mode, actors, recipients) == expected


def test_every_acled_target_is_an_acled_type():
    onto = load_ontology()
    for rules in onto.acled_rules.values():
        for rule in rules:
            event_type, sub = rule["acled"]
            assert sub in onto.acled_types[event_type]


def test_lexicons_load_and_use_only_ontology_types():
    onto = load_ontology()
    lex = load_triggers()
    entries = [e for group in (lex.verbs, lex.nouns) for es in group.values() for e in es]
    assert len(entries) > 150
    for e in entries:
        assert e.type in onto.types
        assert e.mode is None or e.mode in onto.modes(e.type)
        assert 0 < e.confidence <= 1
    actors = load_actors()
    assert actors.named["kfor"]["name"] == "KFOR"
    assert set(actors.sector_nouns.values()) <= set(onto.sectors)
    assert "no" in load_modality().negators
    assert {"clash", "exchange"} <= lex.mutual


def _strings_only(node, where=""):
    """YAML 1.1 reads bare on/off/yes/no as booleans: a word list must hold strings."""
    if isinstance(node, dict):
        for k, v in node.items():
            assert not isinstance(k, bool), f"{where}: key {k!r} parsed as a boolean"
            _strings_only(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            assert not isinstance(v, bool), f"{where}[{i}] parsed as a boolean"
            _strings_only(v, f"{where}[{i}]")


@pytest.mark.parametrize(
    "name", ["ontology.yaml", "lexicons/triggers.yaml", "lexicons/actors.yaml", "lexicons/modality.yaml"]
)
def test_data_file_word_lists_are_strings(name):
    text = resources.files("flashpoint").joinpath("data", *name.split("/")).read_text("utf-8")
    _strings_only(yaml.safe_load(text), name)


def test_bad_acled_mapping_is_a_data_file_error():
    from flashpoint import ontology as mod

    onto = load_ontology()
    broken = Ontology(
        types=onto.types,
        aliases=onto.aliases,
        sectors=onto.sectors,
        acled_types=onto.acled_types,
        acled_rules={"PROTEST": [{"acled": ["Protests", "Picnic"]}]},
        armed_sectors=onto.armed_sectors,
    )
    with pytest.raises(DataFileError, match="Picnic"):
        mod._validate(broken)


def test_two_sided_fighting_between_armed_groups_is_an_armed_clash():
    onto = load_ontology()
    assert onto.acled_for("ASSAULT", "heavy-weapons", ["REB"], ["MIL"], mutual=True) == (
        "Battles",
        "Armed clash",
    )
    assert onto.acled_for("ASSAULT", "heavy-weapons", ["REB"], ["MIL"]) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )
    # police fighting a crowd: ACLED codes the crowd's riot
    assert onto.acled_for("ASSAULT", None, ["COP"], ["CVL"], mutual=True) == ("Riots", "Mob violence")


def test_clashes_between_unarmed_groups_are_mob_violence():
    onto = load_ontology()
    assert onto.acled_for("ASSAULT", None, ["PTY"], ["PTY"], mutual=True) == ("Riots", "Mob violence")
    # violence by people who are no armed group is a riot even when one-sided
    assert onto.acled_for("ASSAULT", None, ["CVL"], [], mutual=False) == ("Riots", "Mob violence")


def test_type_tables_name_known_types_counts_and_modes():
    onto = load_ontology()
    assert {"PROTEST", "ASSAULT"} <= onto.physical_types <= set(onto.types)
    assert onto.count_fields["PROTEST"] == ("fatalities", "injured", "arrested", "size")
    assert "REQUEST" not in onto.count_fields  # a toll in an appeal is not the appeal's
    assert onto.mode_by_sector["COP"] in onto.modes("MOBILIZE")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"count_fields": {"PROTEST": ("wounded",)}}, "unknown count"),
        ({"physical_types": frozenset({"BRAWL"})}, "BRAWL"),
        ({"mode_by_sector": {"COP": "cavalry"}}, "cavalry"),
    ],
)
def test_bad_type_tables_are_data_file_errors(change, message):
    from dataclasses import replace

    from flashpoint import ontology as mod

    with pytest.raises(DataFileError, match=message):
        mod._validate(replace(load_ontology(), **change))


def test_one_person_heads_are_singular_nouns():
    from flashpoint.extraction.lexicon import load_actors

    heads = load_actors().one_person_heads
    assert "man" in heads and "mob" not in heads
    assert all(" " not in h and not h.endswith("s") for h in heads)
