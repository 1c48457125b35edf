"""The embedded event database: ingest documents with their events, query them back."""

from __future__ import annotations

from .eventstore import EventStore, IngestResult
from .filters import EventFilter
from .queries import EventQuery

__all__ = ["EventFilter", "EventQuery", "EventStore", "IngestResult"]
