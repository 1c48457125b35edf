"""Frozen, typed records that flow out of flashpoint.

Everything a user receives is one of these; the pipeline builds them once at the
end of a document's journey, so they never change after they are handed out.
``to_dict`` gives the JSON shape that the jsonl writer, the store and the API
share, and that outside evaluation tools (the seed scorer) rely on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any


def content_hash(*parts: object, length: int = 16) -> str:
    """A stable hex id from the given parts: the same input always gives the same id."""
    h = hashlib.sha1()
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Document:
    """One article. ``origin`` and ``line`` say where it was read from, for error messages."""

    id: str
    text: str
    date: Date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None
    line: int | None = None

    @staticmethod
    def make_id(text: str) -> str:
        return "doc-" + content_hash(text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "url": self.url,
            "source": self.source,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """A piece of the document text: ``text == document.text[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acted or was acted on. ``country`` is ISO 3166 alpha-2, ``sector`` a PLOVER sector."""

    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """Where it happened. ``precision`` follows ACLED's geo_precision: 1 town … 4 country."""

    text: str | None
    name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    precision: int = 4
    geonameid: int | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "precision": self.precision,
            "geonameid": self.geonameid,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event with the sentence it came from as evidence."""

    doc_id: str
    event_id: str
    type: str
    mode: str | None
    evidence: Mention
    trigger: Mention | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    location: Location | None = None
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    size: int | None = None
    confidence: float = 0.5
    source: str | None = None
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @staticmethod
    def make_id(doc_id: str, type_: str, start: int, end: int, place: str | None) -> str:
        return "ev-" + content_hash(doc_id, type_, start, end, place or "")

    def to_dict(self) -> dict[str, Any]:
        out = {
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "type": self.type,
            "mode": self.mode,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [a.to_dict() for a in self.recipients],
            "location": self.location.to_dict() if self.location else None,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "arrested": self.arrested,
            "size": self.size,
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger.to_dict() if self.trigger else None,
            "evidence": self.evidence.to_dict(),
            "source": self.source,
            "url": self.url,
        }
        counted = self.extra.get("count_evidence")
        if counted:  # counts stated in a later sentence than the evidence, with that sentence
            out["count_evidence"] = {name: m.to_dict() for name, m in counted.items()}
        explained = self.extra.get("explain")
        if explained is not None:  # coded with explain on (flashpoint.trace)
            out["explain"] = [d.to_dict() for d in explained]
        return out
