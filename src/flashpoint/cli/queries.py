"""`flashpoint events`, `timeline`, `alerts` and `geocode`: read what is stored (or the
gazetteer) and print it; the filters are those of the REST API, checked the same way."""

from __future__ import annotations

import argparse
import json
import sys

from .options import EVENT_FILTERS, Subparsers, add_command, add_db_flag, add_filter_flags, add_unit_flags


def cmd_events(args: argparse.Namespace) -> int:
    from ..facade import query_events
    from ..io.rows import print_rows
    from ..store import EventQuery
    from ..store.filters import parse_unit

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
        from ..scale import query_lake  # Dask's imports take a second: only for a lake

        rows = query_lake(args.lake, **checked)
    else:
        rows = query_events(args.db, **checked)
    print_rows(rows, args.format, sys.stdout)
    return 0


def cmd_alerts(args: argparse.Namespace) -> int:
    from ..monitor.alerts import alerts_in_db, format_alerts
    from ..store.filters import EventFilter

    flt = EventFilter(since=args.since, until=args.until, place=args.place)
    alerts = alerts_in_db(args.db, since=flt.since, until=flt.until, place=flt.place)
    if args.format == "json":
        print(json.dumps({"alerts": [a.to_dict() for a in alerts]}, ensure_ascii=False, indent=2))
    else:
        print(format_alerts(alerts))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from ..monitor.aggregates import format_timeline, timeline_in_db
    from ..store.filters import EventFilter, parse_unit

    # Checked before the database is opened, by the validators `events` uses.
    flt = EventFilter(**{name: getattr(args, name) for name in EVENT_FILTERS})
    answer = timeline_in_db(args.db, args.interval, unit=parse_unit(args.unit), filters=flt)
    if args.format == "json":
        print(json.dumps(answer, ensure_ascii=False, indent=2))
    else:
        print(format_timeline(answer))
    return 0


def cmd_geocode(args: argparse.Namespace) -> int:
    from ..geo import format_geocode, geocode
    from ..store.filters import parse_countries, parse_whole

    results = geocode(
        args.query, country=parse_countries(args.country), limit=parse_whole(args.limit, "limit")
    )
    if args.json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        print(format_geocode(results))
    return 0 if results else 1


def add_parsers(sub: Subparsers) -> None:
    _add_events(sub)
    _add_timeline(sub)
    _add_alerts(sub)
    _add_geocode(sub)


def _add_events(sub: Subparsers) -> None:
    p = add_command(sub, "events", cmd_events, "list stored events, filtered")
    add_db_flag(p)
    p.add_argument("--lake", metavar="DIR", help="query this Parquet lake instead of the database")
    add_filter_flags(p, EVENT_FILTERS)
    p.add_argument("--limit", metavar="N", help="list N events at most (default: all)")
    p.add_argument("--offset", metavar="N", help="skip the first N events")
    add_unit_flags(
        p,
        reports_help="one row per report (article) instead of one per real-world event",
        merged_help="one row per real-world event, its reports merged (the default)",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=("table", "json", "jsonl", "csv", "geojson", "acled-csv"),
        default="table",
        help="geojson leaves out events without coordinates, acled-csv "
        "those without an ACLED event type or a country",
    )


def _add_timeline(sub: Subparsers) -> None:
    p = add_command(
        sub,
        "timeline",
        cmd_timeline,
        "events, killed, injured and arrested per day or week, with the filters of `events`",
    )
    add_db_flag(p)
    add_filter_flags(p, EVENT_FILTERS)
    p.add_argument(
        "--interval",
        choices=("day", "week"),
        default="day",
        help="one row per day or per week (weeks start on Monday)",
    )
    add_unit_flags(
        p,
        reports_help="count reports (articles) instead of real-world events",
        merged_help="count real-world events, their reports merged (the default)",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=("table", "json"),
        default="table",
        help="json is the answer of /stats/timeseries",
    )


def _add_alerts(sub: Subparsers) -> None:
    p = add_command(sub, "alerts", cmd_alerts, "places whose recent events depart from their own history")
    add_db_flag(p)
    p.add_argument("--since", help="first window end to report, YYYY-MM-DD")
    p.add_argument("--until", help="last window end; later events are not read, YYYY-MM-DD")
    p.add_argument("--place", help="admin1/admin2 area or place name, e.g. Mitrovica")
    p.add_argument("--format", "-f", choices=("table", "json"), default="table", help="output format")


def _add_geocode(sub: Subparsers) -> None:
    p = add_command(sub, "geocode", cmd_geocode, "look a place name up in the offline gazetteer")
    p.add_argument("query")
    p.add_argument("--country", help="only places in these ISO alpha-2 countries, comma-separated")
    p.add_argument("--limit", metavar="N", help="print the N most populous places at most")
    p.add_argument("--json", action="store_true", help="print the places as a JSON list")
