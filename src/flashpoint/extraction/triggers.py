"""Find event triggers: verbs and event nouns from the trigger lexicon."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..models import Mention
from ..registry import register_stage
from ..work import Candidate, Work
from . import syntax
from .lexicon import TriggerEntry, TriggerLexicon, load_triggers

VERB_TAGS = frozenset({"VERB"})


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


def _verb_entry_fires(tok: Token, entry: TriggerEntry, lex: TriggerLexicon) -> tuple[bool, str | None]:
    """Whether ``entry`` fires on verb ``tok``; returns the mode to use."""
    mode = entry.mode
    if entry.particle:
        present = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "advmod", "acomp")}
        if not present & entry.particle:
            return False, None
    objs = syntax.objects(tok)
    if entry.intransitive and any(c.dep_ in syntax.OBJECT_DEPS for c in tok.children):
        return False, None
    if entry.objects is not None:
        hit = None
        for o in objs:
            keys = syntax.noun_keys(o)
            for key in keys:
                if key in entry.objects:
                    hit = key
                    break
            if hit:
                break
        if hit is None:
            return False, None
        mode = entry.objects[hit] or mode
    if entry.object_class:
        candidates = objs + syntax.prep_objects(tok, ("at", "on", "into", "against"))
        if not syntax.in_class(candidates, lex.classes[entry.object_class]):
            return False, None
    if entry.subject_class:
        subj = syntax.subjects(tok)
        if not subj and syntax.is_passive(tok):
            subj = syntax.prep_objects(tok, ("by",))
        if not syntax.in_class(subj, lex.classes[entry.subject_class]):
            return False, None
    if entry.complement:
        # "ordered its army to advance", "ordered troops to the border"
        comps = {c.lemma_.lower() for c in tok.children
                 if c.dep_ in ("xcomp", "ccomp", "prep", "oprd", "acomp", "advcl", "dobj")}
        comps |= {c.lower_ for c in tok.children if c.dep_ in ("oprd", "acomp", "xcomp")}
        if not comps & entry.complement:
            return False, None
    if entry.prep_object:
        ok = False
        for prep, words in entry.prep_object.items():
            for o in syntax.prep_objects(tok, (prep,)):
                if syntax.noun_keys(o) & words:
                    ok = True
        if not ok:
            return False, None
    return True, mode


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
    if tok.dep_ == "conj":
        return _noun_is_happening(tok.head, lex)
    return False


def _matches_for(tok: Token, lex: TriggerLexicon) -> list[tuple[TriggerEntry, str | None]]:
    lemma = tok.lemma_.lower()
    if tok.pos_ in VERB_TAGS or (tok.tag_ in ("VBN", "VBD") and tok.pos_ == "ADJ"):
        out = []
        entries = lex.verbs.get(lemma) or next(
            (lex.verbs[f] for f in syntax.lemma_forms(tok) if f in lex.verbs), ())
        for entry in entries:
            fires, mode = _verb_entry_fires(tok, entry, lex)
            if fires:
                out.append((entry, mode))
                break
        return out
    if tok.pos_ in ("NOUN", "PROPN"):
        entries = lex.nouns.get(lemma, ())
        if not entries:
            compound = " ".join(c.lower_ for c in tok.lefts if c.dep_ == "compound")
            entries = lex.nouns.get(f"{compound} {lemma}", ()) if compound else ()
        if entries and _noun_is_happening(tok, lex):
            return [(entries[0], entries[0].mode)]
    return []


@register_stage("triggers")
class TriggerStage:
    """Reads: work.doc (parsed spaCy Doc).
    Writes: work.candidates, one per trigger word, with sentence and trigger offsets.
    """

    def __init__(self) -> None:
        self.lexicon = load_triggers()

    def __call__(self, work: Work) -> Work:
        for sent in work.doc.sents:
            evidence = sentence_mention(work, sent)
            if len(evidence.text) < 3:
                continue
            for tok in sent:
                for entry, mode in _matches_for(tok, self.lexicon):
                    work.candidates.append(Candidate(
                        type=entry.type, mode=mode,
                        trigger=Mention(tok.text, tok.idx, tok.idx + len(tok.text)),
                        sentence=evidence, token_i=tok.i, lexicon_key=entry.lemma,
                        confidence=entry.confidence))
        return work
