"""The ``date YYYY-MM-DD`` header a plain-text article may open with.

The reference article starts " date 2023-05-29 The NATO-led ...": the token is the
publication date, metadata rather than prose. The reader takes the date from it, the
pipeline falls back on it for a record without a date field, and the sentence splitter
keeps it out of the first sentence; all three ask this module, so they agree on what a
header is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date

from .records import parse_date

# Any case ("Date 2023-05-29" is still a header); the date must stand alone as a token,
# so "date 2023-05-29x" is prose. The white space after it belongs to the header.
_HEADER = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})(?!\S)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class DateHeader:
    day: Date | None  # None when the digits are no calendar day (2023-02-30)
    end: int  # where the prose starts: after the header and the white space after it


def read_date_header(text: str) -> DateHeader | None:
    """The header at the very start of ``text``, or None when it has none."""
    match = _HEADER.match(text)
    if match is None:
        return None
    return DateHeader(day=parse_date(match[1]), end=match.end())
