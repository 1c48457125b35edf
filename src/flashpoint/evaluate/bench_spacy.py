"""Bare spaCy over a JSON Lines corpus, the yardstick for `flashpoint extract`.

Run as ``python -m flashpoint.evaluate.bench_spacy CORPUS N_PROCESS``: loads the same
English pipeline flashpoint uses (without flashpoint's additions), parses every text
with ``nlp.pipe`` and prints the document and word counts as JSON.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator


def _texts(path: str) -> Iterator[str]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)["text"]


def parse_corpus(path: str, n_process: int = 1) -> dict[str, int]:
    import spacy

    from ..nlp.setup import MAX_LENGTH, MODEL

    nlp = spacy.load(MODEL)
    nlp.max_length = MAX_LENGTH
    docs = words = 0
    # flashpoint's batch size: spaCy's default (1000) would hand a 100-article corpus to
    # one process and leave the second idle.
    for doc in nlp.pipe(_texts(path), batch_size=16, n_process=n_process):
        docs += 1
        words += len(doc.text.split())
    return {"docs": docs, "words": words}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m flashpoint.evaluate.bench_spacy CORPUS N_PROCESS", file=sys.stderr)
        return 2
    print(json.dumps(parse_corpus(argv[0], int(argv[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
