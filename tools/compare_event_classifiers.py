"""Compare candidate event classifiers before choosing one (issue 16).

    .venv/bin/python tools/compare_event_classifiers.py [--shared ../shared]

Each candidate is trained on the same four fifths of data/training/corpus and scored
on the last fifth (in-distribution), and on sentences it was never trained on:
PLOVER GSR (PLOVER type, sentence alone) and the ACLED notes (sub-event type; the note
alone, evaluation only). Candidates:

- tfidf-lr:   TF-IDF over word 1-2-grams and character 3-5-grams, logistic regression
              (what flashpoint.classify ships);
- word-lr:    the same over word 1-2-grams only;
- spacy-bow:  spaCy's textcat with the TextCatBOW architecture (configured through
              spaCy's config system), 12 epochs.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "training" / "corpus"


def _ours(train, heads, views=("word", "char")):
    from flashpoint.classify import model as m
    from flashpoint.classify.training import fit

    saved = dict(m.FEATURE_SETTINGS)
    try:
        for v in list(m.FEATURE_SETTINGS):
            if v not in views:
                del m.FEATURE_SETTINGS[v]
        model = fit(train, calibrate=False)
    finally:
        m.FEATURE_SETTINGS.clear()
        m.FEATURE_SETTINGS.update(saved)

    def predict(texts, head):
        probs = model.heads[head].probabilities(model.features(texts))
        return [model.heads[head].classes[int(i)] for i in probs.argmax(axis=1)]

    return predict


def _spacy_bow(train, heads):
    import spacy
    from spacy.training import Example as SpacyExample

    models = {}
    for head in heads:
        rows = [(e.text, e.label(head)) for e in train if e.label(head)]
        labels = sorted({lab for _, lab in rows})
        nlp = spacy.blank("en")
        tc = nlp.add_pipe(
            "textcat",
            config={
                "model": {
                    "@architectures": "spacy.TextCatBOW.v3",
                    "exclusive_classes": True,
                    "ngram_size": 2,
                    "no_output_layer": False,
                    "length": 262144,
                }
            },
        )
        for lab in labels:
            tc.add_label(lab)
        examples = [
            SpacyExample.from_dict(nlp.make_doc(t), {"cats": {k: float(k == lab) for k in labels}})
            for t, lab in rows
        ]
        optimizer = nlp.initialize(lambda: examples)  # noqa: B023 (called before the loop moves on)
        rng = random.Random(0)
        for _ in range(12):
            rng.shuffle(examples)
            for i in range(0, len(examples), 32):
                nlp.update(examples[i : i + 32], sgd=optimizer, drop=0.1)
        models[head] = nlp

    def predict(texts, head):
        return [max(d.cats, key=d.cats.get) for d in models[head].pipe(texts)]

    return predict


def _acc(gold, pred):
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    from flashpoint.classify.training import read_examples, scores, split
    from flashpoint.ontology import load_ontology
    from flashpoint.report import RunReport

    onto = load_ontology()
    examples = read_examples(sorted(CORPUS.glob("*.jsonl")), RunReport())
    train, held = split(examples, seed=0)
    shared = Path(args.shared) / "data"
    plover = [json.loads(line) for line in (shared / "plover_gsr" / "plover_gsr_cameo.jsonl").open()]
    plover_texts, plover_gold = [], []
    for r in plover:
        text = r.get("text") or r.get("sentence")
        gold = r.get("event")
        if text and gold:
            try:
                plover_gold.append(onto.canonical_type(gold))
                plover_texts.append(text)
            except Exception:
                continue
    acled_texts, acled_gold = [], []
    for name in ("acled_2020_world_dev.csv", "acled_bangladesh_protests_riots_dev.csv"):
        with (shared / "acled" / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                acled_texts.append(row["notes"])
                acled_gold.append(row["sub_event_type"])
    print(
        "candidate | train s | held-out PLOVER macro-F1 | held-out ACLED macro-F1 | PLOVER GSR type acc. "
        "| ACLED notes sub-event acc. | ACLED sub weighted-F1"
    )
    for name, build in (
        ("tfidf-lr", _ours),
        ("word-lr", lambda t, h: _ours(t, h, ("word",))),
        ("spacy-bow", _spacy_bow),
    ):
        t0 = time.time()
        predict = build(train, ("plover", "acled"))
        secs = time.time() - t0
        hp = scores([e.label("plover") for e in held], predict([e.text for e in held], "plover"))
        ha = scores([e.label("acled") for e in held], predict([e.text for e in held], "acled"))
        pg = _acc(plover_gold, predict(plover_texts, "plover"))
        ap_ = predict(acled_texts, "acled")
        aw = scores(acled_gold, ap_)
        print(
            f"{name} | {secs:.0f} | {hp['macro_f1']:.3f} | {ha['macro_f1']:.3f} | {pg:.3f} | "
            f"{_acc(acled_gold, ap_):.3f} | {aw['weighted_f1']:.3f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
