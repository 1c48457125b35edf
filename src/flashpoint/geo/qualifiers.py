"""Qualifier chains: 'Zvecan, Mitrovica', 'Lisk (Pellan, Dunmar)', 'Norvik district,
Halvar'. The outer names settle which reading of the inner ones is meant."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..work import Toponym
from .distance import distance_km
from .fold import fold
from .local_names import local_nouns, part_nouns
from .place import Place
from .rules import geo_rules
from .tokens import BIG_PLACE, word_sets
from .toponyms import admin_joined, list_joined

# Farther apart in the text, two names are separate mentions, not a name and its qualifier.
QUALIFIER_GAP = geo_rules().text_chars.qualifier_gap

_WORD = re.compile(r"[\w'’-]+|[^\w\s]")


def admin_hint(text: str, t: Toponym) -> str | None:
    """'province' / 'district' just after the name says which kind of unit it is."""
    m = _WORD.search(text, t.end)
    if m is None:
        return None
    w = m.group().lower()
    words = word_sets()
    if w in words["admin1"]:
        return "admin1"
    if w in words["admin2"]:
        return "admin2"
    if w in ("city", "town", "village"):
        return "city"
    return None


def closes_qualifier(text: str, t: Toponym) -> bool:
    return text[t.end : t.end + 2].lstrip()[:1] == ")"


def _contains(q: Place, p: Place) -> bool:
    """Does place q (a district, province, region or country) hold town p?"""
    if q is p or q.country != p.country:
        return False
    if q.kind == "admin1":
        return fold(q.name) == fold(p.admin1 or "")
    if q.kind == "admin2":
        return fold(q.name) == fold(p.admin2 or "")
    if q.kind in ("region", "country"):
        return True
    return False


def qualifiers(toponyms: list[Toponym], i: int, text: str) -> list[Toponym]:
    """The names that qualify toponym ``i``: 'Zvecan, Mitrovica', 'Lisk (Pellan, Dunmar)',
    'Norvik district, Halvar', 'Estrand in Varn province'."""
    out: list[Toponym] = []
    prev = toponyms[i]
    for b in toponyms[i + 1 : i + 3]:
        if b.start - prev.end > QUALIFIER_GAP or b.kind in ("demonym", "in_org"):
            break
        if not (admin_joined(text, prev.end, b.start) or _admin_word_gap(text, prev.end, b.start)):
            break
        out.append(b)
        prev = b
    return out


def _admin_word_gap(text: str, end: int, start: int) -> bool:
    """'Norvik district (Halvar)', 'Lisk village, Ostra': an admin word, then a qualifier."""
    words = word_sets()
    gap = [w.lower() for w in _WORD.findall(text[end:start])]
    if not gap or not (
        gap[0] in words["admin1"] or gap[0] in words["admin2"] or gap[0] in local_nouns()[0]
    ):  # 'Lisk locality (Pellan, Dunmar)'
        return False
    return " ".join(gap[1:]) in (",", "(", ", (", "in", "of", "-", "in the", "")


def pin_admin_pairs(
    toponyms: list[Toponym], text: str, prefer: Mapping[str, float] | None = None
) -> set[int]:
    """'Zvecan, Mitrovica', 'Tarsk (Tarsk, Dunmar)', 'Estrand in Varn province':
    choose the reading of the first name held by the most of the names qualifying it.
    ``prefer`` scores the countries the text points to (negative: named only as an
    owner); it settles a province no inner name vouches for."""
    pinned: set[int] = set()
    prefer = prefer or {}
    for i, a in enumerate(toponyms):
        if a.kind not in ("place", "region", "local"):
            continue
        quals = [b for b in qualifiers(toponyms, i, text) if b.candidates]
        if not quals:
            continue
        if a.candidates:
            _narrow_to_town(toponyms, i, quals[0], text)
        if not a.candidates:
            _pin_outer_qualifier(quals, text, pinned, prefer)
            continue
        best: tuple[Any, ...] | None = None
        ranked: list[tuple[Any, ...]] = []
        hint = admin_hint(text, a)  # 'Norvik district (Halvar)' is the district
        for p in a.candidates:
            if p.kind not in ("city", "admin2"):
                continue
            holders = [next((q for q in b.candidates if _contains(q, p)), None) for b in quals]
            # a district named like its town says little: 'Tarsk (Tarsk, Dunmar)'
            # ('Tarsk County' for Tarsk counts as such a district too)
            n = sum(
                0.0
                if h is None
                else 0.5
                if fold(p.name) in fold(h.name) or fold(a.text) == fold(b.text)
                else 1.0
                for b, h in zip(quals, holders)
            )
            if n == 0:
                continue
            first_admin = 0 if holders[0] is not None and holders[0].kind in ("admin1", "admin2") else 1
            # a town before its namesake district: "Tarsk, Dunmar" is the town, not Tarsk district
            key = (-n, first_admin, hint is not None and p.kind != hint, p.kind != "city", -p.population)
            ranked.append((key, p, holders))
            if best is None or key < best[0]:
                best = (key, p, holders)
        if best is None:
            _pin_outer_qualifier([a, *quals], text, pinned, prefer)
            continue
        _, p, holders = _seat_of_namesake(best, ranked, a.candidates)
        if _pointed_elsewhere(p.country, [a, *quals], prefer):
            continue  # 'Tarsk (Tarsk)' in a report naming another Tarsk's country
        a.place, a.score = p, 1.0
        pinned.add(id(a))
        for b, q in zip(quals, holders):
            if q is not None and id(b) not in pinned:
                b.place, b.score = q, 1.0
                pinned.add(id(b))
    return pinned


_TOWN_REACH_KM = geo_rules().distance_km.town_reach
_QUALIFYING_TOWN_POP = geo_rules().population.qualifying_town
_NAMESAKE_TOWN_KM = geo_rules().distance_km.namesake_town
_CLOSING_VILLAGE_POP = geo_rules().population.closing_village


def _seat_of_namesake(
    best: tuple[Any, ...], ranked: list[tuple[Any, ...]], readings: tuple[Place, ...]
) -> tuple[Any, ...]:
    """'Kelso, Dunmar' with two towns of that name in the province: the one by the
    district of its name is the district's seat, whatever their populations."""
    p = best[1]
    tied = [r for r in ranked if r[0][:-1] == best[0][:-1] and r[1].country == p.country]
    seats = [
        r
        for r in tied
        if any(
            q.kind == "admin2"
            and q.country == p.country
            and q.population > 0
            and fold(q.name) == fold(r[1].name)
            and distance_km(r[1].lat, r[1].lon, q.lat, q.lon) <= _TOWN_REACH_KM
            for q in readings
        )
    ]
    return min(seats, key=lambda r: r[0]) if seats and len(tied) > 1 else best


def _narrow_to_town(toponyms: list[Toponym], i: int, b: Toponym, text: str) -> None:
    """'Velmora, Tarsk' (Tarsk a town): a name qualified by a town means a reading
    near that town; with none near, a small name is a quarter or village the gazetteer
    lacks and becomes a local name (it takes the town's point later). A list ('Velmora,
    Tarsk and Ostra') is no qualifier chain."""
    a = toponyms[i]
    # ('Jalesar town' is a town whatever its size)
    town_word = admin_hint(text, b) == "city"
    towns = [
        q for q in b.candidates if q.kind == "city" and (q.population >= _QUALIFYING_TOWN_POP or town_word)
    ]
    if not towns or _in_list(toponyms, i, text) or text[a.end : b.start].strip() == "-":
        return
    near = sorted(
        (min(distance_km(p.lat, p.lon, q.lat, q.lon) for q in towns if q.country == p.country), n, p)
        for n, p in enumerate(a.candidates)
        if any(q.country == p.country for q in towns)
    )
    near = [(d, n, p) for d, n, p in near if d <= _TOWN_REACH_KM]
    # a namesake qualifier ('Tarsk (Tarsk, Dunmar)'), or towns of several countries, is
    # settled by the rest of the chain
    if near and len({p.country for _d, _n, p in near}) == 1 and fold(a.text) != fold(b.text):
        a.candidates = tuple(p for _d, _n, p in near)
        return
    # only 'X, Town' with a town that names no province or wider district anywhere (a
    # province sharing a foreign town's name is meant; a bracketed '(Tarsk, Dunmar)' may
    # name Tarsk's district; a district that is the city itself is the town)
    countries = {q.country for q in towns}
    # ('Tarsk city' is the town whatever else bears its name)
    units = (
        []
        if town_word
        else [
            q
            for q in b.candidates
            if not q.is_unit
            and (
                q.kind in ("admin1", "region")
                or (
                    q.kind == "admin2"
                    and all(distance_km(q.lat, q.lon, t.lat, t.lon) > _TOWN_REACH_KM for t in towns)
                )
            )
        ]
    )
    # ... and a name whose readings in the town's country are all far from it, not just
    # outside a town that may stand for the province of its name
    home = [p for p in a.candidates if p.country in countries]
    if (
        not near
        and _inside_gap(text[a.end : b.start])
        and not units
        and home
        and max(p.population for p in home) < _KNOWN_TOWN_POP
        and all(distance_km(p.lat, p.lon, q.lat, q.lon) > _NAMESAKE_TOWN_KM for p in home for q in towns)
    ):
        a.candidates = ()
        a.place, a.kind, a.score = None, "local", 0.0


def _inside_gap(gap: str) -> bool:
    """'Velmora, Tarsk', 'Velmora area of Tarsk', 'Velmora suburb, Tarsk': words saying the
    first name lies in the town."""
    words = [w.lower() for w in _WORD.findall(gap)]
    return words == [","] or (len(words) == 2 and words[0] in part_nouns() and words[1] in ("of", ","))


def _in_list(toponyms: list[Toponym], i: int, text: str) -> bool:
    """Is name ``i`` or its qualifier a member of a coordinated list of names?"""
    before = toponyms[i - 1] if i else None
    if before is not None and list_joined(text, before.end, toponyms[i].start):
        return True
    if i + 2 < len(toponyms):
        b, c = toponyms[i + 1], toponyms[i + 2]
        gap = text[b.end : c.start].strip().lower()
        if gap in ("and", ", and", "or", ", or", "&"):
            return True
        return gap == "," and i + 3 < len(toponyms) and list_joined(text, c.end, toponyms[i + 3].start)
    return False


def _pin_outer_qualifier(
    chain: list[Toponym], text: str, pinned: set[int], prefer: Mapping[str, float]
) -> None:
    """'Marrow Well (Pellan, Halvar)': when no reading of the inner names lies in the outer
    one, the outermost qualifier, read as a province or country, sets the country the
    inner names must lie in; an inner name with no reading there is a local name."""
    outer = chain[-1]
    if id(outer) in pinned or admin_hint(text, outer) == "city":  # 'Tarsk city' is no province
        return
    closes = closes_qualifier(text, outer)
    # a district is an outer qualifier only when the name means nothing else: 'Dunmar',
    # or nothing larger than a village when it closes the brackets: '(Lisk, Dunmar)'
    levels = (
        ("admin1", "admin2", "region", "country")
        if all(p.kind != "city" or (closes and p.population < _CLOSING_VILLAGE_POP) for p in outer.candidates)
        else ("admin1", "region", "country")
    )
    # a geoBoundaries district (often a village's name too) never overrules the inner names
    admin = [p for p in outer.candidates if p.kind in levels and not p.is_unit]
    if not admin:
        _hold_to_only_country(chain, pinned)
        return
    if not (
        closes or outer.candidates[0] in admin or admin_hint(text, outer) in ("admin1", "admin2")
    ):  # not 'Tarsk city'
        return
    choice = _outer_reading(chain, admin, closes, prefer)
    if choice is None:
        return
    outer.place, outer.score = choice, 1.0
    pinned.add(id(outer))
    _keep_country(chain[:-1], choice.country, pinned)
    if choice.kind in ("admin1", "admin2"):
        _keep_inside(chain[:-1], choice, pinned)
    # 'Lisk (Pellan LGA, Dunmar)': the district between them holds the name too
    for inner, mid in zip(chain[:-2], chain[1:-1]):
        if len(mid.candidates) == 1 and mid.candidates[0].kind == "admin2" and mid.kind == "place":
            _keep_inside([inner], mid.candidates[0], pinned)


def _hold_to_only_country(chain: list[Toponym], pinned: set[int]) -> None:
    """'Lisk in Varn': a qualifier found in one country only holds the names it
    qualifies there; a namesake abroad is a local name's chance spelling."""
    outer = chain[-1]
    top = max(p.population for p in outer.candidates)
    inner = max((p.population for b in chain[:-1] for p in b.candidates), default=0)
    if len({p.country for p in outer.candidates}) == 1 and top >= BIG_PLACE and top > inner:
        _keep_country(chain[:-1], outer.candidates[0].country, pinned)


def _outer_reading(
    chain: list[Toponym], admin: list[Place], closes: bool, prefer: Mapping[str, float]
) -> Place | None:
    """The province or country reading of the outer qualifier that holds readings of the
    inner names ('Estrand, Halvar'), or None when the chain is better read as a list."""
    support = [
        sum(1 for b in chain[:-1] if any(_contains(q, p) or p.country == q.country for p in b.candidates))
        for q in admin
    ]
    # '(Niger)' closing 'Velmora LGA (Niger)' is the state more likely than the country; with
    # no inner name to vouch, the country the text points to: '(Lisk, Halvar)' after
    # 'Dunmar-led airstrikes' is the Halvar outside Dunmar, the leader's country being the
    # foreign one
    best = max(
        range(len(admin)),
        key=lambda k: (
            support[k],
            closes and admin[k].kind != "country",
            prefer.get(admin[k].country, 0.0),
            -k,
        ),
    )
    choice = admin[best]
    if support[best] == 0 and (
        _pointed_elsewhere(choice.country, chain, prefer)
        or max((p.population for b in chain[:-1] for p in b.candidates), default=0) > choice.population
    ):
        # 'Velmora, Tarsk' in a report on one country: a list, not a namesake province
        # abroad; a town larger than the unit named after it is no chance spelling
        # ('Port Velmora, Saint Tarsk Parish' is not in a far-off parish of that name)
        return None
    return choice


def _pointed_elsewhere(country: str, chain: list[Toponym], prefer: Mapping[str, float]) -> bool:
    """The text does not point at ``country`` but at another holding a reading of a name
    of the chain: a pin there would overrule the text's own country."""
    if prefer.get(country, 0.0) > 0:
        return False
    return any(prefer.get(p.country, 0.0) > 0 for b in chain for p in b.candidates)


_DISTRICT_REACH_KM = geo_rules().distance_km.district_reach
_PROVINCE_REACH_KM = geo_rules().distance_km.province_reach
_NAMESAKE_UNIT_KM = geo_rules().distance_km.namesake_unit
_KNOWN_TOWN_POP = geo_rules().population.known_town


def _holds(unit: Place, p: Place) -> bool:
    """Is reading ``p`` inside province or district ``unit``, by the names on record or
    by distance."""
    if p.country != unit.country:
        return False
    if _held_on_record(unit, p):
        return True
    # a geoBoundaries district (village-level in places: Burundi's collines) repeats its
    # name across provinces and carries its province's name: only a short reach vouches
    if p.is_unit:
        reach = _NAMESAKE_UNIT_KM
    else:
        reach = _PROVINCE_REACH_KM if unit.kind == "admin1" else _DISTRICT_REACH_KM
    return distance_km(unit.lat, unit.lon, p.lat, p.lon) <= reach


def _held_on_record(unit: Place, p: Place) -> bool:
    if p is unit or _contains(unit, p):
        return True
    level = p.admin1 if unit.kind == "admin1" else p.admin2
    # 'Dunmar' and 'Dunmar District'
    return bool(level) and (fold(level) in fold(unit.name) or fold(unit.name) in fold(level))


_NEAREST_SLACK_KM = geo_rules().distance_km.nearest_slack


def _nearest_to_unit(kept: tuple[Place, ...], unit: Place) -> tuple[Place, ...]:
    """'Ceiba, Fajardo' where no Ceiba is filed under Fajardo: the Ceiba by Fajardo is
    meant, not a namesake across the island that a distance reach also lets in."""
    if len(kept) < 2 or any(_held_on_record(unit, p) for p in kept):
        return kept
    far = [distance_km(unit.lat, unit.lon, p.lat, p.lon) for p in kept]
    return tuple(p for p, d in zip(kept, far) if d <= min(far) + _NEAREST_SLACK_KM)


def _lone_unit_within(p: Place, readings: tuple[Place, ...], unit: Place) -> bool:
    """A district filed under the neighbouring province ('Lisk' on the file's side of a
    border) still lies in ``unit`` when it is the only reading of its name in the country
    and within the unit's reach: the file puts border districts by their centroids."""
    if not p.is_unit or p.country != unit.country or unit.kind not in ("admin1", "admin2"):
        return False
    if any(q is not p and q.country == p.country for q in readings):
        return False
    reach = _PROVINCE_REACH_KM if unit.kind == "admin1" else 2 * _DISTRICT_REACH_KM
    return distance_km(unit.lat, unit.lon, p.lat, p.lon) <= reach


def _keep_inside(inner: list[Toponym], unit: Place, pinned: set[int]) -> None:
    """'Lisk, Dunmar (NP)': a small name none of whose readings lies in the province
    or district qualifying it is a village the gazetteer lacks, not a namesake elsewhere
    in the country; it becomes a local name and takes the unit's point later."""
    for b in inner:
        if id(b) in pinned or not b.candidates:
            continue
        held = [_holds(unit, p) or _lone_unit_within(p, b.candidates, unit) for p in b.candidates]
        # geoBoundaries districts outside the unit are namesakes whatever else is held
        kept = tuple(p for p, h in zip(b.candidates, held) if not p.is_unit or h)
        if not kept or (max(p.population for p in kept) < _KNOWN_TOWN_POP and not any(held)):
            b.candidates = ()
            b.place, b.kind, b.score = None, "local", 0.0
        else:
            units_held = {id(p) for p, h in zip(b.candidates, held) if h and p.is_unit}
            b.candidates = _nearest_to_unit(kept, unit)
            inside = [p for p in b.candidates if id(p) in units_held]
            if len(b.candidates) == 1 and inside:
                # the unit's own district, whatever word follows it ('Lisk village (Pellan)')
                b.place, b.score = inside[0], 1.0
                pinned.add(id(b))


def _keep_country(inner: list[Toponym], country: str, pinned: set[int]) -> None:
    for b in inner:
        if id(b) not in pinned and b.candidates:
            kept = tuple(p for p in b.candidates if p.country == country)
            b.candidates = kept
            if not kept:
                b.place, b.kind, b.score = None, "local", 0.0
