"""Scores of single-label predictions, shared by `flashpoint train`'s held-out figures
and the evaluations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any


def classification_scores(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Accuracy and per-label, macro and support-weighted F1 for single-label predictions.

    The averages run over ``labels`` that occur in the gold or the predictions (a label
    absent from both has no defined F1). A predicted value outside ``labels`` (e.g.
    "none") is simply wrong: it costs the gold label recall and is not averaged itself."""
    if len(gold) != len(pred):
        raise ValueError("gold and predicted labels differ in length")
    tp: Counter[str] = Counter(g for g, p in zip(gold, pred) if g == p)
    gold_n, pred_n = Counter(gold), Counter(pred)
    per_label: dict[str, dict[str, float]] = {}
    for label in labels:
        if not gold_n[label] and not pred_n[label]:
            continue
        precision = tp[label] / pred_n[label] if pred_n[label] else 0.0
        recall = tp[label] / gold_n[label] if gold_n[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1, "support": gold_n[label]}
    support = sum(v["support"] for v in per_label.values())
    return {
        "n": len(gold),
        "accuracy": sum(tp.values()) / len(gold) if gold else 0.0,
        "macro_f1": sum(v["f1"] for v in per_label.values()) / len(per_label) if per_label else 0.0,
        "weighted_f1": (
            sum(v["f1"] * v["support"] for v in per_label.values()) / support if support else 0.0
        ),
        "per_label": per_label,
    }
