"""PLOVER type (and, for REQUEST, the trigger word) to CAMEO PentaClass."""

from __future__ import annotations

import pytest

from flashpoint.evaluate.conflibert import conflibert_markdown, predicted_class
from flashpoint.extraction.lexicon import load_triggers


@pytest.mark.parametrize(
    "type_,trigger,cls",
    [
        ("CONCEDE", "lifted", "2"),  # CAMEO 08 yield is material cooperation
        ("RETREAT", "released", "2"),
        ("REQUEST", "urged", "0"),  # CAMEO 02 appeal
        ("REQUEST", "called", "0"),
        ("REQUEST", "demanded", "3"),  # CAMEO 10 demand
        ("REQUEST", "said", "3"),  # "said X must ..." is a demand
        ("REQUEST", None, "3"),
        ("ACCUSE", "urged", "3"),  # only a REQUEST is split by its word
        ("CONSULT", "met", "1"),
        (None, None, "0"),
    ],
)
def test_predicted_class(type_, trigger, cls):
    appeal = trigger is not None and load_triggers().is_appeal(trigger)
    assert predicted_class(type_, appeal) == cls


def test_markdown_states_the_mapping():
    per = {c: {"support": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0} for c in "01234"}
    text = conflibert_markdown(
        {"accuracy": 1.0, "macro_f1": 1.0, "weighted_f1": 1.0, "n": 5, "no_event": 1, "per_label": per}
    )
    assert "CONCEDE" in text and "CAMEO 02" in text
    assert text.count("| ") >= 5
