"""Strategic developments told without violence: measures, deployments, handouts, seizures."""

from __future__ import annotations

import pytest

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


def only(events, type_):
    return next(e for e in events if e.type == type_)


@pytest.mark.parametrize(
    "text",
    [
        "The provincial governor announced a week-long lockdown in three districts on Monday.",
        "Officials instituted a curfew across the port city after the unrest.",
    ],
)
def test_measures_announced_or_instituted_restrict(code, text):
    ev = only(code(text), "COERCE")
    assert ev.acled_sub_event_type == "Change to group/activity"


def test_checkpoints_set_up_are_a_deployment(code):
    ev = only(code("Rebels set up checkpoints on the main road outside the town on Tuesday."), "MOBILIZE")
    assert ev.acled_event_type == "Strategic developments"


def test_a_convoy_entering_is_a_deployment(code):
    ev = only(code("A military convoy entered the northern province on Wednesday."), "MOBILIZE")
    assert [a.sector for a in ev.actors] == ["MIL"]


def test_a_convoy_needs_to_be_the_subject(code):
    assert all(e.type != "MOBILIZE" for e in code("Journalists entered the building on Wednesday."))


def test_gang_handing_out_food_boxes_changes_its_activity(code):
    ev = only(code("Members of a drug cartel delivered boxes of food to poor families on Sunday."), "AID")
    assert ev.acled_sub_event_type == "Change to group/activity"


def test_stolen_cattle_are_looting(code):
    ev = only(code("Gunmen stole about sixty cows from a ranch near the river on Friday."), "COERCE")
    assert ev.acled_sub_event_type == "Looting/property destruction"


def test_crops_destroyed_are_property_destruction_whoever_does_it(code):
    ev = only(code("Villagers uprooted hundreds of young orange trees on a disputed farm."), "ASSAULT")
    assert ev.acled_sub_event_type == "Looting/property destruction"
    ev = only(code("Police destroyed two poppy fields in the hills on Thursday."), "ASSAULT")
    assert ev.acled_sub_event_type == "Looting/property destruction"
