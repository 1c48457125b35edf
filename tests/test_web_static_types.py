"""The dashboard's type lists (static/types.js) name what the API's filters accept:
the PLOVER types and the ACLED event types of data/ontology.yaml."""

from __future__ import annotations

import re
from pathlib import Path

from flashpoint.ontology import load_ontology

TYPES_JS = Path(__file__).resolve().parents[1] / "src" / "flashpoint" / "web" / "static" / "types.js"


def _js_list(name: str, item: str) -> list[str]:
    source = TYPES_JS.read_text(encoding="utf-8")
    block = re.search(rf"export const {name} = \[(.*?)\];", source, re.S)
    assert block, f"{name} not found in types.js"
    return re.findall(item, block.group(1))


def test_acled_types_are_the_ontologys() -> None:
    assert _js_list("ACLED_TYPES", r'"([^"]+)"') == list(load_ontology().acled_types)


def test_plover_types_are_the_ontologys() -> None:
    assert set(_js_list("PLOVER_TYPES", r'\["([A-Z]+)", "#')) == set(load_ontology().types)
