"""Request hardening: bearer-token checks for writes, a streamed body-size limit, a Host
header allowlist against DNS rebinding, and response headers (a Content-Security-Policy
among them) that stop browsers from sniffing, framing or scripting API answers."""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..settings import settings_file

DEFAULT_MAX_BODY_BYTES = 5_000_000
TOKEN_ENV = "FLASHPOINT_TOKEN"

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


@dataclass(frozen=True)
class ServerSettings:
    """data/server.yaml: loopback names, time limits, content security policies and how
    a whole export is buffered."""

    loopback_hosts: tuple[str, ...]
    wildcard_binds: tuple[str, ...]
    header_timeout_s: float
    body_timeout_s: float
    content_security_policy: str
    docs_content_security_policy: str
    export_memory_bytes: int
    export_send_bytes: int


@lru_cache(maxsize=1)
def server_settings() -> ServerSettings:
    data = settings_file("server.yaml")
    return ServerSettings(
        loopback_hosts=tuple(h.lower() for h in data.names("loopback_hosts")),
        # "" is the bind address of a server given --host ''
        wildcard_binds=data.names("wildcard_binds", allow_empty=True),
        header_timeout_s=data.number("header_timeout_s", above=0),
        body_timeout_s=data.number("body_timeout_s", above=0),
        content_security_policy=data.text("content_security_policy"),
        docs_content_security_policy=data.text("docs_content_security_policy"),
        export_memory_bytes=data.integer("export_memory_bytes", minimum=1),
        export_send_bytes=data.integer("export_send_bytes", minimum=1),
    )


_HARDENING_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", server_settings().content_security_policy.encode("ascii")),
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
        raise WriteDenied(
            403,
            "writes are disabled: start the server with --token-file FILE "
            f"or the {TOKEN_ENV} environment variable to allow POST",
        )
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


async def send_json(
    send: Send, status: int, payload: dict[str, Any], extra: Iterable[tuple[bytes, bytes]] = ()
) -> None:
    """Answer from a middleware, before the app has started a response."""
    body = json.dumps(payload).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode("ascii")),
                *_HARDENING_HEADERS,
                *extra,
            ],
        }
    )
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
                await send_json(send, 400, {"detail": "Content-Length is not a number"})
                return
            if size > self.max_bytes:
                await send_json(send, 413, self._too_large())
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
            await send_json(send, 413, self._too_large())


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


def host_name(header: str) -> str:
    """The name in a Host header value, lower-case, without port, brackets or final dot:
    ``[::1]:8000`` gives ``::1`` and ``LocalHost.:80`` gives ``localhost``."""
    value = header.strip().lower()
    if value.startswith("["):
        name = value[1 : value.find("]")] if "]" in value else value[1:]
    else:
        name = value.rsplit(":", 1)[0] if value.count(":") == 1 else value
    return name.rstrip(".")


def allowed_host_names(bound_host: str | None, extra: Iterable[str] = ()) -> frozenset[str]:
    """The loopback names, the address the server is bound to (unless it is every
    interface) and the names given with ``--allowed-host``; ``*`` among them allows all."""
    settings = server_settings()
    names = set(settings.loopback_hosts)
    if bound_host is not None and bound_host not in settings.wildcard_binds:
        names.add(host_name(bound_host))
    for name in extra:
        if not name.strip():
            raise UsageError("--allowed-host needs a host name, e.g. --allowed-host analysts.example.org")
        names.add("*" if name.strip() == "*" else host_name(name))
    return frozenset(names)


class HostAllowlistMiddleware:
    """Answer 400 to a request whose Host header names none of ``allowed``.

    A page served from an attacker's domain can rebind that domain to 127.0.0.1 and
    then read a loopback server as same-origin; its requests still carry the attacker's
    name in Host, which this check refuses.
    """

    def __init__(self, app: Callable[..., Awaitable[None]], allowed: Iterable[str]):
        self.app = app
        self.allowed = frozenset(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "*" in self.allowed:
            await self.app(scope, receive, send)
            return
        raw = dict(scope.get("headers") or []).get(b"host")
        if raw is None:
            await send_json(send, 400, {"detail": "the request has no Host header"})
            return
        name = host_name(raw.decode("latin-1"))
        if name not in self.allowed:
            await send_json(
                send,
                400,
                {
                    "detail": (
                        f"Host {name[:100]!r} is not served here; start the server with "
                        f"--allowed-host {name[:100] or 'NAME'} to accept it"
                    )
                },
            )
            return
        await self.app(scope, receive, send)
