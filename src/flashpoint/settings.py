"""Typed settings from the YAML files shipped in flashpoint/data.

Each file is read once. A value is asked for by its dotted key ("walks.actors_per_side")
with the type it must have; a missing, unknown or mistyped one raises DataFileError
naming the file and the key, so a bad edit to a data file stops the program with one
line instead of a traceback deep inside a stage.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any, TypeVar, get_type_hints

from .errors import DataFileError
from .ontology import load_data_yaml

T = TypeVar("T")
_MISSING = object()


class SettingsFile:
    """One parsed data file; ``settings_file(name)`` gives the shared instance."""

    def __init__(self, name: str, data: Any):
        if not isinstance(data, dict):
            raise DataFileError(f"data file {name}: expected a mapping of settings")
        self.name = name
        self.data: dict[str, Any] = data

    def error(self, key: str, problem: str) -> DataFileError:
        return DataFileError(f"data file {self.name}: {key} {problem}")

    def value(self, key: str, default: Any = _MISSING) -> Any:
        """The raw value at dotted ``key`` ("" for the whole file); ``default`` (when
        given) if it is absent."""
        node: Any = self.data
        for part in key.split(".") if key else ():
            if not isinstance(node, dict) or part not in node:
                if default is not _MISSING:
                    return default
                raise self.error(key, "is missing")
            node = node[part]
        return node

    def number(self, key: str, *, minimum: float | None = None, above: float | None = None) -> float:
        """A number (int or float in the file), at least ``minimum`` / more than ``above``."""
        value = self.value(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(key, f"must be a number, not {value!r}")
        if minimum is not None and value < minimum:
            raise self.error(key, f"must be a number of at least {minimum}, not {value!r}")
        if above is not None and not value > above:
            raise self.error(key, f"must be a number above {above}, not {value!r}")
        return float(value)

    def integer(self, key: str, *, minimum: int | None = None) -> int:
        value = self.value(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"must be a whole number, not {value!r}")
        if minimum is not None and value < minimum:
            raise self.error(key, f"must be a whole number of at least {minimum}, not {value!r}")
        return value

    def text(self, key: str) -> str:
        value = self.value(key)
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"must be a non-empty string, not {value!r}")
        return value

    def names(self, key: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        """A list of strings; each must be non-empty unless ``allow_empty``."""
        value = self.value(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and (v or allow_empty) for v in value):
            raise self.error(key, "must be a list of names")
        return tuple(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self.value(key, default)
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, not {value!r}")
        return value

    def record(self, key: str, cls: type[T]) -> T:
        """The mapping at ``key`` ("" for the whole file) as the frozen dataclass ``cls``,
        whose fields are int, float, tuple[str, ...] (a list of names) or such dataclasses
        in turn: every field must be there and nothing else, so a misspelt key is caught."""
        raw = self.value(key)
        where = f"{key}." if key else ""
        if not isinstance(raw, dict):
            raise self.error(key or "the file", "must be a mapping")
        hints = get_type_hints(cls)
        names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        unknown = sorted(set(raw) - set(names))
        if unknown:
            raise self.error(where + str(unknown[0]), "is not a known setting")
        values: dict[str, Any] = {}
        for name in names:
            kind = hints[name]
            if isinstance(kind, type) and dataclasses.is_dataclass(kind):
                values[name] = self.record(where + name, kind)
            elif kind is int:
                values[name] = self.integer(where + name)
            elif kind == tuple[str, ...]:
                values[name] = self.names(where + name)
            else:
                values[name] = self.number(where + name)
        return cls(**values)


@cache
def settings_file(name: str) -> SettingsFile:
    """The data file ``name`` (relative to flashpoint/data), parsed once."""
    return SettingsFile(name, load_data_yaml(name))
