"""Rebuild the event model that ships in the package from the project's own corpus.

    make train        (or: .venv/bin/python tools/train_event_model.py)

Reads data/training/corpus/*.jsonl (written for this project; data/training/README.md)
and the real news sentences the project labelled (data/training/real_news, joined with
their MIT-licensed text from ../shared/data by tools/real_news.py), fits with a fixed seed
and writes src/flashpoint/data/models/events/. The same inputs give the same bytes.
Without ../shared the model is fitted on the corpus alone and differs from the shipped
one (the tool says so). No evaluation-only set is read.

    --hold-out   leave out the real news fifth kept for measurement and write the model
                 to the user data directory as "realnews-check" (tools/real_news_check.py)
    --tuning-fold [K]  leave out that fifth and fifth K (default 1, the tuning fifth) too,
                 and write the model as "realnews-foldK" (tools/real_news_check.py --fold 1
                 --errors; tools/trigger_ablation.py scores folds 1-4 each with its own)
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
    coded = {
        d.id: evs for d, evs in Pipeline(RULES_ONLY).run(docs, RunReport(), n_process=os.cpu_count() or 1)
    }
    out = []
    for doc in docs:
        first = primary_event(coded.get(doc.id, []))
        out.append((first.acled_sub_event_type if first else None) or "NONE")
    return out


def real_news_examples(report, leave_out: frozenset[int] = frozenset()) -> list:
    """The labelled real news sentences as training examples, but for the folds left out
    (tools/real_news.py); none, with a warning, when ../shared is not beside the checkout."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import real_news

    from flashpoint.errors import InputError

    if not real_news.shared_available():
        print(
            f"warning: {real_news.SHARED} not found: fitting on the corpus alone, so the model "
            "will differ from the shipped one",
            file=sys.stderr,
        )
        return []
    pairs, problems = real_news.examples_by_fold()
    for problem in problems:
        where, _, message = problem.partition(": ")
        report.skip(InputError(message, where))
    return [example for example, fold in pairs if fold not in leave_out]


def main() -> int:
    import argparse

    from flashpoint.classify.training import read_examples, train_examples_and_save
    from flashpoint.report import RunReport

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--hold-out",
        action="store_true",
        help="leave out the real news measurement fifth; write a user model 'realnews-check'",
    )
    ap.add_argument(
        "--tuning-fold",
        type=int,
        nargs="?",
        const=1,
        choices=range(1, 5),
        metavar="K",
        help="leave out the measurement fifth and fifth K (default 1, the tuning fifth); "
        "write a user model 'realnews-foldK'",
    )
    ap.add_argument(
        "--no-check",
        action="store_true",
        help="skip the held-out figures on a fifth of the examples (half the time)",
    )
    args = ap.parse_args()
    started = time.perf_counter()

    def step(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    report = RunReport()
    files = sorted(CORPUS.glob("*.jsonl"))
    fold = args.tuning_fold
    leave_out = frozenset({0, fold} if fold else {0} if args.hold_out else ())
    name = f"realnews-fold{fold}" if fold else "realnews-check" if args.hold_out else "shipped"
    real = real_news_examples(report, leave_out)
    examples = read_examples(files, report) + real
    out = OUT
    if leave_out:
        from flashpoint.classify.locations import user_model_dir

        out = user_model_dir(name)
    figures, n = train_examples_and_save(
        examples,
        out,
        seed=SEED,
        step=step,
        rule_answers=rules_acled,
        check=not args.no_check,
        info={
            "name": name,
            "corpus": "data/training/corpus",
            "files": [f.name for f in files],
            "real_news_sentences": len(real),
        },
    )
    report.print_errors()
    print(
        f"{n} examples ({len(real)} of them real news sentences) from {len(files)} corpus files; "
        f"model in {out}"
    )
    for head, s in figures.items():
        print(
            f"held-out fifth, {head}: accuracy {s['accuracy']:.3f}, macro-F1 {s['macro_f1']:.3f}, "
            f"weighted F1 {s['weighted_f1']:.3f} (n={s['n']})"
        )
    return 1 if report.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
