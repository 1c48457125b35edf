"""Rebuild the event model that ships in the package from the project's own corpus.

    make train        (or: .venv/bin/python tools/train_event_model.py)

Reads data/training/corpus/*.jsonl (written for this project; data/training/README.md),
fits with a fixed seed and writes src/flashpoint/data/models/events/. The same corpus
gives the same bytes. Nothing from ../shared is read: evaluation sets never train
the shipped model.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "training" / "corpus"
OUT = ROOT / "src" / "flashpoint" / "data" / "models" / "events"
SEED = 0


def rules_acled(examples) -> list[str]:
    """The ACLED sub-event type of each example's primary event under the rules alone
    (NONE when they code none), each example one undated document."""
    import os

    from flashpoint.evaluate.geo import primary_event
    from flashpoint.models import Document
    from flashpoint.pipeline import RULES_ONLY, Pipeline
    from flashpoint.report import RunReport
    docs = [Document(id=f"c{i}", text=e.text) for i, e in enumerate(examples)]
    coded = {d.id: evs for d, evs in Pipeline(RULES_ONLY).run(docs, RunReport(),
                                                               n_process=os.cpu_count() or 1)}
    out = []
    for doc in docs:
        first = primary_event(coded.get(doc.id, []))
        out.append((first.acled_sub_event_type if first else None) or "NONE")
    return out


def main() -> int:
    from flashpoint.classify.training import train_and_save
    from flashpoint.report import RunReport
    started = time.perf_counter()

    def step(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    report = RunReport()
    files = sorted(CORPUS.glob("*.jsonl"))
    figures, n = train_and_save(files, OUT, report, seed=SEED, step=step,
                                info={"name": "shipped", "corpus": "data/training/corpus",
                                      "files": [f.name for f in files]}, rule_answers=rules_acled)
    report.print_errors()
    print(f"{n} examples from {len(files)} files; model in {OUT.relative_to(ROOT)}")
    for head, s in figures.items():
        print(f"held-out fifth, {head}: accuracy {s['accuracy']:.3f}, macro-F1 {s['macro_f1']:.3f}, "
              f"weighted F1 {s['weighted_f1']:.3f} (n={s['n']})")
    return 1 if report.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
