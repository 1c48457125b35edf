"""The geoBoundaries districts: read from a wheel, checked, and filed in the gazetteer."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from flashpoint.errors import DataFileError
from flashpoint.geo import boundaries
from flashpoint.geo.boundaries import (
    CSV_MEMBER,
    Unit,
    boundaries_path,
    boundaries_tag,
    clean_name,
    keep_unit,
    place_units,
    read_units,
)
from flashpoint.geo.build import BOUNDARY_GID, KIND_CODE, _add_boundary_units, _Tables
from flashpoint.geo.resolve import distance_km

COUNTRIES = {"QA": {"name": "Qatar"}, "XK": {"name": "Kosovo"}, "OM": {"name": "Oman"}}
# invented units, one per rule
ROWS = [
    ("Velmora District", "1", 51.20, 25.10, "Qatar", "Dunmar Region"),
    ("TARSKEN", "2", 51.60, 25.40, "Qatar", "Elbrin"),
    ("Plot 12", "3", 51.30, 25.20, "Qatar", "Elbrin"),
    ("Central", "4", 51.40, 25.30, "Qatar", "Elbrin"),
    ("Korvash", "5", 21.10, 42.60, "Kosovo", "Nerith"),
    ("Nowhere Land", "6", 51.50, 25.50, "Atlantis", "Elbrin"),
]


def _wheel(tmp_path: Path, rows: list[tuple[object, ...]] = ROWS) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["name", "shape_id", "lon", "lat", "admin1", "admin2"])
    w.writerows(rows)
    path = tmp_path / "tiny-0.1-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(CSV_MEMBER, buf.getvalue())
    return path


def test_clean_name_drops_unit_words_numbers_and_common_words() -> None:
    assert clean_name("Velmora District") == "Velmora"
    assert clean_name("TARSKEN") == "Tarsken"
    assert clean_name("Plot 12") is None
    assert clean_name("Central") is None
    assert clean_name("Abc") is None  # too short: initials and little words


def test_read_units_maps_country_names_and_keeps_parents(tmp_path: Path) -> None:
    units = read_units(_wheel(tmp_path), COUNTRIES)
    by_name = {u.name: u for u in units}
    assert set(by_name) == {"Velmora", "Tarsken", "Korvash"}
    assert by_name["Velmora"] == Unit("Velmora", 25.10, 51.20, "QA", "Dunmar Region")
    assert by_name["Korvash"].country == "XK"


def test_read_units_reports_a_broken_wheel(tmp_path: Path) -> None:
    bad = tmp_path / "broken.whl"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DataFileError, match="FLASHPOINT_BOUNDARIES"):
        read_units(bad, COUNTRIES)


def test_place_units_takes_the_nearest_towns_country_and_province_names() -> None:
    towns = [(25.11, 51.21, "QA", "Dunmar"), (25.41, 51.61, "OM", "Sarvel")]
    units = [
        Unit("Velmora", 25.10, 51.20, "QA", "Dunmar Region"),
        Unit("Tarsken", 25.40, 51.60, "QA", "Elbrin"),
        Unit("Farout", 10.0, 10.0, "QA", "Elbrin"),
    ]
    placed = {u.name: (cc, a1) for u, cc, a1 in place_units(units, towns, {"QA": {"dunmar": "Dunmar"}})}
    assert placed["Velmora"] == ("QA", "Dunmar")  # 'Dunmar Region' is the province Dunmar
    assert placed["Tarsken"] == ("OM", "Sarvel")  # filed under the wrong country
    assert "Farout" not in placed  # no town within reach: unchecked


def test_place_units_in_sparse_country_keep_the_files_country_when_it_agrees() -> None:
    # nearest towns about 90 km away: kept only when that town lies in the file's country
    towns = [(25.11, 51.21, "QA", "Dunmar"), (12.0, 30.0, "OM", "Sarvel")]
    units = [Unit("Lisk", 25.11, 52.10, "QA", "Elbrin"), Unit("Ostra", 12.0, 30.82, "QA", "Elbrin")]
    placed = {u.name: (cc, a1) for u, cc, a1 in place_units(units, towns, {"QA": {"dunmar": "Dunmar"}})}
    assert placed["Lisk"] == ("QA", "Dunmar")
    assert "Ostra" not in placed  # the only town near is another country's


def test_keep_unit_drops_a_namesake_close_by() -> None:
    u = Unit("Velmora", 25.10, 51.20, "QA", "")
    assert not keep_unit(u, "QA", [(25.15, 51.25, "QA")], distance_km)
    assert keep_unit(u, "QA", [(25.60, 51.20, "QA")], distance_km)
    assert not keep_unit(u, "QA", [(25.25, 51.20, "OM")], distance_km)  # 17 km, across a border
    assert keep_unit(u, "QA", [(25.40, 51.20, "OM")], distance_km)


def test_add_boundary_units_files_districts_without_population(tmp_path: Path) -> None:
    t = _Tables()
    t.add("Tarsken", 25.401, 51.601, "OM", "Sarvel", None, 5000, 1, "city", 7)
    rg = [
        (25.11, 51.21, "Dunmarton", "Dunmar", "", "QA"),
        (25.41, 51.61, "Tarsken", "Sarvel", "", "OM"),
        (42.61, 21.11, "Korvashi", "Nerith", "", "XK"),
    ]
    added = _add_boundary_units(t, _wheel(tmp_path), COUNTRIES, rg)
    assert added == 2  # Tarsken is the town already filed
    rows = {name: i for i, name in enumerate(t.names)}
    v = rows["Velmora"]
    assert (t.country[v], t.admin1[v], t.pop[v], t.prec[v], t.kind[v], t.gid[v]) == (
        "QA",
        "Dunmar",
        0,
        2,
        KIND_CODE["admin2"],
        BOUNDARY_GID,
    )
    assert v in t.keys["velmora"]
    assert t.country[rows["Korvash"]] == "XK"


def test_boundaries_path_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wheel = _wheel(tmp_path)
    monkeypatch.setenv(boundaries.ENV_VAR, str(wheel))
    assert boundaries_path() == wheel
    with_tag = boundaries_tag()
    monkeypatch.setenv(boundaries.ENV_VAR, "off")
    assert boundaries_path() is None
    assert boundaries_tag() == "b0" != with_tag
    monkeypatch.setenv(boundaries.ENV_VAR, str(tmp_path / "missing.whl"))
    assert boundaries_path() is None


def test_index_name_says_whether_boundaries_were_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashpoint.geo.gazetteer import index_path

    monkeypatch.setenv(boundaries.ENV_VAR, "off")
    without = index_path()
    monkeypatch.setenv(boundaries.ENV_VAR, str(_wheel(tmp_path)))
    assert index_path() != without


def test_geocode_says_when_the_districts_are_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flashpoint.geo.gazetteer import format_geocode

    monkeypatch.setenv(boundaries.ENV_VAR, "off")
    assert "make install" in format_geocode([])
    monkeypatch.setenv(boundaries.ENV_VAR, str(_wheel(tmp_path)))
    assert format_geocode([]) == "no place found"
