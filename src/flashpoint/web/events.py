"""GET /events (one page of events matching the filters) and GET /events/{event_id}."""

from __future__ import annotations

import duckdb
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from ..store import reads
from ..store.filters import EventFilter
from .answers import Answers, found
from .params import event_filter, page, unit_param


def events_router(answers: Answers) -> APIRouter:
    router = APIRouter()

    @router.get("/events", summary="events matching the filters, newest first, one page")
    def list_events(
        request: Request,
        flt: EventFilter = Depends(event_filter),
        lim_off: tuple[int, int] = Depends(page("events")),  # events pages always have a limit
        unit: str = Depends(unit_param),
        cur: duckdb.DuckDBPyConnection = Depends(answers.cursor),
    ) -> Response:
        limit, offset = lim_off
        return answers.respond(
            request, lambda: reads.list_events(cur, flt, limit=limit, offset=offset, unit=unit)
        )

    @router.get("/events/{event_id}", summary="one event with every report merged into it")
    def get_event(
        request: Request, event_id: str, cur: duckdb.DuckDBPyConnection = Depends(answers.cursor)
    ) -> Response:
        return answers.respond(request, lambda: found(reads.event_detail(cur, event_id), "event", event_id))

    return router
