"""Shape and content checks for the bundled northern Kosovo 2023 demo corpus."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from flashpoint.models import Document

REQUIRED_KEYS = ("id", "date", "title", "source", "url", "text")
FIRST_DAY = date(2023, 4, 1)
LAST_DAY = date(2023, 6, 30)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REFERENCE_ARTICLE = SHARED / "seed" / "kfor-2023-05-29.txt"


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    path = files("flashpoint") / "data" / "demo" / "kosovo-2023.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _normalise(text: str) -> str:
    # The reference file writes quotes as two apostrophes; fold all quote styles together.
    text = text.replace("''", '"').replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def test_corpus_has_enough_records(records: list[dict[str, Any]]) -> None:
    assert len(records) >= 30


def test_every_record_has_required_keys(records: list[dict[str, Any]]) -> None:
    for record in records:
        missing = [key for key in REQUIRED_KEYS if not record.get(key)]
        assert not missing, f"{record.get('id')} lacks {missing}"


def test_ids_are_unique(records: list[dict[str, Any]]) -> None:
    ids = [record["id"] for record in records]
    assert len(ids) == len(set(ids))


def test_dates_are_iso_and_inside_the_crisis_window(records: list[dict[str, Any]]) -> None:
    for record in records:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"]), record["id"]
        day = date.fromisoformat(record["date"])
        assert FIRST_DAY <= day <= LAST_DAY, record["id"]


def test_texts_are_short_articles(records: list[dict[str, Any]]) -> None:
    for record in records:
        words = len(record["text"].split())
        assert 80 <= words <= 400, f"{record['id']} has {words} words"


def test_urls_point_at_example_org_only(records: list[dict[str, Any]]) -> None:
    for record in records:
        assert record["url"].startswith("https://example.org/"), record["id"]


def test_several_outlets_report(records: list[dict[str, Any]]) -> None:
    assert len({record["source"] for record in records}) >= 4


def test_at_least_five_stories_are_told_by_two_outlets(records: list[dict[str, Any]]) -> None:
    outlets_by_story: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if record.get("story"):
            outlets_by_story[record["story"]].add(record["source"])
    shared_stories = [story for story, outlets in outlets_by_story.items() if len(outlets) >= 2]
    assert len(shared_stories) >= 5, shared_stories


def test_records_fit_the_document_model(records: list[dict[str, Any]]) -> None:
    for record in records:
        doc = Document(
            id=record["id"],
            text=record["text"],
            date=date.fromisoformat(record["date"]),
            title=record["title"],
            url=record["url"],
            source=record["source"],
        )
        assert doc.to_dict()["date"] == record["date"]


def test_no_reference_sentence_is_reused(records: list[dict[str, Any]]) -> None:
    if not REFERENCE_ARTICLE.is_file():
        pytest.skip("shared reference article not available")
    reference = REFERENCE_ARTICLE.read_text(encoding="utf-8")
    # The file opens with a "date YYYY-MM-DD" header glued to the first sentence.
    reference = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", reference)
    sentences = [
        _normalise(part) for part in re.split(r"(?<=[.!?])\s+|\n+", reference) if len(part.split()) >= 5
    ]
    assert len(sentences) >= 10, "reference article was not split into sentences"
    corpus = _normalise(" ".join(record["text"] for record in records))
    reused = [sentence for sentence in sentences if sentence in corpus]
    assert not reused, reused
