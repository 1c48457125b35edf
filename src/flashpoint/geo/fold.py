"""Name folding: the keys under which the gazetteer files place names.

``fold`` gives the plain key (lower case, no diacritics, punctuation as spaces);
``variant_fold`` a looser key that also merges common transliteration differences
(Leposaviq ~ Leposavic, Prishtina ~ Priština). The rules live in
data/gazetteer/rules.yaml.

``caseless`` is the lighter fold for text that is not a gazetteer key: case and
accents go, letters and punctuation stay ('NATO-led' is still one word). Actor
aliases and the store's place keys compare under it. store/filters.py still has its
own copy, which lower-cases before decomposing; the two differ only on compatibility
letters such as 'ᴬ' or 'ℂ', which DuckDB's strip_accents(lower(x)) folds like neither.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError
from ..ontology import parse_yaml

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
_APOSTROPHES = "'’‘`´ʹ"
_SPACE_LIKE = re.compile(r"[\s\-‐‑‒–—_/.,()]+")


@cache
def load_rules(name: str = "rules.yaml") -> dict[str, Any]:
    """One YAML file of data/gazetteer, parsed once."""
    try:
        text = (DATA_DIR / name).read_text("utf-8")
        data = parse_yaml(text)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"gazetteer rule file {name} cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise DataFileError(f"gazetteer rule file {name} must hold a mapping")
    return data


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    table = {ord(k): v for k, v in (load_rules().get("fold_chars") or {}).items()}
    for ch in _APOSTROPHES:
        table[ord(ch)] = ""
    return table


@lru_cache(maxsize=1)
def _variant_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = []
    for pattern, repl in load_rules().get("variant_rules") or []:
        try:
            rules.append((re.compile(pattern), repl))
        except re.error as exc:
            raise DataFileError(f"bad variant rule {pattern!r}: {exc}") from exc
    return tuple(rules)


@lru_cache(maxsize=500_000)
def fold(name: str) -> str:
    """Plain key: 'Mitrovicë' -> 'mitrovice', 'Zvečan' -> 'zvecan', 'al-Qamishli' -> 'al qamishli'."""
    text = name.lower().translate(_char_table())
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SPACE_LIKE.sub(" ", text)
    return text.strip()


@lru_cache(maxsize=500_000)
def variant_fold(name: str) -> str:
    """Loose key used when the plain key finds nothing: 'Leposaviq' and 'Leposavić' meet."""
    text = fold(name)
    for pattern, repl in _variant_rules():
        text = pattern.sub(repl, text)
    return text


def caseless(text: str) -> str:
    """'Zvečan' -> 'zvecan', 'NATO-led' -> 'nato-led': no case, no accents, nothing else."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def is_latin(name: str) -> bool:
    """True when every letter is Latin script (alternate names in other scripts are dropped)."""
    for ch in name:
        if ch.isalpha() and not ch.isascii():
            try:
                if not unicodedata.name(ch).startswith("LATIN"):
                    return False
            except ValueError:
                return False
    return True
