"""The `flashpoint` command. Each command parses its options, calls one library
function and formats the result; errors print as one line, never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from . import __version__
from .errors import FlashpointError, UsageError
from .evaluate import SETS as EVALUATION_SETS
from .report import RunReport

EVENT_FORMATS = ("jsonl", "json", "table", "csv", "plover", "acled-csv", "geojson", "parquet")
# the formats that carry the explain trace: an `explain` field, or lines under each row
EXPLAIN_FORMATS = ("jsonl", "json", "table")


# The event filters of `flashpoint events`, named as the API's query parameters
# (flashpoint.store.filters declares and checks them for both).
EVENT_FILTERS = (
    "since",
    "until",
    "country",
    "type",
    "acled_type",
    "acled_sub_type",
    "actor",
    "admin1",
    "admin2",
    "place",
    "min_fatalities",
    "q",
    "near",
)


def _finish_run(report: RunReport, quiet: bool) -> int:
    report.print_errors()
    if not quiet or report.skipped:
        print(report.summary(), file=sys.stderr)
    return 1 if report.skipped else 0


def _progress(args: argparse.Namespace) -> bool | None:
    # --quiet hides the bar too, unless --progress asks for it.
    return False if args.quiet and args.progress is None else args.progress


def cmd_extract(args: argparse.Namespace) -> int:
    from .api import extract_paths
    from .io import write_events

    report = RunReport()
    if args.format == "parquet" and not args.output:
        raise UsageError("--format parquet needs --output FILE")
    if args.explain and args.format not in EXPLAIN_FORMATS:
        raise UsageError(f"--explain shows in --format {', '.join(EXPLAIN_FORMATS)}, not {args.format}")
    events = (
        ev
        for _, evs in extract_paths(args.paths, report, _progress(args), args.jobs, args.model, args.explain)
        for ev in evs
    )
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
    if args.engine == "dask" or args.lake:
        return _ingest_lake(args, paths)
    result, report = ingest(
        paths,
        args.db,
        progress=_progress(args),
        jobs=args.jobs,
        batch_size=args.batch_size,
        recode=args.recode,
        model=args.model,
        explain=args.explain,
    )
    print(f"{args.db}: {result}", file=sys.stderr)
    return _finish_run(report, args.quiet)


def _ingest_lake(args: argparse.Namespace, paths: list[str]) -> int:
    from .scale import ingest_lake

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
        progress=_progress(args),
    )
    print(f"{args.lake}: {result}", file=sys.stderr)
    return _finish_run(report, args.quiet)


def cmd_events(args: argparse.Namespace) -> int:
    from .api import query_events
    from .io.rows import print_rows
    from .store import EventQuery
    from .store.filters import parse_unit

    # Checked here, before any file is opened, by the validators the API uses. The lake
    # keeps every report apart, so there reports are the default unit.
    unit = parse_unit(args.unit or ("reports" if args.lake else None))
    query = EventQuery(
        **{name: getattr(args, name) for name in EVENT_FILTERS},
        limit=args.limit,
        offset=args.offset,
        merged=unit == "events",
    )
    checked = {name: getattr(query, name) for name in (*EVENT_FILTERS, "limit", "offset", "merged")}
    if args.lake:
        from .scale import query_lake  # Dask's imports take a second: only for a lake

        rows = query_lake(args.lake, **checked)
    else:
        rows = query_events(args.db, **checked)
    print_rows(rows, args.format, sys.stdout)
    return 0


def cmd_alerts(args: argparse.Namespace) -> int:
    from .monitor.alerts import alerts_in_db, format_alerts
    from .store.filters import EventFilter

    flt = EventFilter(since=args.since, until=args.until, place=args.place)
    alerts = alerts_in_db(args.db, since=flt.since, until=flt.until, place=flt.place)
    if args.format == "json":
        print(json.dumps({"alerts": [a.to_dict() for a in alerts]}, ensure_ascii=False, indent=2))
    else:
        print(format_alerts(alerts))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from .monitor.aggregates import format_timeline, timeline_in_db
    from .store.filters import EventFilter, parse_unit

    # Checked before the database is opened, by the validators `events` uses.
    flt = EventFilter(**{name: getattr(args, name) for name in EVENT_FILTERS})
    answer = timeline_in_db(args.db, args.interval, unit=parse_unit(args.unit), filters=flt)
    if args.format == "json":
        print(json.dumps(answer, ensure_ascii=False, indent=2))
    else:
        print(format_timeline(answer))
    return 0


def cmd_geocode(args: argparse.Namespace) -> int:
    from .geo import format_geocode, geocode
    from .store.filters import parse_countries, parse_whole

    results = geocode(
        args.query, country=parse_countries(args.country), limit=parse_whole(args.limit, "limit")
    )
    if args.json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        print(format_geocode(results))
    return 0 if results else 1


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import run_evaluation

    text, ok = run_evaluation(args.what, args.shared, args.limit, docs=args.docs)
    print(text)
    return 0 if ok else 1


def cmd_bench(args: argparse.Namespace) -> int:
    from .evaluate.bench import bench_options, run_benchmark

    _, text = run_benchmark(bench_options(args, " ".join(["flashpoint"] + sys.argv[1:])))
    print(text)
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from .watch.config import parse_duration, plan_from
    from .watch.service import watch

    plan = plan_from(args.feed, args.feeds, webhook=args.webhook, command=args.command)
    interval = parse_duration(args.interval) if args.interval else None
    results = watch(plan, args.db, interval_s=interval, once=args.once, model=args.model)
    return 1 if any(r.feeds_failed for r in results) else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .web.app import serve

    serve(
        args.db,
        host=args.host,
        port=args.port,
        token_file=args.token_file,
        model=args.model,
        allowed_hosts=args.allowed_hosts,
        watch_file=args.watch,
    )
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    import time

    from .api import train_model

    report = RunReport()
    started = time.perf_counter()

    def step(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    figures, n, folder = train_model(args.labels, args.name, report, seed=args.seed, step=step)
    report.print_errors()
    print(f"model {args.name!r}: {n:,} examples ({report.skipped} rows skipped), saved in {folder}")
    for head, s in figures.items():
        print(
            f"held-out fifth, {head}: accuracy {s['accuracy']:.1%}, macro-F1 {s['macro_f1']:.3f}, "
            f"weighted F1 {s['weighted_f1']:.3f} ({s['n']:,} examples)"
        )
    print(f"use it with: flashpoint extract PATH --model {args.name}")
    return 1 if report.skipped else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flashpoint", description="Turn news articles into geocoded conflict and crisis events."
    )
    parser.add_argument("--version", action="version", version=f"flashpoint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    def run_flags(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--quiet", "-q", action="store_true", help="print the summary only when something was skipped"
        )
        p.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="show a progress bar: x of N documents, docs/s, time left "
            "(default: when stderr is a terminal and not --quiet)",
        )
        p.add_argument(
            "--workers",
            "--jobs",
            "-j",
            dest="jobs",
            type=int,
            default=None,
            metavar="N",
            help="code in N processes (default: every core when the input holds more than "
            "a few dozen documents; 1 opts out; with --engine dask: N Dask workers, "
            "default 2); --jobs/-j is the old name",
        )

    def model_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--model",
            metavar="NAME",
            default=None,
            help="event model: one trained with `flashpoint train --name NAME`, or 'rules' "
            "for the parse-based rules alone (default: the shipped model)",
        )

    p = add("extract", cmd_extract, "code events from articles and write them to standard output")
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files (.txt .jsonl .json .csv .html), directories, or - for stdin",
    )
    p.add_argument("--format", "-f", choices=EVENT_FORMATS, default="jsonl")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.add_argument(
        "--explain",
        action="store_true",
        help="show what decided each event's type, ACLED type, place, date and counts "
        "(the rule or model and the words it used): an `explain` field in jsonl "
        "and json, lines under each event in table",
    )
    run_flags(p)
    model_flag(p)

    p = add("ingest", cmd_ingest, "code articles and store documents and events in the database")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--db", default="flashpoint.duckdb")
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
    p.add_argument(
        "--explain",
        action="store_true",
        help="store with each event what decided its fields, for the dashboard's event "
        "page (documents already stored unchanged need --recode to get one)",
    )
    run_flags(p)
    model_flag(p)

    def filter_flags(p: argparse.ArgumentParser, names: Sequence[str]) -> None:
        from .store.filters import HELP

        for name in names:
            p.add_argument(
                "--" + name.replace("_", "-"),
                dest=name,
                help=HELP[name],
                metavar="LAT,LON,KM" if name == "near" else None,
            )

    p = add("events", cmd_events, "list stored events, filtered")
    p.add_argument("--db", default="flashpoint.duckdb")
    p.add_argument("--lake", metavar="DIR", help="query this Parquet lake instead of the database")
    filter_flags(p, EVENT_FILTERS)
    p.add_argument("--limit", metavar="N", help="list N events at most (default: all)")
    p.add_argument("--offset", metavar="N", help="skip the first N events")
    p.add_argument(
        "--reports",
        dest="unit",
        action="store_const",
        const="reports",
        help="one row per report (article) instead of one per real-world event",
    )
    p.add_argument(
        "--merged",
        dest="unit",
        action="store_const",
        const="events",
        help="one row per real-world event, its reports merged (the default)",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=("table", "json", "jsonl", "csv", "geojson", "acled-csv"),
        default="table",
        help="geojson leaves out events without coordinates, acled-csv "
        "those without an ACLED event type or a country",
    )

    p = add(
        "timeline",
        cmd_timeline,
        "events, killed, injured and arrested per day or week, with the filters of `events`",
    )
    p.add_argument("--db", default="flashpoint.duckdb")
    filter_flags(p, EVENT_FILTERS)
    p.add_argument(
        "--interval",
        choices=("day", "week"),
        default="day",
        help="one row per day or per week (weeks start on Monday)",
    )
    p.add_argument(
        "--reports",
        dest="unit",
        action="store_const",
        const="reports",
        help="count reports (articles) instead of real-world events",
    )
    p.add_argument(
        "--merged",
        dest="unit",
        action="store_const",
        const="events",
        help="count real-world events, their reports merged (the default)",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=("table", "json"),
        default="table",
        help="json is the answer of /stats/timeseries",
    )

    p = add("alerts", cmd_alerts, "places whose recent events depart from their own history")
    p.add_argument("--db", default="flashpoint.duckdb")
    p.add_argument("--since", help="first window end to report, YYYY-MM-DD")
    p.add_argument("--until", help="last window end; later events are not read, YYYY-MM-DD")
    p.add_argument("--place", help="admin1/admin2 area or place name, e.g. Mitrovica")
    p.add_argument("--format", "-f", choices=("table", "json"), default="table")

    p = add("geocode", cmd_geocode, "look a place name up in the offline gazetteer")
    p.add_argument("query")
    p.add_argument("--country", help="only places in these ISO alpha-2 countries, comma-separated")
    p.add_argument("--limit", metavar="N", help="print the N most populous places at most")
    p.add_argument("--json", action="store_true")

    p = add("evaluate", cmd_evaluate, "measure accuracy on the reference article and evaluation sets")
    p.add_argument("what", choices=(*EVALUATION_SETS, "all"))
    p.add_argument("--shared", default=None, help="folder of the evaluation data (default: ../shared)")
    p.add_argument("--limit", type=int, help="evaluate on the first N records only")
    p.add_argument("--docs", metavar="DIR", help="write the figures into DIR/accuracy.md (make: docs)")

    p = add(
        "bench",
        cmd_bench,
        "measure throughput, memory, Dask speed-up and query latency",
    )
    p.add_argument("--shared", default=None, help="folder holding data/hrdsattack (default: ../shared)")
    p.add_argument("--docs", metavar="DIR", help="write the figures into DIR/performance.md (make: docs)")
    p.add_argument("--quick", action="store_true", help="small sizes, about two minutes")
    p.add_argument("--only", metavar="PARTS", help="comma-separated: speed,memory,dask,query,shapes")
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

    p = add("watch", cmd_watch, "follow news feeds, code new articles into the database, push alerts")
    p.add_argument(
        "--feed", action="append", metavar="URL", help="an RSS, Atom or news sitemap URL (repeatable)"
    )
    p.add_argument(
        "--feeds", metavar="FILE", help="YAML file: feeds: [{url, name, language}], webhook, command"
    )
    p.add_argument("--db", default="flashpoint.duckdb")
    p.add_argument(
        "--interval", metavar="TIME", help="time between cycles, e.g. 15m (default: the file's, else 15m)"
    )
    p.add_argument("--once", action="store_true", help="run one cycle; exit 1 if any feed failed")
    p.add_argument("--webhook", metavar="URL", help="POST new or grown alerts as JSON to URL")
    p.add_argument("--command", metavar="CMD", help="run CMD with each new or grown alert as JSON on stdin")
    model_flag(p)

    p = add("serve", cmd_serve, "serve the REST API and the dashboard over one event database")
    p.add_argument("--db", default="flashpoint.duckdb")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--token-file",
        metavar="FILE",
        help="file holding the bearer token that allows POST /documents "
        "(else env FLASHPOINT_TOKEN; neither: read-only)",
    )
    p.add_argument(
        "--allowed-host",
        dest="allowed_hosts",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests whose Host header is NAME (repeatable; loopback names "
        "and the --host address are always accepted; '*' accepts any, unsafe)",
    )
    p.add_argument(
        "--watch",
        metavar="FILE",
        help="also follow the feeds in FILE (as `flashpoint watch "
        "--feeds FILE`), updating the dashboard live",
    )
    model_flag(p)

    p = add(
        "train", cmd_train, "train an event model on your own coded examples (an ACLED export works as it is)"
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
