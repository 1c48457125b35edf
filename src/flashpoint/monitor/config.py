"""Monitoring settings from data/monitor.yaml: type families, merge limits, alert statistic."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import DataFileError
from ..ontology import load_data_yaml

_FILE = "monitor.yaml"
LEVELS = ("admin1", "admin2")


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


@dataclass(frozen=True)
class AlertRules:
    count_families: tuple[str, ...]
    levels: tuple[str, ...]
    window_days: int
    baseline_days: int
    min_baseline_days: int
    prior_events: float
    prior_days: float
    p_threshold: float
    min_events: int
    max_listed_events: int


@dataclass(frozen=True)
class IntensityWeights:
    fatality_weight: float
    injured_weight: float


def _number(section: dict[str, Any], key: str, kind: type, minimum: float) -> Any:
    value = section.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataFileError(f"{_FILE}: {key} must be a number, not {value!r}")
    if value < minimum:
        raise DataFileError(f"{_FILE}: {key} must be at least {minimum}, not {value!r}")
    return kind(value)


def _section(raw: dict[str, Any], name: str) -> dict[str, Any]:
    section = raw.get(name)
    if not isinstance(section, dict):
        raise DataFileError(f"{_FILE}: section {name!r} is missing")
    return section


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    raw = load_data_yaml(_FILE)
    if not isinstance(raw, dict):
        raise DataFileError(f"{_FILE} must hold a mapping")
    return raw


@lru_cache(maxsize=1)
def merge_rules() -> MergeRules:
    raw = _raw()
    families = raw.get("families")
    if not isinstance(families, dict) or not families:
        raise DataFileError(f"{_FILE}: families must map family names to type lists")
    fams = {str(k).upper(): tuple(str(t).upper() for t in v) for k, v in families.items()}
    merge = _section(raw, "merge")
    return MergeRules(fams, _number(merge, "date_window_days", int, 0),
                      _number(merge, "distance_km", float, 0))


@lru_cache(maxsize=1)
def alert_rules() -> AlertRules:
    raw = _raw()
    a = _section(raw, "alerts")
    families = tuple(str(f).upper() for f in a.get("count_families") or ())
    unknown = [f for f in families if f not in merge_rules().families]
    if not families or unknown:
        raise DataFileError(f"{_FILE}: alerts.count_families must name families, not {unknown}")
    levels = tuple(a.get("levels") or ())
    if not levels or any(lv not in LEVELS for lv in levels):
        raise DataFileError(f"{_FILE}: alerts.levels must be a list of {LEVELS}")
    p = _number(a, "p_threshold", float, 0)
    if p >= 1:
        raise DataFileError(f"{_FILE}: p_threshold must be below 1")
    return AlertRules(
        count_families=families, levels=levels,
        window_days=_number(a, "window_days", int, 1),
        baseline_days=_number(a, "baseline_days", int, 1),
        min_baseline_days=_number(a, "min_baseline_days", int, 0),
        prior_events=_number(a, "prior_events", float, 1e-9),
        prior_days=_number(a, "prior_days", float, 1e-9),
        p_threshold=p, min_events=_number(a, "min_events", int, 1),
        max_listed_events=_number(a, "max_listed_events", int, 1))


@lru_cache(maxsize=1)
def intensity_weights() -> IntensityWeights:
    s = _section(_raw(), "intensity")
    return IntensityWeights(_number(s, "fatality_weight", float, 0),
                            _number(s, "injured_weight", float, 0))
