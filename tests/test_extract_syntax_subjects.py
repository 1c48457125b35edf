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


def test_the_speaker_s_second_act_is_the_speaker_s(code):
    # the parser hangs 'called' on the reported clause; its past form is the speaker's
    evs = code(
        "Hungary's foreign minister, Péter Szijjártó, said the injured Hungarian soldiers were "
        "receiving treatment and called for calm."
    )
    ev = next(e for e in evs if e.trigger.text == "called")
    assert ev.actors and "soldiers" not in ev.actors[0].text
    assert ev.actors[0].country == "HU"


def test_a_second_reported_act_keeps_the_reported_subject(code):
    # both reported verbs share one form: the police arrested and beat
    evs = code("The mayor said police arrested five protesters and beat two others.")
    ev = next(e for e in evs if e.trigger.text == "beat")
    assert [a.text for a in ev.actors] == ["police"]


def test_a_conjunct_joined_to_the_object_is_the_clause_s_verb(code):
    # the parser joins 'urging' to 'turnout'; with 'regretting''s form it is that verb's
    # conjunct, and both are Washington's
    evs = code("Washington sounded a similar note, regretting the low turnout and urging restraint.")
    ev = next(e for e in evs if e.trigger.text == "urging")
    assert [a.country for a in ev.actors] == ["US"]


def test_a_material_second_act_stays_with_the_reported_subject(code):
    # 'shot' has the form of 'showed', but shooting is no act of words: it is the police's
    evs = code(
        "Figures released on Friday showed the police had detained 300 rioters in the town "
        "and shot dead four others."
    )
    ev = next(e for e in evs if e.trigger.text == "shot")
    assert ev.actors and ev.actors[0].sector == "COP"
