"""Whole-article checks on HRDsAttack (Ran et al. 2023, MIT): for each news article the
annotators recorded the country of the main attack on a human rights defender and the
kinds of violation. We ask whether flashpoint places the article's events in that
country and codes an event of a matching PLOVER type."""

from __future__ import annotations

import calendar
import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from ..models import Document
from ..report import RunReport

DEV = "data/hrdsattack/hrdsattack_dev.jsonl"
# HRDsAttack violation label -> PLOVER types that report it (evaluation mapping only).
VIOLATION_TYPES = {
    "killing": {"ASSAULT"},
    "kidnapping": {"ASSAULT", "COERCE"},
    "enforced disappearance": {"ASSAULT", "COERCE"},
    "arbitrary detention": {"COERCE"},
    "torture": {"ASSAULT", "COERCE"},
}


def _country_code(name: str | None) -> str | None:
    from ..geo.gazetteer import load_gazetteer

    if not name or name == "None":
        return None
    return load_gazetteer().country_code(name)


MONTHS = tuple(name.lower() for name in calendar.month_name[1:])


def annotated_day(ann: dict[str, Any]) -> str | None:
    """The main event's day as the annotators wrote it (year "2019.0", month "07" or
    "July", day "4.0"), ISO; None when any part is missing or unknown."""
    try:
        month = str(ann.get("month") or "").strip()
        number = int(month) if month.isdigit() else MONTHS.index(month.lower()) + 1
        return date(int(float(ann["year"])), number, int(float(ann["date"]))).isoformat()
    except (KeyError, TypeError, ValueError):
        return None


def evaluate_hrds(shared: Path, limit: int | None = None, model: str | None = None) -> dict[str, Any]:
    from ..facade import pipeline_for

    records = [json.loads(line) for line in open(shared / DEV, encoding="utf-8")]
    records = records[:limit] if limit else records
    docs, gold = [], {}
    for i, r in enumerate(records):
        pub = (r.get("publish_date") or "")[:10]
        doc_id = str(r.get("gdelt_event_id") or i)
        docs.append(Document(id=doc_id, text=r["text"], date=date.fromisoformat(pub) if pub else None))
        gold[doc_id] = r.get("annotation") or {}
    coded: dict[str, list[Any]] = {d.id: [] for d in docs}
    for doc, events in pipeline_for(model).run(docs, RunReport()):
        coded[doc.id] = events
    country_n = country_top = country_any = 0
    type_n = type_hit = 0
    day_n = day_hit = 0
    for doc_id, ann in gold.items():
        events = coded[doc_id]
        code = _country_code(ann.get("country"))
        if code:
            country_n += 1
            countries = Counter(e.location.country for e in events if e.location and e.location.country)
            if countries and countries.most_common(1)[0][0] == code:
                country_top += 1
            country_any += code in countries
        wanted = set().union(*(VIOLATION_TYPES.get(v, set()) for v in ann.get("violation_types") or []))
        if wanted:
            type_n += 1
            type_hit += bool(wanted & {e.type for e in events})
            day = annotated_day(ann)
            if day is not None:
                day_n += 1
                day_hit += any(e.type in wanted and e.date == day for e in events)
    return {
        "n": len(gold),
        "country_n": country_n,
        "country_top": country_top / country_n if country_n else 0.0,
        "country_any": country_any / country_n if country_n else 0.0,
        "type_n": type_n,
        "type_recall": type_hit / type_n if type_n else 0.0,
        "day_n": day_n,
        "day_hit": day_hit / day_n if day_n else 0.0,
        "events": sum(len(v) for v in coded.values()),
    }


def format_hrds(res: dict[str, Any]) -> str:
    return (
        f"HRDsAttack dev: {res['n']} articles, {res['events']} events; the annotated country is "
        f"the most frequent event country in {res['country_top']:.1%} and among the event "
        f"countries in {res['country_any']:.1%} of {res['country_n']}; a matching event type "
        f"is coded in {res['type_recall']:.1%} of {res['type_n']} articles, on the annotated day "
        f"in {res['day_hit']:.1%} of the {res['day_n']} that give one"
    )


def hrds_markdown(res: dict[str, Any]) -> str:
    return (
        "## Whole articles: HRDsAttack dev\n\n"
        "Source: dataminr-ai/HRDsAttack (Ran et al. 2023, arXiv:2306.17695, MIT): 100 full news "
        "articles, each annotated with the country and violation types of its main event. "
        "Not used for tuning. Measured with `flashpoint evaluate hrds`.\n\n"
        f"- annotated country = most frequent country among the article's events: "
        f"**{res['country_top']:.1%}** of {res['country_n']} articles with a known country\n"
        f"- annotated country among the article's event countries: **{res['country_any']:.1%}**\n"
        f"- an event of a matching PLOVER type (killing → ASSAULT, detention → COERCE, …): "
        f"**{res['type_recall']:.1%}** of {res['type_n']} articles with such a violation\n"
        f"- such an event dated to the annotated day of the main event: "
        f"**{res['day_hit']:.1%}** of {res['day_n']} articles whose annotation gives the day\n"
        f"- events coded: {res['events']}\n"
    )
