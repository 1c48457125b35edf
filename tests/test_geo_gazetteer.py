"""Gazetteer: folding, the name families of northern Kosovo, countries, demonyms, cache."""

from __future__ import annotations

import pytest
import yaml

from flashpoint.geo import fold, format_geocode, geocode, load_gazetteer, variant_fold
from flashpoint.geo.fold import DATA_DIR


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_yaml_keys_are_strings():
    # YAML 1.1 reads NO / on / off as booleans; every key and word must stay a string
    for path in DATA_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        for section in data.values():
            if isinstance(section, dict):
                assert all(isinstance(k, str) for k in section), path.name
            if isinstance(section, list):
                assert all(isinstance(x, (str, dict, list)) for x in section), path.name


def test_fold_strips_diacritics_and_punctuation():
    assert fold("Zvečan") == "zvecan"
    assert fold("Mitrovicë") == "mitrovice"
    assert fold("Đakovica") == "djakovica"
    assert fold("al-Qamishli") == "al qamishli"


@pytest.mark.parametrize(
    "family",
    [
        ["Zvečan", "Zvecan"],
        ["Leposaviq", "Leposavić", "Leposavic"],
        ["Prishtina", "Pristina", "Priština"],
        ["Mitrovica", "Mitrovicë"],
    ],
)
def test_spelling_families_meet(gaz, family):
    assert len({variant_fold(name) for name in family}) == 1
    ids = [
        {p.geonameid for p in gaz.lookup(name) if p.kind == "city" and p.country == "XK"} for name in family
    ]
    assert all(ids), family
    assert set.intersection(*ids), family


def test_lookup_orders_by_population(gaz):
    places = gaz.lookup("Mitrovica")
    assert places == sorted(places, key=lambda p: -p.population)
    zvecan = [p for p in gaz.lookup("Zvecan") if p.kind == "city"][0]
    assert zvecan.country == "XK" and zvecan.precision == 1
    assert abs(zvecan.lat - 42.9075) < 0.01 and abs(zvecan.lon - 20.84) < 0.01


def test_countries_aliases_and_demonyms(gaz):
    assert gaz.country("XK").name == "Kosovo"
    assert abs(gaz.country("XK").lat - 42.67) < 0.1  # capital Pristina
    assert gaz.country("XK").precision == 4
    for name, code in [
        ("the US", "US"),
        ("U.S.", "US"),
        ("Britain", "GB"),
        ("UK", "GB"),
        ("Kosova", "XK"),
        ("Ivory Coast", "CI"),
        ("DR Congo", "CD"),
        ("Serbia", "RS"),
        ("Kosovar", "XK"),
        ("XK", "XK"),
    ]:
        assert gaz.country_code(name) == code, name
    assert gaz.demonym("Serbian") == "RS"
    assert gaz.demonym("Serbs") == "RS"
    assert gaz.demonym("Kosovo Serbs") == "XK"
    assert gaz.demonym("Norwegian") == "NO"
    assert gaz.demonym("Kurdish") == ""


def test_admin_and_region_entries(gaz):
    kinds = {p.kind for p in gaz.lookup("Mitrovica")}
    assert {"city", "admin1"} <= kinds
    wb = [p for p in gaz.lookup("the West Bank") if p.kind == "region"][0]
    assert wb.country == "PS" and wb.precision == 3
    nk = gaz.lookup("northern Kosovo")[0]
    assert nk.country == "XK" and nk.precision == 3


def test_regions_carry_their_admin_units(gaz):
    # Alerts aggregate by admin1, so a rules region must name the unit it lies in.
    north = [p for p in gaz.lookup("North Mitrovica") if p.kind == "region"][0]
    assert north.admin1 == "Mitrovica"
    rules = yaml.safe_load((DATA_DIR / "rules.yaml").read_text(encoding="utf-8"))
    for region in rules["regions"]:
        placed = [p for p in gaz.lookup(region["name"]) if p.kind == "region"]
        assert placed and placed[0].admin1 == region.get("admin1"), region["name"]


def test_to_location_and_geocode(gaz):
    place = gaz.lookup("Zubin Potok")[0]
    loc = gaz.to_location(place, "Zubin Potok", 10, 21)
    assert (loc.name, loc.country, loc.precision, loc.start, loc.end) == ("Zubin Potok", "XK", 1, 10, 21)
    results = geocode("Zvecan")
    assert results and results[0].country == "XK"
    assert "Zve" in format_geocode(results)
    assert format_geocode([]).startswith("no place found")


def test_unknown_name_gives_nothing(gaz):
    assert gaz.lookup("Qwzxyplace") == []
    assert gaz.country_code("Narnia") is None


def test_stale_index_files_are_removed(tmp_path):
    from flashpoint.geo.gazetteer import _remove_stale_indexes

    current = tmp_path / "gazetteer-v9-new.pickle"
    current.write_bytes(b"x")
    (tmp_path / "gazetteer-v8-old.pickle").write_bytes(b"y")
    (tmp_path / "unrelated.txt").write_text("keep")
    _remove_stale_indexes(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-v9-new.pickle", "unrelated.txt"]


@pytest.mark.parametrize(
    "name,unit", [("Haut-Katanga", "Haut-Katanga"), ("Tshopo", "Tshopo"), ("Kasai Central", "Kasai-Central")]
)
def test_congo_provinces_since_2015_are_known(gaz, name, unit):
    hit = [p for p in gaz.lookup(name) if p.country == "CD"][0]
    assert hit.precision == 3 and hit.admin1 == unit


def test_congo_province_places_an_unknown_town(gaz):
    from flashpoint import extract

    events = extract("Truck drivers blocked the border road at Mokambo, Haut-Katanga, over new fees.")
    assert events and events[0].location.country == "CD"


@pytest.mark.parametrize("name", ["Jarinje", "Jarinjë", "Merdare", "Brnjak"])
def test_kosovo_border_crossings_are_places_in_kosovo(gaz, name):
    # border stories name the crossing and nothing else; GeoNames' cities list has none
    hit = gaz.lookup(name)[0]
    assert hit.country == "XK" and hit.precision == 1 and hit.admin1 in {"Mitrovica", "Pristina"}
