"""Rules for the geoBoundaries districts in resolution.

The districts carry no population and many repeat village names, so a district reading
stands only where the text backs it: its country is named by something else, an admin
word follows it ('Velmora district'), or a qualifier pins it. A district named like a
town of its country yields to the town, which is where reports put 'X district' events.
"""

from __future__ import annotations

from collections.abc import Callable

from ..work import Toponym
from .distance import distance_km
from .document_countries import country_votes
from .fold import fold
from .name_state import NameState
from .place import Place
from .qualifiers import admin_hint
from .rules import geo_rules

SEAT_KM = geo_rules().distance_km.seat
LONE_KM = geo_rules().distance_km.lone
# Two names this close in the text, the second a place of the same country: 'Velmora
# (Tarsk, Dunmar)' read as a qualifier even when the middle name is unknown.
QUALIFIER_GAP = geo_rules().text_chars.qualifier_gap
QUALIFIER_REACH_KM = geo_rules().distance_km.qualifier_reach
PROVINCE_REACH_KM = geo_rules().distance_km.province_reach
_Distance = Callable[[float, float, float, float], float]
# The least vote (from other names, nationality words, groups) that backs a country.
SUPPORT = geo_rules().country_votes.district_support


def is_unit(p: Place | None) -> bool:
    return p is not None and p.is_unit


def unit_only(t: Toponym) -> bool:
    """Every reading of the name is a geoBoundaries district."""
    return bool(t.candidates) and all(is_unit(p) for p in t.candidates)


def settle_units(state: NameState) -> None:
    """Drop or replace the district readings the text does not back (see module doc)."""
    toponyms, text, focus = state.toponyms, state.text, state.focus
    pinned, features = state.pinned, state.features
    others = [t for t in toponyms if not unit_only(t)]
    support = country_votes(others, state.owners, set(), state.money) + state.word_votes
    for i, t in enumerate(toponyms):
        p = t.place
        if p is None or not is_unit(p) or t.kind != "place":
            continue
        town = _seat_town(t, p, distance_km)
        if town is not None:
            t.place = town
            continue
        if id(t) in pinned:
            continue
        if any(is_unit(q) and q is not p and q.country == p.country for q in t.candidates):
            # several districts of the country share the name (Burundi's hills, India's
            # villages) and no qualifier chose one: the town of that name, else none
            t.place = _largest_town(t, p.country)
            if t.place is None:
                t.kind, t.score = "local", 0.0
            continue
        if id(t) in features:
            t.place, t.kind, t.score = None, "local", 0.0
            continue
        # the text points at another country, never (but by districts) at this one
        elsewhere = (focus is not None and focus != p.country) or any(
            v >= SUPPORT for cc, v in support.items() if cc != p.country
        )
        hint = admin_hint(text, t)
        # 'Velmora district', 'Velmora city' is a unit whatever its neighbours; 'Velmora
        # State' is a province, not this district
        if (
            (elsewhere and support.get(p.country, 0.0) < SUPPORT)
            or hint == "admin1"
            or hint is None
            and (
                _far_from_others(t, p, toponyms, distance_km) or _other_qualifier(toponyms, i, p, distance_km)
            )
        ):
            t.place, t.kind, t.score = None, "local", 0.0


def _seat_town(t: Toponym, p: Place, distance_km: _Distance) -> Place | None:
    """A town reading of the same name (or a variant spelling) close to district ``p``."""
    towns = [
        q
        for q in t.candidates
        if q.kind == "city" and q.country == p.country and distance_km(p.lat, p.lon, q.lat, q.lon) <= SEAT_KM
    ]
    return max(towns, key=lambda q: q.population) if towns else None


def _largest_town(t: Toponym, country: str) -> Place | None:
    towns = [q for q in t.candidates if q.kind == "city" and q.country == country]
    return max(towns, key=lambda q: q.population) if towns else None


def _far_from_others(t: Toponym, p: Place, toponyms: list[Toponym], distance_km: _Distance) -> bool:
    known = [
        o.place
        for o in toponyms
        if o is not t
        and o.place is not None
        and o.kind not in ("demonym", "in_org")
        and o.place.kind != "country"
    ]
    return bool(known) and all(distance_km(p.lat, p.lon, q.lat, q.lon) > LONE_KM for q in known)


def _other_qualifier(toponyms: list[Toponym], i: int, p: Place, distance_km: _Distance) -> bool:
    """A province or town of the same country right after the name, far from this district."""
    t = toponyms[i]
    for o in toponyms[i + 1 : i + 3]:
        if o.start - t.end > QUALIFIER_GAP:
            break
        q = o.place
        if q is None or q.country != p.country or q.kind == "country" or is_unit(q):
            continue
        if fold(q.name) in (fold(p.admin1 or ""), fold(p.admin2 or "")):
            return False
        reach = PROVINCE_REACH_KM if q.kind in ("admin1", "region") else QUALIFIER_REACH_KM
        return distance_km(p.lat, p.lon, q.lat, q.lon) > reach
    return False
