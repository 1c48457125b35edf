"""Crash safety of `flashpoint ingest`: SIGKILLed runs lose, duplicate and split nothing,
and a rerun parses only the documents that are not stored yet."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from flashpoint.evaluate.crash import CrashResult, build_corpus, compare_databases, run_crashtest
from flashpoint.facade import ingest
from flashpoint.store import EventStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def test_three_kills_lose_duplicate_and_split_nothing(tmp_path: Path) -> None:
    result = run_crashtest(n_docs=150, kills=3, seed=11, batch_size=15, workdir=tmp_path)
    assert result.kills == 3
    assert (result.lost, result.duplicated, result.partial, result.extra) == (0, 0, 0, 0)
    assert result.docs_without_events == 0
    # The final run resumed: it parsed only what the killed runs had not committed.
    assert result.final_run_parsed < result.documents


def test_rerun_skips_stored_documents_before_parsing(tmp_path: Path, pipeline) -> None:
    corpus = build_corpus(tmp_path / "c.jsonl", 12, seed=3)
    db = str(tmp_path / "r.duckdb")
    first, report = ingest([str(corpus)], db, progress=False, batch_size=5)
    assert (first.documents_new, report.coded, report.read) == (12, 12, 12)
    again, report = ingest([str(corpus)], db, progress=False, batch_size=5)
    assert report.coded == 0 and report.read == 12
    assert again.documents_not_reparsed == again.documents_unchanged == 12
    assert report.read == report.coded + report.skipped + again.documents_not_reparsed
    recoded, report = ingest([str(corpus)], db, progress=False, recode=True)
    assert report.coded == 12 and recoded.documents_not_reparsed == 0
    assert recoded.documents_unchanged == 12


def test_changed_text_under_same_id_is_parsed_again(tmp_path: Path, pipeline) -> None:
    old = tmp_path / "a.jsonl"
    old.write_text('{"id": "x", "text": "Police arrested 12 protesters in Nairobi on Monday."}\n')
    db = str(tmp_path / "r.duckdb")
    ingest([str(old)], db, progress=False)
    old.write_text('{"id": "x", "text": "Police arrested 40 students in Lagos on Friday."}\n')
    result, report = ingest([str(old)], db, progress=False)
    assert report.coded == 1 and result.documents_replaced == 1
    with EventStore(db, read_only=True) as store:
        [event] = store.query_events()
    assert event["arrested"] == 40


def test_comparison_notices_a_partial_event_set(tmp_path: Path, pipeline) -> None:
    corpus = build_corpus(tmp_path / "c.jsonl", 6, seed=5)
    ref, broken = tmp_path / "ref.duckdb", tmp_path / "broken.duckdb"
    ingest([str(corpus)], str(ref), progress=False)
    ingest([str(corpus)], str(broken), progress=False)
    with EventStore(str(broken)) as store:
        doc_id = store.conn.execute("SELECT min(doc_id) FROM events").fetchone()[0]
        store.conn.execute(
            "DELETE FROM events WHERE event_id = (SELECT min(event_id) FROM events WHERE doc_id = ?)",
            [doc_id],
        )
        store.conn.execute("DELETE FROM documents WHERE id = (SELECT max(id) FROM documents)")
    found = compare_databases(ref, broken, CrashResult(6, 0, 0, 0.0, 0.0))
    assert (found.partial, found.lost, found.duplicated) == (1, 1, 0)
