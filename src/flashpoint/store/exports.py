"""One page of filtered events written in a text format of the io writers (CSV, ACLED
CSV, GeoJSON...), for the API's export endpoints."""
from __future__ import annotations

import io

from ..io.rows import print_rows
from .filters import EventFilter
from .merged import EVENTS
from .reads import Connection, list_events


def export_events(conn: Connection, flt: EventFilter, fmt: str, limit: int,
                  offset: int = 0, unit: str = EVENTS) -> str:
    """The events ``list_events`` gives for this page (merged events by default, or
    single reports), written as ``fmt``."""
    page = list_events(conn, flt, limit=limit, offset=offset, unit=unit)
    out = io.StringIO()
    print_rows(page["events"], fmt, out)
    return out.getvalue()
