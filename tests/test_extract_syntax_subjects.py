"""Subjects the parser misplaces: behind a place list, in a reduced relative, under a label."""

from __future__ import annotations

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


def test_subject_hung_on_the_place_list_as_an_apposition(code):
    evs = code(
        "Last Sunday, at Oakridge village, Elmwood Township, Pine District, Cedar State, "
        "army troops torched and destroyed eight houses."
    )
    ev = next(e for e in evs if e.type == "ASSAULT")
    assert [a.text for a in ev.actors] == ["army troops"]


def test_active_participle_after_an_of_group_takes_the_group_as_subject(code):
    evs = code(
        "Late on Tuesday, supporters of a sitting councillor stabbed and wounded a "
        "supporter of his challenger near the market."
    )
    ev = next(e for e in evs if e.type == "ASSAULT")
    assert [a.text for a in ev.actors] == ["supporters"]
    assert ev.acled_event_type == "Riots"


def test_label_before_a_colon_is_not_a_trigger(code):
    evs = code(
        "Looting: On 9 May 2020, rebels looted grain stores in a village near the river.", date="2020-05-09"
    )
    assert [e.trigger.text for e in evs] == ["looted"]


def test_a_clause_before_a_colon_still_codes(code):
    evs = code("The army warned: any attack on the base will be answered.")
    assert [e.type for e in evs] == ["THREATEN"]
