"""Rule out triggers that do not report a new, real event: negated, hypothetical,
conditional, future, the content of a request or plan, or the distant past."""
from __future__ import annotations

from spacy.tokens import Token

from ..registry import register_stage
from ..work import Candidate, Work
from . import syntax
from .lexicon import ModalityLexicon, load_modality

# Clause links through which a trigger's status is inherited from its head.
INHERITING_DEPS = frozenset({"conj"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "pcomp", "relcl"})


def _negated(tok: Token, lex: ModalityLexicon) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det", "preconj") and c.lower_ in lex.negators):
            return True
        # "no one was killed", "nobody was hurt"
        if c.dep_ in ("nsubj", "nsubjpass") and (
                c.lower_ in ("nobody", "none", "nothing", "noone")
                or any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)):
            return True
    return False


def _modal(tok: Token, lex: ModalityLexicon) -> str | None:
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass"):
            word = c.lower_
            if word in lex.hypothetical:
                return "hypothetical"
            if word in lex.future:
                return "future"
        if c.dep_ == "mark" and c.lower_ in lex.conditional_marks:
            return "conditional"
    # "is going to protest", "are to rally"
    if tok.dep_ == "xcomp" and tok.head.lemma_ == "go" and tok.head.tag_ == "VBG":
        return "future"
    return None


def _is_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) or tok.tag_ == "VB"


def _embedded_reason(tok: Token, lex: ModalityLexicon) -> str | None:
    """Why the clause of ``tok`` is the content of another predicate, if it is."""
    head = tok.head
    if tok.dep_ in ("xcomp", "ccomp"):
        lemma = head.lemma_.lower()
        if lemma in lex.aspectual_heads:
            return None
        if lemma in lex.content_heads:
            return f"content of '{head.text}'"
        if tok.dep_ == "xcomp" and _is_infinitive(tok) and head.pos_ in ("ADJ", "NOUN"):
            return f"content of '{head.text}'"
    if tok.dep_ in ("advcl", "acl", "relcl") and _is_infinitive(tok) and tok.tag_ == "VB":
        return "purpose or plan"
    if tok.dep_ == "pcomp" and head.lower_ in ("from", "of") and head.head.lemma_.lower() in lex.content_heads:
        return f"content of '{head.head.text}'"
    return None


def rule_out_reason(tok: Token, lex: ModalityLexicon) -> str | None:
    """The first reason the trigger token is not a real, new event, or None."""
    t = tok
    if t.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "det" and c.lower_ in lex.negators for c in t.children):
            return "negated"
        t = syntax.clause_verb(t)
    for _ in range(5):
        if _negated(t, lex):
            return "negated"
        modal = _modal(t, lex)
        if modal:
            return modal
        embedded = _embedded_reason(t, lex)
        if embedded:
            return embedded
        if t.dep_ in INHERITING_DEPS and t.head is not t:
            t = t.head
            continue
        break
    return None


@register_stage("modality")
class ModalityStage:
    """Reads: work.doc, work.candidates (token_i, past_days).
    Writes: candidate.dropped with the reason for each trigger that is not a real, new event.
    """

    def __init__(self) -> None:
        self.lexicon = load_modality()

    def __call__(self, work: Work) -> Work:
        for cand in work.candidates:
            if cand.dropped or cand.token_i is None:
                continue
            cand.dropped = rule_out_reason(work.doc[cand.token_i], self.lexicon)
            if cand.dropped is None and cand.past_days is not None \
                    and cand.past_days > self.lexicon.distant_past_days:
                cand.dropped = "distant past"
        return work


def kept(candidates: list[Candidate]) -> list[Candidate]:
    return [c for c in candidates if not c.dropped]
