"""What several commands share: the way a command is registered, the option groups that
coding and querying commands have in common, and how a coding run ends."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TypeAlias

from ..report import RunReport

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

# What add_subparsers returns: argparse names its class with an underscore, but it is the
# documented object whose add_parser registers a command.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Command = Callable[[argparse.Namespace], int]


def add_command(sub: Subparsers, name: str, func: Command, help_: str) -> argparse.ArgumentParser:
    """Register command ``name``, run by ``func``, with ``help_`` as its help and description."""
    parser = sub.add_parser(name, help=help_, description=help_)
    parser.set_defaults(func=func)
    return parser


def add_run_flags(p: argparse.ArgumentParser) -> None:
    """--quiet, --progress and --workers: how a coding run reports and spreads its work."""
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


def add_db_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        default="flashpoint.duckdb",
        metavar="FILE",
        help="the event database, a DuckDB file (default: flashpoint.duckdb here)",
    )


def add_model_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        metavar="NAME",
        default=None,
        help="event model: one trained with `flashpoint train --name NAME`, or 'rules' "
        "for the parse-based rules alone (default: the shipped model)",
    )


def add_filter_flags(p: argparse.ArgumentParser, names: Sequence[str]) -> None:
    """One option per event filter, with the help text the REST API shows for it."""
    from ..store.filters import HELP

    for name in names:
        p.add_argument(
            "--" + name.replace("_", "-"),
            dest=name,
            help=HELP[name],
            metavar="LAT,LON,KM" if name == "near" else None,
        )


def add_unit_flags(p: argparse.ArgumentParser, reports_help: str, merged_help: str) -> None:
    """--reports and --merged, which set the one `unit` option."""
    p.add_argument("--reports", dest="unit", action="store_const", const="reports", help=reports_help)
    p.add_argument("--merged", dest="unit", action="store_const", const="events", help=merged_help)


def progress(args: argparse.Namespace) -> bool | None:
    # --quiet hides the bar too, unless --progress asks for it.
    shown: bool | None = False if args.quiet and args.progress is None else args.progress
    return shown


def finish_run(report: RunReport, quiet: bool) -> int:
    """Print the run's errors and summary; exit status 1 when a record was skipped."""
    report.print_errors()
    if not quiet or report.skipped:
        print(report.summary(), file=sys.stderr)
    return 1 if report.skipped else 0
