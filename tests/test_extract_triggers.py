"""Trigger words become candidate events of the right PLOVER type and mode."""

from __future__ import annotations

import pytest

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


def types_of(events):
    return sorted({e.type for e in events})


@pytest.mark.parametrize(
    "text,type_,mode",
    [
        ("Kosovo Serbs protested in front of the town hall in Zvecan on Monday.", "PROTEST", "demo"),
        ("Last month, Kosovo Serbs boycotted the local elections.", "PROTEST", "boycott"),
        ("Police arrested 25 protesters in Pristina on Sunday.", "COERCE", "arrest"),
        ("Gunmen attacked a police station in northern Mali on Saturday.", "ASSAULT", None),
        ("Serbia ordered its army to advance to the border with Kosovo.", "MOBILIZE", "troops"),
        ("Police in riot gear were deployed around the premises.", "MOBILIZE", "police"),
        ("Stun grenades and tear gas were used against the crowd.", "ASSAULT", "crowd-control"),
        ("A police vehicle was set on fire in Zvecan.", "ASSAULT", "destroy"),
        ("Kosovo Serbs on Saturday called on Vucic to suspend the dialogue.", "REQUEST", None),
        ("Clashes erupted between police and protesters in Mitrovica.", "ASSAULT", None),
        ("The opposition staged a protest outside parliament in Belgrade.", "PROTEST", "demo"),
        ("The EU condemned the violence in northern Kosovo.", "ACCUSE", "disapprove"),
    ],
)
def test_trigger_gives_type_and_mode(code, text, type_, mode):
    events = code(text)
    match = [e for e in events if e.type == type_]
    assert match, f"no {type_} in {[(e.type, e.trigger.text) for e in events]}"
    assert match[0].mode == mode


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the weather in Pristina was mild.",
        "They called the meeting a success.",
        "Only 3.47% of eligible voters cast ballots, according to the election commission.",
        "The aim of the mission is to ensure a safe and secure environment.",
    ],
)
def test_sentences_without_events(code, text):
    assert code(text) == []


def test_one_event_per_type_per_sentence(code):
    events = code("Police and KFOR fenced town halls and increased staff numbers in the area.")
    assert [e.type for e in events] == ["MOBILIZE"]
    assert {a.name for a in events[0].actors} >= {"KFOR"}


@pytest.mark.parametrize(
    "text,mode",
    [
        ("Kosovo police fired tear gas on Friday at crowds of Serbs.", "crowd-control"),
        ("Gunmen fired at a police patrol near Gao.", "firearms"),
        ("Rebels fired three rockets at the army base.", "heavy-weapons"),
    ],
)
def test_the_most_specific_entry_wins(code, text, mode):
    assert [(e.type, e.mode) for e in code(text)] == [("ASSAULT", mode)]
