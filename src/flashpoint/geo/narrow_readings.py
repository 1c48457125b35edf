"""Narrowing the readings of a name: to the countries a text points to, or to a local
name when a feature's reading lies far from every town the text names."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from ..work import Toponym
from .distance import distance_km
from .fold import fold
from .name_state import NameState
from .rules import geo_rules

NEAR_KM = geo_rules().distance_km.near
FEATURE_BIG = geo_rules().population.city_of_millions
# a reading farther than this from every town the text names is another place of the name
FEATURE_KM = geo_rules().distance_km.feature
URBAN_KM = geo_rules().distance_km.urban


def localise_features(state: NameState, urban: AbstractSet[int] = frozenset()) -> None:
    """'in Velmora … in the Sennet Hill neighbourhood', 'protested in Corvath Square' in a
    report from Tarsk: a feature's name read as a town far from every other town the
    text names is the town's own street or quarter; it takes their point later. A
    bridge or village must lie within FEATURE_KM of one of them, a square or
    neighbourhood (``urban``) within URBAN_KM."""
    toponyms, features, pinned = state.toponyms, state.features, state.pinned
    towns = [
        t.place
        for t in toponyms
        if t.place is not None and t.kind == "place" and t.place.kind == "city" and id(t) not in features
    ]
    if not towns:
        return
    for t in toponyms:
        p = t.place
        reach = URBAN_KM if id(t) in urban else FEATURE_KM
        # a city of millions is itself meant only by its own name ('Brenhold village' is
        # not a city of millions listing 'Brenhold' among its other spellings)
        if (
            id(t) in features
            and id(t) not in pinned
            and p is not None
            and t.kind == "place"
            and (p.population < FEATURE_BIG or fold(p.name) != fold(t.text))
            and all(distance_km(p.lat, p.lon, q.lat, q.lon) > reach for q in towns)
        ):
            t.place, t.kind, t.score = None, "local", 0.0


def one_country(t: Toponym) -> set[str]:
    """The one country holding every town of the name (its own name, not one of its
    other spellings: 'Quillan' is not a hamlet abroad listed under that spelling)."""
    key = fold(t.text)
    countries = {p.country for p in t.candidates if not p.is_unit and fold(p.name) == key}
    return countries if len(countries) == 1 else set()


def restrict(t: Toponym, countries: set[str], big: int | None = None) -> None:
    """Keep the readings inside ``countries`` (or of ``big`` population or more); with
    none left the name is a local one."""
    kept = tuple(
        p for p in t.candidates if p.country in countries or (big is not None and p.population >= big)
    )
    if kept != t.candidates:
        t.candidates = kept
        if not kept:
            t.place, t.kind, t.score = None, "local", 0.0
