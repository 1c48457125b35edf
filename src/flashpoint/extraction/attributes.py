"""Stages that attach when and how many to each candidate: from its own sentence, and a
toll from the sentences just after it."""
from __future__ import annotations

from bisect import bisect_right

from ..ontology import load_ontology
from ..registry import register_stage
from ..work import Work
from .dates import resolve_event_date
from .quantities import find_quantities
from .quantity_lexicon import CASUALTY_FIELDS, undated_count_ceiling
from .triggers import sentence_mention


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
    """Reads: candidate.sentence, candidate.type, work.doc (its sentences).
    Writes: candidate.fatalities, injured, arrested and size when the sentence states them;
    a count one of the next two sentences states, when the candidate has none, with that
    sentence in candidate.count_evidence; candidate.count_at, where each count's number
    starts in the text. A casualty count of ``undated_count_ceiling`` or more is dropped
    from a candidate whose sentence names no date: it is a campaign's running toll.
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
                    cand.count_at[name] = cand.sentence.start + q.spans[name][0]
        if work.doc is not None:
            carry_counts_back(work, count_fields, cache)
        ceiling = undated_count_ceiling()
        for cand in work.candidates:
            if cand.date_text:
                continue
            for name in CASUALTY_FIELDS:
                value = getattr(cand, name)
                if value is not None and value >= ceiling:
                    setattr(cand, name, None)
                    cand.count_evidence.pop(name, None)
                    cand.count_at.pop(name, None)
        return work


# How many sentences back a toll may reach: "Gunmen stormed a bus station. Three
# passengers died." gives the attack its toll; a figure further on is a new story.
CARRY_SENTENCES = 2


def carry_counts_back(work: Work, count_fields: dict[str, tuple[str, ...]],
                      cache: dict[int, object]) -> None:
    """Give a count stated after an event (in a sentence with no event that takes it, or in
    a follow-up event of the same type) to that earlier event when it has none."""
    live = [c for c in work.candidates if not c.dropped and count_fields.get(c.type)]
    if not live:
        return
    sents = list(work.doc.sents)
    starts = [s.start_char for s in sents]
    by_sentence: dict[int, list] = {}
    for cand in live:
        by_sentence.setdefault(bisect_right(starts, cand.sentence.start) - 1, []).append(cand)
    reach = {k + back for k in by_sentence for back in range(1, CARRY_SENTENCES + 1)}
    for k, sent in enumerate(sents):
        if k not in reach:
            continue  # no event close enough before it to take a count
        here = by_sentence.get(k, [])
        # the same trimmed sentence the triggers stage made evidence of, so the cache of
        # the per-event pass above is reused and count_evidence matches event evidence
        evidence = sentence_mention(work, sent)
        q = cache.get(evidence.start)
        if q is None:
            q = cache[evidence.start] = find_quantities(evidence.text)
        for name in ("fatalities", "injured", "arrested"):
            value = getattr(q, name)
            if value is None:
                continue
            takers = [c for c in here if name in count_fields[c.type]]
            types = {c.type for c in takers}
            if here and not takers:
                continue  # the sentence's own events do not count this
            for back in range(1, CARRY_SENTENCES + 1):
                earlier = [c for c in by_sentence.get(k - back, [])
                           if name in count_fields[c.type] and (not types or c.type in types)]
                if earlier:
                    for c in earlier:
                        if getattr(c, name) is None:
                            setattr(c, name, value)
                            c.count_evidence[name] = evidence
                            c.count_at[name] = evidence.start + q.spans[name][0]
                    break
