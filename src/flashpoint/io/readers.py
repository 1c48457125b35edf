"""Read articles from files, directories and standard input as Documents.

Every problem with the input (missing file, binary or non-UTF-8 bytes, a broken
record, an oversized document) becomes an InputError in the RunReport and the
next record is read; nothing here raises on bad input. ``Document.text`` is the
text exactly as decoded (only a UTF-8 byte-order mark is removed), so character
offsets into it can be checked against the file.
"""
from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..models import Document
from ..report import RunReport
from .html_text import extract_html
from .records import iter_csv, iter_json_text, iter_jsonl, parse_date, size_message, utf8_message

KNOWN_SUFFIXES: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv",
    ".html": "html", ".htm": "html",
}
STDIN_PATH = "-"
STDIN_ORIGIN = "<stdin>"
_SNIFF_BYTES = 8192
_CHUNK = 1 << 20
# The reference article starts " date 2023-05-29 The NATO-led ...": a leading date token.
_DATE_TOKEN = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})(?!\S)", re.IGNORECASE)


def read_documents(paths: Iterable[str], report: RunReport, *,
                   max_bytes: int = 5_000_000) -> Iterator[Document]:
    """Documents from each path in turn: a file, a directory (recursively) or ``-`` for stdin.

    ``report.read`` counts every record tried; each one that cannot be read is
    added to ``report`` with ``report.skip`` and reading goes on.
    """
    if isinstance(paths, str):
        paths = [paths]
    for path in paths:
        if path == STDIN_PATH:
            yield from _read_stdin(report, max_bytes)
        elif os.path.isdir(path):
            yield from _read_directory(path, path, report, max_bytes)
        elif not os.path.lexists(path):
            _fail(report, "no such file", path)
        else:
            kind = KNOWN_SUFFIXES.get(Path(path).suffix.lower())
            if kind is None:
                _fail(report, _unknown_type_message(path), path)
            else:
                yield from _read_file(path, kind, Path(path).stem, report, max_bytes)


def _unknown_type_message(path: str) -> str:
    suffix = Path(path).suffix or "(no extension)"
    known = ", ".join(sorted(KNOWN_SUFFIXES))
    return f"unknown file type {suffix!r}; known types: {known}, or '-' for stdin"


def _fail(report: RunReport, message: str, origin: str, line: int | None = None) -> None:
    report.read += 1
    report.skip(InputError(message, origin, line))


def _read_directory(directory: str, root: str, report: RunReport,
                    max_bytes: int) -> Iterator[Document]:
    """Known file types under ``directory`` in name order; hidden entries are left out.

    Symlinked directories are not followed, so a link loop cannot recurse forever.
    """
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as err:
        _fail(report, _os_message(err), directory)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _read_directory(entry.path, root, report, max_bytes)
            continue
        kind = KNOWN_SUFFIXES.get(Path(entry.name).suffix.lower())
        if kind is not None:
            doc_id = Path(os.path.relpath(entry.path, root)).with_suffix("").as_posix()
            yield from _read_file(entry.path, kind, doc_id, report, max_bytes)


def _os_message(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "no such file"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {err.strerror or err}"


def _read_file(path: str, kind: str, doc_id: str, report: RunReport,
               max_bytes: int) -> Iterator[Document]:
    try:
        handle = open(path, "rb")
    except OSError as err:
        _fail(report, _os_message(err), path)
        return
    with handle:
        try:
            if kind in ("text", "html"):
                size = os.fstat(handle.fileno()).st_size
                if size > max_bytes:
                    _fail(report, size_message(size, max_bytes), path)
                    return
                data = handle.read()
            elif kind == "json":
                data = handle.read()
            else:
                data = handle.read(_SNIFF_BYTES)
        except OSError as err:
            _fail(report, _os_message(err), path)
            return
        if b"\x00" in data[:_SNIFF_BYTES]:
            _fail(report, "binary file, not text", path)
            return
        if kind in ("jsonl", "csv"):
            lines = _lines_after(data, handle)
            parse = iter_jsonl if kind == "jsonl" else iter_csv
            yield from _guarded(parse(lines, path, report, max_bytes), path, report)
        else:
            yield from _whole_file(data, kind, path, doc_id, report, max_bytes)


def _lines_after(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """Lines of ``head`` followed by the rest of ``stream``, split only at newlines."""
    if head and not head.endswith(b"\n"):
        head += stream.readline()
    return chain(io.BytesIO(head), stream)


def _guarded(documents: Iterator[Document], origin: str,
             report: RunReport) -> Iterator[Document]:
    """Pass documents on; an OS error part-way through a file ends that file, not the run."""
    try:
        yield from documents
    except OSError as err:
        _fail(report, _os_message(err), origin)


def _whole_file(data: bytes, kind: str, origin: str, doc_id: str | None, report: RunReport,
                max_bytes: int) -> Iterator[Document]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        _fail(report, utf8_message(data, err), origin, _line_of_byte(data, err.start))
        return
    text = text.removeprefix("\ufeff")
    if kind == "json":
        yield from iter_json_text(text, origin, report, max_bytes)
        return
    report.read += 1
    try:
        yield (_html_document if kind == "html" else _text_document)(text, origin, doc_id)
    except InputError as err:
        report.skip(err)


def _line_of_byte(data: bytes, offset: int) -> int | None:
    line = data.count(b"\n", 0, offset) + 1
    return line if line > 1 else None


def _text_document(text: str, origin: str, doc_id: str | None) -> Document:
    if not text.strip():
        raise InputError("empty text", origin)
    token = _DATE_TOKEN.match(text)
    day = parse_date(token[1]) if token else None
    return Document(id=doc_id or Document.make_id(text), text=text, date=day, origin=origin)


def _html_document(markup: str, origin: str, doc_id: str | None) -> Document:
    page = extract_html(markup)
    if not page.text.strip():
        raise InputError("empty text (no readable paragraphs in the HTML page)", origin)
    return Document(id=doc_id or Document.make_id(page.text), text=page.text,
                    date=parse_date(page.date), title=page.title, origin=origin)


def _stdin_bytes() -> BinaryIO | None:
    stream = sys.stdin
    if stream is None:
        return None
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer
    # A replaced sys.stdin (tests, embedding) may only offer text; re-encode it.
    return io.BytesIO(stream.read().encode("utf-8", "surrogatepass"))


def _read_stdin(report: RunReport, max_bytes: int) -> Iterator[Document]:
    """Sniff standard input: JSON when it starts with '{' or '[', else one text document."""
    stream = _stdin_bytes()
    if stream is None:
        _fail(report, "no standard input", STDIN_ORIGIN)
        return
    yield from _guarded(_sniff_stdin(stream, report, max_bytes), STDIN_ORIGIN, report)


def _sniff_stdin(stream: BinaryIO, report: RunReport,
                 max_bytes: int) -> Iterator[Document]:
    head = stream.read(_SNIFF_BYTES)
    while head and not head.removeprefix(b"\xef\xbb\xbf").strip():
        more = stream.read(_SNIFF_BYTES)
        if not more:
            break
        head += more
    if b"\x00" in head[:_SNIFF_BYTES]:
        _fail(report, "binary file, not text", STDIN_ORIGIN)
        return
    first = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if first == b"{":
        lines = _lines_after(head, stream)
        first_line = next(lines, b"")
        if _is_json_object(first_line):
            yield from iter_jsonl(chain([first_line], lines), STDIN_ORIGIN, report, max_bytes)
            return
        # One object spread over several lines: parse standard input as a whole.
        yield from _whole_file(first_line + b"".join(lines), "json", STDIN_ORIGIN, None,
                               report, max_bytes)
    elif first == b"[":
        yield from _whole_file(head + stream.read(), "json", STDIN_ORIGIN, None,
                               report, max_bytes)
    else:
        data = head + stream.read(max_bytes + 1 - len(head)) if len(head) <= max_bytes else head
        if len(data) > max_bytes:
            size = len(data) + sum(len(chunk) for chunk in iter(lambda: stream.read(_CHUNK), b""))
            _fail(report, size_message(size, max_bytes), STDIN_ORIGIN)
            return
        kind = "html" if _looks_like_html(head) else "text"
        yield from _whole_file(data, kind, STDIN_ORIGIN, None, report, max_bytes)


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line.removeprefix(b"\xef\xbb\xbf")), dict)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError are both ValueErrors
        return False


def _looks_like_html(head: bytes) -> bool:
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:15].lower()
    return start.startswith((b"<!doctype html", b"<html"))
