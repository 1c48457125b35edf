"""`flashpoint train`: fit an event model on the user's own coded examples."""

from __future__ import annotations

import argparse
import sys

from ..report import RunReport
from .options import Subparsers, add_command


def cmd_train(args: argparse.Namespace) -> int:
    import time

    from ..facade import train_model

    report = RunReport()
    started = time.perf_counter()

    def step(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    figures, n, folder = train_model(
        args.labels, args.name, report, seed=args.seed, step=step, encoder=args.encoder
    )
    report.print_errors()
    print(f"model {args.name!r}: {n:,} examples ({report.skipped} rows skipped), saved in {folder}")
    for head, s in figures.items():
        print(
            f"held-out fifth, {head}: accuracy {s['accuracy']:.1%}, macro-F1 {s['macro_f1']:.3f}, "
            f"weighted F1 {s['weighted_f1']:.3f} ({s['n']:,} examples)"
        )
    print(f"use it with: flashpoint extract PATH --model {args.name}")
    return 1 if report.skipped else 0


def add_parsers(sub: Subparsers) -> None:
    p = add_command(
        sub,
        "train",
        cmd_train,
        "train an event model on your own coded examples (an ACLED export works as it is)",
    )
    p.add_argument(
        "labels",
        nargs="+",
        metavar="LABELS",
        help="CSV or JSONL of coded examples: ACLED-shaped (notes, event_type, sub_event_type) "
        "or flashpoint's corpus format (text, plover, acled_sub); folders are read whole",
    )
    p.add_argument("--name", required=True, help="the model's name, for --model NAME")
    p.add_argument("--seed", type=int, default=0, help="random seed of the split and the fit (default 0)")
    p.add_argument(
        "--encoder",
        action="store_true",
        help="also read each sentence with the all-MiniLM-L6-v2 encoder (installed by make install): "
        "more accurate on wordings your examples never used, about ten times slower",
    )
