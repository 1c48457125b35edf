"""From a chosen name to a Location: a known place gives its own point; a local name
takes the point of the place qualifying it or named near it; with no name chosen, a
place is inferred from the rest of the text."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import cache

from ..models import Actor, Location, Mention
from ..trace import Decision
from ..work import Candidate, Toponym
from .fold import fold
from .gazetteer import Gazetteer, load_gazetteer
from .place import Place
from .qualifiers import qualifiers
from .reference_points import bearing_subject
from .rules import geo_rules
from .tokens import STRONG_PREPS, governing_preposition


def inferred_location(
    in_sentence: list[Toponym],
    toponyms: list[Toponym],
    sentence_start: int,
    focus: str | None,
    gaz: Gazetteer,
    text: str | None,
    why: list[Decision] | None = None,
) -> list[Location]:
    """No name of the sentence is the event's place: infer one, without a span. With
    ``why`` (explain on) the step that inferred it is added to it."""
    # a town or district the sentence names in another role ("in Liberty Square of Tirana")
    # ('Velmora district west of Tarsk city': Tarsk is only the bearing point)
    named = in_sentence if text is None else [bearing_subject(in_sentence, t, text) for t in in_sentence]
    known = [
        t.place
        for t in named
        if t.place is not None and t.place.kind != "country" and (focus is None or t.place.country == focus)
    ]
    step = "a town or district the sentence names in another role"
    if not known and text is not None:
        # a town of another country than the focus, where the sentence puts someone
        # ('Drivers at Jarinje told reporters ...'): nearer than a town an earlier sentence
        # named, for the sentence itself says where its people are
        known = [
            t.place
            for t in named
            if t.place is not None
            and t.place.kind != "country"
            and governing_preposition(text, t, max(0, t.start - 80)) in STRONG_PREPS
        ]
        step = "a town or district of another country where the sentence puts someone"
    if not known and text is not None:
        known = _earlier_places(toponyms, sentence_start, focus, text)
        step = "the place an earlier sentence set the report in"
    if known:
        place = min(known, key=lambda p: (p.precision, -p.population))
        if why is not None:
            why.append(
                Decision(
                    "place",
                    "inferred place (geo/locations.py inferred_location)",
                    f"no name of the sentence is this event's place: {step}, "
                    f"{place.name} ({place.kind}, {place.country})",
                )
            )
        return [_event_point(place, gaz)]
    country = gaz.country(focus) if focus else None
    if why is not None:
        why.append(
            Decision(
                "place",
                "inferred place (geo/locations.py inferred_location)",
                f"no town or district of the focus country named here or earlier: "
                f"the focus country {focus}, from the countries its names point to"
                if country
                else "no place named and no focus country: unplaced",
            )
        )
    return [gaz.to_location(country)] if country else []


def home_location(
    locations: list[Location],
    event_type: str,
    actors: Sequence[Actor],
    named_here: Sequence[Place],
    gaz: Gazetteer,
    why: list[Decision] | None = None,
    verb: bool = True,
) -> list[Location]:
    """A state's own act (a statement, a mobilisation, its authorities' arrests and bans:
    data/geo_rules.yaml home_acts) stays in its country. ``locations`` is where the event was put; when that place was
    inherited (no span, and not one of ``named_here``, the places its sentence names) and
    lies outside the one country of the event's state actors, the event is put at that
    country instead. ``verb``: the event's trigger is a verb. Otherwise ``locations`` is
    returned as it is."""
    sectors = geo_rules().home_acts.sectors_for(event_type, verb)
    if not sectors or not locations:
        return locations
    if not _inherited(locations, named_here):
        return locations
    state_actors = [a for a in actors if a.sector in sectors and a.country]
    states = {a.country for a in state_actors if a.country}
    if len(states) != 1:
        return locations
    code = states.pop()
    home = gaz.country(code)
    if home is None or all(loc.country == code for loc in locations):
        return locations
    if why is not None:
        who = ", ".join(a.name for a in state_actors)
        why.append(
            Decision(
                "place",
                "a state's own act (geo/locations.py home_location)",
                f"{event_type} by {who} (state actor of {code}) names no place of its own: put in "
                f"{code}, {_set_aside(locations)}",
                tuple(
                    Mention(a.text, a.start, a.end)
                    for a in state_actors
                    if a.start is not None and a.end is not None
                ),
            )
        )
    return [gaz.to_location(home)]


def addressee_countries(locations: list[Location], cand: Candidate) -> list[Location]:
    """``locations`` with a country that is only the one ``cand`` is addressed to ("Serbian
    officials accused Kosovo of ...") read as not named: a state's words about another
    state go home (home_location) rather than to the state addressed. The list itself when
    no such country was chosen."""
    spans = {(r.start, r.end) for r in cand.recipients if r.start is not None}
    if not locations or not all(loc.precision == 4 and (loc.start, loc.end) in spans for loc in locations):
        return locations
    return [dataclasses.replace(loc, start=None, end=None) for loc in locations]


def dateline_location(
    locations: list[Location],
    event_type: str,
    filed_at: Place | None,
    focus: str | None,
    named_here: Sequence[Place],
    gaz: Gazetteer,
    why: list[Decision] | None = None,
) -> list[Location]:
    """A statement or meeting reported from a dateline abroad happened there
    (data/geo_rules.yaml dateline_acts). ``filed_at`` is the dateline's place; when it
    lies outside the ``focus`` country and the event's place was inherited (no span, not
    one of ``named_here``) in another country, the event is put at the dateline's place.
    Otherwise ``locations`` is returned as it is."""
    if filed_at is None or filed_at.country == focus or not locations:
        return locations
    if event_type not in geo_rules().dateline_acts.types:
        return locations
    if not _inherited(locations, named_here):
        return locations
    if all(loc.country == filed_at.country for loc in locations):
        return locations
    if why is not None:
        why.append(
            Decision(
                "place",
                "the dateline abroad (geo/locations.py dateline_location)",
                f"{event_type} names no place of its own in a report filed from {filed_at.name} "
                f"({filed_at.country}), outside the report's country {focus}: put there, "
                f"{_set_aside(locations)}",
            )
        )
    return [_event_point(filed_at, gaz)]


def dateline_region_location(
    locations: list[Location],
    sentence: str,
    filed_at: Place | None,
    toponyms: list[Toponym],
    named_here: Sequence[Place],
    gaz: Gazetteer,
    why: list[Decision] | None = None,
) -> list[Location]:
    """An event whose ``sentence`` speaks of a bare compass region ("in the north") is in
    the country of the report's dateline (data/geo_rules.yaml dateline_regions): when its
    place was inherited (no span, not one of ``named_here``) from another country and
    the report names the dateline's country again (``toponyms``), it is put in that
    country. Otherwise ``locations`` is returned as it is."""
    if filed_at is None or not locations or _bare_region().search(sentence) is None:
        return locations
    if not _inherited(locations, named_here):
        return locations
    if all(loc.country == filed_at.country for loc in locations):
        return locations
    # the dateline itself is one of the names: the report must return to its country
    if sum(1 for t in toponyms if t.place is not None and t.place.country == filed_at.country) < 2:
        return locations
    home = gaz.country(filed_at.country)
    if home is None:
        return locations
    if why is not None:
        why.append(
            Decision(
                "place",
                "a region of the dateline's country (geo/locations.py dateline_region_location)",
                f"the sentence speaks of a region without naming its country, in a report filed "
                f"from {filed_at.name} ({filed_at.country}): put in {filed_at.country}, "
                f"{_set_aside(locations)}",
            )
        )
    return [gaz.to_location(home)]


@cache
def _bare_region() -> re.Pattern[str]:
    """'in the north' and the like, not followed by 'of' or a name ('the north of Gao')."""
    rules = geo_rules().dateline_regions
    words = "|".join(re.escape(w) for w in sorted(rules.words, key=len, reverse=True))
    preps = "|".join(re.escape(p) for p in rules.prepositions)
    # case matters only for the name check: a capital after the region starts a name
    return re.compile(rf"\b(?i:{preps})\s+(?i:the)\s+(?i:{words})\b(?![-\w])(?!\s+of\b)(?!\s+[A-Z])")


def scene_location(
    locations: list[Location],
    event_type: str,
    toponyms: list[Toponym],
    before: tuple[int, int] | None,
    text: str,
    named_here: Sequence[Place],
    gaz: Gazetteer,
    why: list[Decision] | None = None,
) -> list[Location]:
    """A meeting (data/geo_rules.yaml scene_acts) whose place was inherited (no span, not
    one of ``named_here``) is at the last place the sentence right ``before`` it (its
    character span, in the same paragraph; None when there is none) put after a locative
    preposition, when that place lies in another country. Otherwise ``locations`` is
    returned as it is."""
    if before is None or not locations or event_type not in geo_rules().scene_acts.types:
        return locations
    if not _inherited(locations, named_here):
        return locations
    start, end = before
    scene = [
        t.place
        for t in toponyms
        if start <= t.start
        and t.end <= end
        and t.place is not None
        and t.place.kind != "country"
        and t.kind not in ("demonym", "in_org")
        and governing_preposition(text, t, max(start, t.start - 80)) in STRONG_PREPS
    ]
    if not scene or all(loc.country == scene[-1].country for loc in locations):
        return locations
    place = scene[-1]
    if why is not None:
        inherited = _listed(locations)
        why.append(
            Decision(
                "place",
                "the scene the sentence before set (geo/locations.py scene_location)",
                f"{event_type} names no place of its own right after a sentence set at "
                f"{place.name} ({place.country}): put there, not at {inherited}",
            )
        )
    return [_event_point(place, gaz)]


def outcome_location(
    locations: list[Location],
    event_type: str,
    day: str | None,
    meetings: Sequence[tuple[str, list[Location]]],
    named_here: Sequence[Place],
    why: list[Decision] | None = None,
) -> list[Location]:
    """An agreement, refusal or concession (data/geo_rules.yaml scene_acts.outcome_types)
    whose place was inherited (no span, not one of ``named_here``) and whose own sentence
    dates it to ``day`` is at the place of the last meeting told before it that its own
    sentence dates to the same day (``meetings``: each such day and where the meeting was
    put), when that lies in another country. Otherwise ``locations`` is returned as it is."""
    if day is None or not locations or event_type not in geo_rules().scene_acts.outcome_types:
        return locations
    if not _inherited(locations, named_here):
        return locations
    held = [where for when, where in meetings if when == day and where]
    if not held:
        return locations
    there = held[-1]
    if all(loc.country in {m.country for m in there} for loc in locations):
        return locations
    if why is not None:
        why.append(
            Decision(
                "place",
                "the meeting of the same day (geo/locations.py outcome_location)",
                f"{event_type} names no place of its own and is dated {day}, the day of a meeting "
                f"told before it at {_listed(there)}: put there, not at {_listed(locations)}",
            )
        )
    # the meeting's place, without the words of the meeting's sentence that named it
    return [dataclasses.replace(m, text=None, start=None, end=None) for m in there]


def _inherited(locations: list[Location], named_here: Sequence[Place]) -> bool:
    """The event's place came from elsewhere in the text: no span in its sentence, and
    none of the places its sentence names."""
    return all(loc.start is None and not _named(loc, named_here) for loc in locations)


def _listed(locations: list[Location]) -> str:
    """'Raska (RS), Zvecan (XK)': the places an explain entry says were set aside."""
    return ", ".join(f"{loc.name} ({loc.country})" for loc in locations)


def _set_aside(locations: list[Location]) -> str:
    """How an explain entry ends when a rule replaces the place an event would inherit."""
    return f"not at {_listed(locations)}, which it would inherit from the rest of the text"


def _named(loc: Location, places: Sequence[Place]) -> bool:
    """Whether ``loc`` is one of the towns or districts a sentence names (in another role);
    a country is only ever inherited from the document's focus."""
    return any(
        p.kind != "country"
        and (
            (loc.geonameid is not None and loc.geonameid == p.geonameid)
            or (loc.country == p.country and loc.name is not None and fold(loc.name) == fold(p.name))
        )
        for p in places
    )


def _earlier_places(
    toponyms: list[Toponym], sentence_start: int, focus: str | None, text: str
) -> list[Place]:
    """The last place an earlier sentence named after a locative preposition, else the
    first place the text names ('in the market of Ostra town'). A village the gazetteer
    lacks ('in Lisk (Pellan LGA, Dunmar)') stands for its qualifiers."""
    earlier = []
    for i, t in enumerate(toponyms):
        if t.end > sentence_start or t.kind in ("demonym", "in_org"):
            continue
        place = t.place if t.place is not None else _host(toponyms, i, text)
        if place is not None and place.kind != "country" and (focus is None or place.country == focus):
            strong = governing_preposition(text, t, max(0, t.start - 80)) in STRONG_PREPS
            earlier.append((strong, place))
    located = [p for strong, p in earlier if strong]
    return located[-1:] or [p for _, p in earlier[:1]]


def _host(toponyms: list[Toponym], i: int, text: str) -> Place | None:
    """The known place qualifying local name ``i`` ('Lisk (Pellan, Dunmar)' -> Pellan)."""
    return next((q.place for q in qualifiers(toponyms, i, text) if q.place is not None), None)


def to_location(
    t: Toponym,
    in_sentence: list[Toponym],
    focus: str | None,
    gaz: Gazetteer,
    text: str | None = None,
    toponyms: list[Toponym] | None = None,
    sentence_start: int | None = None,
) -> Location | None:
    if t.place is not None:
        if text is not None and text[t.end : t.end + 13].lstrip().lower().startswith("countryside"):
            # 'Tarsk countryside' is the province outside its seat
            return gaz.to_location(t.place, t.text, t.start, t.end)
        return _event_point(t.place, gaz, t.text, t.start, t.end)
    # a local name (a mosque, a neighbourhood, a village the gazetteer lacks) takes the
    # point of the place qualifying it ('Lisk (Pellan, Dunmar)'), else of the
    # nearest known place in the sentence, named as that place
    host = None
    # the qualifiers may fall past a sentence break the parser put inside the brackets
    # ('Lisk [Lysk] (Pellan, Dunmar)')
    names = toponyms if toponyms is not None and t in toponyms else in_sentence
    if text is not None and t in names:
        host = _host(names, names.index(t), text)
    if host is None:
        known = [o for o in in_sentence if o.place is not None and o.place.kind != "country"]
        # the smallest known place, then the nearest: 'in Estrand, Halvar state, … near X'
        host = min(known, key=lambda o: (o.place.precision, abs(o.start - t.start))).place if known else None
    if host is None and text is not None and toponyms is not None and sentence_start is not None:
        # 'in Tarsk, Halvar. ... found in Colonia Lisk': the town an earlier sentence set
        # the report in holds the quarter
        earlier = _earlier_places(toponyms, sentence_start, focus, text)
        host = earlier[0] if earlier else None
    if host is not None and host.kind in ("admin1", "admin2"):
        host = _seat(host, gaz)
    if host is None:
        country = gaz.country(focus) if focus else None
        if country is None:  # still the best answer there is: the name, without coordinates
            return Location(
                text=t.text,
                name=t.text,
                lat=None,
                lon=None,
                country=None,
                precision=1,
                start=t.start,
                end=t.end,
            )
        return gaz.to_location(country, t.text, t.start, t.end)  # the country, named as such
    return gaz.to_location(host, t.text, t.start, t.end)


def _event_point(
    place: Place, gaz: Gazetteer, text: str | None = None, start: int | None = None, end: int | None = None
) -> Location:
    """An event placed in a province is put at the province's namesake seat town when it
    has one (as ACLED codes such events), keeping the province's name and precision."""
    loc = gaz.to_location(place, text, start, end)
    if place.kind != "admin1":
        return loc
    seat = _seat(place, gaz)
    if seat is place:
        return loc
    return dataclasses.replace(loc, lat=round(seat.lat, 5), lon=round(seat.lon, 5))


def _seat(unit: Place, gaz: Gazetteer) -> Place:
    """A village somewhere in 'Halvar' or 'Varn' is more likely near the province's
    namesake seat town than at the province's mean point."""
    bare = fold(unit.name)
    for p in gaz.lookup(unit.name):
        if (
            p.kind == "city"
            and p.country == unit.country
            and fold(p.admin1 or "") == fold(unit.admin1 or "")
            and fold(p.name) in bare
        ):
            return p
    return unit


def focus_location(focus_country: str | None, gaz: Gazetteer | None = None) -> Location | None:
    gaz = gaz or load_gazetteer()
    place = gaz.country(focus_country) if focus_country else None
    return gaz.to_location(place) if place else None
