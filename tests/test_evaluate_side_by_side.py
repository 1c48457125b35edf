"""The classifier-against-rules reports: the side-by-side table and the cross-file check."""

from __future__ import annotations

from flashpoint.evaluate import SETS, SIDE_BY_SIDE
from flashpoint.evaluate.crossfile import crossfile_markdown, format_crossfile
from flashpoint.evaluate.published import side_by_side_markdown


def _scores(acc: float) -> dict:
    return {
        "n": 10,
        "type": {"accuracy": acc, "macro_f1": acc - 0.1},
        "sub": {"accuracy": acc - 0.2, "weighted_f1": acc - 0.05},
    }


def test_every_side_by_side_set_is_an_evaluation_set():
    assert set(SIDE_BY_SIDE) <= set(SETS) and "crossfile" in SETS


def test_side_by_side_puts_rules_beside_the_shipped_model():
    figures = {
        "acled": {"type_macro_f1": 0.768},
        "acled:rules": {"type_macro_f1": 0.829},
        "india": {"macro_f1": 0.62},
    }
    table = side_by_side_markdown(figures, ("acled", "india"), "rules")
    assert "| ACLED notes: event type macro-F1 | 0.829 | 0.768 |" in table
    assert "| IndiaPoliceEvents KILL/ARREST/FORCE macro-F1 | — | 0.620 |" in table


def test_crossfile_reports_one_row_per_direction_and_coder():
    res = {
        "a -> b": {"runs": {"rules alone": _scores(0.9), "trained on a": _scores(0.5)}},
        "b -> a": {"runs": {"rules alone": _scores(0.8)}},
    }
    assert len(format_crossfile(res).splitlines()) == 3
    table = crossfile_markdown(res)
    assert "| a -> b | trained on a | 10 | 50.0% | 0.400 | 30.0% | 0.450 |" in table
    assert table.count("| b -> a |") == 1
