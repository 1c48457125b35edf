"""Find event triggers: verbs and event nouns from the trigger lexicon."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..models import Mention
from ..registry import register_stage
from ..trace import Decision
from ..work import Candidate, Work
from . import syntax
from .lexicon import TriggerEntry, TriggerLexicon, load_triggers

VERB_TAGS = frozenset({"VERB"})
# A participle used as a noun ("evacuated the wounded") names people, not an act.
NOMINAL_DEPS = frozenset({"dobj", "obj", "pobj", "nsubj", "nsubjpass"})
# Words inside a date or time ("signed in March 2001") are never triggers.
TIME_ENTITIES = frozenset({"DATE", "TIME"})


def sentence_mention(work: Work, sent: Span) -> Mention:
    """The sentence as evidence, trimmed of surrounding white space and quote marks
    that belong to the paragraph rather than the sentence."""
    text = work.text
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Mention(text[start:end], start, end)


def acted_on(objs: list[Token], lex: TriggerLexicon, verb: Token | None = None) -> list[Token]:
    """The objects, looking through amounts and parts to what they measure:
    '700 kg of medicine', 'part of a military aid programme', 'two of its nationals'."""
    partitives = lex.classes["partitives"]
    out = list(objs)
    for o in objs:
        if o.lemma_.lower() in partitives or o.pos_ == "NUM":
            inner = syntax.of_objects(o)
            if not inner and verb is not None:
                # "took control of a town": the parser may hang the 'of' phrase on the verb
                inner = [
                    g
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ == "of" and c.i == o.i + 1
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
            out.extend(inner)
    return out


def members(subj: list[Token], lex: TriggerLexicon) -> list[Token]:
    """Who a group is made of: 'a group of nurses protested' is said of nurses, not of an
    organisation called a group. A number ('thousands of farmers') stays beside its
    members: that it is a crowd is part of what it says."""
    partitives, numbers = lex.classes["partitives"], lex.classes["number_nouns"]
    out: list[Token] = []
    for s in subj:
        lemma = s.lemma_.lower()
        if lemma not in partitives and s.pos_ != "NUM":
            out.append(s)
            continue
        inner = syntax.of_objects(s)
        if not inner or s.pos_ == "NUM" or s.like_num or lemma in numbers:
            out.append(s)
        out.extend(inner)
    return out


def _introduces_date(prep: Token) -> bool:
    return any(g.dep_ == "pobj" and g.ent_type_ in TIME_ENTITIES for g in prep.children)


def _verb_entry_fires(tok: Token, entry: TriggerEntry, lex: TriggerLexicon) -> tuple[bool, str | None]:
    """Whether ``entry`` fires on verb ``tok``; returns the mode to use (an object word
    may name its own mode)."""
    if entry.particle and not _particle_present(tok, entry):
        return False, None
    objs = acted_on(syntax.objects(tok), lex, tok)
    if entry.intransitive and any(c.dep_ in syntax.OBJECT_DEPS for c in tok.children):
        return False, None
    if entry.not_objects and any(syntax.noun_keys(o) & entry.not_objects for o in objs):
        return False, None
    if entry.not_complement and any(
        c.lemma_.lower() in entry.not_complement for c in tok.children if c.dep_ in ("xcomp", "ccomp")
    ):
        return False, None
    mode = entry.mode
    if entry.objects is not None:
        hit = next((key for o in objs for key in syntax.noun_keys(o) if key in entry.objects), None)
        if hit is None:
            return False, None
        mode = entry.objects[hit] or mode
    if entry.object_class:
        candidates = objs + syntax.prep_objects(tok, ("at", "on", "into", "against"))
        if not syntax.in_class(candidates, lex.classes[entry.object_class]):
            return False, None
    if (entry.subject_class or entry.not_subject_class) and not _subject_fits(tok, entry, lex):
        return False, None
    if entry.complement and not _complement_present(tok, entry):
        return False, None
    if entry.prep_object and not any(
        syntax.noun_keys(o) & words
        for prep, words in entry.prep_object.items()
        for o in syntax.prep_objects(tok, (prep,))
    ):
        return False, None
    return True, mode


def _particle_present(tok: Token, entry: TriggerEntry) -> bool:
    """One of the entry's particles goes with the verb ("hand over", "call off")."""
    # "called his counterpart on Tuesday": a preposition of a date is no particle
    present = {
        c.lower_
        for c in tok.children
        if c.dep_ in ("prt", "prep", "advmod", "acomp") and not _introduces_date(c)
    }
    # "handed over 300 kg": the parser may hang the particle on the number
    if tok.i + 1 < len(tok.doc) and tok.nbor(1).tag_ == "RP":
        present.add(tok.nbor(1).lower_)
    return bool(present & entry.particle)


def _subject_fits(tok: Token, entry: TriggerEntry, lex: TriggerLexicon) -> bool:
    """The verb's subject (or a passive's 'by' agent) is of the class the entry wants and
    not of the class it excludes."""
    subj = syntax.subjects(tok)
    if not subj and syntax.is_passive(tok):
        subj = syntax.prep_objects(tok, ("by",))
    subj = members(subj, lex)
    if entry.subject_class and not syntax.in_class(subj, lex.classes[entry.subject_class]):
        return False
    return not (entry.not_subject_class and syntax.in_class(subj, lex.classes[entry.not_subject_class]))


def _complement_present(tok: Token, entry: TriggerEntry) -> bool:
    """The verb has one of the entry's complements: "ordered its army to advance",
    "ordered troops to the border"."""
    comps = {
        c.lemma_.lower()
        for c in tok.children
        if c.dep_ in ("xcomp", "ccomp", "prep", "oprd", "acomp", "advcl", "dobj")
    }
    comps |= {c.lower_ for c in tok.children if c.dep_ in ("oprd", "acomp", "xcomp")}
    return bool(comps & entry.complement)


def _noun_is_happening(tok: Token, lex: TriggerLexicon) -> bool:
    """An event noun reports an event when the clause makes it happen: 'clashes
    erupted', 'staged a protest', 'killed in clashes', 'there were clashes'."""
    head = tok.head
    head_forms = syntax.lemma_forms(head)
    if tok.dep_ in ("nsubj", "nsubjpass") and any(f in lex.subject_of for f in head_forms):
        return True
    if tok.dep_ in ("dobj", "obj") and any(f in lex.object_of for f in head_forms):
        return True
    # "protests were held", "an attack was repelled"
    if tok.dep_ == "nsubjpass" and any(f in lex.object_of for f in head_forms):
        return True
    if tok.dep_ == "attr" and head.lemma_ == "be" and any(c.dep_ == "expl" for c in head.children):
        return True
    if tok.dep_ == "pobj" and head.lower_ in lex.preposition_of and head.head.pos_ == "VERB":
        return True
    if tok.dep_ == "pobj" and f"{head.head.lemma_.lower()} {head.lower_}" in lex.object_of:
        return True
    if tok.dep_ == "conj":
        return _noun_is_happening(tok.head, lex)
    # "A clash ensued between ...": the parser may hang the verb right after the noun on
    # it as a reduced relative clause, which a verb that takes no object cannot head
    if tok.i + 1 < len(tok.doc):
        nxt = tok.nbor(1)
        if (
            nxt.dep_ == "acl"
            and nxt.head.i == tok.i
            and nxt.tag_ in ("VBD", "VBN")
            and any(f in lex.intransitive_subject_of for f in syntax.lemma_forms(nxt))
        ):
            return True
    return False


def _inside_date(tok: Token) -> bool:
    """'signed in March 2001', 'on Friday': a word of a date, not an act. A date
    entity without a number or a preposition before it may be a name ("'March to Dhaka'")."""
    if tok.ent_type_ not in TIME_ENTITIES:
        return False
    # the entity's bounds from the IOB tags: building doc.ents for every date word
    # made a Span per entity each time and was most of this stage's cost
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    before = doc[start - 1] if start > 0 else None
    return any(doc[j].like_num for j in range(start, end)) or (before is not None and before.dep_ == "prep")


def _noun_entries(tok: Token, lex: TriggerLexicon) -> tuple[TriggerEntry, ...]:
    """Entries for an event noun: by lemma, by its phrase with modifiers ("war games",
    "joint exercises"), or through a light noun ("a mediation effort")."""
    lemma = tok.lemma_.lower()
    # the phrase first: "air strike" is no labour strike
    compound = " ".join(c.lower_ for c in tok.lefts if c.dep_ == "compound")
    if compound and f"{compound} {lemma}" in lex.nouns:
        return lex.nouns[f"{compound} {lemma}"]
    for key in sorted(syntax.noun_keys(tok), key=lambda k: (-len(k), k)):
        if " " in key and key in lex.nouns:
            return lex.nouns[key]
    if lemma in lex.nouns:
        return lex.nouns[lemma]
    if lemma in lex.light_nouns:
        for c in tok.lefts:
            if c.dep_ == "compound" and c.lemma_.lower() in lex.nouns:
                return lex.nouns[c.lemma_.lower()]
    return ()


def _noun_entry_fires(tok: Token, entry: TriggerEntry, lex: TriggerLexicon) -> tuple[bool, str | None]:
    """A noun's conditions are checked on what it is of: 'suspension of air links'."""
    if entry.objects is None and not entry.object_class:
        return True, entry.mode
    of = acted_on(syntax.of_objects(tok), lex)
    if entry.object_class and not syntax.in_class(of, lex.classes[entry.object_class]):
        return False, None
    if entry.objects is not None:
        hit = next((k for o in of for k in syntax.noun_keys(o) if k in entry.objects), None)
        if hit is None:
            return False, None
        return True, entry.objects[hit] or entry.mode
    return True, entry.mode


FINITE_OR_PARTICIPLE = frozenset({"VBD", "VBZ", "VBP", "VBN", "MD"})


def _in_heading(tok: Token) -> bool:
    """'Looting: On 9 May, rebels looted ...': a label of a few words before a colon
    names the kind of report; the event is told after it."""
    sent = tok.sent
    for t in sent[:5]:
        if t.text == ":":
            # "Police warned: ..." is a clause, not a label
            label = sent.doc[sent.start : t.i]
            return tok.i < t.i and not any(w.tag_ in FINITE_OR_PARTICIPLE for w in label)
    return False


def _mistagged_verb(tok: Token, lex: TriggerLexicon) -> str | None:
    """'Two gunmen riding a scooter shot dead a shopkeeper': the parser may tag 'shot' as a
    noun; the words after it (listed in the lexicon) show it is the verb."""
    spec = lex.mistagged_verbs.get(tok.lower_)
    if spec is None or tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    verb, follows = spec
    after = tuple(t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 1 + max(map(len, follows), default=0)])
    return verb if any(after[: len(f)] == f for f in follows) else None


def _prefixed_entries(tok: Token, lex: TriggerLexicon) -> tuple[TriggerEntry, ...]:
    """Entries for a verb with a word the tokenizer split off before it: 're-captured'
    is 'recapture', 'baton charged' is 'baton charge'."""
    j = tok.i - 1
    if j > tok.sent.start and tok.doc[j].text == "-":
        j -= 1
    if j < tok.sent.start or tok.doc[j].lower_ not in lex.verb_prefixes:
        return ()
    word = tok.doc[j].lower_
    return lex.verbs.get(f"{word}{lex.verb_prefixes[word]}{tok.lemma_.lower()}", ())


def _matches_for(tok: Token, lex: TriggerLexicon) -> list[tuple[TriggerEntry, str | None]]:
    lemma = tok.lemma_.lower()
    if _inside_date(tok) or _in_heading(tok):
        return []
    if (
        tok.tag_ == "VBN"
        and tok.dep_ in NOMINAL_DEPS
        and any(c.dep_ in ("det", "nummod") for c in tok.children)
    ):
        return []
    mistagged = _mistagged_verb(tok, lex)
    if tok.pos_ in VERB_TAGS or (tok.tag_ in ("VBN", "VBD") and tok.pos_ == "ADJ") or mistagged:
        out = []
        entries = (
            _prefixed_entries(tok, lex)
            or lex.verbs.get(mistagged or lemma)
            or next((lex.verbs[f] for f in syntax.lemma_forms(tok) if f in lex.verbs), ())
        )
        for entry in entries:
            fires, mode = _verb_entry_fires(tok, entry, lex)
            if fires:
                out.append((entry, mode))
                break
        return out
    if tok.pos_ in ("NOUN", "PROPN"):
        entries = _noun_entries(tok, lex)
        if entries and _noun_is_happening(tok, lex):
            for entry in entries:
                fires, mode = _noun_entry_fires(tok, entry, lex)
                if fires:
                    return [(entry, mode)]
    return []


def _obligation_heads(sent: Span, lex: TriggerLexicon) -> list[Token]:
    """Speech words whose that-clause says another party must act: 'said Iraq must
    cooperate', 'issued a reminder that it must comply'."""
    rule = lex.obligation
    if rule is None:
        return []
    out: list[Token] = []
    for tok in sent:
        auxes = [c for c in tok.children if c.dep_ == "aux"]
        if not any(c.lower_ in rule.modals for c in auxes):
            continue
        if any(c.lemma_.lower() == "have" for c in auxes):
            continue  # "must have been killed" infers; it asks nothing
        if tok.dep_ not in ("ccomp", "acl", "relcl") or tok.head.lemma_.lower() not in rule.heads:
            continue
        subj = (
            syntax.subjects(tok)
            if tok.dep_ == "ccomp"
            else [c for c in tok.children if c.dep_ in syntax.SUBJECT_DEPS]
        )
        if not subj or any(s.lower_ in rule.not_subjects for s in subj):
            continue
        if tok.head not in out:
            out.append(tok.head)
    return out


@register_stage("triggers")
class TriggerStage:
    """Reads: work.doc (parsed spaCy Doc).
    Writes: work.candidates, one per trigger word, with sentence and trigger offsets.
    ``lexicon`` holds the trigger words, data/lexicons/triggers.yaml by default.
    """

    def __init__(self, lexicon: TriggerLexicon | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else load_triggers()

    def __call__(self, work: Work) -> Work:
        explain = work.explain
        for sent in work.doc.sents:
            evidence = sentence_mention(work, sent)
            if len(evidence.text) < 3:
                continue
            for tok in sent:
                for entry, mode in _matches_for(tok, self.lexicon):
                    trigger = Mention(tok.text, tok.idx, tok.idx + len(tok.text))
                    work.candidates.append(
                        Candidate(
                            type=entry.type,
                            mode=mode,
                            trigger=trigger,
                            sentence=evidence,
                            token_i=tok.i,
                            lexicon_key=entry.lemma,
                            confidence=entry.confidence,
                            trace=[entry_decision(entry, mode, tok, trigger)] if explain else None,
                        )
                    )
            rule = self.lexicon.obligation
            if rule is None:
                continue  # the lexicon has no obligation rule: nothing more to find
            for tok in _obligation_heads(sent, self.lexicon):
                trigger = Mention(tok.text, tok.idx, tok.idx + len(tok.text))
                work.candidates.append(
                    Candidate(
                        type=rule.type,
                        mode=None,
                        trigger=trigger,
                        sentence=evidence,
                        token_i=tok.i,
                        lexicon_key=f"{tok.lemma_.lower()} ... must",
                        confidence=rule.confidence,
                        trace=[
                            Decision(
                                "type",
                                "trigger lexicon: obligation rule",
                                (
                                    f"'{tok.lemma_.lower()}' with a must-clause on another party gives "
                                    f"{rule.type}"
                                ),
                                (trigger,),
                            )
                        ]
                        if explain
                        else None,
                    )
                )
        return work


# the conditions a lexicon entry may set, as the trace names them
_CONDITIONS = (
    "particle",
    "objects",
    "object_class",
    "subject_class",
    "not_subject_class",
    "prep_object",
    "intransitive",
    "complement",
    "not_objects",
    "not_complement",
)


def entry_decision(entry: TriggerEntry, mode: str | None, tok: Token, trigger: Mention) -> Decision:
    """The type decision of a trigger word: the lexicon entry that fired and the
    conditions it checked (data/lexicons/triggers.yaml)."""
    checked = [name for name in _CONDITIONS if getattr(entry, name)]
    part = "noun" if tok.pos_ in ("NOUN", "PROPN") else "verb"
    reason = (
        f"{part} entry '{entry.lemma}' gives {entry.type}"
        + (f" ({mode})" if mode else "")
        + (f"; its conditions held: {', '.join(checked)}" if checked else "")
    )
    return Decision("type", "trigger lexicon", reason, (trigger,), rule=f"triggers.yaml {entry.where}")
