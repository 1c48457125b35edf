"""The API explorer at /docs: Swagger UI served from the files of the pinned
fastapi-offline package (Swagger UI 5, which reads the OpenAPI 3.1 that FastAPI writes)
and this folder's page, never from a CDN, so it works offline and trusts no third-party
origin. Only the package's static folder is used: its pages carry inline scripts, which
the Content-Security-Policy forbids."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

PAGE_DIR = Path(__file__).resolve().parent / "apidocs"
PAGE = PAGE_DIR / "index.html"


def swagger_ui_dir() -> Path | None:
    """The folder of Swagger UI's built files, or None when the package is missing."""
    spec = find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def asset_roots() -> list[Path]:
    """Folders that /docs/assets/NAME is looked up in, this package's first."""
    found = swagger_ui_dir()
    return [PAGE_DIR] + ([found] if found else [])
