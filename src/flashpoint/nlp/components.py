"""spaCy components flashpoint adds before the parser."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

# The reference article and our .txt inputs may open with a `date YYYY-MM-DD` token
# that is metadata, not prose.
DATE_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+")


@Language.component("flashpoint_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break and after a leading date header.

    News text puts one thought per paragraph; the small parser sometimes runs a
    sentence across a blank line, which would glue two events' evidence together.
    """
    header = DATE_HEADER.match(doc.text)
    header_end = header.end() if header else -1
    for i, token in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if "\n" in token.text or "\n" in token.whitespace_:
            if not nxt.is_space:
                nxt.is_sent_start = True
        elif nxt.idx == header_end:
            nxt.is_sent_start = True
        elif nxt.idx < header_end:
            # keep the header glued together as its own short sentence
            nxt.is_sent_start = False
    return doc
