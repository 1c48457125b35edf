"""Rows with ACLED's column names, for comparing flashpoint output with ACLED exports.

Only events with an ACLED event type are rows: ACLED does not code the other
PLOVER categories (requests, statements …). ``inter1``/``inter2`` stay empty
because flashpoint does not assign ACLED actor-type codes.
"""
from __future__ import annotations

from typing import Any

from ...models import Event
from .countries import country_name

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "country", "country_code", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
)

# ACLED time_precision: 1 a known day, 2 a known week, 3 only the month (or coarser).
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def _day_and_precision(date: str | None, precision: str | None) -> tuple[str, int | None]:
    """A full calendar day for ``date``; an event known only to the month sits mid-month."""
    if not date:
        return "", None
    if len(date) >= 10:
        return date[:10], _TIME_PRECISION.get(precision or "day", 1)
    if len(date) == 7:
        return f"{date}-15", 3
    return f"{date[:4]}-07-01", 3


def acled_row(event: Event) -> dict[str, Any] | None:
    """The ACLED row for ``event``, or None when ACLED would not code it."""
    if event.acled_event_type is None:
        return None
    day, time_precision = _day_and_precision(event.date, event.date_precision)
    place = event.location
    return {
        "event_id_cnty": event.event_id,
        "event_date": day,
        "year": day[:4] or None,
        "time_precision": time_precision,
        "event_type": event.acled_event_type,
        "sub_event_type": event.acled_sub_event_type,
        "actor1": event.actors[0].name if event.actors else None,
        "assoc_actor_1": "; ".join(a.name for a in event.actors[1:]) or None,
        "inter1": None,
        "actor2": event.recipients[0].name if event.recipients else None,
        "assoc_actor_2": "; ".join(a.name for a in event.recipients[1:]) or None,
        "inter2": None,
        "country": country_name(place.country) if place else None,
        "country_code": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "source": event.source,
        "notes": event.evidence.text,
        "fatalities": event.fatalities or 0,
    }
