"""Is this place name where the event happened? A small logistic model over hand-built
features of a (trigger word, place name) pair in one sentence.

The weights live in data/gazetteer/attach_model.json, fitted by ``flashpoint.geo.train``
on the event_location sentences of Halterman (2019, MIT licence).
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

from ..errors import DataFileError
from ..work import Toponym
from .fold import DATA_DIR
from .tokens import _word_sets

MODEL_FILE = DATA_DIR / "attach_model.json"
_PREP_GROUPS = {"in": "in", "at": "at", "near": "near", "outside": "near", "around": "near",
                "inside": "in", "within": "in", "throughout": "in", "across": "in", "of": "of",
                "from": "from", "to": "to", "into": "to", "towards": "to", "toward": "to",
                "on": "on", "off": "near", "along": "near", "over": "on", "nearby": "near"}
FEATURES = (
    "bias", "prep_in", "prep_at", "prep_near", "prep_of", "prep_from", "prep_to", "prep_on",
    "prep_other", "prep_none", "after_trigger", "log_distance", "head_is_trigger",
    "trigger_ancestor", "verbs_between", "speech_governor", "kind_country", "kind_region",
    "kind_city", "kind_admin", "kind_local", "subject", "modifier", "nearest", "n_candidates",
    "in_parentheses", "same_clause", "governor_is_noun", "sentence_initial",
)


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


def pair_features(t: Toponym, trigger_start: int, prep: str | None, doc: Any,
                  others: list[Toponym], text: str, sentence_start: int) -> list[float]:
    """The feature vector, in the order of FEATURES."""
    f = dict.fromkeys(FEATURES, 0.0)
    f["bias"] = 1.0
    group = _PREP_GROUPS.get(prep or "", "other" if prep else "none")
    f[f"prep_{group}"] = 1.0
    f["after_trigger"] = float(t.start > trigger_start)
    f["log_distance"] = math.log1p(abs(t.start - trigger_start)) / 5.0
    kind = "local" if t.place is None else (
        "country" if t.place.kind == "country" else "region" if t.place.kind == "region"
        else "city" if t.place.kind == "city" else "admin")
    f[f"kind_{kind}"] = 1.0
    dists = sorted(abs(o.start - trigger_start) for o in others)
    f["nearest"] = float(bool(dists) and abs(t.start - trigger_start) <= dists[0])
    f["n_candidates"] = min(len(others), 5) / 5.0
    before = text[max(sentence_start, t.start - 60):t.start]
    f["in_parentheses"] = float(before.rfind("(") > before.rfind(")"))
    f["sentence_initial"] = float(t.start - sentence_start < 3)
    trig = _token_at(doc, trigger_start)
    tok = _token_at(doc, t.start)
    if trig is not None and tok is not None:
        head = tok
        while head.head.i != head.i and head.head.i in range(tok.i, tok.i + 6) and \
                head.head.idx < t.end:
            head = head.head  # the last word of a multi-word name carries its links
        p = _governing_prep(head)
        gov = p.head if p is not None else head.head
        f["head_is_trigger"] = float(gov.i == trig.i)
        f["trigger_ancestor"] = float(any(a.i == trig.i for a in head.ancestors))
        f["governor_is_noun"] = float(gov.pos_ in ("NOUN", "PROPN"))
        lo, hi = sorted((trig.i, head.i))
        f["verbs_between"] = min(3, sum(1 for x in doc[lo + 1:hi] if x.pos_ == "VERB")) / 3.0
        verb = _clause_verb(head)
        trig_verb = _clause_verb(trig)
        f["same_clause"] = float(verb is not None and (verb.i == trig.i or (
            trig_verb is not None and verb.i == trig_verb.i)))
        f["speech_governor"] = float(verb is not None and verb.i != trig.i
                                     and verb.lemma_.lower() in _speech_lemmas())
        f["subject"] = float(head.dep_ in ("nsubj", "nsubjpass"))
        f["modifier"] = float(head.dep_ in ("compound", "amod", "poss", "nmod"))
    return [f[name] for name in FEATURES]


@lru_cache(maxsize=1)
def _speech_lemmas() -> frozenset[str]:
    return frozenset(_word_sets()["speech"]) | {"say", "tell", "add", "state", "announce", "report"}


@lru_cache(maxsize=1)
def load_model() -> tuple[list[float], float] | None:
    """(weights, threshold) or None when no model file ships."""
    if not MODEL_FILE.exists():
        return None
    try:
        data = json.loads(MODEL_FILE.read_text("utf-8"))
        weights = [float(data["weights"][name]) for name in FEATURES]
        return weights, float(data["threshold"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(f"{MODEL_FILE.name} cannot be read: {exc}") from exc


def probability(features: list[float], weights: list[float]) -> float:
    z = sum(w * x for w, x in zip(weights, features))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
