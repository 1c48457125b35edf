"""The mutable work item that carries one document through the pipeline stages.

Stages read and fill these in place and return the item (Scrapy style); the last
stage turns each Candidate into a frozen Event. Nothing here leaves the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from .models import Actor, Document, Event, Location, Mention


@dataclass
class Toponym:
    """A place name found in the text, with its resolved place (None until resolved)."""

    start: int
    end: int
    text: str
    candidates: tuple[Any, ...] = ()
    place: Any = None  # geo.Place once resolved
    kind: str = "place"  # place | country | demonym | region
    score: float = 0.0


@dataclass
class Candidate:
    """An event in the making, anchored on a trigger word inside one sentence."""

    type: str
    mode: str | None
    trigger: Mention
    sentence: Mention
    token_i: int | None = None  # index of the trigger token in the spaCy doc
    lexicon_key: str | None = None  # which lexicon entry fired, for debugging
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    past_days: int | None = None
    locations: list[Location] = field(default_factory=list)
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    size: int | None = None
    # counts taken from a later sentence, with that sentence as their evidence
    count_evidence: dict[str, Mention] = field(default_factory=dict)
    # where in the document text each count's number starts: one figure, one event
    count_at: dict[str, int] = field(default_factory=dict)
    confidence: float = 0.5
    dropped: str | None = None  # reason, when a stage rules it out (negated, hypothetical …)
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    # the trained classifier's probabilities for the sentence, per head ("plover",
    # "acled"): class -> probability; None when no classifier ran
    class_probs: dict[str, dict[str, float]] | None = None
    # what decided each field (trace.Decision), a list only when the document is coded
    # with explain on
    trace: list[Any] | None = None


@dataclass
class Work:
    document: Document
    doc: Any = None  # spaCy Doc
    pub_date: Date | None = None
    toponyms: list[Toponym] = field(default_factory=list)
    focus_country: str | None = None
    # with explain on, how the geocoder found and read each place name (trace.Decision);
    # the locate stage hands each event the steps about the names of its sentence
    name_trace: list[Any] | None = None
    candidates: list[Candidate] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # the rules' habits on the classifier's training corpus (classify.rule_confusion),
    # set by the classify stage for the ontology stage's ACLED choice
    rule_confusion: Any = None
    # the document's budget.DocumentBudget while it is being coded
    budget: Any = None
    # record what decided each field (flashpoint.trace); stages check it once per document
    explain: bool = False

    @property
    def text(self) -> str:
        return self.document.text
