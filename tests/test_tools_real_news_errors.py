"""tools/real_news_check.py --errors: how a coder's misses on the labelled real news are
broken down. Invented rows and answers; no text or model is needed."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import real_news_check  # noqa: E402

ROWS = [
    {"plover": "ASSAULT", "acled_sub": "Armed clash"},
    {"plover": "ASSAULT", "acled_sub": "Armed clash"},
    {"plover": "ASSAULT", "acled_sub": "Armed clash"},
    {"plover": "ASSAULT", "acled_sub": "Air/drone strike"},
    {"plover": "COERCE", "acled_sub": "Arrests"},
    {"plover": "PROTEST", "acled_sub": "Peaceful protest"},
    {"plover": "ACCUSE", "acled_sub": None},
    {"plover": None, "acled_sub": None, "negative": "crime"},
    {"plover": None, "acled_sub": None, "negative": "crime"},
    {"plover": None, "acled_sub": None, "negative": "sports"},
    {"plover": None, "acled_sub": None},
]
ANSWERS = [
    ("ASSAULT", "Armed clash"),  # right
    ("ASSAULT", "Attack"),  # another type (Battles -> Violence against civilians)
    ("ASSAULT", "Attack"),
    ("ASSAULT", "Shelling/artillery/missile attack"),  # same type (Explosions/Remote violence)
    ("NONE", "NONE"),  # missed
    ("PROTEST", "Peaceful protest"),  # right
    ("ACCUSE", "NONE"),  # no ACLED label: not counted among the events
    ("ASSAULT", "Attack"),  # a crime coded
    ("NONE", "NONE"),
    ("ASSAULT", "Armed clash"),  # a match report coded
    ("ASSAULT", "Attack"),  # no kind written down
]


def _lines() -> list[str]:
    return real_news_check.errors(ROWS, ANSWERS)


def test_each_labelled_event_is_right_missed_or_wrong_in_one_way():
    lines = _lines()
    assert lines[0] == "6 sentences with an ACLED sub-event:"
    counts = dict(line.strip().split(": ", 1) for line in lines[1:5])
    assert counts == {
        "right": "2 (33.3%)",
        "another type": "2 (33.3%)",
        "another sub-event, same type": "1 (16.7%)",
        "missed": "1 (16.7%)",
    }


def test_the_commonest_confusion_comes_first():
    lines = _lines()
    start = lines.index("commonest confusions (gold -> coded):")
    assert lines[start + 1] == "  Armed clash -> Attack: 2"
    assert "  Air/drone strike -> Shelling/artillery/missile attack: 1" in lines[start + 1 :]
    assert not any("Arrests ->" in line for line in lines)  # a miss is not a confusion


def test_no_event_sentences_coded_are_counted_by_the_labellers_kind():
    lines = _lines()
    start = next(i for i, line in enumerate(lines) if line.endswith("by kind:"))
    assert lines[start] == "4 no-event sentences, 3 coded with an ACLED event, by kind:"
    assert lines[start + 1 :] == ["  crime: 1", "  sports: 1", "  unstated: 1"]
