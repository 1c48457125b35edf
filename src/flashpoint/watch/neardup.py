"""Near-duplicate articles: syndicated copies of one wire story under another headline.

Each article's main text gets a 64-bit SimHash (Charikar, "Similarity estimation
techniques from rounding algorithms", STOC 2002) over overlapping word shingles. It is
stored with the seen URL, so a restarted watcher still recognises copies of what it
coded before. Hashes a few bits apart only make two texts candidates: the Jaccard
similarity of their shingle sets (Broder, "On the resemblance and containment of
documents", 1997) decides, since on short texts a changed dateline moves many bits.
"""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"\w+", re.UNICODE)
_BITS = 64


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def shingles(text: str, shingle_words: int = 3) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    n = max(1, shingle_words)
    return [" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))]


def similarity(a: str, b: str, shingle_words: int = 3) -> float:
    """Jaccard similarity of the two texts' shingle sets, 0 to 1."""
    sa, sb = set(shingles(a, shingle_words)), set(shingles(b, shingle_words))
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


def simhash(text: str, shingle_words: int = 3) -> int:
    """The text's SimHash as a signed 64-bit integer (DuckDB's BIGINT)."""
    weights = [0] * _BITS
    for shingle in shingles(text, shingle_words):
        h = int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(_BITS):
            weights[bit] += 1 if h >> bit & 1 else -1
    value = sum(1 << bit for bit in range(_BITS) if weights[bit] > 0)
    return value - (1 << _BITS) if value >= 1 << (_BITS - 1) else value


def distance(a: int, b: int) -> int:
    """Bits in which two SimHashes differ."""
    return bin((a ^ b) & ((1 << _BITS) - 1)).count("1")
