"""How the server answers a failure: a JSON ``{"detail": ...}`` with the status that fits
the error, and never a traceback (a 500 points to the server log instead)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from ..errors import FlashpointError, StoreError
from .security import WriteDenied
from .service import Busy


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = [
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'body'}: {e.get('msg')}"
            for e in exc.errors()
        ]
        return error_response(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(WriteDenied)
    async def denied(_: Request, exc: WriteDenied) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error_response(exc.status, exc.message, headers)

    @app.exception_handler(Busy)
    async def busy(_: Request, exc: Busy) -> JSONResponse:
        return error_response(503, str(exc), {"Retry-After": "5"})

    @app.exception_handler(StoreError)
    async def store_failed(_: Request, exc: StoreError) -> JSONResponse:
        return error_response(503, str(exc))

    @app.exception_handler(FlashpointError)
    async def bad_request(_: Request, exc: FlashpointError) -> JSONResponse:
        return error_response(400, str(exc))

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> JSONResponse:
        return error_response(500, "internal error; the server log has the details")
