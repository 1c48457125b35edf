"""Offline geocoding: gazetteer, place-name finding, disambiguation, event placement."""

from __future__ import annotations

from .distance import distance_km
from .fold import fold, variant_fold
from .gazetteer import Gazetteer, format_geocode, geocode, load_gazetteer
from .place import Place
from .resolve import locate_event, resolve_toponyms
from .stage import LocateStage, ToponymStage
from .toponyms import find_toponyms

__all__ = [
    "Gazetteer",
    "LocateStage",
    "Place",
    "ToponymStage",
    "distance_km",
    "find_toponyms",
    "fold",
    "format_geocode",
    "geocode",
    "load_gazetteer",
    "locate_event",
    "resolve_toponyms",
    "variant_fold",
]
