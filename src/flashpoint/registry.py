"""Pipeline stages registered by name, so a pipeline can be described as a list of names."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from .errors import UsageError

T = TypeVar("T")
_STAGES: dict[str, type] = {}


def register_stage(name: str) -> Callable[[type[T]], type[T]]:
    def decorate(cls: type[T]) -> type[T]:
        if name in _STAGES and _STAGES[name] is not cls:
            raise UsageError(f"two stages registered as {name!r}")
        _STAGES[name] = cls
        cls.stage_name = name  # type: ignore[attr-defined]
        return cls

    return decorate


def get_stage(name: str) -> type:
    try:
        return _STAGES[name]
    except KeyError:
        raise UsageError(f"no pipeline stage named {name!r}; known: {', '.join(sorted(_STAGES))}") from None


def stage_names() -> list[str]:
    return sorted(_STAGES)
