"""The event-place attachment model: its weights file and its features."""
from __future__ import annotations

from flashpoint.geo.attach import FEATURES, load_model, pair_features, probability
from flashpoint.geo import find_toponyms, resolve_toponyms


def test_model_ships_with_every_feature():
    model = load_model()
    assert model is not None
    weights, threshold = model
    assert len(weights) == len(FEATURES) and 0.0 < threshold < 1.0


def test_place_after_in_beats_place_after_from():
    text = "Troops coming from Belgrade clashed with protesters in Pristina."
    tops = find_toponyms(text)
    resolve_toponyms(tops, text)
    weights, _ = load_model()
    trig = text.index("clashed")
    probs = {t.text: probability(pair_features(t, trig, prep, None, tops, text, 0), weights)
             for t, prep in zip(tops, ("from", "in"))}
    assert probs["Pristina"] > probs["Belgrade"]
