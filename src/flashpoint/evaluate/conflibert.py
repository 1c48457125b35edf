"""Five-way CAMEO class of news sentences from the ConfliBERT repository (evaluation only).

The labels 0..4 are undocumented upstream; the examples fit CAMEO's PentaClass
(0 statement/appeal, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict): class 1 sentences "agreed to", class 3 ones "investigated",
class 4 ones "demonstrated". Each sentence's primary event is mapped to a class by its
PLOVER type (PLOVER_CLASS), a REQUEST also by its trigger word; no event is class 0.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..classify.metrics import classification_scores
from ..errors import DataFileError
from ..extraction.lexicon import load_triggers
from ..models import Document
from ..report import RunReport

TEST = "data/conflibert_cameo/cameo_class_test.csv"
CLASSES = ("0", "1", "2", "3", "4")
CLASS_NAMES = {
    "0": "statement/appeal",
    "1": "verbal cooperation",
    "2": "material cooperation",
    "3": "verbal conflict",
    "4": "material conflict",
}
# PentaClass groups CAMEO roots 01-02 / 03-05 / 06-08 / 09-13 / 14-20. PLOVER's types
# follow CAMEO's roots closely: CONCEDE is CAMEO 08 YIELD (ease restrictions, accede to
# demands), material cooperation. REQUEST joins CAMEO 02 APPEAL (class 0) and 10 DEMAND
# (class 3); the trigger word tells them apart (TriggerLexicon.is_appeal). SANCTION stays with
# verbal conflict as in the project's PLOVER quads, although CAMEO's 16 reduce relations
# would be class 4.
PLOVER_CLASS = {
    "AGREE": "1",
    "CONSULT": "1",
    "SUPPORT": "1",
    "CONCEDE": "2",
    "COOPERATE": "2",
    "AID": "2",
    "RETREAT": "2",
    "REQUEST": "3",
    "ACCUSE": "3",
    "REJECT": "3",
    "THREATEN": "3",
    "SANCTION": "3",
    "PROTEST": "4",
    "MOBILIZE": "4",
    "COERCE": "4",
    "ASSAULT": "4",
}
APPEAL_CLASS = "0"


def predicted_class(event_type: str | None, appeal: bool = False) -> str:
    """PentaClass of a PLOVER type; no event (or an unmapped type) is a plain statement.
    A REQUEST whose trigger word appeals (``appeal``: 'urged', 'called on') is CAMEO 02,
    class 0."""
    if event_type == "REQUEST" and appeal:
        return APPEAL_CLASS
    return PLOVER_CLASS.get(event_type or "", "0")


def evaluate_conflibert(shared: Path, limit: int | None = None, model: str | None = None) -> dict[str, Any]:
    from ..facade import pipeline_for
    from .geo import primary_event

    path = shared / TEST
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise DataFileError(f"{path}: {exc}") from exc
    rows = rows[:limit] if limit else rows
    docs = [Document(id=str(i), text=r["text"]) for i, r in enumerate(rows)]
    pred = {d.id: "0" for d in docs}
    triggers = load_triggers()
    for doc, events in pipeline_for(model).run(docs, RunReport()):
        first = primary_event(events, prefer_acled=False)
        appeal = first is not None and first.trigger is not None and triggers.is_appeal(first.trigger.text)
        pred[doc.id] = predicted_class(first.type if first else None, appeal)
    gold = [r["label"].strip() for r in rows]
    scores = classification_scores(gold, [pred[d.id] for d in docs], CLASSES)
    scores["no_event"] = sum(1 for d in docs if pred[d.id] == "0")
    return scores


def format_conflibert(res: dict[str, Any]) -> str:
    per = ", ".join(f"{c} {res['per_label'][c]['f1']:.2f}" for c in CLASSES if c in res["per_label"])
    return (
        f"ConfliBERT CAMEO 5-class test: {res['n']} sentences, accuracy {res['accuracy']:.1%}, "
        f"macro-F1 {res['macro_f1']:.3f}, weighted-F1 {res['weighted_f1']:.3f}; "
        f"class 0 predicted for {res['no_event']}; per-class F1: {per}"
    )


def conflibert_markdown(res: dict[str, Any]) -> str:
    rows = "\n".join(
        f"| {c} {CLASS_NAMES[c]} | {v['support']} | {v['precision']:.1%} | {v['recall']:.1%} | {v['f1']:.3f} |"
        for c in CLASSES
        if (v := res["per_label"].get(c))
    )
    return (
        "## CAMEO five-way classes: ConfliBERT test sentences\n\n"
        "Source: eventdata/ConfliBERT `data/cameo_class/test.tsv` (human-annotated CAMEO sentences, "
        "Hu et al. 2022). Licence: none for the data (the repository says it does not own the "
        "copyright) — research use, evaluation only, no rows in this repository; errors on its train "
        "split informed hand-written, general lexicon entries, so this is a development figure. "
        "Labels read as CAMEO "
        "PentaClass (0 statement/appeal, 1 verbal cooperation, 2 material cooperation, 3 verbal "
        "conflict, 4 material conflict), checked against the examples. The primary event's PLOVER type "
        "is mapped to a class (AGREE/CONSULT/SUPPORT → 1, COOPERATE/AID/RETREAT/CONCEDE → 2 (CONCEDE is "
        "CAMEO 08 YIELD), REQUEST/ACCUSE/REJECT/THREATEN/SANCTION → 3 except a REQUEST whose trigger "
        "appeals ('urged', 'called on': CAMEO 02 APPEAL) → 0, PROTEST/MOBILIZE/COERCE/ASSAULT → 4, "
        "no event → 0). "
        "Measured with `flashpoint evaluate conflibert`.\n\n"
        f"- accuracy **{res['accuracy']:.1%}**, macro-F1 **{res['macro_f1']:.3f}**, "
        f"weighted F1 {res['weighted_f1']:.3f} on {res['n']} sentences\n"
        f"- sentences predicted class 0 (no mapped event): {res['no_event']}\n\n"
        "| class | sentences | precision | recall | F1 |\n|---|---|---|---|---|\n" + rows + "\n"
    )
