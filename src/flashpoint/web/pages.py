"""The pages: the dashboard at / with its static files, and the API explorer at /docs
(flashpoint.web.apidocs), both served from local files only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, Response

from . import apidocs
from .errors import error_response

_NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>flashpoint</title></head><body><h1>flashpoint</h1>
<p>The dashboard assets are not built. Run <code>make install</code> and restart
<code>flashpoint serve</code>. The JSON API works meanwhile: see <a href="/docs">/docs</a>.</p>
</body></html>"""


def dashboard_router(static_root: Path) -> APIRouter:
    """/ and /static/PATH from ``static_root``; / explains itself when it is not built."""
    router = APIRouter()

    @router.get("/", include_in_schema=False)
    def index() -> Any:
        page = static_root / "index.html"
        return FileResponse(page) if page.is_file() else HTMLResponse(_NOT_BUILT)

    @router.get("/static/{path:path}", include_in_schema=False)
    def static(path: str) -> FileResponse:
        found = static_file(static_root, path)
        if found is None:
            raise HTTPException(404, "not found")
        return FileResponse(found)

    return router


def docs_router(content_security_policy: str) -> APIRouter:
    """/docs: Swagger UI from local files, with a policy that lets its stylesheet's
    data: icons load (the one difference from the dashboard's policy)."""
    router = APIRouter()
    policy = {"Content-Security-Policy": content_security_policy}

    @router.get("/docs", include_in_schema=False)
    def docs() -> Response:
        if apidocs.swagger_ui_dir() is None:
            return error_response(
                404,
                "the API explorer needs the fastapi-offline package "
                "(make install); /openapi.json describes the API meanwhile",
            )
        return FileResponse(apidocs.PAGE, headers=policy)

    @router.get("/docs/assets/{path:path}", include_in_schema=False)
    def docs_asset(path: str) -> FileResponse:
        for root in apidocs.asset_roots():
            found = static_file(root, path)
            if found is not None:
                return FileResponse(found, headers=policy)
        raise HTTPException(404, "not found")

    return router


def static_file(root: Path, path: str) -> Path | None:
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
