"""Does a contextual sentence encoder help the event classifier? (issue 16)

    .venv/bin/python tools/compare_sentence_encoder.py [--fold 1] [--static] [tfidf emb both:1 ...]

The encoder is all-MiniLM-L6-v2 in numpy, as flashpoint.classify.encoder runs it for the
opt-in models of ``flashpoint train --encoder`` (``make install`` installs its weights).
Every text is encoded once and kept in flashpoint's user folder (``cache/``); on 2 cores
the first run encodes about 65,000 texts in roughly an hour. With ``--static`` the
sentence vector comes from a static word-piece table distilled from the encoder instead (class ``Static``; no forward pass per text, so no cache).

Candidates, each fitted as the shipped model is (classify.training.fit_head, C=64, the
real news at their weight) on the corpus and the real news folds other than ``--fold``
and the measurement fold 0:

- ``tfidf``:    the shipped features;
- ``emb``:      the sentence vector alone;
- ``both:A``:   the shipped features and the sentence vector times A, side by side.

Scored, the classifier alone by argmax, on real news fold ``--fold`` (accuracy / weighted
F1 of the sentences labelled with an event / no-event sentences given an event, per
head), on the ACLED notes (sub-event accuracy / weighted F1; evaluation only) and on
PLOVER's gold sentences (type accuracy).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "tools"))
import real_news  # noqa: E402
from compare_event_classifiers import evaluation_sets  # noqa: E402
from compare_neighbour_context import summary  # noqa: E402

from flashpoint.classify.encoder import INSTALL, SentenceEncoder, weights_zip  # noqa: E402

WIDTH = 384


def MiniLM() -> SentenceEncoder:  # noqa: N802 (reads as the class it was)
    """The encoder flashpoint's opt-in models use (classify.encoder)."""
    source = weights_zip()
    if source is None:
        raise SystemExit(f"the encoder is not installed: {INSTALL}")
    return SentenceEncoder(source)


class Static:
    """A static word-piece table distilled from MiniLM: each piece's vector is what the
    encoder gives for the one-piece sentence ``[CLS] piece [SEP]``. A text's vector is the
    mean of its pieces' vectors, each weighted a / (a + p(piece)) with p the piece's share
    of the corpus's pieces (rare pieces count more), normalised. No forward pass at run time:
    one tokenisation and a table look-up."""

    def __init__(self, encoder: SentenceEncoder, counts_from: list[str], a: float = 1e-3) -> None:
        self.tok = encoder.tok
        n = encoder.w["embeddings.word_embeddings.weight"].shape[0]
        cls_id, sep_id = self.tok.token_to_id("[CLS]"), self.tok.token_to_id("[SEP]")
        self.table = np.zeros((n, WIDTH), dtype=np.float32)
        t0 = time.time()
        for start in range(0, n, 512):
            ids = np.array([[cls_id, i, sep_id] for i in range(start, min(n, start + 512))])
            self.table[start : start + len(ids)] = encoder.forward(ids, np.ones(ids.shape, np.float32))
        print(f"distilled {n} word pieces in {time.time() - t0:.0f} s", flush=True)
        counts = np.zeros(n)
        for ids in self.pieces(counts_from):
            np.add.at(counts, ids, 1)
        self.weight = a / (a + counts / counts.sum())

    def pieces(self, texts: list[str]) -> list[np.ndarray]:
        self.tok.no_padding()
        enc = self.tok.encode_batch(texts, add_special_tokens=False)
        return [np.array(e.ids, dtype=np.int64) for e in enc]

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), WIDTH), dtype=np.float32)
        for row, ids in enumerate(self.pieces(texts)):
            if len(ids):
                v = (self.table[ids] * self.weight[ids, None]).sum(0)
                out[row] = v / (np.linalg.norm(v) or 1.0)
        return out


def cached(name: str, texts: list[str], encoder: SentenceEncoder | None) -> np.ndarray:
    """The vectors of ``texts``, encoded once and kept in flashpoint's user folder."""
    import hashlib

    from flashpoint.classify.locations import user_home

    key = hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:12]
    path = user_home() / "cache" / f"minilm-{name}-{key}.npy"
    if path.exists():
        return np.load(path)
    t0 = time.time()
    vectors = (encoder or MiniLM()).encode(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    print(f"encoded {len(texts)} {name} texts in {time.time() - t0:.0f} s", flush=True)
    return vectors


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fold", type=int, default=1, help="the real news fold to score (never 0)")
    ap.add_argument("--static", action="store_true", help="the distilled static table, not the encoder")
    ap.add_argument("candidates", nargs="*", default=["tfidf", "emb", "both:1"])
    args = ap.parse_args()
    from scipy.sparse import csr_matrix, hstack

    from flashpoint.classify.model import FEATURE_SETTINGS, vectorizer
    from flashpoint.classify.training import fit_head, scores

    corpus, rows, pairs = real_news.tuning_split(args.fold)
    notes, subs, sentences, types = evaluation_sets(SHARED)
    encoder = MiniLM()
    if args.static:
        static = Static(encoder, [e.text for e in corpus])
        vec = {
            "corpus": static.encode([e.text for e in corpus]),
            "news": static.encode([r["text"] for r in rows]),
            "notes": static.encode(notes),
            "plover": static.encode(sentences),
        }
    else:
        vec = {
            "corpus": cached("corpus", [e.text for e in corpus], encoder),
            "news": cached("news", [r["text"] for r in rows], encoder),
            "notes": cached("notes", notes, encoder),
            "plover": cached("plover", sentences, encoder),
        }
    train = list(zip(corpus, vec["corpus"])) + [
        (e, vec["news"][i]) for i, (e, f) in enumerate(pairs) if f not in (0, args.fold)
    ]
    test = [(e, vec["news"][i]) for i, (e, f) in enumerate(pairs) if f == args.fold]
    views = [vectorizer(v) for v in FEATURE_SETTINGS]
    grams = {"train": hstack([v.fit_transform([e.text for e, _ in train]) for v in views], format="csr")}
    for name, texts in (("test", [e.text for e, _ in test]), ("notes", notes), ("plover", sentences)):
        grams[name] = hstack([v.transform(texts) for v in views], format="csr")
    dense = {"train": np.stack([x for _, x in train]), "test": np.stack([x for _, x in test])}
    dense.update(notes=vec["notes"], plover=vec["plover"])
    print(
        f"fold {args.fold}: {len(train)} training examples, {len(test)} scored\n"
        "candidate | fold: PLOVER head | fold: ACLED head | ACLED notes sub-event acc. / wF1 | PLOVER GSR type acc."
    )
    for cand in args.candidates:
        kind, _, scale = cand.partition(":")

        def features(part: str, kind: str = kind, alpha: float = float(scale or 1)) -> Any:
            if kind == "tfidf":
                return grams[part]
            if kind == "emb":
                return csr_matrix(dense[part])
            return hstack([grams[part], csr_matrix(dense[part] * alpha)], format="csr")

        t0 = time.time()
        pred: dict[str, dict[str, list[str]]] = {}
        for head, parts in (("plover", ("test", "plover")), ("acled", ("test", "notes"))):
            idx = [i for i, (e, _) in enumerate(train) if e.label(head) is not None]
            x = features("train")[idx]
            fitted = fit_head(
                x, [train[i][0].label(head) for i in idx], 64.0, 0, [train[i][0].weight for i in idx]
            )
            pred[head] = {}
            for part in parts:
                z = np.asarray(features(part) @ fitted.weights.T + fitted.intercept)
                pred[head][part] = [fitted.classes[int(k)] for k in z.argmax(axis=1)]
        cells = [summary([e.label(h) for e, _ in test], pred[h]["test"]) for h in ("plover", "acled")]
        on_notes = scores(subs, pred["acled"]["notes"])
        on_gold = sum(g == p for g, p in zip(types, pred["plover"]["plover"])) / len(types)
        print(
            f"{cand} | {cells[0]} | {cells[1]} | {on_notes['accuracy']:.3f} / {on_notes['weighted_f1']:.3f} | "
            f"{on_gold:.3f}  [{time.time() - t0:.0f} s]",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
