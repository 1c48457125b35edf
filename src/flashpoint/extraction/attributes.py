"""Stages that attach when and how many to each candidate, from its own sentence."""
from __future__ import annotations

from ..ontology import load_ontology
from ..registry import register_stage
from ..work import Work
from .dates import resolve_event_date
from .quantities import find_quantities

@register_stage("dates")
class DateStage:
    """Reads: work.pub_date, candidate.sentence, candidate.trigger.
    Writes: candidate.date, date_precision, date_text, past_days. A sentence without a
    date expression takes the publication date (news reports what just happened).
    """

    def __call__(self, work: Work) -> Work:
        for cand in work.candidates:
            if cand.dropped:
                continue
            offset = cand.trigger.start - cand.sentence.start
            found = resolve_event_date(cand.sentence.text, work.pub_date, offset)
            if found is not None:
                cand.date, cand.date_precision = found.date, found.precision
                cand.date_text = found.text
                cand.past_days = found.past_distance_days
            elif work.pub_date is not None:
                cand.date, cand.date_precision = work.pub_date.isoformat(), "day"
                cand.confidence *= 0.95
        return work


@register_stage("quantities")
class QuantityStage:
    """Reads: candidate.sentence, candidate.type.
    Writes: candidate.fatalities, injured, arrested and size when the sentence states them.
    """

    def __call__(self, work: Work) -> Work:
        cache: dict[int, object] = {}
        count_fields = load_ontology().count_fields
        for cand in work.candidates:
            fields = count_fields.get(cand.type, ())
            if cand.dropped or not fields:
                continue
            q = cache.get(cand.sentence.start)
            if q is None:
                q = cache[cand.sentence.start] = find_quantities(cand.sentence.text)
            for name in fields:
                value = getattr(q, name)
                if value is not None:
                    setattr(cand, name, value)
        return work
