"""Negated, hypothetical, planned, requested and long-past actions are not new events."""

from __future__ import annotations

import pytest

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


@pytest.mark.parametrize(
    "text",
    [
        "Police did not arrest anyone in Zvecan.",
        "Protesters could block the main road to Mitrovica.",
        "KFOR is ready to take all necessary actions to ensure a safe environment.",
        "Kosovo declared independence in 2008, which neighbouring Serbia has never recognized.",
        "Protesters clashed with police in Mitrovica in 2011.",
        "Serbs tried to stop the mayors from entering.",
    ],
)
def test_not_coded(code, text):
    events = code(text)
    assert events == [], [(e.type, e.trigger.text) for e in events]


def test_request_content_is_not_a_separate_event(code):
    events = code("KFOR urged both sides to refrain from violence and to withdraw their forces.")
    assert [e.type for e in events] == ["REQUEST"]


def test_no_one_killed_is_negated(code):
    assert not [e for e in code("No one was killed in the attack in Gao.") if e.type == "ASSAULT"]


def test_began_to_protest_is_an_event(code):
    assert [e.type for e in code("Residents began to protest outside the town hall in Leposavic.")] == [
        "PROTEST"
    ]


@pytest.mark.parametrize(
    "text,type_",
    [
        ("If talks fail, the union will strike.", "THREATEN"),
        ("The union will strike next week.", "THREATEN"),
        ("The rebels said they will release the hostages on Friday.", "AGREE"),
        ("The union said it would not call off the strike.", "REJECT"),
    ],
)
def test_stated_intentions_are_coded_as_plover_does(code, text, type_):
    """PLOVER codes the statement of a plan: to cooperate (AGREE), to act against
    someone (THREATEN), or a refusal (REJECT); the planned act itself is not coded."""
    types = [e.type for e in code(text)]
    assert types == [type_]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Gunmen tried to storm the police post in Gao on Monday.", "ASSAULT"),
        ("An attempt to assassinate the deputy governor was thwarted in Mopti.", "ASSAULT"),
        ("Protesters attempted to march on the parliament in Niamey.", "PROTEST"),
    ],
)
def test_an_attempted_attack_or_protest_is_the_event(code, text, kind):
    """Violence or a protest that was attempted happened, whether or not it reached its aim."""
    assert kind in [e.type for e in code(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Police tried to arrest the opposition leader in Kampala.",
        "The two delegations attempted to reach a deal on the border in Geneva.",
    ],
)
def test_other_attempted_acts_stay_the_content_of_the_attempt(code, text):
    assert [e.type for e in code(text)] == []


def test_attempted_acts_come_from_the_lexicon():
    from dataclasses import replace
    from datetime import date

    from flashpoint import extract
    from flashpoint.extraction.lexicon import load_modality
    from flashpoint.models import Document
    from flashpoint.pipeline import RULES_ONLY, Pipeline
    from flashpoint.report import RunReport

    text = "Gunmen tried to storm the police post in Gao on Monday."
    assert load_modality().attempt_heads >= {"try", "attempt"}
    assert [e.type for e in extract(text, date="2023-05-29", model="rules")] == ["ASSAULT"]
    strict = replace(load_modality(), attempted_acts=frozenset())
    pipe = Pipeline(RULES_ONLY, config={"modality": {"lexicon": strict}})
    doc = Document(id="a", text=text, date=date(2023, 5, 29))
    assert [evs for _, evs in pipe.run([doc], RunReport())] == [[]]


@pytest.mark.parametrize(
    "text",
    [
        "A cyclone killed 30 people in coastal Bangladesh on Monday.",
        "Lightning struck a school in Malawi, killing four pupils.",
        "Thirty people were killed by floods in northern Kenya.",
        "A wildfire destroyed 300 homes near Valparaiso.",
    ],
)
def test_acts_of_nature_are_not_violence(code, text):
    assert [e.type for e in code(text) if e.type == "ASSAULT"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Rocket fire killed three civilians in Kharkiv.",
        "Militants set fire to a school in Borno.",
        "Gunmen killed three farmers after the floods in Benue.",
    ],
)
def test_people_and_weapons_still_do_violence(code, text):
    assert "ASSAULT" in [e.type for e in code(text)]


def test_the_natural_causes_are_a_class_of_the_trigger_lexicon():
    from flashpoint.extraction.lexicon import load_modality, load_triggers

    lex = load_modality()
    causes = load_triggers().classes[lex.natural_causes]
    assert {"flood", "cyclone", "lightning"} <= causes
    # a fire or a crash may be set or caused by people: not a natural cause
    assert not {"fire", "blaze", "crash"} & causes
    assert "ASSAULT" in lex.done_by_people


@pytest.mark.parametrize(
    "text, waited_for",
    [
        (
            "Officials said the army would stay on alert until the special police units were withdrawn "
            "from the north.",
            "withdrawn",
        ),
        ("The rebels will launch their offensive once the town of Harrow is captured.", "captured"),
        ("The detainees will not be released before the government frees the hostages.", "frees"),
    ],
)
def test_what_a_planned_act_waits_for_has_not_happened(code, text, waited_for):
    assert waited_for not in [e.trigger.text for e in code(text)]


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Gunmen fired on the convoy until the soldiers pulled out of the village.", "pulled"),
        ("The fighting did not stop until police arrested the two commanders.", "arrested"),
    ],
)
def test_what_a_real_act_waited_for_did_happen(code, text, trigger):
    assert trigger in [e.trigger.text for e in code(text)]
