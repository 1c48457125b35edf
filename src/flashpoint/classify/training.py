"""Training an EventClassifier from labelled examples.

Two kinds of label file are read as they are:

- the project's corpus format (JSONL with ``text``, ``plover`` and ``acled_sub``;
  ``data/training/README.md``), which trains both heads;
- a coder's own export in ACLED's shape (CSV or JSONL with ``notes``, ``event_type``
  and ``sub_event_type``), which trains the ``acled`` head.

A row that cannot be used is reported with its file and line and skipped; the rest
still train. Fitting is deterministic: the same rows and seed give the same model.
"""

from __future__ import annotations

import csv
import json
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError, UsageError
from ..ontology import load_ontology
from ..report import RunReport
from .encoder import NAME as ENCODER_NAME
from .metrics import classification_scores
from .model import FEATURE_SETTINGS, NONE, EventClassifier, Head, Row, fitted_view, normalise, vectorizer
from .rule_confusion import RuleConfusion

HEADS = ("plover", "acled")
# Inverse regularisation strength of the logistic regressions. Chosen on the project's
# corpus with a shift of style: trained on every register but the analyst notes, scored
# on the notes (ACLED head accuracy 0.72 at C=2, 0.78 at 8, 0.80 at 32, 0.81 at 64 and 128).
# Checked again with the real news labels in training (fitted on the corpus and real news
# folds 2-4, scored on fold 1 through the whole pipeline): ACLED sub-event weighted F1 0.788
# at C=16, 0.793 at 64, 0.780 at 256 (docs/accuracy.md, classifier design).
DEFAULT_C = 64.0
HELD_OUT = 0.2
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Example:
    """A labelled text: its class for each head it is labelled for (None: not labelled),
    and how much it counts in the loss against the other examples."""

    text: str
    labels: tuple[tuple[str, str], ...]
    weight: float = 1.0

    def label(self, head: str) -> str | None:
        return dict(self.labels).get(head)


def acled_sub_events() -> frozenset[str]:
    """The 25 ACLED sub-event types a label may name (data/ontology.yaml)."""
    return frozenset(s for subs in load_ontology().acled_types.values() for s in subs)


def _corpus_labels(row: dict[str, Any], acled_subs: frozenset[str]) -> tuple[tuple[str, str], ...] | None:
    if "plover" not in row:
        return None
    plover = str(row.get("plover") or NONE).upper()
    acled = str(row.get("acled_sub") or NONE)
    if plover != NONE and plover not in load_ontology().types:
        raise ValueError(f"unknown PLOVER type {row.get('plover')!r}")
    if acled != NONE and acled not in acled_subs:
        raise ValueError(f"unknown ACLED sub-event type {acled!r}")
    return (("plover", plover), ("acled", acled))


def _export_labels(row: dict[str, Any], acled_subs: frozenset[str]) -> tuple[tuple[str, str], ...] | None:
    sub = (row.get("sub_event_type") or "").strip()
    if not sub:
        return None
    if sub not in acled_subs:
        raise ValueError(f"unknown ACLED sub-event type {sub!r}")
    return (("acled", sub),)


def example_from_row(row: dict[str, Any], acled_subs: frozenset[str]) -> Example:
    """One Example from a corpus row or an ACLED-shaped export row; ValueError if neither."""
    text = row.get("text") if "text" in row else row.get("notes")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no text (a 'text' or 'notes' field)")
    if len(text) > MAX_TEXT:
        raise ValueError(f"text of {len(text):,} characters, more than {MAX_TEXT:,}")
    labels = _corpus_labels(row, acled_subs) or _export_labels(row, acled_subs)
    if labels is None:
        raise ValueError(
            "no label: expected 'plover'/'acled_sub' (corpus) or 'sub_event_type' (ACLED export)"
        )
    return Example(text.strip(), labels)


def _rows(path: Path) -> Iterable[tuple[int, dict[str, Any] | None, str | None]]:
    """(line, row, error) for every record of a CSV or JSONL file."""
    try:
        fh = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        if path.suffix.lower() == ".csv":
            reader = csv.DictReader(fh)
            for row in reader:
                yield reader.line_num, row, None
            return
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"not valid JSON ({exc.msg})"
                continue
            yield (n, row, None) if isinstance(row, dict) else (n, None, "not a JSON object")


def read_examples(paths: Iterable[str | Path], report: RunReport) -> list[Example]:
    """Examples from label files; each unusable row is counted in ``report`` and named."""
    acled_subs = acled_sub_events()
    out: list[Example] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".jsonl", ".csv"))
        else:
            files = [path]
        for file in files:
            for line, row, error in _rows(file):
                report.read += 1
                if error is None and row is not None:
                    try:
                        out.append(example_from_row(row, acled_subs))
                        continue
                    except ValueError as exc:
                        error = str(exc)
                report.skip(InputError(str(error), str(file), line))
    return out


def split(
    examples: Sequence[Example], share: float = HELD_OUT, seed: int = 0
) -> tuple[list[Example], list[Example]]:
    """A seeded random split into (train, held out)."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    cut = int(round(len(order) * (1 - share)))
    return [examples[i] for i in order[:cut]], [examples[i] for i in order[cut:]]


# Each class weighs the same in the loss, whatever its share of the examples: how many
# passages of each kind the corpus holds says how it was written, not how often each
# kind of event happens, and a model that learned those shares as a prior would give a
# sentence with little evidence the largest class (ASSAULT) with high confidence.
CLASS_WEIGHT = "balanced"


def fit_head(
    x: Any, labels: Sequence[str], c: float, seed: int, weights: Sequence[float] | None = None
) -> Head:
    """One head (a class-balanced logistic regression) over a feature matrix, each row
    counting by ``weights`` when given; public so that tools/compare_event_classifiers.py
    fits its candidates exactly as the shipped model is."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000, random_state=seed, class_weight=CLASS_WEIGHT)
    model.fit(x, labels, sample_weight=None if weights is None else np.asarray(weights, dtype=np.float64))
    coef, intercept = model.coef_, model.intercept_
    if len(model.classes_) == 2:
        # scikit-learn keeps one row for two classes (the second's log-odds); a zero row
        # for the first gives the same softmax
        coef = np.vstack([np.zeros_like(coef), coef])
        intercept = np.concatenate([np.zeros_like(intercept), intercept])
    return Head(tuple(str(k) for k in model.classes_), coef.astype(np.float32), intercept.astype(np.float32))


def _fit_temperature(head: Head, rows: Sequence[Row], labels: Sequence[str]) -> float:
    """The temperature that makes held-out probabilities honest (least log loss)."""
    from scipy.optimize import minimize_scalar

    index = {k: i for i, k in enumerate(head.classes)}
    keep = [i for i, label in enumerate(labels) if label in index]
    if not keep:
        return 1.0
    logits = head.logits([rows[i] for i in keep])
    gold = np.array([index[labels[i]] for i in keep])

    def loss(t: float) -> float:
        z = logits / t
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(gold)), gold].mean())

    return float(minimize_scalar(loss, bounds=(0.05, 20.0), method="bounded").x)


def fit(
    examples: Sequence[Example],
    c: float = DEFAULT_C,
    seed: int = 0,
    step: Callable[[str], None] | None = None,
    info: dict[str, Any] | None = None,
    calibrate: bool = True,
    encoder: bool = False,
) -> EventClassifier:
    """A classifier with one head for each head some example is labelled for.

    With ``calibrate``, each head's temperature is fitted on a held-out fifth by a
    first model, then the final model is fitted on every example. With ``encoder``, the
    sentence vector of classify.encoder follows the n-grams."""
    say = step or (lambda _msg: None)
    temperatures: dict[str, float] = {}
    if calibrate and len(examples) >= 50:
        train, held = split(examples, seed=seed)
        say("calibrating on a held-out fifth")
        first = fit(train, c, seed, calibrate=False, encoder=encoder)
        x_held = first.features([e.text for e in held])
        for name, head in first.heads.items():
            temperatures[name] = _fit_temperature(head, x_held, [e.label(name) or "" for e in held])
    texts = [e.text for e in examples]
    say(f"building n-gram features from {len(texts):,} texts")
    vectorizers = {view: vectorizer(view) for view in FEATURE_SETTINGS}
    from scipy.sparse import hstack

    x = hstack([v.fit_transform(texts) for v in vectorizers.values()], format="csr")
    if encoder:
        x = hstack([x, _sentence_vectors(texts, say)], format="csr")
    heads: dict[str, Head] = {}
    for name in HEADS:
        labelled = [(i, label) for i, e in enumerate(examples) if (label := e.label(name)) is not None]
        rows = [i for i, _ in labelled]
        labels = [label for _, label in labelled]
        if len(set(labels)) < 2:
            continue
        say(f"fitting the {name} head on {len(rows):,} examples, {len(set(labels))} classes")
        weights = [examples[i].weight for i in rows]
        head = fit_head(x[rows], labels, c, seed, weights if any(w != 1.0 for w in weights) else None)
        head.temperature = temperatures.get(name, 1.0)
        heads[name] = head
    if not heads:
        raise UsageError("the labels name fewer than two classes: nothing to learn")
    counts = {
        name: dict(sorted(Counter(e.label(name) for e in examples if e.label(name)).items()))
        for name in heads
    }
    views = {name: fitted_view(name, vec) for name, vec in vectorizers.items()}
    return EventClassifier(
        views,
        heads,
        {**(info or {}), "examples": len(examples), "C": c, "seed": seed, "class_counts": counts},
        encoder=ENCODER_NAME if encoder else None,
    )


def _sentence_vectors(texts: Sequence[str], say: Callable[[str], None]) -> Any:
    """The encoder's vectors of ``texts``, as the model computes them at run time (of the
    normalised text), as a sparse matrix to stand beside the n-grams."""
    from scipy.sparse import csr_matrix

    from .encoder import BATCH, load_encoder

    every = max(BATCH, len(texts) // 10)

    def progress(done: int, total: int) -> None:
        if done % every < BATCH:  # about ten lines, whatever the number of texts
            say(f"reading texts with {ENCODER_NAME}: {done:,} of {total:,}")

    return csr_matrix(load_encoder().encode([normalise(t) for t in texts], progress))


def scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    """Accuracy, macro-F1 and support-weighted F1 over every label either side names."""
    s = classification_scores(gold, pred, sorted(set(gold) | set(pred)))
    return {k: s[k] for k in ("n", "accuracy", "macro_f1", "weighted_f1")}


def held_out_scores(model: EventClassifier, held: Sequence[Example]) -> dict[str, dict[str, float]]:
    """Per head: scores of the model's top class against the held-out labels."""
    out: dict[str, dict[str, float]] = {}
    if not held:
        return out
    probs = model.predict_arrays([e.text for e in held])
    for name, head in model.heads.items():
        rows = [i for i, e in enumerate(held) if e.label(name) is not None]
        if rows:
            pred = [head.classes[int(np.argmax(probs[name][i]))] for i in rows]
            out[name] = scores([held[i].label(name) or "" for i in rows], pred)
    return out


def train_and_save(
    paths: Iterable[str | Path],
    folder: Path,
    report: RunReport,
    seed: int = 0,
    c: float = DEFAULT_C,
    step: Callable[[str], None] | None = None,
    info: dict[str, Any] | None = None,
    rule_answers: Callable[[Sequence[Example]], list[str]] | None = None,
    encoder: bool = False,
) -> tuple[dict[str, dict[str, float]], int]:
    """Train on the label files at ``paths`` and save the model in ``folder``.

    Returns the held-out scores (a model fitted on four fifths, scored on the last
    fifth) and the number of examples; the saved model is then fitted on all of them.
    With ``rule_answers`` (the rules' ACLED sub-event for each example) the model keeps
    how the rules' answers compare with the gold (classify.rule_confusion)."""
    return train_examples_and_save(
        read_examples(paths, report), folder, seed, c, step, info, rule_answers, encoder=encoder
    )


def train_examples_and_save(
    examples: Sequence[Example],
    folder: Path,
    seed: int = 0,
    c: float = DEFAULT_C,
    step: Callable[[str], None] | None = None,
    info: dict[str, Any] | None = None,
    rule_answers: Callable[[Sequence[Example]], list[str]] | None = None,
    check: bool = True,
    encoder: bool = False,
) -> tuple[dict[str, dict[str, float]], int]:
    """``train_and_save`` for examples already read; without ``check`` no held-out figures
    are measured (half the fitting time) and the first value returned is empty."""
    say = step or (lambda _msg: None)
    if len(examples) < 10:
        raise UsageError(f"{len(examples)} usable labelled examples; at least 10 are needed")
    figures: dict[str, dict[str, float]] = {}
    if check:
        train, held = split(examples, seed=seed)
        say(f"held-out check: fitting on {len(train):,}, scoring on {len(held):,}")
        figures = held_out_scores(fit(train, c, seed, say, encoder=encoder), held)
    say(f"final model: fitting on all {len(examples):,} examples")
    model = fit(examples, c, seed, say, info, encoder=encoder)
    if rule_answers is not None:
        say(f"coding the {len(examples):,} examples with the rules alone, to learn their habits")
        model.rule_confusion = RuleConfusion.count(
            (answer, e.label("acled") or NONE)
            for answer, e in zip(rule_answers(examples), examples)
            if e.label("acled") is not None
        )
    model.save(folder)
    return figures, len(examples)
