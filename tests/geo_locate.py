"""Shared by the geo tests: find, resolve and place the event of one invented sentence."""

from __future__ import annotations

from flashpoint.geo import find_toponyms, load_gazetteer, locate_event, resolve_toponyms


def locate_in_text(text: str, trigger: str):
    """(toponyms, country focus, event locations) for the event at word ``trigger``."""
    tops = find_toponyms(text)
    focus = resolve_toponyms(tops, text)
    locs = locate_event(0, len(text), text.index(trigger), tops, focus, load_gazetteer(), text=text)
    return tops, focus, locs
