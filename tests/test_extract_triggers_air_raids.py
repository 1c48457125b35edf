"""An air raid is a strike from the air; a police raid on a house is a search."""

from __future__ import annotations

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"


def test_air_raids_are_air_strikes(code):
    evs = code("Three air raids were reported on a district in the north on Monday, with no casualties.")
    assert [(e.type, e.mode, e.acled_sub_event_type) for e in evs] == [
        ("ASSAULT", "aerial", "Air/drone strike")
    ]


def test_aircraft_that_raid_strike_from_the_air(code):
    evs = code("Jets raided militant hideouts near the border on Monday.")
    assert [(e.type, e.mode) for e in evs] == [("ASSAULT", "aerial")]


def test_a_police_raid_stays_a_search(code):
    evs = code("Police raided a flat in the old town and seized two rifles.")
    assert evs[0].type == "COERCE" and evs[0].mode == "confiscate"
