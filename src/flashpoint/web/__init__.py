"""The HTTP API and dashboard server over one event database (`flashpoint serve`)."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI loads only when the web part is used, not on every `import flashpoint`.
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
