"""Each casualty figure of a document belongs to one event.

A figure is one number in the text (its field and character position). The quantities
stage may hand it to several candidates: every event type a sentence holds, an earlier
event it is carried back to as well as the sentence's own event. A figure the article
repeats (its lede and its body both say "ten people were injured") is also one figure:
the same field and value (above one) for an event of the same type, or of any type for a
figure of data/lexicons/quantities.yaml's ``repeat_any_type_from`` or more, unless the
text dates the two to different days or places them in different towns. Summed over the
document's events, each figure then counts once.
"""

from __future__ import annotations

from ..work import Candidate

COUNT_FIELDS = ("fatalities", "injured", "arrested", "size")


def _rank(cand: Candidate, field: str, at: int) -> tuple[int, int, int]:
    # A count carried back was given to the event the follow-up sentence tells more of,
    # so that event keeps it; otherwise the event whose trigger is nearest the number.
    carried = field in cand.count_evidence
    return (0 if carried else 1, abs(cand.trigger.start - at), cand.trigger.start)


def keep_each_figure_once(cands: list[Candidate], any_type_from: int) -> list[Candidate]:
    """Clear every copy of a figure but one, in place; returns ``cands``. A figure of
    ``any_type_from`` or more told twice is one figure whatever the two events' types."""
    for field in COUNT_FIELDS:
        holders: dict[int, list[Candidate]] = {}
        for cand in cands:
            if getattr(cand, field) is None:
                continue
            at = cand.count_at.get(field)
            if at is not None:
                holders.setdefault(at, []).append(cand)
        for at, group in holders.items():
            owner = min(group, key=lambda c: _rank(c, field, at))
            for cand in group:
                if cand is not owner:
                    _clear(cand, field)
        if field == "size":
            continue  # crowds at two rallies may be told alike ("hundreds"); no repeat rule
        repeats: dict[tuple[str, int], list[Candidate]] = {}
        for cand in sorted(cands, key=lambda c: c.count_at.get(field, c.trigger.start)):
            value = getattr(cand, field)
            if not value or value == 1:
                # a reported zero adds nothing, whoever holds it; "a man was killed" twice
                # in one article is as often two men as one told twice
                continue
            earlier = repeats.setdefault((cand.type if value < any_type_from else "", value), [])
            if any(not _distinct_towns(cand, e) and not _distinct_days(cand, e) for e in earlier):
                _clear(cand, field)
            else:
                earlier.append(cand)
    return cands


def _distinct_towns(a: Candidate, b: Candidate) -> bool:
    """Both placed below country level, in different places: two events, not a repeat."""
    town_a = next((loc.name for loc in a.locations if loc.precision < 4), None)
    town_b = next((loc.name for loc in b.locations if loc.precision < 4), None)
    return town_a is not None and town_b is not None and town_a != town_b


def _distinct_days(a: Candidate, b: Candidate) -> bool:
    """Both dated by the text itself (not by the publication date), to different days."""
    return bool(a.date_text and b.date_text) and a.date != b.date


def _clear(cand: Candidate, field: str) -> None:
    setattr(cand, field, None)
    cand.count_evidence.pop(field, None)
    cand.count_at.pop(field, None)
