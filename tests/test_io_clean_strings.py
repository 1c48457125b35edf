"""Text no UTF-8 file can hold (a lone surrogate from a JSON escape or a file name that is
not UTF-8) and non-finite ids are refused record by record (issue 21 point 3)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flashpoint.io import read_documents
from flashpoint.models import Document
from flashpoint.report import RunReport

ROOT = Path(__file__).resolve().parents[1]


def read(paths: list[str] | str) -> tuple[list[Document], RunReport]:
    report = RunReport()
    return list(read_documents(paths, report)), report


def write_lines(path: Path, *lines: str) -> str:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("field", ["text", "id", "title", "url", "source"])
def test_lone_surrogate_skips_only_its_record(tmp_path: Path, field: str) -> None:
    bad = {"id": "bad", "text": "Troops left.", field: "Smile \\ud83d here"}
    path = write_lines(
        tmp_path / "d.jsonl",
        '{"id": "a", "text": "Police arrested ten."}',
        json.dumps(bad).replace("\\\\ud83d", "\\ud83d"),
        '{"id": "c", "text": "Rebels shelled the town."}',
    )
    docs, report = read(path)
    assert [d.id for d in docs] == ["a", "c"]
    [error] = report.errors
    assert (error.origin, error.line) == (path, 2)
    assert error.reason == (
        f"field '{field}' holds a lone surrogate (\\ud83d) at character 6, which is not valid Unicode text"
    )


def test_lone_surrogate_in_a_json_array_and_csv_free_file(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(
        '[{"id": "a", "text": "Fine."},\n {"id": "\\udc80", "text": "Bad id."}]', encoding="utf-8"
    )
    docs, report = read(str(path))
    assert [d.id for d in docs] == ["a"]
    assert (report.errors[0].line, report.errors[0].kind) == (2, "unencodable text")


@pytest.mark.parametrize("number", ["1e999", "-1e999", "NaN", "Infinity", "-Infinity"])
def test_non_finite_id_is_refused(tmp_path: Path, number: str) -> None:
    path = write_lines(
        tmp_path / "d.jsonl",
        f'{{"id": {number}, "text": "Talks resumed."}}',
        '{"id": 7, "text": "Talks ended."}',
    )
    docs, report = read(path)
    assert [d.id for d in docs] == ["7"]
    assert [str(e) for e in report.errors] == [f"{path}:1: field 'id' is not a finite number"]


def test_giant_number_and_deep_nesting_are_malformed_records(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "d.jsonl",
        '{"id": ' + "9" * 5000 + ', "text": "x"}',
        "[" * 100_000,
        '{"id": "ok", "text": "Read."}',
    )
    docs, report = read(path)
    assert [d.id for d in docs] == ["ok"]
    assert [(e.line, e.reason.split(":")[0]) for e in report.errors] == [
        (1, "malformed JSON"),
        (2, "malformed JSON"),
    ]
    assert report.errors[1].reason == "malformed JSON: nested too deeply"


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that keeps raw bytes")
def test_file_name_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as out:
        out.write(b"A story.")
    (tmp_path / "ok.txt").write_text("Another story.", encoding="utf-8")
    docs, report = read(str(tmp_path))
    assert [d.id for d in docs] == ["ok.txt"]
    assert report.errors[0].reason.startswith(
        "the file name (the document id) holds a lone surrogate (\\udce9)"
    )


def test_cli_extract_surrogate_record_no_traceback(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "d.jsonl",
        '{"id": "x", "text": "Smile \\ud83d. Police arrested ten people."}',
        '{"id": "y", "text": "Police arrested ten people in Pristina."}',
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "flashpoint.cli", "extract", path, "--workers", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert f"{path}:1: field 'text' holds a lone surrogate" in done.stderr
    assert {json.loads(line)["doc_id"] for line in done.stdout.splitlines()} == {"y"}


def test_ingest_stores_every_other_record_of_the_batch(tmp_path: Path) -> None:
    from flashpoint.facade import ingest
    from flashpoint.store import EventStore

    path = write_lines(
        tmp_path / "d.jsonl",
        '{"id": "a", "text": "Police arrested ten protesters in Pristina."}',
        '{"id": "\\ud83d", "text": "Troops left the town."}',
        '{"id": "c", "title": "\\udc00", "text": "Rebels shelled Zvecan."}',
        '{"id": "d", "text": "Rioters burned cars in Mitrovica."}',
    )
    db = str(tmp_path / "e.duckdb")
    result, report = ingest([path], db, progress=False, jobs=1)
    assert result.documents_new == 2
    assert [(e.line, e.kind) for e in report.errors] == [(2, "unencodable text"), (3, "unencodable text")]
    with EventStore(db, read_only=True) as store:
        assert [d["id"] for d in store.documents()] == ["a", "d"]
