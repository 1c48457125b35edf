"""Which place name of a sentence is where the event happened? A choice model: every
candidate name, and the option "the sentence names no place of this event", gets a
score from sparse features of the (trigger word, name) pair; the best option wins.

The weights live in data/gazetteer/attach_model.json, fitted by ``flashpoint.evaluate.train_attach``
on the event_location sentences of Halterman (2019, MIT licence).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import DataFileError
from ..work import Toponym
from .fold import DATA_DIR
from .tokens import word_sets

MODEL_FILE = DATA_DIR / "attach_model.json"
_PREP_GROUPS = {
    "in": "in",
    "at": "at",
    "near": "near",
    "outside": "near",
    "around": "near",
    "inside": "in",
    "within": "in",
    "throughout": "in",
    "across": "in",
    "of": "of",
    "from": "from",
    "to": "to",
    "into": "to",
    "towards": "to",
    "toward": "to",
    "on": "on",
    "off": "near",
    "along": "near",
    "over": "on",
    "nearby": "near",
}
# the dense part of the features; the sparse part is named "<what>=<value>"
FEATURES = (
    "bias",
    "prep_in",
    "prep_at",
    "prep_near",
    "prep_of",
    "prep_from",
    "prep_to",
    "prep_on",
    "prep_other",
    "prep_none",
    "after_trigger",
    "log_distance",
    "head_is_trigger",
    "trigger_ancestor",
    "verbs_between",
    "speech_governor",
    "kind_country",
    "kind_region",
    "kind_city",
    "kind_admin",
    "kind_local",
    "subject",
    "modifier",
    "nearest",
    "n_candidates",
    "in_parentheses",
    "same_clause",
    "governor_is_noun",
    "sentence_initial",
)
_PATH_UP, _PATH_DOWN = 4, 3  # dependency path steps kept: longer paths are too rare to learn


@dataclass(frozen=True)
class AttachModel:
    """Weights of the choice model and the extra score of the 'no place' option, which
    trades precision for recall (tuned on the fitted sentences)."""

    weights: dict[str, float]
    none_offset: float

    def score(self, features: dict[str, float]) -> float:
        w = self.weights
        return sum(w.get(name, 0.0) * value for name, value in features.items())

    def none_score(self, trigger_start: int, doc: Any, n_candidates: int) -> float:
        return self.score(none_features(trigger_start, doc, n_candidates)) + self.none_offset


def _token_at(doc: Any, char: int) -> Any | None:
    if doc is None:
        return None
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _governing_prep(tok: Any) -> Any | None:
    """The preposition a name hangs from: 'in' for 'in the city of Nablus' (pobj chains)."""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "pobj" and cur.head.pos_ == "ADP":
            return cur.head
        if cur.dep_ in ("compound", "appos", "conj", "pobj", "nmod", "amod") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


def _clause_verb(tok: Any) -> Any | None:
    cur = tok
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") and cur.i != tok.i:
            return cur
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
    return None


def _name_head(doc: Any, t: Toponym) -> Any | None:
    """The last word of a multi-word name, which carries its links in the parse."""
    tok = _token_at(doc, t.start)
    if tok is None:
        return None
    head = tok
    while head.head.i != head.i and head.head.i in range(tok.i, tok.i + 6) and head.head.idx < t.end:
        head = head.head
    return head


def _dependency_path(a: Any, b: Any) -> str | None:
    """Labels from ``a`` up to the lowest common ancestor, then down to ``b``."""
    up = [a, *a.ancestors]
    down = [b, *b.ancestors]
    at = {x.i: k for k, x in enumerate(down)}
    for k, x in enumerate(up):
        if x.i in at:
            return (
                "^".join(y.dep_ for y in up[:k][:_PATH_UP])
                + ">"
                + "v".join(y.dep_ for y in down[: at[x.i]][:_PATH_DOWN])
            )
    return None


def pair_features(
    t: Toponym,
    trigger_start: int,
    prep: str | None,
    doc: Any,
    others: list[Toponym],
    text: str,
    sentence_start: int,
) -> dict[str, float]:
    """Features of one (trigger, name) pair; zero-valued ones are left out."""
    f: dict[str, float] = {"bias": 1.0}
    group = _PREP_GROUPS.get(prep or "", "other" if prep else "none")
    f[f"prep_{group}"] = 1.0
    f["prepw=" + (prep or "-")] = 1.0
    f["after_trigger"] = float(t.start > trigger_start)
    f["log_distance"] = math.log1p(abs(t.start - trigger_start)) / 5.0
    kind = "local" if t.place is None else t.place.kind
    f["kind_" + (kind if kind in ("country", "region", "city", "local") else "admin")] = 1.0
    f[f"kindprep={kind}|{prep or '-'}"] = 1.0
    dists = sorted(abs(o.start - trigger_start) for o in others)
    f["nearest"] = float(bool(dists) and abs(t.start - trigger_start) <= dists[0])
    f["n_candidates"] = min(len(others), 5) / 5.0
    before = text[max(sentence_start, t.start - 60) : t.start]
    f["in_parentheses"] = float(before.rfind("(") > before.rfind(")"))
    f["sentence_initial"] = float(t.start - sentence_start < 3)
    trig = _token_at(doc, trigger_start)
    head = _name_head(doc, t) if trig is not None else None
    if trig is not None and head is not None:
        _syntax_features(f, t, trig, head, doc)
    return {k: v for k, v in f.items() if v}


def _syntax_features(f: dict[str, float], t: Toponym, trig: Any, head: Any, doc: Any) -> None:
    p = _governing_prep(head)
    gov = p.head if p is not None else head.head
    f["head_is_trigger"] = float(gov.i == trig.i)
    f["trigger_ancestor"] = float(any(a.i == trig.i for a in head.ancestors))
    f["governor_is_noun"] = float(gov.pos_ in ("NOUN", "PROPN"))
    f["gov=" + gov.lemma_.lower()] = 1.0
    f["govpos=" + gov.pos_] = 1.0
    lo, hi = sorted((trig.i, head.i))
    f["verbs_between"] = min(3, sum(1 for x in doc[lo + 1 : hi] if x.pos_ == "VERB")) / 3.0
    verb = _clause_verb(head)
    trig_verb = _clause_verb(trig)
    f["same_clause"] = float(
        verb is not None and (verb.i == trig.i or (trig_verb is not None and verb.i == trig_verb.i))
    )
    f["speech_governor"] = float(
        verb is not None and verb.i != trig.i and verb.lemma_.lower() in _speech_lemmas()
    )
    f["subject"] = float(head.dep_ in ("nsubj", "nsubjpass"))
    f["modifier"] = float(head.dep_ in ("compound", "amod", "poss", "nmod"))
    f["dep=" + head.dep_] = 1.0
    f["trig=" + trig.lemma_.lower()] = 1.0
    f["trigdep=" + trig.dep_] = 1.0
    first = _token_at(doc, t.start) or head
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and prev.lower_ in ("the", "a"):
        prev = doc[prev.i - 1] if prev.i > 0 else None
    f["prev=" + (prev.lower_ if prev is not None else "^")] = 1.0
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    # a following proper noun is part of another name: its spelling teaches nothing general
    f["next=" + ("$" if nxt is None else "PROPN" if nxt.pos_ == "PROPN" else nxt.lemma_.lower())] = 1.0
    f["ent=" + (head.ent_type_ or "-")] = 1.0
    path = _dependency_path(head, trig)
    if path is not None:
        f["path=" + path] = 1.0


def none_features(trigger_start: int, doc: Any, n_candidates: int) -> dict[str, float]:
    """Features of the option 'this sentence names no place of the event'."""
    f = {"none_bias": 1.0, f"none_n={min(n_candidates, 4)}": 1.0}
    trig = _token_at(doc, trigger_start)
    if trig is not None:
        f["none_trig=" + trig.lemma_.lower()] = 1.0
        f["none_trigdep=" + trig.dep_] = 1.0
    return f


@lru_cache(maxsize=1)
def _speech_lemmas() -> frozenset[str]:
    return frozenset(word_sets()["speech"]) | {"say", "tell", "add", "state", "announce", "report"}


@lru_cache(maxsize=1)
def load_model() -> AttachModel | None:
    """The fitted model, or None when no model file ships."""
    if not MODEL_FILE.exists():
        return None
    try:
        data = json.loads(MODEL_FILE.read_text("utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return AttachModel(weights, float(data["none_offset"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DataFileError(f"{MODEL_FILE.name} cannot be read: {exc}") from exc
