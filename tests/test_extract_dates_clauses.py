"""A date in a clause that describes a noun ("the councils elected in January", "men who
had attacked a post on Sunday") dates that clause, not the sentence's event; a clause that
describes the event itself ("the attack, which began on Sunday") still dates it. Invented
texts."""

from __future__ import annotations

from datetime import date

from flashpoint.models import Document

PUB = date(2024, 3, 12)  # a Tuesday


def _events(pipeline, text: str) -> dict[str, object]:
    doc = Document(id="d", text=text, date=PUB)
    return {e.trigger.text: e for e in pipeline.extract(doc, explain=True)}


def test_a_date_of_a_clause_describing_another_noun_is_passed_over(pipeline):
    events = _events(pipeline, "Protesters on Monday demanded the release of activists detained in January.")
    demand = events["demanded"]
    assert demand.date == "2024-03-11"
    notes = [d.reason for d in demand.extra["explain"] if d.decided_by.startswith("a clause describing")]
    assert notes and "'January' dates 'detained'" in notes[0]


def test_with_no_other_date_the_event_keeps_the_publication_day(pipeline):
    for text in (
        "Opposition leaders rejected the results of the council vote held in January.",
        "The foreign minister condemned the sentences handed to journalists arrested in January.",
    ):
        events = _events(pipeline, text)
        assert events and all(e.date == "2024-03-12" for e in events.values()), text


def test_a_clause_describing_the_event_itself_dates_it(pipeline):
    events = _events(pipeline, "The attack, which began on Sunday, killed four guards in Tarsk.")
    assert {e.date for e in events.values()} == {"2024-03-10"}


def test_a_clause_day_is_not_a_day_the_story_told(pipeline):
    text = "Police arrested two men who had attacked a checkpoint on Sunday. The men were beaten in custody."
    events = _events(pipeline, text)
    assert events["attacked"].date == "2024-03-10"
    # neither the arrest nor the beating is dated by the attack's day
    assert events["arrested"].date == "2024-03-12"
    assert events["beaten"].date == "2024-03-12"
