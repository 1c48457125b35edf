"""The stage order, in code. A document becomes a Work item, flows through the
stages (each returns it), and leaves as frozen Events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date as Date
from typing import TYPE_CHECKING, Any

from .budget import DocumentBudget, limits
from .errors import FlashpointError, RecordRejected
from .io.date_header import read_date_header
from .models import Document, Event
from .nlp.chunks import parse_in_pieces
from .nlp.setup import load_nlp
from .registry import get_stage, register_stage
from .report import Progress, RunReport
from .work import Work

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_STAGES: tuple[str, ...] = (
    "parse",  # spaCy: tokens, sentences, parse, entities
    "toponyms",  # place names found and resolved; the document's country focus
    "triggers",  # event words from the trigger lexicon
    "classify",  # the trained classifier: each sentence's event class and confidence
    "actors",  # who did it, to whom
    "dates",  # when, relative dates resolved against publication
    "modality",  # drop negated, hypothetical, planned and long-past events
    "quantities",  # killed, injured, arrested, crowd size
    "locate",  # where this event happened, one place or several
    "ontology",  # PLOVER mode from actors; ACLED type
    "build",  # frozen Events with evidence
)
MAX_CHARS = 5_000_000


def header_date(text: str) -> Date | None:
    """The publication date a record without a date field gives in its text's header."""
    header = read_date_header(text)
    return header.day if header else None


@register_stage("parse")
class ParseStage:
    """Reads: work.document.text.
    Writes: work.doc, the spaCy parse with sentences, dependencies and entities (a long
    text parsed in pieces, the budget checked after each). ``nlp`` is the spaCy
    pipeline, the shipped English one (nlp.setup) by default; a text longer than
    ``chunk_chars`` (data/budget.yaml's parse.chunk_chars by default) is long.
    """

    def __init__(self, nlp: Language | None = None, chunk_chars: int | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        self.chunk_chars = chunk_chars if chunk_chars is not None else limits().parse_chunk_chars

    def is_long(self, text: str) -> bool:
        """Whether ``text`` is parsed in pieces (nlp/chunks.py)."""
        return len(text) > self.chunk_chars

    def __call__(self, work: Work) -> Work:
        if work.doc is None:
            if self.is_long(work.text):
                check = work.budget.check if work.budget is not None else None
                work.doc = parse_in_pieces(self.nlp, work.text, self.chunk_chars, check)
            else:
                work.doc = self.nlp(work.text)
        return work


def _register_geo_stages() -> None:
    from .geo.stage import LocateStage, ToponymStage

    register_stage("toponyms")(ToponymStage)
    register_stage("locate")(LocateStage)


def _import_stage_modules() -> None:
    # importing registers the stages by name
    from .extraction import actors, assemble, attributes, event_class, modality, triggers  # noqa: F401

    _register_geo_stages()


RULES_ONLY: tuple[str, ...] = tuple(s for s in DEFAULT_STAGES if s != "classify")


class Pipeline:
    """Runs documents through the named stages. ``Pipeline().extract(doc)`` for one;
    ``run(docs, report)`` for many, batching the spaCy parse. ``config`` gives a stage
    its settings by name, as spaCy's config does: ``{"classify": {"model": "mine"}}``."""

    def __init__(
        self, stages: Sequence[str] = DEFAULT_STAGES, config: dict[str, dict[str, Any]] | None = None
    ):
        _import_stage_modules()
        self.stage_names = tuple(stages)
        self.config = {
            name: dict(settings) for name, settings in (config or {}).items() if name in self.stage_names
        }
        self.stages = [get_stage(name)(**self.config.get(name, {})) for name in self.stage_names]

    def prepare(self, document: Document, explain: bool = False) -> Work:
        """The work item of ``document``; with ``explain`` its events will carry the
        trace of what decided each field (flashpoint.trace)."""
        text = document.text
        if not text or not text.strip():
            raise RecordRejected("empty text", document.id, document.origin, document.line)
        if "\x00" in text:
            raise RecordRejected(
                "binary content (NUL characters), not text", document.id, document.origin, document.line
            )
        if len(text) > MAX_CHARS:
            raise RecordRejected(
                f"document has {len(text):,} characters, more than the {MAX_CHARS:,} limit",
                document.id,
                document.origin,
                document.line,
            )
        return Work(document=document, pub_date=document.date or header_date(text), explain=explain)

    def _finish(self, work: Work) -> list[Event]:
        doc = work.document
        budget = work.budget = DocumentBudget(len(work.text), doc.id, doc.origin, doc.line)
        for name, stage in zip(self.stage_names, self.stages):
            work = stage(work)
            budget.check(f"the {name} stage")
        return work.events

    def extract(self, document: Document, explain: bool = False) -> list[Event]:
        return self._finish(self.prepare(document, explain))

    def _prepared(
        self, documents: Iterable[Document], report: RunReport, explain: bool = False
    ) -> Iterator[Work]:
        for document in documents:
            try:
                yield self.prepare(document, explain)
            except RecordRejected as exc:
                report.skip(exc)

    def _finish_counted(
        self, work: Work, report: RunReport, progress: Progress | None
    ) -> Iterator[tuple[Document, list[Event]]]:
        try:
            events = self._finish(work)
        except FlashpointError as exc:
            report.skip(
                exc
                if isinstance(exc, RecordRejected)
                else RecordRejected(str(exc), work.document.id, work.document.origin, work.document.line)
            )
            return
        report.coded += 1
        report.events += len(events)
        report.words += len(work.text.split())
        if progress:
            progress.tick()
        yield work.document, events

    def run(
        self,
        documents: Iterable[Document],
        report: RunReport,
        batch_size: int = 16,
        progress: Progress | None = None,
        n_process: int = 1,
        explain: bool = False,
    ) -> Iterator[tuple[Document, list[Event]]]:
        """Yield (document, events) for every document that codes; count and keep the
        error of every one that does not. Documents stream through spaCy in batches;
        with ``n_process`` > 1, whole chunks are coded in that many worker processes.
        ``explain`` gives every event its trace (flashpoint.trace)."""
        if n_process > 1:
            from .workers import code_in_processes

            yield from code_in_processes(self, documents, report, n_process, batch_size, progress, explain)
            return
        works = self._prepared(documents, report, explain)
        parse = next((s for s in self.stages if isinstance(s, ParseStage)), None)
        if parse is None:
            for work in works:
                yield from self._finish_counted(work, report, progress)
            return
        # a long text goes through as an empty one and is parsed in pieces by the parse
        # stage: a batch holding it whole would peak at gigabytes (nlp/chunks.py)
        pairs = (("" if parse.is_long(w.text) else w.text, w) for w in works)
        for doc, work in parse.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            work.doc = None if parse.is_long(work.text) else doc
            yield from self._finish_counted(work, report, progress)
