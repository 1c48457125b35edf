"""Rule out triggers that do not report a new, real event: negated, hypothetical,
conditional, future, the content of a request or plan, the distant past, or violence
done by a natural cause."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..registry import register_stage
from ..trace import Decision
from ..work import Candidate, Work
from . import syntax
from .lexicon import ModalityLexicon, load_modality, natural_cause_words

# Clause links through which a trigger's status is inherited from its head.
INHERITING_DEPS = frozenset({"conj"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "pcomp", "relcl"})
# Links that keep a word inside the phrase or clause of its head: objects, prepositional
# phrases, modifiers and relative clauses ("justice for the man who was killed").
PHRASE_DEPS = frozenset(
    {
        "pobj",
        "prep",
        "dobj",
        "obj",
        "amod",
        "compound",
        "relcl",
        "acl",
        "pcomp",
        "poss",
        "appos",
        "nmod",
        "nsubjpass",
        "ccomp",
    }
)


def _negated(tok: Token, lex: ModalityLexicon) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det", "preconj") and c.lower_ in lex.negators):
            return True
        # "no one was killed", "nobody was hurt"
        if c.dep_ in ("nsubj", "nsubjpass") and (
            c.lower_ in ("nobody", "none", "nothing", "noone")
            or any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
        ):
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


def _embedded_reason(tok: Token, lex: ModalityLexicon, event_type: str | None = None) -> str | None:
    """Why the clause of ``tok`` is the content of another predicate, if it is."""
    head = tok.head
    if event_type in lex.attempted_acts and head.lemma_.lower() in lex.attempt_heads:
        return None
    if tok.dep_ in ("xcomp", "ccomp"):
        lemma = head.lemma_.lower()
        if lemma in lex.aspectual_heads:
            return None
        if tok.dep_ == "ccomp" and lemma in lex.speech_heads:
            return None
        if lemma in lex.content_heads or lemma in lex.intent_heads:
            return f"content of '{head.text}'"
        if tok.dep_ == "xcomp" and _is_infinitive(tok) and head.pos_ in ("ADJ", "NOUN"):
            return f"content of '{head.text}'"
    if tok.dep_ in ("advcl", "acl", "relcl") and _is_infinitive(tok) and tok.tag_ == "VB":
        # "banged pots to protest", "gathered to protest": the protest is the act itself
        if tok.dep_ == "advcl" and tok.lemma_.lower() in lex.protest_purposes:
            return None
        return "purpose or plan"
    if (
        tok.dep_ == "pcomp"
        and head.lower_ in ("from", "of")
        and head.head.lemma_.lower() in lex.content_heads
    ):
        return f"content of '{head.head.text}'"
    return None


def rule_out_reason(tok: Token, lex: ModalityLexicon, event_type: str | None = None) -> str | None:
    """The first reason the trigger token is not a real, new event, or None. An act of
    ``event_type`` that is only attempted may still be an event (lexicon attempted_acts)."""
    t = tok
    if t.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "det" and c.lower_ in lex.negators for c in t.children):
            return "negated"
        t = syntax.clause_verb(t)
    waited_for = None
    for _ in range(5):
        # 'did not stop until police arrived': the arrival is real though its head is negated
        if waited_for is None and _negated(t, lex):
            return "negated"
        reason = _modal(t, lex) or _embedded_reason(t, lex, event_type)
        if reason:
            return reason if waited_for is None else f"waits for '{waited_for}', which is {reason}"
        if t.dep_ in INHERITING_DEPS and t.head is not t:
            t = t.head
            continue
        if waited_for is None and t.dep_ == "advcl" and _marked(t, lex.pending_marks):
            # 'would stay on alert until the units are withdrawn': the clause is real only
            # if the act it is tied to is
            waited_for = t.head.text
            t = t.head
            continue
        break
    return None


def _marked(verb: Token, marks: frozenset[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in verb.children)


def natural_cause(tok: Token, causes: frozenset[str]) -> bool:
    """The act's doer is one of ``causes``: 'floods killed 12', 'killed by a landslide'."""
    verb = _clause(tok)
    doers = syntax.prep_objects(verb, ("by",)) if syntax.is_passive(verb) else syntax.subjects(verb)
    return any(d.lemma_.lower() in causes or d.lower_ in causes for d in doers)


def _clause(tok: Token) -> Token:
    return syntax.clause_verb(tok) if tok.pos_ in ("NOUN", "PROPN") else tok


def _has_condition(verb: Token, lex: ModalityLexicon) -> bool:
    return any(c.dep_ == "advcl" and _marked(c, lex.conditional_marks) for c in verb.children)


def is_intention(tok: Token, lex: ModalityLexicon) -> bool:
    """A stated plan: 'will withdraw', 'said it would allow', 'offered to negotiate'."""
    t = _clause(tok)
    for _ in range(3):
        auxes = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        if auxes & lex.future:
            return True
        if auxes & {"would"} and t.dep_ == "ccomp" and t.head.lemma_.lower() in lex.speech_heads:
            return True
        # "may halt mediation if cooperation founders": a conditional threat or promise
        if auxes & lex.conditional_intent_modals and not syntax.is_passive(t) and _has_condition(t, lex):
            return True
        if t.dep_ in ("xcomp", "ccomp") and t.head.lemma_.lower() in lex.intent_heads:
            return True
        if t.dep_ == "conj":
            t = t.head
            continue
        break
    return False


def reinterpret_intention(cand: Candidate, tok: Token, lex: ModalityLexicon) -> bool:
    """Re-code a planned action as the PLOVER event of stating it; True if it did."""
    if cand.type not in lex.intent_as or not is_intention(tok, lex):
        return False
    negated = _negated(_clause(tok), lex)
    if negated:
        cand.type, cand.mode = lex.refusal_type, None
    else:
        new = lex.intent_as[cand.type]
        cand.mode = lex.threaten_modes.get(cand.type) if new == "THREATEN" else None
        cand.type = new
    cand.dropped = None
    cand.confidence *= 0.8
    return True


def stated_on_publication(cand: Candidate, work: Work) -> None:
    """A planned act re-coded as the statement of it is dated when it was stated: the
    publication day, not the day the story named for the acts before it (dates stage),
    unless its own sentence names a day."""
    if cand.date_text is not None or work.pub_date is None:
        return
    cand.date, cand.date_precision = work.pub_date.isoformat(), "day"
    if cand.trace is not None:
        cand.trace.append(
            Decision(
                "date",
                "publication date",
                f"a stated intention, dated when it was stated: the publication date {work.pub_date}",
            )
        )


def _protest_anchors(cands: list[Candidate], doc: Doc, lex: ModalityLexicon) -> dict[int, bool]:
    """Token index of each protest trigger -> whether anything hanging on it counts (True),
    or only a prepositional phrase (False). The verb that stages a protest noun is an
    anchor too: the parser often hangs 'against the attack' on 'staged', not on 'rally'."""
    out: dict[int, bool] = {}
    for c in cands:
        if c.dropped or c.type not in lex.grievance_types or c.token_i is None:
            continue
        out[c.token_i] = True
        tok = doc[c.token_i]
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "obj", "nsubjpass"):
            out.setdefault(tok.head.i, False)
    return out


def grievance_head(tok: Token, lex: ModalityLexicon, anchors: dict[int, bool]) -> Token | None:
    """The protest or demand word whose phrase ``tok`` sits in, if any: 'a march over
    the beating', 'called for justice for a driver who was shot'. A verb coordinated with
    the protest ("marched and attacked a shop") is an act of its own and is not inside it."""
    t = tok
    for _ in range(8):
        if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN"):
            t = t.head
            continue
        own_act = (
            tok.dep_ == "relcl" and tok.head.i == t.i and not syntax.is_passive(tok)
        )  # "protesters who attacked"
        if t.dep_ == "nsubj" and t.i != tok.i and t.head.i in anchors and not own_act:
            # "relatives of a student who was killed staged a protest": the killing names
            # who protests, it is not this report's incident
            return t.head
        if t.dep_ not in PHRASE_DEPS or t.head is t:
            return None
        if t.dep_ == "relcl" and any(c.lower_ in ("where", "when") for c in t.children):
            return None  # "the town where police fired": the scene, not the cause
        head = t.head
        lemma = head.lemma_.lower()
        if lemma in lex.grievance_heads or (head.pos_ == "NOUN" and lemma in lex.grievance_nouns):
            return head
        if head.i in anchors:
            about = t.dep_ == "prep" and t.lower_ in lex.grievance_preps
            if about or (anchors[head.i] and t.dep_ != "prep"):
                return head
        t = head
    return None


def rule_out_grievances(cands: list[Candidate], doc: Doc, lex: ModalityLexicon) -> None:
    """Acts told only as the cause of a protest or demand are not events of this report."""
    anchors = _protest_anchors(cands, doc, lex)
    for cand in cands:
        if cand.dropped or cand.token_i is None or cand.type in lex.grievance_types:
            continue
        head = grievance_head(doc[cand.token_i], lex, anchors)
        if head is not None:
            cand.dropped = f"grievance of '{head.text}'"


@register_stage("modality")
class ModalityStage:
    """Reads: work.doc, work.pub_date, work.candidates (token_i, type, past_days, date_text).
    Writes: candidate.dropped with the reason for each trigger that is not a real, new
    event; a stated intention is re-coded instead (candidate.type, candidate.mode, and
    candidate.date: the publication day, when its sentence names none).
    ``lexicon`` holds the negators, modals and cues, data/lexicons/modality.yaml by default;
    the natural causes it names are a class of the trigger lexicon.
    """

    def __init__(self, lexicon: ModalityLexicon | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else load_modality()
        self.natural_causes = natural_cause_words(self.lexicon)

    def __call__(self, work: Work) -> Work:
        for cand in work.candidates:
            if cand.dropped or cand.token_i is None:
                continue
            tok = work.doc[cand.token_i]
            if cand.type in self.lexicon.done_by_people and natural_cause(tok, self.natural_causes):
                cand.dropped = "natural cause"
                continue
            cand.dropped = rule_out_reason(tok, self.lexicon, cand.type)
            if cand.dropped and cand.dropped != "distant past":
                if reinterpret_intention(cand, tok, self.lexicon):
                    stated_on_publication(cand, work)
            if (
                cand.dropped is None
                and cand.past_days is not None
                and cand.past_days > self.lexicon.distant_past_days
            ):
                cand.dropped = "distant past"
        rule_out_grievances(work.candidates, work.doc, self.lexicon)
        return work


def kept(candidates: list[Candidate]) -> list[Candidate]:
    return [c for c in candidates if not c.dropped]
