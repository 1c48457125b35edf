"""Benchmark corpora built from the HRDsAttack articles (MIT licensed, development data).

Two shapes: whole articles repeated to N documents (throughput on real news), and
short documents of a few consecutive sentences (so that 10,000 documents code in
minutes, for the memory test). Each document gets its own id, so nothing is deduplicated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path

from ..errors import UsageError

HRDS_FILES = ("data/hrdsattack/hrdsattack_dev.jsonl", "data/hrdsattack/hrdsattack_train.jsonl")
SENTENCES_PER_SHORT_DOC = 2
# A sentence ends at . ! or ? followed by space and a capital or a quote; good
# enough to cut articles into short pieces, which need not be exact sentences.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“'])")


def hrds_articles(shared: Path) -> list[dict[str, str | None]]:
    out = []
    for name in HRDS_FILES:
        path = shared / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                rec = json.loads(line)
                text = (rec.get("text") or "").strip()
                if text:
                    out.append(
                        {
                            "text": text,
                            "title": rec.get("title"),
                            "date": (rec.get("publish_date") or "")[:10] or None,
                        }
                    )
    if not out:
        raise UsageError(
            f"no HRDsAttack articles under {shared}/data/hrdsattack; "
            "give --shared DIR (the folder holding data/hrdsattack)"
        )
    return out


def short_pieces(shared: Path, sentences: int = SENTENCES_PER_SHORT_DOC) -> list[dict[str, str | None]]:
    """Every article cut into pieces of ``sentences`` consecutive sentences."""
    pieces = []
    for art in hrds_articles(shared):
        parts = [s.strip() for s in _SENTENCE_END.split(art["text"] or "") if s.strip()]
        for i in range(0, len(parts), sentences):
            text = " ".join(parts[i : i + sentences])
            if len(text.split()) >= 5:
                pieces.append({"text": text, "title": None, "date": art["date"]})
    return pieces


def _records(items: list[dict[str, str | None]], n: int, prefix: str) -> Iterator[dict[str, str | None]]:
    for i, item in enumerate(islice(cycle(items), n)):
        yield {"id": f"{prefix}-{i:06d}", **item}


def write_corpus(kind: str, n: int, shared: Path, out_dir: Path) -> tuple[Path, int, int]:
    """Write ``n`` documents of ``kind`` ("articles" or "short") as JSON Lines; return
    the path, the number of distinct texts behind them and the total word count."""
    if n < 1:
        raise UsageError(f"a benchmark corpus needs at least 1 document, not {n}")
    items = hrds_articles(shared) if kind == "articles" else short_pieces(shared)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{kind}-{n}.jsonl"
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for rec in _records(items, n, kind):
            words += len((rec["text"] or "").split())
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path, min(n, len(items)), words
