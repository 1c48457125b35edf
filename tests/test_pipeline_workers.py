"""Coding in worker processes gives what one process gives, with the same accounting."""

from __future__ import annotations

from flashpoint.models import Document
from flashpoint.report import RunReport


def _docs() -> list[Document]:
    texts = [
        "Police arrested 12 protesters in Nairobi on Monday.",
        "",  # rejected: empty
        "Troops shelled the village of Kafr Nabl on Tuesday, killing three people.",
        "bad\x00bytes",  # rejected: binary
        "Hundreds of students marched in Dhaka to demand safer roads.",
    ] * 3
    return [Document(id=f"d{i}", text=t, origin="batch.jsonl", line=i + 1) for i, t in enumerate(texts)]


def test_workers_match_one_process_and_count_rejections(pipeline):
    one, two = RunReport(), RunReport()
    serial = [(d.id, [e.to_dict() for e in evs]) for d, evs in pipeline.run(_docs(), one)]
    parallel = [
        (d.id, [e.to_dict() for e in evs]) for d, evs in pipeline.run(_docs(), two, batch_size=2, n_process=2)
    ]
    assert parallel == serial and len(serial) == 9
    assert (two.coded, two.skipped, two.events, two.words) == (one.coded, one.skipped, one.events, one.words)
    assert two.skipped == 6
    assert sorted(str(e) for e in two.errors) == sorted(str(e) for e in one.errors)
    assert all(str(e).startswith("batch.jsonl:") for e in two.errors)
