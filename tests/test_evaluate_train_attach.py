"""The choice-model trainer on toy sentences (no ../shared needed)."""

from __future__ import annotations

from flashpoint.evaluate.event_location import gold_is_well_formed, held_out
from flashpoint.evaluate.train_attach import Sentence, fit, span_f1
from flashpoint.geo.attach import AttachModel


def _toy(right_first: bool) -> Sentence:
    good = {"bias": 1.0, "prep_in": 1.0}
    bad = {"bias": 1.0, "prep_from": 1.0}
    options = [{"none_bias": 1.0}] + ([good, bad] if right_first else [bad, good])
    labels = [0, 1, 0] if right_first else [0, 0, 1]
    spans = [(0, 5), (10, 15)]
    gold = [spans[0]] if right_first else [spans[1]]
    return Sentence(options, labels, spans, [[0], [1]], gold)


def test_fit_learns_which_option_is_the_place():
    sentences = [_toy(True), _toy(False)] * 5
    vocab = {"bias": 0, "prep_in": 1, "prep_from": 2, "none_bias": 3}
    w = fit(sentences, vocab, steps=300)
    assert w[1] > 0 > w[2]
    model = AttachModel({name: float(w[i]) for name, i in vocab.items()}, 0.0)
    assert span_f1(sentences, model)["f1"] == 1.0
    assert span_f1(sentences, AttachModel(model.weights, 50.0))["f1"] == 0.0  # 'no place' always wins


def test_held_out_split_is_a_stable_fifth():
    ids = [str(i) for i in range(2000)]
    share = sum(held_out(i) for i in ids) / len(ids)
    assert 0.15 < share < 0.25 and held_out("42") == held_out("42")


def test_gold_spans_that_slipped_are_not_well_formed():
    text = "Rebels shelled Ostra on Monday."

    def row(start, end):
        return {"text": text, "locations": [{"text": text[start:end], "start": start, "end": end}]}

    assert gold_is_well_formed(row(15, 20))  # 'Ostra'
    assert not gold_is_well_formed(row(16, 20))  # 'stra' cuts the word
    assert not gold_is_well_formed(row(21, 23))  # 'on' names no place
    assert gold_is_well_formed({"text": text, "locations": [{"text": "", "start": 0, "end": 0}]})
