"""Each casualty figure of a document belongs to one event: summed over the document's
events, every stated number counts once (issue 17.1). Texts are invented here."""
from __future__ import annotations

import pytest

from flashpoint import extract

CASES = [
    # two event types in one sentence: the ASSAULT and the COERCE share no figure
    ("The detentions came a day after police arrested a local leader accused of organising "
     "violence against peacekeepers in Zvecan, which injured 30 soldiers.", (0, 30, 1)),
    # a count carried back to the attack is not also kept by the sentence's own event
    ("Militants attacked an army post near Gao on Monday. Two soldiers were killed and four "
     "were wounded.", (2, 4, 0)),
    ("Someone set a police car alight in Zvecan on Friday. At least ten people were injured, "
     "local media said.", (0, 10, 0)),
    # one act in two places: the figure goes to one of them
    ("Gunmen attacked villages in Kano and Kaduna on Monday, killing 12 people.", (12, 0, 0)),
    # the lede's figure told again further down is the same figure
    ("Ten people were injured in clashes in Zvecan on Friday. Police said the protest began "
     "at noon. Later, officers arrested a man. The clashes in Zvecan, in which ten people were "
     "injured, began when police entered the town hall.", (0, 10, 1)),
]


@pytest.mark.parametrize("text, totals", CASES, ids=[t[:40] for t, _ in CASES])
def test_each_figure_is_counted_once(text, totals):
    events = extract(text, date="2023-05-29")
    got = tuple(sum(getattr(e, f) or 0 for e in events) for f in ("fatalities", "injured", "arrested"))
    assert got == totals, [(e.type, e.fatalities, e.injured, e.arrested) for e in events]


def test_a_large_figure_told_twice_counts_once_whatever_the_types():
    events = extract("Protests erupted in Cairo on Friday, prompting a crackdown that has seen "
                     "nearly 2,000 arrests. Police detained students and journalists. The security "
                     "forces answered the protests with a wave of over 2,000 arrests.",
                     date="2023-05-29")
    assert sum(e.arrested or 0 for e in events) == 2000


def test_two_attacks_on_different_days_keep_their_own_equal_tolls():
    events = extract("Gunmen killed three farmers in Kano on Monday. On Wednesday, gunmen "
                     "killed three traders in Kaduna.", date="2023-05-29")
    assert sum(e.fatalities or 0 for e in events) == 6


def test_the_carried_figure_keeps_its_evidence_and_position():
    text = "Militants attacked an army post near Gao on Monday. Two soldiers were killed."
    holders = [e for e in extract(text) if e.fatalities]
    assert len(holders) == 1
    source = holders[0].to_dict()["count_evidence"]["fatalities"]
    assert text[source["start"]:source["end"]] == "Two soldiers were killed."
