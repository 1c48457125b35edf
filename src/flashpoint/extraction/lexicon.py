"""Trigger, actor and modality lexicons, loaded once from data/lexicons and checked
against the ontology so a typo in a YAML file fails loudly, not silently."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import DataFileError
from ..ontology import Ontology, load_data_yaml, load_ontology


@dataclass(frozen=True)
class TriggerEntry:
    lemma: str
    type: str
    mode: str | None
    confidence: float
    particle: frozenset[str] = frozenset()
    objects: dict[str, str | None] | None = None  # object lemma -> mode override (None: keep)
    object_class: str | None = None
    subject_class: str | None = None
    not_subject_class: str | None = None
    prep_object: dict[str, frozenset[str]] | None = None
    intransitive: bool = False
    complement: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    not_complement: frozenset[str] = frozenset()
    # where the entry is in triggers.yaml ("verbs[12]"): the explain trace's rule id
    where: str = ""


@dataclass(frozen=True)
class ObligationRule:
    """'X said Y must act': PLOVER codes a statement that another party must act as
    a demand, anchored on the speech word."""

    type: str
    heads: frozenset[str]  # speech verbs and nouns the must-clause hangs on
    modals: frozenset[str]
    not_subjects: frozenset[str]  # "he said he must leave" is no demand on another
    confidence: float


@dataclass(frozen=True)
class TriggerLexicon:
    verbs: dict[str, tuple[TriggerEntry, ...]]
    nouns: dict[str, tuple[TriggerEntry, ...]]
    subject_of: frozenset[str]
    object_of: frozenset[str]
    preposition_of: frozenset[str]
    intransitive_subject_of: frozenset[str] = frozenset()
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    mutual: frozenset[str] = frozenset()
    light_nouns: frozenset[str] = frozenset()
    obligation: ObligationRule | None = None
    appeals: frozenset[str] = frozenset()
    # word form -> (verb lemma, word sequences that may follow it), for verbs the parser
    # tags as nouns or adjectives ("shot dead")
    mistagged_verbs: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = field(default_factory=dict)
    # a word split off before a verb -> what joins it to the verb's lemma ("re-captured")
    verb_prefixes: dict[str, str] = field(default_factory=dict)

    def is_appeal(self, trigger: str) -> bool:
        """Whether a REQUEST trigger word asks rather than demands (CAMEO 02 APPEAL against
        10 DEMAND): 'urged', 'called on', 'appealed' as opposed to 'demanded', 'insisted'."""
        return any(s in self.appeals for s in stems(trigger))


def _entry(raw: dict[str, Any], where: str) -> TriggerEntry:
    onto = load_ontology()
    try:
        type_ = onto.canonical_type(raw["type"])
        mode = raw.get("mode")
        onto.check_mode(type_, mode)
        objects = raw.get("objects")
        if isinstance(objects, list):
            objects = {str(o).lower(): None for o in objects}
        elif isinstance(objects, dict):
            objects = {str(k).lower(): v for k, v in objects.items()}
            for m in objects.values():
                onto.check_mode(type_, m)
        prep = raw.get("prep_object")
        if prep:
            prep = {k: frozenset(str(v).lower() for v in vals) for k, vals in prep.items()}
        return TriggerEntry(
            lemma=str(raw["lemma"]).lower(),
            type=type_,
            mode=mode,
            confidence=float(raw.get("confidence", 0.6)),
            particle=frozenset(raw.get("particle", [])),
            objects=objects,
            object_class=raw.get("object_class"),
            subject_class=raw.get("subject_class"),
            not_subject_class=raw.get("not_subject_class"),
            prep_object=prep,
            intransitive=bool(raw.get("intransitive", False)),
            complement=frozenset(raw.get("complement", [])),
            not_objects=frozenset(str(o).lower() for o in raw.get("not_objects", [])),
            not_complement=frozenset(str(o).lower() for o in raw.get("not_complement", [])),
            where=where,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"triggers.yaml {where}: bad entry {raw!r}: {exc}") from exc


def _specificity(e: TriggerEntry) -> int:
    """How many conditions an entry sets: the most specific entry for a lemma is tried
    first, so 'fired tear gas' is crowd control before the bare 'fired at' is shooting."""
    what_was_acted_on = 2 * sum(bool(x) for x in (e.objects, e.object_class, e.prep_object))
    return what_was_acted_on + sum(bool(x) for x in (e.complement, e.subject_class, e.particle))


def _group(entries: list[TriggerEntry]) -> dict[str, tuple[TriggerEntry, ...]]:
    out: dict[str, list[TriggerEntry]] = {}
    for e in entries:
        out.setdefault(e.lemma, []).append(e)
    return {k: tuple(sorted(v, key=_specificity, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def load_triggers() -> TriggerLexicon:
    raw = load_data_yaml("lexicons/triggers.yaml")
    classes = {
        name: frozenset(str(w).lower() for w in words) for name, words in (raw.get("classes") or {}).items()
    }
    verbs = [_entry(r, f"verbs[{i}]") for i, r in enumerate(raw.get("verbs", []))]
    nouns = [_entry(r, f"nouns[{i}]") for i, r in enumerate(raw.get("nouns", []))]
    for e in verbs + nouns:
        for cls in (e.object_class, e.subject_class, e.not_subject_class):
            if cls and cls not in classes:
                raise DataFileError(f"triggers.yaml: {e.lemma} names unknown class {cls!r}")
    for form, (verb, _) in _mistagged(raw.get("mistagged_verbs") or {}).items():
        if not any(e.lemma == verb for e in verbs):
            raise DataFileError(
                f"triggers.yaml mistagged_verbs: {form} names {verb!r}, which is no verb entry"
            )
    act = raw.get("noun_activators") or {}
    if "partitives" not in classes:
        raise DataFileError("triggers.yaml: the partitives class is missing")
    return TriggerLexicon(
        verbs=_group(verbs),
        nouns=_group(nouns),
        subject_of=frozenset(act.get("subject_of", [])),
        object_of=frozenset(act.get("object_of", [])),
        preposition_of=frozenset(act.get("preposition_of", [])),
        intransitive_subject_of=frozenset(act.get("intransitive_subject_of", [])),
        classes=classes,
        mutual=frozenset(raw.get("mutual_triggers", [])),
        light_nouns=frozenset(str(w).lower() for w in raw.get("light_nouns", [])),
        obligation=_obligation(raw.get("obligation_requests")),
        appeals=frozenset(str(w).lower() for w in raw.get("appeal_requests", [])),
        mistagged_verbs=_mistagged(raw.get("mistagged_verbs") or {}),
        verb_prefixes={str(k).lower(): str(v) for k, v in (raw.get("verb_prefixes") or {}).items()},
    )


def _mistagged(raw: dict[str, Any]) -> dict[str, tuple[str, tuple[tuple[str, ...], ...]]]:
    out: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {}
    for form, spec in raw.items():
        try:
            out[str(form).lower()] = (
                str(spec["lemma"]).lower(),
                tuple(tuple(str(n).lower().split()) for n in spec["next"]),
            )
        except (KeyError, TypeError) as exc:
            raise DataFileError(f"triggers.yaml mistagged_verbs: bad entry {form!r}: {exc}") from exc
    return out


def stems(word: str) -> tuple[str, ...]:
    """``word`` lower-cased and the stems its common endings leave."""
    word = word.lower()
    out = [word]
    for suffix, repl in (
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: len(word) - len(suffix)] + repl)
    return tuple(out)


def _obligation(raw: dict[str, Any] | None) -> ObligationRule | None:
    if not raw:
        return None
    try:
        return ObligationRule(
            type=load_ontology().canonical_type(raw["type"]),
            heads=frozenset(str(w).lower() for w in raw["heads"]),
            modals=frozenset(str(w).lower() for w in raw["modals"]),
            not_subjects=frozenset(str(w).lower() for w in raw.get("not_subjects", [])),
            confidence=float(raw.get("confidence", 0.6)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"triggers.yaml obligation_requests: {exc}") from exc


@dataclass(frozen=True)
class ReportedMeasures:
    """Agentless passives of ``types`` in the that-clause of one of ``speech_verbs``: a
    speaker of ``sectors`` reports its own act (data/lexicons/actors.yaml)."""

    types: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ActorLexicon:
    named: dict[str, dict[str, Any]]  # folded alias -> {name, country, sector}
    longest_alias_words: int
    sector_nouns: dict[str, str]  # lemma or phrase -> sector
    not_actors: frozenset[str]
    group_heads: frozenset[str] = frozenset()
    people_heads: frozenset[str] = frozenset()
    one_person_heads: frozenset[str] = frozenset()
    taking_part_verbs: frozenset[str] = frozenset()
    armed_modifiers: frozenset[str] = frozenset()
    civilian_modifiers: frozenset[str] = frozenset()
    person_sectors: frozenset[str] = frozenset()
    person_pronouns: frozenset[str] = frozenset()
    reported_measures: ReportedMeasures = ReportedMeasures()


@lru_cache(maxsize=1)
def load_actors() -> ActorLexicon:
    raw = load_data_yaml("lexicons/actors.yaml")
    onto = load_ontology()
    named: dict[str, dict[str, Any]] = {}
    for item in raw.get("named", []):
        if item.get("sector") not in onto.sectors:
            raise DataFileError(f"actors.yaml: {item.get('name')} has unknown sector {item.get('sector')}")
        for alias in item["aliases"]:
            named[str(alias).lower()] = {
                "name": item["name"],
                "country": item.get("country"),
                "sector": item["sector"],
            }
    sector_nouns: dict[str, str] = {}
    for sector, words in (raw.get("sector_nouns") or {}).items():
        if sector not in onto.sectors:
            raise DataFileError(f"actors.yaml: unknown sector {sector}")
        for w in words:
            sector_nouns.setdefault(str(w).lower(), sector)
    longest = max((len(a.split()) for a in named), default=1)
    return ActorLexicon(
        named=named,
        longest_alias_words=longest,
        sector_nouns=sector_nouns,
        not_actors=frozenset(str(w).lower() for w in raw.get("not_actors", [])),
        group_heads=frozenset(str(w).lower() for w in raw.get("group_heads", [])),
        people_heads=frozenset(str(w).lower() for w in raw.get("people_heads", [])),
        one_person_heads=frozenset(str(w).lower() for w in raw.get("one_person_heads", [])),
        taking_part_verbs=frozenset(str(w).lower() for w in raw.get("taking_part_verbs", [])),
        armed_modifiers=frozenset(str(w).lower() for w in raw.get("armed_modifiers", [])),
        civilian_modifiers=frozenset(str(w).lower() for w in raw.get("civilian_modifiers", [])),
        person_sectors=_sectors(raw.get("person_sectors") or [], onto.sectors, "person_sectors"),
        person_pronouns=frozenset(str(w).lower() for w in raw.get("person_pronouns", [])),
        reported_measures=_reported_measures(raw.get("reported_measures") or {}, onto),
    )


def _reported_measures(raw: dict[str, Any], onto: Ontology) -> ReportedMeasures:
    types = frozenset(str(t) for t in raw.get("types", []))
    unknown = sorted(types - set(onto.types))
    if unknown:
        raise DataFileError(f"actors.yaml: reported_measures has unknown event type {unknown[0]}")
    return ReportedMeasures(
        types=types,
        speech_verbs=frozenset(str(w).lower() for w in raw.get("speech_verbs", [])),
        sectors=_sectors(raw.get("sectors") or [], onto.sectors, "reported_measures"),
    )


def _sectors(names: list[Any], known: Any, key: str) -> frozenset[str]:
    unknown = [str(n) for n in names if n not in known]
    if unknown:
        raise DataFileError(f"actors.yaml: {key} has unknown sector {unknown[0]}")
    return frozenset(str(n) for n in names)


@dataclass(frozen=True)
class ModalityLexicon:
    negators: frozenset[str]
    hypothetical: frozenset[str]
    future: frozenset[str]
    conditional_marks: frozenset[str]
    content_heads: frozenset[str]
    aspectual_heads: frozenset[str]
    distant_past_days: int
    speech_heads: frozenset[str] = frozenset()
    intent_heads: frozenset[str] = frozenset()
    intent_as: dict[str, str] = field(default_factory=dict)
    threaten_modes: dict[str, str] = field(default_factory=dict)
    refusal_type: str = "REJECT"
    protest_purposes: frozenset[str] = frozenset()
    conditional_intent_modals: frozenset[str] = frozenset()
    pending_marks: frozenset[str] = frozenset()
    grievance_heads: frozenset[str] = frozenset()
    grievance_nouns: frozenset[str] = frozenset()
    grievance_types: frozenset[str] = frozenset()
    grievance_preps: frozenset[str] = frozenset()
    attempt_heads: frozenset[str] = frozenset()
    attempted_acts: frozenset[str] = frozenset()
    done_by_people: frozenset[str] = frozenset()
    # the trigger lexicon's class of natural causes
    natural_causes: str | None = None


def natural_cause_words(lex: ModalityLexicon) -> frozenset[str]:
    """The words of the trigger lexicon's class that ``lex`` names as natural causes."""
    if lex.natural_causes is None:
        return frozenset()
    classes = load_triggers().classes
    if lex.natural_causes not in classes:
        raise DataFileError(f"modality.yaml: natural_causes names unknown class {lex.natural_causes!r}")
    return classes[lex.natural_causes]


@lru_cache(maxsize=1)
def load_modality() -> ModalityLexicon:
    raw = load_data_yaml("lexicons/modality.yaml")
    onto = load_ontology()
    for old, new in (raw.get("intent_as") or {}).items():
        onto.canonical_type(old), onto.canonical_type(new)
    try:
        return ModalityLexicon(
            speech_heads=frozenset(raw.get("speech_heads", [])),
            protest_purposes=frozenset(raw.get("protest_purposes", [])),
            conditional_intent_modals=frozenset(raw.get("conditional_intent_modals", [])),
            pending_marks=frozenset(raw.get("pending_marks", [])),
            grievance_heads=frozenset(raw.get("grievance_heads", [])),
            grievance_nouns=frozenset(raw.get("grievance_nouns", [])),
            grievance_types=frozenset(onto.canonical_type(t) for t in raw.get("grievance_types", [])),
            grievance_preps=frozenset(raw.get("grievance_preps", [])),
            attempt_heads=frozenset(raw.get("attempt_heads", [])),
            attempted_acts=frozenset(onto.canonical_type(t) for t in raw.get("attempted_acts", [])),
            done_by_people=frozenset(onto.canonical_type(t) for t in raw.get("done_by_people", [])),
            natural_causes=raw.get("natural_causes"),
            intent_heads=frozenset(raw.get("intent_heads", [])),
            intent_as=dict(raw.get("intent_as") or {}),
            threaten_modes=dict(raw.get("threaten_modes") or {}),
            refusal_type=onto.canonical_type(raw.get("refusal_type", "REJECT")),
            negators=frozenset(raw["negators"]),
            hypothetical=frozenset(raw["hypothetical_modals"]),
            future=frozenset(raw["future_modals"]),
            conditional_marks=frozenset(raw["conditional_marks"]),
            content_heads=frozenset(raw["content_heads"]),
            aspectual_heads=frozenset(raw["aspectual_heads"]),
            distant_past_days=int(raw["distant_past_days"]),
        )
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"modality.yaml lacks {exc}") from exc
