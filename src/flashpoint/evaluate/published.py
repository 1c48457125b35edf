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
        return {"type_accuracy": c["type"]["accuracy"], "type_macro_f1": c["type"]["macro_f1"],
                "sub_weighted_f1": c["sub"]["weighted_f1"], "date": c["date"],
                "fatalities": c["fatalities"], "country": c["country"], "place": c["place"]}
    if name == "conflibert":
        return {"accuracy": res["accuracy"], "weighted_f1": res["weighted_f1"]}
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


def record_figures(path: Path, name: str, res: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Merge one evaluation's headline figures into the JSON file and return all of them."""
    figures = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    new = headline_figures(name, res)
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
        for r in rows)
    sources = "\n".join(f"- {r['system']}: {r['source']}" for r in rows)
    return ("## Beside the published figures\n\n"
            "Ours are the latest figures `flashpoint evaluate` recorded (docs/figures.json); the "
            "published ones are fine-tuned transformers on GPUs, and the data differ, as the notes say.\n\n"
            "| measure | system | published | flashpoint (CPU, offline) | how far it compares |\n"
            "|---|---|---|---|---|\n" + table + "\n\nSources:\n\n" + sources + "\n")
