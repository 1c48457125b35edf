"""A Parquet lake of coded documents and events, partitioned by day.

Layout: DIR/events/date=YYYY-MM-DD/part-<chunk>.parquet (the event's first day) and
DIR/documents/date=YYYY-MM-DD/part-<chunk>.parquet (publication day); undated rows go
to the Hive default partition, which DuckDB reads as a NULL date. File names are
content hashes of the chunk, so coding the same input again overwrites the same files.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from datetime import date as Date
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..models import Document, Event, content_hash
from ..store.filters import date_floor, date_range_clauses, haversine_sql, split_filter_values

UNDATED = "__HIVE_DEFAULT_PARTITION__"  # Hive's name for a NULL partition value
# What `flashpoint events --lake` can filter by; the other filters need the database.
LAKE_FILTERS = ("since", "until", "country", "type", "near", "limit")
EVENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("event_id", "string"),
    ("doc_id", "string"),
    ("type", "string"),
    ("mode", "string"),
    ("acled_event_type", "string"),
    ("acled_sub_event_type", "string"),
    ("event_date", "string"),
    ("date_precision", "string"),
    ("date_start", "date32"),
    ("country", "string"),
    ("admin1", "string"),
    ("admin2", "string"),
    ("place", "string"),
    ("lat", "float64"),
    ("lon", "float64"),
    ("fatalities", "int64"),
    ("injured", "int64"),
    ("arrested", "int64"),
    ("size", "int64"),
    ("confidence", "float64"),
    ("source", "string"),
    ("url", "string"),
    ("event_json", "string"),
)
DOCUMENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "string"),
    ("title", "string"),
    ("published", "date32"),
    ("url", "string"),
    ("source", "string"),
    ("origin", "string"),
    ("text", "string"),
    ("content_hash", "string"),
)


def _require_pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise UsageError("the Parquet lake needs pyarrow: pip install 'flashpoint[dask]'") from exc
    return pyarrow


def chunk_id(documents: Sequence[Document]) -> str:
    """The same documents in the same order always give the same id (and file names)."""
    return content_hash(*(f"{d.id}:{content_hash(d.text)}" for d in documents), length=20)


def _day(value: Date | None) -> str:
    return value.isoformat() if value else UNDATED


def event_row(ev: Event) -> dict[str, Any]:
    loc = ev.location
    return {
        "event_id": ev.event_id,
        "doc_id": ev.doc_id,
        "type": ev.type,
        "mode": ev.mode,
        "acled_event_type": ev.acled_event_type,
        "acled_sub_event_type": ev.acled_sub_event_type,
        "event_date": ev.date,
        "date_precision": ev.date_precision,
        "date_start": date_floor(ev.date),
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "place": loc.name if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "fatalities": ev.fatalities,
        "injured": ev.injured,
        "arrested": ev.arrested,
        "size": ev.size,
        "confidence": ev.confidence,
        "source": ev.source,
        "url": ev.url,
        "event_json": json.dumps(ev.to_dict(), ensure_ascii=False, default=str),
    }


def document_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "published": doc.date,
        "url": doc.url,
        "source": doc.source,
        "origin": doc.origin,
        "text": doc.text,
        "content_hash": content_hash(doc.text, length=32),
    }


def _schema(fields: Sequence[tuple[str, str]]) -> Any:
    pa = _require_pyarrow()
    return pa.schema([(name, getattr(pa, kind)()) for name, kind in fields])


def _write_partitioned(
    rows: Iterable[dict[str, Any]], day_of: str, table_dir: Path, name: str, fields: Sequence[tuple[str, str]]
) -> list[Path]:
    """One file per day; each written beside its target and renamed into place, so a
    reader never sees half a file and a re-run replaces the old one whole."""
    pa = _require_pyarrow()
    import pyarrow.parquet as pq

    by_day: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_day.setdefault(_day(row[day_of]), []).append(row)
    schema = _schema(fields)
    written = []
    for day, day_rows in sorted(by_day.items()):
        folder = table_dir / f"date={day}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"part-{name}.parquet"
        staging = folder / f".part-{name}.{os.getpid()}.tmp"
        table = pa.Table.from_pylist(day_rows, schema=schema)
        pq.write_table(table, staging, compression="zstd")
        os.replace(staging, target)
        written.append(target)
    return written


def write_chunk(lake: str | Path, name: str, documents: Sequence[Document], events: Iterable[Event]) -> int:
    """Write one chunk's documents and events under ``lake``; return the files written."""
    root = Path(lake)
    files = _write_partitioned(
        (document_row(d) for d in documents), "published", root / "documents", name, DOCUMENT_FIELDS
    )
    files += _write_partitioned(
        (event_row(e) for e in events), "date_start", root / "events", name, EVENT_FIELDS
    )
    return len(files)


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def lake_sql(
    lake: str | Path,
    since: str | Date | None = None,
    until: str | Date | None = None,
    country: str | Iterable[str] | None = None,
    type: str | Iterable[str] | None = None,  # noqa: A002
    near: tuple[float, float, float] | None = None,
    limit: int | None = None,
) -> tuple[str, list[Any]]:
    """The query over the lake's events and its parameters; the day filters prune
    whole partitions (folders) before any file is opened."""
    clauses, params = date_range_clauses("date", since, until)
    for column, value in (("country", country), ("type", type)):
        wanted = split_filter_values(value, column)
        if wanted is not None:
            clauses.append(f"list_contains(?, upper({column}))")
            params.append(wanted)
    if near is not None:
        try:
            lat, lon, km = (float(v) for v in near)
        except (TypeError, ValueError):
            raise UsageError(f"near must be (lat, lon, km), not {near!r}") from None
        distance = haversine_sql(":plat", ":plon", "lat", "lon")
        order = re.findall(r":plat|:plon", distance)
        clauses.append(f"lat IS NOT NULL AND {re.sub(r':plat|:plon', '?', distance)} <= ?")
        params.extend([lat if t == ":plat" else lon for t in order] + [km])
    where = (" WHERE " + " AND ".join(f"({c})" for c in clauses)) if clauses else ""
    source = _sql_path(Path(lake) / "events" / "*" / "*.parquet")
    # A chunk coded twice under different chunkings holds the same event twice: keep one.
    sql = (
        f"SELECT event_json FROM read_parquet({source}, hive_partitioning = true)"
        f"{where} QUALIFY row_number() OVER (PARTITION BY event_id) = 1"
        " ORDER BY date NULLS LAST, event_id"
    )
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise UsageError(f"limit must be a whole number of at least 0, not {limit!r}")
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


def query_lake(lake: str | Path, merged: bool = False, **filters: Any) -> list[dict[str, Any]]:
    """Events in the lake matching the filters of ``flashpoint events``, shaped like the
    database's rows (Event.to_dict() plus ``cluster_id``, here the event itself)."""
    import duckdb

    if merged:
        raise UsageError("--merged needs the event database; the lake keeps every report apart")
    others = [name for name, value in filters.items() if value and name not in LAKE_FILTERS]
    if others:
        raise UsageError(
            ", ".join("--" + n.replace("_", "-") for n in others)
            + ": only the event database (--db) has these; a lake is filtered by "
            + ", ".join("--" + n for n in LAKE_FILTERS)
        )
    filters = {name: value for name, value in filters.items() if name in LAKE_FILTERS}
    if not (Path(lake) / "events").is_dir():
        raise UsageError(
            f"no event lake at {lake}; create it with `flashpoint ingest --engine dask --lake {lake} PATH...`"
        )
    if not any((Path(lake) / "events").glob("*/*.parquet")):
        return []
    sql, params = lake_sql(lake, **filters)
    with duckdb.connect(":memory:") as con:
        try:
            rows = con.execute(sql, params).fetchall()
        except duckdb.Error as exc:
            raise UsageError(f"cannot read the event lake {lake}: {str(exc).splitlines()[0]}") from None
    out = []
    for (payload,) in rows:
        event = json.loads(payload)
        event["cluster_id"] = event["event_id"]
        out.append(event)
    return out
