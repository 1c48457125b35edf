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
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..models import Document
from ..report import RunReport
from .date_header import read_date_header
from .html_text import extract_html
from .limits import ReadLimits, read_limits
from .records import (
    OverlongLine,
    check_encodable,
    iter_csv,
    iter_json_text,
    iter_jsonl,
    line_message,
    overlong_line,
    parse_date,
    size_message,
    utf8_message,
)

KNOWN_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
}
STDIN_PATH = "-"
STDIN_ORIGIN = "<stdin>"
_SNIFF_BYTES = 8192
_CHUNK = 1 << 20


def read_documents(
    paths: Iterable[str], report: RunReport, *, max_bytes: int | None = None
) -> Iterator[Document]:
    """Documents from each path in turn: a file, a directory (recursively) or ``-`` for stdin.

    ``report.read`` counts every record tried; each one that cannot be read is
    added to ``report`` with ``report.skip`` and reading goes on. A document whose id
    an earlier document of the run already has is refused, naming both, so that one
    never silently replaces the other when stored. ``max_bytes`` bounds one document
    (default: data/input_limits.yaml).
    """
    if isinstance(paths, str):
        paths = [paths]
    limits = read_limits()
    if max_bytes is not None:
        limits = replace(limits, document_bytes=max_bytes)
    yield from _unique(_read_paths(paths, report, limits), report)


def _read_paths(paths: Iterable[str], report: RunReport, limits: ReadLimits) -> Iterator[Document]:
    for path in paths:
        if path == STDIN_PATH:
            yield from _read_stdin(report, limits)
        elif os.path.isdir(path):
            yield from _read_directory(path, path, report, limits)
        elif not os.path.lexists(path):
            _fail(report, "no such file", path)
        else:
            kind = KNOWN_SUFFIXES.get(Path(path).suffix.lower())
            if kind is None:
                _fail(report, _unknown_type_message(path), path)
            else:
                yield from _read_file(path, kind, Path(path).name, report, limits)


def _unique(documents: Iterable[Document], report: RunReport) -> Iterator[Document]:
    """The documents whose id no earlier document of this run had."""
    first: dict[str, tuple[str | None, int | None]] = {}
    for doc in documents:
        seen = first.get(doc.id)
        if seen is None:
            first[doc.id] = (doc.origin, doc.line)
            yield doc
            continue
        where = seen[0] or "<input>"
        if seen[1] is not None:
            where = f"{where}:{seen[1]}"
        report.skip(
            InputError(
                f"document id {doc.id!r} is already used by {where} in this "
                "run; this one is not read (give it its own id)",
                doc.origin,
                doc.line,
                kind="duplicate document id",
            )
        )


def _unknown_type_message(path: str) -> str:
    suffix = Path(path).suffix or "(no extension)"
    known = ", ".join(sorted(KNOWN_SUFFIXES))
    return f"unknown file type {suffix!r}; known types: {known}, or '-' for stdin"


def _fail(
    report: RunReport, message: str, origin: str, line: int | None = None, kind: str | None = None
) -> None:
    report.read += 1
    report.skip(InputError(message, origin, line, kind=kind))


def _read_directory(directory: str, root: str, report: RunReport, limits: ReadLimits) -> Iterator[Document]:
    """Known file types under ``directory`` in name order; hidden entries are left out.

    Symlinked directories are not followed, so a link loop cannot recurse forever. A
    document's id is its path below ``root`` with its extension, so ``a/report.txt`` and
    ``b/report.txt``, or ``x.txt`` and ``x.html``, stay two documents.
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
            yield from _read_directory(entry.path, root, report, limits)
            continue
        kind = KNOWN_SUFFIXES.get(Path(entry.name).suffix.lower())
        if kind is not None:
            doc_id = Path(os.path.relpath(entry.path, root)).as_posix()
            yield from _read_file(entry.path, kind, doc_id, report, limits)


def _os_message(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "no such file"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {err.strerror or err}"


_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular_message(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    what = next((name for test, name in _SPECIAL_FILES if test(mode)), "a special file")
    # A FIFO may never end and a device like /dev/zero never does.
    return f"{what}, not a regular file; only files, directories and '-' (stdin) are read"


def _open_without_waiting(path: str, flags: int) -> int:
    # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting.
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def _open_regular(path: str) -> BinaryIO:
    """``path`` opened for reading; OSError, or InputError when it is not a regular file.

    The mode is checked on the open descriptor, so a name swapped for a FIFO or a device
    between a check and the open is refused all the same; the check before the open
    names a socket, which cannot be opened at all."""
    problem = _not_regular_message(os.stat(path).st_mode)
    if problem:
        raise InputError(problem, path, kind="not a regular file")
    handle = open(path, "rb", opener=_open_without_waiting)
    try:
        problem = _not_regular_message(os.fstat(handle.fileno()).st_mode)
        if problem:
            raise InputError(problem, path, kind="not a regular file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(handle.fileno(), True)
    except BaseException:
        handle.close()
        raise
    return handle


def _read_file(
    path: str, kind: str, doc_id: str, report: RunReport, limits: ReadLimits
) -> Iterator[Document]:
    try:
        handle = _open_regular(path)
    except OSError as err:
        _fail(report, _os_message(err), path)
        return
    except InputError as err:
        report.read += 1
        report.skip(err)
        return
    with handle:
        try:
            if kind in ("text", "html"):
                # Refused by its size before reading; the bounded read catches a file
                # that grew since.
                size = os.fstat(handle.fileno()).st_size
                data = b"" if size > limits.document_bytes else handle.read(limits.document_bytes + 1)
                if max(size, len(data)) > limits.document_bytes:
                    _fail(
                        report,
                        size_message(max(size, len(data)), limits.document_bytes),
                        path,
                        kind="too large",
                    )
                    return
            elif kind == "json":
                data = handle.read(limits.json_bytes + 1)
                if len(data) > limits.json_bytes:
                    _fail(report, _json_size_message(limits), path, kind="too large")
                    return
            else:
                data = handle.read(_SNIFF_BYTES)
        except OSError as err:
            _fail(report, _os_message(err), path)
            return
        if b"\x00" in data[:_SNIFF_BYTES]:
            _fail(report, "binary file, not text", path)
            return
        if kind in ("jsonl", "csv"):
            lines = _bounded_lines(_Rejoined(data, handle), limits.line_bytes)
            parse = iter_jsonl if kind == "jsonl" else iter_csv
            yield from _guarded(parse(lines, path, report, limits.document_bytes), path, report)
        else:
            yield from _whole_file(data, kind, path, doc_id, report, limits)


def _json_size_message(limits: ReadLimits) -> str:
    return (
        f"JSON is larger than the {limits.json_bytes / 1e6:.1f} MB limit for one .json "
        "file or JSON on standard input; write one record a line (.jsonl) instead"
    )


class _Rejoined:
    """``head`` (bytes already read to sniff the input) followed by the rest of ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self._head = io.BytesIO(head)
        self._stream = stream

    def readline(self, limit: int) -> bytes:
        line = self._head.readline(limit)
        if line.endswith(b"\n") or len(line) >= limit:
            return line
        return line + self._stream.readline(limit - len(line))

    def read(self, size: int) -> bytes:
        data = self._head.read(size)
        if len(data) < size:
            data += self._stream.read(size - len(data))
        return data


def _bounded_lines(stream: _Rejoined, limit: int, stop_at_long: bool = False) -> Iterator[bytes]:
    """Lines of ``stream``, each read with at most ``limit + 1`` bytes in memory.

    A longer line comes out as an OverlongLine, its bytes discarded up to the next
    newline; with ``stop_at_long`` (standard input, which may never end) reading stops
    there instead."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n") and len(line) == limit + 1:
            yield line
            continue
        yield overlong_line(limit)
        if stop_at_long:
            return
        while line and not line.endswith(b"\n"):
            line = stream.readline(_CHUNK)


def _guarded(documents: Iterator[Document], origin: str, report: RunReport) -> Iterator[Document]:
    """Pass documents on; an OS error part-way through a file ends that file, not the run."""
    try:
        yield from documents
    except OSError as err:
        _fail(report, _os_message(err), origin)


def _whole_file(
    data: bytes, kind: str, origin: str, doc_id: str | None, report: RunReport, limits: ReadLimits
) -> Iterator[Document]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        _fail(report, utf8_message(data, err), origin, _line_of_byte(data, err.start), kind="not valid UTF-8")
        return
    text = text.removeprefix("\ufeff")
    if kind == "json":
        yield from iter_json_text(text, origin, report, limits.document_bytes)
        return
    report.read += 1
    try:
        if doc_id is not None:
            check_encodable(doc_id, "the file name (the document id)", origin, None)
        yield (_html_document if kind == "html" else _text_document)(text, origin, doc_id)
    except InputError as err:
        report.skip(err)


def _line_of_byte(data: bytes, offset: int) -> int | None:
    line = data.count(b"\n", 0, offset) + 1
    return line if line > 1 else None


def _text_document(text: str, origin: str, doc_id: str | None) -> Document:
    if not text.strip():
        raise InputError("empty text", origin)
    header = read_date_header(text)
    day = header.day if header else None
    return Document(id=doc_id or Document.make_id(text), text=text, date=day, origin=origin)


def _html_document(markup: str, origin: str, doc_id: str | None) -> Document:
    page = extract_html(markup)
    if not page.text.strip():
        raise InputError("empty text (no readable paragraphs in the HTML page)", origin)
    return Document(
        id=doc_id or Document.make_id(page.text),
        text=page.text,
        date=parse_date(page.date),
        title=page.title,
        origin=origin,
    )


def _stdin_bytes() -> BinaryIO | None:
    stream = sys.stdin
    if stream is None:
        return None
    buffer: BinaryIO | None = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer
    # A replaced sys.stdin (tests, embedding) may only offer text; re-encode it.
    return io.BytesIO(stream.read().encode("utf-8", "surrogatepass"))


def _read_stdin(report: RunReport, limits: ReadLimits) -> Iterator[Document]:
    """Sniff standard input: JSON when it starts with '{' or '[', else one text document.

    Standard input may never end (``yes |``), so past a limit it is refused, not drained."""
    stream = _stdin_bytes()
    if stream is None:
        _fail(report, "no standard input", STDIN_ORIGIN)
        return
    yield from _guarded(_sniff_stdin(stream, report, limits), STDIN_ORIGIN, report)


def _sniff_stdin(stream: BinaryIO, report: RunReport, limits: ReadLimits) -> Iterator[Document]:
    head = stream.read(_SNIFF_BYTES)
    while head and not head.removeprefix(b"\xef\xbb\xbf").strip():
        if len(head) > limits.document_bytes:
            _fail(report, _stdin_size_message(limits.document_bytes), STDIN_ORIGIN, kind="too large")
            return
        more = stream.read(_SNIFF_BYTES)
        if not more:
            break
        head += more
    if b"\x00" in head[:_SNIFF_BYTES]:
        _fail(report, "binary file, not text", STDIN_ORIGIN)
        return
    first = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    rest = _Rejoined(head, stream)
    if first == b"{":
        lines = _bounded_lines(rest, limits.line_bytes, stop_at_long=True)
        first_line = next(lines, b"")
        if _is_json_object(first_line):
            yield from iter_jsonl(chain([first_line], lines), STDIN_ORIGIN, report, limits.document_bytes)
            return
        if isinstance(first_line, OverlongLine):
            _fail(
                report,
                line_message(limits.line_bytes) + "; standard input is not read further",
                STDIN_ORIGIN,
                1,
                kind="too large",
            )
            return
        # One object spread over several lines: parse standard input as a whole.
        data = first_line + rest.read(limits.json_bytes + 1 - len(first_line))
        yield from _stdin_json(data, report, limits)
    elif first == b"[":
        yield from _stdin_json(rest.read(limits.json_bytes + 1), report, limits)
    else:
        data = rest.read(limits.document_bytes + 1)
        if len(data) > limits.document_bytes:
            _fail(report, _stdin_size_message(limits.document_bytes), STDIN_ORIGIN, kind="too large")
            return
        kind = "html" if _looks_like_html(head) else "text"
        yield from _whole_file(data, kind, STDIN_ORIGIN, None, report, limits)


def _stdin_json(data: bytes, report: RunReport, limits: ReadLimits) -> Iterator[Document]:
    if len(data) > limits.json_bytes:
        _fail(
            report,
            _json_size_message(limits) + "; standard input is not read further",
            STDIN_ORIGIN,
            kind="too large",
        )
        return
    yield from _whole_file(data, "json", STDIN_ORIGIN, None, report, limits)


def _stdin_size_message(limit: int) -> str:
    return (
        f"standard input is larger than the {limit / 1e6:.1f} MB limit for one document; "
        "it is not read further"
    )


def _is_json_object(line: bytes) -> bool:
    if isinstance(line, OverlongLine):
        return False
    try:
        return isinstance(json.loads(line.removeprefix(b"\xef\xbb\xbf")), dict)
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, giant numbers
        return False


def _looks_like_html(head: bytes) -> bool:
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:15].lower()
    return start.startswith((b"<!doctype html", b"<html"))
