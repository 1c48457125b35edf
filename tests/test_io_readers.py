"""Reading each input kind: text, JSON, JSON Lines, CSV, HTML, directories, stdin."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from flashpoint.io import read_documents
from flashpoint.models import Document
from flashpoint.report import RunReport

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def read(paths: list[str] | str, **kwargs: int) -> tuple[list[Document], RunReport]:
    report = RunReport()
    return list(read_documents(paths if isinstance(paths, list) else [paths], report, **kwargs)), report


def test_reference_article_keeps_text_and_reads_date_token() -> None:
    path = SHARED / "seed" / "kfor-2023-05-29.txt"
    if not path.exists():
        pytest.skip("shared seed article not available")
    docs, report = read(str(path))
    assert len(docs) == 1
    doc = docs[0]
    assert doc.id == "kfor-2023-05-29.txt"
    assert doc.date == date(2023, 5, 29)
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.text.startswith(" date 2023-05-29 The NATO-led")
    assert doc.origin == str(path) and doc.line is None
    assert (report.read, report.skipped) == (1, 0)


def test_text_file_without_date_token(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Police dispersed a rally.\nThe date 2023-05-29 is later.", encoding="utf-8")
    [doc], _ = read(str(path))
    assert doc.date is None
    assert doc.id == "story.txt"


def test_text_file_with_impossible_date_token_is_kept_undated(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text("date 2023-13-45 Troops withdrew.", encoding="utf-8")
    [doc], report = read(str(path))
    assert doc.date is None and doc.text == "date 2023-13-45 Troops withdrew."
    assert report.skipped == 0


def test_text_file_byte_order_mark_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfdate 2021-02-03 Riots erupted.")
    [doc], _ = read(str(path))
    assert doc.text == "date 2021-02-03 Riots erupted."
    assert doc.date == date(2021, 2, 3)


def test_jsonl_records_with_standard_and_alternative_fields(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    rows = [
        {
            "id": "a1",
            "text": "Rebels shelled the town.",
            "date": "2020-05-09",
            "title": "Shelling",
            "url": "http://example.org/a",
            "source": "Wire",
        },
        {"data_id": 5550101, "notes": "Nurses marched in a coastal town.", "event_date_iso": "2020-05-09"},
        {
            "gdelt_event_id": "973494593",
            "body": "Girls were kidnapped.",
            "publish_date": "2021-03-08 23:00:34",
        },
        {"doc_id": "11", "doc_text": "Police arrested ten people."},
        {"content": "Talks resumed.", "published": "2022-01-02T10:00:00Z"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs, report = read(str(path))
    assert [d.id for d in docs[:4]] == ["a1", "5550101", "973494593", "11"]
    assert docs[4].id == Document.make_id("Talks resumed.")
    assert [d.date for d in docs] == [
        date(2020, 5, 9),
        date(2020, 5, 9),
        date(2021, 3, 8),
        None,
        date(2022, 1, 2),
    ]
    assert (docs[0].title, docs[0].url, docs[0].source) == ("Shelling", "http://example.org/a", "Wire")
    assert [d.line for d in docs] == [1, 2, 3, 4, 5]
    assert all(d.origin == str(path) for d in docs)
    assert (report.read, report.skipped) == (5, 0)


def test_jsonl_compact_date_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('\n{"id": "x", "text": "Leaders met.", "date": "20080804"}\n\n', encoding="utf-8")
    [doc], report = read(str(path))
    assert doc.date == date(2008, 8, 4) and doc.line == 2
    assert report.read == 1


def test_json_array_records_carry_their_line(tmp_path: Path) -> None:
    path = tmp_path / "docs.json"
    path.write_text(
        '[\n  {"id": "1", "text": "A strike began."},\n  {"id": "2",\n   "text": "Troops left."}\n]\n',
        encoding="utf-8",
    )
    docs, _ = read(str(path))
    assert [(d.id, d.line) for d in docs] == [("1", 2), ("2", 3)]


def test_json_single_object_and_json_lines_in_json_file(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text('{\n "id": "solo",\n "text": "Ceasefire agreed."\n}', encoding="utf-8")
    lines = tmp_path / "lines.json"
    lines.write_text('{"text": "First."}\n{"text": "Second."}\n', encoding="utf-8")
    docs, report = read([str(one), str(lines)])
    assert [d.text for d in docs] == ["Ceasefire agreed.", "First.", "Second."]
    assert docs[0].id == "solo" and docs[0].line == 1
    assert [d.line for d in docs[1:]] == [1, 2]
    assert report.skipped == 0


def test_csv_rows_report_their_physical_start_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "event_id_cnty,event_date_iso,notes,source\n"
        'XYZ1,2020-05-09,"Two lines\nof notes",Paper\n'
        "XYZ2,2020-05-10,One line,\n",
        encoding="utf-8",
    )
    docs, report = read(str(path))
    assert [(d.id, d.line) for d in docs] == [("XYZ1", 2), ("XYZ2", 4)]
    assert docs[0].text == "Two lines\nof notes" and docs[0].source == "Paper"
    assert docs[1].date == date(2020, 5, 10) and docs[1].source is None
    assert (report.read, report.skipped) == (2, 0)


def test_csv_with_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfid,text\r\nk1,Crowds gathered.\r\n")
    [doc], _ = read(str(path))
    assert (doc.id, doc.text, doc.line) == ("k1", "Crowds gathered.", 2)


HTML_PAGE = """<!doctype html><html><head><title> Clashes in  Zvecan </title>
<meta property="article:published_time" content="2023-05-29T18:00:00+02:00">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><nav><ul><li>Home</li><li>World</li></ul></nav>
<header><p>Site banner</p></header>
<article><h1>Clashes in Zvecan</h1><p>Protesters clashed with KFOR troops &amp; police.</p>
<p>Thirty soldiers were<br>injured.</p><aside><p>Related story</p></aside>
<form><p>Subscribe</p></form></article>
<footer><p>Copyright</p></footer></body></html>"""


def test_html_keeps_main_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [doc], _ = read(str(path))
    # The headline repeats the title, which is kept apart: the text starts with the story.
    assert doc.text == ("Protesters clashed with KFOR troops & police.\n\nThirty soldiers were injured.")
    assert doc.title == "Clashes in Zvecan"
    assert doc.date == date(2023, 5, 29)
    assert doc.id == "page.html" and doc.line is None


def test_html_without_article_keeps_paragraphs_and_time_tag(tmp_path: Path) -> None:
    path = tmp_path / "plain.htm"
    path.write_text(
        "<html><body><div>Loose intro</div><p>Main paragraph.</p>"
        "<p>Second paragraph, with a <br>line break.</p>"
        "<time datetime='2022-03-04'>4 March</time>"
        "<noscript>Enable JS</noscript></body></html>",
        encoding="utf-8",
    )
    [doc], _ = read(str(path))
    # trafilatura keeps the story's paragraphs; a loose <div> label and <noscript> are furniture.
    assert doc.text == "Main paragraph.\n\nSecond paragraph, with a line break."
    assert doc.date == date(2022, 3, 4) and doc.title is None


def test_directory_is_read_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner.txt").write_text("Inner story.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First story.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "r", "text": "Record."}\n', encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    docs, report = read(str(tmp_path))
    assert [d.id for d in docs] == ["a.txt", "b/inner.txt", "r"]
    assert (report.read, report.skipped) == (3, 0)


def test_single_string_path_is_one_path(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Only one.", encoding="utf-8")
    report = RunReport()
    assert [d.text for d in read_documents(str(path), report)] == ["Only one."]


def test_stdin_text_without_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(" date 2023-05-29 KFOR troops were hurt."))
    [doc], report = read("-")
    assert doc.origin == "<stdin>" and doc.line is None
    assert doc.text == " date 2023-05-29 KFOR troops were hurt."
    assert doc.date == date(2023, 5, 29)
    assert doc.id == Document.make_id(doc.text)
    assert report.read == 1


def test_stdin_jsonl_and_json_array(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.StringIO('  {"id": "1", "text": "One."}\n{"id": "2", "text": "Two."}\n')
    )
    docs, _ = read("-")
    assert [(d.id, d.line, d.origin) for d in docs] == [("1", 1, "<stdin>"), ("2", 2, "<stdin>")]
    monkeypatch.setattr(sys, "stdin", io.StringIO('[{"text": "A."},\n {"text": "B."}]'))
    docs, _ = read("-")
    assert [(d.text, d.line) for d in docs] == [("A.", 1), ("B.", 2)]


class _BinaryStdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def test_stdin_binary_buffer_and_multiline_object(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _BinaryStdin('{\n "text": "Ünïcode story."\n}\n'.encode()))
    [doc], report = read("-")
    assert doc.text == "Ünïcode story." and report.skipped == 0


def test_stdin_html_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(HTML_PAGE))
    [doc], _ = read("-")
    assert doc.title == "Clashes in Zvecan" and "<" not in doc.text


def test_jsonl_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "b", "text": "Marked."}\n')
    [doc], report = read(str(path))
    assert (doc.id, doc.text, doc.line) == ("b", "Marked.", 1) and report.skipped == 0
