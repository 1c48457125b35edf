"""Rows in the columns, order and value forms of ACLED's current export.

Only events ACLED would code are rows: those with an ACLED event type (ACLED does not
code requests, statements …) and a country (every ACLED event has a place). Column
names, codes, labels and regions come from data/acled_export.yaml.
"""

from __future__ import annotations

from typing import Any

from ...models import Actor, Event, content_hash
from .acled_codes import AcledConventions, load_conventions
from .countries import country_alpha3, country_name, country_numeric
from .days import event_day

# Digits of the number in event_id_cnty: 40 bits of the event id's hash, so two events
# of a million-event store share one with a chance of about one in two thousand.
_ID_HEX_DIGITS = 10


def acled_columns() -> tuple[str, ...]:
    return load_conventions().columns


def event_number(event_id: str) -> int:
    """The number ACLED would give the event, derived from its id alone: stable across runs."""
    return int(content_hash(event_id, length=_ID_HEX_DIGITS), 16)


def _sides(event: Event, codes: AcledConventions) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """Actors and recipients in ACLED's order: in a demonstration the crowd comes first,
    in excessive force against protesters the force does."""
    actors, recipients = event.actors, event.recipients
    kind, sub = event.acled_event_type or "", event.acled_sub_event_type
    if kind not in codes.crowd_type_by_event_type or not actors or not recipients:
        return actors, recipients
    crowd_first = sub not in codes.force_first_sub_types
    first_is_crowd = codes.is_crowd(actors[0])
    if first_is_crowd != crowd_first and any(codes.is_crowd(r) == crowd_first for r in recipients):
        return recipients, actors
    return actors, recipients


def _side(
    names: tuple[Actor, ...], first: bool, event: Event, country: str, codes: AcledConventions
) -> tuple[str, str, int]:
    """(actor, associated actors, actor type) of one side; 0 is ACLED's "no actor"."""
    kind, sub = event.acled_event_type or "", event.acled_sub_event_type
    country_label = codes.country_names.get(country) or country_name(country) or country
    defaults = codes.default_actor1 if first else codes.default_actor2
    default = defaults.get(sub or "") or defaults.get(kind) or (defaults.get("other") if first else None)
    if not names:
        if default is None:
            return "", "", 0
        return default[0].format(country=country_label), "", default[1]
    code = codes.actor_type(names[0], first, kind, sub, country)
    crowd_code = codes.crowd_type_by_event_type.get(kind)
    if crowd_code is not None and code == crowd_code and codes.is_crowd(names[0]):
        # ACLED names the crowd by its country and lists who was in it as associates.
        return (f"{codes.actor_types[code]} ({country_label})", "; ".join(a.name for a in names), code)
    others = dict.fromkeys(codes.actor_name(a) for a in names[1:])  # once each, in order
    first_name = codes.actor_name(names[0])
    return first_name, "; ".join(n for n in others if n != first_name), code


def _time_precision(event: Event, codes: AcledConventions) -> int:
    if len((event.date or "").strip()) < 10:  # a month or a year alone
        return codes.time_precision["month"]
    return codes.time_precision.get(event.date_precision or "day", codes.time_precision["day"])


def _tags(event: Event, codes: AcledConventions) -> str:
    rule = codes.crowd_size_tag
    if event.acled_event_type not in rule["event_types"]:
        return ""
    tag: str = rule["known"].format(size=event.size) if event.size else rule["unknown"]
    return tag


def acled_row(event: Event, timestamp: int) -> dict[str, Any] | None:
    """The ACLED row for ``event`` (``timestamp``: Unix seconds the row is written at), or
    None when ACLED would not code it."""
    place = event.location
    if event.acled_event_type is None or place is None or not place.country:
        return None
    codes = load_conventions()
    country = place.country.upper()
    kind, sub = event.acled_event_type, event.acled_sub_event_type
    day = event_day(event.date)
    first, second = _sides(event, codes)
    actor1, assoc1, inter1 = _side(first, True, event, country, codes)
    actor2, assoc2, inter2 = _side(second, False, event, country, codes)
    targeted = codes.targets_civilians(kind, sub, inter2)
    return {
        "event_id_cnty": f"{country_alpha3(country)}{event_number(event.event_id)}",
        "event_date": day.strftime(codes.date_format) if day else "",
        "year": day.year if day else "",
        "time_precision": _time_precision(event, codes) if day else "",
        "disorder_type": codes.disorder_type(kind, sub),
        "event_type": kind,
        "sub_event_type": sub or "",
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": codes.actor_types[inter1],
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": codes.actor_types.get(inter2, ""),
        "interaction": codes.interaction(inter1, inter2),
        "civilian_targeting": codes.civilian_targeting["label"] if targeted else "",
        "iso": country_numeric(country),
        "region": codes.region_of.get(country, ""),
        "country": codes.country_names.get(country) or country_name(country),
        "admin1": place.admin1 or "",
        "admin2": place.admin2 or "",
        "admin3": "",
        "location": place.name or "",
        "latitude": place.lat if place.lat is not None else "",
        "longitude": place.lon if place.lon is not None else "",
        "geo_precision": codes.geo_precision.get(place.precision, 3),
        "source": event.source or "",
        "source_scale": codes.scale_of(event.source),
        "notes": event.evidence.text,
        "fatalities": event.fatalities or 0,
        "tags": _tags(event, codes),
        "timestamp": timestamp,
    }
