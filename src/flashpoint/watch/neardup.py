"""Near-duplicate articles: syndicated copies of one wire story under another headline.

Each article's main text gets a 64-bit SimHash (Charikar, "Similarity estimation
techniques from rounding algorithms", STOC 2002) over overlapping word shingles.
Copies that differ only in a dateline, a headline or a closing line differ in a few
bits; different stories differ in about half of them. The hash is stored with the
seen URL, so a restarted watcher still recognises copies of what it coded before.
"""
from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"\w+", re.UNICODE)
_BITS = 64


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def simhash(text: str, shingle_words: int = 3) -> int:
    """The text's SimHash as a signed 64-bit integer (DuckDB's BIGINT)."""
    words = [w.lower() for w in _WORD.findall(text)]
    n = max(1, shingle_words)
    shingles = [" ".join(words[i:i + n]) for i in range(max(1, len(words) - n + 1))]
    weights = [0] * _BITS
    for shingle in shingles:
        h = int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(_BITS):
            weights[bit] += 1 if h >> bit & 1 else -1
    value = sum(1 << bit for bit in range(_BITS) if weights[bit] > 0)
    return value - (1 << _BITS) if value >= 1 << (_BITS - 1) else value


def distance(a: int, b: int) -> int:
    """Bits in which two SimHashes differ."""
    return bin((a ^ b) & ((1 << _BITS) - 1)).count("1")
