"""Parsing a long text in pieces, joined back into one Doc with the same characters.

spaCy gives the whole text to its networks at once, and their working memory grows with
it: a 1 MB text parsed whole peaked at 2.8 GB, a 5 MB one at 12 GB (issue 20). Pieces of
data/budget.yaml's ``parse.chunk_chars`` keep the peak near that of an ordinary article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy
from spacy.tokens import Doc


def pieces(text: str, size: int) -> Iterator[str]:
    """Consecutive slices of ``text`` of at most ``size`` characters (joined, they are the
    text), each ending after a line break when the slice has one in its second half, else
    after a space, else at the size."""
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = text.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, end)
        end = cut + 1 if cut >= 0 else end
        yield text[start:end]
        start = end
    if start < len(text):
        yield text[start:]


def parse_in_pieces(nlp: Any, text: str, size: int, between: Callable[[str], None] | None = None) -> Doc:
    """``nlp(text)``, one piece of at most ``size`` characters at a time; ``between(step)``
    is called after each piece (a budget check that may raise)."""
    docs = []
    for n, doc in enumerate(nlp.pipe(pieces(text, size), batch_size=1), 1):
        # The word vectors the parser worked from are kept on each Doc (384 bytes a
        # token, nearly half its size) and no flashpoint stage reads them: freed here,
        # they are not held twice while the pieces are joined.
        doc.tensor = numpy.empty((0,), dtype="float32")
        docs.append(doc)
        if between is not None:
            between(f"parsing piece {n}")
    # ensure_whitespace=False: the pieces already carry their spaces, and the offsets of
    # every token must stay those of the original text
    # spaCy's own type stub of from_docs lacks the exclude argument its code takes
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
