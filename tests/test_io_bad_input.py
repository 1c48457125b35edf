"""Bad input never raises: each broken record is skipped with a clear, located message."""

from __future__ import annotations

import io
import os
import sys
from datetime import date
from pathlib import Path

import pytest

from flashpoint.errors import InputError
from flashpoint.io import read_documents, readers
from flashpoint.models import Document
from flashpoint.report import RunReport


def read(paths: list[str] | str, **kwargs: int) -> tuple[list[Document], RunReport]:
    report = RunReport()
    return list(read_documents(paths if isinstance(paths, list) else [paths], report, **kwargs)), report


def messages(report: RunReport) -> list[str]:
    assert all(isinstance(err, InputError) for err in report.errors)
    return [str(err) for err in report.errors]


def write_lines(path: Path, *lines: str) -> str:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


def test_malformed_json_line_is_skipped_and_later_records_read(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "d.jsonl",
        '{"id": "1", "text": "One."}',
        '{"id": "2", "text": "Two."',
        '{"id": "3", "text": "Three."}',
    )
    docs, report = read(path)
    assert [d.id for d in docs] == ["1", "3"]
    [message] = messages(report)
    assert message.startswith(f"{path}:2: malformed JSON")
    assert (report.read, report.skipped) == (3, 1)


def test_record_that_is_not_an_object(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "d.jsonl", '["text", "x"]', '"just a string"', '{"text": "Fine."}')
    docs, report = read(path)
    assert [d.text for d in docs] == ["Fine."]
    assert messages(report) == [
        f"{path}:1: record is a JSON array, not an object",
        f"{path}:2: record is a JSON string, not an object",
    ]


def test_record_without_text_or_with_non_string_text(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "d.jsonl",
        '{"id": "1", "title": "No body"}',
        '{"id": "2", "text": 42}',
        '{"id": "3", "text": "Kept."}',
    )
    docs, report = read(path)
    assert [d.id for d in docs] == ["3"]
    first, second = messages(report)
    assert first.startswith(f"{path}:1: record has no text (expected a field named one of: text")
    assert second == f"{path}:2: field 'text' is not a string"


def test_empty_and_whitespace_text_records_and_files(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "d.jsonl", '{"text": ""}', '{"text": "  \\n\\t "}', '{"text": "Real."}')
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n", encoding="utf-8")
    docs, report = read([path, str(blank)])
    assert [d.text for d in docs] == ["Real."]
    assert messages(report) == [f"{path}:1: empty text", f"{path}:2: empty text", f"{blank}: empty text"]
    assert (report.read, report.skipped) == (4, 3)


def test_bad_dates_keep_the_document_undated(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "d.jsonl",
        '{"text": "A.", "date": "2023-13-45"}',
        '{"text": "B.", "date": "yesterday"}',
        '{"text": "C.", "date": 17}',
        '{"text": "D.", "date": "yesterday", "publish_date": "2021-01-02"}',
    )
    docs, report = read(path)
    assert [d.date for d in docs] == [None, None, None, date(2021, 1, 2)]
    assert report.skipped == 0


def test_csv_row_with_wrong_field_count(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "d.csv",
        "id,text,date",
        "1,Good one.,2020-01-01",
        "2,Too,many,fields",
        "3,Also good.,2020-01-03",
    )
    docs, report = read(path)
    assert [d.id for d in docs] == ["1", "3"]
    assert messages(report) == [f"{path}:3: row has 4 fields, the header has 3"]
    assert (report.read, report.skipped) == (3, 1)


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "d.csv", "id,headline", "1,Nothing to read")
    docs, report = read(path)
    assert docs == []
    [message] = messages(report)
    assert message.startswith(f"{path}:1: CSV has no text column (expected one of: text, notes")


def test_csv_row_with_empty_text_cell(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "d.csv", "id,text", "1,", "2,Fine.")
    docs, report = read(path)
    assert [d.id for d in docs] == ["2"]
    assert messages(report) == [f"{path}:2: empty text"]


def test_csv_broken_quoting_stops_that_file_only(tmp_path: Path) -> None:
    bad = write_lines(tmp_path / "bad.csv", "id,text", '1,"fine"', '2,"broken"x"')
    good = write_lines(tmp_path / "good.txt", "Next file.")
    docs, report = read([bad, good])
    assert [d.text for d in docs] == ["fine", "Next file.\n"]
    [message] = messages(report)
    assert message.startswith(f"{bad}:3: malformed CSV")


def test_binary_files_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "image.txt"
    text.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    lines = tmp_path / "blob.jsonl"
    lines.write_bytes(b'{"text": "x"}\n\x00\x01\x02')
    docs, report = read([str(text), str(lines)])
    assert docs == []
    assert messages(report) == [f"{text}: binary file, not text", f"{lines}: binary file, not text"]


def test_non_utf8_text_file_names_byte_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café in Priština".encode("latin-1", "replace"))
    docs, report = read(str(path))
    assert docs == []
    assert messages(report) == [f"{path}: not valid UTF-8 (byte 0xe9 at offset 3)"]


def test_non_utf8_jsonl_line_skips_only_that_record(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    data = b'{"text": "Good."}\n{"text": "caf\xe9"}\n{"text": "Also good."}\n'
    path.write_bytes(data)
    docs, report = read(str(path))
    assert [d.text for d in docs] == ["Good.", "Also good."]
    assert data.index(b"\xe9") == 31
    assert messages(report) == [f"{path}:2: not valid UTF-8 (byte 0xe9 at offset 31)"]


def test_non_utf8_csv_row_skips_only_that_record(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    data = b'id,text\n1,"multi\nline caf\xe9"\n2,Fine.\n'
    path.write_bytes(data)
    docs, report = read(str(path))
    assert [d.id for d in docs] == ["2"]
    assert data.index(b"\xe9") == 25
    assert messages(report) == [f"{path}:2: not valid UTF-8 (byte 0xe9 at offset 25)"]


def test_ten_megabyte_document_is_refused_with_sizes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 2_000_000)
    docs, report = read(str(path))
    assert docs == []
    assert messages(report) == [f"{path}: document is 10.0 MB, larger than the 5.0 MB limit"]


def test_oversized_record_and_stdin_use_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_lines(tmp_path / "d.jsonl", '{"text": "' + "x" * 300_000 + '"}', '{"text": "small"}')
    docs, report = read(path, max_bytes=200_000)
    assert [d.text for d in docs] == ["small"]
    assert messages(report) == [f"{path}:1: document is 0.3 MB, larger than the 0.2 MB limit"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("y" * 300_000))
    docs, report = read("-", max_bytes=200_000)
    assert docs == []
    assert messages(report) == [
        "<stdin>: standard input is larger than the 0.2 MB limit for one document; it is not read further"
    ]


def test_missing_path_and_unknown_explicit_extension(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.txt")
    unknown = tmp_path / "report.pdf"
    unknown.write_bytes(b"%PDF-1.4")
    good = write_lines(tmp_path / "ok.txt", "Still read.")
    docs, report = read([missing, str(unknown), good])
    assert [d.id for d in docs] == ["ok.txt"]
    first, second = messages(report)
    assert first == f"{missing}: no such file"
    assert second.startswith(f"{unknown}: unknown file type '.pdf'; known types: ")
    assert (report.read, report.skipped) == (3, 2)


def test_permission_error_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_lines(tmp_path / "locked.txt", "Secret.")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readers, "open", refuse, raising=False)
    docs, report = read(path)
    assert docs == []
    assert messages(report) == [f"{path}: permission denied"]


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="file modes do not stop root or non-POSIX systems"
)
def test_unreadable_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Secret.", encoding="utf-8")
    path.chmod(0)
    try:
        docs, report = read(str(path))
    finally:
        path.chmod(0o600)
    assert docs == [] and messages(report) == [f"{path}: permission denied"]


def test_json_array_breaks_midway_keeping_earlier_records(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('[\n {"text": "Kept."},\n 5,\n {"text": "Also kept."},\n {"text": }\n]', encoding="utf-8")
    docs, report = read(str(path))
    assert [d.text for d in docs] == ["Kept.", "Also kept."]
    first, second = messages(report)
    assert first == f"{path}:3: record is a JSON number, not an object"
    assert second.startswith(f"{path}:5: malformed JSON: Expecting value")
    assert (report.read, report.skipped) == (4, 2)


def test_empty_record_files_are_reported(tmp_path: Path) -> None:
    jsonl = write_lines(tmp_path / "e.jsonl", "", "  ")
    csv_file = tmp_path / "e.csv"
    csv_file.write_text("", encoding="utf-8")
    json_file = tmp_path / "e.json"
    json_file.write_text("  \n", encoding="utf-8")
    docs, report = read([jsonl, str(csv_file), str(json_file)])
    assert docs == []
    assert messages(report) == [
        f"{jsonl}: empty file, no records",
        f"{csv_file}: empty file, no records",
        f"{json_file}: empty file, no records",
    ]


def test_malformed_stdin_json_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"text": "ok"}\n{broken\n{"text": "ok2"}\n'))
    docs, report = read("-")
    assert [d.text for d in docs] == ["ok", "ok2"]
    [message] = messages(report)
    assert message.startswith("<stdin>:2: malformed JSON")


def test_empty_html_page_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><p>Home</p></nav><script>x()</script></body></html>", encoding="utf-8")
    docs, report = read(str(path))
    assert docs == []
    assert messages(report) == [f"{path}: empty text (no readable paragraphs in the HTML page)"]


def test_non_utf8_json_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_bytes(b'[\n {"text": "ok"},\n {"text": "caf\xe9"}\n]')
    docs, report = read(str(path))
    assert docs == []
    assert messages(report) == [f"{path}:3: not valid UTF-8 (byte 0xe9 at offset 33)"]


def test_mixed_bad_directory_never_raises_and_counts_add_up(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe")
    (tmp_path / "b.jsonl").write_text('{"text": "ok"}\nnot json\n[1]\n', encoding="utf-8")
    (tmp_path / "c.csv").write_text("text\nfine\n", encoding="utf-8")
    (tmp_path / "d.html").write_text("<p>Story.</p>", encoding="utf-8")
    (tmp_path / "e.json").write_text("", encoding="utf-8")
    docs, report = read(str(tmp_path))
    assert [d.text for d in docs] == ["ok", "fine", "Story."]
    assert (report.read, report.skipped) == (7, 4)
    assert report.read == len(docs) + report.skipped
