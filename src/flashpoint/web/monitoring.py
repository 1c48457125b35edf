"""GET /alerts and GET /stats/timeseries: the monitor's answers over the stored events."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ..store.filters import HELP, EventFilter
from .answers import Answers
from .params import event_filter, unit_param
from .service import CursorStore


def monitoring_router(answers: Answers) -> APIRouter:
    router = APIRouter()

    @router.get("/alerts", summary="places with more events than expected")
    def alerts(
        request: Request,
        since: str | None = Query(None, description=HELP["since"]),
        place: str | None = Query(None, description=HELP["place"]),
        store: CursorStore = Depends(answers.view),
    ) -> Response:
        from ..monitor import find_alerts

        flt = EventFilter(since=since, place=place)
        return answers.respond(
            request,
            lambda: {"alerts": [a.to_dict() for a in find_alerts(store, since=flt.since, place=flt.place)]},
        )

    @router.get(
        "/stats/timeseries",
        summary="events, fatalities, injured, arrested per period "
        "for the filters of /events, and how many events are dated too coarsely for it "
        "(not_by_day)",
    )
    def stats_timeseries(
        request: Request,
        interval: Literal["day", "week"] = "day",
        flt: EventFilter = Depends(event_filter),
        unit: str = Depends(unit_param),
        store: CursorStore = Depends(answers.view),
    ) -> Response:
        from ..monitor import timeline

        return answers.respond(request, lambda: timeline(store, interval=interval, unit=unit, filters=flt))

    return router
