"""Real news sentences labelled by this project, joined with their text.

The labels in data/training/real_news/ are the project's own work: each sentence was read
and coded by hand against the corpus's label scheme (data/training/README.md). The
sentences themselves come from two sets that are MIT-licensed and may train the shipped
model: event_location (Halterman 2019) and the training split of HRDsAttack (Ran et al.
2023). Their texts are news written by others, so the repository keeps only our labels
and a hash of each text; the text is read from ../shared/data (or any folder holding
the same files) when a model is trained or measured.

A fifth of the sentences, chosen by a hash of their id, is held out of every model this
tool trains for measurement (tools/real_news_check.py), so the shipped model can be
scored on real news it never saw.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "data" / "training" / "real_news"
SHARED = ROOT.parent / "shared" / "data"
# label file -> the shared file its sentences come from
SOURCES = {
    "event_location.jsonl": "event_location/event_location_dev.jsonl",
    "hrdsattack_train.jsonl": "hrdsattack/hrdsattack_train.jsonl",
    # the same articles' later sentences (after the 30 of hrdsattack_train.jsonl), mostly
    # the background, quotes and context of a story: labelled in a second round
    "hrdsattack_train_tail.jsonl": "hrdsattack/hrdsattack_train.jsonl",
}
HASH_CHARS = 12


def text_hash(text: str) -> str:
    """The short hash kept beside each label, so that a changed source text is caught."""
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:HASH_CHARS]


def fold(sentence_id: str) -> int:
    """Which fifth (0-4) a sentence falls in, fixed by its id."""
    return int(hashlib.sha1(sentence_id.encode("utf-8")).hexdigest(), 16) % 5


def held_out(sentence_id: str) -> bool:
    """True for the fifth of the sentences kept out of training for measurement (fold 0;
    tools/tune_event_policy.py --real-news tunes on fold 1 instead, never on this one)."""
    return fold(sentence_id) == 0


def source_texts(label_file: str, shared: Path = SHARED) -> dict[str, str]:
    """Sentence id -> text for one label file's source. event_location ids are the set's
    own; an HRDsAttack sentence is ``<gdelt_event_id>:<start>:<end>`` in its article."""
    path = shared / SOURCES[label_file]
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if label_file == "event_location.jsonl":
                out.setdefault(str(row["id"]).strip(), row["text"])
            else:
                out[str(row["gdelt_event_id"])] = row["text"]
    return out


def resolve(label_file: str, sentence_id: str, texts: dict[str, str]) -> str | None:
    if label_file == "event_location.jsonl":
        return texts.get(sentence_id.strip())
    article, start, end = sentence_id.rsplit(":", 2)
    body = texts.get(article)
    return body[int(start) : int(end)] if body is not None else None


def labelled_rows(
    shared: Path = SHARED, files: Iterable[str] = tuple(SOURCES)
) -> tuple[list[dict[str, Any]], list[str]]:
    """Corpus-format rows (``text``, ``plover``, ``acled_sub``, plus ``id`` and ``source``)
    for every label whose text is found with the hash it was labelled on, and a message
    for each label that could not be joined."""
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for name in files:
        label_path = LABELS / name
        if not label_path.exists():
            continue
        texts = source_texts(name, shared)
        for n, line in enumerate(label_path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            label = json.loads(line)
            text = resolve(name, label["id"], texts)
            if text is None:
                problems.append(f"{label_path.name}:{n}: no sentence {label['id']!r} in {SOURCES[name]}")
                continue
            if text_hash(text) != label.get("sha1"):
                problems.append(
                    f"{label_path.name}:{n}: the text of {label['id']!r} differs from the one labelled"
                )
                continue
            rows.append({**label, "text": text.strip(), "source": name.removesuffix(".jsonl")})
    return rows, problems


# Each real news sentence counts twice against a corpus passage in the loss: the corpus is
# one family of writers and the labelled sentences are news as others write it. Chosen
# on real news folds 1 and 2 (each scored by a model fitted without it, after the
# seventh corpus wave): at weight 1, 2 and 4 on fold 1, ACLED sub-event weighted F1
# 0.789, 0.791, 0.792, PLOVER type 0.758, 0.766, 0.756, no-event sentences coded 23.4%,
# 22.4%, 24.0%; on fold 2 at 1 and 2: 0.787 and 0.788, 0.741 and 0.752, 25.2% and 23.8%.
REAL_NEWS_WEIGHT = 2.0


def examples_by_fold(shared: Path = SHARED) -> tuple[list[tuple[Any, int]], list[str]]:
    """Each joined label as a training example (``flashpoint.classify.training.Example``,
    weighing ``REAL_NEWS_WEIGHT``) with its fold, and a message for each label that could
    not be joined. The tools that train, tune and compare models pick their folds from
    these pairs, so each fits the real news as the shipped model does."""
    from flashpoint.classify.training import acled_sub_events, example_from_row

    rows, problems = labelled_rows(shared)
    subs = acled_sub_events()
    pairs = [(replace(example_from_row(row, subs), weight=REAL_NEWS_WEIGHT), fold(row["id"])) for row in rows]
    return pairs, problems


def tuning_split(
    fold: int, shared: Path = SHARED
) -> tuple[list[Any], list[dict[str, Any]], list[tuple[Any, int]]]:
    """What the candidate comparisons (tools/compare_*.py) fit and score on: the corpus's
    examples, the joined real news rows, and their (example, fold) pairs. ``fold`` is the
    fold a comparison scores; fold 0, the measurement fifth, is refused."""
    from flashpoint.classify.training import read_examples
    from flashpoint.errors import UsageError
    from flashpoint.report import RunReport

    if fold == 0:
        raise UsageError("fold 0 is the measurement fifth: choose on folds 1-4")
    corpus = read_examples(sorted((ROOT / "data" / "training" / "corpus").glob("*.jsonl")), RunReport())
    rows, _ = labelled_rows(shared)
    pairs, _ = examples_by_fold(shared)
    return corpus, rows, pairs


def shared_available(shared: Path = SHARED) -> bool:
    return all((shared / rel).exists() for rel in SOURCES.values())
