"""An act named only as what a protest or demand is about is not an event of the report."""

from __future__ import annotations

import pytest

from flashpoint.evaluate.geo import primary_event

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


@pytest.mark.parametrize(
    "text",
    [
        "On 3 March, tailors held a protest in Velmar demanding justice for a tailor who was killed by a bus driver.",
        "On 4 March, pupils staged a rally in Orsk against the attack on a teacher by masked men.",
        "On 5 March, party members formed a human chain in Velmar demanding the release of arrested leaders.",
        "On 6 March, herders protested in Orsk, condemning the killing of a herder by guards.",
    ],
)
def test_grievance_is_not_the_main_event(code, text):
    events = code(text)
    assert [e.type for e in events if e.type in ("ASSAULT", "COERCE")] == [], [
        (e.type, e.trigger.text) for e in events
    ]
    main = primary_event(events)
    assert main is not None and main.type == "PROTEST"
    assert main.acled_event_type == "Protests"


@pytest.mark.parametrize(
    "text,trigger",
    [
        # coordinated with the protest: an act of the same crowd
        ("On 7 March, herders marched in Orsk and attacked a police post.", "attacked"),
        # the place where the protest happened, not what it was about
        ("On 7 March, herders rallied in the square in Orsk, where police fired tear gas at them.", "fired"),
        # the violence is the report; the protest is where it happened
        ("On 7 March, police beat protesters who were demanding higher wages in Orsk.", "beat"),
    ],
)
def test_acts_of_the_incident_are_kept(code, text, trigger):
    events = code(text)
    assert any(e.type == "ASSAULT" and e.trigger.text == trigger for e in events), [
        (e.type, e.trigger.text) for e in events
    ]


def test_violence_naming_who_protests_is_background(code):
    evs = code(
        "Relatives of a driver who was shot by bandits staged a protest outside the town hall on Monday."
    )
    assert [e.type for e in evs] == ["PROTEST"]


def test_protesters_own_attack_still_counts(code):
    evs = code("Protesters who attacked a police post staged a march through the town on Monday.")
    assert "ASSAULT" in [e.type for e in evs]
