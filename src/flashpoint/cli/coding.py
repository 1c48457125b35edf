"""`flashpoint extract` and `flashpoint ingest`: code articles into events, written out
or stored (in the event database, or in a Parquet lake by Dask)."""

from __future__ import annotations

import argparse
import sys

from ..errors import UsageError
from ..report import RunReport
from .options import Subparsers, add_command, add_db_flag, add_model_flag, add_run_flags, finish_run, progress

EVENT_FORMATS = ("jsonl", "json", "table", "csv", "plover", "acled-csv", "geojson", "parquet")
# the formats that carry the explain trace: an `explain` field, or lines under each row
EXPLAIN_FORMATS = ("jsonl", "json", "table")


def cmd_extract(args: argparse.Namespace) -> int:
    from ..facade import extract_paths
    from ..io import write_events

    report = RunReport()
    if args.format == "parquet" and not args.output:
        raise UsageError("--format parquet needs --output FILE")
    if args.explain and args.format not in EXPLAIN_FORMATS:
        raise UsageError(f"--explain shows in --format {', '.join(EXPLAIN_FORMATS)}, not {args.format}")
    events = (
        ev
        for _, evs in extract_paths(args.paths, report, progress(args), args.jobs, args.model, args.explain)
        for ev in evs
    )
    if args.output:
        write_events(events, args.format, path=args.output)
    else:
        write_events(events, args.format, out=sys.stdout)
    return finish_run(report, args.quiet)


def cmd_ingest(args: argparse.Namespace) -> int:
    from ..facade import demo_corpus_path, ingest

    paths = list(args.paths) + ([demo_corpus_path()] if args.demo else [])
    if not paths:
        raise UsageError("give one or more PATHs to ingest, or --demo for the demo corpus")
    if args.engine == "dask" or args.lake:
        return _ingest_lake(args, paths)
    result, report = ingest(
        paths,
        args.db,
        progress=progress(args),
        jobs=args.jobs,
        batch_size=args.batch_size,
        recode=args.recode,
        model=args.model,
        explain=args.explain,
    )
    print(f"{args.db}: {result}", file=sys.stderr)
    return finish_run(report, args.quiet)


def _ingest_lake(args: argparse.Namespace, paths: list[str]) -> int:
    from ..scale import ingest_lake

    if args.engine != "dask" or not args.lake:
        raise UsageError("the Parquet lake is written by Dask: give both --engine dask and --lake DIR")
    if args.explain:
        raise UsageError("--explain stores its trace in the event database (--db), not in a lake")
    result, report = ingest_lake(
        paths,
        args.lake,
        workers=args.jobs or 2,
        scheduler=args.scheduler,
        chunk_size=args.chunk_size,
        progress=progress(args),
    )
    print(f"{args.lake}: {result}", file=sys.stderr)
    return finish_run(report, args.quiet)


def add_parsers(sub: Subparsers) -> None:
    _add_extract(sub)
    _add_ingest(sub)


def _add_extract(sub: Subparsers) -> None:
    p = add_command(
        sub, "extract", cmd_extract, "code events from articles and write them to standard output"
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files (.txt .jsonl .json .csv .html), directories, or - for stdin",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=EVENT_FORMATS,
        default="jsonl",
        help="output format (default: jsonl, one event per line); parquet needs --output",
    )
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.add_argument(
        "--explain",
        action="store_true",
        help="show what decided each event's type, ACLED type, place, date and counts "
        "(the rule or model and the words it used): an `explain` field in jsonl "
        "and json, lines under each event in table",
    )
    add_run_flags(p)
    add_model_flag(p)


def _add_ingest(sub: Subparsers) -> None:
    p = add_command(sub, "ingest", cmd_ingest, "code articles and store documents and events in the database")
    p.add_argument("paths", nargs="*", metavar="PATH")
    add_db_flag(p)
    p.add_argument(
        "--demo", action="store_true", help="also ingest the demo corpus that ships with flashpoint"
    )
    p.add_argument(
        "--batch-size",
        type=int,
        default=None,
        metavar="N",
        help="documents per commit (default 50); a crash loses at most one batch",
    )
    p.add_argument(
        "--recode",
        action="store_true",
        help="parse documents again even when already stored unchanged, and replace "
        "a document stored under the same id from another source",
    )
    _add_lake_flags(p)
    p.add_argument(
        "--explain",
        action="store_true",
        help="store with each event what decided its fields, for the dashboard's event "
        "page (documents already stored unchanged need --recode to get one)",
    )
    add_run_flags(p)
    add_model_flag(p)


def _add_lake_flags(p: argparse.ArgumentParser) -> None:
    """The options of coding on a Dask cluster into a Parquet lake."""
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="dask: code on a Dask cluster into a Parquet lake (needs --lake)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler to use, e.g. tcp://10.0.0.5:8786 (default: a local cluster)",
    )
    p.add_argument("--lake", metavar="DIR", help="Parquet lake folder written by --engine dask")
    p.add_argument(
        "--chunk-size", type=int, default=32, metavar="N", help="documents per Dask task (default 32)"
    )
