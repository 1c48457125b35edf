"""Event-type accuracy on the PLOVER gold standard records (OEDA, CC BY-SA 4.0).

Each record is one sentence with one gold PLOVER type (older drafts' names are mapped
through the ontology's aliases). We code the sentence alone and ask: is the gold type
among the events we coded (recall), and how many coded events have another type?
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..models import Document
from ..ontology import load_ontology
from ..report import RunReport

GSR = "data/plover_gsr/plover_gsr_cameo.jsonl"


def evaluate_plover(shared: Path, limit: int | None = None) -> dict[str, Any]:
    from ..api import default_pipeline
    onto = load_ontology()
    records = []
    with open(shared / GSR, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            records.append((r["id"], r["text"], onto.canonical_type(r["event"])))
    records = records[:limit] if limit else records
    docs = [Document(id=rid, text=text) for rid, text, _ in records]
    gold = {rid: type_ for rid, _, type_ in records}
    coded: dict[str, list[str]] = {rid: [] for rid in gold}
    for doc, events in default_pipeline().run(docs, RunReport()):
        coded[doc.id] = [e.type for e in events]
    hit = sum(gold[r] in coded[r] for r in gold)
    n_events = sum(len(v) for v in coded.values())
    right_events = sum(t == gold[r] for r in gold for t in coded[r])
    missed = Counter(gold[r] for r in gold if gold[r] not in coded[r])
    per_type = {}
    for type_ in sorted(set(gold.values())):
        ids = [r for r in gold if gold[r] == type_]
        per_type[type_] = (sum(type_ in coded[r] for r in ids), len(ids))
    return {"n": len(gold), "recall": hit / len(gold) if gold else 0.0,
            "precision": right_events / n_events if n_events else 0.0,
            "events": n_events, "empty": sum(not v for v in coded.values()),
            "per_type": per_type, "missed": dict(missed.most_common())}


def format_plover(res: dict[str, Any]) -> str:
    lines = [f"PLOVER GSR: {res['n']} sentences, gold type found in {res['recall']:.1%}, "
             f"{res['precision']:.1%} of {res['events']} coded events have the gold type, "
             f"{res['empty']} sentences coded nothing"]
    lines += [f"  {t:10} {k}/{n}" for t, (k, n) in res["per_type"].items()]
    return "\n".join(lines)


def plover_markdown(res: dict[str, Any]) -> str:
    rows = "\n".join(f"| {t} | {k} | {n} | {k / n:.0%} |" for t, (k, n) in res["per_type"].items())
    return (
        "## Event types: PLOVER gold standard records\n\n"
        "Source: openeventdata/PLOVER `PLOVER_GSR_CAMEO.txt` (Open Event Data Alliance, CC BY-SA 4.0), "
        "322 sentences adapted from the CAMEO manual; older type names mapped through "
        "`ontology.yaml` aliases (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT). "
        "Measured with `flashpoint evaluate plover`.\n\n"
        f"- gold type among the coded events: **{res['recall']:.1%}** of {res['n']} sentences\n"
        f"- coded events with the gold type: **{res['precision']:.1%}** of {res['events']} "
        "(a sentence may report a second event the gold leaves out)\n"
        f"- sentences with no event coded: {res['empty']}\n\n"
        "| type | found | sentences | recall |\n|---|---|---|---|\n" + rows + "\n")
