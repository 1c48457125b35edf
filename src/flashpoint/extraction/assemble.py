"""The last stages: map to ACLED, merge duplicates within a sentence, and build the
frozen Event records (one per place when one action happened in several)."""

from __future__ import annotations

import re
from typing import Any

from ..budget import limits
from ..classify.decide import Policy, load_policy
from ..geo.reasons import READING
from ..models import Event, Location, Mention
from ..ontology import Ontology, load_ontology
from ..registry import register_stage
from ..trace import COUNT_FIELDS, Decision, ordered
from ..work import Candidate, Work
from .figures import keep_each_figure_once
from .lexicon import ActorLexicon, TriggerLexicon, load_actors, load_triggers
from .quantity_lexicon import QuantityLexicon, load_quantity_lexicon

# the actor sectors, recipient sectors and whether each actor is one person, of one act
Sides = tuple[set[str | None], set[str | None], set[bool]]
WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
# "a man", "one young woman", "the Palestinian": one person, by the words of the phrase
ONE_PERSON = re.compile(r"^(?:a|an|one|the|another)\s+(?:[\w-]+\s+){0,2}([\w-]+)$", re.IGNORECASE)


def _sentence_words(text: str) -> list[str]:
    """Lower-case words, a possessive split off ("bnp's rally" -> "bnp 's rally") so that
    a rule can name "'s rally" whoever's rally it was."""
    out: list[str] = []
    for w in WORD.findall(text.lower()):
        if w.endswith("'s") and len(w) > 2:
            out += [w[:-2], "'s"]
        else:
            out.append(w)
    return out


def _one_person(text: str, one_person_heads: frozenset[str]) -> bool:
    """A single person, not a group: ACLED's mob violence needs a crowd, so one man
    beating another is an attack."""
    m = ONE_PERSON.match(text.strip())
    if not m:
        return False
    head = m.group(1)
    # a capitalised singular head after "a" is a demonym: "a Palestinian", "an Afghan"
    return head.lower() in one_person_heads or (
        head[:1].isupper() and not head.endswith("s") and text.lower().startswith(("a ", "an "))
    )


def _mobilize_mode(cand: Candidate, by_sector: dict[str, str]) -> str | None:
    for actor in cand.actors + cand.recipients:
        if actor.sector in by_sector:
            return by_sector[actor.sector]
    return None


def _sides_by_act(cands: list[Candidate], one_person_heads: frozenset[str]) -> dict[tuple[int, str], Sides]:
    """Actor and recipient sectors of each (sentence, type): the build stage merges those
    into one event ("militants attacked a post and killed two policemen"), so its ACLED
    type must weigh every side the sentence names, not only the first trigger's. The
    third set holds whether each actor is one person."""
    out: dict[tuple[int, str], Sides] = {}
    for c in cands:
        actors, recipients, lone = out.setdefault((c.sentence.start, c.type), (set(), set(), set()))
        actors.update(a.sector for a in c.actors)
        recipients.update(r.sector for r in c.recipients)
        lone.update(_one_person(a.text, one_person_heads) for a in c.actors)
    return out


@register_stage("ontology")
class OntologyStage:
    """Reads: candidate.type, mode, actors, recipients, class_probs.
    Writes: candidate.mode (when implied by the actors) and the ACLED event and sub-event
    type: the rules' mapping, weighed against the classifier's probabilities when it ran.
    Its resources default to the shipped ones: ``ontology`` (data/ontology.yaml), the
    ``actors`` lexicon (which heads are one person), the ``triggers`` lexicon (which
    triggers are mutual) and the classifier ``policy`` (data/classifier.yaml).
    """

    def __init__(
        self,
        ontology: Ontology | None = None,
        actors: ActorLexicon | None = None,
        triggers: TriggerLexicon | None = None,
        policy: Policy | None = None,
    ) -> None:
        self.ontology = ontology if ontology is not None else load_ontology()
        self.one_person_heads = (actors if actors is not None else load_actors()).one_person_heads
        self.mutual = (triggers if triggers is not None else load_triggers()).mutual
        self.policy = policy if policy is not None else load_policy()
        self.type_of_sub = {sub: t for t, subs in self.ontology.acled_types.items() for sub in subs}

    def __call__(self, work: Work) -> Work:
        live = [c for c in work.candidates if not c.dropped]
        for cand in live:
            if cand.type == "MOBILIZE" and cand.mode is None:
                cand.mode = _mobilize_mode(cand, self.ontology.mode_by_sector)
        context = self._context(live)
        sides = _sides_by_act(live, self.one_person_heads)
        for cand in live:
            actors, recipients, lone = sides[(cand.sentence.start, cand.type)]
            cand.acled_event_type, cand.acled_sub_event_type = self.ontology.acled_for(
                cand.type,
                cand.mode,
                actors,
                recipients,
                mutual=cand.lexicon_key in self.mutual,
                context=context[id(cand)],
                words=_sentence_words(cand.sentence.text),
                lone_actor=lone == {True},
            )
            if cand.trace is not None:
                cand.trace.append(
                    self._rule_decision(cand, actors, recipients, context[id(cand)], lone == {True})
                )
            if cand.class_probs and "acled" in cand.class_probs:
                rule_sub = cand.acled_sub_event_type
                sub = self.policy.choose_acled(
                    cand.type, cand.class_probs["acled"], cand.acled_sub_event_type, work.rule_confusion
                )
                cand.acled_sub_event_type = sub
                cand.acled_event_type = self.type_of_sub.get(sub) if sub else None
                if cand.trace is not None:
                    cand.trace.append(self._classifier_decision(cand, rule_sub, work.rule_confusion))
        return work

    def _rule_decision(
        self,
        cand: Candidate,
        actors: set[str | None],
        recipients: set[str | None],
        context: set[str],
        lone: bool,
    ) -> Decision:
        """Which acled_mapping rule of data/ontology.yaml gave the rules' ACLED answer."""
        words = _sentence_words(cand.sentence.text)
        found = self.ontology.acled_rule(
            cand.type, cand.mode, actors, recipients, cand.lexicon_key in self.mutual, context, words, lone
        )
        by = "acled_mapping (data/ontology.yaml)"
        if found is None:
            return Decision("acled", by, f"no {cand.type} rule holds: ACLED does not code it")
        i, rule = found
        event_type, sub_type = rule["acled"]
        return Decision(
            "acled",
            by,
            f"{cand.type} rule {i + 1} "
            f"({self.ontology.describe_rule(rule, words)}) gives {event_type} / {sub_type}",
            (cand.sentence,),
            rule=f"ontology.yaml acled_mapping {cand.type}[{i}]",
        )

    def _classifier_decision(self, cand: Candidate, rule_sub: str | None, confusion: object) -> Decision:
        """The classifier's ACLED choice (classify/decide.py choose_acled) against the rule's."""
        probs = cand.class_probs["acled"] if cand.class_probs else {}
        allowed = self.policy.acled_by_plover.get(cand.type, ())
        shown = ", ".join(
            f"{sub} {probs.get(sub, 0.0):.2f}"
            for sub in sorted(allowed, key=lambda sub: -probs.get(sub, 0.0))[:4]
        )
        weighed = "the rules' confusion on the training corpus" if confusion is not None else "rule_boost"
        agreed = "agrees with" if cand.acled_sub_event_type == rule_sub else "overrules"
        return Decision(
            "acled",
            "event classifier, policy: choose_acled",
            f"chose {cand.acled_sub_event_type or 'not coded by ACLED'} among the "
            f"sub-types allowed for {cand.type} ({shown}), the rule's answer "
            f"{rule_sub or 'none'} weighed by {weighed}; {agreed} the rule",
            (cand.sentence,),
        )

    def _context(self, cands: list[Candidate]) -> dict[int, set[str]]:
        """What the events within a few sentences of each one report. ACLED codes the whole
        incident: arrests at a protest are a protest with intervention, and a protest whose
        crowd turns violent is a violent demonstration, wherever each fact is told."""
        order = {start: i for i, start in enumerate(sorted({c.sentence.start for c in cands}))}
        raised = [
            (
                order[c.sentence.start],
                self.ontology.flags_raised(
                    c.type,
                    c.mode,
                    [a.sector for a in c.actors],
                    [r.sector for r in c.recipients],
                    c.lexicon_key in self.mutual,
                    WORD.findall(" ".join(r.text for r in c.recipients).lower()),
                ),
            )
            for c in cands
        ]
        window = self.ontology.acled_context_window
        out: dict[int, set[str]] = {}
        for cand in cands:
            here = order[cand.sentence.start]
            out[id(cand)] = {f for i, flags in raised if abs(i - here) <= window for f in flags}
        return out


def merge_same_sentence(cands: list[Candidate]) -> list[Candidate]:
    """One event per type per sentence: 'fenced town halls and increased staff numbers'
    is one MOBILIZE, with the actors of both triggers."""
    merged: dict[tuple[int, str], Candidate] = {}
    kept: list[Candidate] = []
    for cand in cands:
        key = (cand.sentence.start, cand.type)
        first = merged.get(key)
        if first is None:
            merged[key] = cand
            kept.append(cand)
            continue
        if _distinct_places(first, cand):
            # "rallied in Zvecan and demonstrated again in Zubin Potok": two events
            kept.append(cand)
            continue
        for attr in ("actors", "recipients"):
            names = {a.name for a in getattr(first, attr)}
            getattr(first, attr).extend(a for a in getattr(cand, attr) if a.name not in names)
        taken = set()
        for attr in ("fatalities", "injured", "arrested", "size", "mode"):
            if getattr(first, attr) is None:
                setattr(first, attr, getattr(cand, attr))
                taken.add(attr)
                for where in ("count_at", "count_evidence"):
                    if attr in getattr(cand, where):
                        getattr(first, where)[attr] = getattr(cand, where)[attr]
        if not first.locations or (
            cand.locations and cand.locations[0].precision < first.locations[0].precision
        ):
            if cand.locations:
                taken.add("place")
            first.locations = first.locations if not cand.locations else cand.locations
        first.confidence = max(first.confidence, cand.confidence)
        if first.trace is not None and cand.trace is not None:
            _merge_trace(first.trace, cand, taken)
    return kept


def _merge_trace(trace: list[Decision], cand: Candidate, taken: set[str]) -> None:
    """The merged candidate's steps for the fields the first one took from it."""
    if "place" in taken:
        trace[:] = [d for d in trace if d.field != "place"]
    trace.append(
        Decision(
            "type",
            "one event per type per sentence",
            f"trigger '{cand.trigger.text}' ({cand.type}) of the same sentence merged into this event",
            (cand.trigger,),
        )
    )
    trace.extend(d for d in cand.trace or () if d.field in taken)


def _extra(
    cand: Candidate, counted: dict[str, Mention] | None, counts: tuple[int | None, ...], loc: Location | None
) -> dict[str, Any]:
    """An event's extra fields: counts told in a later sentence, and with explain on the
    trace, a count's steps only where the event kept that count, and of an act in several
    places the reading of this event's place name only."""
    extra: dict[str, Any] = {"count_evidence": counted} if counted else {}
    if cand.trace is not None:
        gone = {name for name, value in zip(COUNT_FIELDS, counts) if value is None}
        here = loc.start if loc is not None else None
        extra["explain"] = ordered(
            d
            for d in cand.trace
            if d.field not in gone
            and not (
                d.field == "place"
                and len(d.words) == 1
                and here is not None
                and d.decided_by == READING
                and d.words[0].start != here
            )
        )
    return extra


def _distinct_places(a: Candidate, b: Candidate) -> bool:
    towns_a = {loc.name for loc in a.locations if loc.precision < 4}
    towns_b = {loc.name for loc in b.locations if loc.precision < 4}
    return bool(towns_a and towns_b and towns_a.isdisjoint(towns_b))


def _confidence(cand: Candidate) -> float:
    score = cand.confidence
    if not cand.actors:
        score *= 0.85
    if cand.locations and cand.locations[0].precision == 4:
        score *= 0.95
    return max(0.0, min(1.0, score))


def places_for(
    cand: Candidate, focus_country: str | None, physical_types: frozenset[str]
) -> list[Location | None]:
    """One event per place for the ``physical_types`` of act; one place for verbal ones."""
    if len(cand.locations) <= 1 or cand.type in physical_types:
        return list(cand.locations) or [None]
    countries = {loc.country for loc in cand.locations}
    if len(countries) == 1:
        return [cand.locations[0]]
    from ..geo.locations import focus_location

    return [focus_location(focus_country) or cand.locations[0]]


def bounded_evidence(sentence: Mention, trigger: Mention, most: int) -> Mention:
    """``sentence`` cut to ``most`` characters centred on ``trigger`` (data/budget.yaml):
    the sentence cap counts tokens, and one token of a minified blob can be megabytes."""
    if len(sentence.text) <= most:
        return sentence
    middle = (trigger.start + trigger.end) // 2 - sentence.start
    first = min(max(0, middle - most // 2), len(sentence.text) - most)
    start = sentence.start + first
    return Mention(sentence.text[first : first + most], start, start + most)


@register_stage("build")
class BuildEventsStage:
    """Reads: every candidate field, work.focus_country.
    Writes: work.events, frozen Events with evidence; candidates that were ruled out are left out.
    Each count goes to one event: one candidate (figures.keep_each_figure_once), and of
    an act in several places, the event at the first place. ``quantities`` says from what
    size a figure told twice is one figure whatever the event types (its
    ``repeat_any_type_from``), data/lexicons/quantities.yaml by default; ``ontology`` which
    types are physical acts, data/ontology.yaml by default; evidence is cut to
    ``evidence_max_chars`` (data/budget.yaml by default).
    """

    def __init__(
        self,
        quantities: QuantityLexicon | None = None,
        ontology: Ontology | None = None,
        evidence_max_chars: int | None = None,
    ) -> None:
        lexicon = quantities if quantities is not None else load_quantity_lexicon()
        self.repeat_any_type_from = lexicon.repeat_any_type_from
        self.physical_types = (ontology if ontology is not None else load_ontology()).physical_types
        most = evidence_max_chars if evidence_max_chars is not None else limits().evidence_max_chars
        self.evidence_max_chars = most

    def __call__(self, work: Work) -> Work:
        doc = work.document
        live = merge_same_sentence([c for c in work.candidates if not c.dropped])
        live = keep_each_figure_once(live, self.repeat_any_type_from)
        most = self.evidence_max_chars
        for cand in live:
            evidence = bounded_evidence(cand.sentence, cand.trigger, most)
            counted = {k: bounded_evidence(m, m, most) for k, m in cand.count_evidence.items()}
            for n, loc in enumerate(places_for(cand, work.focus_country, self.physical_types)):
                key = f"{loc.name}@{loc.start}" if loc else None
                counts = (cand.fatalities, cand.injured, cand.arrested, cand.size) if n == 0 else (None,) * 4
                work.events.append(
                    Event(
                        doc_id=doc.id,
                        event_id=Event.make_id(
                            doc.id, cand.type, cand.sentence.start, cand.sentence.end, key
                        ),
                        type=cand.type,
                        mode=cand.mode,
                        evidence=evidence,
                        trigger=cand.trigger,
                        acled_event_type=cand.acled_event_type,
                        acled_sub_event_type=cand.acled_sub_event_type,
                        date=cand.date,
                        date_precision=cand.date_precision,
                        date_text=cand.date_text,
                        actors=tuple(cand.actors),
                        recipients=tuple(cand.recipients),
                        location=loc,
                        fatalities=counts[0],
                        injured=counts[1],
                        arrested=counts[2],
                        size=counts[3],
                        confidence=_confidence(cand),
                        source=doc.source,
                        url=doc.url,
                        extra=_extra(cand, counted if n == 0 else None, counts, loc),
                    )
                )
        return work
