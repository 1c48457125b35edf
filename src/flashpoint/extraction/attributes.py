"""Stages that attach when and how many to each candidate: from its own sentence, and a
toll from the sentences just after it."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from datetime import date as Date

from spacy.tokens import Token

from ..budget import limits
from ..models import Mention
from ..ontology import Ontology, load_ontology
from ..registry import register_stage
from ..trace import Decision
from ..work import Candidate, Work
from .dates import DateMention, DateRules, last_told_day, load_date_rules, resolve_event_date, told_days
from .quantities import Quantities, find_quantities
from .quantity_lexicon import CASUALTY_FIELDS, QuantityLexicon, load_quantity_lexicon
from .syntax import describing_clause
from .triggers import sentence_mention


@register_stage("dates")
class DateStage:
    """Reads: work.pub_date, work.text, work.doc, candidate.sentence, candidate.trigger,
    candidate.token_i, candidate.type.
    Writes: candidate.date, date_precision, date_text, past_days. A date the parse puts in
    a clause describing another noun ("Serbs would not accept the mayors elected in
    April") dates that clause, not the event, and is passed over. A sentence without a
    date of its own takes, for a physical act, the last day the text named before it (a
    story names the day of what it tells once: "Gunmen seized him on Saturday. He was
    beaten ..."), else the publication date (news reports what just happened).
    ``rules`` are the date expressions it knows, data/lexicons/dates.yaml by default;
    ``ontology`` says which types are physical acts, data/ontology.yaml by default.
    """

    def __init__(self, rules: DateRules | None = None, ontology: Ontology | None = None) -> None:
        self.rules = rules if rules is not None else load_date_rules()
        self.physical = (ontology if ontology is not None else load_ontology()).physical_types

    def __call__(self, work: Work) -> Work:
        days: list[DateMention] | None = None
        for cand in work.candidates:
            if cand.dropped:
                continue
            offset = cand.trigger.start - cand.sentence.start
            # the dates passed over are kept only for the explain trace
            passed: list[tuple[DateMention, Token]] | None = [] if cand.trace is not None else None
            found = resolve_event_date(
                cand.sentence.text, work.pub_date, self.rules, offset, describing(work, cand, passed)
            )
            told = None
            if found is not None:
                cand.date, cand.date_precision = found.date, found.precision
                cand.date_text = found.text
                cand.past_days = found.past_distance_days
            elif work.pub_date is not None:
                if cand.type in self.physical:
                    if days is None:
                        days = told_days(work.text, work.pub_date, self.rules, describing(work, None))
                    told = last_told_day(days, cand.sentence.start)
                # the day is inferred, not written in the sentence: date_text stays empty
                # (the store and the placing rules read it as "its own sentence names a day")
                cand.date = told.date if told is not None else work.pub_date.isoformat()
                cand.date_precision = "day"
                cand.confidence *= 0.95
            if cand.trace is not None and passed is not None:
                cand.trace.extend(passed_over(cand, passed))
                cand.trace.append(date_decision(cand, found, work.pub_date, told))
        return work


def describing(
    work: Work, cand: Candidate | None, passed: list[tuple[DateMention, Token]] | None = None
) -> Callable[[DateMention], bool] | None:
    """Whether a date expression of ``cand``'s sentence (or, without ``cand``, of the
    whole text) sits in a clause describing a noun other than the event's
    (syntax.describing_clause); each one found is added to ``passed`` with that clause."""
    doc = work.doc
    if doc is None:
        return None
    base = cand.sentence.start if cand is not None else 0
    trigger = doc[cand.token_i] if cand is not None and cand.token_i is not None else None

    def check(m: DateMention) -> bool:
        span = doc.char_span(base + m.start, base + m.end, alignment_mode="expand")
        clause = describing_clause(span.root, trigger) if span is not None else None
        if clause is not None and passed is not None:
            passed.append((m, clause))
        return clause is not None

    return check


def passed_over(cand: Candidate, passed: list[tuple[DateMention, Token]]) -> list[Decision]:
    """The trace's note of each date that dates another noun's clause, not the event."""
    return [
        Decision(
            "date",
            "a clause describing a noun (extraction/syntax.py describing_clause)",
            f"'{m.text}' dates '{clause.text}', said of '{clause.head.text}', not this event: passed over",
            (Mention(m.text, cand.sentence.start + m.start, cand.sentence.start + m.end),),
        )
        for m, clause in passed
    ]


def date_decision(
    cand: Candidate, found: DateMention | None, pub: Date | None, told: DateMention | None = None
) -> Decision:
    """What dated ``cand``: the date expression nearest its trigger (data/lexicons/
    dates.yaml) and the reference date a relative one was counted from; without one, the
    last day the story named before it (``told``) or the publication date."""
    by = "date expressions (data/lexicons/dates.yaml)"
    if found is None and told is not None:
        return Decision(
            "date",
            "the story's last named day",
            f"the sentence names no date; the last day the text named before this act, "
            f"'{told.text}' -> {told.date}, dates it (a story names the day of what it tells once)",
            (Mention(told.text, told.start, told.end),),
        )
    if found is None:
        if pub is None:
            return Decision("date", by, "no date expression and no publication date: undated")
        return Decision(
            "date",
            "publication date",
            f"the sentence names no date; news "
            f"reports what just happened, so the publication date {pub} dates it",
        )
    at = cand.sentence.start + found.start
    words = (Mention(found.text, at, at + len(found.text)),)
    if found.relative:
        how = f"relative expression counted from the publication date {pub}"
    else:
        how = "absolute date, no reference date needed"
    return Decision(
        "date",
        by,
        f"'{found.text}' -> {found.date} ({found.precision}): {how}; "
        "the date expression nearest the trigger, avoiding reported-speech "
        "and embedded dates",
        words,
    )


@register_stage("quantities")
class QuantityStage:
    """Reads: candidate.sentence, candidate.type, work.doc (its sentences).
    Writes: candidate.fatalities, injured, arrested and size when the sentence states them;
    a count one of the next two sentences states, when the candidate has none, with that
    sentence in candidate.count_evidence; candidate.count_at, where each count's number
    starts in the text. A casualty count of ``undated_count_ceiling`` or more is dropped
    from a candidate whose sentence names no date: it is a campaign's running toll.
    ``lexicon`` holds the cues and that ceiling, data/lexicons/quantities.yaml by default;
    a sentence's first ``most_numbers`` numbers are read (data/budget.yaml by default);
    ``ontology`` says which counts each event type takes (data/ontology.yaml by default).
    """

    def __init__(
        self,
        lexicon: QuantityLexicon | None = None,
        most_numbers: int | None = None,
        ontology: Ontology | None = None,
    ) -> None:
        self.lexicon = lexicon if lexicon is not None else load_quantity_lexicon()
        self.most_numbers = most_numbers if most_numbers is not None else limits().numbers_per_sentence
        self.count_fields = (ontology if ontology is not None else load_ontology()).count_fields

    def __call__(self, work: Work) -> Work:
        cache: dict[int, Quantities] = {}
        count_fields = self.count_fields
        explain = work.explain
        for cand in work.candidates:
            fields = count_fields.get(cand.type, ())
            if cand.dropped or not fields:
                continue
            q = cache.get(cand.sentence.start)
            if q is None:
                q = cache[cand.sentence.start] = find_quantities(
                    cand.sentence.text, self.lexicon, explain, self.most_numbers
                )
            for name in fields:
                value = getattr(q, name)
                if value is not None:
                    setattr(cand, name, value)
                    cand.count_at[name] = cand.sentence.start + q.spans[name][0]
                    if cand.trace is not None:
                        cand.trace.append(count_decision(name, value, q, cand.sentence))
        if work.doc is not None:
            carry_counts_back(work, count_fields, cache, self.lexicon, self.most_numbers)
        ceiling = self.lexicon.undated_count_ceiling
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


def carry_counts_back(
    work: Work,
    count_fields: dict[str, tuple[str, ...]],
    cache: dict[int, Quantities],
    lexicon: QuantityLexicon,
    most_numbers: int,
) -> None:
    """Give a count stated after an event (in a sentence with no event that takes it, or in
    a follow-up event of the same type) to that earlier event when it has none."""
    live = [c for c in work.candidates if not c.dropped and count_fields.get(c.type)]
    if not live:
        return
    sents = list(work.doc.sents)
    starts = [s.start_char for s in sents]
    by_sentence: dict[int, list[Candidate]] = {}
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
            q = cache[evidence.start] = find_quantities(evidence.text, lexicon, work.explain, most_numbers)
        for name in ("fatalities", "injured", "arrested"):
            value = getattr(q, name)
            if value is None:
                continue
            takers = [c for c in here if name in count_fields[c.type]]
            types = {c.type for c in takers}
            if here and not takers:
                continue  # the sentence's own events do not count this
            for back in range(1, CARRY_SENTENCES + 1):
                earlier = [
                    c
                    for c in by_sentence.get(k - back, [])
                    if name in count_fields[c.type] and (not types or c.type in types)
                ]
                if earlier:
                    for c in earlier:
                        if getattr(c, name) is None:
                            setattr(c, name, value)
                            c.count_evidence[name] = evidence
                            c.count_at[name] = evidence.start + q.spans[name][0]
                            if c.trace is not None:
                                c.trace.append(count_decision(name, value, q, evidence, back))
                    break


def count_decision(name: str, value: int, q: Quantities, sentence: Mention, carried: int = 0) -> Decision:
    """What made a number of ``sentence`` this event's ``name`` count: its words and the
    cue of data/lexicons/quantities.yaml that tied it to the field."""
    start, end = q.spans[name]
    words = [Mention(sentence.text[start:end], sentence.start + start, sentence.start + end)]
    rule, span = (q.cues or {}).get(name, ("a cue of the lexicon", None))
    if span is not None:
        words.append(
            Mention(sentence.text[span[0] : span[1]], sentence.start + span[0], sentence.start + span[1])
        )
    reason = f"{value} from '{words[0].text}'; cue {rule}"
    if carried:
        reason += (
            f"; stated {carried} sentence{'s' if carried > 1 else ''} later, given back "
            "to this event, which had none"
        )
    return Decision(name, "quantity lexicon (data/lexicons/quantities.yaml)", reason, tuple(words))
