"""ACLED notes as a test of the ACLED-style fields (evaluation only, ACLED terms of use).

Each row's analyst note is coded alone, dated with the row's event date, and the
document's primary event (evaluate.geo.primary_event) is compared with the row: event
type, sub-event type, date, fatalities and place. A note with no event (or
whose primary event has no ACLED type) predicts "none".
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from ..classify.metrics import classification_scores
from ..errors import DataFileError
from ..models import Document
from ..report import RunReport
from .sets import country_codes, read_csv_rows

FILES = {
    "world 2020": "data/acled/acled_2020_world_dev.csv",
    "Bangladesh protests/riots 2022-24": "data/acled/acled_bangladesh_protests_riots_dev.csv",
}
NEAR_KM = 25.0
NONE = "none"
# ACLED codebook (2023): 6 event types and their 25 sub-event types.
SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EVENT_TYPES = tuple(SUB_EVENT_TYPES)
ALL_SUB_EVENT_TYPES = tuple(s for subs in SUB_EVENT_TYPES.values() for s in subs)
SHORT = {
    "Battles": "Battles",
    "Explosions/Remote violence": "Explosions",
    "Violence against civilians": "VAC",
    "Protests": "Protests",
    "Riots": "Riots",
    "Strategic developments": "Strategic",
    NONE: NONE,
}


def _row_date(row: dict[str, str]) -> date | None:
    try:
        return date.fromisoformat(row.get("event_date_iso") or "")
    except ValueError:
        return None


def score_rows(rows: list[dict[str, str]], tag: str, model: str | None = None) -> dict[str, Any]:
    """Run the notes through the pipeline; per-row gold and predicted values."""
    from ..facade import pipeline_for
    from ..geo.distance import distance_km
    from .geo import primary_event

    by_iso3, by_name = country_codes()
    docs = [
        Document(id=f"{tag}-{i}", text=r.get("notes") or " ", date=_row_date(r)) for i, r in enumerate(rows)
    ]
    coded: dict[str, list[Any]] = {d.id: [] for d in docs}
    for doc, events in pipeline_for(model).run(docs, RunReport()):
        coded[doc.id] = events
    out: dict[str, list[Any]] = {
        k: []
        for k in (
            "gold_type",
            "pred_type",
            "gold_sub",
            "pred_sub",
            "date",
            "fatalities",
            "place",
            "country",
            "empty",
        )
    }
    for doc, row in zip(docs, rows):
        first = primary_event(coded[doc.id])
        out["empty"].append(first is None)
        out["gold_type"].append(row["event_type"])
        out["gold_sub"].append(row["sub_event_type"])
        out["pred_type"].append((first.acled_event_type if first else None) or NONE)
        out["pred_sub"].append((first.acled_sub_event_type if first else None) or NONE)
        out["date"].append(first is not None and first.date == row.get("event_date_iso"))
        try:
            gold_dead = int(row.get("fatalities") or 0)
        except ValueError:
            gold_dead = -1
        out["fatalities"].append(first is not None and (first.fatalities or 0) == gold_dead)
        cc = by_iso3.get(row.get("iso3") or "") or by_name.get((row.get("country") or "").lower())
        loc = first.location if first else None
        right_country = loc is not None and cc is not None and loc.country == cc
        near = (
            right_country
            and loc.lat is not None
            and loc.lon is not None
            and distance_km(float(row["latitude"]), float(row["longitude"]), loc.lat, loc.lon) <= NEAR_KM
        )
        out["country"].append(right_country)
        out["place"].append(near)
    return out


def summarise(rows: dict[str, list[Any]]) -> dict[str, Any]:
    n = len(rows["gold_type"])
    share = lambda key: sum(rows[key]) / n if n else 0.0  # noqa: E731
    confusion = Counter(zip(rows["gold_type"], rows["pred_type"]))
    return {
        "n": n,
        "type": classification_scores(rows["gold_type"], rows["pred_type"], EVENT_TYPES),
        "sub": classification_scores(rows["gold_sub"], rows["pred_sub"], ALL_SUB_EVENT_TYPES),
        "no_event": sum(rows["empty"]),
        "no_type": rows["pred_type"].count(NONE),
        "date": share("date"),
        "fatalities": share("fatalities"),
        "place": share("place"),
        "country": share("country"),
        "confusion": {f"{g}|{p}": k for (g, p), k in confusion.items()},
    }


def evaluate_acled(shared: Path, limit: int | None = None, model: str | None = None) -> dict[str, Any]:
    """Scores per ACLED file and over both; ``limit`` caps the rows read from each file."""
    per_file: dict[str, dict[str, list[Any]]] = {}
    for i, (name, rel) in enumerate(FILES.items()):
        path = shared / rel
        if path.exists():
            per_file[name] = score_rows(read_csv_rows(path, limit), f"acled{i}", model)
    if not per_file:
        raise DataFileError(f"no ACLED files under {shared / 'data' / 'acled'}")
    combined = {k: [v for rows in per_file.values() for v in rows[k]] for k in next(iter(per_file.values()))}
    res = {name: summarise(rows) for name, rows in per_file.items()}
    res["combined"] = summarise(combined)
    return res


def _line(name: str, r: dict[str, Any]) -> str:
    t, s = r["type"], r["sub"]
    return (
        f"ACLED {name}: {r['n']} notes, {r['no_event']} with no event, {r['no_type']} predicting "
        f"'none'; event type accuracy "
        f"{t['accuracy']:.1%} macro-F1 {t['macro_f1']:.3f}; sub-event accuracy {s['accuracy']:.1%} "
        f"macro-F1 {s['macro_f1']:.3f} weighted-F1 {s['weighted_f1']:.3f}; date exact {r['date']:.1%}; "
        f"fatalities exact {r['fatalities']:.1%}; within {NEAR_KM:.0f} km and right country "
        f"{r['place']:.1%} (right country {r['country']:.1%})"
    )


def format_acled(res: dict[str, Any]) -> str:
    return "\n".join(_line(name, r) for name, r in res.items())


def _confusion_table(r: dict[str, Any]) -> str:
    cols = [*EVENT_TYPES, NONE]
    head = "| gold \\ predicted | " + " | ".join(SHORT[c] for c in cols) + " |\n"
    head += "|---" * (len(cols) + 1) + "|\n"
    body = ""
    for g in EVENT_TYPES:
        cells = [r["confusion"].get(f"{g}|{p}", 0) for p in cols]
        if any(cells):
            body += f"| {SHORT[g]} | " + " | ".join(str(c) for c in cells) + " |\n"
    return head + body


def acled_markdown(res: dict[str, Any]) -> str:
    rows = "\n".join(
        f"| {name} | {r['n']} | {r['no_event']} | {r['no_type']} | {r['type']['accuracy']:.1%} "
        f"| {r['type']['macro_f1']:.3f} "
        f"| {r['sub']['accuracy']:.1%} | {r['sub']['macro_f1']:.3f} | {r['sub']['weighted_f1']:.3f} "
        f"| {r['date']:.1%} | {r['fatalities']:.1%} | {r['place']:.1%} |"
        for name, r in res.items()
    )
    return (
        "## ACLED fields: ACLED analyst notes\n\n"
        "Source: ACLED (Armed Conflict Location & Event Data Project, acleddata.com) exports found in "
        "public GitHub repositories: 2020-04-27..2020-05-09 world events without Europe "
        "(RPanlilio/acled) and Bangladesh protests and riots 2022-2024 (zachessesjohnson/Protest-Diffusion). "
        "Licence: ACLED Terms of Use and Attribution Policy — used internally for evaluation only, no rows "
        "in this repository, nothing trained or fitted on it; its errors informed hand-written, general "
        "rules (the ACLED mapping, triggers, counts), so these are development figures. Each note is "
        "coded alone (document date = ACLED event "
        "date) and the primary event (highest confidence, first in the text) is compared with the row; a "
        'note with no event, or whose primary event has no ACLED type (e.g. REQUEST), predicts "none". '
        "Macro-F1 averages the ACLED labels seen in gold or "
        "predictions; weighted F1 weights them by gold count. Measured with `flashpoint evaluate acled`.\n\n"
        '| file | notes | no event | "none" | type acc. | type macro-F1 | sub-event acc. | sub macro-F1 '
        "| sub weighted-F1 | date exact | fatalities exact | ≤25 km & country |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|\n" + rows + "\n\n"
        "Event types, both files (rows gold, columns the primary event's type):\n\n"
        + _confusion_table(res["combined"])
        + "\n"
        "For context only: the best system in CASE 2021 Task 2 (fine-grained event classification, "
        "Haneczok et al. 2021) reached weighted F1 0.839 with RoBERTa fine-tuned on ACLED — a different "
        "split and task (sub-event types from ACLED notes with supervised training), so the figures "
        "are not directly comparable.\n"
    )
