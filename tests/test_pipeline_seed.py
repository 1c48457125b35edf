"""The reference article passes its scorer, and every event's evidence is exact."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from flashpoint.models import Document


@pytest.fixture(scope="module")
def seed_events(seed_path, pipeline):
    from flashpoint.io import read_documents
    from flashpoint.report import RunReport

    doc = next(read_documents([str(seed_path)], RunReport()))
    return doc, pipeline.extract(doc)


def test_reference_article_passes_score_py(seed_path, seed_events):
    from io import StringIO

    from flashpoint.io import write_events

    buffer = StringIO()
    write_events(seed_events[1], "jsonl", out=buffer)
    scorer = seed_path.parent / "score.py"
    done = subprocess.run(
        [sys.executable, str(scorer)], input=buffer.getvalue(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip().splitlines()[-1].endswith("PASS")


def test_evidence_offsets_are_exact(seed_events):
    doc, events = seed_events
    assert events
    for e in events:
        assert doc.text[e.evidence.start : e.evidence.end] == e.evidence.text
        assert e.evidence.start <= e.trigger.start < e.trigger.end <= e.evidence.end
        if e.location and e.location.start is not None:
            assert doc.text[e.location.start : e.location.end] == e.location.text


def test_monday_protests_are_placed_in_three_towns(seed_events):
    protests = [e for e in seed_events[1] if e.type == "PROTEST" and "protested again" in e.evidence.text]
    names = sorted(e.location.name for e in protests)
    assert len(names) == 3
    assert names == ["Leposaviq", "Zubin Potok", "Zvecan"]  # GeoNames' names, ASCII form
    assert all(e.location.precision == 1 and e.location.country == "XK" for e in protests)
    assert all(e.date == "2023-05-29" for e in protests)


def test_event_ids_are_stable(seed_events, pipeline):
    doc, events = seed_events
    again = pipeline.extract(Document(id=doc.id, text=doc.text, date=doc.date))
    assert [e.event_id for e in again] == [e.event_id for e in events]
    assert len({e.event_id for e in events}) == len(events)


def test_events_serialise(seed_events):
    for e in seed_events[1]:
        row = json.loads(json.dumps(e.to_dict()))
        assert row["type"] == e.type
