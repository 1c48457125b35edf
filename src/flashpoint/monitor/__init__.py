"""Monitoring: event counts over time and place, and escalation alerts."""

from __future__ import annotations

from ..store.dedup import merge_reasons
from .aggregates import place_intensity, timeline, timeseries
from .alerts import Alert, find_alerts

__all__ = ["Alert", "find_alerts", "merge_reasons", "place_intensity", "timeline", "timeseries"]
