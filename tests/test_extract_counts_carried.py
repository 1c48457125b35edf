"""A toll stated in the sentence after the event belongs to that event."""

from __future__ import annotations

from flashpoint import extract


def _assaults(text: str):
    return [e for e in extract(text) if e.type == "ASSAULT"]


def test_toll_in_the_next_sentence_reaches_the_attack():
    events = _assaults(
        "Gunmen on motorbikes attacked a bus station in Kano on Friday. Three passengers died."
    )
    assert events and events[0].fatalities == 3


def test_follow_up_event_gives_its_count_to_the_earlier_one_of_its_type():
    events = _assaults(
        "Militants attacked an army post near Gao on Monday. Two soldiers were killed and four were wounded."
    )
    first = min(events, key=lambda e: e.evidence.start)
    assert (first.fatalities, first.injured) == (2, 4)


def test_a_count_does_not_travel_more_than_two_sentences():
    events = _assaults(
        "Gunmen attacked a bus station in Kano on Friday. The city was calm on "
        "Saturday. Markets reopened on Sunday. Traders said three people died."
    )
    first = min(events, key=lambda e: e.evidence.start)
    assert first.fatalities is None


def test_an_event_keeps_its_own_count():
    events = _assaults(
        "Gunmen killed two guards at a bank in Kano on Friday. Five customers died later in hospital."
    )
    first = min(events, key=lambda e: e.evidence.start)
    assert first.fatalities == 2


def test_a_carried_count_keeps_the_sentence_it_came_from():
    text = "Gunmen on motorbikes attacked a bus station in Kano on Friday. Three passengers died."
    event = _assaults(text)[0]
    source = event.to_dict()["count_evidence"]["fatalities"]
    assert source["text"] == "Three passengers died."
    assert text[source["start"] : source["end"]] == source["text"]
    assert "count_evidence" not in _assaults("Gunmen killed two guards at a bank in Kano.")[0].to_dict()
