"""The import graph of src/flashpoint, read from the source with ast (nothing is imported).

Every import statement counts wherever it stands: at the top, inside a function, under
``if TYPE_CHECKING``. Importing ``flashpoint.a.b`` from outside ``flashpoint.a`` also runs
``flashpoint/a/__init__.py``, so such an import is an edge to the package too: a cycle
through a package's ``__init__`` is a cycle Python meets at run time.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "flashpoint"


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    is_package: bool


@dataclass(frozen=True)
class Import:
    """One name imported by one module: ``from <source> import <name>`` (``name`` is None
    for a plain ``import source``)."""

    importer: str
    source: str
    name: str | None
    line: int


def modules() -> dict[str, Module]:
    found = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        name = ".".join(parts)
        found[name] = Module(name, path, is_package)
    return found


def _absolute(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


@lru_cache(maxsize=1)
def imports() -> tuple[Import, ...]:
    """Every import of a flashpoint module by a flashpoint module."""
    found = []
    for module in modules().values():
        tree = ast.parse(module.path.read_text(encoding="utf-8"), str(module.path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [
                    Import(module.name, a.name, None, node.lineno)
                    for a in node.names
                    if a.name.split(".")[0] == PACKAGE
                ]
            elif isinstance(node, ast.ImportFrom):
                source = _absolute(module, node)
                if source.split(".")[0] == PACKAGE:
                    found += [Import(module.name, source, a.name, node.lineno) for a in node.names]
    return tuple(found)


def _targets(imp: Import, known: dict[str, Module]) -> list[str]:
    """The modules an import runs: the one named (``from pkg import sub`` names ``sub``)
    and each enclosing package the importer does not already sit in."""
    named = imp.source
    if imp.name is not None and f"{imp.source}.{imp.name}" in known:
        named = f"{imp.source}.{imp.name}"
    parts = named.split(".")
    targets = [named] if named in known else []
    for k in range(1, len(parts)):
        package = ".".join(parts[:k])
        if package in known and not (imp.importer == package or imp.importer.startswith(package + ".")):
            targets.append(package)
    return targets


@lru_cache(maxsize=1)
def edges() -> dict[str, dict[str, int]]:
    """importer -> {imported module: first line importing it}."""
    known = modules()
    graph: dict[str, dict[str, int]] = {name: {} for name in known}
    for imp in imports():
        for target in _targets(imp, known):
            if target != imp.importer:
                graph[imp.importer].setdefault(target, imp.line)
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(start: str) -> None:
        # iterative, so a deep graph cannot hit the recursion limit
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return sorted(found)
