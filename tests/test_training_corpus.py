"""The project's event-coding corpus (data/training): well-formed, broad, balanced, and
written in our own words (no run of six words shared with an evaluation text, beyond
stock phrases that several of them use)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from flashpoint.ontology import load_ontology

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "training" / "corpus"
SHARED = ROOT.parent / "shared" / "data"
KEYS = {"text", "plover", "mode", "acled_type", "acled_sub", "negative", "register", "country", "template"}
NEGATIVE_KINDS = {
    "sports",
    "metaphor",
    "anniversary",
    "hypothetical",
    "disaster",
    "crime",
    "health",
    "election",
    "old_event",
    "economy",
    "other",
}
REGISTERS = {"wire", "local", "bulletin", "monitor", "police", "social", "note"}
MIN_PER_CLASS = 150
WORD = re.compile(r"[a-z0-9]+")


def _records() -> list[tuple[str, int, dict]]:
    out = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((path.name, n, json.loads(line)))
    return out


RECORDS = _records()


def test_every_record_has_the_documented_fields_and_valid_labels():
    onto = load_ontology()
    sub_type = {s: t for t, subs in onto.acled_types.items() for s in subs}
    bad = []
    for name, n, r in RECORDS:
        where = f"{name}:{n}"
        if set(r) != KEYS:
            bad.append(f"{where}: keys {sorted(set(r) ^ KEYS)}")
            continue
        if r["plover"] is None:
            if r["negative"] not in NEGATIVE_KINDS or r["acled_sub"] or r["mode"]:
                bad.append(f"{where}: a no-event record needs a negative kind and no labels")
            continue
        if r["plover"] not in onto.types:
            bad.append(f"{where}: PLOVER type {r['plover']!r}")
        elif r["mode"] is not None and r["mode"] not in onto.types[r["plover"]]["modes"]:
            bad.append(f"{where}: mode {r['mode']!r} of {r['plover']}")
        if r["negative"] is not None:
            bad.append(f"{where}: an event record with a negative kind")
        if (r["acled_sub"] is None) != (r["acled_type"] is None):
            bad.append(f"{where}: ACLED type and sub-event type must both be set or both null")
        elif r["acled_sub"] is not None and sub_type.get(r["acled_sub"]) != r["acled_type"]:
            bad.append(f"{where}: {r['acled_sub']!r} is not a sub-event of {r['acled_type']!r}")
        if r["register"] not in REGISTERS:
            bad.append(f"{where}: register {r['register']!r}")
    assert not bad, "\n".join(bad[:30])


def test_the_corpus_is_large_and_every_class_has_enough_examples():
    onto = load_ontology()
    assert len(RECORDS) >= 6000
    subs = Counter(r["acled_sub"] for *_, r in RECORDS if r["acled_sub"])
    plover = Counter(r["plover"] or "NONE" for *_, r in RECORDS)
    short = {s: subs[s] for t in onto.acled_types.values() for s in t if subs[s] < MIN_PER_CLASS}
    short.update({t: plover[t] for t in [*onto.types, "NONE"] if plover[t] < MIN_PER_CLASS})
    assert not short, f"classes under {MIN_PER_CLASS} examples: {short}"


def test_the_corpus_is_broad_free_text_of_news_length():
    texts = [r["text"] for *_, r in RECORDS]
    assert len(set(texts)) == len(texts), "duplicate passages"
    countries = {r["country"] for *_, r in RECORDS if r["country"]}
    assert len(countries) >= 60
    assert {r["register"] for *_, r in RECORDS} == REGISTERS
    negatives = Counter(r["negative"] for *_, r in RECORDS if r["negative"])
    assert set(negatives) >= NEGATIVE_KINDS - {"other"}
    templated = sum(1 for *_, r in RECORDS if r["template"])
    assert templated <= 0.2 * len(RECORDS)
    lengths = [len(t.split()) for t in texts]
    assert sum(8 <= n <= 80 for n in lengths) >= 0.97 * len(lengths)
    passages = sum(1 for t in texts if len(re.findall(r"[.!?][\"”']?\s+[A-Z\"“']", t)) >= 1)
    assert passages >= 0.08 * len(texts), "too few passages of several sentences"


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _shared_texts():
    """Every line of every file in ../shared/data: a record, or a row of a CSV."""
    for path in sorted(SHARED.rglob("*")):
        if path.suffix in (".jsonl", ".csv"):
            yield from path.read_text(encoding="utf-8", errors="replace").splitlines()


# Six-word runs such as "the military said in a statement" or "the armed forces of the
# Philippines" are stock phrases and names any two writers share. A passage taken from
# an evaluation text would share a longer run: nine words or more is flagged.
GRAM = 6
LONGEST_ALLOWED = 8


@pytest.mark.skipif(not SHARED.exists(), reason="no ../shared/data beside the checkout")
def test_no_passage_shares_more_than_a_stock_phrase_with_an_evaluation_text():
    where: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for k, (_, _, r) in enumerate(RECORDS):
        words = _words(r["text"])
        for i in range(len(words) - GRAM + 1):
            where.setdefault(tuple(words[i : i + GRAM]), []).append((k, i))
    flagged = {}
    for line in _shared_texts():
        words = _words(line)
        hits: dict[int, set[int]] = {}
        for i in range(len(words) - GRAM + 1):
            for k, pos in where.get(tuple(words[i : i + GRAM]), ()):
                hits.setdefault(k, set()).add(pos)
        for k, positions in hits.items():
            longest = max(_run(positions, p) for p in positions) + GRAM - 1
            if longest > LONGEST_ALLOWED:
                name, n, r = RECORDS[k]
                flagged[f"{name}:{n}"] = r["text"][:100]
    assert not flagged, f"passages sharing a run of more than {LONGEST_ALLOWED} words: {flagged}"


def _run(positions: set[int], start: int) -> int:
    if start - 1 in positions:
        return 0
    n = 1
    while start + n in positions:
        n += 1
    return n
