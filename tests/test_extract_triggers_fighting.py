"""Fighting words lead their incident; strikes by aircraft are aerial; groups of people protest."""

from __future__ import annotations

import pytest

from flashpoint.evaluate.geo import primary_event

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("On 7 May, soldiers engaged in a clash with rebels near Dorvo. Two soldiers were injured.", "clash"),
        (
            "On 7 May, guards clashed with smugglers near Dorvo. Three bystanders were injured in the crossfire.",
            "clashed",
        ),
        (
            "On 7 May, two militias exchanged fire near Dorvo. One fighter was killed during the clash.",
            "exchanged",
        ),
    ],
)
def test_the_clash_is_the_main_event(code, text, trigger):
    main = primary_event(code(text))
    assert main is not None and main.trigger.text == trigger


def test_an_exchange_of_fire_is_an_event(code):
    events = code("On 7 May, two policemen were killed in an exchange of fire with bandits near Dorvo.")
    # merged with "killed" into one ASSAULT, which takes the exchange's mode
    assert [(e.type, e.mode) for e in events] == [("ASSAULT", "firearms")]


@pytest.mark.parametrize(
    "text",
    [
        "On 9 May, the air force targeted rebel positions near Ubrek.",
        "On 9 May, warplanes struck a militant base near Ubrek.",
        "On 9 May, a drone hit a car carrying two commanders near Ubrek.",
        "On 9 May, helicopter gunships fired on a convoy near Ubrek.",
    ],
)
def test_strikes_by_aircraft_are_aerial(code, text):
    main = primary_event(code(text))
    assert main is not None and (main.type, main.mode) == ("ASSAULT", "aerial")


def test_ground_troops_targeting_is_not_aerial(code):
    from flashpoint import extract

    text = "On 9 May, troops targeted a rebel hideout near Ubrek."
    # 'target' is a trigger only with an aircraft as subject: the plain verb was left to
    # the classifier (docs/accuracy.md, trigger ablation), which codes the act
    assert all(e.mode != "aerial" for e in code(text))
    main = primary_event(extract(text, date="2023-05-29"))
    assert main is not None and main.type == "ASSAULT" and main.mode != "aerial"


def test_a_group_of_workers_protests_rather_than_complains(code):
    events = code("On 8 May, a group of nurses protested in front of the health ministry in Ubrek.")
    assert [e.type for e in events] == ["PROTEST"]


def test_a_government_protest_is_a_complaint(code):
    events = code("On 8 May, the government protested against the border incident.")
    assert [e.type for e in events] == ["ACCUSE"]


@pytest.mark.parametrize(
    "text",
    [
        "On 8 May, police fired tear gas to disperse protesters in Ubrek.",
        "On 8 May, workers held a protest in Ubrek. Police resorted to a baton charge to break it up.",
    ],
)
def test_crowd_control_is_coded(code, text):
    assert any(e.mode == "crowd-control" for e in code(text))
