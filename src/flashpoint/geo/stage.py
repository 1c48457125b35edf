"""The two pipeline stages of the geocoder."""

from __future__ import annotations

from ..trace import Decision
from ..work import Work
from .dateline import dateline_place
from .gazetteer import load_gazetteer
from .locations import dateline_location, home_location
from .reasons import name_steps
from .resolve import locate_event, resolve_toponyms
from .toponyms import find_toponyms


class ToponymStage:
    """Reads: work.document.text, work.doc (spaCy Doc, may be None).
    Writes: work.toponyms (resolved), work.focus_country, and with explain on
    work.name_trace (the steps that found and read each name).
    """

    def __init__(self) -> None:
        self.gazetteer = load_gazetteer()  # pay the index load once, at pipeline start
        self.gazetteer.warm()

    def __call__(self, work: Work) -> Work:
        text = work.document.text
        why: list[Decision] | None = [] if work.explain else None
        work.toponyms = find_toponyms(text, work.doc, why)
        work.focus_country = resolve_toponyms(work.toponyms, text, why)
        work.name_trace = why
        return work


class LocateStage:
    """Reads: work.candidates (.sentence, .trigger, .type, .actors), work.toponyms,
    work.focus_country, work.doc, work.name_trace.
    Writes: candidate.locations (empty only when the text names no place at all; a
    state's own act that would inherit a place abroad stays in its country), and with
    explain on candidate.trace: how the names of its sentence were read, then which was chosen.
    A statement or meeting reported from a dateline abroad is put at the dateline's place,
    unless a state's own act goes home.
    """

    def __init__(self) -> None:
        self.gazetteer = load_gazetteer()

    def __call__(self, work: Work) -> Work:
        text = work.document.text
        filed_at = dateline_place(text, work.toponyms)
        for cand in work.candidates:
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
            verb = work.doc is None or cand.token_i is None or work.doc[cand.token_i].pos_ in ("VERB", "AUX")
            cand.locations = home_location(
                filed, cand.type, cand.actors, named, self.gazetteer, cand.trace, verb=verb
            )
        return work
