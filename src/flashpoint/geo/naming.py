"""The one form in which a place and its administrative units are named in output.

The gazetteer files every spelling of a place (Zvečan, Zveçan, Zvecan) under its keys;
what a Location carries is GeoNames' ASCII form of the place's name, and administrative
units named like their seat ("Komuna e Leposaviqit", "Opstina Zvecan") carry the seat's
name, so one country's units read alike. Rules: data/place_names.yaml.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from ..errors import DataFileError
from ..ontology import load_data_yaml
from .build import bare_admin_name
from .fold import fold, load_rules
from .place import Place


class PlaceIndex(Hashable, Protocol):
    """What naming reads from the gazetteer (which imports this module to name its places)."""

    def ids(self, key: str) -> tuple[int, ...]: ...

    def place(self, i: int) -> Place: ...


DATA_FILE = "place_names.yaml"


@dataclass(frozen=True)
class _Genitive:
    prefixes: tuple[str, ...]
    endings: tuple[str, ...]


@lru_cache(maxsize=1)
def _rules() -> tuple[dict[int, str], tuple[_Genitive, ...]]:
    data = load_data_yaml(DATA_FILE)
    try:
        letters = {ord(k): str(v) for k, v in (data.get("ascii_letters") or {}).items()}
        genitives = tuple(
            _Genitive(tuple(g["prefixes"]), tuple(g["endings"])) for g in data.get("admin_genitives") or []
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataFileError(f"data/{DATA_FILE}: {exc!r}") from exc
    return letters, genitives


@lru_cache(maxsize=100_000)
def ascii_name(name: str) -> str:
    """'Zvečan' -> 'Zvecan', 'Mitrovicë' -> 'Mitrovice', 'Đakovica' -> 'Dakovica'."""
    if name.isascii():
        return name
    letters, _ = _rules()
    text = unicodedata.normalize("NFKD", name.translate(letters))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _seat_stems(name: str) -> list[str]:
    """The names the unit's seat may have: the bare name, then the genitive's stems."""
    stems = [bare_admin_name(name, load_rules())]
    _, genitives = _rules()
    for genitive in genitives:
        prefix = next((p for p in genitive.prefixes if name.startswith(p)), None)
        if prefix is None:
            continue
        word = name[len(prefix) :]
        stems += [
            word[: -len(end)] for end in genitive.endings if word.endswith(end) and len(word) - len(end) >= 3
        ]
    return stems


def admin2_name(gaz: PlaceIndex, name: str | None, country: str, admin1: str | None) -> str | None:
    """The output form of a second-level unit's name: its seat's name when a town of the
    same country and province bears it, else the name without its unit word. (Provinces
    keep their own names: a province is seldom named like its capital.)"""
    if not name:
        return name
    return _admin2_name(gaz, name, country, admin1)


@lru_cache(maxsize=20_000)
def _admin2_name(gaz: PlaceIndex, name: str, country: str, admin1: str | None) -> str:
    stems = _seat_stems(name)
    for stem in stems:
        for i in gaz.ids(fold(stem)):
            place = gaz.place(i)
            if (
                place.kind == "city"
                and place.country == country
                and (admin1 is None or place.admin1 in (None, admin1))
            ):
                return ascii_name(place.name)
    return ascii_name(stems[0])
