"""Qualifier chains: 'Zvecan, Mitrovica', 'Ruramba (Kayokwe, Mwaro)', 'Shahrak district,
Ghor'. The outer names settle which reading of the inner ones is meant."""
from __future__ import annotations

import re
from typing import Any, Mapping

from ..work import Toponym
from .fold import fold
from .gazetteer import Place
from .tokens import _word_sets
from .toponyms import admin_joined

_WORD = re.compile(r"[\w'’-]+|[^\w\s]")


def admin_hint(text: str, t: Toponym) -> str | None:
    """'province' / 'district' just after the name says which kind of unit it is."""
    m = _WORD.search(text, t.end)
    if m is None:
        return None
    w = m.group().lower()
    words = _word_sets()
    if w in words["admin1"]:
        return "admin1"
    if w in words["admin2"]:
        return "admin2"
    if w in ("city", "town", "village"):
        return "city"
    return None


def closes_qualifier(text: str, t: Toponym) -> bool:
    return text[t.end:t.end + 2].lstrip()[:1] == ")"


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
    """The names that qualify toponym ``i``: 'Zvecan, Mitrovica', 'Ruramba (Kayokwe, Mwaro)',
    'Shahrak district, Ghor', 'Ghaydah in Kirkuk province'."""
    out: list[Toponym] = []
    prev = toponyms[i]
    for b in toponyms[i + 1:i + 3]:
        if b.start - prev.end > 40 or b.kind in ("demonym", "in_org"):
            break
        if not (admin_joined(text, prev.end, b.start) or _admin_word_gap(text, prev.end, b.start)):
            break
        out.append(b)
        prev = b
    return out


def _admin_word_gap(text: str, end: int, start: int) -> bool:
    """'Qaatabah district (Ad Dali)', 'Gakara village, Kolofata': an admin word, then a qualifier."""
    words = _word_sets()
    gap = [w.lower() for w in _WORD.findall(text[end:start])]
    if not gap or not (gap[0] in words["admin1"] or gap[0] in words["admin2"]
                       or gap[0] in ("city", "town", "village", "camp", "area", "neighbourhood",
                                     "neighborhood")):
        return False
    return " ".join(gap[1:]) in (",", "(", ", (", "in", "of", "-", "in the", "")


def pin_admin_pairs(toponyms: list[Toponym], text: str,
                    prefer: Mapping[str, float] | None = None) -> set[int]:
    """'Zvecan, Mitrovica', 'Hyderabad (Hyderabad, Sindh)', 'Ghaydah in Kirkuk province':
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
        if not a.candidates:
            _pin_outer_qualifier(quals, text, pinned, prefer)
            continue
        best: tuple[Any, ...] | None = None
        hint = admin_hint(text, a)  # 'Murshidabad district (West Bengal)' is the district
        for p in a.candidates:
            if p.kind not in ("city", "admin2"):
                continue
            holders = [next((q for q in b.candidates if _contains(q, p)), None) for b in quals]
            # a district named like its town says little: 'Hyderabad (Hyderabad, Sindh)'
            # ('Salem County' for Salem counts as such a district too)
            n = sum(0.0 if h is None else 0.5 if fold(p.name) in fold(h.name)
                    or fold(a.text) == fold(b.text) else 1.0 for b, h in zip(quals, holders))
            if n == 0:
                continue
            first_admin = 0 if holders[0] is not None and holders[0].kind in ("admin1", "admin2") else 1
            # a town before its namesake district: "Mexicali, Baja California" is the town
            key = (-n, first_admin, hint is not None and p.kind != hint, p.kind != "city",
                   -p.population)
            if best is None or key < best[0]:
                best = (key, p, holders)
        if best is None:
            _pin_outer_qualifier([a, *quals], text, pinned, prefer)
            continue
        _, p, holders = best
        if _pointed_elsewhere(p.country, [a, *quals], prefer):
            continue  # 'San Juan (San Juan)' in a report naming Argentina
        a.place, a.score = p, 1.0
        pinned.add(id(a))
        for b, q in zip(quals, holders):
            if q is not None and id(b) not in pinned:
                b.place, b.score = q, 1.0
                pinned.add(id(b))
    return pinned


def _pin_outer_qualifier(chain: list[Toponym], text: str, pinned: set[int],
                         prefer: Mapping[str, float]) -> None:
    """'Abr Badr (Tuban, Lahij)': when no reading of the inner names lies in the outer
    one, the outermost qualifier, read as a province or country, sets the country the
    inner names must lie in; an inner name with no reading there is a local name."""
    outer = chain[-1]
    if id(outer) in pinned:
        return
    closes = closes_qualifier(text, outer)
    # a district is an outer qualifier only when the name means nothing else: 'Kaushambi'
    levels = ("admin1", "admin2", "region", "country") if all(
        p.kind != "city" for p in outer.candidates) else ("admin1", "region", "country")
    # a geoBoundaries district (often a village's name too) never overrules the inner names
    admin = [p for p in outer.candidates if p.kind in levels and not p.is_unit]
    if not admin:
        # 'Rihaniya in al-Hasakeh': a qualifier found in one country only holds the names
        # it qualifies there; a namesake abroad is a local name's chance spelling
        top = max(p.population for p in outer.candidates)
        inner = max((p.population for b in chain[:-1] for p in b.candidates), default=0)
        if len({p.country for p in outer.candidates}) == 1 and top >= 100_000 and top > inner:
            _keep_country(chain[:-1], outer.candidates[0].country, pinned)
        return
    if not (closes or outer.candidates[0] in admin
            or admin_hint(text, outer) in ("admin1", "admin2")):  # not 'Gaza city'
        return
    # the province reading that holds readings of the inner names: 'Cartagena, Bolivar'
    support = [sum(1 for b in chain[:-1] if any(_contains(q, p) or p.country == q.country
                                                 for p in b.candidates)) for q in admin]
    # '(Niger)' closing 'Rafi LGA (Niger)' is the state more likely than the country; with
    # no inner name to vouch, the country the text points to: '(Khabb, Al Jawf)' after
    # 'Saudi-led airstrikes' is Yemen's Al Jawf, the leader's country being the foreign one
    best = max(range(len(admin)), key=lambda k: (support[k], closes and admin[k].kind != "country",
                                                 prefer.get(admin[k].country, 0.0), -k))
    choice = admin[best]
    if support[best] == 0 and (_pointed_elsewhere(choice.country, chain, prefer) or max(
            (p.population for b in chain[:-1] for p in b.candidates), default=0) > choice.population):
        # 'Sidon, Tripoli' from a Lebanese report: a list, not Libya's province; a town
        # larger than the unit named after it is no chance spelling ('Montego Bay, Saint
        # James Parish' is not in Louisiana's parish of that name)
        return
    outer.place, outer.score = choice, 1.0
    pinned.add(id(outer))
    _keep_country(chain[:-1], choice.country, pinned)
    if choice.kind in ("admin1", "admin2"):
        _keep_inside(chain[:-1], choice, pinned)


def _pointed_elsewhere(country: str, chain: list[Toponym], prefer: Mapping[str, float]) -> bool:
    """The text does not point at ``country`` but at another holding a reading of a name
    of the chain: a pin there would overrule the text's own country."""
    if prefer.get(country, 0.0) > 0:
        return False
    return any(prefer.get(p.country, 0.0) > 0 for b in chain for p in b.candidates)


# How far a reading may lie from a district's (or province's) point and still count as
# inside it when the names on record disagree: districts are rarely wider than a hundred
# km, and countries record provinces at different levels.
_DISTRICT_REACH_KM = 60.0
_PROVINCE_REACH_KM = 250.0
_NAMESAKE_UNIT_KM = 30.0
# A town this big is what the text means even when the province named with it is wrong.
_KNOWN_TOWN_POP = 100_000


def _holds(unit: Place, p: Place) -> bool:
    """Is reading ``p`` inside province or district ``unit``, by the names on record or
    by distance."""
    from .resolve import distance_km  # resolve imports this module
    if p.country != unit.country:
        return False
    if p is unit or _contains(unit, p):
        return True
    level = p.admin1 if unit.kind == "admin1" else p.admin2
    if level and (fold(level) in fold(unit.name) or fold(unit.name) in fold(level)):
        return True  # 'Kaushambi' and 'Kaushambi District'
    # a geoBoundaries district (village-level in places: Burundi's collines) repeats its
    # name across provinces and carries its province's name: only a short reach vouches
    if p.is_unit:
        reach = _NAMESAKE_UNIT_KM
    else:
        reach = _PROVINCE_REACH_KM if unit.kind == "admin1" else _DISTRICT_REACH_KM
    return distance_km(unit.lat, unit.lon, p.lat, p.lon) <= reach


def _keep_inside(inner: list[Toponym], unit: Place, pinned: set[int]) -> None:
    """'Pipri, Kaushambi (UP)': a small name none of whose readings lies in the province
    or district qualifying it is a village the gazetteer lacks, not a namesake elsewhere
    in the country; it becomes a local name and takes the unit's point later."""
    for b in inner:
        if id(b) in pinned or not b.candidates:
            continue
        # geoBoundaries districts outside the unit are namesakes whatever else is held
        kept = tuple(p for p in b.candidates if not p.is_unit or _holds(unit, p))
        if not kept or (max(p.population for p in kept) < _KNOWN_TOWN_POP
                        and not any(_holds(unit, p) for p in kept)):
            b.candidates = ()
            b.place, b.kind, b.score = None, "local", 0.0
        else:
            b.candidates = kept


def _keep_country(inner: list[Toponym], country: str, pinned: set[int]) -> None:
    for b in inner:
        if id(b) not in pinned and b.candidates:
            kept = tuple(p for p in b.candidates if p.country == country)
            b.candidates = kept
            if not kept:
                b.place, b.kind, b.score = None, "local", 0.0
