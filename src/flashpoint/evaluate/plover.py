"""Event-type accuracy on the PLOVER gold standard records (OEDA, CC BY-SA 4.0).

Each record is one sentence with one gold PLOVER type (older drafts' names are mapped
through the ontology's aliases). We code the sentence alone and ask: is the gold type
among the events we coded (recall), and how many coded events have another type?

Actors are scored on the event we would be judged by (the first coded event of the gold
type, else the first event): each gold source or target that names a country (a CAMEO
code that is an ISO3 code) or a sector counts as matched when our actors (for sources) or
recipients (for targets) include that country or sector.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..models import Document, Event
from ..ontology import load_ontology
from ..report import RunReport
from .sets import country_codes

GSR = "data/plover_gsr/plover_gsr_cameo.jsonl"


def evaluate_plover(shared: Path, limit: int | None = None, model: str | None = None) -> dict[str, Any]:
    from ..facade import pipeline_for

    onto = load_ontology()
    records = []
    gold_actors: dict[str, dict[str, list[tuple[str | None, str | None]]]] = {}
    with open(shared / GSR, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            records.append((r["id"], r["text"], onto.canonical_type(r["event"])))
            gold_actors[r["id"]] = {
                "actors": _gold_side(r.get("source"), onto.sectors),
                "recipients": _gold_side(r.get("target"), onto.sectors),
            }
    records = records[:limit] if limit else records
    docs = [Document(id=rid, text=text) for rid, text, _ in records]
    gold = {rid: type_ for rid, _, type_ in records}
    coded: dict[str, list[str]] = {rid: [] for rid in gold}
    tally = {f"{side}_{what}": [0, 0] for side in ("actors", "recipients") for what in ("country", "sector")}
    for doc, events in pipeline_for(model).run(docs, RunReport()):
        coded[doc.id] = [e.type for e in events]
        _score_actors(_judged_event(events, gold[doc.id]), gold_actors[doc.id], tally)
    hit = sum(gold[r] in coded[r] for r in gold)
    n_events = sum(len(v) for v in coded.values())
    right_events = sum(t == gold[r] for r in gold for t in coded[r])
    missed = Counter(gold[r] for r in gold if gold[r] not in coded[r])
    per_type = {}
    for type_ in sorted(set(gold.values())):
        ids = [r for r in gold if gold[r] == type_]
        per_type[type_] = (sum(type_ in coded[r] for r in ids), len(ids))
    return {
        "n": len(gold),
        "recall": hit / len(gold) if gold else 0.0,
        "precision": right_events / n_events if n_events else 0.0,
        "events": n_events,
        "empty": sum(not v for v in coded.values()),
        "per_type": per_type,
        "missed": dict(missed.most_common()),
        "actor_match": {k: (hit_, n_) for k, (hit_, n_) in tally.items()},
    }


def _gold_side(entries: Any, sectors: dict[str, str]) -> list[tuple[str | None, str | None]]:
    """(alpha-2 country, sector) per gold actor; IGO/NGO codes and sub-codes name no country,
    and GSR sector codes carry ethnic suffixes ("CVLalb") that are cut to the PLOVER code."""
    iso3, _ = country_codes()
    out = []
    for a in entries if isinstance(entries, list) else []:
        if not isinstance(a, dict):
            continue
        sector = (a.get("sector") or "")[:3].upper()
        out.append((iso3.get((a.get("code") or "")[:3].upper()), sector if sector in sectors else None))
    return out


def _judged_event(events: list[Event], gold_type: str) -> Event | None:
    return next((e for e in events if e.type == gold_type), events[0] if events else None)


def _score_actors(
    event: Event | None, gold: dict[str, list[tuple[str | None, str | None]]], tally: dict[str, list[int]]
) -> None:
    for side in ("actors", "recipients"):
        ours = list(getattr(event, side)) if event else []
        countries = {a.country for a in ours if a.country}
        sectors = {a.sector for a in ours if a.sector}
        for country, sector in gold[side]:
            for what, value, have in (("country", country, countries), ("sector", sector, sectors)):
                if value:
                    tally[f"{side}_{what}"][0] += value in have
                    tally[f"{side}_{what}"][1] += 1


def _share(pair: tuple[int, int]) -> str:
    hit, n = pair
    return f"{hit / n:.1%} of {n}" if n else "n/a"


def format_plover(res: dict[str, Any]) -> str:
    lines = [
        f"PLOVER GSR: {res['n']} sentences, gold type found in {res['recall']:.1%}, "
        f"{res['precision']:.1%} of {res['events']} coded events have the gold type, "
        f"{res['empty']} sentences coded nothing"
    ]
    am = res["actor_match"]
    lines.append(
        f"  actor country {_share(am['actors_country'])}, actor sector "
        f"{_share(am['actors_sector'])}; recipient country {_share(am['recipients_country'])}, "
        f"recipient sector {_share(am['recipients_sector'])}"
    )
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
        f"- actor (source) country matched: {_share(res['actor_match']['actors_country'])}; "
        f"sector: {_share(res['actor_match']['actors_sector'])}\n"
        f"- recipient (target) country matched: {_share(res['actor_match']['recipients_country'])}; "
        f"sector: {_share(res['actor_match']['recipients_sector'])}\n"
        f"- sentences with no event coded: {res['empty']}\n\n"
        "| type | found | sentences | recall |\n|---|---|---|---|\n" + rows + "\n"
    )
