"""Stored event rows (dicts shaped like Event.to_dict) back to Events and out to a stream."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..models import Actor, Event, Location, Mention
from .writers import write_events


def _actor(d: dict[str, Any]) -> Actor:
    return Actor(
        text=d.get("text") or d.get("name") or "",
        name=d.get("name") or "",
        country=d.get("country"),
        sector=d.get("sector"),
        start=d.get("start"),
        end=d.get("end"),
    )


def _location(d: dict[str, Any] | None) -> Location | None:
    if not d:
        return None
    return Location(
        text=d.get("text"),
        name=d.get("name"),
        lat=d.get("lat"),
        lon=d.get("lon"),
        country=d.get("country"),
        admin1=d.get("admin1"),
        admin2=d.get("admin2"),
        precision=d.get("precision") or 4,
        geonameid=d.get("geonameid"),
        start=d.get("start"),
        end=d.get("end"),
    )


def event_from_dict(d: dict[str, Any]) -> Event:
    ev = d.get("evidence") or {}
    trig = d.get("trigger")
    return Event(
        doc_id=d["doc_id"],
        event_id=d["event_id"],
        type=d["type"],
        mode=d.get("mode"),
        evidence=Mention(ev.get("text") or "", ev.get("start") or 0, ev.get("end") or 0),
        trigger=Mention(trig["text"], trig["start"], trig["end"]) if trig else None,
        acled_event_type=d.get("acled_event_type"),
        acled_sub_event_type=d.get("acled_sub_event_type"),
        date=d.get("date"),
        date_precision=d.get("date_precision"),
        date_text=d.get("date_text"),
        actors=tuple(_actor(a) for a in d.get("actors") or ()),
        recipients=tuple(_actor(a) for a in d.get("recipients") or ()),
        location=_location(d.get("location")),
        fatalities=d.get("fatalities"),
        injured=d.get("injured"),
        arrested=d.get("arrested"),
        size=d.get("size"),
        confidence=d.get("confidence") or 0.0,
        source=d.get("source"),
        url=d.get("url"),
    )


def print_rows(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write stored rows: json/jsonl keep every stored field (cluster, reports, sources);
    table and csv go through the event writers, which take the rows as they come."""
    if fmt == "json":
        rows = list(rows)
        out.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return len(rows)
    if fmt == "jsonl":
        count = 0
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
        return count
    return write_events((event_from_dict(r) for r in rows), fmt, out=out)
