"""Bounded cost per document (issue 20 point 1): over-long sentences are cut before
parsing, long texts are parsed in pieces with the same offsets, actor, place and evidence
spans stay short, and a document over its time or memory budget is skipped with a
one-line reason, counted and stored, while the others are coded."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.budget import DocumentBudget, Limits, limits
from flashpoint.errors import (
    BudgetExceeded,
    FlashpointError,
    RecordRejected,
    rejection_fields,
    rejection_from_fields,
)
from flashpoint.extraction.assemble import bounded_evidence
from flashpoint.models import Document, Mention
from flashpoint.nlp.chunks import parse_in_pieces, pieces
from flashpoint.pipeline import Pipeline
from flashpoint.report import RunReport

# Words of invented news copy, strung together without any sentence punctuation.
WORDS = (
    "police",
    "arrested",
    "protesters",
    "in",
    "Velmora",
    "and",
    "Tarsk",
    "soldiers",
    "fired",
    "on",
    "the",
    "crowd",
    "killing",
    "12",
    "people",
    "near",
    "Ostra",
    "district",
    "mayor",
    "Anna",
    "Berg",
    "said",
    "militants",
    "attacked",
    "a",
    "convoy",
    "on",
    "Monday",
    "with",
    "Kosovo",
    "Serbia",
    "KFOR",
    "troops",
    "clashed",
    "injured",
    "30",
)


def test_budget_data_file_is_complete_and_positive():
    bounds = limits()
    assert all(value > 0 for value in vars(bounds).values())
    assert bounds.sentence_max_tokens >= 8


def test_an_unpunctuated_line_is_cut_into_bounded_sentences():
    from flashpoint.nlp.setup import load_nlp

    text = " ".join(WORDS[(i * 5) % len(WORDS)].lower() for i in range(2000))
    doc = load_nlp()(text)
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= limits().sentence_max_tokens
    assert sum(lengths) == len(doc)


def test_a_cut_prefers_a_comma_near_the_end_of_the_window():
    from flashpoint.nlp.setup import load_nlp

    cap = limits().sentence_max_tokens
    words = [w.lower() for w in WORDS] * 20
    words[cap - 5] += ","  # a comma in the window's last quarter
    doc = load_nlp()(" ".join(words))
    first = next(iter(doc.sents))
    assert first[-1].text == "," and len(first) == cap - 3


def test_pieces_rejoin_to_the_text_and_respect_the_size():
    text = ("Protesters gathered in Velmora.\n" * 40) + "x" * 300 + " tail words " * 30
    parts = list(pieces(text, 200))
    assert "".join(parts) == text
    assert all(len(p) <= 200 for p in parts)
    assert all(p.endswith(("\n", " ")) for p in parts[:5])


def test_parse_in_pieces_keeps_every_offset(pipeline):
    from flashpoint.nlp.setup import load_nlp

    nlp = load_nlp()
    text = "Police arrested 12 protesters in Velmora on Monday.\n" * 30
    whole, joined = nlp(text), parse_in_pieces(nlp, text, limits().parse_chunk_chars)
    assert joined.text == text
    assert [(t.idx, t.text) for t in joined] == [(t.idx, t.text) for t in whole]
    assert len(list(joined.sents)) == len(list(whole.sents))


def test_a_long_document_is_coded_as_a_short_one_would_be(pipeline):
    text = "Police arrested 12 protesters in Pristina on Monday.\n" * 4
    short = [e.to_dict() for e in pipeline.extract(Document(id="d", text=text))]
    # a parse stage for which this text is long: parsed in pieces of 60 characters
    pieces_of_60 = Pipeline(config={"parse": {"chunk_chars": 60}})
    assert pieces_of_60.stages[0].is_long(text) and not pipeline.stages[0].is_long(text)
    report = RunReport()
    out = list(pieces_of_60.run([Document(id="d", text=text)], report))
    assert report.coded == 1
    assert [e.to_dict() for e in out[0][1]] == short


def test_evidence_is_cut_around_its_trigger():
    text = "word " * 1000
    sentence = Mention(text, 0, len(text))
    trigger = Mention("word", 2500, 2504)
    cut = bounded_evidence(sentence, trigger, 100)
    assert len(cut.text) == 100 and cut.start <= 2500 < cut.end
    assert text[cut.start : cut.end] == cut.text
    end = bounded_evidence(sentence, Mention("word", 4990, 4994), 100)
    assert end.end == len(text)
    short = Mention("Police fired.", 10, 23)
    assert bounded_evidence(short, short, 100) is short


def over_at_once(monkeypatch) -> None:
    """Every document overruns: its time budget is spent as soon as it is checked."""
    tiny = Limits(**{**vars(limits()), "seconds_base": 1e-9, "seconds_per_kb": 1e-9})
    monkeypatch.setattr(
        "flashpoint.pipeline.DocumentBudget", lambda chars, *where: DocumentBudget(chars, *where, bounds=tiny)
    )


def test_a_document_over_budget_is_skipped_with_a_reason_and_counted(pipeline, monkeypatch):
    over_at_once(monkeypatch)
    report = RunReport()
    docs = [Document(id="slow", text="Police fired on the crowd in Velmora.", origin="feed.jsonl", line=3)]
    assert list(pipeline.run(docs, report)) == []
    assert (report.skipped, report.over_budget) == (1, 1)
    err = report.errors[0]
    assert isinstance(err, BudgetExceeded) and err.doc_id == "slow"
    message = str(err)
    assert message.startswith("feed.jsonl:3: skipped: over the time budget after the parse stage")
    assert "\n" not in message
    assert "(1 over budget)" in report.summary()


def test_the_others_are_still_coded(pipeline, monkeypatch):
    real = DocumentBudget

    def budget(chars, doc_id=None, *where):
        bounds = (
            Limits(**{**vars(limits()), "seconds_base": 1e-9, "seconds_per_kb": 1e-9})
            if doc_id == "slow"
            else None
        )
        return real(chars, doc_id, *where, bounds=bounds)

    monkeypatch.setattr("flashpoint.pipeline.DocumentBudget", budget)
    report = RunReport()
    docs = [
        Document(id="a", text="Police arrested 3 men in Pristina on Monday."),
        Document(id="slow", text="Soldiers fired on protesters in Zvecan."),
        Document(id="b", text="Rioters attacked a police station in Mitrovica."),
    ]
    out = list(pipeline.run(docs, report))
    assert [d.id for d, _ in out] == ["a", "b"]
    assert all(events for _, events in out)
    assert (report.coded, report.skipped, report.over_budget) == (2, 1, 1)


def test_memory_over_budget_is_named():
    budget = DocumentBudget(1000, "big", bounds=Limits(**{**vars(limits()), "memory_mb": 1e-6}))
    budget.memory_at_start = 0.0  # as if the process had started empty
    with pytest.raises(BudgetExceeded, match="over the memory budget after parsing"):
        budget.check("parsing")


def test_a_rejection_crossing_a_process_keeps_its_kind():
    over = rejection_from_fields(rejection_fields(BudgetExceeded("slow", "d", "f.jsonl", 2)))
    plain = rejection_from_fields(rejection_fields(RecordRejected("empty text", "e")))
    assert isinstance(over, BudgetExceeded) and str(over) == "f.jsonl:2: slow"
    assert not isinstance(plain, BudgetExceeded) and plain.doc_id == "e"


def test_ingest_stores_the_skipped_document_and_its_reason(pipeline, monkeypatch, tmp_path: Path):
    from flashpoint.facade import ingest
    from flashpoint.store import EventStore

    over_at_once(monkeypatch)
    src = tmp_path / "feed.jsonl"
    src.write_text('{"id": "slow", "text": "Soldiers fired on protesters in Zvecan."}\n', encoding="utf-8")
    db = str(tmp_path / "e.duckdb")
    _, report = ingest([str(src)], db)
    assert report.over_budget == 1
    with EventStore(db) as store:
        rows = store.skipped_documents()
        assert [(r["id"], r["over_budget"], r["line"]) for r in rows] == [("slow", True, 1)]
        assert rows[0]["reason"].startswith("skipped: over the time budget")
        assert store.counts()["documents"] == 0
    monkeypatch.undo()
    ingest([str(src)], db)  # coded this time: the skip is no longer current
    with EventStore(db) as store:
        assert store.skipped_documents() == []
        assert store.counts()["documents"] == 1


# Long runs of words with no sentence punctuation: lists of names, tables, chants.
RUNS = st.lists(
    st.sampled_from(WORDS + ("|", "Anna Berg", "Velmora Tarsk Ostra", "1,200")), min_size=200, max_size=900
).map(" ".join)


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(text=RUNS)
def test_long_unpunctuated_input_has_bounded_spans_and_no_traceback(pipeline, text):
    bounds = limits()
    actor_words = bounds.actor_tokens_before_head + 1 + bounds.actor_tokens_after_head
    try:
        events = pipeline.extract(Document(id="run", text=text))
    except FlashpointError:
        return  # refused with a message is allowed; any other exception fails the test
    for ev in events:
        assert len(ev.evidence.text) <= bounds.evidence_max_chars
        assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.text
        for actor in (*ev.actors, *ev.recipients):
            assert len(actor.text.split()) <= actor_words
    sentences = {(e.evidence.start, e.evidence.end) for e in events}
    assert all(len(text[s:t].split()) <= bounds.sentence_max_tokens for s, t in sentences)
