"""An act told in a sentence without a date takes the last day the story named before it;
a statement, or a story that named no day, keeps the publication day. Invented texts."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.extraction.dates import last_told_day, load_date_rules, told_days
from flashpoint.models import Document

PUB = date(2024, 3, 12)  # a Tuesday
RULES = load_date_rules()


def test_told_days_skips_reported_speech_and_days_after_publication():
    text = (
        "Gunmen seized the union leader on Saturday in Tarsk. "
        "Officials said on Monday that the search went on. "
        "A march is planned for 20 March."
    )
    days = told_days(text, PUB, RULES)
    assert [(m.text, m.date) for m in days] == [("Saturday", "2024-03-09")]


def test_last_told_day_is_the_nearest_one_before_the_offset():
    text = "Police raided the office on 2 March. On 5 March they came back. Nothing else."
    days = told_days(text, PUB, RULES)
    assert last_told_day(days, text.index("On 5")).date == "2024-03-02"
    assert last_told_day(days, text.index("Nothing")).date == "2024-03-05"
    assert last_told_day(days, 0) is None
    assert told_days(text, None, RULES) == []


def _dates(pipeline, text: str) -> dict[str, tuple[str | None, str | None]]:
    doc = Document(id="d", text=text, date=PUB)
    return {e.trigger.text: (e.date, e.date_text) for e in pipeline.extract(doc)}


@pytest.mark.parametrize(
    "text, trigger, day",
    [
        (
            "Unidentified men abducted the rights lawyer Mira Osei on Saturday outside her home in "
            "Tarsk. Witnesses said the men beat her before forcing her into a van.",
            "beat",
            "2024-03-09",
        ),
        (
            "Soldiers opened fire on a crowd of farmers near the Lisk market on 3 March. "
            "Police arrested twelve of the farmers the same evening.",
            "arrested",
            "2024-03-03",
        ),
    ],
)
def test_an_act_without_a_date_takes_the_day_told_before_it(pipeline, text, trigger, day):
    dates = _dates(pipeline, text)
    assert dates[trigger] == (day, None)  # inferred: no date text of its own


def test_a_statement_without_a_date_keeps_the_publication_day(pipeline):
    text = (
        "Gunmen shot dead a local councillor in Tarsk on Saturday. "
        "The opposition party accused the governor of failing to protect its members."
    )
    dates = _dates(pipeline, text)
    assert dates["accused"] == (PUB.isoformat(), None)


def test_an_act_in_a_story_that_named_no_day_keeps_the_publication_day(pipeline):
    text = "Police arrested fourteen students outside the university in Tarsk."
    assert _dates(pipeline, text)["arrested"] == (PUB.isoformat(), None)


def test_a_planned_act_recoded_as_its_statement_keeps_the_publication_day(pipeline):
    text = (
        "Police fired tear gas at striking nurses in Tarsk on Saturday. "
        "Union leaders said the nurses would march on the health ministry until their pay was restored."
    )
    doc = Document(id="d", text=text, date=PUB)
    events = {e.trigger.text: e for e in pipeline.extract(doc)}
    assert events["fired"].date == "2024-03-09"
    march = events["march"]
    assert march.type != "PROTEST"  # the plan is coded as what was said
    assert march.date == PUB.isoformat()
