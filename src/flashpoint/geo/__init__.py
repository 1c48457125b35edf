"""Offline geocoding: gazetteer, place-name finding, disambiguation, event placement."""
from __future__ import annotations

from .fold import fold, variant_fold
from .gazetteer import Gazetteer, Place, format_geocode, geocode, load_gazetteer
from .resolve import distance_km, locate_event, resolve_toponyms
from .stage import LocateStage, ToponymStage
from .toponyms import find_toponyms

__all__ = [
    "Gazetteer", "LocateStage", "Place", "ToponymStage", "distance_km", "find_toponyms",
    "fold", "format_geocode", "geocode", "load_gazetteer", "locate_event", "resolve_toponyms",
    "variant_fold",
]
