"""Property and fuzz tests of the readers: whatever the bytes, reading never raises,
every problem is an InputError naming the file (and line when there is one), and the
counts add up: read = documents returned + records skipped."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.errors import InputError
from flashpoint.io import read_documents
from flashpoint.io.html_text import extract_html
from flashpoint.io.records import parse_date
from flashpoint.models import Document
from flashpoint.report import RunReport


def fuzz(examples: int) -> settings:
    """Reproducible settings (same inputs on every run); docs/reliability.md adds them up."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


SUFFIXES = (".txt", ".jsonl", ".json", ".csv", ".html")
# Scripts beyond Latin, so decoding and offsets see multi-byte characters.
WORLD_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=80)
NON_LATIN = st.sampled_from(
    [
        "Полиция задержала 12 человек в Москве.",
        "اعتقلت الشرطة عشرة متظاهرين في بغداد",
        "警察は東京で抗議者を逮捕した。",
        "Η αστυνομία συνέλαβε διαδηλωτές.",
        "Ataque en Bogotá: tres muertos, según la policía.",
    ]
)
ABSURD_DATES = st.one_of(
    st.sampled_from(
        [
            "0000-01-01",
            "99999-12-31",
            "2023-02-30",
            "2023-13-01",
            "yesterday",
            "",
            "  ",
            "20230230",
            "99991231",
            "0000-00-00",
            "2023-02-28T99:99",
            "-2023-01-01",
            "1e9",
            "2023-02-29",
            "2024-02-29",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.text(max_size=15),
)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-readers-") as name:
        yield Path(name)


def read(path: Path) -> tuple[list[Document], RunReport]:
    report = RunReport()
    docs = list(read_documents([str(path)], report))
    return docs, report


def check_accounting(path: Path, docs: list[Document], report: RunReport, n_lines: int | None = None) -> None:
    assert report.read == len(docs) + report.skipped
    assert report.skipped == len(report.errors)
    for err in report.errors:
        assert isinstance(err, InputError)
        assert err.origin == str(path)
        assert str(err).startswith(f"{path}:" if err.line else f"{path}: ")
        if err.line is not None and n_lines is not None:
            assert 1 <= err.line <= n_lines + 1
    for doc in docs:
        assert doc.text.strip() and doc.origin == str(path)
        assert doc.date is None or isinstance(doc.date, date)


@fuzz(2500)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_in_every_file_type(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"random{suffix}"
    path.write_bytes(data)
    docs, report = read(path)
    check_accounting(path, docs, report, data.count(b"\n") + 1)
    assert report.read >= 1


def jsonl_line(kind: str, text: str, when: object, number: int) -> str:
    record = {"id": f"r{number}", "text": text, "date": when}
    if kind == "good":
        return json.dumps(record, ensure_ascii=number % 2 == 0)
    return {
        "truncated": json.dumps(record)[:-1],
        "single-quoted": repr(record),
        "array": json.dumps([text]),
        "no-text": json.dumps({"id": "x", "title": text}),
        "number-text": json.dumps({"text": 7}),
        "blank-text": json.dumps({"text": " \t"}),
        "null": "null",
        "garbage": "<html>" + text.replace("\n", " "),
    }[kind]


LINE_KINDS = (
    "good",
    "good",
    "good",
    "truncated",
    "single-quoted",
    "array",
    "no-text",
    "number-text",
    "blank-text",
    "null",
    "garbage",
)


@fuzz(1000)
@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from(LINE_KINDS),
            st.one_of(WORLD_TEXT, NON_LATIN),
            ABSURD_DATES,
            st.sampled_from(["", "\n", "\r\n  \n"]),
        ),
        max_size=12,
    )
)
def test_jsonl_errors_name_exactly_the_bad_lines(folder: Path, lines: list) -> None:
    out, good, bad, number = [], [], [], 0
    for n, (kind, text, when, gap) in enumerate(lines):
        if kind == "good" and not text.strip():
            kind = "blank-text"
        number += 1
        out.append(jsonl_line(kind, text, when, n) + "\n")
        (good if kind == "good" else bad).append(number)
        for _ in range(gap.count("\n")):
            number += 1
            out.append("\n" if gap.strip(" \r\n") == "" else gap)
    path = folder / "mixed.jsonl"
    path.write_text("".join(out), encoding="utf-8")
    docs, report = read(path)
    check_accounting(path, docs, report, number)
    assert [d.line for d in docs] == good
    if lines:
        assert [e.line for e in report.errors] == bad
    else:
        assert [e.reason for e in report.errors] == ["empty file, no records"]
    for doc in docs:
        assert doc.date is None or 1 <= doc.date.year <= 9999


@fuzz(1500)
@given(
    text=st.one_of(NON_LATIN, WORLD_TEXT),
    codec=st.sampled_from(
        ["latin-1", "cp1251", "cp1252", "shift_jis", "gb2312", "utf-16", "utf-8-sig", "koi8-r", "big5"]
    ),
    suffix=st.sampled_from((".txt", ".html", ".jsonl", ".csv")),
)
def test_non_utf8_text_is_one_located_error_or_decoded_exactly(
    folder: Path, text: str, codec: str, suffix: str
) -> None:
    body = {
        ".txt": text,
        ".html": f"<p>{html.escape(text)}</p>",
        ".jsonl": json.dumps({"text": text}, ensure_ascii=False),
        ".csv": "id,text\n1," + json.dumps(text, ensure_ascii=False),
    }[suffix]
    data = body.encode(codec, errors="ignore")
    path = folder / f"encoded{suffix}"
    path.write_bytes(data)
    docs, report = read(path)
    check_accounting(path, docs, report, data.count(b"\n") + 1)
    for err in report.errors:
        found = re.search(r"not valid UTF-8 \(byte 0x([0-9a-f]{2}) at offset (\d+)\)", err.reason)
        if found:
            assert data[int(found[2])] == int(found[1], 16)
    if suffix == ".txt" and docs:
        assert docs[0].text == data.decode("utf-8").removeprefix("\ufeff")


def csv_rows(draw_rows: list[list[str]], header: list[str]) -> tuple[str, list[int], list[int]]:
    """The CSV text and the lines where the good and the bad rows start."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    line, good, bad = 2, [], []
    text_column = header.index("text")
    for row in draw_rows:
        start = buffer.tell()
        writer.writerow(row)
        if not (len(row) == 1 and not row[0].strip()) and row:
            if len(row) == len(header) and row[text_column].strip():
                good.append(line)
            else:
                bad.append(line)
        line += buffer.getvalue()[start:].count("\n")
    return buffer.getvalue(), good, bad


CSV_FIELD = st.one_of(
    WORLD_TEXT, NON_LATIN, st.sampled_from(["", " ", 'say "hi"', "a,b", "two\nlines", "2023-02-30"])
)


@fuzz(800)
@given(
    extra=st.lists(st.sampled_from(["id", "date", "title", "url", "notes", "x"]), max_size=3, unique=True),
    rows=st.lists(
        st.lists(CSV_FIELD.map(lambda s: s.replace("\x00", "").replace("\r", "")), min_size=1, max_size=6),
        max_size=10,
    ),
)
def test_csv_with_missing_or_extra_columns(folder: Path, extra: list[str], rows: list[list[str]]) -> None:
    header = ["text", *extra]
    body, good, bad = csv_rows(rows, header)
    path = folder / "rows.csv"
    path.write_text(body, encoding="utf-8")
    docs, report = read(path)
    check_accounting(path, docs, report, body.count("\n") + 1)
    # Rows whose id (the id cell, else a hash of the text) an earlier row has are refused.
    repeats = [e for e in report.errors if e.kind == "duplicate document id"]
    assert len({d.id for d in docs}) == len(docs)
    assert sorted([d.line for d in docs] + [e.line for e in repeats]) == good
    assert [e.line for e in report.errors if e not in repeats] == bad or not rows


TAGS = (
    "div",
    "p",
    "span",
    "article",
    "main",
    "section",
    "ul",
    "li",
    "table",
    "td",
    "script",
    "style",
    "nav",
    "b",
    "br",
    "img",
    "h1",
    "title",
    "svg",
    "template",
)


def render(node: object) -> str:
    if isinstance(node, str):
        return html.escape(node)
    tag, children, closed = node
    # Script content is raw text up to the first </script>, so it holds no children.
    inner = "SCRIPTSENTINEL" if tag == "script" else "".join(render(c) for c in children)
    return f"<{tag}>{inner}" + (f"</{tag}>" if closed else "")


HTML_TREES = st.recursive(
    st.one_of(WORLD_TEXT, NON_LATIN),
    lambda kids: st.tuples(st.sampled_from(TAGS), st.lists(kids, max_size=4), st.booleans()),
    max_leaves=40,
)


@fuzz(600)
@given(tree=HTML_TREES, depth=st.integers(0, 3000), tag=st.sampled_from(TAGS))
def test_deeply_nested_and_unbalanced_html(folder: Path, tree: object, depth: int, tag: str) -> None:
    markup = f"<{tag}>" * depth + render(tree) + f"</{tag}>" * (depth // 2)
    page = extract_html(markup)
    assert "SCRIPTSENTINEL" not in page.text
    path = folder / "page.html"
    path.write_text(markup, encoding="utf-8")
    docs, report = read(path)
    check_accounting(path, docs, report)
    assert report.read == 1 and [d.text for d in docs] == ([page.text] if page.text.strip() else [])


@fuzz(1500)
@given(
    value=st.one_of(
        ABSURD_DATES,
        st.dates().map(str),
        st.dates().map(lambda d: f"{d:%Y%m%d}"),
        st.from_regex(r"\A-?\d{1,6}-\d{1,3}-\d{1,3}.{0,5}\Z"),
    )
)
def test_parse_date_returns_a_real_day_or_none(value: object) -> None:
    day = parse_date(value)
    assert day is None or isinstance(day, date)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        y, m, d = map(int, value.split("-"))
        valid = 1 <= y and 1 <= m <= 12 and 1 <= d <= 31
        if day is not None:
            assert (day.year, day.month, day.day) == (y, m, d) and valid


@fuzz(1500)
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.builds(lambda t: json.dumps({"text": t}).encode(), WORLD_TEXT),
        st.builds(lambda t: ("[" + json.dumps({"text": t})).encode(), WORLD_TEXT),
        st.builds(lambda t: f"<html><p>{t}".encode("utf-8", "ignore"), WORLD_TEXT),
    )
)
def test_standard_input_of_any_bytes(data: bytes) -> None:
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        report = RunReport()
        docs = list(read_documents(["-"], report))
    finally:
        sys.stdin = saved
    assert report.read == len(docs) + report.skipped >= 1
    assert all(isinstance(e, InputError) and e.origin == "<stdin>" for e in report.errors)


TEN_MB = 10 * 1024 * 1024


def test_ten_megabyte_text_file_is_refused_with_its_size(folder: Path) -> None:
    path = folder / "huge.txt"
    path.write_bytes(b"Protesters marched in the capital. " * (TEN_MB // 35))
    docs, report = read(path)
    assert docs == [] and [e.reason for e in report.errors] == [
        "document is 10.5 MB, larger than the 5.0 MB limit"
    ]


def test_ten_megabyte_jsonl_line_is_refused_and_next_line_read(folder: Path) -> None:
    path = folder / "huge.jsonl"
    huge = json.dumps({"text": "x" * TEN_MB})
    path.write_text(huge + "\n" + json.dumps({"text": "Small one."}) + "\n", encoding="utf-8")
    docs, report = read(path)
    assert [d.text for d in docs] == ["Small one."]
    assert [(e.line, e.reason.split(",")[0]) for e in report.errors] == [(1, "document is 10.5 MB")]


def test_ten_megabytes_of_small_records_are_all_read(folder: Path) -> None:
    path = folder / "many.jsonl"
    # Each record its own id: one text repeated without ids would be one document.
    line = json.dumps({"id": "r0000000", "text": "Police arrested a dozen protesters."}) + "\n"
    count = TEN_MB // len(line)
    path.write_text("".join(line.replace("r0000000", f"r{n:07d}") for n in range(count)), encoding="utf-8")
    docs, report = read(path)
    assert (len(docs), report.skipped, report.read) == (count, 0, count)


def test_ten_megabytes_of_random_bytes_on_standard_input() -> None:
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(bytes(range(1, 256)) * (TEN_MB // 255)))
    try:
        report = RunReport()
        docs = list(read_documents(["-"], report))
    finally:
        sys.stdin = saved
    assert docs == [] and report.read == report.skipped == 1


def test_empty_inputs_of_every_type(folder: Path) -> None:
    for suffix in SUFFIXES:
        path = folder / f"empty{suffix}"
        path.write_bytes(b"")
        docs, report = read(path)
        assert docs == [] and report.read == report.skipped == 1, suffix
        assert str(path) in str(report.errors[0])
