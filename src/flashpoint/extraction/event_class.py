"""The trained classifier's stage: the event class of each sentence.

The trigger words say where an act is told; the classifier, trained on the project's
own corpus (``data/training``), says what kind of act the sentence reports, or that it
reports none. Its calibrated probabilities become the events' confidence, decide the
type where the trigger lexicon and the classifier disagree strongly, drop the events
of sentences it is sure report nothing, and add an event where a sentence clearly
reports one that no trigger word caught. The ACLED sub-event type is chosen later,
by the ontology stage, from the same probabilities (classify.decide).
"""

from __future__ import annotations

from typing import Any

from ..classify.decide import Policy, load_policy
from ..classify.locations import load_model
from ..classify.model import NONE
from ..models import Mention
from ..ontology import Ontology, load_ontology
from ..registry import register_stage
from ..trace import Decision
from ..work import Candidate, Work
from .triggers import sentence_mention

HEADS = ("plover", "acled")
# Sentences shorter than this say too little to be classified alone ("Reuters", "Kyiv").
MIN_WORDS = 4


def _anchor(sent: Any, stative: frozenset[str]) -> Any:
    """The word an event found by the classifier hangs on: the sentence's main verb, or
    its first verb when the root is not one. A main verb of ``stative`` ('many had a
    sense of deja vu') tells no act: the verb of its adverbial clause that has a subject
    of its own ('When Vucic announced ...') does, or the to-clause of its adjective ('is
    ready to take')."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return next((t for t in sent if t.pos_ == "VERB"), root)
    if root.lemma_.lower() in stative:
        for clause in root.children:
            if clause.dep_ == "advcl" and clause.pos_ == "VERB" and _has_subject(clause):
                return clause
        # 'KFOR is ready to take all necessary actions': the act is the adjective's
        # to-clause, which the modality stage then reads as a stated readiness
        for adj in root.children:
            if adj.dep_ == "acomp":
                act = next((c for c in adj.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
                if act is not None:
                    return act
    return root


def _has_subject(verb: Any) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


class SentenceClasses:
    """Per head, the probabilities of every sentence, from the first model that has
    that head (a user's model may bring only the ACLED head)."""

    def __init__(self, model: str | None) -> None:
        models = [load_model(model)] if model else []
        models.append(load_model(None))
        self.by_head = {h: next(m for m in models if h in m.heads) for h in HEADS}
        self.rule_confusion = self.by_head["acled"].rule_confusion

    def __call__(self, texts: list[str]) -> list[dict[str, dict[str, float]]]:
        out: list[dict[str, dict[str, float]]] = [{} for _ in texts]
        done: dict[int, list[dict[str, dict[str, float]]]] = {}
        for head, model in self.by_head.items():
            if id(model) not in done:
                done[id(model)] = model.predict(texts)
            for i, probs in enumerate(done[id(model)]):
                out[i][head] = probs[head]
        return out


@register_stage("classify")
class ClassifyStage:
    """Reads: work.doc sentences, work.candidates (type, sentence).
    Writes: candidate.class_probs, confidence and (where the classifier is sure) type;
    work.rule_confusion;
    candidate.dropped for sentences it is sure report nothing; new candidates for
    sentences that clearly report an event no trigger found.
    ``model`` names the event model (None: the shipped one); the thresholds are those of
    ``policy`` (data/classifier.yaml by default) and the types those of ``ontology``.
    """

    def __init__(
        self, model: str | None = None, policy: Policy | None = None, ontology: Ontology | None = None
    ) -> None:
        self.classes = SentenceClasses(model)
        self.policy = policy if policy is not None else load_policy()
        self.types = (ontology if ontology is not None else load_ontology()).types

    def __call__(self, work: Work) -> Work:
        work.rule_confusion = self.classes.rule_confusion
        sents = [s for s in work.doc.sents if sum(not t.is_punct for t in s) >= MIN_WORDS]
        if not sents:
            return work
        mentions = [sentence_mention(work, s) for s in sents]
        probs = self.classes([m.text for m in mentions])
        by_start: dict[int, list[Candidate]] = {}
        for cand in work.candidates:
            by_start.setdefault(cand.sentence.start, []).append(cand)
        for sent, mention, p in zip(sents, mentions, probs):
            cands = by_start.get(mention.start, [])
            if cands:
                self._judge(cands, p)
            else:
                self._add(work, sent, mention, p)
        return work

    def _judge(self, cands: list[Candidate], p: dict[str, dict[str, float]]) -> None:
        plover = p["plover"]
        none = plover.get(NONE, 0.0)
        # The classifier speaks for the sentence's main act: when another trigger of the
        # sentence already carries the type it reads, the others are further acts
        # ("ordered its army to the border and urged NATO to stop ...") and keep theirs.
        present = {c.type for c in cands if not c.dropped}
        for cand in cands:
            cand.class_probs = p
            if cand.dropped:
                continue
            if none >= self.policy.veto:
                cand.dropped = f"classifier: no event (p={none:.2f})"
                if cand.trace is not None:
                    cand.trace.append(self._decision("vetoed", cand, plover))
                continue
            new_type = self.policy.retype(cand.type, plover)
            was = cand.type
            if new_type is not None and new_type not in present:
                if cand.mode not in self.types[new_type]["modes"]:
                    cand.mode = None
                cand.type = new_type
            cand.confidence = plover.get(cand.type, 0.0)
            if cand.trace is not None:
                branch = "retyped" if cand.type != was else "kept"
                cand.trace.append(self._decision(branch, cand, plover, was, new_type))

    def _decision(
        self,
        branch: str,
        cand: Candidate,
        plover: dict[str, float],
        was: str | None = None,
        read: str | None = None,
    ) -> Decision:
        """The policy branch (classify/decide.py, data/classifier.yaml) the classifier's
        probabilities took for ``cand``."""
        top = sorted(plover.items(), key=lambda kv: -kv[1])[:3]
        probs = ", ".join(f"{k} {v:.2f}" for k, v in top)
        p = self.policy
        if branch == "vetoed":
            why = f"p(no event) {plover.get(NONE, 0.0):.2f} >= veto {p.veto}: dropped"
        elif branch == "retyped":
            why = (
                f"p({was}) {plover.get(was or '', 0.0):.2f} < retype_from {p.retype_from} and "
                f"p({cand.type}) {plover[cand.type]:.2f} >= retype_to {p.retype_to}: "
                f"{was} -> {cand.type}"
            )
        elif branch == "new":
            why = (
                f"no trigger in the sentence; {self._new_reason(cand, plover)}: new event anchored on its "
                "main verb, or on the act of its adverbial clause when the main verb tells no act "
                "(data/classifier.yaml stative_roots)"
            )
        elif read is not None:
            why = (
                f"kept {cand.type}: the classifier reads {read}, which another trigger of "
                "the sentence already carries"
            )
        else:
            why = (
                f"kept {cand.type}: p(no event) {plover.get(NONE, 0.0):.2f} < veto {p.veto}, "
                "and no class passed the retype thresholds"
            )
        return Decision(
            "type",
            f"event classifier, policy: {branch}",
            f"{why} (top classes: {probs})",
            (cand.trigger, cand.sentence),
        )

    def _new_reason(self, cand: Candidate, plover: dict[str, float]) -> str:
        """Which head's sureness added ``cand`` (Policy.new_type)."""
        p = self.policy
        if plover[cand.type] >= p.new_event:
            return f"p({cand.type}) {plover[cand.type]:.2f} >= new_event {p.new_event}"
        acled = (cand.class_probs or {}).get("acled", {})
        sub = max(acled, key=acled.__getitem__)
        return (
            f"p({cand.type}) {plover[cand.type]:.2f} < new_event {p.new_event}, but the ACLED head's "
            f"p({sub}) {acled[sub]:.2f} >= new_event_acled {p.new_event_acled}, and {cand.type} is "
            "the likeliest type that may take it"
        )

    def _add(self, work: Work, sent: Any, mention: Mention, p: dict[str, dict[str, float]]) -> None:
        found = self.policy.new_type(p)
        if found is None:
            return
        top, confidence = found
        tok = _anchor(sent, self.policy.stative_roots)
        cand = Candidate(
            type=top,
            mode=None,
            trigger=Mention(tok.text, tok.idx, tok.idx + len(tok.text)),
            sentence=mention,
            token_i=tok.i,
            lexicon_key="classifier",
            confidence=confidence,
            class_probs=p,
        )
        if work.explain:
            cand.trace = [self._decision("new", cand, p["plover"])]
        work.candidates.append(cand)
