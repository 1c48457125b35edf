"""One flat row per event, shared by the csv, geojson and parquet writers."""

from __future__ import annotations

from typing import Any

from ...models import Actor, Event
from .days import event_day

# Column name and DuckDB type (of the parquet file); the order is the csv and parquet
# column order. A date known only to the month is a DATE too: see typed_row.
FLAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"),
    ("doc_id", "VARCHAR"),
    ("date", "DATE"),
    ("date_precision", "VARCHAR"),
    ("type", "VARCHAR"),
    ("mode", "VARCHAR"),
    ("acled_event_type", "VARCHAR"),
    ("acled_sub_event_type", "VARCHAR"),
    ("actor1", "VARCHAR"),
    ("actor1_country", "VARCHAR"),
    ("actor2", "VARCHAR"),
    ("actor2_country", "VARCHAR"),
    ("actors", "VARCHAR"),
    ("recipients", "VARCHAR"),
    ("location_name", "VARCHAR"),
    ("location_lat", "DOUBLE"),
    ("location_lon", "DOUBLE"),
    ("location_country", "VARCHAR"),
    ("location_admin1", "VARCHAR"),
    ("location_admin2", "VARCHAR"),
    ("location_precision", "INTEGER"),
    ("fatalities", "BIGINT"),
    ("injured", "BIGINT"),
    ("arrested", "BIGINT"),
    ("size", "BIGINT"),
    ("confidence", "DOUBLE"),
    ("trigger_text", "VARCHAR"),
    ("evidence_text", "VARCHAR"),
    ("evidence_start", "INTEGER"),
    ("evidence_end", "INTEGER"),
    ("source", "VARCHAR"),
    ("url", "VARCHAR"),
)
FLAT_NAMES: tuple[str, ...] = tuple(name for name, _ in FLAT_COLUMNS)


def actor_names(actors: tuple[Actor, ...]) -> str | None:
    return "; ".join(actor.name for actor in actors) or None


def flat_row(event: Event) -> dict[str, Any]:
    first = event.actors[0] if event.actors else None
    second = event.recipients[0] if event.recipients else None
    place = event.location
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "date": event.date,
        "date_precision": event.date_precision,
        "type": event.type,
        "mode": event.mode,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "actor1": first.name if first else None,
        "actor1_country": first.country if first else None,
        "actor2": second.name if second else None,
        "actor2_country": second.country if second else None,
        "actors": actor_names(event.actors),
        "recipients": actor_names(event.recipients),
        "location_name": place.name if place else None,
        "location_lat": place.lat if place else None,
        "location_lon": place.lon if place else None,
        "location_country": place.country if place else None,
        "location_admin1": place.admin1 if place else None,
        "location_admin2": place.admin2 if place else None,
        "location_precision": place.precision if place else None,
        "fatalities": event.fatalities,
        "injured": event.injured,
        "arrested": event.arrested,
        "size": event.size,
        "confidence": round(event.confidence, 3),
        "trigger_text": event.trigger.text if event.trigger else None,
        "evidence_text": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "source": event.source,
        "url": event.url,
    }


def typed_row(event: Event) -> dict[str, Any]:
    """``flat_row`` with values of the FLAT_COLUMNS types: ``date`` is one calendar day
    (the middle of the month or year when only that is known; ``date_precision`` says so)."""
    row = flat_row(event)
    day = event_day(event.date)
    row["date"] = day.isoformat() if day else None
    return row
