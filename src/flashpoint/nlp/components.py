"""spaCy components flashpoint adds before the parser."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import partial

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..io.date_header import read_date_header

# A wire dateline ("ZVECAN, Kosovo, May 26 (Reuters) - ") or a briefing label
# ("Background: ") at the start of a paragraph is not part of the first sentence;
# left in, the parser makes the dateline the subject of the first verb.
PARAGRAPH_PREFIX = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][A-Z.'’ -]{1,40}(?:/[A-Z][A-Z.'’ -]{1,40})*,[^\n]{0,80}?\s[-–—]{1,2}\s+"
    r"|[A-Z][\w'’ ]{0,30}:\s+)"
)


_NEWLINE = re.compile("\n")
# A cut inside an over-long sentence goes after one of these when the window has one.
_SOFT_BREAKS = frozenset({",", ";", ":", "-", "–", "—", "|"})


def _cut_points(text: str) -> set[int]:
    cuts = set()
    header = read_date_header(text)
    if header:
        cuts.add(header.end)
    for m in PARAGRAPH_PREFIX.finditer(text):
        cuts.add(m.end())
    return cuts


@Language.factory("flashpoint_paragraphs")
def paragraph_marker(nlp: Language, name: str, max_tokens: int) -> Callable[[Doc], Doc]:
    """The component that marks paragraph starts, cutting sentences longer than
    ``max_tokens`` (data/budget.yaml's sentence.max_tokens, given by nlp.setup)."""
    return partial(mark_paragraph_starts, max_tokens=max_tokens)


def mark_paragraph_starts(doc: Doc, max_tokens: int) -> Doc:
    """Start a sentence after every line break, after a leading date header, and
    after a dateline or label that opens a paragraph; cut a sentence of more than
    ``max_tokens`` tokens.

    News text puts one thought per paragraph; the small parser sometimes runs a
    sentence across a blank line, which would glue two events' evidence together.
    """
    text = doc.text
    if len(doc) < 2:
        return doc
    # Only the tokens at line breaks, cut points and inside the header are touched:
    # walking every token made a Python object per word of every article.
    starts = doc.to_array(IDX).tolist()
    after_break = {bisect_right(starts, m.start()) - 1 for m in _NEWLINE.finditer(text)}
    header = read_date_header(text)
    header_end = header.end if header else -1
    cuts = _cut_points(text)
    last = len(doc) - 1
    # Set through one array: each Token.is_sent_start assignment rescans the whole Doc
    # (spaCy checks it has no parse yet), which made a table of 1,000 rows quadratic.
    sent = doc.to_array(SENT_START).astype("int64")
    space = doc.to_array(IS_SPACE)
    marked = {0}
    for i in sorted(after_break):
        if i < last and not space[i + 1]:
            marked.add(i + 1)
    for cut in cuts:
        j = bisect_left(starts, cut)
        if 0 < j <= last and starts[j] == cut and j - 1 not in after_break:
            marked.add(j)
    marked.update(long_sentence_cuts(doc, sorted(marked), max_tokens))
    marked.discard(0)
    sent[sorted(marked)] = 1
    # the parser may end a sentence after the first word of a paragraph when it follows
    # a header line ("date 2023-05-30" then "Thirty soldiers were injured ..." became
    # "Thirty" and a sentence without its count); a one-word sentence there is never meant
    for j in sorted(marked | {0}):
        if j + 1 <= last and j + 1 not in marked and not space[j + 1] and not space[j]:
            sent[j + 1] = -1
    # keep the header glued together as its own short sentence
    for j in range(1, bisect_left(starts, header_end) if header_end > 0 else 1):
        if j - 1 not in after_break and starts[j] not in cuts:
            sent[j] = -1
    # uint64 as spaCy expects: -1 (not a start) wraps around and reads back as -1; spaCy
    # types the array as thinc's Ints2d, which a numpy array is at run time
    doc.from_array([SENT_START], sent.astype("uint64").reshape(-1, 1))  # type: ignore[arg-type]
    return doc


def long_sentence_cuts(doc: Doc, marked: list[int], max_tokens: int) -> list[int]:
    """Token indices that split every stretch between ``marked`` sentence starts longer than
    ``max_tokens`` (data/budget.yaml). The parser never splits a stretch the marks leave it
    and every later stage walks whole sentences, so an unpunctuated table or list of names
    would otherwise cost time and memory growing with the square of its length."""
    bounds = [*marked, len(doc)]
    if all(b - a <= max_tokens for a, b in zip(bounds, bounds[1:])):
        return []
    punct = doc.to_array(IS_PUNCT).tolist()
    out: list[int] = []
    for a, b in zip(bounds, bounds[1:]):
        start = a
        while b - start > max_tokens:
            end = start + max_tokens
            # after the last soft break in the window's last quarter, else at the limit
            cut = next(
                (
                    k + 1
                    for k in range(end - 1, end - max_tokens // 4, -1)
                    if punct[k] and doc[k].text in _SOFT_BREAKS
                ),
                end,
            )
            out.append(cut)
            start = cut
    return out
