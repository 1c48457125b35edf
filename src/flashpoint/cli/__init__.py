"""The `flashpoint` command. Each command parses its options, calls one library
function and formats the result; errors print as one line, never a traceback.

One module per group of commands (coding, queries, measuring, services, training), each
registering its commands with ``add_parsers`` next to their ``cmd_*`` functions."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import FlashpointError
from . import coding, measuring, queries, services, training
from .options import EVENT_FILTERS, Command

__all__ = ["EVENT_FILTERS", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flashpoint", description="Turn news articles into geocoded conflict and crisis events."
    )
    parser.add_argument("--version", action="version", version=f"flashpoint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # in the order `flashpoint --help` lists them: from coding articles to serving events
    for group in (coding, queries, measuring, services, training):
        group.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Command | None = getattr(args, "func", None)
    if not func:
        parser.print_help()
        return 2
    try:
        return func(args)
    except FlashpointError as exc:
        print(f"flashpoint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("flashpoint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
