"""Request hardening: bearer-token checks for writes, a streamed body-size limit and
response headers that stop browsers from sniffing or framing API answers."""
from __future__ import annotations

import hmac
import json
import os
from pathlib import Path
from typing import Any, Awaitable, Callable

from ..errors import UsageError

DEFAULT_MAX_BODY_BYTES = 5_000_000
TOKEN_ENV = "FLASHPOINT_TOKEN"

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_HARDENING_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)


class WriteDenied(Exception):
    """A write request without the right credentials; ``status`` is 401 or 403."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def check_bearer(presented: str | None, token: str | None) -> None:
    """Allow the write or raise WriteDenied. No configured token means writes are off."""
    if not token:
        raise WriteDenied(403, "writes are disabled: start the server with --token-file FILE "
                               f"or the {TOKEN_ENV} environment variable to allow POST")
    if not presented:
        raise WriteDenied(401, "missing credentials: send 'Authorization: Bearer <token>'")
    # Constant-time comparison so response timing does not reveal how much matched.
    if not hmac.compare_digest(presented.encode("utf-8"), token.encode("utf-8")):
        raise WriteDenied(401, "wrong token")


def read_token(token_file: str | None = None) -> str | None:
    """The write token from ``token_file`` (first line) or the environment; None if neither."""
    if token_file:
        try:
            text = Path(token_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read token file {token_file}: {exc}") from None
        token = text.strip().splitlines()[0].strip() if text.strip() else ""
        if not token:
            raise UsageError(f"token file {token_file} is empty")
        return token
    return os.environ.get(TOKEN_ENV, "").strip() or None


class BodyTooLarge(Exception):
    pass


async def _send_json(send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode("ascii")),
                            *_HARDENING_HEADERS]})
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413.

    A declared Content-Length over the limit is refused before reading; the bytes that
    actually arrive are counted too, because chunked bodies have no length and a client
    may declare less than it sends.
    """

    def __init__(self, app: Callable[..., Awaitable[None]], max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> dict[str, Any]:
        return {"detail": f"request body is larger than the {self.max_bytes:,} byte limit"}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await _send_json(send, 400, {"detail": "Content-Length is not a number"})
                return
            if size > self.max_bytes:
                await _send_json(send, 413, self._too_large())
                return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge()
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if started:
                raise
            await _send_json(send, 413, self._too_large())


class HeadersMiddleware:
    """Add the hardening headers to every response."""

    def __init__(self, app: Callable[..., Awaitable[None]]):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in _HARDENING_HEADERS if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
