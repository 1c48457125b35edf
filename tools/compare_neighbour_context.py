"""Does the text around a sentence help the event classifier? (issue 16)

    .venv/bin/python tools/compare_neighbour_context.py [--fold 1] [--alpha 0 0.5 1]

The shipped classifier reads the sentence alone. Here a candidate also reads its
neighbours: a third TF-IDF block (word 1-2-grams, the shipped word settings) over the
sentence before and the sentence after, scaled by ``alpha`` (0 is the shipped features).
Only the HRDsAttack articles give real news sentences their neighbours (every sentence of
those articles is labelled, so the labelled spans next to a sentence are its neighbours);
corpus passages and event_location sentences stand alone and get an empty block.

Each candidate is fitted as the shipped model is (classify.training.fit_head, C=64, the
real news at their weight) on the corpus and the real news folds other than ``--fold``
and the measurement fold 0, and scored on ``--fold`` with the sentence and its neighbours:
accuracy, the weighted F1 of the sentences labelled with an event, and the share of the
no-event sentences given an event, for every sentence of the fold and for the HRDsAttack
sentences (the ones with neighbours). The classifier alone, not the pipeline.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import real_news  # noqa: E402

HEADS = ("plover", "acled")


def neighbours(rows: list[dict]) -> list[str]:
    """For each labelled row, the text of the labelled sentences either side of it in its
    HRDsAttack article ('' for sentences that stand alone)."""
    by_article: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row["source"].startswith("hrdsattack"):
            article, start, _ = row["id"].rsplit(":", 2)
            by_article[article].append((int(start), i))
    out = [""] * len(rows)
    for spans in by_article.values():
        spans.sort()
        order = [i for _, i in spans]
        for k, i in enumerate(order):
            before = rows[order[k - 1]]["text"] if k > 0 else ""
            after = rows[order[k + 1]]["text"] if k + 1 < len(order) else ""
            out[i] = f"{before} {after}".strip()
    return out


def summary(gold: list[str | None], pred: list[str]) -> str:
    from flashpoint.classify.model import NONE
    from flashpoint.classify.training import scores

    keep = [j for j, g in enumerate(gold) if g is not None]
    events = [j for j in keep if gold[j] != NONE]
    nones = [j for j in keep if gold[j] == NONE]
    acc = scores([gold[j] for j in keep], [pred[j] for j in keep])["accuracy"]
    wf1 = scores([gold[j] for j in events], [pred[j] for j in events])["weighted_f1"]
    coded = sum(pred[j] != NONE for j in nones) / max(1, len(nones))
    return f"{acc:.3f} / {wf1:.3f} / {coded:.1%}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fold", type=int, default=1, help="the real news fold to score (never 0)")
    ap.add_argument("--alpha", type=float, nargs="+", default=[0.0, 0.5, 1.0])
    args = ap.parse_args()
    import numpy as np
    from scipy.sparse import hstack

    from flashpoint.classify.model import FEATURE_SETTINGS, vectorizer
    from flashpoint.classify.training import fit_head

    corpus, rows, pairs = real_news.tuning_split(args.fold)
    around = neighbours(rows)
    train = [(e, "") for e in corpus] + [
        (e, around[i]) for i, (e, f) in enumerate(pairs) if f not in (0, args.fold)
    ]
    test = [(e, around[i], rows[i]["source"]) for i, (e, f) in enumerate(pairs) if f == args.fold]
    views = [vectorizer(v) for v in FEATURE_SETTINGS]
    own_train = hstack([v.fit_transform([e.text for e, _ in train]) for v in views], format="csr")
    own_test = hstack([v.transform([e.text for e, _, _ in test]) for v in views], format="csr")
    ctx = vectorizer("word")
    ctx_train = ctx.fit_transform([c for _, c in train])
    ctx_test = ctx.transform([c for _, c, _ in test])
    subsets = {
        "all": range(len(test)),
        "hrdsattack": [i for i, t in enumerate(test) if t[2].startswith("hrds")],
    }
    print(
        f"fold {args.fold}: {len(train)} training examples, {len(test)} scored; per head: "
        "accuracy / weighted F1 of the event sentences / no-event sentences coded"
    )
    print("alpha | sentences | PLOVER head | ACLED head")
    for alpha in args.alpha:
        x_train = own_train if alpha == 0 else hstack([own_train, ctx_train * alpha], format="csr")
        x_test = own_test if alpha == 0 else hstack([own_test, ctx_test * alpha], format="csr")
        t0 = time.time()
        pred = {}
        for head in HEADS:
            idx = [i for i, (e, _) in enumerate(train) if e.label(head) is not None]
            fitted = fit_head(
                x_train[idx],
                [train[i][0].label(head) for i in idx],
                64.0,
                0,
                [train[i][0].weight for i in idx],
            )
            z = x_test @ fitted.weights.T + fitted.intercept
            pred[head] = [fitted.classes[int(k)] for k in np.asarray(z).argmax(axis=1)]
        for name, sel in subsets.items():
            cells = [summary([test[i][0].label(h) for i in sel], [pred[h][i] for i in sel]) for h in HEADS]
            print(
                f"{alpha} | {name} ({len(sel)}) | {cells[0]} | {cells[1]}  [{time.time() - t0:.0f} s]",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
