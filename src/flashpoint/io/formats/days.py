"""One calendar day for an event date that may name only a month or a year."""

from __future__ import annotations

from datetime import date as Date


def event_day(date: str | None) -> Date | None:
    """The day ``date`` names; a month alone stands for its 15th and a year alone for
    1 July, the middle of the span, as ACLED places events known only to the month.
    None when there is no date or it is not a real one."""
    if not date:
        return None
    text = date.strip()
    try:
        if len(text) >= 10:
            return Date.fromisoformat(text[:10])
        if len(text) == 7:
            return Date(int(text[:4]), int(text[5:7]), 15)
        return Date(int(text[:4]), 7, 1)
    except ValueError:
        return None
