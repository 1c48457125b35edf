"""The API explorer at /docs: Swagger UI served from the pinned swagger-ui-bundle
package and this folder's page, never from a CDN, so it works offline and trusts no
third-party origin."""
from __future__ import annotations

from pathlib import Path

PAGE_DIR = Path(__file__).resolve().parent / "apidocs"
PAGE = PAGE_DIR / "index.html"


def swagger_ui_dir() -> Path | None:
    """The folder of Swagger UI's built files, or None when the package is missing."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    folder = Path(str(swagger_ui_path))
    return folder if folder.is_dir() else None


def asset_roots() -> list[Path]:
    """Folders that /docs/assets/NAME is looked up in, this package's first."""
    found = swagger_ui_dir()
    return [PAGE_DIR] + ([found] if found else [])
