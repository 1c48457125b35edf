"""What read routes share: a read cursor or store view per request, as FastAPI
dependencies, and answers cached by their URL until the data changes."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

import duckdb
from fastapi import HTTPException, Request
from fastapi.responses import Response

from .service import CursorStore, EventService


def encode_json(data: Any) -> bytes:
    # json.dumps directly: FastAPI's generic encoder is ten times slower on event pages.
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


def found(value: dict[str, Any] | None, kind: str, key: str) -> dict[str, Any]:
    """``value``, or a 404 naming the ``kind`` of thing and the ``key`` not found."""
    if value is None:
        raise HTTPException(404, f"no {kind} with id {key!r}")
    return value


class Answers:
    """The read side of one server's EventService, as route dependencies."""

    def __init__(self, service: EventService):
        self.service = service

    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.service.cursor() as cur:
            yield cur

    def view(self) -> Iterator[CursorStore]:
        with self.service.view() as view:
            yield view

    def respond(
        self,
        request: Request,
        make: Callable[[], Any],
        media_type: str = "application/json",
        encode: Callable[[Any], bytes] = encode_json,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """Serve the cached body for this URL, or compute, encode and cache it."""
        key = request.url.path + "?" + urlencode(sorted(request.query_params.multi_items()))
        body = self.service.cache.get_or_make(key, lambda: encode(make()))
        return Response(body, media_type=media_type, headers=headers)
