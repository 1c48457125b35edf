"""Monitoring: event counts over time and place, and escalation alerts.

Names are imported on first use so that the store can read the merge rules from
``monitor.config`` without importing the store back.
"""
from __future__ import annotations

from typing import Any

__all__ = ["Alert", "find_alerts", "merge_reasons", "place_intensity", "timeline", "timeseries"]


def __getattr__(name: str) -> Any:
    if name in ("Alert", "find_alerts"):
        from . import alerts
        return getattr(alerts, name)
    if name in ("place_intensity", "timeline", "timeseries"):
        from . import aggregates
        return getattr(aggregates, name)
    if name == "merge_reasons":
        from ..store.dedup import merge_reasons
        return merge_reasons
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
