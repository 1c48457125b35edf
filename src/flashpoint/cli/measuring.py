"""`flashpoint evaluate` and `flashpoint bench`: accuracy on the evaluation sets, and
speed, memory and query latency; both can rewrite their page under docs/."""

from __future__ import annotations

import argparse
import sys

from ..evaluate import SETS as EVALUATION_SETS
from .options import Subparsers, add_command


def cmd_evaluate(args: argparse.Namespace) -> int:
    from ..evaluate import run_evaluation

    text, ok = run_evaluation(args.what, args.shared, args.limit, docs=args.docs)
    print(text)
    return 0 if ok else 1


def cmd_bench(args: argparse.Namespace) -> int:
    from ..evaluate.bench import bench_options, run_benchmark

    _, text = run_benchmark(bench_options(args, " ".join(["flashpoint"] + sys.argv[1:])))
    print(text)
    return 0


def add_parsers(sub: Subparsers) -> None:
    _add_evaluate(sub)
    _add_bench(sub)


def _add_evaluate(sub: Subparsers) -> None:
    p = add_command(
        sub, "evaluate", cmd_evaluate, "measure accuracy on the reference article and evaluation sets"
    )
    p.add_argument("what", choices=(*EVALUATION_SETS, "all"))
    p.add_argument("--shared", default=None, help="folder of the evaluation data (default: ../shared)")
    p.add_argument("--limit", type=int, help="evaluate on the first N records only")
    p.add_argument("--docs", metavar="DIR", help="write the figures into DIR/accuracy.md (make: docs)")


def _add_bench(sub: Subparsers) -> None:
    p = add_command(
        sub,
        "bench",
        cmd_bench,
        "measure throughput, memory, Dask speed-up and query latency",
    )
    p.add_argument("--shared", default=None, help="folder holding data/hrdsattack (default: ../shared)")
    p.add_argument("--docs", metavar="DIR", help="write the figures into DIR/performance.md (make: docs)")
    p.add_argument("--quick", action="store_true", help="small sizes, about two minutes")
    p.add_argument("--only", metavar="PARTS", help="comma-separated: speed,memory,dask,query,shapes,explain")
    p.add_argument("--articles", type=int, metavar="N", help="articles for the throughput test (300)")
    p.add_argument(
        "--rounds",
        type=int,
        metavar="N",
        help="runs of each throughput configuration; the fastest counts (2)",
    )
    p.add_argument("--memory-docs", metavar="N,M", help="short documents for the memory test (1000,10000)")
    p.add_argument("--dask-docs", type=int, metavar="N", help="short documents for the Dask test (2000)")
    p.add_argument(
        "--query-events", type=int, metavar="N", help="synthetic events for the query test (1000000)"
    )
