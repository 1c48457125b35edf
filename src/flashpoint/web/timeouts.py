"""Time limits for slow clients: a connection that trickles its request head, or a body,
holds a socket and a little memory for as long as it likes unless someone hangs up on
it. uvicorn's only limit is the idle time between two requests, so the head limit lives
in its HTTP protocol class and the body limit in an ASGI middleware."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from .security import Message, Receive, Scope, Send, send_json


def slow_client_protocol(header_timeout_s: float) -> type[H11Protocol]:
    """uvicorn's h11 protocol, closing a connection whose request line and headers are
    not all in within ``header_timeout_s`` (from connect, or from the first byte of a
    later request on a kept-alive connection). Pass it as ``uvicorn.Config(http=...)``."""

    class SlowClientProtocol(H11Protocol):
        _head_timer: asyncio.TimerHandle | None = None

        # Any: asyncio declares a BaseTransport here, uvicorn narrows it to a Transport
        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            between_requests = self.cycle is None or self.cycle.response_complete
            if between_requests and self._head_timer is None:
                self._arm()
            cycle = self.cycle
            super().data_received(data)
            if self.cycle is not cycle:  # a new request's head has been read whole
                self._disarm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._head_timer = self.loop.call_later(header_timeout_s, self._hang_up)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _hang_up(self) -> None:
            self._head_timer = None
            if not self.transport.is_closing():
                self.logger.info(
                    "closing a connection that sent no complete request head in %.0f s", header_timeout_s
                )
                self.transport.close()

    return SlowClientProtocol


class BodyTimeout(Exception):
    pass


class BodyTimeoutMiddleware:
    """Answer 408 when a request body is not complete ``timeout_s`` after the app first
    asks for it; the deadline covers the whole body, so trickling bytes does not reset it."""

    def __init__(self, app: Callable[..., Awaitable[None]], timeout_s: float):
        self.app = app
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline: float | None = None
        body_done = False
        started = False

        async def timed_receive() -> Message:
            nonlocal deadline, body_done
            if body_done:  # after the body, receive() only waits for a disconnect
                return await receive()
            deadline = deadline or time.monotonic() + self.timeout_s
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise BodyTimeout() from None
            body_done = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, timed_receive, tracked_send)
        except BodyTimeout:
            if started:
                raise
            await send_json(
                send,
                408,
                {"detail": f"the request body did not arrive within {self.timeout_s:.0f} s"},
                extra=[(b"connection", b"close")],
            )
