"""PLOVER-style records, shaped like the PLOVER gold-standard JSON (one object per line).

Actor ``code`` is the ISO alpha-3 country code, as in the PLOVER GSR, where known.
"""

from __future__ import annotations

from typing import Any

from ...models import Actor, Event
from .countries import country_alpha3


def _plover_actor(actor: Actor) -> dict[str, Any]:
    return {"actorText": actor.text, "code": country_alpha3(actor.country), "sector": actor.sector}


def plover_record(event: Event) -> dict[str, Any]:
    place = event.location
    location = None
    if place is not None:
        location = {
            "name": place.name,
            "text": place.text,
            "lat": place.lat,
            "lon": place.lon,
            "country": place.country,
            "admin1": place.admin1,
            "admin2": place.admin2,
            "precision": place.precision,
            "geonameid": place.geonameid,
        }
    return {
        "id": event.event_id,
        "date": event.date,
        "event": event.type,
        "mode": event.mode,
        "context": None,
        "source": [_plover_actor(actor) for actor in event.actors],
        "target": [_plover_actor(actor) for actor in event.recipients],
        "eventText": event.trigger.text if event.trigger else event.evidence.text,
        "text": event.evidence.text,
        "eventLoc": location,
        "dead": event.fatalities,
        "injured": event.injured,
        "arrested": event.arrested,
        "size": event.size,
        "doc_id": event.doc_id,
    }
