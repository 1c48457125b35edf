"""Every module of src/flashpoint says in a docstring what it is for (issue 19 point 2:
modules named for what they do, with one short docstring each)."""

from __future__ import annotations

import ast
from pathlib import Path

import flashpoint

SRC = Path(flashpoint.__file__).parent
# A docstring's first line (its summary) stays short enough to read in a listing.
MAX_SUMMARY = 160


def summaries() -> dict[str, str]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        out[str(path.relative_to(SRC))] = doc.strip().split("\n\n")[0]
    return out


def test_every_module_has_a_docstring() -> None:
    assert [name for name, summary in summaries().items() if not summary] == []


def test_module_summaries_are_short() -> None:
    long = {name: len(s) for name, s in summaries().items() if len(" ".join(s.split())) > MAX_SUMMARY * 3}
    assert long == {}
