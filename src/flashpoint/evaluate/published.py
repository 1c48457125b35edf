"""Our headline figures beside published ones: docs/figures.json keeps the latest figure
of each evaluation, and the `published` section of docs/accuracy.md is rebuilt from it
and data/published.yaml each time an evaluation writes docs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..ontology import load_data_yaml


def headline_figures(name: str, res: dict[str, Any]) -> dict[str, float]:
    """The few figures of one evaluation that comparisons and summaries quote."""
    if name == "acled":
        c = res["combined"]
        return {
            "type_accuracy": c["type"]["accuracy"],
            "type_macro_f1": c["type"]["macro_f1"],
            "sub_weighted_f1": c["sub"]["weighted_f1"],
            "date": c["date"],
            "fatalities": c["fatalities"],
            "country": c["country"],
            "place": c["place"],
        }
    if name == "conflibert":
        return {"accuracy": res["accuracy"], "weighted_f1": res["weighted_f1"]}
    if name == "petrarch":
        return {"recall": res["recall"], "precision": res["precision"]}
    if name == "hrds":
        return {"country_top": res["country_top"], "type_recall": res["type_recall"]}
    if name == "india":
        return {"macro_f1": res["macro_f1"]}
    if name == "plover":
        hit, n = res["actor_match"]["actors_country"]
        return {"recall": res["recall"], "actor_country": hit / n if n else 0.0}
    if name == "geo":
        out: dict[str, float] = {}
        if "acled" in res:
            out["within_25km"] = res["acled"]["within_25km"]
            out["right_country"] = res["acled"]["right_country"]
        held = ((res.get("event_location") or {}).get("by_split") or {}).get("held-out (1/5)")
        if held:
            out["event_location_f1"] = held["f1"]
        return out
    return {}


def record_figures(
    path: Path, name: str, res: dict[str, Any], key: str | None = None
) -> dict[str, dict[str, float]]:
    """Merge one evaluation's headline figures into the JSON file (under ``key``,
    by default the set's name) and return all of them."""
    figures = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    new = headline_figures(name, res)
    name = key or name
    if new:
        figures[name] = {k: round(float(v), 4) for k, v in new.items()}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return figures


def _ours(row: dict[str, Any], figures: dict[str, dict[str, float]]) -> str:
    keys = row.get("ours") or []
    labels = row.get("labels") or [""] * len(keys)
    parts = []
    for key, label in zip(keys, labels):
        set_name, _, metric = key.partition(".")
        value = (figures.get(set_name) or {}).get(metric)
        if value is None:
            parts.append(f"{label} not yet measured".strip())
            continue
        shown = f"{value:.1%}" if row.get("scale") == "share" else f"{value:.3f}"
        parts.append(f"{label} {shown}".strip())
    return "; ".join(parts) if parts else "—"


def published_markdown(figures: dict[str, dict[str, float]]) -> str:
    rows = load_data_yaml("published.yaml")["comparisons"]
    table = "\n".join(
        f"| {r['measure']} | {r['system']} | {r['published']} | {_ours(r, figures)} | {r['note']} |"
        for r in rows
    )
    sources = "\n".join(f"- {r['system']}: {r['source']}" for r in rows)
    return (
        "## Beside the published figures\n\n"
        "Ours are the latest figures `flashpoint evaluate` recorded (docs/figures.json); the "
        "published ones are fine-tuned transformers on GPUs, and the data differ, as the notes say.\n\n"
        "| measure | system | published | flashpoint (CPU, offline) | how far it compares |\n"
        "|---|---|---|---|---|\n" + table + "\n\nSources:\n\n" + sources + "\n"
    )


# What each headline figure measures, for the side-by-side table.
FIGURE_NAMES = {
    ("plover", "recall"): "PLOVER gold type among the coded events",
    ("petrarch", "recall"): "PETRARCH-2 expected type coded (recall)",
    ("petrarch", "precision"): "PETRARCH-2 coded types expected (precision)",
    ("hrds", "country_top"): "HRDsAttack main event country",
    ("hrds", "type_recall"): "HRDsAttack event of the violation's type",
    ("acled", "type_accuracy"): "ACLED notes: event type accuracy",
    ("acled", "type_macro_f1"): "ACLED notes: event type macro-F1",
    ("acled", "sub_weighted_f1"): "ACLED notes: sub-event weighted F1",
    ("conflibert", "accuracy"): "ConfliBERT CAMEO 5-way accuracy",
    ("conflibert", "weighted_f1"): "ConfliBERT CAMEO 5-way weighted F1",
    ("india", "macro_f1"): "IndiaPoliceEvents KILL/ARREST/FORCE macro-F1",
}


def side_by_side_markdown(figures: dict[str, dict[str, float]], sets: tuple[str, ...], rules: str) -> str:
    """The shipped model's headline figures beside the rules' alone, set by set."""
    rows = []
    for name in sets:
        ours, theirs = figures.get(name, {}), figures.get(f"{name}:{rules}", {})
        for key, label in ((k, v) for (s, k), v in FIGURE_NAMES.items() if s == name):
            if key in ours or key in theirs:
                cell = lambda d: f"{d[key]:.3f}" if key in d else "—"  # noqa: E731, B023 (used at once)
                rows.append(f"| {label} | {cell(theirs)} | {cell(ours)} |")
    return (
        "## Event classes: trained classifier against the rules alone\n\n"
        "Each set coded twice by `flashpoint evaluate`: with the parse-based rules alone "
        "(`--model rules`) and with the shipped event classifier deciding the class "
        "(trained only on data the project owns: its corpus and its labels over real news, "
        "`data/training`). Latest full runs "
        "(docs/figures.json).\n\n"
        "| measure | rules alone | shipped model |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    )
