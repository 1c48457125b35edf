"""What the parties of a meeting agree or refuse on the day of it is at the meeting, even
when the story tells it paragraphs later (geo/locations.py outcome_location, geo/stage.py,
data/geo_rules.yaml scene_acts.outcome_types)."""

from __future__ import annotations

import pytest

from flashpoint.geo.gazetteer import load_gazetteer
from flashpoint.geo.locations import outcome_location
from flashpoint.geo.rules import geo_rules
from flashpoint.ontology import load_ontology
from flashpoint.trace import Decision


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _places(gaz):
    geneva = next(p for p in gaz.lookup("Geneva") if p.country == "CH" and p.kind == "city")
    kidal = next(p for p in gaz.lookup("Kidal") if p.country == "ML" and p.kind == "city")
    return [gaz.to_location(geneva, "Geneva", 30, 36)], [gaz.to_location(kidal)]


def test_an_agreement_of_the_meetings_day_is_at_the_meeting(gaz) -> None:
    meeting, inherited = _places(gaz)
    why: list[Decision] = []
    out = outcome_location(inherited, "AGREE", "2024-03-06", [("2024-03-06", meeting)], [], why)
    assert [loc.country for loc in out] == ["CH"]
    assert out[0].name == meeting[0].name
    # the words that named the meeting's place belong to the meeting's sentence
    assert out[0].start is None and out[0].text is None
    assert why and "outcome_location" in why[-1].decided_by


def test_what_the_meeting_leaves_alone(gaz) -> None:
    meeting, inherited = _places(gaz)
    meetings = [("2024-03-06", meeting)]
    # another day
    assert outcome_location(inherited, "AGREE", "2024-03-05", meetings, []) == inherited
    # no day written in the event's sentence
    assert outcome_location(inherited, "AGREE", None, meetings, []) == inherited
    # an attack is where the report put it
    assert outcome_location(inherited, "ASSAULT", "2024-03-06", meetings, []) == inherited
    # no meeting told before
    assert outcome_location(inherited, "AGREE", "2024-03-06", [], []) == inherited
    # a place of the event's own sentence
    named = [gaz.to_location(gaz.lookup("Kidal")[0], "Kidal", 40, 45)]
    assert outcome_location(named, "AGREE", "2024-03-06", meetings, []) == named
    # a meeting in the country the event already is in
    bern = next(p for p in gaz.lookup("Bern") if p.country == "CH" and p.kind == "city")
    swiss = [gaz.to_location(bern)]
    assert outcome_location(swiss, "AGREE", "2024-03-06", meetings, []) == swiss


MEETING_STORY = (
    "Gunmen attacked a bus station in Kidal on Monday, residents said.\n\n"
    "On Wednesday, the foreign ministers of Mali and Niger met in a hotel outside Geneva to "
    "discuss the northern road.\n\n"
    "Their plan would reopen the road to traders. The two sides agreed on {day} to exchange prisoners.\n"
)


def test_a_story_puts_the_agreement_of_the_summit_day_at_the_summit(code) -> None:
    def agreement(day: str):
        (ev,) = [e for e in code(MEETING_STORY.format(day=day), date="2024-03-08") if e.type == "AGREE"]
        return ev

    assert agreement("Wednesday").location.country == "CH"
    # a day other than the meeting's: back where the story was
    assert agreement("Tuesday").location.country == "ML"


def test_the_rule_lists_outcomes_of_talks_only() -> None:
    rules = geo_rules().scene_acts
    assert set(rules.outcome_types) <= set(load_ontology().types)
    assert not {"ASSAULT", "PROTEST", "COERCE"} & set(rules.outcome_types)
