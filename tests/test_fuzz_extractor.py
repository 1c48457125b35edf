"""Fuzz tests of the extractor: odd sentences, absurd dates and numbers never raise
anything but RecordRejected, every offset points into the text, every figure is a
storable count and every date a real one, and the events can be stored."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.errors import RecordRejected
from flashpoint.models import Document, Event, Mention
from flashpoint.store import EventStore


def fuzz(examples: int) -> settings:
    """Reproducible settings (same inputs on every run); docs/reliability.md adds them up."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


NUMBER_WORDS = (
    "one",
    "two",
    "three",
    "twelve",
    "twenty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "and",
    "a",
    "dozen",
    "dozens",
    "half",
    "score",
    "several",
    "zero",
    "-",
    "minus",
    "point",
)
NUMBERS = st.one_of(
    st.sampled_from(
        [
            "three hundred thousand",
            "a dozen",
            "half a million",
            "dozens of",
            "a million million",
            "ten billion trillion",
            "zero",
            "-5",
            "0",
            "99999999999999999999",
            "1e308",
            "3,000,000,000,000",
            "1.5 million",
            "two and a half thousand",
            "hundreds of thousands of",
            "nine hundred ninety nine quadrillion",
        ]
    ),
    st.integers(min_value=0, max_value=10**25).map(str),
    st.integers(min_value=0, max_value=10**13).map("{:,}".format),
    st.lists(st.sampled_from(NUMBER_WORDS), min_size=1, max_size=7).map(" ".join),
)
WHEN = st.sampled_from(
    [
        "yesterday",
        "on Friday",
        "last week",
        "last month",
        "on February 30",
        "on 30 February",
        "on February 30, 2023",
        "in the year 0",
        "in 99999",
        "on 31 April 2023",
        "in year 0000",
        "on 0/0/0",
        "two thousand years ago",
        "next Tuesday",
        "on 29 February 2023",
        "on 2023-02-30",
        "on March 45",
        "the day before yesterday",
        "on 1 January 1",
        "on December 31, 9999",
        "in 10000 BC",
        "tomorrow",
        "on 32/13/2023",
        "earlier this year",
        "on Monday, January 1, 0001",
        "in May 99999",
        "",
    ]
)
PUBLISHED = st.one_of(
    st.none(),
    st.sampled_from(
        [date(1, 1, 1), date(1, 1, 2), date(9999, 12, 31), date(9999, 12, 30), date(2024, 2, 29)]
    ),
    st.dates(),
)
ACTORS = st.sampled_from(
    [
        "Police",
        "Gunmen",
        "Soldiers",
        "Rebels",
        "Protesters",
        "Unidentified attackers",
        "The army",
        "Militants",
        "Rioters",
        "",
    ]
)
VERBS = st.sampled_from(
    [
        "killed",
        "arrested",
        "injured",
        "wounded",
        "detained",
        "shot dead",
        "attacked",
        "kidnapped",
        "marched with",
        "clashed with",
        "displaced",
    ]
)
VICTIMS = st.sampled_from(["people", "civilians", "protesters", "soldiers", "students", ""])
PLACES = st.sampled_from(
    [
        "in Nairobi",
        "near Aleppo",
        "in Kabul province",
        "outside Lagos",
        "in the north",
        "in Москва",
        "in 東京",
        "",
        "in Springfield",
        "in Borno state, Nigeria",
        "in Pristina, Kosovo",
    ]
)
SENTENCE = st.builds(
    lambda a, v, n, w, p, when: f"{a} {v} {n} {w} {p} {when}.".strip(),
    ACTORS,
    VERBS,
    NUMBERS,
    VICTIMS,
    PLACES,
    WHEN,
)
NOISE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@pytest.fixture(scope="module")
def store() -> Iterator[EventStore]:
    with EventStore(":memory:") as s:
        yield s


@pytest.fixture(scope="module")
def pending() -> list[tuple[Document, list[Event]]]:
    return []


def check_mention(text: str, mention: Mention | None) -> None:
    if mention is None:
        return
    assert 0 <= mention.start <= mention.end <= len(text)
    assert text[mention.start : mention.end] == mention.text


def check_event(text: str, event: Event) -> None:
    check_mention(text, event.evidence)
    check_mention(text, event.trigger)
    for actor in (*event.actors, *event.recipients):
        if actor.start is not None:
            assert 0 <= actor.start <= actor.end <= len(text)
    if event.location is not None and event.location.start is not None:
        assert 0 <= event.location.start <= event.location.end <= len(text)
    for figure in (event.fatalities, event.injured, event.arrested, event.size):
        # The events table keeps counts as 32-bit integers.
        assert figure is None or (isinstance(figure, int) and 0 <= figure < 2**31)
    if event.date is not None:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", event.date), event.date
        parts = [int(p) for p in event.date.split("-")] + [1, 1]
        date(*parts[:3])  # a real calendar day, year 1-9999


def code(pipeline, text: str, published: date | None) -> list[Event]:
    doc = Document(id=Document.make_id(text), text=text, date=published)
    try:
        events = pipeline.extract(doc)
    except RecordRejected:
        assert not text.strip() or "\x00" in text
        return []
    for event in events:
        check_event(text, event)
        assert event.doc_id == doc.id
    return events


@fuzz(900)
@given(sentences=st.lists(SENTENCE, min_size=1, max_size=3), published=PUBLISHED)
def test_absurd_dates_and_numbers_in_words(
    pipeline, store: EventStore, pending: list, sentences: list[str], published: date | None
) -> None:
    text = " ".join(sentences)
    events = code(pipeline, text, published)
    pending.append((Document(id=Document.make_id(text), text=text, date=published), events))
    if len(pending) >= 60:
        # Whatever the extractor produced must also store (a batch at a time: fast).
        store.ingest(pending, batch_size=len(pending))
        # The same text drawn twice (with another publication date) is one document: the
        # store keeps its last version, so only that version's events must be there.
        last = {doc.id: evs for doc, evs in pending}
        ids = {e.event_id for evs in last.values() for e in evs}
        pending.clear()
        stored = store.conn.execute(
            "SELECT count(*) FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(ids)]
        ).fetchone()
        assert stored[0] == len(ids)


@fuzz(500)
@given(text=NOISE, published=PUBLISHED)
def test_random_unicode_text(pipeline, text: str, published: date | None) -> None:
    code(pipeline, text, published)


@fuzz(500)
@given(
    parts=st.lists(st.one_of(SENTENCE, NOISE, WHEN, NUMBERS, PLACES), min_size=1, max_size=6),
    joiner=st.sampled_from([" ", "\n\n", "; ", "", " , ", "\t"]),
    published=PUBLISHED,
)
def test_sentence_fragments_glued_together(
    pipeline, parts: list[str], joiner: str, published: date | None
) -> None:
    code(pipeline, joiner.join(parts), published)


def test_yesterday_without_a_publication_date(pipeline) -> None:
    events = code(pipeline, "Police arrested 12 protesters in Nairobi yesterday.", None)
    assert events and all(e.date is None or len(e.date) >= 4 for e in events)


def test_long_text_with_deep_punctuation(pipeline) -> None:
    text = "(" * 2000 + "Police arrested 12 protesters in Nairobi." + ")" * 2000
    code(pipeline, text, date(2023, 5, 1))


@pytest.mark.parametrize(
    "text,published",
    [
        ("Police arrested 12 protesters in Nairobi yesterday.", date(1, 1, 1)),
        ("Police will arrest protesters in Nairobi next Tuesday.", date(9999, 12, 31)),
        ("Rebels killed 40 soldiers in Kabul last month.", date(1, 1, 15)),
        ("Rebels killed 40 soldiers in Kabul in the year 0.", None),
    ],
)
def test_dates_outside_the_calendar_are_no_date(pipeline, text: str, published: date) -> None:
    events = code(pipeline, text, published)
    assert events  # the event is still coded, only its date is unknown or the publication day


def test_counts_beyond_a_billion_are_not_counts(pipeline) -> None:
    events = code(pipeline, "Gunmen killed 2147483648 people in Nairobi on Monday.", date(2023, 5, 1))
    assert events and all(e.fatalities is None for e in events)


def test_a_number_with_thousands_commas_between_commas(pipeline) -> None:
    # hypothesis found "word , 0,000 ," : the age-apposition check read it as an int
    events = code(pipeline, "Officials , 0,000 , said rebels killed 12 soldiers near Goma.", date(2023, 5, 1))
    assert any(e.fatalities == 12 for e in events)
