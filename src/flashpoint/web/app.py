"""The REST API and dashboard server: the app over one event database, assembled from a
router per resource (events, exports, documents, monitoring, pages, live, docs), and
`flashpoint serve`. Routes parse parameters, call one library function and return its
result; the SQL lives in flashpoint.store.reads and flashpoint.monitor."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from .. import __version__
from ..store import reads
from ..watch.config import WatchPlan
from .answers import Answers
from .documents import documents_router
from .errors import install_error_handlers
from .events import events_router
from .exports import exports_router
from .live import LiveWatch, live_router
from .monitoring import monitoring_router
from .pages import dashboard_router, docs_router
from .security import (
    DEFAULT_MAX_BODY_BYTES,
    BodyLimitMiddleware,
    HeadersMiddleware,
    HostAllowlistMiddleware,
    allowed_host_names,
    server_settings,
)
from .service import EventService
from .timeouts import BodyTimeoutMiddleware, slow_client_protocol

# `reads` stays reachable here, where the routes lived before their split: tests make a
# read fail through flashpoint.web.app.reads (the routers call it as store.reads too).
__all__ = ["STATIC_DIR", "create_app", "reads", "serve"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
READ_THREADS = 8


def create_app(
    db_path: str,
    token: str | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    cors_origins: list[str] | None = None,
    static_dir: str | Path | None = None,
    model: str | None = None,
    allowed_hosts: Iterable[str] | None = None,
    body_timeout_s: float | None = None,
    watch: WatchPlan | None = None,
) -> FastAPI:
    """The API over the event database at ``db_path``, which this process then owns.

    ``token`` enables POST /documents (None: writes answer 403); ``cors_origins`` lists
    origins allowed to call from other sites (None: no CORS headers at all); ``model``
    names the event model that codes posted documents (None: the shipped one);
    ``allowed_hosts`` lists the Host header names answered (None: any, for in-process
    clients such as tests; ``serve`` always passes ``allowed_host_names(...)``);
    ``body_timeout_s`` bounds the time to receive a request body (None: data/server.yaml);
    ``watch`` is a WatchPlan whose feeds a watcher follows into this database while serving.
    """
    service = EventService(db_path, model=model)
    live = LiveWatch(service, watch) if watch is not None else None
    # FastAPI's own /docs and /redoc pages load their scripts from a CDN: ours are local.
    app = FastAPI(
        title="flashpoint",
        version=__version__,
        lifespan=_lifespan(service, live),
        docs_url=None,
        redoc_url=None,
        description="Conflict and crisis events coded from news articles.",
    )
    app.state.service = service
    install_error_handlers(app)
    _add_middleware(app, max_body_bytes, cors_origins, allowed_hosts, body_timeout_s)
    answers = Answers(service)
    app.include_router(events_router(answers))
    # the spool sizes are looked up at each export, not once here, so a test can shrink them
    app.include_router(exports_router(answers, lambda: server_settings()))
    app.include_router(documents_router(answers, token, max_body_bytes))
    app.include_router(monitoring_router(answers))
    app.include_router(dashboard_router(Path(static_dir) if static_dir else STATIC_DIR))
    app.include_router(live_router(service, live))
    app.include_router(docs_router(server_settings().docs_content_security_policy))
    return app


def _lifespan(
    service: EventService, live: LiveWatch | None
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Start-up and shut-down: thread limit, warm gazetteer, the live watcher, the database."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        # DuckDB runs each query on all cores already: more concurrent queries than a
        # few only thrash, and a burst of 40 (the default) slows every answer, so
        # extra requests wait their turn instead.
        anyio.to_thread.current_default_thread_limiter().total_tokens = READ_THREADS
        # The place filter folds spellings through the gazetteer: load it before the
        # first request rather than during it.
        await run_in_threadpool(_warm_place_names)
        if live:
            live.start()
        yield
        if live:
            live.close()
        service.close()

    return lifespan


def _warm_place_names() -> None:
    from ..store.places import place_keys_for

    place_keys_for("Pristina")


def _add_middleware(
    app: FastAPI,
    max_body_bytes: int,
    cors_origins: list[str] | None,
    allowed_hosts: Iterable[str] | None,
    body_timeout_s: float | None,
) -> None:
    """CORS when asked for, body size and time limits, the Host allowlist, and the
    security headers, which (added last) wrap every other answer."""
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(BodyTimeoutMiddleware, timeout_s=body_timeout_s or server_settings().body_timeout_s)
    if allowed_hosts is not None:
        app.add_middleware(HostAllowlistMiddleware, allowed=allowed_hosts)
    app.add_middleware(HeadersMiddleware)


def serve(
    db_path: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    token_file: str | None = None,
    model: str | None = None,
    allowed_hosts: Iterable[str] = (),
    watch_file: str | None = None,
) -> None:
    """Run the API and dashboard until interrupted. Binds loopback unless told otherwise.

    Requests must name a loopback host, ``host`` or one of ``allowed_hosts`` in their
    Host header; slow clients are cut off after the limits in data/server.yaml. With
    ``watch_file`` (a feeds file) a watcher follows its feeds into the database."""
    import sys

    import uvicorn

    from ..classify.locations import model_dir
    from .security import read_token

    model_dir(model)  # an unknown model name is an error now, not at the first POST
    token = read_token(token_file)
    hosts = allowed_host_names(host, allowed_hosts)
    plan = None
    if watch_file:
        from ..watch.config import load_plan

        plan = load_plan(watch_file)  # a bad feeds file is an error now, not in a thread
    app = create_app(db_path, token=token, model=model, allowed_hosts=hosts, watch=plan)
    if token:
        # Load spaCy and the gazetteer now, not inside the first POST while reads wait.
        print("flashpoint: loading the NLP pipeline for POST /documents …", file=sys.stderr, flush=True)
        app.state.service.start_coder()
    writes = "enabled (bearer token)" if token else "disabled (no token given)"
    if plan:
        writes += f"; watching {len(plan.feeds)} feeds from {watch_file}"
    print(
        f"flashpoint: serving {db_path} on http://{host}:{port}/ ; writes {writes}; "
        f"Host names accepted: {', '.join(sorted(hosts))}",
        file=sys.stderr,
        flush=True,
    )
    protocol = slow_client_protocol(server_settings().header_timeout_s)
    uvicorn.run(app, host=host, port=port, log_level="warning", http=protocol)
