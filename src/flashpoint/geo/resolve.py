"""Choosing which place each name means, and where an event happened.

``resolve_toponyms`` picks a Place for every toponym from the document's country
focus, admin context ("Zvecan, Mitrovica"), population and nearness to the other
places named; ``locate_event`` picks the toponym(s) an event is attached to.

``resolve_toponyms`` runs named steps over one ``NameState`` (geo/name_state.py), each
with a docstring naming its rule, which the explain trace quotes.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Any

from ..budget import limits
from ..models import Location
from ..trace import Decision
from ..work import Toponym
from .attach import AttachModel, load_model, pair_features
from .distance import distance_km
from .district_units import settle_units
from .document_countries import (
    admin_word_votes,
    agreed_country,
    country_votes,
    feature_names,
    group_votes,
    is_currency,
    loose_matches,
    mark_owner_modifiers,
    pointed_countries,
    urban_feature_names,
)
from .fold import fold
from .gazetteer import Gazetteer, load_gazetteer
from .locations import inferred_location, to_location
from .name_state import NameState
from .narrow_readings import FEATURE_BIG, NEAR_KM, localise_features, one_country, restrict
from .place import Place
from .qualifiers import admin_hint, closes_qualifier, pin_admin_pairs, qualifiers
from .reasons import located, place_decision, quoted
from .reference_points import bare_unit_word, bearing_subject, link_end
from .rules import geo_rules
from .tokens import STRONG_PREPS, governing_preposition
from .toponyms import list_joined

BIG_PLACE = geo_rules().population.big_place
TOWN_SHARE = geo_rules().population.town_share
_VOTE = geo_rules().country_votes
_SCORE = geo_rules().candidate_score
_EVENT = geo_rules().event_place


def _candidate_score(
    p: Place,
    t: Toponym,
    focus: str | None,
    mentioned: set[str],
    hint: str | None,
    context: list[Toponym],
    key: str,
) -> float:
    s = math.log10(p.population + 10) / _SCORE.population_divisor
    if fold(p.name) == key:
        s += _SCORE.own_name
    if focus and p.country == focus:
        s += _SCORE.focus_country
    elif p.country in mentioned:
        s += _SCORE.mentioned_country
    if p.kind == "country":
        s += _SCORE.country_kind
    if hint:
        s += _SCORE.hinted_kind if p.kind == hint else 0.0
    elif p.kind in ("admin1", "admin2") and any(
        c.kind == "city" and c.country == p.country and c.population * TOWN_SHARE >= p.population
        for c in t.candidates
    ):
        # a bare name shared by a town and its district usually means the town, but not a
        # hamlet's name shared with a state of millions ('in Mojolo, Sinaloa')
        s += _SCORE.district_with_town
    for other in context:
        q = other.place
        if q is None or other is t:
            continue
        if q.kind in ("admin1", "admin2", "region") and (q.name in (p.admin1, p.admin2)):
            s += _SCORE.in_named_unit
        elif q.kind != "country" and distance_km(p.lat, p.lon, q.lat, q.lon) < NEAR_KM:
            s += _SCORE.near_town if q.kind == "city" else _SCORE.near_place
    return s


def resolve_toponyms(
    toponyms: list[Toponym], text: str, why: list[Decision] | None = None, gaz: Gazetteer | None = None
) -> str | None:
    """Set ``place`` and ``score`` on every toponym; return the document's focus country.
    With ``why`` (explain on) each step that decides something adds a Decision to it;
    ``gaz`` is the stage's gazetteer (the shipped one by default)."""
    state = NameState(toponyms, text, why=why)
    gaz = gaz or load_gazetteer()
    _mark_names(state, gaz)
    _loose_provinces(state)
    votes = _first_votes(state)
    _check_loose_names(state, _pointed(state, votes))
    _pin_qualified(state, votes)
    _count_again(state)
    _score_candidates(state)
    _drop_far_villages(state, gaz)
    settled = [t.place for t in toponyms] if why is not None else []
    settle_units(state)
    localise_features(state, urban_feature_names(toponyms, text))
    if why is not None:
        _note_settled(state, settled)
    return state.focus


def _mark_names(state: NameState, gaz: Gazetteer) -> None:
    """Flag the names used as owners, as money, spelt loosely, or naming a feature."""
    toponyms, text = state.toponyms, state.text
    state.owners = mark_owner_modifiers(toponyms, text)
    state.money = {i for i in state.owners if is_currency(text, next(t for t in toponyms if id(t) == i))}
    loose = loose_matches(toponyms, gaz)
    state.features = feature_names(toponyms, text)
    state.loose = loose | state.features
    if state.why is not None:
        for flags, outcome in (
            (state.owners, "used as an owner ('Dunmari forces'): the foreign side, not the place"),
            (state.money, "names a currency: it points nowhere"),
            (state.features, "names a feature ('Velmora bridge'): a local feature unless the text says more"),
            (state.loose - state.features, "matched only under a loose spelling"),
        ):
            for t in toponyms:
                if id(t) in flags:
                    state.note(_mark_names, [t], outcome)


def _loose_provinces(state: NameState) -> None:
    """A loosely spelt province closing a qualifier ('(Lisk, Halvar)', 'Estrand in Varn') is a province."""
    toponyms, text = state.toponyms, state.text
    for i, t in enumerate(toponyms):
        admin = tuple(p for p in t.candidates if p.kind in ("admin1", "region"))
        if (
            id(t) in state.loose
            and admin
            and (
                closes_qualifier(text, t)
                or admin_hint(text, t)
                or (i and t in qualifiers(toponyms, i - 1, text))
            )
        ):
            t.candidates = admin
            state.loose.discard(id(t))
            state.note(_loose_provinces, [t], "kept as a province")


def _votes(state: NameState, loose: set[int]) -> Counter[str]:
    """The country votes of the names, groups and admin words, with the agreed country's bonus."""
    votes = country_votes(state.toponyms, state.owners, loose, state.money) + state.word_votes
    if state.agreed:
        votes[state.agreed] += _VOTE.agreed
    return votes


def _first_votes(state: NameState) -> Counter[str]:
    """The country votes before loose spellings are checked."""
    # armed groups and one-country admin words point at a country wherever they stand
    state.word_votes = group_votes(state.text) + admin_word_votes(state.text)
    state.agreed = agreed_country(state.toponyms, state.owners, state.loose)
    return _votes(state, state.loose)


def _pointed(state: NameState, votes: Counter[str]) -> set[str]:
    """The countries the text points to on its own, before loose spellings are checked."""
    focus = next((c for c, v in votes.most_common() if v > 0), None)
    # a focus resting only on owners ('Dunmari forces') points nowhere by itself
    own_votes = country_votes(state.toponyms, state.owners, state.loose, state.owners)
    pointed = focus if own_votes.get(focus or "", 0) > 0 else None
    return pointed_countries(state.toponyms, pointed, state.owners, state.loose, BIG_PLACE)


def _check_loose_names(state: NameState, strong: set[str]) -> None:
    """A loose spelling or a feature's name counts only inside a country the text points to."""
    state.strong = strong
    for t in state.toponyms:
        before = t.candidates
        # a loose spelling match counts only inside a country the text points to, or as
        # a large place when the text points nowhere ('Al-Tarsk' ~ 'Al Tarsk')
        if id(t) in state.features:  # 'Velmora bridge': only a city of millions is itself meant
            # ... unless the text points nowhere and the name is a town of one country only
            restrict(t, strong or one_country(t), FEATURE_BIG)
        elif id(t) in state.loose:
            restrict(t, strong, None if strong else BIG_PLACE)
        if state.why is not None and t.candidates != before:
            state.note(_check_loose_names, [t], f"readings {len(before)} -> {len(t.candidates)}")


def _pin_qualified(state: NameState, votes: Counter[str]) -> None:
    """'Zvecan, Mitrovica': a qualifier pins the reading of the name it follows."""
    # the countries the text names outright; those named only as owners ('Dunmar-led')
    # are the foreign side, least preferred
    named = [t for t in state.toponyms if t.kind in ("country", "demonym") and id(t) not in state.owners]
    prefer = {c: _VOTE.unvoted_preference for c in votes} | dict(country_votes(named) + state.word_votes)
    state.pinned = pin_admin_pairs(state.toponyms, state.text, prefer)
    if state.why is not None:
        for t in state.toponyms:
            if id(t) in state.pinned and t.place is not None:
                state.note(_pin_qualified, [t], f"read as {t.place.name} ({t.place.kind}, {t.place.country})")


def _count_again(state: NameState) -> None:
    """The focus country: the most votes once qualifiers and spellings are settled."""
    votes = _votes(state, set())  # loose names now checked
    state.focus = next((c for c, v in votes.most_common() if v > 0), None)
    state.mentioned = {c for c, v in votes.items() if v >= _VOTE.mentioned}
    state.strong |= {state.focus} if state.focus else set()
    if state.why is not None:
        shown = ", ".join(f"{c} {v:g}" for c, v in votes.most_common(4))
        state.note(_count_again, [], f"focus country {state.focus or 'none'} (votes {shown or 'none'})")


def _score_candidates(state: NameState) -> None:
    """The reading of each name by the candidate score, first alone, then with its neighbours."""
    toponyms, text = state.toponyms, state.text
    by_start = sorted(range(len(toponyms)), key=lambda j: toponyms[j].start)
    # pass 1 without neighbours, pass 2 with the places chosen in pass 1 as context
    for neighbours in (False, True):
        for i, t in enumerate(toponyms):
            if not t.candidates or id(t) in state.pinned:
                continue
            if len(t.candidates) == 1 or t.kind == "demonym":
                t.place, t.score = t.candidates[0], 1.0
                continue
            hint = admin_hint(text, t)
            context = _neighbours(toponyms, i, by_start) if neighbours else []
            key = fold(t.text)
            scored = sorted(
                (
                    (_candidate_score(p, t, state.focus, state.mentioned, hint, context, key), n)
                    for n, p in enumerate(t.candidates)
                ),
                key=lambda x: (-x[0], x[1]),
            )
            best = scored[0]
            second = scored[1][0] if len(scored) > 1 else 0.0
            t.place = t.candidates[best[1]]
            t.score = round(1.0 / (1.0 + math.exp(-(best[0] - second) * _SCORE.confidence_slope)), 3)


def _drop_far_villages(state: NameState, gaz: Gazetteer) -> None:
    """A village abroad that nothing else in the text points to is an unknown local name."""
    # ... sharing its spelling: keep the mention, drop the far-away point ('Quillan' in a
    # report from Tarsk is not a far-off town whose alternate names include it); a town
    # just across the focus country's border is kept ('Serbs protested in Zvecan')
    focus = state.focus
    for t in state.toponyms:
        if (
            focus
            and t.kind == "place"
            and t.place is not None
            and id(t) not in state.pinned
            and t.place.country not in state.strong
            and not gaz.near_country(t.place, focus)
            and t.place.population < (BIG_PLACE if fold(t.place.name) == fold(t.text) else FEATURE_BIG)
        ):
            state.note(_drop_far_villages, [t], f"{t.place.name} ({t.place.country}) dropped: a local name")
            t.place, t.kind, t.score = None, "local", 0.0


def _note_settled(state: NameState, before: list[Place | None]) -> None:
    """District readings the text does not back, and features far from every town, give way."""
    for t, was in zip(state.toponyms, before):
        if t.place is not was:
            now = f"{t.place.name} ({t.place.kind})" if t.place is not None else "a local name"
            state.note(_note_settled, [t], f"{was.name if was else 'no reading'} -> {now}")


def _neighbours(toponyms: list[Toponym], i: int, by_start: list[int]) -> list[Toponym]:
    """Places named within a few hundred characters of toponym ``i``. ``by_start``: the
    indices of ``toponyms`` in order of start, so that only the window is looked at (a
    scan of all per name grew with the square of a long list of names)."""
    t = toponyms[i]

    def start(j: int) -> int:
        return toponyms[j].start

    lo = bisect_left(by_start, t.start - 399, key=start)
    hi = bisect_right(by_start, t.start + 399, key=start)
    window = sorted(by_start[lo:hi])
    return [
        toponyms[j]
        for j in window
        if j != i and toponyms[j].place is not None and toponyms[j].kind not in ("demonym",)
    ]


# -- where did the event happen --------------------------------------------------------


def _event_score(t: Toponym, prep: str | None, trigger_start: int) -> float:
    s = 0.0
    if prep in STRONG_PREPS:
        s += _EVENT.strong_preposition
    elif prep is not None:
        s += _EVENT.other_preposition
    s -= abs(t.start - trigger_start) / _EVENT.chars_per_point
    if t.start > trigger_start:
        s += _EVENT.after_trigger
    return s


def _specificity(t: Toponym) -> tuple[int, int]:
    """Smaller is more specific: a named spot, then towns (smaller first), districts …"""
    return (0, 0) if t.place is None else (t.place.precision, t.place.population)


def sentence_candidates(sentence_start: int, sentence_end: int, toponyms: list[Toponym]) -> list[Toponym]:
    """The names in the sentence that could be an event's place (not nationality words)."""
    return [
        t
        for t in toponyms
        if sentence_start <= t.start < sentence_end
        and t.kind not in ("demonym", "in_org")
        and (t.place is not None or (t.kind == "local" and not bare_unit_word(t)))
    ]


def nearest_names(names: list[Toponym], offset: int, most: int) -> list[Toponym]:
    """The ``most`` names nearest ``offset``, in text order. Each name is weighed against
    every other of the sentence, so a table of a thousand place names would cost a
    million comparisons per event (data/budget.yaml bounds it)."""
    if len(names) <= most:
        return names
    keep = {id(t) for t in sorted(names, key=lambda t: abs(t.start - offset))[:most]}
    return [t for t in names if id(t) in keep]


def _refine_chosen(
    in_sentence: list[Toponym],
    chosen: list[Toponym],
    trigger_start: int,
    text: str,
    sentence_start: int,
    why: list[Decision] | None,
) -> tuple[list[Toponym], list[Toponym]]:
    """The chosen names after two readings of their words: the ends of a road are not
    where an event on it happened, and a qualifier chain or a bearing point ('west of
    X') gives way to the place it pins. Returns the names and the candidates left."""
    first = chosen
    chosen, candidates = _past_link_ends(in_sentence, chosen, trigger_start, text, sentence_start)
    if why is not None and chosen is not first:
        why.append(
            place_decision(
                "road ends (geo/reference_points.py link_end)",
                (
                    f"the ends of a road or link ({quoted(first)}) are not where an event on it "
                    f"happened: chose {quoted(chosen) or 'none'} by the preposition rules"
                ),
                chosen,
            )
        )
    first = chosen
    chosen = [bearing_subject(in_sentence, _qualified_head(in_sentence, t, text), text) for t in chosen]
    if why is not None and chosen != first:
        why.append(
            place_decision(
                "qualifier and bearing rules (geo/qualifiers.py, geo/reference_points.py)",
                (
                    f"{quoted(first)} gives way to {quoted(chosen)}: the most specific name of a "
                    "qualifier chain, or the place a bearing point ('west of X') locates"
                ),
                chosen,
            )
        )
    return chosen, candidates


def locate_event(
    sentence_start: int,
    sentence_end: int,
    trigger_start: int,
    toponyms: list[Toponym],
    focus_country: str | None,
    gaz: Gazetteer | None = None,
    text: str | None = None,
    doc: Any = None,
    why: list[Decision] | None = None,
) -> list[Location]:
    """Where the event anchored at ``trigger_start`` happened.

    With ``doc`` (spaCy) and ``text`` the attachment model judges each name of the
    sentence; with ``text`` only, prepositions and lists are read; with neither the
    nearest place wins. Locations named in the sentence carry their span; when the
    sentence names no place of the event, the answer is inferred (no span): a place
    the sentence mentions otherwise, the last place an earlier sentence put events in,
    or the focus country. With ``why`` (explain on) each deciding step is added to it.
    """
    gaz = gaz or load_gazetteer()
    in_sentence = nearest_names(
        sentence_candidates(sentence_start, sentence_end, toponyms), trigger_start, limits().places_per_event
    )
    model = load_model() if doc is not None and text is not None else None
    if model is not None and text is not None:
        chosen = _choose_by_model(in_sentence, trigger_start, text, doc, sentence_start, model, why)
    else:
        chosen = _choose_by_rules(in_sentence, trigger_start, text, sentence_start, why)
    candidates = in_sentence
    if text is not None:
        chosen, candidates = _refine_chosen(in_sentence, chosen, trigger_start, text, sentence_start, why)
    pairs = [
        (t, to_location(t, in_sentence, focus_country, gaz, text, toponyms, sentence_start)) for t in chosen
    ]
    locations = [loc for _, loc in pairs if loc is not None]
    if locations:
        if why is not None:
            kept = [(t, loc) for t, loc in pairs if loc is not None]
            why.extend(located([t for t, _ in kept], [loc for _, loc in kept], focus_country))
        return locations
    return inferred_location(candidates, toponyms, sentence_start, focus_country, gaz, text, why)


def _past_link_ends(
    in_sentence: list[Toponym], chosen: list[Toponym], trigger_start: int, text: str, sentence_start: int
) -> tuple[list[Toponym], list[Toponym]]:
    """'blocked the Velmora-Tarsk highway in Ostra': the ends of a road are not where an
    event on it happened when the sentence names a town or a local place besides them.
    Returns the names chosen and those left to infer a place from."""
    ends = {id(t) for t in in_sentence if link_end(text, t)}
    others = [t for t in in_sentence if id(t) not in ends]
    if (
        not ends
        or (chosen and all(id(t) not in ends for t in chosen))
        or not any(t.place is None or t.place.kind in ("city", "admin2") for t in others)
    ):
        return chosen, in_sentence
    return _choose_by_rules(others, trigger_start, text, sentence_start), others


def _qualified_head(in_sentence: list[Toponym], t: Toponym, text: str) -> Toponym:
    """'in Estrand, Halvar': a province chosen as the place yields to the town or
    village it qualifies, the most specific name of the chain."""
    i = in_sentence.index(t)
    while i > 0 and t.place is not None and (t.place.kind != "city" or _named_as_unit(t, text)):
        prev = in_sentence[i - 1]
        if t not in qualifiers(in_sentence, i - 1, text):
            break
        if prev.place is not None and prev.place.precision > _level(t, text):
            break
        t, i = prev, i - 1
    return t


_HINT_PRECISION = {"admin1": 3, "admin2": 2}


def _named_as_unit(t: Toponym, text: str) -> bool:
    """'Sittwe District' read as the town Sittwe (no district of that name on record) is
    still the district the text names."""
    return admin_hint(text, t) in _HINT_PRECISION


def _level(t: Toponym, text: str) -> int:
    place: Place = t.place
    return max(place.precision, _HINT_PRECISION.get(admin_hint(text, t) or "", 0))


def _choose_by_model(
    in_sentence: list[Toponym],
    trigger_start: int,
    text: str,
    doc: Any,
    sentence_start: int,
    model: AttachModel,
    why: list[Decision] | None = None,
) -> list[Toponym]:
    scored = []
    for t in in_sentence:
        prep = governing_preposition(text, t, sentence_start)
        feats = pair_features(t, trigger_start, prep, doc, in_sentence, text, sentence_start)
        scored.append((model.score(feats), t, prep))
    if not scored:
        return []
    floor = model.none_score(trigger_start, doc, len(in_sentence))
    best_s, best, _ = max(scored, key=lambda x: x[0])
    if best_s < floor:
        if why is not None:
            why.append(_scored_decision(ATTACH_MODEL, scored, floor, []))
        return []
    # a chain "Zafaraniyah neighbourhood of Baghdad": take its most specific link
    chain = [
        t
        for s, t, prep in scored
        if s >= floor and prep is not None and abs(t.start - best.start) < _EVENT.chain_chars
    ]
    if chain and best in chain:
        best = min(chain, key=lambda t: (_specificity(t), abs(t.start - trigger_start)))
    chosen = list_members(in_sentence, best, text)
    if why is not None:
        why.append(_scored_decision(ATTACH_MODEL, scored, floor, chosen))
    return chosen


ATTACH_MODEL = "attachment model (data/gazetteer/attach_model.json)"
PREPOSITION_RULES = "preposition rules (geo/resolve.py _event_score)"


def _scored_decision(
    by: str, scored: list[tuple[float, Toponym, str | None]], floor: float | None, chosen: list[Toponym]
) -> Decision:
    """The names a chooser weighed, with their scores and prepositions, and its choice."""
    shown = "; ".join(
        f"'{t.text}' {s:.2f}" + (f" after '{prep}'" if prep else "")
        for s, t, prep in sorted(scored, key=lambda x: -x[0])[:4]
    )
    bar = f" against the no-place option {floor:.2f}" if floor is not None else ""
    if not chosen:
        return place_decision(
            by,
            f"no name of the sentence is this event's place: scores {shown}{bar}",
            [t for _, t, _ in scored],
        )
    how = "the list it belongs to" if len(chosen) > 1 else "the most specific link of its chain"
    return place_decision(by, f"chose {quoted(chosen)} (with {how}) from scores {shown}{bar}", chosen)


def _choose_by_rules(
    in_sentence: list[Toponym],
    trigger_start: int,
    text: str | None,
    sentence_start: int,
    why: list[Decision] | None = None,
) -> list[Toponym]:
    scored: list[tuple[float, Toponym, str | None]] = []
    for t in in_sentence:
        prep = governing_preposition(text, t, sentence_start)
        if text is not None and prep not in STRONG_PREPS:
            continue  # "Israel has captured …", "entering Syria from Turkey": not where
        scored.append((_event_score(t, prep, trigger_start), t, prep))
    if not scored:
        if why is not None and in_sentence:
            why.append(
                place_decision(
                    PREPOSITION_RULES,
                    f"no name of the sentence ({quoted(in_sentence)}) follows a locative preposition",
                    in_sentence,
                )
            )
        return []
    best_score, best, _ = max(scored, key=lambda x: x[0])
    chain = [
        t
        for sc, t, prep in scored
        if prep is not None
        and sc > best_score - _EVENT.chain_slack
        and abs(t.start - best.start) < _EVENT.chain_chars
    ]
    if chain:
        best = min(chain, key=lambda t: (_specificity(t), abs(t.start - trigger_start)))
    chosen = list_members(in_sentence, best, text)
    if why is not None:
        why.append(_scored_decision(PREPOSITION_RULES, scored, None, chosen))
    return chosen


def list_members(in_sentence: list[Toponym], best: Toponym, text: str | None) -> list[Toponym]:
    """The whole coordinated list the chosen name belongs to ("Zvecan, Zubin Potok, and Leposavic")."""
    i = in_sentence.index(best)
    joined = (
        (lambda a, b: list_joined(text, a.end, b.start))
        if text is not None
        else (lambda a, b: 0 <= b.start - a.end <= 6)
    )
    lo = i
    while lo > 0 and joined(in_sentence[lo - 1], in_sentence[lo]) and _same_level(in_sentence[lo - 1], best):
        lo -= 1
    hi = i
    while (
        hi + 1 < len(in_sentence)
        and joined(in_sentence[hi], in_sentence[hi + 1])
        and _same_level(in_sentence[hi + 1], best)
    ):
        hi += 1
    members = in_sentence[lo : hi + 1]
    return members if len(members) > 1 else [best]


def _same_level(a: Toponym, b: Toponym) -> bool:
    """List members are alike: towns with towns; "Zvecan, Mitrovica" is a town and its district."""
    if a.place is None or b.place is None:
        return a.kind == b.kind
    pa: Place = a.place
    pb: Place = b.place
    if pa.kind == "city" and pb.kind == "city":
        return True
    return pa.precision == pb.precision
