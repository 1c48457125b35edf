"""The rules by which the store merges reports of one event, from data/monitor.yaml.

The store reads them when it merges; the monitor reads the same file for its alerts
(monitor/config.py), with the readers below.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import DataFileError
from ..ontology import load_data_yaml

MONITOR_FILE = "monitor.yaml"


@dataclass(frozen=True)
class MergeRules:
    families: dict[str, tuple[str, ...]]
    date_window_days: int
    distance_km: float

    def family_of(self, type_: str) -> str:
        """The family of a PLOVER type; a type in no family is a family of its own."""
        upper = (type_ or "").upper()
        for family, members in self.families.items():
            if upper in members:
                return family
        return upper


def setting_number(section: dict[str, Any], key: str, kind: type, minimum: float) -> Any:
    """``section[key]`` as ``kind``, checked to be a number of at least ``minimum``."""
    value = section.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataFileError(f"{MONITOR_FILE}: {key} must be a number, not {value!r}")
    if value < minimum:
        raise DataFileError(f"{MONITOR_FILE}: {key} must be at least {minimum}, not {value!r}")
    return kind(value)


def setting_section(raw: dict[str, Any], name: str) -> dict[str, Any]:
    """The mapping under ``name`` in monitor.yaml, which must be there."""
    section = raw.get(name)
    if not isinstance(section, dict):
        raise DataFileError(f"{MONITOR_FILE}: section {name!r} is missing")
    return section


@lru_cache(maxsize=1)
def monitor_settings() -> dict[str, Any]:
    """data/monitor.yaml as read once."""
    raw = load_data_yaml(MONITOR_FILE)
    if not isinstance(raw, dict):
        raise DataFileError(f"{MONITOR_FILE} must hold a mapping")
    return raw


@lru_cache(maxsize=1)
def merge_rules() -> MergeRules:
    raw = monitor_settings()
    families = raw.get("families")
    if not isinstance(families, dict) or not families:
        raise DataFileError(f"{MONITOR_FILE}: families must map family names to type lists")
    fams = {str(k).upper(): tuple(str(t).upper() for t in v) for k, v in families.items()}
    merge = setting_section(raw, "merge")
    return MergeRules(
        fams,
        setting_number(merge, "date_window_days", int, 0),
        setting_number(merge, "distance_km", float, 0),
    )
