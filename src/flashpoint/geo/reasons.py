"""The explain trace's words for the geocoder: how a place name was read, and which step
of locating an event chose it. Only called when a document is coded with explain on."""

from __future__ import annotations

from ..models import Location, Mention
from ..trace import Decision
from ..work import Toponym


def name_words(names: list[Toponym]) -> tuple[Mention, ...]:
    return tuple(Mention(t.text, t.start, t.end) for t in names)


def quoted(names: list[Toponym]) -> str:
    return ", ".join(f"'{t.text}'" for t in names)


def reading(t: Toponym, focus: str | None) -> str:
    """Which step of resolve_toponyms settled the name's reading, judged from its result."""
    if t.place is None:
        return "no gazetteer entry kept: a local name"
    where = f"{t.place.name} ({t.place.kind}, {t.place.country}, population {t.place.population:,})"
    if t.place not in t.candidates:
        return (
            f"read as {where} by a later pass over admin units and named features "
            "(geo/district_units.py, geo/narrow_readings.py), not by the candidate score"
        )
    if len(t.candidates) == 1:
        return f"read as {where}, the only gazetteer entry of that name"
    return (
        f"read as {where}, best of {len(t.candidates)} gazetteer entries by the candidate "
        f"score (population, focus country {focus or 'none'}, places named nearby; "
        f"margin {t.score})"
    )


def place_decision(by: str, reason: str, names: list[Toponym]) -> Decision:
    return Decision("place", by, reason, name_words(names))


READING = "gazetteer reading (geo/resolve.py resolve_toponyms)"


def located(names: list[Toponym], locations: list[Location], focus: str | None) -> list[Decision]:
    """The gazetteer reading of each name chosen, and the point it became."""
    return [
        place_decision(
            READING, f"'{t.text}' {reading(t, focus)} -> {loc.name}, precision {loc.precision}", [t]
        )
        for t, loc in zip(names, locations)
    ]


def name_steps(decisions: list[Decision], start: int, end: int) -> list[Decision]:
    """The steps of finding and reading names that concern the text from ``start`` to
    ``end`` (an event's sentence): those about its words, and those about the whole
    document (the focus country), which name no words."""
    return [d for d in decisions if all(start <= w.start and w.end <= end for w in d.words)]
