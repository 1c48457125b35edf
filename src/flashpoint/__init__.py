"""flashpoint: news articles in, geocoded conflict and crisis events out, offline.

>>> import flashpoint
>>> events = flashpoint.extract("Police arrested 12 protesters in Zvecan on Monday.", date="2023-05-29")
"""

from __future__ import annotations

from typing import Any

from .errors import FlashpointError
from .facade import extract, ingest, query_events
from .models import Actor, Document, Event, Location, Mention

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # Pipeline and EventStore pull in spaCy and DuckDB; import them only when asked.
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    if name == "EventStore":
        from .store import EventStore

        return EventStore
    raise AttributeError(name)


__all__ = [
    "extract",
    "ingest",
    "query_events",
    "Pipeline",
    "EventStore",
    "Document",
    "Event",
    "Actor",
    "Location",
    "Mention",
    "FlashpointError",
]
