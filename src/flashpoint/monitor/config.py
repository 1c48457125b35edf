"""Monitoring settings from data/monitor.yaml: the alert statistic and the intensity weights
(the type families and merge limits, which the store reads too, are in store/merge_rules.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..errors import DataFileError
from ..store.merge_rules import MONITOR_FILE, merge_rules, monitor_settings, setting_number, setting_section

LEVELS = ("admin1", "admin2")


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


@lru_cache(maxsize=1)
def alert_rules() -> AlertRules:
    raw = monitor_settings()
    a = setting_section(raw, "alerts")
    families = tuple(str(f).upper() for f in a.get("count_families") or ())
    unknown = [f for f in families if f not in merge_rules().families]
    if not families or unknown:
        raise DataFileError(f"{MONITOR_FILE}: alerts.count_families must name families, not {unknown}")
    levels = tuple(a.get("levels") or ())
    if not levels or any(lv not in LEVELS for lv in levels):
        raise DataFileError(f"{MONITOR_FILE}: alerts.levels must be a list of {LEVELS}")
    p = setting_number(a, "p_threshold", float, 0)
    if p >= 1:
        raise DataFileError(f"{MONITOR_FILE}: p_threshold must be below 1")
    return AlertRules(
        count_families=families,
        levels=levels,
        window_days=setting_number(a, "window_days", int, 1),
        baseline_days=setting_number(a, "baseline_days", int, 1),
        min_baseline_days=setting_number(a, "min_baseline_days", int, 0),
        prior_events=setting_number(a, "prior_events", float, 1e-9),
        prior_days=setting_number(a, "prior_days", float, 1e-9),
        p_threshold=p,
        min_events=setting_number(a, "min_events", int, 1),
        max_listed_events=setting_number(a, "max_listed_events", int, 1),
    )


@lru_cache(maxsize=1)
def intensity_weights() -> IntensityWeights:
    s = setting_section(monitor_settings(), "intensity")
    return IntensityWeights(
        setting_number(s, "fatality_weight", float, 0), setting_number(s, "injured_weight", float, 0)
    )
