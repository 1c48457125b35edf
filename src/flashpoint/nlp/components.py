"""spaCy components flashpoint adds before the parser."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

# The reference article and our .txt inputs may open with a `date YYYY-MM-DD` token
# that is metadata, not prose.
DATE_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+")
# A wire dateline ("ZVECAN, Kosovo, May 26 (Reuters) - ") or a briefing label
# ("Background: ") at the start of a paragraph is not part of the first sentence;
# left in, the parser makes the dateline the subject of the first verb.
PARAGRAPH_PREFIX = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][A-Z.'’ -]{1,40}(?:/[A-Z][A-Z.'’ -]{1,40})*,[^\n]{0,80}?\s[-–—]{1,2}\s+"
    r"|[A-Z][\w'’ ]{0,30}:\s+)")


def _cut_points(text: str) -> set[int]:
    cuts = set()
    header = DATE_HEADER.match(text)
    if header:
        cuts.add(header.end())
    for m in PARAGRAPH_PREFIX.finditer(text):
        cuts.add(m.end())
    return cuts


@Language.component("flashpoint_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break, after a leading date header, and
    after a dateline or label that opens a paragraph.

    News text puts one thought per paragraph; the small parser sometimes runs a
    sentence across a blank line, which would glue two events' evidence together.
    """
    cuts = _cut_points(doc.text)
    header = DATE_HEADER.match(doc.text)
    header_end = header.end() if header else -1
    for i, token in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if "\n" in token.text or "\n" in token.whitespace_:
            if not nxt.is_space:
                nxt.is_sent_start = True
        elif nxt.idx in cuts:
            nxt.is_sent_start = True
        elif nxt.idx < header_end:
            # keep the header glued together as its own short sentence
            nxt.is_sent_start = False
    return doc
