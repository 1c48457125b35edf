"""The reading limits of data/input_limits.yaml: one document, one line, one JSON file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..errors import DataFileError
from ..ontology import load_data_yaml

FILE = "input_limits.yaml"


@dataclass(frozen=True)
class ReadLimits:
    document_bytes: int
    line_bytes: int
    json_bytes: int


@lru_cache(maxsize=1)
def read_limits() -> ReadLimits:
    data = load_data_yaml(FILE)
    try:
        limits = ReadLimits(
            document_bytes=int(data["document_bytes"]),
            line_bytes=int(data["line_bytes"]),
            json_bytes=int(data["json_bytes"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"data file {FILE}: missing or malformed limit {exc}") from None
    if min(limits.document_bytes, limits.line_bytes, limits.json_bytes) < 1:
        raise DataFileError(f"data file {FILE}: limits must be positive")
    return limits
