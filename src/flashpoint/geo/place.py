"""A place as the gazetteer files it: the record every geo step passes around.

Kept apart from the gazetteer itself so that steps which only read places need not
import the index that loads them.
"""

from __future__ import annotations

from dataclasses import dataclass

# Place.source of the geoBoundaries districts (geo/boundaries.py)
UNIT_SOURCE = "geoboundaries"


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. ``precision`` follows ACLED geo_precision: 1 town … 4 country."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    admin2: str | None
    population: int
    precision: int
    kind: str
    source: str = "geonames"  # or UNIT_SOURCE: a district without population

    @property
    def is_unit(self) -> bool:
        """A geoBoundaries district rather than a GeoNames entry."""
        return self.source == UNIT_SOURCE
