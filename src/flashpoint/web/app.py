"""The REST API and dashboard server. Routes parse parameters, call one library function
and return its result; the SQL lives in flashpoint.store.reads and flashpoint.monitor."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .. import __version__
from ..errors import FlashpointError, StoreError, UsageError
from ..store import reads
from ..store.exports import write_export
from ..store.filters import HELP, EventFilter, parse_page, parse_unit
from . import apidocs
from .security import (
    DEFAULT_MAX_BODY_BYTES,
    BodyLimitMiddleware,
    HeadersMiddleware,
    HostAllowlistMiddleware,
    WriteDenied,
    allowed_host_names,
    check_bearer,
    server_settings,
)
from .service import Busy, CursorStore, EventService
from .timeouts import BodyTimeoutMiddleware, slow_client_protocol

STATIC_DIR = Path(__file__).resolve().parent / "static"
READ_THREADS = 8

_NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>flashpoint</title></head><body><h1>flashpoint</h1>
<p>The dashboard assets are not built. Run <code>make install</code> and restart
<code>flashpoint serve</code>. The JSON API works meanwhile: see <a href="/docs">/docs</a>.</p>
</body></html>"""

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


def _warm_place_names() -> None:
    from ..store.places import place_keys_for

    place_keys_for("Pristina")


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = [
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'body'}: {e.get('msg')}"
            for e in exc.errors()
        ]
        return _error(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(WriteDenied)
    async def denied(_: Request, exc: WriteDenied) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error(exc.status, exc.message, headers)

    @app.exception_handler(Busy)
    async def busy(_: Request, exc: Busy) -> JSONResponse:
        return _error(503, str(exc), {"Retry-After": "5"})

    @app.exception_handler(StoreError)
    async def store_failed(_: Request, exc: StoreError) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(FlashpointError)
    async def bad_request(_: Request, exc: FlashpointError) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> JSONResponse:
        return _error(500, "internal error; the server log has the details")


def create_app(
    db_path: str,
    token: str | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    cors_origins: list[str] | None = None,
    static_dir: str | Path | None = None,
    model: str | None = None,
    allowed_hosts: Iterable[str] | None = None,
    body_timeout_s: float | None = None,
    watch: Any = None,
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
    from .live import LiveWatch, add_live_routes

    service = EventService(db_path, model=model)
    live = LiveWatch(service, watch) if watch is not None else None
    static_root = Path(static_dir) if static_dir else STATIC_DIR

    @asynccontextmanager
    async def lifespan(_: FastAPI):
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

    # FastAPI's own /docs and /redoc pages load their scripts from a CDN: ours are local.
    app = FastAPI(
        title="flashpoint",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        description="Conflict and crisis events coded from news articles.",
    )
    app.state.service = service
    _install_error_handlers(app)
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

    def cursor() -> Iterator[Any]:
        with service.cursor() as cur:
            yield cur

    def store_view() -> Iterator[CursorStore]:
        with service.view() as view:
            yield view

    bearer = HTTPBearer(auto_error=False, description="the server's write token")

    def writer(creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        check_bearer(creds.credentials if creds else None, token)

    # Every parameter arrives as text and is checked by flashpoint.store.filters, the
    # validators `flashpoint events` uses: a bad value is a 400 naming it.
    def event_filter(
        since: str | None = Query(None, description=HELP["since"]),
        until: str | None = Query(None, description=HELP["until"]),
        country: str | None = Query(None, description=HELP["country"]),
        type: str | None = Query(None, description=HELP["type"]),  # noqa: A002
        acled_type: str | None = Query(None, description=HELP["acled_type"]),
        acled_sub_type: str | None = Query(None, description=HELP["acled_sub_type"]),
        actor: str | None = Query(None, description=HELP["actor"]),
        admin1: str | None = Query(None, description=HELP["admin1"]),
        admin2: str | None = Query(None, description=HELP["admin2"]),
        place: str | None = Query(None, description=HELP["place"]),
        min_fatalities: str | None = Query(None, description=HELP["min_fatalities"]),
        q: str | None = Query(None, description=HELP["q"]),
        near: str | None = Query(None, description=HELP["near"]),
    ) -> EventFilter:
        return EventFilter(
            since=since,
            until=until,
            country=country,
            type=type,
            acled_type=acled_type,
            acled_sub_type=acled_sub_type,
            actor=actor,
            admin1=admin1,
            admin2=admin2,
            place=place,
            min_fatalities=min_fatalities,
            q=q,
            near=near,
        )

    def unit_param(unit: str | None = Query(None, description=HELP["unit"])) -> str:
        return parse_unit(unit)

    def page(kind: str) -> Callable[..., tuple[int | None, int]]:
        def read(
            limit: str | None = Query(None, description=HELP["limit"]),
            offset: str | None = Query(None, description=HELP["offset"]),
        ) -> tuple[int | None, int]:
            return parse_page(limit, offset, kind)

        return read

    def respond(
        request: Request,
        make: Callable[[], Any],
        media_type: str = "application/json",
        encode: Callable[[Any], bytes] = _encode,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """Serve the cached body for this URL, or compute, encode and cache it."""
        key = request.url.path + "?" + urlencode(sorted(request.query_params.multi_items()))
        return Response(
            service.cache.get_or_make(key, lambda: encode(make())), media_type=media_type, headers=headers
        )

    @app.get("/events", summary="events matching the filters, newest first, one page")
    def list_events(
        request: Request,
        flt: EventFilter = Depends(event_filter),
        lim_off: tuple[int, int] = Depends(page("events")),
        unit: str = Depends(unit_param),
        cur: Any = Depends(cursor),
    ) -> Response:
        limit, offset = lim_off
        return respond(request, lambda: reads.list_events(cur, flt, limit=limit, offset=offset, unit=unit))

    def export_route(path: str, fmt: str, media_type: str, filename: str | None) -> None:
        attachment = {"Content-Disposition": f'attachment; filename="{filename}"'} if filename else {}

        @app.get(
            path,
            summary=f"every event matching the filters as {fmt} (or one page, with limit)",
            response_class=Response,
        )
        def export(
            request: Request,
            flt: EventFilter = Depends(event_filter),
            lim_off: tuple[int | None, int] = Depends(page(_EXPORT_KINDS[fmt])),
            unit: str = Depends(unit_param),
            cur: Any = Depends(cursor),
        ) -> Response:
            limit, offset = lim_off

            def write(out: Any) -> int:
                return write_export(cur, flt, fmt, out, unit=unit, limit=limit, offset=offset)

            if limit is None:
                return _file_response(write, media_type, attachment)
            # One page (the map asks for one): small, and cached like the other answers.
            return respond(
                request, lambda: _written(write), media_type=media_type, encode=str.encode, headers=attachment
            )

    export_route("/events.geojson", "geojson", "application/geo+json", None)
    export_route("/events.csv", "csv", "text/csv; charset=utf-8", "events.csv")
    export_route("/events.acled.csv", "acled-csv", "text/csv; charset=utf-8", "events.acled.csv")

    @app.get("/events/{event_id}", summary="one event with every report merged into it")
    def get_event(request: Request, event_id: str, cur: Any = Depends(cursor)) -> Response:
        return respond(request, lambda: _found(reads.event_detail(cur, event_id), "event", event_id))

    @app.get("/documents/{doc_id}", summary="one stored document with its raw text")
    def get_document(request: Request, doc_id: str, cur: Any = Depends(cursor)) -> Response:
        return respond(request, lambda: _found(reads.document_by_id(cur, doc_id), "document", doc_id))

    @app.get("/alerts", summary="places with more events than expected")
    def alerts(
        request: Request,
        since: str | None = Query(None, description=HELP["since"]),
        place: str | None = Query(None, description=HELP["place"]),
        store: CursorStore = Depends(store_view),
    ) -> Response:
        from ..monitor import find_alerts

        flt = EventFilter(since=since, place=place)
        return respond(
            request,
            lambda: {"alerts": [a.to_dict() for a in find_alerts(store, since=flt.since, place=flt.place)]},
        )

    @app.get(
        "/stats/timeseries",
        summary="events, fatalities, injured, arrested per period "
        "for the filters of /events, and how many events are dated too coarsely for it "
        "(not_by_day)",
    )
    def stats_timeseries(
        request: Request,
        interval: Literal["day", "week"] = "day",
        flt: EventFilter = Depends(event_filter),
        unit: str = Depends(unit_param),
        store: CursorStore = Depends(store_view),
    ) -> Response:
        from ..monitor import timeline

        return respond(request, lambda: timeline(store, interval=interval, unit=unit, filters=flt))

    @app.post(
        "/documents",
        summary="code and store documents (needs the bearer token)",
        openapi_extra=_POST_BODY,
        dependencies=[Depends(writer)],
    )
    async def post_documents(request: Request) -> dict[str, Any]:
        records = _json_records(await request.body())
        return await run_in_threadpool(service.ingest_records, records, max_body_bytes)

    @app.get("/", include_in_schema=False)
    def index() -> Any:
        page = static_root / "index.html"
        return FileResponse(page) if page.is_file() else HTMLResponse(_NOT_BUILT)

    @app.get("/static/{path:path}", include_in_schema=False)
    def static(path: str) -> FileResponse:
        found = _static_file(static_root, path)
        if found is None:
            raise HTTPException(404, "not found")
        return FileResponse(found)

    add_live_routes(app, service, live)
    _add_docs_routes(app)
    return app


def _add_docs_routes(app: FastAPI) -> None:
    """/docs: Swagger UI from local files, with a policy that lets its stylesheet's
    data: icons load (the one difference from the dashboard's policy)."""
    policy = {"Content-Security-Policy": server_settings().docs_content_security_policy}

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        if apidocs.swagger_ui_dir() is None:
            return _error(
                404,
                "the API explorer needs the fastapi-offline package "
                "(make install); /openapi.json describes the API meanwhile",
            )
        return FileResponse(apidocs.PAGE, headers=policy)

    @app.get("/docs/assets/{path:path}", include_in_schema=False)
    def docs_asset(path: str) -> FileResponse:
        for root in apidocs.asset_roots():
            found = _static_file(root, path)
            if found is not None:
                return FileResponse(found, headers=policy)
        raise HTTPException(404, "not found")


# The page bounds each export format's limit is checked against (data/query.yaml).
_EXPORT_KINDS = {"geojson": "geojson", "csv": "export", "acled-csv": "export"}


def _written(write: Callable[[Any], int]) -> str:
    out = io.StringIO()
    write(out)
    return out.getvalue()


def _file_response(write: Callable[[Any], int], media_type: str, headers: dict[str, str]) -> Response:
    """Run ``write(out)`` into a spooled temporary file (data/server.yaml's sizes), then
    stream that file out, with the number of rows written in an ``X-Export-Rows`` header."""
    settings = server_settings()
    spool = tempfile.SpooledTemporaryFile(max_size=settings.export_memory_bytes, mode="w+b")
    try:
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
        rows = write(text)
        text.flush()
        text.detach()
        spool.seek(0)
    except BaseException:
        spool.close()
        raise

    def chunks() -> Iterator[bytes]:
        with spool:
            while block := spool.read(settings.export_send_bytes):
                yield block

    return StreamingResponse(chunks(), media_type=media_type, headers={**headers, "X-Export-Rows": str(rows)})


def _encode(data: Any) -> bytes:
    # json.dumps directly: FastAPI's generic encoder is ten times slower on event pages.
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


def _found(value: dict[str, Any] | None, kind: str, key: str) -> dict[str, Any]:
    if value is None:
        raise HTTPException(404, f"no {kind} with id {key!r}")
    return value


def _json_records(body: bytes) -> list[Any]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"request body is not JSON: {exc}") from None
    records = data if isinstance(data, list) else [data]
    if not records:
        raise UsageError("request body holds no documents")
    return records


def _static_file(root: Path, path: str) -> Path | None:
    """The file under ``root`` that ``path`` names, or None. Refuses any '..', absolute
    or hidden segment and anything that resolves (symlinks included) outside ``root``."""
    parts = path.replace("\\", "/").split("/")
    if any(p in ("", ".", "..") or p.startswith(".") or "\0" in p or ":" in p for p in parts):
        return None
    try:
        base = root.resolve(strict=True)
        candidate = base.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not candidate.is_relative_to(base) or not candidate.is_file():
        return None
    return candidate


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
