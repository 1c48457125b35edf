"""Every function in src/flashpoint is at most MAX_LINES long (issue 19 point 5: about 60)
unless its docstring says why it is longer (a line with LONG_BECAUSE), or it is one of
the long functions listed in KNOWN_LONG, which may shrink but not grow. A long function
usually holds several ideas."""

from __future__ import annotations

import ast
from pathlib import Path

import flashpoint

MAX_LINES = 60
LONG_BECAUSE = "is long because"
SRC = Path(flashpoint.__file__).parent

# Functions over the limit, with their length when listed (def line to last line): each is
# to be split, not to grow. Empty since the last ones were split (issue 19 point 5).
KNOWN_LONG: dict[str, int] = {}


def function_lengths(source: str, where: str) -> dict[str, tuple[int, str]]:
    """``where:qualified.name`` -> (lines, docstring) for every function in ``source``."""
    found: dict[str, tuple[int, str]] = {}

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = prefix + child.name
                lines = (child.end_lineno or child.lineno) - child.lineno + 1
                found[f"{where}:{name}"] = (lines, ast.get_docstring(child) or "")
                walk(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                walk(child, prefix + child.name + ".")

    walk(ast.parse(source), "")
    return found


def too_long(lengths: dict[str, tuple[int, str]], known: dict[str, int]) -> list[str]:
    out = []
    for name, (lines, doc) in sorted(lengths.items()):
        if name in known:
            if lines > known[name]:
                out.append(f"{name}: {lines} lines, grew from {known[name]}; split it")
        elif lines > MAX_LINES and LONG_BECAUSE not in doc:
            out.append(f"{name}: {lines} lines; split it or say in its docstring why it {LONG_BECAUSE} ...")
    return out


def all_functions() -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        found.update(function_lengths(path.read_text(encoding="utf-8"), path.relative_to(SRC).as_posix()))
    return found


def test_no_function_is_too_long() -> None:
    assert too_long(all_functions(), KNOWN_LONG) == []


def test_the_known_long_functions_still_exist() -> None:
    # a renamed or moved one would otherwise escape the check under its new name
    lengths = all_functions()
    assert [name for name in KNOWN_LONG if name not in lengths] == []


def test_the_check_counts_lines_and_reads_the_reason() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_LINES))
    long_one = f"def f():\n{body}\n"
    reasoned = f'def g():\n    """One table.\n\n    It {LONG_BECAUSE} it is one table."""\n{body}\n'
    short = "class C:\n    def h(self):\n        return 1\n"
    lengths = function_lengths(long_one + reasoned + short, "m.py")
    assert lengths["m.py:f"][0] == MAX_LINES + 1
    assert lengths["m.py:C.h"][0] == 2
    assert too_long(lengths, {}) == [
        f"m.py:f: {MAX_LINES + 1} lines; split it or say in its docstring why it {LONG_BECAUSE} ..."
    ]
    assert too_long(lengths, {"m.py:f": MAX_LINES + 1}) == []
    assert too_long(lengths, {"m.py:f": MAX_LINES}) == [
        f"m.py:f: {MAX_LINES + 1} lines, grew from {MAX_LINES}; split it"
    ]
