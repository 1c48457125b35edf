"""The event model's files: 12-bit weights with a scale per class (format 2), and models
saved in the older half-precision format (1) still load, as users' own models may be."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import numpy as np

from flashpoint.classify.model import EventClassifier, quantize
from flashpoint.classify.training import Example, fit


def _tiny_model() -> EventClassifier:
    texts = {
        "Attack": ["gunmen attacked the village and killed four", "militia fighters shot two farmers"],
        "Peaceful protest": ["students marched peacefully to parliament", "workers held a rally downtown"],
    }
    examples = [
        Example(t, (("acled", label),)) for label, group in texts.items() for t in group for _ in range(3)
    ]
    return fit(examples, calibrate=False)


def test_quantized_weights_stay_within_half_a_level_of_the_half_precision_ones():
    rng = np.random.default_rng(0)
    weights = rng.normal(0, 2, size=(5, 300)).astype(np.float32)
    weights[3] = 0.0  # a class with no weight at all must not divide by zero
    levels, scale = quantize(weights)
    assert levels.dtype == np.int16 and np.abs(levels).max() <= 2047 and scale.shape == (5, 1)
    half = weights.astype(np.float16).astype(np.float32)
    assert np.all(np.abs(levels * scale - half) <= scale / 2 + 1e-6)
    assert np.all(levels[3] == 0)


def test_a_saved_model_predicts_what_it_did_before_saving(tmp_path: Path):
    model = _tiny_model()
    model.save(tmp_path)
    again = EventClassifier.load(tmp_path)
    texts = ["gunmen shot three people", "a peaceful march in the capital"]
    before, after = model.predict_arrays(texts)["acled"], again.predict_arrays(texts)["acled"]
    assert (before.argmax(1) == after.argmax(1)).all()
    assert np.abs(before - after).max() < 0.02


def test_a_format_1_model_loads_and_converts_to_the_bytes_a_fresh_save_gives(tmp_path: Path):
    model = _tiny_model()
    old, new = tmp_path / "old", tmp_path / "new"
    model.save(new)
    # write the same model the way format 1 did: half-precision weights, no scale file
    model.save(old)
    (old / "acled_scale.npy").unlink()
    buffer = io.BytesIO()
    np.save(buffer, model.heads["acled"].weights.astype(np.float16), allow_pickle=False)
    (old / "acled_weights.npy.gz").write_bytes(gzip.compress(buffer.getvalue(), mtime=0))
    meta = json.loads((old / "meta.json").read_text(encoding="utf-8"))
    meta["format"] = 1
    (old / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    loaded = EventClassifier.load(old)
    np.testing.assert_array_equal(
        loaded.heads["acled"].weights, model.heads["acled"].weights.astype(np.float16).astype(np.float32)
    )
    loaded.save(tmp_path / "converted")
    for name in ("acled_weights.npy.gz", "acled_scale.npy"):
        assert (tmp_path / "converted" / name).read_bytes() == (new / name).read_bytes()
