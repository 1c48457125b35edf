"""Police actions in Times of India articles, March 2002 (IndiaPoliceEvents; evaluation only).

Each article carries adjudicated yes/no answers to "did police KILL / ARREST / use FORCE".
We code the whole article and answer each question from its events:
- KILL: an ASSAULT event with a police (COP) actor that has fatalities > 0 or a killing
  trigger ("killed", "shot dead", ...). The police actor is required in both cases: in
  riot coverage most killings are by mobs, which the question excludes.
- ARREST: a COERCE event of mode arrest or detain whose actor is police or is not named
  (reports usually leave the arresting police implicit: "40 people were arrested").
- FORCE: an ASSAULT event with a police actor.
Scores are per-document precision, recall and F1 for each question.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from ..models import Document, Event
from ..report import RunReport

DIR = "data/indiapoliceevents"
QUESTIONS = ("KILL", "ARREST", "FORCE")
POLICE = "COP"
ARREST_MODES = {"arrest", "detain"}
KILL_TRIGGER = re.compile(r"\b(kill|shot dead|gunned down|shoot dead|lynch|murder|died|dead)", re.I)


def _police(event: Event) -> bool:
    return any(a.sector == POLICE for a in event.actors)


def _is_kill(e: Event) -> bool:
    trigger = e.trigger.text if e.trigger else ""
    return (
        e.type == "ASSAULT" and _police(e) and ((e.fatalities or 0) > 0 or bool(KILL_TRIGGER.search(trigger)))
    )


def _is_arrest(e: Event) -> bool:
    return e.type == "COERCE" and e.mode in ARREST_MODES and (not e.actors or _police(e))


def _is_force(e: Event) -> bool:
    return e.type == "ASSAULT" and _police(e)


def predict_labels(events: list[Event]) -> set[str]:
    """The police-action questions these events answer yes."""
    rules = {"KILL": _is_kill, "ARREST": _is_arrest, "FORCE": _is_force}
    return {q for q, rule in rules.items() if any(rule(e) for e in events)}


def _read(shared: Path, limit: int | None) -> tuple[list[Document], dict[str, set[str]]]:
    base = shared / DIR
    try:
        with (base / "metadata.csv").open(encoding="utf-8", newline="") as fh:
            dates = {r["doc_id"]: r["date"] for r in csv.DictReader(fh)}
    except OSError:
        dates = {}
    docs: list[Document] = []
    gold: dict[str, set[str]] = {}
    try:
        with (base / "docs.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                if limit and len(docs) >= limit:
                    break
                r = json.loads(line)
                doc_id = str(r["doc_id"])
                try:
                    day = date.fromisoformat(dates.get(doc_id, ""))
                except ValueError:
                    day = None
                docs.append(Document(id=doc_id, text=r["doc_text"], date=day))
                gold[doc_id] = set(r.get("doc_labels") or [])
    except (OSError, ValueError, KeyError) as exc:
        raise DataFileError(f"{base / 'docs.jsonl'}: {exc}") from exc
    return docs, gold


def evaluate_india(shared: Path, limit: int | None = None, model: str | None = None) -> dict[str, Any]:
    from ..facade import pipeline_for

    docs, gold = _read(shared, limit)
    pred: dict[str, set[str]] = {d.id: set() for d in docs}
    for doc, events in pipeline_for(model).run(docs, RunReport()):
        pred[doc.id] = predict_labels(events)
    scores = {}
    for q in QUESTIONS:
        tp = sum(q in gold[i] and q in pred[i] for i in gold)
        n_pred = sum(q in pred[i] for i in gold)
        n_gold = sum(q in gold[i] for i in gold)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        scores[q] = {
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "gold": n_gold,
            "predicted": n_pred,
        }
    return {
        "n": len(docs),
        "limit": limit,
        "scores": scores,
        "macro_f1": sum(s["f1"] for s in scores.values()) / len(scores),
    }


def format_india(res: dict[str, Any]) -> str:
    per = "; ".join(
        f"{q} P {s['precision']:.1%} R {s['recall']:.1%} F1 {s['f1']:.3f} "
        f"({s['gold']} gold, {s['predicted']} predicted)"
        for q, s in res["scores"].items()
    )
    scope = f"first {res['n']} documents" if res["limit"] else f"{res['n']} documents"
    return f"IndiaPoliceEvents ({scope}): {per}; macro-F1 {res['macro_f1']:.3f}"


def india_markdown(res: dict[str, Any]) -> str:
    rows = "\n".join(
        f"| {q} | {s['gold']} | {s['predicted']} | {s['precision']:.1%} | {s['recall']:.1%} | {s['f1']:.3f} |"
        for q, s in res["scores"].items()
    )
    scope = f"the first {res['n']} documents" if res["limit"] else f"all {res['n']} documents"
    return (
        "## Police actions: IndiaPoliceEvents\n\n"
        "Source: slanglab/IndiaPoliceEvents `data/final/docs.jsonl` (Halterman, Keith, Sarwar & "
        "O'Connor, Findings of ACL 2021): Times of India articles from March 2002 with adjudicated "
        "document labels. Licence: none stated; the texts are the publisher's — research use, "
        "evaluation only, no rows in this repository. Rules (see `evaluate/india.py`): KILL = an "
        "ASSAULT with a police actor and fatalities or a killing trigger; ARREST = a COERCE arrest/detain "
        "event by police or an unnamed actor; FORCE = an ASSAULT with a police actor. "
        f"Scored on {scope}. Measured with `flashpoint evaluate india`.\n\n"
        "| question | gold docs | predicted | precision | recall | F1 |\n|---|---|---|---|---|---|\n"
        + rows
        + f"\n\nMacro-F1 over the three questions: **{res['macro_f1']:.3f}**\n"
    )
