"""data/geo_rules.yaml: every number of place-name resolution in one file, each with
its reason, read through one typed loader that names the file and key of a bad value."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import flashpoint
from flashpoint.errors import DataFileError
from flashpoint.geo.rules import DATA_FILE, DistanceKm, GeoRules, HomeActs, Population, geo_rules
from flashpoint.settings import SettingsFile

RULES_PATH = Path(flashpoint.__file__).parent / "data" / DATA_FILE


def test_every_setting_is_loaded_and_typed() -> None:
    rules = geo_rules()
    assert isinstance(rules, GeoRules)
    for group in dataclasses.fields(rules):
        section = getattr(rules, group.name)
        for field in dataclasses.fields(section):
            value = getattr(section, field.name)
            if isinstance(value, tuple):  # a list of names (event types, actor sectors)
                assert value and all(isinstance(v, str) and v for v in value), (group.name, field.name)
            else:
                assert isinstance(value, (int, float)), (group.name, field.name)
    assert all(v > 0 for v in dataclasses.asdict(rules.distance_km).values())
    assert all(v > 0 for v in dataclasses.asdict(rules.population).values())


def test_every_setting_has_a_comment_saying_why() -> None:
    lines = RULES_PATH.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        stripped = line.strip()
        if not line.startswith("  ") or stripped.startswith("#") or ":" not in stripped:
            continue
        previous = lines[n - 1].strip()
        assert previous.startswith("#") or "#" in stripped, f"{DATA_FILE}:{n + 1} {stripped}"


def _data(**changes: object) -> dict[str, object]:
    data = {
        "near": 1.0,
        "feature": 1.0,
        "urban": 1.0,
        "town_reach": 1.0,
        "namesake_town": 1.0,
        "district_reach": 1.0,
        "province_reach": 1.0,
        "namesake_unit": 1.0,
        "nearest_slack": 1.0,
        "seat": 1.0,
        "lone": 1.0,
        "qualifier_reach": 1.0,
    }
    data.update(changes)
    return {"distance_km": data}


def test_a_misspelt_key_names_file_and_key() -> None:
    data = _data(seet=2.0)
    with pytest.raises(DataFileError, match=r"geo_rules\.yaml: distance_km\.seet is not a known"):
        SettingsFile(DATA_FILE, data).record("distance_km", DistanceKm)


def test_a_missing_or_mistyped_value_names_file_and_key() -> None:
    data = _data()
    del data["distance_km"]["lone"]  # type: ignore[attr-defined]
    with pytest.raises(DataFileError, match=r"geo_rules\.yaml: distance_km\.lone is missing"):
        SettingsFile(DATA_FILE, data).record("distance_km", DistanceKm)
    with pytest.raises(DataFileError, match=r"distance_km\.seat must be a number"):
        SettingsFile(DATA_FILE, _data(seat="far")).record("distance_km", DistanceKm)


def test_a_whole_number_setting_refuses_a_fraction() -> None:
    raw = dict.fromkeys((f.name for f in dataclasses.fields(Population)), 10)
    raw["town_share"] = 2.5
    with pytest.raises(DataFileError, match=r"population\.town_share must be a whole number"):
        SettingsFile(DATA_FILE, {"population": raw}).record("population", Population)


def test_a_list_of_names_refuses_a_single_name() -> None:
    raw = {"home_acts": {"types": "MOBILIZE", "sectors": ["GOV"]}}
    with pytest.raises(DataFileError, match=r"geo_rules\.yaml: home_acts\.types must be a list of names"):
        SettingsFile(DATA_FILE, raw).record("home_acts", HomeActs)
    raw = {
        "types": ["MOBILIZE"],
        "sectors": ["GOV"],
        "authority_types": ["COERCE"],
        "authority_sectors": ["COP"],
        "object_path": ["acl"],
    }
    loaded = SettingsFile(DATA_FILE, {"home_acts": raw})
    assert loaded.record("home_acts", HomeActs) == HomeActs(
        types=("MOBILIZE",),
        sectors=("GOV",),
        authority_types=("COERCE",),
        authority_sectors=("COP",),
        object_path=("acl",),
    )
