"""The project's labels over real news sentences (data/training/real_news): valid in the
corpus's label scheme, one per sentence, joined to the text they were made on, and never
over a sentence that an evaluation-only set also holds."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from flashpoint.ontology import load_ontology

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import real_news  # noqa: E402

NEGATIVE_KINDS = {
    "sports",
    "metaphor",
    "commemoration",
    "hypothetical",
    "disaster",
    "accident",
    "crime",
    "health",
    "election",
    "old_event",
    "background",
    "other",
}
EVALUATION_ONLY = ("acled", "conflibert_cameo", "indiapoliceevents")
WORD = re.compile(r"\w+")
RUN = 8


def _labels() -> list[tuple[str, int, dict]]:
    out = []
    for name in real_news.SOURCES:
        path = real_news.LABELS / name
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((name, n, json.loads(line)))
    return out


LABELS = _labels()
needs_shared = pytest.mark.skipif(
    not real_news.shared_available(), reason="../shared/data is not beside this checkout"
)


def test_every_label_is_valid_in_the_corpus_scheme():
    onto = load_ontology()
    subs = {s for group in onto.acled_types.values() for s in group}
    problems = []
    for name, n, row in LABELS:
        where = f"{name}:{n}"
        plover, mode, sub = row.get("plover"), row.get("mode"), row.get("acled_sub")
        if plover is not None and plover not in onto.types:
            problems.append(f"{where}: PLOVER type {plover!r}")
        if mode is not None and (plover is None or mode not in onto.modes(plover)):
            problems.append(f"{where}: mode {mode!r} for {plover!r}")
        if sub is not None and (sub not in subs or plover is None):
            problems.append(f"{where}: ACLED sub-event {sub!r} with PLOVER {plover!r}")
        if plover is None and row.get("negative") not in NEGATIVE_KINDS:
            problems.append(f"{where}: no event but negative kind {row.get('negative')!r}")
        if not re.fullmatch(f"[0-9a-f]{{{real_news.HASH_CHARS}}}", str(row.get("sha1"))):
            problems.append(f"{where}: text hash {row.get('sha1')!r}")
    assert not problems, problems[:20]


def test_one_label_per_sentence_and_both_kinds_of_sentence_are_there():
    ids = Counter((name, row["id"]) for name, _, row in LABELS)
    assert [k for k, v in ids.items() if v > 1] == []
    kinds = Counter("event" if row["plover"] else "none" for _, _, row in LABELS)
    # real news must teach what is not an event as well as what is
    assert kinds["event"] >= 1000 and kinds["none"] >= 1000, kinds


def test_the_measurement_fifth_is_about_a_fifth_and_fixed_by_id():
    held = sum(real_news.held_out(row["id"]) for _, _, row in LABELS)
    assert 0.15 < held / len(LABELS) < 0.25
    assert real_news.held_out("x") == real_news.held_out("x")


@needs_shared
def test_every_label_joins_the_text_it_was_made_on():
    rows, problems = real_news.labelled_rows()
    assert problems == []
    assert len(rows) == len(LABELS)
    assert all(row["text"] and row["text"] == row["text"].strip() for row in rows)


@needs_shared
def test_no_labelled_sentence_shares_a_long_run_of_words_with_an_evaluation_only_set():
    def runs(text: str) -> set[tuple[str, ...]]:
        words = WORD.findall(text.lower())
        return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}

    ours: dict[tuple[str, ...], str] = {}
    for row in real_news.labelled_rows()[0]:
        for run in runs(row["text"]):
            ours[run] = row["id"]
    shared = real_news.SHARED
    clashes = set()
    for folder in EVALUATION_ONLY:
        for path in sorted((shared / folder).glob("*")):
            if path.name != "SOURCE.txt":
                clashes |= {
                    ours[r] for r in runs(path.read_text(encoding="utf-8", errors="ignore")) if r in ours
                }
    assert clashes == set()
