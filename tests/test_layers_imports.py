"""The import contract: modules import only their own layer or lower ones (tests/layers.yaml),
and no modules import each other in a cycle, imports inside functions included."""

from __future__ import annotations

from pathlib import Path

import yaml

from import_graph import PACKAGE, cycles, edges, imports, modules

LAYERS_FILE = Path(__file__).with_name("layers.yaml")

# Cycles still standing, each as its sorted modules. Empty: every cycle measured when the
# contract was written (geo's 13 modules, pipeline/workers, store/monitor, evaluate/geo
# evaluation/training, bench/bench_report) was broken. A cycle may be listed here only
# with a comment saying why it stays; the test fails when one grows or a new one appears.
KNOWN_CYCLES: list[list[str]] = []


def _layers() -> list[tuple[str, list[str]]]:
    raw = yaml.safe_load(LAYERS_FILE.read_text(encoding="utf-8"))
    return [(layer["name"], list(layer["modules"])) for layer in raw["layers"]]


def _matches(module: str, entry: str) -> bool:
    return module == entry or (entry != PACKAGE and module.startswith(entry + "."))


def layer_of(module: str, layers: list[tuple[str, list[str]]]) -> int | None:
    """Index of the layer whose most specific entry matches ``module``."""
    best: tuple[int, int] | None = None
    for rank, (_name, entries) in enumerate(layers):
        for entry in entries:
            if _matches(module, entry) and (best is None or len(entry) > best[0]):
                best = (len(entry), rank)
    return None if best is None else best[1]


def test_every_module_has_a_layer():
    layers = _layers()
    assert [m for m in modules() if layer_of(m, layers) is None] == []


def test_every_layer_entry_names_a_module():
    known = modules()
    assert [e for _n, entries in _layers() for e in entries if e not in known] == []


def test_no_module_imports_from_a_higher_layer():
    layers = _layers()
    upward = []
    for importer, targets in edges().items():
        low = layer_of(importer, layers)
        for target, line in targets.items():
            high = layer_of(target, layers)
            if low is not None and high is not None and high > low:
                upward.append(
                    f"{importer} ({layers[low][0]}) line {line} imports {target} ({layers[high][0]})"
                )
    assert upward == []


def test_no_import_cycles_beyond_the_known_ones():
    found = cycles(edges())
    new = [c for c in found if c not in KNOWN_CYCLES]
    assert new == [], "import cycles (imports inside functions count too): " + repr(new)


def test_the_graph_sees_imports_inside_functions():
    # evaluate/__init__ imports each set's module inside run_evaluation: those imports
    # must be edges, or a cycle through them would pass unseen.
    nested = [i for i in imports() if i.importer == "flashpoint.evaluate" and i.source.endswith(".geo")]
    assert nested, "the lazy import of evaluate.geo in evaluate/__init__ was not seen"
    assert "flashpoint.evaluate.geo" in edges()["flashpoint.evaluate"]


def test_cycle_finder_finds_a_cycle_through_a_function_level_import():
    graph = {"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3}, "d": {"a": 4}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b": 1}, "b": {}}) == []
