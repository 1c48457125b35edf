"""Write events as jsonl, json, a text table, csv, PLOVER, ACLED csv, GeoJSON or Parquet.

Text formats stream: events are written as they arrive, so a long run shows
output early and never holds all events in memory. Parquet needs a file path.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from textwrap import indent
from typing import Any, TextIO

from ..errors import UsageError
from ..models import Event
from ..trace import format_trace
from .csv_cells import safe_row
from .formats.acled import acled_columns, acled_row
from .formats.flat import FLAT_COLUMNS, FLAT_NAMES, actor_names, flat_row, typed_row
from .formats.plover import plover_record

FORMATS: tuple[str, ...] = ("jsonl", "json", "table", "csv", "plover", "acled-csv", "geojson", "parquet")


def write_events(
    events: Iterable[Event], fmt: str, out: TextIO | None = None, path: str | None = None
) -> int:
    """Write ``events`` in format ``fmt`` and return how many were written.

    Output goes to ``path`` when given (it wins over ``out``), else to ``out``,
    else to standard output. ``acled-csv`` leaves out events without an ACLED
    event type or a country, and ``geojson`` those without coordinates; neither is counted.
    """
    key = fmt.strip().lower() if isinstance(fmt, str) else ""
    if key not in FORMATS:
        raise UsageError(f"unknown output format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if key == "parquet":
        if not path:
            raise UsageError("the parquet format writes a file: give an output path")
        return _write_parquet(events, path)
    writer = _TEXT_WRITERS[key]
    if path:
        try:
            handle = open(path, "w", encoding="utf-8", newline="")
        except OSError as err:
            raise UsageError(f"cannot write {path}: {err.strerror or err}") from None
        with handle:
            return writer(events, handle)
    return writer(events, out if out is not None else sys.stdout)


def _json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def _write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    count = 0
    for event in events:
        out.write(_json_line(event.to_dict()))
        count += 1
    return count


def _write_plover(events: Iterable[Event], out: TextIO) -> int:
    count = 0
    for event in events:
        out.write(_json_line(plover_record(event)))
        count += 1
    return count


def _write_json_items(items: Iterable[dict[str, Any]], out: TextIO) -> int:
    """The items of a pretty JSON array, one at a time; the caller writes the brackets."""
    count = 0
    for item in items:
        out.write(
            ("\n" if count == 0 else ",\n") + indent(json.dumps(item, ensure_ascii=False, indent=2), "  ")
        )
        count += 1
    return count


def _write_json(events: Iterable[Event], out: TextIO) -> int:
    out.write("[")
    count = _write_json_items((event.to_dict() for event in events), out)
    out.write("\n]\n" if count else "]\n")
    return count


def _write_geojson(events: Iterable[Event], out: TextIO) -> int:
    features = (
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [event.location.lon, event.location.lat]},
            "properties": flat_row(event),
        }
        for event in events
        if event.location is not None and event.location.lat is not None and event.location.lon is not None
    )
    out.write('{"type": "FeatureCollection", "features": [')
    count = _write_json_items(features, out)
    out.write("\n]}\n" if count else "]}\n")
    return count


def _write_csv(events: Iterable[Event], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=FLAT_NAMES, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(safe_row(flat_row(event)))
        count += 1
    return count


def _write_acled_csv(events: Iterable[Event], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=acled_columns(), lineterminator="\n")
    writer.writeheader()
    # ACLED's timestamp is when a row was last written; one export writes them all at once.
    timestamp = int(time.time())
    count = 0
    for event in events:
        row = acled_row(event, timestamp)
        if row is not None:
            writer.writerow(safe_row(row))
            count += 1
    return count


# Column title and width of the human-readable table; evidence takes what is left.
_TABLE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("DATE", 10),
    ("TYPE", 10),
    ("MODE", 14),
    ("ACTORS", 22),
    ("RECIPIENTS", 22),
    ("LOCATION", 24),
    ("DEAD/INJ/ARR", 12),
    ("EVIDENCE", 60),
)


def _cell(value: str | None, width: int) -> str:
    text = " ".join((value or "").split())
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text.ljust(width)


def _table_cells(event: Event) -> list[str | None]:
    place = event.location
    where = None
    if place is not None:
        where = ", ".join(part for part in (place.name, place.country) if part) or None
    counts = "/".join("-" if n is None else str(n) for n in (event.fatalities, event.injured, event.arrested))
    return [
        event.date,
        event.type,
        event.mode,
        actor_names(event.actors),
        actor_names(event.recipients),
        where,
        counts,
        event.evidence.text[:60],
    ]


def _write_table(events: Iterable[Event], out: TextIO) -> int:
    def line(cells: list[str | None]) -> str:
        return (
            "  ".join(_cell(value, width) for value, (_, width) in zip(cells, _TABLE_COLUMNS)).rstrip() + "\n"
        )

    out.write(line([title for title, _ in _TABLE_COLUMNS]))
    out.write(line(["-" * width for _, width in _TABLE_COLUMNS]))
    count = 0
    for event in events:
        out.write(line(_table_cells(event)))
        explained = event.extra.get("explain")
        if explained is not None:  # coded with explain on
            out.write(format_trace(explained))
        count += 1
    return count


_TEXT_WRITERS: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
    "jsonl": _write_jsonl,
    "json": _write_json,
    "table": _write_table,
    "csv": _write_csv,
    "plover": _write_plover,
    "acled-csv": _write_acled_csv,
    "geojson": _write_geojson,
}


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _write_parquet(events: Iterable[Event], path: str) -> int:
    """Rows are staged as JSON Lines in a temporary file that DuckDB copies to Parquet.

    DuckDB's row-by-row ``executemany`` manages only a few hundred rows a second,
    while its JSON reader loads the staged file in one pass.
    """
    import duckdb  # imported here: it takes a quarter of a second and few runs need it

    columns = (
        "{" + ", ".join(f"{_sql_string(name)}: {_sql_string(kind)}" for name, kind in FLAT_COLUMNS) + "}"
    )
    count = 0
    staged = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", suffix=".jsonl", prefix="flashpoint-", delete=False
    )
    try:
        with staged:
            for event in events:
                staged.write(_json_line(typed_row(event)))
                count += 1
        with duckdb.connect(":memory:") as con:
            con.execute(
                f"COPY (SELECT * FROM read_json({_sql_string(staged.name)}, "
                f"format = 'newline_delimited', columns = {columns})) "
                f"TO {_sql_string(path)} (FORMAT parquet)"
            )
    except duckdb.Error as err:
        raise UsageError(f"cannot write parquet file {path}: {err}") from None
    finally:
        os.unlink(staged.name)
    return count
