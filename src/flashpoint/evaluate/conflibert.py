"""Five-way CAMEO class of news sentences from the ConfliBERT repository (evaluation only).

The labels 0..4 are undocumented upstream; the examples fit CAMEO's PentaClass
(0 statement/appeal, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict): class 1 sentences "agreed to", class 3 ones "investigated",
class 4 ones "demonstrated". Each sentence's primary event is mapped to a class by its
PLOVER type (PLOVER_CLASS); a sentence with no event is class 0.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from ..models import Document
from ..report import RunReport
from .acled import classification_scores

TEST = "data/conflibert_cameo/cameo_class_test.csv"
CLASSES = ("0", "1", "2", "3", "4")
CLASS_NAMES = {"0": "statement/appeal", "1": "verbal cooperation", "2": "material cooperation",
               "3": "verbal conflict", "4": "material conflict"}
# Follows PLOVER's own quad grouping; REQUEST sits with verbal conflict there, while CAMEO's
# appeals (02) are PentaClass 0 — the mapping keeps PLOVER's side (evaluation mapping only).
PLOVER_CLASS = {
    "AGREE": "1", "CONSULT": "1", "SUPPORT": "1", "CONCEDE": "1",
    "COOPERATE": "2", "AID": "2", "RETREAT": "2",
    "REQUEST": "3", "ACCUSE": "3", "REJECT": "3", "THREATEN": "3", "SANCTION": "3",
    "PROTEST": "4", "MOBILIZE": "4", "COERCE": "4", "ASSAULT": "4",
}


def predicted_class(event_type: str | None) -> str:
    """PentaClass of a PLOVER type; no event (or an unmapped type) is a plain statement."""
    return PLOVER_CLASS.get(event_type or "", "0")


def evaluate_conflibert(shared: Path, limit: int | None = None) -> dict[str, Any]:
    from ..api import default_pipeline
    from ..geo.evaluate import primary_event
    path = shared / TEST
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise DataFileError(f"{path}: {exc}") from exc
    rows = rows[:limit] if limit else rows
    docs = [Document(id=str(i), text=r["text"]) for i, r in enumerate(rows)]
    pred = {d.id: "0" for d in docs}
    for doc, events in default_pipeline().run(docs, RunReport()):
        first = primary_event(events, prefer_acled=False)
        pred[doc.id] = predicted_class(first.type if first else None)
    gold = [r["label"].strip() for r in rows]
    scores = classification_scores(gold, [pred[d.id] for d in docs], CLASSES)
    scores["no_event"] = sum(1 for d in docs if pred[d.id] == "0")
    return scores


def format_conflibert(res: dict[str, Any]) -> str:
    per = ", ".join(f"{c} {res['per_label'][c]['f1']:.2f}" for c in CLASSES if c in res["per_label"])
    return (f"ConfliBERT CAMEO 5-class test: {res['n']} sentences, accuracy {res['accuracy']:.1%}, "
            f"macro-F1 {res['macro_f1']:.3f}, weighted-F1 {res['weighted_f1']:.3f}; "
            f"class 0 predicted for {res['no_event']}; per-class F1: {per}")


def conflibert_markdown(res: dict[str, Any]) -> str:
    rows = "\n".join(
        f"| {c} {CLASS_NAMES[c]} | {v['support']} | {v['precision']:.1%} | {v['recall']:.1%} | {v['f1']:.3f} |"
        for c in CLASSES if (v := res["per_label"].get(c)))
    return (
        "## CAMEO five-way classes: ConfliBERT test sentences\n\n"
        "Source: eventdata/ConfliBERT `data/cameo_class/test.tsv` (human-annotated CAMEO sentences, "
        "Hu et al. 2022). Licence: none for the data (the repository says it does not own the "
        "copyright) — research use, evaluation only, no rows in this repository. Labels read as CAMEO "
        "PentaClass (0 statement/appeal, 1 verbal cooperation, 2 material cooperation, 3 verbal "
        "conflict, 4 material conflict), checked against the examples. The primary event's PLOVER type "
        "is mapped to a class (AGREE/CONSULT/SUPPORT/CONCEDE → 1, COOPERATE/AID/RETREAT → 2, "
        "REQUEST/ACCUSE/REJECT/THREATEN/SANCTION → 3, PROTEST/MOBILIZE/COERCE/ASSAULT → 4, no event → 0). "
        "Measured with `flashpoint evaluate conflibert`.\n\n"
        f"- accuracy **{res['accuracy']:.1%}**, macro-F1 **{res['macro_f1']:.3f}**, "
        f"weighted F1 {res['weighted_f1']:.3f} on {res['n']} sentences\n"
        f"- sentences predicted class 0 (no mapped event): {res['no_event']}\n\n"
        "| class | sentences | precision | recall | F1 |\n|---|---|---|---|---|\n" + rows + "\n")
