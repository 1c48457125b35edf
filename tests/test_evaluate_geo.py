"""Geocoding evaluation on a small sample of the shared data (skips without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.evaluate.geo import evaluate_event_location, spans_match, write_accuracy_md

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVENT_LOCATION = SHARED / "data" / "event_location" / "event_location_dev.jsonl"


def test_spans_match_is_overlap():
    assert spans_match((0, 6), (5, 10))
    assert not spans_match((0, 5), (5, 10))


def test_event_location_sample():
    if not EVENT_LOCATION.exists():
        pytest.skip("../shared is absent")
    pytest.importorskip("spacy")
    result = evaluate_event_location(EVENT_LOCATION, limit=60)
    assert result["n"] == 60
    assert 0.0 < result["precision"] <= 1.0 and 0.0 < result["recall"] <= 1.0
    assert result["f1"] > 0.3
    splits = result["by_split"]
    placed, held = splits["held-out, gold place"], splits["held-out (1/5)"]
    assert placed["n"] <= held["n"] and placed["gold_spans"] == held["gold_spans"]
    assert placed["predicted_spans"] <= held["predicted_spans"]


def test_write_accuracy_md_replaces_only_its_section(tmp_path):
    path = tmp_path / "accuracy.md"
    path.write_text("# Accuracy\n\n## Events\nkept\n", encoding="utf-8")
    results = {
        "gazetteer_entries": 10,
        "index_load_seconds": 0.5,
        "lookups_per_second": 1000,
        "event_location": {"n": 5, "precision": 0.5, "recall": 0.5, "f1": 0.5},
    }
    write_accuracy_md(results, path)
    results["event_location"]["f1"] = 0.75
    write_accuracy_md(results, path)
    text = path.read_text(encoding="utf-8")
    assert text.count("<!-- geo:start -->") == 1 and "F1 0.750" in text
    assert "## Events\nkept" in text and "Halterman 2019" in text
