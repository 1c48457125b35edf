"""The paragraph component: sentence starts at line breaks, after datelines and labels,
and a date header kept as one short sentence."""

from __future__ import annotations

import pytest

from flashpoint.nlp.setup import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_a_line_break_always_starts_a_sentence(nlp):
    sents = _sentences(nlp, "Crowds gathered outside the town hall in Zvecan\n\npolice used tear gas on them")
    assert sents[-1].startswith("police used tear gas")
    assert all("\n" not in s.strip() for s in sents)


def test_dateline_and_label_are_cut_from_the_first_sentence(nlp):
    doc = nlp(
        "ZVECAN, Kosovo, May 26 (Newswire) - Soldiers guarded the building.\n"
        "Background: Local Serbs boycotted the April vote."
    )
    starts = {t.text for t in doc if t.is_sent_start}
    assert "Soldiers" in starts and "Local" in starts


def test_date_header_stays_one_sentence(nlp):
    doc = nlp("date 2023-05-29 Protesters gathered in Leposavic on Monday.")
    first = next(iter(doc.sents))
    assert first.text.strip() == "date 2023-05-29"
    assert not any(t.is_sent_start for t in doc[1:3])


def test_short_documents_pass_through(nlp):
    assert [t.text for t in nlp("x")] == ["x"]
    assert len(list(nlp("Riot.\n").sents)) >= 1


def test_a_paragraph_never_loses_its_first_word_to_a_sentence_of_its_own(nlp):
    # after a header line the parser once cut "Thirty" off, and the count with it
    for text in (
        "date 2023-05-30\n\nThirty soldiers were injured in Zvecan on Monday.",
        "Clashes in the north\n\nThirty soldiers were injured in Zvecan on Monday.",
    ):
        assert _sentences(nlp, text)[-1] == "Thirty soldiers were injured in Zvecan on Monday."


def test_the_component_cuts_sentences_at_the_length_it_was_built_with():
    import spacy

    from flashpoint.nlp import components  # noqa: F401  registers flashpoint_paragraphs

    words = " ".join(["protesters"] * 30)
    tokens_only = spacy.blank("en")
    tokens_only.add_pipe("flashpoint_paragraphs", config={"max_tokens": 10})
    lengths = [len(s) for s in tokens_only(words).sents]
    assert sum(lengths) == 30 and max(lengths) <= 10 and len(lengths) >= 3
