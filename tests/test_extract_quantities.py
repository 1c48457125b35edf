from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml

from flashpoint.extraction import quantity_lexicon
from flashpoint.extraction.quantities import Quantities, find_quantities, parse_number
from flashpoint.extraction.quantity_lexicon import load_quantity_lexicon
from flashpoint.models import Document
from flashpoint.pipeline import Pipeline

LEX = load_quantity_lexicon()

# These tests check the parse-based rules themselves, without the trained classifier.
CODER = "rules"

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10", 10),
        ("1,200", 1200),
        ("ten", 10),
        ("twenty-five", 25),
        ("two hundred and fifty", 250),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("dozens", 12),
        ("scores", 20),
        ("hundreds", 100),
        ("thousands", 1000),
        ("tens of thousands", 10000),
        ("hundreds of thousands", 100000),
        ("1.5 million", 1500000),
        ("at least 10", 10),
        ("more than 300", 300),
        ("nearly 50", 50),
        ("about 2,000", 2000),
        ("several", None),
        ("many", None),
        ("3.47", None),
        ("people", None),
        ("", None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text, LEX) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the reference article's injury sentence
        (
            "Stun grenades and tear gas were used, which caused injuries to at least 10 people "
            "after a police vehicle was set on fire.",
            Quantities(injured=10),
        ),
        (
            "The blast hit the market, killing 8 people and wounding about 20.",
            Quantities(fatalities=8, injured=20),
        ),
        ("At least 12 people were killed in the clashes.", Quantities(fatalities=12)),
        # a counted phrase may carry a short "from"/"with" modifier before its verb
        ("Thirty soldiers serving with KFOR were injured in the clashes.", Quantities(injured=30)),
        ("12 people from the village were killed on Sunday.", Quantities(fatalities=12)),
        ("Police with 30 officers arrested 5 men.", Quantities(arrested=5)),
        ("12 killed as troops open fire.", Quantities(fatalities=12)),
        ("Gunmen killed 12 civilians.", Quantities(fatalities=12)),
        ("The attack left five dead.", Quantities(fatalities=5)),
        ("The death toll rose to 30.", Quantities(fatalities=30)),
        ("The death toll from the 24-hour siege climbed sharply to 41.", Quantities(fatalities=41)),
        ("Two police officers died in the attack.", Quantities(fatalities=2)),
        ("One protester was killed.", Quantities(fatalities=1)),
        ("Two suicide bombers killed 23 people in Tel Aviv.", Quantities(fatalities=23)),
        ("Some 25 Iraqis and seven US soldiers were killed.", Quantities(fatalities=32)),
        ("Bodies of 5 people were found.", Quantities(fatalities=5)),
        ("15 were injured.", Quantities(injured=15)),
        ("The bomb wounded 3 soldiers.", Quantities(injured=3)),
        ("Police fired tear gas, injuring dozens.", Quantities(injured=12)),
        ("Police injured at least 52 people.", Quantities(injured=52)),
        ("Nearly 50 people were hurt.", Quantities(injured=50)),
        ("Several injured.", Quantities()),
        ("Police arrested 25 people.", Quantities(arrested=25)),
        ("25 protesters were detained.", Quantities(arrested=25)),
        ("There were more than 100 arrests.", Quantities(arrested=100)),
        ("Police took 4 people into custody.", Quantities(arrested=4)),
        ("Police detained 3 on 12 May.", Quantities(arrested=3)),
        ("Police said 12 people were arrested and 30 injured.", Quantities(injured=30, arrested=12)),
        ("Police opened fire, killing one person and arresting 12.", Quantities(fatalities=1, arrested=12)),
        ("Hundreds of protesters gathered in the square.", Quantities(size=100)),
        ("About 2,000 demonstrators gathered.", Quantities(size=2000)),
        ("A crowd of 5,000 filled the square.", Quantities(size=5000)),
        ("Thousands of people marched through the city.", Quantities(size=1000)),
        ("Up to 100 Albanian residents demonstrated in the square.", Quantities(size=100)),
        ("Tens of thousands of university students staged demonstrations.", Quantities(size=10000)),
        ("The protest, attended by some 3,000 people, ended peacefully.", Quantities(size=3000)),
        # things that are not counts
        ("10 people live here.", Quantities()),
        ("Only 3.47% of eligible voters cast ballots.", Quantities()),
        ("Villagers were killed in 2019.", Quantities()),
        ("He was killed in 2019.", Quantities(fatalities=1)),  # one man; the year is no count
        # one person named by a pronoun or "the" and a singular noun; groups are not one
        ("The victim died in hospital.", Quantities(fatalities=1)),
        ("Police shot dead the gunman.", Quantities(fatalities=1)),
        ("Both victims died.", Quantities(fatalities=2)),
        ("The victims died in hospital.", Quantities()),
        ("The children were killed.", Quantities()),
        ("The family was killed in the blast.", Quantities()),
        ("Both sides exchanged fire.", Quantities()),
        # phrases at the very end of a sentence with no full stop
        ("There were no fatalities", Quantities(fatalities=0)),
        ("Police shot the", Quantities()),
        ("In 2008, 5 people were killed.", Quantities(fatalities=5)),
        ("KFOR increased its presence in four Municipalities of northern Kosovo.", Quantities()),
        ("Under Article 10 of the constitution, people were killed.", Quantities()),
        ("He was sentenced to 10 years.", Quantities()),
        ("Officials in Beirut put the dead and wounded together at 20.", Quantities()),
        # one victim named by a singular noun
        ("A 10-year-old boy was killed.", Quantities(fatalities=1)),
        ("A man was killed.", Quantities(fatalities=1)),
        ("A Palestinian prisoner died in custody.", Quantities(fatalities=1)),
        ("A car bomb killed the mayor.", Quantities(fatalities=1)),  # the mayor, not the bomb
        ("A car bomb exploded near the market.", Quantities()),
        # reported zeros
        ("No one was killed.", Quantities(fatalities=0)),
        ("No injuries were reported.", Quantities(injured=0)),
        ("There were no casualties.", Quantities(fatalities=0, injured=0)),
        ("Nobody was arrested.", Quantities(arrested=0)),
    ],
)
def test_find_quantities(sentence, expected):
    assert find_quantities(sentence, LEX) == expected


def test_spans_point_at_the_count():
    sentence = "Tear gas caused injuries to at least 10 people, and police arrested 25."
    found = find_quantities(sentence, LEX)
    start, end = found.spans["injured"]
    assert sentence[start:end] == "at least 10"
    start, end = found.spans["arrested"]
    assert sentence[start:end] == "25"
    assert set(found.spans) == {"injured", "arrested"}


def test_cue_lists_are_plain_words():
    # Bare no/on/yes in YAML turn into booleans and silently drop out of a cue list.
    raw = yaml.safe_load(quantity_lexicon.LEXICON_PATH.read_text(encoding="utf-8"))

    def leaves(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from leaves(value)
        elif isinstance(node, list):
            for value in node:
                yield from leaves(value)
        else:
            yield node

    for name in (
        "fatalities",
        "injured",
        "arrested",
        "size",
        "negators",
        "phrase_breakers",
        "not_count_before",
        "modifiers",
        "negation_cues",
    ):
        assert all(isinstance(w, str) and w for w in leaves(raw[name])), name
    assert "no" in raw["negators"] and "on" in raw["phrase_breakers"]


def _gold_count(value: object) -> int | None:
    if value in (None, ""):
        return None
    text = str(value)
    return int(text) if text.isdigit() else parse_number(text, LEX)


def test_agreement_with_plover_gold_casualties():
    path = SHARED / "data" / "plover_gsr" / "plover_gsr_cameo.jsonl"
    if not path.exists():
        pytest.skip("shared PLOVER gold standard not available")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    agree = with_gold = agree_with_gold = 0
    for record in records:
        found = find_quantities(record["text"], LEX)
        dead, injured = _gold_count(record.get("dead")), _gold_count(record.get("injured"))
        same = found.fatalities == dead and found.injured == injured
        agree += same
        if dead is not None or injured is not None:
            with_gold += 1
            agree_with_gold += same
    # Measured: 314/322 sentences agree on both fields (97.5%), 15/16 of those with a
    # gold count (93.8%). Most disagreements are other killings the gold leaves uncoded.
    assert len(records) > 300 and with_gold >= 10
    assert agree / len(records) >= 0.93
    assert agree_with_gold / with_gold >= 0.85


def test_a_lexicon_without_vague_amounts_reads_no_dozens():
    sentence = "Dozens of people were killed in the attack."
    assert find_quantities(sentence, LEX).fatalities == 12
    assert find_quantities(sentence, replace(LEX, vague={})).fatalities is None


def test_the_quantities_stage_uses_the_ceiling_of_its_lexicon():
    text = "Gunmen killed 40 villagers in Kano State."
    document = Document(id="kano", text=text, date=date(2023, 5, 29))
    shipped = Pipeline().extract(document)
    assert [e.fatalities for e in shipped] == [40]
    # a lexicon whose ceiling is below 40: an undated toll of 40 is a campaign's, not one event's
    low = Pipeline(config={"quantities": {"lexicon": replace(LEX, undated_count_ceiling=30)}})
    assert [e.fatalities for e in low.extract(document)] == [None]
