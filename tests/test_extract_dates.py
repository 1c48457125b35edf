from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flashpoint.errors import DataFileError
from flashpoint.extraction.dates import DateMention, load_date_rules
from flashpoint.extraction.dates import find_dates as find_with
from flashpoint.extraction.dates import resolve_event_date as resolve_with
from flashpoint.models import Document
from flashpoint.pipeline import Pipeline

PUB = date(2023, 5, 29)  # a Monday, the reference article's publication day
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RULES = load_date_rules()


def find_dates(text: str, pub: date | None) -> list[DateMention]:
    return find_with(text, pub, RULES)


def resolve_event_date(
    sentence: str, pub: date | None, trigger_offset: int | None = None
) -> DateMention | None:
    return resolve_with(sentence, pub, RULES, trigger_offset)


def only(text: str, pub: date | None = PUB) -> DateMention:
    found = find_dates(text, pub)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, expected, precision, span",
    [
        ("Serbs protested again on Monday.", "2023-05-29", "day", "Monday"),
        ("Police clashed with Serbs on Friday.", "2023-05-26", "day", "Friday"),
        ("Kosovo Serbs on Saturday called on Vucic.", "2023-05-27", "day", "Saturday"),
        ("It happened last Friday.", "2023-05-26", "day", "last Friday"),
        ("It happened last Monday.", "2023-05-22", "day", "last Monday"),
        ("Talks resume next Monday.", "2023-06-05", "day", "next Monday"),
        ("Shots rang out on Monday night.", "2023-05-29", "day", "Monday night"),
        ("Crowds gathered on Saturday evening.", "2023-05-27", "day", "Saturday evening"),
        ("Rebels seized the town today.", "2023-05-29", "day", "today"),
        ("Troops moved in this morning.", "2023-05-29", "day", "this morning"),
        ("A vigil is planned tonight.", "2023-05-29", "day", "tonight"),
        ("Shelling resumed earlier today.", "2023-05-29", "day", "earlier today"),
        ("Shelling resumed yesterday.", "2023-05-28", "day", "yesterday"),
        ("Looting spread last night.", "2023-05-28", "day", "last night"),
        ("It began the day before yesterday.", "2023-05-27", "day", "the day before yesterday"),
        ("It began two days ago.", "2023-05-27", "day", "two days ago"),
        ("It began 3 days ago.", "2023-05-26", "day", "3 days ago"),
        ("Strikes spread last week.", "2023-05-22", "week", "last week"),
        ("Strikes spread this week.", "2023-05-29", "week", "this week"),
        ("Strikes spread earlier this month.", "2023-05", "month", "earlier this month"),
        ("Last month, Serbs boycotted elections.", "2023-04", "month", "Last month"),
        ("Prices rose last year.", "2022", "year", "last year"),
        ("Prices rose this year.", "2023", "year", "this year"),
        ("Rallies were held over the weekend.", "2023-05-27", "week", "over the weekend"),
        ("Clashes broke out on May 26.", "2023-05-26", "day", "May 26"),
        ("Clashes broke out on 26 May.", "2023-05-26", "day", "26 May"),
        ("Clashes broke out on May 26, 2023.", "2023-05-26", "day", "May 26, 2023"),
        ("Clashes broke out on 26 May 2023.", "2023-05-26", "day", "26 May 2023"),
        ("Clashes broke out on the 26th of May 2023.", "2023-05-26", "day", "26th of May 2023"),
        ("Clashes broke out on 2023-05-26.", "2023-05-26", "day", "2023-05-26"),
        ("Clashes broke out on 26/05/2023.", "2023-05-26", "day", "26/05/2023"),
        ("Clashes broke out on Jan. 5.", "2023-01-05", "day", "Jan. 5"),
        ("Voters went to the polls in May.", "2023-05", "month", "May"),
        ("Voters went to the polls in June.", "2022-06", "month", "June"),
        ("Protests began in early April.", "2023-04", "month", "early April"),
        ("Voters went to the polls in May 2023.", "2023-05", "month", "May 2023"),
        ("Kosovo declared independence in 2008.", "2008", "year", "2008"),
        ("The 2010 election was disputed.", "2010", "year", "2010"),
    ],
)
def test_expression_resolves_against_publication_date(text, expected, precision, span):
    mention = only(text)
    assert (mention.date, mention.precision, mention.text) == (expected, precision, span)
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "text",
    [
        "Protesters may gather again.",
        "Theresa May said nothing.",
        "They will march through the city.",
        "About 1,200 people and 2008 vehicles were counted.",
        "Only 3.47% of eligible voters cast ballots.",
        "A 24-hour strike was called.",
        "The 1990s were violent.",
        "Dates like 05/06/2023 are ambiguous.",
    ],
)
def test_non_dates_are_ignored(text):
    assert find_dates(text, PUB) == []


def test_relative_flag_and_distance():
    week = only("It began last week.")
    assert week.relative and week.past_distance_days == 7
    absolute = only("It began in May 2023.")
    assert not absolute.relative and absolute.past_distance_days == 28
    old = only("Kosovo declared independence in 2008.")
    assert old.past_distance_days == (PUB - date(2008, 1, 1)).days


def test_without_publication_date_only_absolute_dates_resolve():
    found = find_dates("On Monday, as on 26 May 2023 and in 2008, and on May 26.", None)
    assert [(m.text, m.date) for m in found] == [("26 May 2023", "2023-05-26"), ("2008", "2008")]
    assert all(m.past_distance_days is None for m in found)


def test_future_clause_points_weekday_forward():
    assert only("The parties will meet on Friday.").date == "2023-06-02"
    assert only("The parties met on Friday.").date == "2023-05-26"


def test_leading_metadata_date_is_not_an_event_date():
    text = " date 2023-05-29 The mission on Monday urged calm."
    assert [m.text for m in find_dates(text, PUB)] == ["Monday"]
    # The same ISO date inside the text is a real mention.
    assert only("Polls closed on 2023-05-29.").date == "2023-05-29"


def test_resolve_prefers_date_nearest_trigger():
    sentence = "He said on Monday that the attack on Friday killed three."
    chosen = resolve_event_date(sentence, PUB, trigger_offset=sentence.index("attack"))
    assert chosen is not None and chosen.date == "2023-05-26"


def test_resolve_avoids_embedded_and_reporting_dates():
    sentence = (
        "Kosovo Serbs on Saturday called on Vucic to suspend the dialogue with Kosovo, "
        "whose 2008 independence Serbia has never recognized."
    )
    chosen = resolve_event_date(sentence, PUB, trigger_offset=sentence.index("independence"))
    assert chosen is not None and chosen.date == "2023-05-27"
    reported = "Officials said Tuesday that rebels attacked the town on Sunday."
    chosen = resolve_event_date(reported, PUB)
    assert chosen is not None and chosen.text == "Sunday"


def test_resolve_returns_none_without_dates():
    assert resolve_event_date("Police fenced the town halls.", PUB) is None


def test_reference_article_dates():
    path = SHARED / "seed" / "kfor-2023-05-29.txt"
    if not path.exists():
        pytest.skip("shared seed article not available")
    text = path.read_text(encoding="utf-8")
    found = find_dates(text, PUB)
    assert [(m.text, m.date) for m in found] == [
        ("Monday", "2023-05-29"),
        ("Friday", "2023-05-26"),
        ("Monday", "2023-05-29"),
        ("Last month", "2023-04"),
        ("Saturday", "2023-05-27"),
        ("2008", "2008"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_broken_lexicon_raises_data_file_error(tmp_path):
    bad = tmp_path / "dates.yaml"
    bad.write_text("months: {May: 5}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="lacks"):
        load_date_rules(bad)


# A lexicon that knows one weekday, Monday, and one of everything else.
SMALL_LEXICON = """
months: {May: 5}
month_abbreviations: {Sept: 9}
weekdays: {Monday: 0}
day_parts: [night]
month_cues: [in]
year_cues: [in]
year_determiners: [the]
year_event_nouns: [war]
relative_phrases: {yesterday: {unit: day, offset: -1}}
weekend_phrases: {last weekend: -1}
number_words: {two: 2}
future_cues: [will]
reporting_verbs: [said]
embedding_words: [whose]
"""


@pytest.fixture
def small_rules(tmp_path):
    path = tmp_path / "dates.yaml"
    path.write_text(SMALL_LEXICON, encoding="utf-8")
    return load_date_rules(path)


def test_a_small_lexicon_finds_only_its_own_words(small_rules):
    text = "Police clashed with protesters on Friday and again on Monday night."
    assert [m.text for m in find_with(text, PUB, small_rules)] == ["Monday night"]
    assert [m.text for m in find_dates(text, PUB)] == ["Friday", "Monday night"]


def test_the_dates_stage_uses_the_rules_it_was_built_with(small_rules):
    text = "Police clashed with protesters in Zvecan on Friday."
    document = Document(id="d1", text=text, date=PUB)
    shipped = Pipeline().extract(document)
    small = Pipeline(config={"dates": {"rules": small_rules}}).extract(document)
    assert [e.date for e in shipped] == ["2023-05-26"]
    # without "Friday" the sentence names no date, so the publication date dates it
    assert [e.date for e in small] == ["2023-05-29"]
