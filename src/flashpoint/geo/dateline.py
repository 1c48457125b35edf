"""The wire dateline a report opens with ("BULBOACA, Moldova, June 1 (Reuters) - "):
where the reporter filed it from."""

from __future__ import annotations

import re

from ..work import Toponym
from .place import Place

# The place in capitals (several joined by '/' when the report was filed from two), a
# comma, then the rest of the dateline (country, day, agency) up to the dash that ends it.
_DATELINE = re.compile(
    r"[ \t]*(?P<where>[A-Z][A-Z.'’ -]{1,40}(?:/[A-Z][A-Z.'’ -]{1,40})*),[^\n]{0,80}?\s[-–—]{1,2}\s"
)


def dateline_place(text: str, toponyms: list[Toponym]) -> Place | None:
    """The one place the report's dateline names: its town when the gazetteer knows it,
    else the country the dateline names. None without a dateline, or when it names two
    places ('BRUSSELS/PRISTINA'): a report filed from two places says no one place."""
    m = _DATELINE.match(text)
    if m is None or "/" in m["where"]:
        return None
    named = [t for t in toponyms if t.start < m.end() and t.place is not None]
    towns: list[Place] = [t.place for t in named if t.end <= m.end("where") and t.kind in ("place", "region")]
    if towns:
        return towns[0]
    countries: list[Place] = [t.place for t in named if t.kind == "country" and t.start > m.end("where")]
    return countries[0] if len(countries) == 1 else None
