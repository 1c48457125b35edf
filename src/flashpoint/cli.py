"""The `flashpoint` command. Each command parses its options, calls one library
function and formats the result; errors print as one line, never a traceback."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Callable, Sequence

from . import __version__
from .errors import FlashpointError, UsageError
from .evaluate import SETS as EVALUATION_SETS
from .report import RunReport

EVENT_FORMATS = ("jsonl", "json", "table", "csv", "plover", "acled-csv", "geojson", "parquet")


def _near(value: str) -> tuple[float, float, float]:
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("--near takes LAT,LON,KM, e.g. 42.9,20.8,25") from None
    return lat, lon, km


def _finish_run(report: RunReport, quiet: bool) -> int:
    report.print_errors()
    if not quiet or report.skipped:
        print(report.summary(), file=sys.stderr)
    return 1 if report.skipped else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from .api import extract_paths
    from .io import write_events
    report = RunReport()
    events = (ev for _, evs in extract_paths(args.paths, report, args.progress, args.jobs) for ev in evs)
    if args.format == "parquet" and not args.output:
        raise UsageError("--format parquet needs --output FILE")
    if args.output:
        write_events(events, args.format, path=args.output)
    else:
        write_events(events, args.format, out=sys.stdout)
    return _finish_run(report, args.quiet)


def cmd_ingest(args: argparse.Namespace) -> int:
    from .api import demo_corpus_path, ingest
    paths = list(args.paths) + ([demo_corpus_path()] if args.demo else [])
    if not paths:
        raise UsageError("give one or more PATHs to ingest, or --demo for the demo corpus")
    result, report = ingest(paths, args.db, progress=args.progress, jobs=args.jobs)
    print(f"{args.db}: {result}", file=sys.stderr)
    return _finish_run(report, args.quiet)


def cmd_events(args: argparse.Namespace) -> int:
    from .api import query_events
    from .io.rows import print_rows
    rows = query_events(args.db, since=args.since, until=args.until, country=args.country,
                        type=args.type, near=args.near, limit=args.limit, merged=args.merged)
    print_rows(rows, args.format, sys.stdout)
    return 0


def cmd_geocode(args: argparse.Namespace) -> int:
    from .geo import format_geocode, geocode
    results = geocode(args.query)
    if args.json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        print(format_geocode(results))
    return 0 if results else 1


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import run_evaluation
    text, ok = run_evaluation(args.what, args.shared, args.limit, write_docs=not args.no_docs)
    print(text)
    return 0 if ok else 1


def cmd_bench(args: argparse.Namespace) -> int:
    from .evaluate.bench import run_benchmark
    print(run_benchmark(args.paths, write_docs=not args.no_docs, shared=args.shared, jobs=args.jobs))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flashpoint", description="Turn news articles into geocoded conflict and crisis events.")
    parser.add_argument("--version", action="version", version=f"flashpoint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    def run_flags(p: argparse.ArgumentParser) -> None:
        p.add_argument("--quiet", "-q", action="store_true", help="print the summary only when something was skipped")
        p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="show docs/s while running (default: when stderr is a terminal)")
        p.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                       help="parse in N processes (one per core helps on large inputs)")

    p = add("extract", cmd_extract, "code events from articles and write them to standard output")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files (.txt .jsonl .json .csv .html), directories, or - for stdin")
    p.add_argument("--format", "-f", choices=EVENT_FORMATS, default="jsonl")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    run_flags(p)

    p = add("ingest", cmd_ingest, "code articles and store documents and events in the database")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--db", default="flashpoint.duckdb")
    p.add_argument("--demo", action="store_true", help="also ingest the demo corpus that ships with flashpoint")
    run_flags(p)

    p = add("events", cmd_events, "list stored events, filtered")
    p.add_argument("--db", default="flashpoint.duckdb")
    p.add_argument("--since", help="first date, YYYY-MM-DD")
    p.add_argument("--until", help="last date, YYYY-MM-DD")
    p.add_argument("--country", help="ISO 3166 alpha-2 code of the event's place, e.g. XK")
    p.add_argument("--type", help="PLOVER type(s), comma-separated, e.g. PROTEST,ASSAULT")
    p.add_argument("--near", type=_near, metavar="LAT,LON,KM", help="within KM of a point")
    p.add_argument("--limit", type=int)
    p.add_argument("--merged", action="store_true", help="one row per event reported by several sources")
    p.add_argument("--format", "-f", choices=("table", "json", "jsonl", "csv"), default="table")

    p = add("geocode", cmd_geocode, "look a place name up in the offline gazetteer")
    p.add_argument("query")
    p.add_argument("--json", action="store_true")

    p = add("evaluate", cmd_evaluate, "measure accuracy on the reference article and evaluation sets")
    p.add_argument("what", choices=(*EVALUATION_SETS, "all"))
    p.add_argument("--shared", default=None, help="folder of the evaluation data (default: ../shared)")
    p.add_argument("--limit", type=int, help="evaluate on the first N records only")
    p.add_argument("--no-docs", action="store_true", help="do not update docs/accuracy.md")

    p = add("bench", cmd_bench, "measure extraction speed (docs/s, words/s) and write docs/performance.md")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--shared", default=None)
    p.add_argument("--no-docs", action="store_true")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except FlashpointError as exc:
        print(f"flashpoint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("flashpoint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
