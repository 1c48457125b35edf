"""The stage contract: registered by name, documented with Reads/Writes, and a stage
that rejects a document raises, so the run counts it instead of losing it."""

from __future__ import annotations

import pytest

from flashpoint.errors import FlashpointError, RecordRejected, UsageError
from flashpoint.models import Document
from flashpoint.pipeline import DEFAULT_STAGES, ParseStage, Pipeline
from flashpoint.registry import get_stage, register_stage
from flashpoint.report import RunReport


def test_every_default_stage_is_registered_and_documented(pipeline):
    for name in DEFAULT_STAGES:
        cls = get_stage(name)
        doc = (cls.__doc__ or "").strip().splitlines()
        assert doc and doc[0].startswith("Reads:"), f"{name} docstring must start with Reads:"
        assert any(line.strip().startswith("Writes:") for line in doc), f"{name} lacks Writes:"


def test_unknown_stage_name_is_a_usage_error():
    with pytest.raises(UsageError, match="no pipeline stage named"):
        Pipeline(stages=("parse", "telepathy"))


def test_empty_text_is_rejected_not_dropped(pipeline):
    import flashpoint

    with pytest.raises(RecordRejected, match="empty text"):
        flashpoint.extract("   \n ")
    report = RunReport()
    docs = [Document(id="a", text=""), Document(id="b", text="Police arrested 3 men in Gao on Monday.")]
    out = list(pipeline.run(docs, report))
    assert [d.id for d, _ in out] == ["b"]
    assert (report.coded, report.skipped) == (1, 1)
    assert "empty text" in str(report.errors[0])


@register_stage("test_refuser")
class RefuseLongDocuments:
    """Reads: work.text.
    Writes: nothing; raises RecordRejected for texts over 40 characters.
    """

    def __call__(self, work):
        if len(work.text) > 40:
            raise RecordRejected("too long for this test", work.document.id)
        return work


def test_a_stage_rejection_is_counted_and_the_rest_go_through():
    pl = Pipeline(stages=("parse", "test_refuser"))
    report = RunReport()
    docs = [
        Document(id="short", text="Protest in Zvecan."),
        Document(id="long", text="Protesters gathered in Zvecan on Monday morning again."),
    ]
    out = list(pl.run(docs, report))
    assert [d.id for d, _ in out] == ["short"]
    assert report.skipped == 1 and isinstance(report.errors[0], FlashpointError)


def test_one_event_per_place(code):
    events = code("Kosovo Serbs protested in Zvecan, Zubin Potok and Leposavic on Monday.")
    protests = [e for e in events if e.type == "PROTEST"]
    assert len({e.location.name for e in protests}) == 3
    assert len({e.event_id for e in protests}) == 3


def test_same_type_triggers_in_one_sentence_merge(code):
    events = code("Police arrested five men and detained three women in Zvecan on Monday.")
    assert [e.type for e in events] == ["COERCE"]


def test_a_verbal_event_addressed_to_two_capitals_is_one_event(code):
    events = code(
        "KFOR on Monday appealed to the authorities in Belgrade and Pristina to calm the situation in Kosovo."
    )
    requests = [e for e in events if e.type == "REQUEST"]
    assert len(requests) == 1
    assert requests[0].location.country == "XK"


def test_the_parse_stage_parses_with_the_pipeline_it_was_built_with():
    import spacy

    text = "Protesters gathered in Zvecan. Police watched."
    work = Pipeline(stages=()).prepare(Document(id="d", text=text))
    tokens_only = spacy.blank("en")
    tokens_only.add_pipe("sentencizer")
    parsed = ParseStage(nlp=tokens_only)(work).doc
    assert [s.text for s in parsed.sents] == ["Protesters gathered in Zvecan.", "Police watched."]
    assert not parsed.has_annotation("DEP")
    assert ParseStage()(Pipeline(stages=()).prepare(Document(id="d", text=text))).doc.has_annotation("DEP")
