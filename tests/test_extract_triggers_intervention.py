"""Interventions in a protest: police who step in or remove protesters, and anyone who
foils a rally, make the protest one 'with intervention' (ACLED)."""

from __future__ import annotations

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


def subtypes(events):
    return {e.type: e.acled_sub_event_type for e in events}


def test_police_intervening_after_a_demonstration(code):
    evs = code("About 30 cleaners demonstrated outside the town hall on Monday. Police intervened.")
    assert subtypes(evs)["PROTEST"] == "Protest with intervention"
    assert any(
        e.type == "ASSAULT" and e.mode == "crowd-control" and e.trigger.text == "intervened" for e in evs
    )


def test_police_removing_protesters(code):
    evs = code(
        "Students held a sit-in on the ring road on Tuesday. Officers removed the demonstrators from it."
    )
    assert subtypes(evs)["PROTEST"] == "Protest with intervention"


def test_a_rival_group_foiling_a_rally_intervenes(code):
    evs = code("Farmers staged a rally in the square on Friday. Activists of a rival union foiled the rally.")
    assert subtypes(evs)["PROTEST"] == "Protest with intervention"


def test_intervening_in_a_crisis_is_no_event(code):
    assert not [e for e in code("The army intervened in the political crisis.") if e.type == "ASSAULT"]


def test_subject_misparsed_into_the_opening_place_list(code):
    evs = code(
        "Last Thursday, in Temuco, Araucania, teachers marched through the town centre.", date="2021-06-03"
    )
    assert [(e.type, [a.text for a in e.actors]) for e in evs] == [("PROTEST", ["teachers"])]
