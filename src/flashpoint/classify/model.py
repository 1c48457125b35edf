"""A trained event classifier: a linear model over word and character n-grams.

One feature space (TF-IDF over word 1-2-grams and character 3-5-grams within words,
fitted with scikit-learn, applied by classify.ngrams) feeds one or more heads. Each head is a multinomial logistic
regression over its classes, "NONE" among them, with a temperature fitted on held-out
data so that its probabilities can serve as the event's confidence. The shipped model
has two heads: ``plover`` (the 16 PLOVER types) and ``acled`` (the 25 ACLED sub-event
types); a model a user trains from an ACLED export has the ``acled`` head alone.

A model a user trains with ``--encoder`` also reads each sentence with the sentence
encoder of classify.encoder: its vector follows the n-gram columns, its name is in
``meta.json`` and its columns' weights are kept in ``<head>_encoder.npy``.

A model is a folder: ``meta.json`` (classes, temperatures, feature settings, what it
was trained on), ``vocabulary.json`` (the n-grams in column order) and one ``.npy``
file per array. Every file is written deterministically, so retraining on the same
data with the same seed gives the same bytes.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataFileError
from .encoder import WIDTH as ENCODER_WIDTH
from .ngrams import NgramView
from .rule_confusion import RuleConfusion

NONE = "NONE"
# 2: weights in 12-bit levels with a scale per class; 1 (still read): half-precision weights
FORMAT_VERSION = 2
READABLE_FORMATS = (1, 2)
LEVELS = 2047  # the largest level of a 12-bit signed weight
DIGITS = re.compile(r"\d")
SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, one space between words, every digit a 0: '12 killed' and '3 killed'
    are the same evidence."""
    return DIGITS.sub("0", SPACES.sub(" ", text.lower())).strip()


# The two n-gram views and their settings: words carry the verbs and nouns of an
# act, characters carry their inflections and the spellings a word list misses.
FEATURE_SETTINGS: dict[str, dict[str, Any]] = {
    "word": {
        "analyzer": "word",
        "ngram_range": (1, 2),
        "min_df": 2,
        "sublinear_tf": True,
        "token_pattern": r"(?u)\b\w[\w'-]*\b",
    },
    "char": {
        "analyzer": "char_wb",
        "ngram_range": (3, 5),
        "min_df": 3,
        "sublinear_tf": True,
        "max_features": 60000,
    },
}


def vectorizer(view: str) -> Any:
    """An unfitted scikit-learn TfidfVectorizer for one view (training only)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(preprocessor=normalise, dtype=np.float32, **FEATURE_SETTINGS[view])


def view_from(name: str, vocabulary: Sequence[str], idf: np.ndarray) -> NgramView:
    settings = FEATURE_SETTINGS[name]
    return NgramView(
        settings["analyzer"], settings["ngram_range"], vocabulary, idf, settings.get("token_pattern")
    )


def fitted_view(name: str, vec: Any) -> NgramView:
    """The NgramView of a fitted TfidfVectorizer."""
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    return view_from(name, vocab, vec.idf_.astype(np.float32))


# A text's features: the columns and values of its non-zero entries.
Row = tuple[np.ndarray, np.ndarray]


@dataclass
class Head:
    """One decision: its classes, weights (classes x features), intercepts and temperature."""

    classes: tuple[str, ...]
    weights: np.ndarray
    intercept: np.ndarray
    temperature: float = 1.0

    def logits(self, rows: Sequence[Row]) -> np.ndarray:
        out = np.tile(self.intercept.astype(np.float64), (len(rows), 1))
        for i, (cols, vals) in enumerate(rows):
            if len(cols):
                out[i] += self.weights[:, cols] @ vals
        return out

    def probabilities(self, rows: Sequence[Row]) -> np.ndarray:
        z = self.logits(rows) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        return z


class EventClassifier:
    """Class probabilities for sentences. ``predict(texts)`` gives, for each text, a dict
    head -> {class: probability}."""

    def __init__(
        self,
        views: dict[str, NgramView],
        heads: dict[str, Head],
        info: dict[str, Any] | None = None,
        rule_confusion: RuleConfusion | None = None,
        encoder: str | None = None,
    ) -> None:
        self.views = views
        self.heads = heads
        self.info = info or {}
        # the sentence encoder whose vector follows the n-grams (classify.encoder), if any
        self.encoder = encoder
        # how the rules' ACLED answers compare with gold on this model's training corpus
        self.rule_confusion = rule_confusion

    def features(self, texts: Sequence[str]) -> list[Row]:
        """Each text's TF-IDF features, the views side by side as in training, then the
        sentence vector when the model has an encoder."""
        norms = [normalise(t) for t in texts]
        vectors = None
        if self.encoder is not None and texts:
            from .encoder import load_encoder

            vectors = load_encoder().encode(norms)
        rows = []
        for i, norm in enumerate(norms):
            cols, vals, offset = [], [], 0
            for view in self.views.values():
                c, v = view.vector(norm)
                cols.append(c + offset)
                vals.append(v)
                offset += len(view)
            if vectors is not None:
                cols.append(np.arange(offset, offset + vectors.shape[1]))
                vals.append(vectors[i])
            rows.append((np.concatenate(cols), np.concatenate(vals)))
        return rows

    def predict_arrays(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        rows = self.features(texts)
        return {name: head.probabilities(rows) for name, head in self.heads.items()}

    def predict(self, texts: Sequence[str]) -> list[dict[str, dict[str, float]]]:
        if not texts:
            return []
        arrays = self.predict_arrays(texts)
        return [
            {
                name: dict(zip(self.heads[name].classes, map(float, probs[i])))
                for name, probs in arrays.items()
            }
            for i in range(len(texts))
        ]

    def save(self, folder: str | Path) -> None:
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        vocab = {name: sorted(v.index, key=v.index.__getitem__) for name, v in self.views.items()}
        (out / "vocabulary.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        for name, v in self.views.items():
            _save_array(out / f"idf_{name}.npy", v.idf.astype(np.float32))
        dense = ENCODER_WIDTH if self.encoder is not None else 0
        for name, head in self.heads.items():
            # the encoder's columns weigh on another scale than the n-grams': kept apart,
            # so that they do not coarsen the n-grams' levels
            levels, scale = quantize(head.weights[:, : head.weights.shape[1] - dense])
            if dense:
                _save_array(out / f"{name}_encoder.npy", head.weights[:, -dense:].astype(np.float32))
            _save_array(out / f"{name}_weights.npy.gz", levels)
            _save_array(out / f"{name}_scale.npy", scale)
            _save_array(out / f"{name}_intercept.npy", head.intercept.astype(np.float32))
        meta = {
            "format": FORMAT_VERSION,
            "views": list(self.views),
            "heads": {
                name: {"classes": list(h.classes), "temperature": round(h.temperature, 6)}
                for name, h in self.heads.items()
            },
            "info": self.info,
        }
        if self.encoder is not None:
            meta["encoder"] = self.encoder
        (out / "meta.json").write_text(
            json.dumps(meta, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        if self.rule_confusion is not None:
            self.rule_confusion.save(out)

    @classmethod
    def load(cls, folder: str | Path) -> EventClassifier:
        src = Path(folder)
        try:
            meta = json.loads((src / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format") not in READABLE_FORMATS:
                raise DataFileError(
                    f"{src}: model format {meta.get('format')!r}, expected one of {READABLE_FORMATS}; "
                    f"retrain it with `flashpoint train`"
                )
            vocab = json.loads((src / "vocabulary.json").read_text(encoding="utf-8"))
            views = {
                name: view_from(name, vocab[name], np.load(src / f"idf_{name}.npy")) for name in meta["views"]
            }
            encoder = meta.get("encoder")
            heads = {
                name: Head(
                    tuple(spec["classes"]),
                    _load_weights(src, name, meta["format"], encoder is not None),
                    np.load(src / f"{name}_intercept.npy"),
                    float(spec["temperature"]),
                )
                for name, spec in meta["heads"].items()
            }
        except (OSError, ValueError, KeyError) as exc:
            raise DataFileError(f"cannot read the event model in {src}: {exc}") from exc
        return cls(views, heads, meta.get("info", {}), RuleConfusion.load(src), encoder)


def quantize(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whole-number levels (12 bits, kept in int16) and one scale per class (row) for a
    head's weights.

    Half precision spends its bits on tiny weights that never change a decision, and the
    shipped ACLED head took 7.8 MB gzipped; 4,095 even levels per class compress to 3.5 MB.
    On 20,781 corpus and real news sentences no probability moved by more than 0.0022 and
    one top class (of the PLOVER head) changed.
    The weights pass through half precision first, so a model saved in format 1 converts
    to the very bytes a retrain gives."""
    half = np.asarray(weights, dtype=np.float16).astype(np.float32)
    peak = np.abs(half).max(axis=1, keepdims=True)
    scale = np.where(peak > 0, peak / LEVELS, 1.0).astype(np.float32)
    return np.round(half / scale).astype(np.int16), scale


def _load_weights(src: Path, name: str, fmt: int, encoder: bool) -> np.ndarray:
    levels = _load_array(src / f"{name}_weights.npy.gz").astype(np.float32)
    if fmt == 1:
        return levels
    scale: np.ndarray = np.load(src / f"{name}_scale.npy")
    weights: np.ndarray = levels * scale
    if encoder:
        weights = np.hstack([weights, np.load(src / f"{name}_encoder.npy")])
    return weights


def _save_array(path: Path, array: np.ndarray) -> None:
    """np.save writes a fixed header and the raw bytes: the same array, the same file.
    A ``.gz`` name is gzipped with no time stamp or name inside, so it stays so."""
    if path.suffix == ".gz":
        buffer = io.BytesIO()
        np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
        with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
            fh.write(buffer.getvalue())
        return
    np.save(path, np.ascontiguousarray(array), allow_pickle=False)


def _load_array(path: Path) -> np.ndarray:
    with gzip.open(path, "rb") as fh:
        array: np.ndarray = np.load(io.BytesIO(fh.read()), allow_pickle=False)
    return array
