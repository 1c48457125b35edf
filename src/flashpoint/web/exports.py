"""GET /events.geojson, /events.csv and /events.acled.csv: every event matching the
filters in one file, streamed from a spooled temporary file, or one cached page."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import duckdb
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse

from ..store.exports import write_export
from ..store.filters import EventFilter
from .answers import Answers
from .params import event_filter, page, unit_param
from .security import ServerSettings

# The page bounds each export format's limit is checked against (data/query.yaml).
_EXPORT_KINDS = {"geojson": "geojson", "csv": "export", "acled-csv": "export"}

Write = Callable[[Any], int]


def exports_router(answers: Answers, settings: Callable[[], ServerSettings]) -> APIRouter:
    """The export routes; ``settings`` gives the spool sizes (data/server.yaml) when an
    export is written."""
    router = APIRouter()
    _add_export(router, answers, settings, "/events.geojson", "geojson", "application/geo+json", None)
    _add_export(router, answers, settings, "/events.csv", "csv", "text/csv; charset=utf-8", "events.csv")
    _add_export(
        router,
        answers,
        settings,
        "/events.acled.csv",
        "acled-csv",
        "text/csv; charset=utf-8",
        "events.acled.csv",
    )
    return router


def _add_export(
    router: APIRouter,
    answers: Answers,
    settings: Callable[[], ServerSettings],
    path: str,
    fmt: str,
    media_type: str,
    filename: str | None,
) -> None:
    attachment = {"Content-Disposition": f'attachment; filename="{filename}"'} if filename else {}

    @router.get(
        path,
        summary=f"every event matching the filters as {fmt} (or one page, with limit)",
        response_class=Response,
    )
    def export(
        request: Request,
        flt: EventFilter = Depends(event_filter),
        lim_off: tuple[int | None, int] = Depends(page(_EXPORT_KINDS[fmt])),
        unit: str = Depends(unit_param),
        cur: duckdb.DuckDBPyConnection = Depends(answers.cursor),
    ) -> Response:
        limit, offset = lim_off

        def write(out: Any) -> int:
            return write_export(cur, flt, fmt, out, unit=unit, limit=limit, offset=offset)

        if limit is None:
            return _file_response(write, media_type, attachment, settings())
        # One page (the map asks for one): small, and cached like the other answers.
        return answers.respond(
            request, lambda: _written(write), media_type=media_type, encode=str.encode, headers=attachment
        )


def _written(write: Write) -> str:
    out = io.StringIO()
    write(out)
    return out.getvalue()


def _file_response(
    write: Write, media_type: str, headers: dict[str, str], settings: ServerSettings
) -> Response:
    """Run ``write(out)`` into a spooled temporary file (``settings``' sizes), then stream
    that file out, with the number of rows written in an ``X-Export-Rows`` header."""
    spool = tempfile.SpooledTemporaryFile(max_size=settings.export_memory_bytes, mode="w+b")
    try:
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
        rows = write(text)
        text.flush()
        text.detach()
        spool.seek(0)
    except BaseException:
        spool.close()
        raise

    def chunks() -> Iterator[bytes]:
        with spool:
            while block := spool.read(settings.export_send_bytes):
                yield block

    return StreamingResponse(chunks(), media_type=media_type, headers={**headers, "X-Export-Rows": str(rows)})
