"""Each casualty figure of a document belongs to one event: summed over the document's
events, every stated number counts once (issue 17.1). Texts are invented here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from flashpoint import extract
from flashpoint.extraction.quantity_lexicon import load_quantity_lexicon
from flashpoint.models import Document
from flashpoint.pipeline import Pipeline

CASES = [
    # two event types in one sentence: the PROTEST and the ASSAULT share no figure
    ("Police arrested 12 protesters and beat them with batons in Zvecan on Friday.", (0, 0, 12)),
    # a count carried back to the attack is not also kept by the sentence's own event
    (
        "Militants attacked an army post near Gao on Monday. Two soldiers were killed and four were wounded.",
        (2, 4, 0),
    ),
    (
        "Someone set a police car alight in Zvecan on Friday. At least ten people were injured, "
        "local media said.",
        (0, 10, 0),
    ),
    # one act in two places: the figure goes to one of them
    ("Gunmen attacked villages in Kano and Kaduna on Monday, killing 12 people.", (12, 0, 0)),
    # the lede's figure told again further down is the same figure
    (
        "Ten people were injured in clashes in Zvecan on Friday. Police said the protest began "
        "at noon. Later, officers arrested a man. The clashes in Zvecan, in which ten people were "
        "injured, began when police entered the town hall.",
        (0, 10, 1),
    ),
]


@pytest.mark.parametrize("text, totals", CASES, ids=[t[:40] for t, _ in CASES])
def test_each_figure_is_counted_once(text, totals):
    events = extract(text, date="2023-05-29")
    got = tuple(sum(getattr(e, f) or 0 for e in events) for f in ("fatalities", "injured", "arrested"))
    assert got == totals, [(e.type, e.fatalities, e.injured, e.arrested) for e in events]


def test_a_large_figure_told_twice_counts_once_whatever_the_types():
    text = (
        "Police arrested 300 protesters in Cairo on Friday, rights groups said. On Friday, "
        "students protested in Cairo and police responded with 300 arrests."
    )
    events = extract(text, date="2023-05-29")
    assert sum(e.arrested or 0 for e in events) == 300
    assert len({e.type for e in events}) == 2  # a COERCE and a PROTEST
    # a build stage for which no figure is large enough to repeat across types
    never = replace(load_quantity_lexicon(), repeat_any_type_from=10**9)
    pipeline = Pipeline(config={"build": {"quantities": never}})
    document = Document(id="cairo", text=text, date=date(2023, 5, 29))
    assert sum(e.arrested or 0 for e in pipeline.extract(document)) == 600


def test_two_attacks_on_different_days_keep_their_own_equal_tolls():
    events = extract(
        "Gunmen killed three farmers in Kano on Monday. On Wednesday, gunmen killed three traders in Kaduna.",
        date="2023-05-29",
    )
    assert sum(e.fatalities or 0 for e in events) == 6


def test_the_carried_figure_keeps_its_evidence_and_position():
    text = "Militants attacked an army post near Gao on Monday. Two soldiers were killed."
    holders = [e for e in extract(text) if e.fatalities]
    assert len(holders) == 1
    source = holders[0].to_dict()["count_evidence"]["fatalities"]
    assert text[source["start"] : source["end"]] == "Two soldiers were killed."


def test_a_large_toll_without_a_date_is_a_running_toll():
    # a single event this deadly is told with its day; an undated one is a campaign's toll
    undated = extract(
        "The army crushed the strike movement, killing 931 people, including a union leader.",
        date="2021-07-28",
    )
    assert all(e.fatalities is None for e in undated)
    dated = extract("Troops killed 600 villagers in the valley on Friday.", date="2021-07-28")
    assert max(e.fatalities or 0 for e in dated) == 600
    small = extract("The army crushed the strike, killing 12 workers.", date="2021-07-28")
    assert max(e.fatalities or 0 for e in small) == 12


def test_one_victim_told_in_two_sentences_may_be_two_people():
    events = extract(
        "Gunmen killed a shopkeeper at the market. Later, gunmen killed a taxi driver near the station.",
        date="2023-05-29",
    )
    assert sum(e.fatalities or 0 for e in events) == 2
