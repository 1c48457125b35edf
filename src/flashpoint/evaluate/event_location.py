"""The event_location sentences (Halterman 2019, MIT licence) as geo's evaluation and
the attach model's training both read them: which rows are held out, which gold rows can
be scored, and when a predicted span counts as a gold one."""

from __future__ import annotations

import zlib
from typing import Any


def held_out(row_id: str) -> bool:
    """A stable fifth of the rows, by the CRC32 of their id, never fitted on."""
    return zlib.crc32(row_id.encode("utf-8")) % 5 == 0


def gold_is_well_formed(row: dict[str, Any]) -> bool:
    """False when a gold span cuts a word or holds no capital letter. About 3% of the
    spans slipped in the source file's offsets ('n', 'd a', 'of' where a place was
    meant): such a sentence teaches nothing and cannot be scored."""
    text = row["text"]
    for g in row.get("locations") or []:
        if not g.get("text", "").strip():
            continue
        s, e = g["start"], g["end"]
        if not (0 <= s < e <= len(text)) or not any(ch.isupper() for ch in g["text"]):
            return False
        if (s > 0 and text[s - 1].isalnum() and text[s].isalnum()) or (
            e < len(text) and text[e - 1].isalnum() and text[e].isalnum()
        ):
            return False
    return True


def spans_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Span matching used for event_location: the character ranges share at least one
    character (token overlap), so 'Nablus' matches 'the West Bank city of Nablus'."""
    return a[0] < b[1] and b[0] < a[1]
