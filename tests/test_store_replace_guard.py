"""`ingest` never replaces a stored document silently (issue 21 point 1): a new version
from the same source path replaces it and is counted, one with the same id from another
source is refused unless --recode."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.cli import main
from flashpoint.facade import ingest
from flashpoint.store import EventStore

FIRST = "Police arrested ten protesters in Pristina on Monday."
SECOND = "Rebels shelled the town of Zvecan on Tuesday, killing two soldiers."


def stored_text(db: str, doc_id: str) -> str:
    with EventStore(db, read_only=True) as store:
        return store.conn.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_same_id_from_another_source_is_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    one = write(tmp_path / "a" / "report.txt", FIRST)
    two = write(tmp_path / "b" / "report.txt", SECOND)
    result, report = ingest([one], db, progress=False, jobs=1)
    assert result.documents_new == 1 and report.skipped == 0
    result, report = ingest([two], db, progress=False, jobs=1)
    assert (result.documents_new, result.documents_replaced) == (0, 0)
    assert [str(e) for e in report.errors] == [
        f"{two}: document id 'report.txt' is already stored from {one} with other content; "
        "not replaced (give --recode to replace it)"
    ]
    assert report.read == report.coded + report.skipped + result.documents_not_reparsed
    assert stored_text(db, "report.txt") == FIRST


def test_recode_replaces_and_reports_it(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    one = write(tmp_path / "a" / "report.txt", FIRST)
    two = write(tmp_path / "b" / "report.txt", SECOND)
    ingest([one], db, progress=False, jobs=1)
    result, report = ingest([two], db, progress=False, jobs=1, recode=True)
    assert result.documents_replaced == 1 and report.skipped == 0
    assert "replaced 1 document whose content had changed" in str(result)
    assert stored_text(db, "report.txt") == SECOND


def test_changed_file_at_the_same_path_replaces_and_is_counted(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    path = write(tmp_path / "report.txt", FIRST)
    ingest([path], db, progress=False, jobs=1)
    write(tmp_path / "report.txt", SECOND)
    result, report = ingest([path], db, progress=False, jobs=1)
    assert (result.documents_replaced, report.skipped) == (1, 0)
    assert stored_text(db, "report.txt") == SECOND


def test_same_content_from_another_path_is_unchanged_not_an_error(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    one = write(tmp_path / "a" / "report.txt", FIRST)
    two = write(tmp_path / "b" / "report.txt", FIRST)
    ingest([one], db, progress=False, jobs=1)
    result, report = ingest([two], db, progress=False, jobs=1)
    assert (result.documents_unchanged, result.documents_not_reparsed, report.skipped) == (1, 1, 0)


def test_cli_two_inputs_one_id_exit_status_and_sentences(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = str(tmp_path / "e.duckdb")
    one = write(tmp_path / "a" / "report.txt", FIRST)
    two = write(tmp_path / "b" / "report.txt", SECOND)
    status = main(["ingest", one, two, "--db", db, "--workers", "1"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"error: {two}: document id 'report.txt' is already used by {one} in this run" in err
    assert f"{db}: stored 1 new document with " in err
    assert "skipped 1 (1 duplicate document id)." in err
    assert "IngestResult(" not in err and "Traceback" not in err


def test_one_file_named_two_ways_is_the_same_source(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a" / "report.txt", FIRST)
    ingest(["a/report.txt"], "e.duckdb", progress=False, jobs=1)
    write(tmp_path / "a" / "report.txt", SECOND)
    result, report = ingest(["./a//report.txt"], "e.duckdb", progress=False, jobs=1)
    assert (result.documents_replaced, report.skipped) == (1, 0)
