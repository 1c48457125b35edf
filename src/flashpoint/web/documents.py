"""GET /documents/{doc_id} (a stored document with its raw text) and POST /documents
(code and store documents, for holders of the bearer token)."""

from __future__ import annotations

import json
from typing import Any

import duckdb
from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..errors import UsageError
from ..store import reads
from .answers import Answers, found
from .security import check_bearer

_DOCUMENT_SCHEMA = {
    "type": "object",
    "required": ["text"],
    "properties": {k: {"type": "string"} for k in ("text", "title", "date", "url", "source", "id")},
}
_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"oneOf": [_DOCUMENT_SCHEMA, {"type": "array", "items": _DOCUMENT_SCHEMA}]}
            }
        },
    }
}


def documents_router(answers: Answers, token: str | None, max_body_bytes: int) -> APIRouter:
    """``token`` enables POST (None: it answers 403); ``max_body_bytes`` bounds each document."""
    router = APIRouter()
    bearer = HTTPBearer(auto_error=False, description="the server's write token")

    def writer(creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        check_bearer(creds.credentials if creds else None, token)

    @router.get("/documents/{doc_id}", summary="one stored document with its raw text")
    def get_document(
        request: Request, doc_id: str, cur: duckdb.DuckDBPyConnection = Depends(answers.cursor)
    ) -> Response:
        return answers.respond(request, lambda: found(reads.document_by_id(cur, doc_id), "document", doc_id))

    @router.post(
        "/documents",
        summary="code and store documents (needs the bearer token)",
        openapi_extra=_POST_BODY,
        dependencies=[Depends(writer)],
    )
    async def post_documents(request: Request) -> dict[str, Any]:
        records = _json_records(await request.body())
        return await run_in_threadpool(answers.service.ingest_records, records, max_body_bytes)

    return router


def _json_records(body: bytes) -> list[Any]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"request body is not JSON: {exc}") from None
    records = data if isinstance(data, list) else [data]
    if not records:
        raise UsageError("request body holds no documents")
    return records
