"""The one `date YYYY-MM-DD` header rule that the reader, the pipeline and the sentence
splitter share."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.io.date_header import read_date_header
from flashpoint.pipeline import header_date


def test_header_gives_day_and_where_prose_starts() -> None:
    text = " date 2023-05-29  The NATO-led mission said"
    header = read_date_header(text)
    assert header is not None
    assert header.day == date(2023, 5, 29)
    assert text[header.end :].startswith("The NATO-led")


@pytest.mark.parametrize("text", ["Date 2023-05-29 Kosovo", "DATE 2023-05-29\n\nKosovo", "date 2023-05-29"])
def test_any_case_and_end_of_text_count(text: str) -> None:
    header = read_date_header(text)
    assert header is not None and header.day == date(2023, 5, 29)


@pytest.mark.parametrize(
    "text",
    [
        "date 2023-05-29x Kosovo",
        "update 2023-05-29 Kosovo",
        "Kosovo date 2023-05-29",
        "date 2023-5-29 Kosovo",
    ],
)
def test_not_a_header(text: str) -> None:
    assert read_date_header(text) is None
    assert header_date(text) is None


def test_impossible_day_is_a_header_without_a_day() -> None:
    header = read_date_header("date 2023-02-30 Kosovo")
    assert header is not None and header.day is None
    assert header_date("date 2023-02-30 Kosovo") is None
