"""No module imports an underscored name from another module: a name another module needs
is public in the module that owns the idea (ast over src/flashpoint, imports inside
functions included)."""

from __future__ import annotations

from import_graph import Import, imports, modules


def is_private(name: str | None) -> bool:
    return bool(name) and name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(found: tuple[Import, ...], known: set[str]) -> list[str]:
    """``from x import _name`` lines where ``x._name`` is not itself a module."""
    return [
        f"{i.importer} line {i.line}: from {i.source} import {i.name}"
        for i in found
        if is_private(i.name) and f"{i.source}.{i.name}" not in known
    ]


def test_no_underscored_name_crosses_modules():
    assert private_imports(imports(), set(modules())) == []


def test_the_check_sees_private_names_and_lets_dunders_pass():
    found = (
        Import("flashpoint.a", "flashpoint.b", "_helper", 3),
        Import("flashpoint.a", "flashpoint", "__version__", 4),
        Import("flashpoint.a", "flashpoint.b", "helper", 5),
    )
    assert private_imports(found, {"flashpoint.a", "flashpoint.b"}) == [
        "flashpoint.a line 3: from flashpoint.b import _helper"
    ]
