"""The two pipeline stages of the geocoder."""

from __future__ import annotations

from typing import Any

from ..models import Actor, Location
from ..trace import Decision
from ..work import Candidate, Work
from .dateline import dateline_place
from .gazetteer import Gazetteer, load_gazetteer
from .locations import (
    addressee_countries,
    dateline_location,
    dateline_region_location,
    home_location,
    outcome_location,
    scene_location,
)
from .place import Place
from .reasons import name_steps
from .resolve import locate_event, resolve_toponyms
from .rules import geo_rules
from .toponyms import find_toponyms


class ToponymStage:
    """Reads: work.document.text, work.doc (spaCy Doc, may be None).
    Writes: work.toponyms (resolved), work.focus_country, and with explain on
    work.name_trace (the steps that found and read each name).
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        # the shipped gazetteer unless one is given; its index is paid for once, here
        self.gazetteer = gazetteer or load_gazetteer()
        self.gazetteer.warm()

    def __call__(self, work: Work) -> Work:
        text = work.document.text
        why: list[Decision] | None = [] if work.explain else None
        work.toponyms = find_toponyms(text, work.doc, why, self.gazetteer)
        work.focus_country = resolve_toponyms(work.toponyms, text, why, self.gazetteer)
        work.name_trace = why
        return work


class LocateStage:
    """Reads: work.candidates (.sentence, .trigger, .type, .actors), work.toponyms,
    work.focus_country, work.doc, work.name_trace.
    Writes: candidate.locations (empty only when the text names no place at all; a
    state's own act that would inherit a place abroad stays in its country), and with
    explain on candidate.trace: how the names of its sentence were read, then which was chosen.
    A statement or meeting reported from a dateline abroad is put at the dateline's place,
    unless a state's own act goes home (a dateline in no actor's country is a visit: there
    even a state's words stay at the dateline); an act whose own actor was not found and that
    describes another event's object takes that event's actors for that ("Kosovo had
    arrested a Serb leader accused of ...": Kosovo accuses). A meeting with no place of its
    own is where the sentence right before it set the scene, and what its parties agree or
    refuse on its day is there too; an event in "the north" of a wire report is in its
    dateline's country.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()

    def __call__(self, work: Work) -> Work:
        text = work.document.text
        filed_at = dateline_place(text, work.toponyms)
        visit = is_visit(work, filed_at)
        # the day and place of each meeting told so far, its day written in its sentence
        meetings: list[tuple[str, list[Location]]] = []
        for cand in sorted(work.candidates, key=lambda c: c.trigger.start):
            if cand.trace is not None and work.name_trace:
                cand.trace.extend(name_steps(work.name_trace, cand.sentence.start, cand.sentence.end))
            located = locate_event(
                cand.sentence.start,
                cand.sentence.end,
                cand.trigger.start,
                work.toponyms,
                work.focus_country,
                self.gazetteer,
                text=text,
                doc=work.doc,
                why=cand.trace,
            )
            named = [
                t.place
                for t in work.toponyms
                if t.place is not None and cand.sentence.start <= t.start < cand.sentence.end
            ]
            filed = dateline_location(
                located, cand.type, filed_at, work.focus_country, named, self.gazetteer, cand.trace
            )
            if visit and filed is not located:
                cand.locations = filed
                _record_meeting(meetings, cand)
                continue
            filed = surroundings_location(filed, cand, work, filed_at, named, self.gazetteer, meetings)
            verb = work.doc is None or cand.token_i is None or work.doc[cand.token_i].pos_ in ("VERB", "AUX")
            actors = cand.actors or governing_actors(work.doc, work.candidates, cand)
            addressed = addressee_countries(filed, cand)
            home = home_location(addressed, cand.type, actors, named, self.gazetteer, cand.trace, verb=verb)
            if home is addressed:
                home = filed
            elif addressed is not filed and cand.trace is not None:
                cand.trace.insert(
                    len(cand.trace) - 1,
                    Decision(
                        "place",
                        "the state addressed (geo/locations.py addressee_countries)",
                        f"{filed[0].name} is the state this {cand.type} is addressed to, not where it was said",
                    ),
                )
            cand.locations = home
            _record_meeting(meetings, cand)
        return work


def written_day(cand: Candidate) -> str | None:
    """The day ``cand``'s own sentence dates it to; None when it names no day (a date
    taken from the publication day says nothing about which events go together)."""
    return cand.date if cand.date_text and cand.date_precision == "day" else None


def is_visit(work: Work, filed_at: Place | None) -> bool:
    """A dateline in no actor's country: the reporter travelled to a summit or a visit,
    where even a state's own words were heard (not a bureau covering its country). The
    text's owners and demonyms ("Kosovo police", "Moldova's government", "Serbian
    officials") count as actors too: the events' own actors depend on which events the
    classifier kept."""
    if filed_at is None:
        return False
    owners = {
        t.place.country for t in work.toponyms if t.kind in ("in_org", "demonym") and t.place is not None
    }
    return filed_at.country not in owners and all(
        a.country != filed_at.country for c in work.candidates for a in c.actors
    )


def _record_meeting(meetings: list[tuple[str, list[Location]]], cand: Candidate) -> None:
    day = written_day(cand)
    if day is not None and cand.locations and not cand.dropped and cand.type in geo_rules().scene_acts.types:
        meetings.append((day, cand.locations))


def governing_actors(doc: Any, candidates: list[Candidate], cand: Candidate) -> list[Actor]:
    """The actors of the event whose object ``cand``'s trigger describes ("arrested a Serb
    leader accused of ...": the accuser is the one who arrested), when the parse found no
    actor of its own: the path up the parse from its trigger to the other event's trigger
    runs only through modifiers of the object (data/geo_rules.yaml home_acts.object_path)."""
    if doc is None or cand.token_i is None:
        return []
    allowed = set(geo_rules().home_acts.object_path)
    heads: list[int] = []
    tok = doc[cand.token_i]
    while tok.dep_ in allowed and tok.head.i != tok.i:
        tok = tok.head
        heads.append(tok.i)
    for other in candidates:
        if other is not cand and other.actors and other.token_i in heads:
            return other.actors
    return []


def surroundings_location(
    filed: list[Location],
    cand: Candidate,
    work: Work,
    filed_at: Place | None,
    named: list[Place],
    gaz: Gazetteer,
    meetings: list[tuple[str, list[Location]]],
) -> list[Location]:
    """``filed`` (the place ``cand`` got so far) read against its surroundings: a meeting
    is where the sentence before set the scene, what the parties agree or refuse on the day
    of a meeting told before (``meetings``: day and place) is at that meeting, an event in
    "the north" is in the country of the dateline ``filed_at``; ``named``: the places its
    own sentence names."""
    text = work.document.text
    before = sentence_before(work.doc, text, cand.sentence.start)
    filed = scene_location(filed, cand.type, work.toponyms, before, text, named, gaz, cand.trace)
    filed = outcome_location(filed, cand.type, written_day(cand), meetings, named, cand.trace)
    sentence = text[cand.sentence.start : cand.sentence.end]
    return dateline_region_location(filed, sentence, filed_at, work.toponyms, named, gaz, cand.trace)


def sentence_before(doc: Any, text: str, start: int) -> tuple[int, int] | None:
    """The character span of the sentence right before the one starting at ``start``, in
    the same paragraph; None without a parse or such a sentence."""
    if doc is None:
        return None
    spans = [(s.start_char, s.end_char) for s in doc.sents if s.end_char <= start]
    if not spans or "\n\n" in text[spans[-1][0] : start]:
        return None
    return spans[-1]
