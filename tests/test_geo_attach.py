"""The event-place choice model: its weights file, its features and its choices."""

from __future__ import annotations

from flashpoint.geo import find_toponyms, resolve_toponyms
from flashpoint.geo.attach import FEATURES, AttachModel, load_model, none_features, pair_features
from flashpoint.geo.tokens import governing_preposition


def _scores(text, trigger, doc=None):
    model = load_model()
    tops = find_toponyms(text, doc)
    resolve_toponyms(tops, text)
    trig = text.index(trigger)
    scores = {
        t.text: model.score(pair_features(t, trig, governing_preposition(text, t, 0), doc, tops, text, 0))
        for t in tops
    }
    return scores, model.none_score(trig, doc, len(tops))


def test_model_ships_with_dense_and_sparse_weights():
    model = load_model()
    assert isinstance(model, AttachModel)
    assert {"bias", "log_distance", "none_bias"} <= set(model.weights)
    assert any(name.startswith("path=") for name in model.weights)
    assert set(FEATURES) - set(model.weights) <= {"prep_none"}  # a weight may round to zero


def test_place_after_in_beats_place_after_from():
    scores, _ = _scores("Troops coming from Belgrade clashed with protesters in Pristina.", "clashed")
    assert scores["Pristina"] > scores["Belgrade"]


def test_parsed_place_of_the_event_beats_the_speaker_and_no_place(nlp):
    text = "Gunmen shot dead two guards at a checkpoint in Kirkuk, officials in Baghdad said."
    scores, none = _scores(text, "shot", nlp(text))
    assert scores["Kirkuk"] > max(scores["Baghdad"], none)


def test_features_name_the_syntax(nlp):
    text = "Police fired tear gas at students marching in Harare."
    doc = nlp(text)
    tops = find_toponyms(text, doc)
    feats = pair_features(tops[0], text.index("fired"), "in", doc, tops, text, 0)
    assert feats["prepw=in"] == 1.0 and feats["bias"] == 1.0
    assert any(k.startswith("path=") for k in feats) and any(k.startswith("gov=") for k in feats)
    assert all(v != 0 for v in feats.values())
    assert none_features(text.index("fired"), doc, 1)["none_trig=fire"] == 1.0
