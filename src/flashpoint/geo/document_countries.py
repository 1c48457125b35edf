"""Which countries a document points to, and how strongly.

A country named only as the owner of something else ("US dollar", "Saudi-led
coalition", "military forces of Armenia") says whose actor or currency it is, not
where things happen, so it counts little for the focus and is never an event's place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import lru_cache

from ..work import Toponym
from .fold import fold, load_rules
from .gazetteer import Gazetteer
from .place import Place
from .rules import geo_rules
from .tokens import without_joiners

_VOTE = geo_rules().country_votes
MODIFIER_VOTE = _VOTE.owner_modifier
SMALL_VILLAGE_POP = geo_rules().population.small_village
DOMINANT_FACTOR = geo_rules().population.dominant_factor
GROUP_VOTE = _VOTE.armed_group  # 'Houthi', 'Taliban', 'Al-Shabaab'
UNIT_VOTE = _VOTE.district_only
ADMIN_WORD_VOTE = _VOTE.admin_word  # 'LGA', 'upazila'
_NEXT_WORDS = re.compile(r"[\s-]*([A-Za-z]+)(?:[\s-]+([A-Za-z]+))?")
_OF_BEFORE = re.compile(r"([A-Za-z]+)\s+of(?:\s+the)?\s*$")


@lru_cache(maxsize=1)
def _modifier_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    r = load_rules().get("owner_modifiers") or {}

    def low(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in r.get(key) or [])

    return low("nouns"), low("suffixes"), low("owned_of")


def is_owner_modifier(text: str, t: Toponym) -> bool:
    """'US dollar', 'Turkish forces', 'Saudi-led', 'US military forces', 'forces of Armenia'."""
    nouns, suffixes, owned_of = _modifier_words()
    if text[t.end : t.end + 1] == "-":
        m = re.match(r"-([a-z]+)", text[t.end : t.end + 20])
        if m and m.group(1) in suffixes:
            return True
    end = t.end + 2 if text[t.end : t.end + 2] in ("'s", "’s") else t.end  # "Zambia's army"
    m = _NEXT_WORDS.match(text, end, end + 40)
    if m and text[end : end + 1] in (" ", "-"):
        first, second = (m.group(1) or "").lower(), (m.group(2) or "").lower()
        if first in nouns or (
            first in ("military", "armed", "security", "air", "naval", "border") and second in nouns
        ):
            return True
    b = _OF_BEFORE.search(text, max(0, t.start - 40), t.start)
    return bool(b and b.group(1).lower() in owned_of)


def mark_owner_modifiers(toponyms: list[Toponym], text: str) -> set[int]:
    """Ids of the country names and demonyms used as owners; country names among them
    become 'in_org' (they tell the country, never the place)."""
    marked: set[int] = set()
    for i, t in enumerate(toponyms):
        if t.kind not in ("country", "demonym"):
            continue
        prev = toponyms[i - 1] if i else None
        # 'forces of India and Pakistan': the list shares its first member's role
        listed = (
            prev is not None
            and id(prev) in marked
            and prev.kind in ("in_org", "demonym")
            and text[prev.end : t.start].strip(" ,") in ("and", "or", "")
        )
        if listed or is_owner_modifier(text, t) or _list_before_owner(toponyms, i, text):
            marked.add(id(t))
            if t.kind == "country":
                t.kind = "in_org"
    return marked


def _list_before_owner(toponyms: list[Toponym], i: int, text: str) -> bool:
    """'Russian and Turkish forces': the first member owns the same noun."""
    t = toponyms[i]
    nxt = toponyms[i + 1] if i + 1 < len(toponyms) else None
    return (
        nxt is not None
        and nxt.kind == t.kind
        and text[t.end : nxt.start].strip(" ,") in ("and", "or")
        and is_owner_modifier(text, nxt)
    )


def is_currency(text: str, t: Toponym) -> bool:
    """'US dollar', 'Lebanese pound': money says nothing about where."""
    m = _NEXT_WORDS.match(text, t.end, t.end + 40)
    return m is not None and (m.group(1) or "").lower() in _currency_words()


@lru_cache(maxsize=1)
def _currency_words() -> frozenset[str]:
    r = load_rules().get("owner_modifiers") or {}
    return frozenset(w.lower() for w in r.get("currency") or [])


def loose_matches(toponyms: list[Toponym], gaz: Gazetteer) -> set[int]:
    """Ids of place names found only under the loose variant key ('Faaour' ~ 'Fowler')."""
    out = set()
    for t in toponyms:
        if t.kind == "place" and t.candidates:
            if not gaz.is_exact(fold(t.text)) and not gaz.is_exact(without_joiners(t.text.split())):
                out.add(id(t))
    return out


@lru_cache(maxsize=1)
def _feature_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in load_rules().get("feature_nouns") or [])


@lru_cache(maxsize=1)
def _urban_feature_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in load_rules().get("urban_feature_nouns") or [])


def feature_names(toponyms: list[Toponym], text: str) -> set[int]:
    """Ids of small place names followed by a feature noun ('Palma bridge', 'Hamra street'):
    most likely a local feature, so read only inside countries the text points to."""
    return _names_before(toponyms, text, _feature_nouns())


def urban_feature_names(toponyms: list[Toponym], text: str) -> set[int]:
    """Ids of the names followed by a feature found inside a town ('Velmora square',
    'Dunmar neighbourhood'): the feature lies within the town the text names."""
    return _names_before(toponyms, text, _urban_feature_nouns())


def _names_before(toponyms: list[Toponym], text: str, nouns: frozenset[str]) -> set[int]:
    out = set()
    for t in toponyms:
        if t.kind != "place" or not t.candidates:
            continue
        m = _NEXT_WORDS.match(text, t.end, t.end + 40)
        if m and text[t.end : t.end + 1] == " " and (m.group(1) or "").lower() in nouns:
            out.add(id(t))
    return out


def country_votes(
    toponyms: Iterable[Toponym],
    owners: AbstractSet[int] = frozenset(),
    loose: AbstractSet[int] = frozenset(),
    currency: AbstractSet[int] = frozenset(),
) -> Counter[str]:
    """How strongly the text points at each country: names, demonyms, unambiguous places."""
    votes: Counter[str] = Counter()
    for t in toponyms:
        if not t.candidates or id(t) in loose:
            continue
        top = t.candidates[0]
        if t.place is not None and t.kind in ("place", "region"):
            # already settled by its qualifiers ('Tovuz' in 'Munjuglu, Tovuz')
            votes[t.place.country] += _VOTE.province if t.place.kind in ("admin1", "region") else _VOTE.place
        elif id(t) in owners:
            votes[top.country] += 0.0 if id(t) in currency else MODIFIER_VOTE
        elif t.kind == "demonym":
            votes[top.country] += _VOTE.demonym
        elif t.kind == "country":
            votes[top.country] += _VOTE.country
        elif t.kind == "in_org":
            if top.kind == "country":
                votes[top.country] += _VOTE.weak
        else:
            # a district without population abroad never splits a town's vote
            countries = {p.country for p in t.candidates if not p.is_unit} or {
                p.country for p in t.candidates
            }
            if len(countries) == 1:
                # a province or district names its country more surely than a village, and
                # a village's own name more surely than one of its alternate spellings
                # ('Andar', a district of Ghazni, is also a listed spelling of Andard, France)
                if top.kind in ("admin1", "region"):
                    votes[top.country] += _VOTE.province
                elif all(p.is_unit for p in t.candidates):
                    votes[top.country] += UNIT_VOTE
                elif top.population < SMALL_VILLAGE_POP and fold(top.name) != fold(t.text):
                    votes[top.country] += _VOTE.alternate_spelling_village
                else:
                    votes[top.country] += _VOTE.place
            elif top.population >= DOMINANT_FACTOR * max(1, _runner_up_population(t.candidates)):
                votes[top.country] += _VOTE.weak
    return votes


class _CountryWords:
    """Words or names that each point at one country, found as whole words in a text
    ('pro-Houthi', 'Taliban-held': a hyphen does not end the name)."""

    def __init__(self, countries: dict[str, str], acronyms: dict[str, str] | None = None):
        self.countries = countries
        names = "|".join(sorted((re.escape(w) for w in countries), key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!\w)(?:{names})(?!\w)", re.IGNORECASE) if countries else None
        # short names count only in capitals: 'LNA forces', not a word that happens to match
        self.acronyms = acronyms or {}
        short = "|".join(sorted((re.escape(w) for w in self.acronyms), key=len, reverse=True))
        self.acronym_pattern = re.compile(rf"(?<!\w)(?:{short})(?!\w)") if self.acronyms else None

    def votes(self, text: str, weight: float) -> Counter[str]:
        """``weight`` for the country of each distinct word found, however often."""
        votes: Counter[str] = Counter()
        found = (
            {self.countries[m.group().lower()] for m in self.pattern.finditer(text)}
            if self.pattern is not None
            else set()
        )
        if self.acronym_pattern is not None:
            found |= {self.acronyms[m.group()] for m in self.acronym_pattern.finditer(text)}
        for cc in found:
            votes[cc] += weight
        return votes


@lru_cache(maxsize=1)
def _armed_groups() -> _CountryWords:
    """The actor lexicon's armed groups and forces that belong to one country."""
    from ..ontology import load_data_yaml

    countries: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for entry in load_data_yaml("lexicons/actors.yaml").get("named") or []:
        if entry.get("sector") in _ARMED_SECTORS and entry.get("country"):
            for alias in map(str, entry.get("aliases") or []):
                if len(alias) > 3:
                    countries[alias.lower()] = entry["country"]
                elif len(alias) == 3 and alias.isalnum():  # 'IS' and shorter are too common
                    acronyms[alias.upper()] = entry["country"]
    return _CountryWords(countries, acronyms)


_ARMED_SECTORS = frozenset({"REB", "SEP", "CRM", "MIL"})


@lru_cache(maxsize=1)
def _country_admin_words() -> _CountryWords:
    rules = load_rules().get("country_admin_words") or {}
    return _CountryWords({str(k).lower(): str(v) for k, v in rules.items()})


def group_names() -> frozenset[str]:
    """The folded names of the armed groups that belong to one country."""
    return _group_keys()


@lru_cache(maxsize=1)
def _group_keys() -> frozenset[str]:
    groups = _armed_groups()
    return frozenset(fold(w) for w in [*groups.countries, *groups.acronyms])


def group_votes(text: str) -> Counter[str]:
    """One weak vote for the country of each armed group the text names."""
    return _armed_groups().votes(text, GROUP_VOTE)


def admin_word_votes(text: str) -> Counter[str]:
    """A strong vote for the country of each one-country administrative word in the text."""
    return _country_admin_words().votes(text, ADMIN_WORD_VOTE)


def agreed_country(toponyms: list[Toponym], owners: set[int], loose: set[int]) -> str | None:
    """When the text names no country, the one country holding a reading of the most
    different place names (two at least): several Lebanese towns mean Lebanon, not each
    name's largest namesake elsewhere."""
    for t in toponyms:
        if t.kind in ("country", "region") or (t.kind == "demonym" and id(t) not in owners):
            return None
    holders: dict[str, set[str]] = {}
    for t in toponyms:
        if t.kind != "place" or not t.candidates or id(t) in loose or id(t) in owners:
            continue
        # a district without population agrees too easily: most names are some village's
        for cc in {p.country for p in t.candidates if not p.is_unit}:
            holders.setdefault(cc, set()).add(fold(t.text))
    ranked = sorted(((len(names), cc) for cc, names in holders.items()), reverse=True)
    if not ranked or ranked[0][0] < 2 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]


def _runner_up_population(cands: tuple[Place, ...]) -> int:
    first = cands[0].country
    return max((p.population for p in cands if p.country != first), default=0)


def pointed_countries(
    toponyms: Iterable[Toponym], focus: str | None, owners: set[int], loose: set[int], big: int
) -> set[str]:
    """Countries the text points to on its own: the focus, countries and nationalities
    not used as owners, named regions and provinces, and large places."""
    out = {focus} if focus else set()
    for t in toponyms:
        if not t.candidates or id(t) in owners or id(t) in loose or t.kind == "in_org":
            continue
        top = t.candidates[0]
        # a town known by an alternate spelling ('Karama' for Calama) must be larger to count
        large = top.population >= (big if fold(top.name) == fold(t.text) else 10 * big)
        if t.kind in ("demonym", "country", "region") or large or top.kind in ("admin1", "region"):
            out.add(top.country)
    return out
