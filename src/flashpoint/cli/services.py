"""`flashpoint watch` and `flashpoint serve`: the long-running commands, which follow news
feeds into the database and serve the REST API and dashboard over it."""

from __future__ import annotations

import argparse

from .options import Subparsers, add_command, add_db_flag, add_model_flag


def cmd_watch(args: argparse.Namespace) -> int:
    from ..watch.config import parse_duration, plan_from
    from ..watch.service import watch

    plan = plan_from(args.feed, args.feeds, webhook=args.webhook, command=args.command)
    interval = parse_duration(args.interval) if args.interval else None
    results = watch(plan, args.db, interval_s=interval, once=args.once, model=args.model)
    return 1 if any(r.feeds_failed for r in results) else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ..web.app import serve

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


def add_parsers(sub: Subparsers) -> None:
    _add_watch(sub)
    _add_serve(sub)


def _add_watch(sub: Subparsers) -> None:
    p = add_command(
        sub, "watch", cmd_watch, "follow news feeds, code new articles into the database, push alerts"
    )
    p.add_argument(
        "--feed", action="append", metavar="URL", help="an RSS, Atom or news sitemap URL (repeatable)"
    )
    p.add_argument(
        "--feeds", metavar="FILE", help="YAML file: feeds: [{url, name, language}], webhook, command"
    )
    add_db_flag(p)
    p.add_argument(
        "--interval", metavar="TIME", help="time between cycles, e.g. 15m (default: the file's, else 15m)"
    )
    p.add_argument("--once", action="store_true", help="run one cycle; exit 1 if any feed failed")
    p.add_argument("--webhook", metavar="URL", help="POST new or grown alerts as JSON to URL")
    p.add_argument("--command", metavar="CMD", help="run CMD with each new or grown alert as JSON on stdin")
    add_model_flag(p)


def _add_serve(sub: Subparsers) -> None:
    p = add_command(sub, "serve", cmd_serve, "serve the REST API and the dashboard over one event database")
    add_db_flag(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
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
    add_model_flag(p)
