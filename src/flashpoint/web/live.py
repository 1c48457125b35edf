"""Live updates for the dashboard: the watcher run under the server, Server-Sent Events
that say when stored data changed, and the /status of the followed feeds.

The watcher writes through the server's own store under its write lock, so the server
stays the database's single writer; it codes in the server's parsing process. Every
commit bumps the response cache's generation (as POST /documents does), and /live
tells each open dashboard when that number moves, so it can fetch the new events.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from ..errors import FlashpointError
from ..store import EventStore
from ..watch.config import WatchPlan, watch_settings
from ..watch.runner import CycleResult, Watcher
from ..watch.state import feed_status, seen_counts
from .service import EventService

_RECENT_LINES = 20
T = TypeVar("T")


class LiveWatch:
    """A watcher thread over the server's store, and what it last did."""

    def __init__(self, service: EventService, plan: WatchPlan):
        self.service = service
        self.plan = plan
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        self.recent: deque[str] = deque(maxlen=_RECENT_LINES)
        self.last_cycle: dict[str, Any] | None = None
        self.cycles = 0

    def log(self, line: str) -> None:
        self.recent.append(line)
        print(line, file=sys.stderr, flush=True)

    def _write(self, action: Callable[[EventStore], T]) -> T:
        with self.service.write_lock:
            return action(self.service.store)

    def _cycle_done(self, result: CycleResult) -> None:
        self.cycles += 1
        self.last_cycle = {
            "summary": result.summary(),
            "coded": result.coded,
            "feeds_failed": result.feeds_failed,
            "duplicates": result.duplicates,
        }
        self.log(f"watch: cycle done: {result.summary()}")

    def start(self) -> None:
        every = self.plan.interval_s or watch_settings().interval_s

        def run() -> None:
            self.service.start_coder()
            watcher = Watcher(
                self.plan,
                self._write,
                self.service.code,
                log=self.log,
                stop=self.stop,
                on_stored=self.service.cache.invalidate,
            )
            try:
                while not self.stop.is_set():
                    try:
                        self._cycle_done(watcher.run_cycle())
                    except FlashpointError as exc:  # a full disk, say: try again next cycle
                        self.log(f"watch: cycle failed: {exc}")
                    self.stop.wait(every)
            except Exception as exc:  # a watcher bug must not take the server down with it
                self.log(f"watch: stopped by an error: {type(exc).__name__}: {exc}")
            finally:
                watcher.close()

        self.thread = threading.Thread(target=run, name="flashpoint-watch", daemon=True)
        self.thread.start()

    def close(self, timeout_s: float = 10.0) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=timeout_s)


def live_router(service: EventService, live: LiveWatch | None) -> APIRouter:
    """/status of the followed feeds (none without ``live``) and the /live event stream."""
    router = APIRouter()
    settings = watch_settings()

    @router.get("/status", summary="the followed feeds: last fetch, new items, errors")
    def status() -> dict[str, Any]:
        # the watcher's counters before the database: a cycle is counted only after its
        # feeds are recorded, so feeds read afterwards are never older than the count
        # (read the other way round, a cycle could show as done with its feed unrecorded)
        cycles = live.cycles if live else 0
        last_cycle = live.last_cycle if live else None
        recent = list(live.recent) if live else []
        with service.cursor() as cur:
            feeds, seen = feed_status(cur), seen_counts(cur)
        return {
            "watching": bool(live and live.thread and live.thread.is_alive()),
            "interval_s": (live.plan.interval_s or settings.interval_s) if live else None,
            "cycles": cycles,
            "last_cycle": last_cycle,
            "recent": recent,
            "feeds": feeds,
            "articles": seen,
        }

    @router.get(
        "/live",
        summary="Server-Sent Events: a 'change' event each time data is stored",
        response_class=StreamingResponse,
    )
    async def live_events(request: Request) -> StreamingResponse:
        return StreamingResponse(
            _changes(request, service, settings.live_poll_s, settings.live_stream_s),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    return router


async def _changes(
    request: Request, service: EventService, poll_s: float, lifetime_s: float
) -> AsyncIterator[bytes]:
    """'change' events while the client listens, for ``lifetime_s`` at most: the browser
    reconnects on its own, and a server shutting down is never held up by a stream."""
    seen = service.cache.generation
    yield f"retry: {int(poll_s * 3000)}\nevent: hello\ndata: {json.dumps({'generation': seen})}\n\n".encode()
    waited = 0.0
    while waited < lifetime_s:
        await asyncio.sleep(poll_s)
        waited += poll_s
        if await request.is_disconnected():
            return
        now = service.cache.generation
        if now != seen:
            seen = now
            counts = await run_in_threadpool(_counts, service)
            yield f"event: change\ndata: {json.dumps({'generation': now, **counts})}\n\n".encode()
        elif waited % 15 < poll_s:
            yield b": keep-alive\n\n"


def _counts(service: EventService) -> dict[str, int]:
    with service.view() as view:
        counts = view.counts()
    return {"documents": counts["documents"], "events": counts["events"]}
