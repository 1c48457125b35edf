"""Turn JSON, JSON Lines and CSV records into Documents.

Evaluation and development sets name their fields differently (ACLED ``notes``,
hrdsattack ``publish_date``, indiapoliceevents ``doc_text`` …), so each Document
field is looked up under a short list of accepted names, first match wins.
Bad records never stop a file: each becomes an InputError in the run report.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Iterator
from datetime import date as Date
from typing import Any

from ..errors import InputError
from ..models import Document
from ..report import RunReport
from .limits import read_limits

ID_FIELDS = ("id", "data_id", "event_id_cnty", "doc_id", "gdelt_event_id")
TEXT_FIELDS = ("text", "notes", "body", "content", "doc_text")
DATE_FIELDS = ("date", "publish_date", "published", "event_date_iso")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
SOURCE_FIELDS = ("source", "publication")

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")
_COMPACT_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})")  # petrarch2 GSR writes 20080804
_BOM = "\ufeff"
_BOM_BYTES = b"\xef\xbb\xbf"

# One CSV cell holds at most one line's worth; a longer cell is malformed input.
csv.field_size_limit(read_limits().line_bytes)

# Fields whose strings are stored and printed: each must be encodable as UTF-8.
CHECKED_FIELDS = (ID_FIELDS, TEXT_FIELDS, TITLE_FIELDS, URL_FIELDS, SOURCE_FIELDS)
_SURROGATE = re.compile("[\ud800-\udfff]")


class OverlongLine(bytes):
    """Stands for a physical line longer than the line limit; its bytes are not kept."""

    limit: int = 0


def overlong_line(limit: int) -> OverlongLine:
    line = OverlongLine()
    line.limit = limit
    return line


def line_message(limit: int) -> str:
    return f"line is longer than the {limit / 1e6:.1f} MB limit for one record"


def size_message(n_bytes: int, max_bytes: int) -> str:
    return f"document is {n_bytes / 1e6:.1f} MB, larger than the {max_bytes / 1e6:.1f} MB limit"


def utf8_message(data: bytes, err: UnicodeDecodeError, base_offset: int = 0) -> str:
    return f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {base_offset + err.start})"


def parse_date(value: object) -> Date | None:
    """The calendar day at the start of ``value``, or None when it is not a real date."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    match = _ISO_DAY.match(text) or _COMPACT_DAY.fullmatch(text)
    if not match:
        return None
    try:
        return Date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _first_present(record: dict[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        if name in record and record[name] is not None:
            return name, record[name]
    return None, None


def unencodable_at(value: str) -> int | None:
    """Index of the first lone surrogate in ``value`` (text no UTF-8 file can hold), or None.

    JSON's \\ud83d escape without its pair decodes to one; so does a file name whose bytes
    are not UTF-8. Such text cannot be stored or printed, so its record is refused."""
    found = _SURROGATE.search(value)
    return found.start() if found else None


def check_encodable(value: str, what: str, origin: str | None, line: int | None) -> None:
    """Raise InputError when ``value`` holds a lone surrogate."""
    at = unencodable_at(value)
    if at is not None:
        raise InputError(
            f"{what} holds a lone surrogate (\\u{ord(value[at]):04x}) at "
            f"character {at}, which is not valid Unicode text",
            origin,
            line,
            kind="unencodable text",
        )


def _check_record_strings(record: dict[str, Any], origin: str, line: int | None) -> None:
    for names in CHECKED_FIELDS:
        name, value = _first_present(record, names)
        if isinstance(value, str):
            check_encodable(value, f"field '{name}'", origin, line)
    name, value = _first_present(record, ID_FIELDS)
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(f"field '{name}' is not a finite number", origin, line, kind="non-finite id")


def _optional_str(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    _, value = _first_present(record, names)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def record_to_document(record: object, origin: str, line: int | None, max_bytes: int) -> Document:
    """Build a Document from one parsed record; raise InputError when it cannot be one."""
    if not isinstance(record, dict):
        kind = type(record).__name__ if record is not None else "null"
        raise InputError(f"record is a JSON {_json_kind(kind)}, not an object", origin, line)
    name, text = _first_present(record, TEXT_FIELDS)
    if name is None:
        raise InputError(
            f"record has no text (expected a field named one of: {', '.join(TEXT_FIELDS)})", origin, line
        )
    if not isinstance(text, str):
        raise InputError(f"field '{name}' is not a string", origin, line)
    if not text.strip():
        raise InputError("empty text", origin, line)
    n_bytes = len(text.encode("utf-8", "surrogatepass"))
    if n_bytes > max_bytes:
        raise InputError(size_message(n_bytes, max_bytes), origin, line, kind="too large")
    _check_record_strings(record, origin, line)
    doc_id = _optional_str(record, ID_FIELDS) or Document.make_id(text)
    day = None
    for field_name in DATE_FIELDS:
        day = parse_date(record.get(field_name))
        if day is not None:
            break
    source = _optional_str(record, SOURCE_FIELDS)
    if source and source[0] in "[{":
        # plover_gsr uses "source" for its actor list, not for a publication name.
        source = None
    return Document(
        id=doc_id,
        text=text,
        date=day,
        title=_optional_str(record, TITLE_FIELDS),
        url=_optional_str(record, URL_FIELDS),
        source=source,
        origin=origin,
        line=line,
    )


def _json_kind(python_type: str) -> str:
    return {"list": "array", "str": "string", "int": "number", "float": "number", "bool": "boolean"}.get(
        python_type, python_type
    )


def _attempt(
    record: object, origin: str, line: int | None, report: RunReport, max_bytes: int
) -> Document | None:
    report.read += 1
    try:
        return record_to_document(record, origin, line, max_bytes)
    except InputError as err:
        report.skip(err)
        return None


def iter_jsonl(lines: Iterable[bytes], origin: str, report: RunReport, max_bytes: int) -> Iterator[Document]:
    """One record per non-blank line; a broken line is reported and the rest still read."""
    offset, attempted = 0, report.read
    for number, raw in enumerate(lines, start=1):
        base, offset = offset, offset + len(raw)
        if isinstance(raw, OverlongLine):
            report.read += 1
            report.skip(InputError(line_message(raw.limit), origin, number, kind="too large"))
            continue
        if number == 1 and raw.startswith(_BOM_BYTES):
            raw, base = raw[len(_BOM_BYTES) :], base + len(_BOM_BYTES)
        if not raw.strip():
            continue
        try:
            line_text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            report.read += 1
            report.skip(InputError(utf8_message(raw, err, base), origin, number))
            continue
        yield from _jsonl_line(line_text, number, origin, report, max_bytes)
    if report.read == attempted:
        report.read += 1
        report.skip(InputError("empty file, no records", origin))


def _jsonl_line(
    line_text: str, number: int, origin: str, report: RunReport, max_bytes: int
) -> Iterator[Document]:
    try:
        record = json.loads(line_text)
    except json.JSONDecodeError as err:
        report.read += 1
        report.skip(InputError(f"malformed JSON: {err.msg} (column {err.colno})", origin, number))
        return
    except (ValueError, RecursionError) as err:
        report.read += 1
        report.skip(InputError(f"malformed JSON: {json_limit_message(err)}", origin, number))
        return
    doc = _attempt(record, origin, number, report, max_bytes)
    if doc is not None:
        yield doc


def json_limit_message(err: Exception) -> str:
    """Why the json module gave up on valid-looking JSON: nesting or a giant number."""
    if isinstance(err, RecursionError):
        return "nested too deeply"
    return str(err).split(";")[0]


def iter_json_text(text: str, origin: str, report: RunReport, max_bytes: int) -> Iterator[Document]:
    """A whole JSON document: an array of records, one record, or JSON Lines after all."""
    text = text.removeprefix(_BOM)
    stripped = text.lstrip()
    if not stripped:
        report.read += 1
        report.skip(InputError("empty file, no records", origin))
        return
    start = len(text) - len(stripped)
    if stripped[0] == "[":
        yield from _json_array(text, start, origin, report, max_bytes)
        return
    try:
        whole = json.loads(text)
    except (ValueError, RecursionError):
        whole = None  # several objects, one per line: fall back to JSON Lines
    if isinstance(whole, dict):
        doc = _attempt(whole, origin, text.count("\n", 0, start) + 1, report, max_bytes)
        if doc is not None:
            yield doc
        return
    for number, line_text in enumerate(text.split("\n"), start=1):
        if line_text.strip():
            yield from _jsonl_line(line_text, number, origin, report, max_bytes)


def _json_array(text: str, start: int, origin: str, report: RunReport, max_bytes: int) -> Iterator[Document]:
    """Walk the array element by element so each record keeps the line it starts on."""
    decoder = json.JSONDecoder()
    lines = _LineCounter(text)

    def broken(reason: str, at: int) -> None:
        report.read += 1
        report.skip(InputError(f"malformed JSON: {reason}", origin, lines.at(at)))

    pos = _skip_space(text, start + 1)
    if pos < len(text) and text[pos] == "]":
        if _skip_space(text, pos + 1) < len(text):
            broken("extra data after the array", pos + 1)
        return
    while True:
        try:
            record, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            broken(err.msg, err.pos)
            return
        except (ValueError, RecursionError) as err:
            broken(json_limit_message(err), pos)
            return
        doc = _attempt(record, origin, lines.at(pos), report, max_bytes)
        if doc is not None:
            yield doc
        pos = _skip_space(text, end)
        if pos >= len(text):
            broken("unterminated array, expected ']'", pos)
            return
        if text[pos] == "]":
            if _skip_space(text, pos + 1) < len(text):
                broken("extra data after the array", pos + 1)
            return
        if text[pos] != ",":
            broken("expected ',' or ']' between records", pos)
            return
        pos = _skip_space(text, pos + 1)


class _LineCounter:
    """1-based line of a character offset, for offsets that only move forward."""

    def __init__(self, text: str):
        self._text = text
        self._pos = 0
        self._line = 1

    def at(self, pos: int) -> int:
        self._line += self._text.count("\n", self._pos, pos)
        self._pos = max(self._pos, pos)
        return self._line


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


class _DecodedLines:
    """Decode physical lines for the csv module, remembering which ones were not UTF-8."""

    def __init__(self, lines: Iterable[bytes]):
        self._lines = iter(lines)
        self.number = 0
        self.offset = 0
        self.bad: dict[int, str] = {}
        self.overlong: OverlongLine | None = None

    def __iter__(self) -> Iterator[str]:
        for raw in self._lines:
            self.number += 1
            if isinstance(raw, OverlongLine):
                # A quoted cell may go on past it, so the rows after cannot be trusted.
                self.overlong = raw
                return
            base, self.offset = self.offset, self.offset + len(raw)
            if self.number == 1 and raw.startswith(_BOM_BYTES):
                raw, base = raw[len(_BOM_BYTES) :], base + len(_BOM_BYTES)
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as err:
                self.bad[self.number] = utf8_message(raw, err, base)
                yield raw.decode("utf-8", "replace")


class _Unreadable(Exception):
    """A quoting error: the csv module cannot resynchronise, so the rest of the file is lost."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _csv_rows(reader: Any, source: _DecodedLines) -> Iterator[tuple[int, int, list[str]]]:
    """The non-blank rows, each with the lines it starts and ends on. Stops quietly at an
    overlong line (the caller reports it) and raises _Unreadable at a quoting error."""
    end_line = 0
    while True:
        start_line = end_line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            if source.overlong is not None:
                return
            raise _Unreadable(f"malformed CSV: {err}", start_line) from err
        end_line = reader.line_num
        if row and not (len(row) == 1 and not row[0].strip()):
            yield start_line, end_line, row


def _row_problem(row: list[str], header: list[str], bad: list[str]) -> str | None:
    """Why a data row cannot become a record, or None."""
    if bad:
        return bad[0]
    if len(row) != len(header):
        return f"row has {len(row)} fields, the header has {len(header)}"
    return None


def iter_csv(lines: Iterable[bytes], origin: str, report: RunReport, max_bytes: int) -> Iterator[Document]:
    """Rows under a header line; the reported line is where the row starts in the file."""
    source = _DecodedLines(lines)
    header: list[str] | None = None
    try:
        for start_line, end_line, row in _csv_rows(csv.reader(source, strict=True), source):
            if header is None:
                header = [name.strip() for name in row]
                if not any(name in TEXT_FIELDS for name in header):
                    expected = ", ".join(TEXT_FIELDS)
                    report.read += 1
                    report.skip(
                        InputError(
                            f"CSV has no text column (expected one of: {expected})", origin, start_line
                        )
                    )
                    return
                continue
            bad = [source.bad[n] for n in range(start_line, end_line + 1) if n in source.bad]
            problem = _row_problem(row, header, bad)
            if problem is not None:
                report.read += 1
                report.skip(InputError(problem, origin, start_line))
                continue
            record = {name: value for name, value in zip(header, row) if value != ""}
            record.setdefault(next(n for n in header if n in TEXT_FIELDS), "")
            doc = _attempt(record, origin, start_line, report, max_bytes)
            if doc is not None:
                yield doc
    except _Unreadable as err:
        report.read += 1
        report.skip(InputError(str(err), origin, err.line))
        return
    if source.overlong is not None:
        report.read += 1
        report.skip(
            InputError(
                line_message(source.overlong.limit) + "; the rest of the file is not read",
                origin,
                source.number,
                kind="too large",
            )
        )
    elif header is None:
        report.read += 1
        report.skip(InputError("empty file, no records", origin))
