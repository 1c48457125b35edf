"""The query parameters routes share, as FastAPI dependencies. Every parameter arrives as
text and is checked by flashpoint.store.filters, the validators `flashpoint events` uses:
a bad value is a 400 naming it."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Query

from ..store.filters import HELP, EventFilter, parse_page, parse_unit


def event_filter(
    since: str | None = Query(None, description=HELP["since"]),
    until: str | None = Query(None, description=HELP["until"]),
    country: str | None = Query(None, description=HELP["country"]),
    type: str | None = Query(None, description=HELP["type"]),  # noqa: A002
    acled_type: str | None = Query(None, description=HELP["acled_type"]),
    acled_sub_type: str | None = Query(None, description=HELP["acled_sub_type"]),
    actor: str | None = Query(None, description=HELP["actor"]),
    admin1: str | None = Query(None, description=HELP["admin1"]),
    admin2: str | None = Query(None, description=HELP["admin2"]),
    place: str | None = Query(None, description=HELP["place"]),
    min_fatalities: str | None = Query(None, description=HELP["min_fatalities"]),
    q: str | None = Query(None, description=HELP["q"]),
    near: str | None = Query(None, description=HELP["near"]),
) -> EventFilter:
    return EventFilter(
        since=since,
        until=until,
        country=country,
        type=type,
        acled_type=acled_type,
        acled_sub_type=acled_sub_type,
        actor=actor,
        admin1=admin1,
        admin2=admin2,
        place=place,
        min_fatalities=min_fatalities,
        q=q,
        near=near,
    )


def unit_param(unit: str | None = Query(None, description=HELP["unit"])) -> str:
    return parse_unit(unit)


def page(kind: str) -> Callable[..., tuple[int | None, int]]:
    """The limit and offset parameters, bounded as data/query.yaml says for ``kind``."""

    def read(
        limit: str | None = Query(None, description=HELP["limit"]),
        offset: str | None = Query(None, description=HELP["offset"]),
    ) -> tuple[int | None, int]:
        return parse_page(limit, offset, kind)

    return read
