"""The event query parameters, declared once for `flashpoint events` and the REST API.

Each parameter is read from the user's text (or a Python value) by one validator here,
so the CLI and every API route refuse the same values with the same message. Bounds
(dates, page sizes, offset, text length, series length) come from data/query.yaml.
An ``EventFilter`` turns the checked values into SQL over ``events e``, ``locations l``
and ``documents d``; user values only ever travel as bound parameters.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import date as Date
from datetime import timedelta
from functools import lru_cache
from typing import Any

from ..errors import UsageError
from ..io.formats.countries import country_codes
from ..ontology import load_data_yaml, load_ontology
from .places import place_keys_for

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WHOLE = re.compile(r"^\+?\d+$")

# One help line per parameter: argparse and the OpenAPI page both show these.
HELP = {
    "since": "first date, YYYY-MM-DD (a month YYYY-MM or year YYYY starts on its first day)",
    "until": "last date, YYYY-MM-DD (a month or year runs to its last day)",
    "country": "ISO 3166 alpha-2 code(s) of the event's place, comma-separated, e.g. XK,RS",
    "type": "PLOVER type(s), comma-separated, e.g. PROTEST,ASSAULT",
    "acled_type": "ACLED event type(s), comma-separated, e.g. Protests,Riots",
    "acled_sub_type": "ACLED sub-event type(s), comma-separated, e.g. Peaceful protest",
    "actor": "text in the name of an actor or target, e.g. KFOR (case and accents ignored)",
    "admin1": "first-level area, e.g. Mitrovica (case and accents ignored; comma-separated)",
    "admin2": "second-level area, e.g. Zvecan (case and accents ignored; comma-separated)",
    "place": "place name, admin1 or admin2, e.g. Mitrovica",
    "min_fatalities": "only events with at least this many people killed",
    "q": "text in the evidence sentence, the trigger or the article title",
    "near": "LAT,LON,KM: within KM of a point, e.g. 42.9,20.8,25",
    "unit": "what a row is: events (one per real-world event, its reports merged; the "
    "default) or reports (each article's report on its own)",
    "limit": "how many rows at most (exports: every matching row when not given)",
    "offset": "rows to skip before the first one returned",
}


@dataclass(frozen=True)
class QueryBounds:
    earliest: Date
    latest: Date
    limits: dict[str, int]
    defaults: dict[str, int]
    units: tuple[str, ...]


@lru_cache(maxsize=1)
def query_bounds() -> QueryBounds:
    """The bounds in data/query.yaml."""
    raw = load_data_yaml("query.yaml")
    return QueryBounds(
        earliest=raw["dates"]["earliest"],
        latest=raw["dates"]["latest"],
        limits={k: int(v) for k, v in raw["limits"].items()},
        defaults={k: int(v) for k, v in raw["defaults"].items()},
        units=tuple(str(u) for u in raw["units"]),
    )


def fold(text: str) -> str:
    """Lower case without accents, as DuckDB's strip_accents(lower(x)) compares."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


# -- dates --------------------------------------------------------------------------


def date_floor(value: str | Date | None) -> Date | None:
    """The first day an ISO date, month ("2023-04") or year ("2023") covers; None if unreadable."""
    if value is None:
        return None
    if isinstance(value, Date):
        return value
    m = ISO_DATE.match(value.strip())
    if not m:
        return None
    try:
        return Date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def date_ceiling(value: str | Date | None) -> Date | None:
    """The last day an ISO date, month or year covers: `--until 2023-04` means all of April."""
    first = date_floor(value)
    if first is None or not isinstance(value, str):
        return first
    parts = value.strip().split("-")
    if len(parts) == 1:
        return Date(first.year, 12, 31)
    if len(parts) == 2:
        nxt = Date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return Date.fromordinal(nxt.toordinal() - 1)
    return first


def parse_day(value: str | Date | None, name: str, last: bool = False) -> Date | None:
    """The first (or, with ``last``, the last) day ``value`` covers, within the bounds of
    data/query.yaml; a UsageError naming ``name`` otherwise."""
    if value is None:
        return None
    if not isinstance(value, (str, Date)):
        raise UsageError(f"{name} must be an ISO date like 2023-04-05, not {value!r}")
    day = date_ceiling(value) if last else date_floor(value)
    if day is None:
        raise UsageError(
            f"{name} must be an ISO date like 2023-04-05, 2023-04 or 2023, not {str(value)[:40]!r}"
        )
    bounds = query_bounds()
    if not bounds.earliest <= day <= bounds.latest:
        raise UsageError(f"{name} must be between {bounds.earliest} and {bounds.latest}, not {day}")
    return day


def date_range_clauses(
    column: str, since: str | Date | None, until: str | Date | None
) -> tuple[list[str], list[Any]]:
    """SQL conditions and parameters keeping ``column`` within [since, until] (a month or
    year covers all its days); an unreadable bound is a UsageError naming it."""
    lo, hi = parse_day(since, "since"), parse_day(until, "until", last=True)
    if lo is not None and hi is not None and lo > hi:
        raise UsageError(f"since ({lo}) is later than until ({hi})")
    clauses: list[str] = []
    params: list[Any] = []
    for op, day in ((">=", lo), ("<=", hi)):
        if day is not None:
            clauses.append(f"{column} {op} ?")
            params.append(day)
    return clauses, params


def earliest_period(last: Date, interval: str) -> Date:
    """The first period of the longest series data/query.yaml allows that ends at ``last``."""
    step = 7 if interval == "week" else 1
    return last - timedelta(days=step * (query_bounds().limits["timeseries_periods"] - 1))


def check_span(first: Date, last: Date, interval: str) -> None:
    """Refuse a series of more periods than data/query.yaml allows."""
    step = 7 if interval == "week" else 1
    periods = (last - first).days // step + 1
    most = query_bounds().limits["timeseries_periods"]
    if periods > most:
        advice = "narrow since/until" + (" or use interval=week" if interval == "day" else "")
        raise UsageError(
            f"{first} to {last} holds {periods:,} {interval}s; a series may hold at most {most:,}: {advice}"
        )


# -- numbers --------------------------------------------------------------------------


def parse_whole(value: Any, name: str, most: int | None = None) -> int | None:
    """A whole number from 0 to ``most``, from an int or its decimal text."""
    if value is None:
        return None
    if isinstance(value, str) and _WHOLE.match(value.strip()) and len(value.strip()) <= 30:
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UsageError(f"{name} must be a whole number of at least 0, not {str(value)[:40]!r}")
    if most is not None and value > most:
        raise UsageError(f"{name} must be at most {most:,}, not {value:,}")
    return value


def parse_unit(value: Any) -> str:
    """The unit of an event list (data/query.yaml ``units``; None: the first, merged events)."""
    units = query_bounds().units
    if value is None:
        return units[0]
    text = str(value).strip().lower()
    if text not in units:
        raise _unknown("unit", str(value), units)
    return text


def parse_page(limit: Any, offset: Any, kind: str) -> tuple[int | None, int]:
    """(limit, offset) for one page of ``kind`` (events, geojson or export): limit is
    bounded by data/query.yaml and defaults to its ``defaults`` entry, or to None (every
    row) for a kind without one, the exports; offset is bounded by its ``offset`` limit."""
    bounds = query_bounds()
    got = parse_whole(limit, "limit", bounds.limits[kind])
    return (
        bounds.defaults.get(kind) if got is None else got,
        parse_whole(offset, "offset", bounds.limits["offset"]) or 0,
    )


def parse_near(value: Any) -> tuple[float, float, float] | None:
    """(lat, lon, km) from "LAT,LON,KM" or a 3-item sequence: finite, on the globe, km > 0."""
    if value is None:
        return None
    parts = value.split(",") if isinstance(value, str) else value
    try:
        lat, lon, km = (float(v) for v in parts)
    except (TypeError, ValueError):
        raise UsageError(f"near takes LAT,LON,KM, e.g. 42.9,20.8,25, not {str(value)[:60]!r}") from None
    if not all(math.isfinite(v) for v in (lat, lon, km)):
        raise UsageError(f"near must hold finite numbers, not {str(value)[:60]!r}")
    if not -90 <= lat <= 90:
        raise UsageError(f"near: latitude must be between -90 and 90, not {lat}")
    if not -180 <= lon <= 180:
        raise UsageError(f"near: longitude must be between -180 and 180, not {lon}")
    most = query_bounds().limits["near_km"]
    if not 0 < km <= most:
        raise UsageError(f"near: the distance must be more than 0 and at most {most} km, not {km}")
    return lat, lon, km


# -- names ------------------------------------------------------------------------------


def split_filter_values(value: str | Iterable[str] | None, name: str) -> list[str] | None:
    """Comma-separated (or listed) filter values, upper-cased; an empty filter is an error."""
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    cleaned = [str(v).strip().upper() for v in items if str(v).strip()]
    if not cleaned:
        raise UsageError(f"{name} filter is empty")
    return cleaned


def _unknown(name: str, value: str, valid: Iterable[str], hint: str = "") -> UsageError:
    by_upper = {v.upper(): v for v in valid}
    close = difflib.get_close_matches(value.upper(), list(by_upper), n=1, cutoff=0.75)
    guess = hint or (f" (did you mean {by_upper[close[0]]}?)" if close else "")
    return UsageError(f"unknown {name} {value[:60]!r}{guess}; valid values: {', '.join(by_upper.values())}")


def _canonical(
    given: list[str] | None, known: dict[str, str], label: str, hint: Callable[[str], str] | None = None
) -> tuple[str, ...] | None:
    """Each upper-cased name in ``given`` as ``known`` spells it; an unknown one is an
    error listing every valid value."""
    if given is None:
        return None
    for item in given:
        if item not in known:
            raise _unknown(label, item, dict.fromkeys(known.values()), hint(item) if hint else "")
    return tuple(dict.fromkeys(known[item] for item in given))


def _country_hint(text: str) -> str:
    by_name = {fold(name): code for code, name in country_codes().items()}
    return f" (did you mean {by_name[fold(text)]}?)" if fold(text) in by_name else ""


def parse_countries(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """ISO alpha-2 codes; a country name gets a suggestion of its code."""
    known = {code: code for code in sorted(country_codes())}
    return _canonical(split_filter_values(value, "country"), known, "country", _country_hint)


def parse_types(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """PLOVER types (older drafts' names such as DEMAND are read as their PLOVER type)."""
    onto = load_ontology()
    known = {t: t for t in onto.types} | dict(onto.aliases)
    return _canonical(split_filter_values(value, "type"), known, "PLOVER type")


def parse_acled(value: str | Iterable[str] | None, sub: bool) -> tuple[str, ...] | None:
    """ACLED event types (``sub``: sub-event types) in the ontology's spelling, any case."""
    table = load_ontology().acled_types
    valid = [s for subs in table.values() for s in subs] if sub else list(table)
    given = split_filter_values(value, "acled_sub_type" if sub else "acled_type")
    return _canonical(
        given, {v.upper(): v for v in valid}, "ACLED sub-event type" if sub else "ACLED event type"
    )


def parse_text(value: str | None, name: str) -> str | None:
    """Free text, trimmed: not empty, not longer than data/query.yaml's ``text`` limit."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{name} filter is empty")
    most = query_bounds().limits["text"]
    if len(value) > most:
        raise UsageError(f"{name} filter is longer than {most} characters")
    return value.strip()


def parse_areas(value: str | Iterable[str] | None, name: str) -> tuple[str, ...] | None:
    """Area names, comma-separated, folded for a case- and accent-free comparison."""
    text = parse_text(value if value is None or isinstance(value, str) else ",".join(value), name)
    if text is None:
        return None
    names = tuple(fold(v.strip()) for v in text.split(",") if v.strip())
    if not names:
        raise UsageError(f"{name} filter is empty")
    return names


def haversine_sql(lat1: str, lon1: str, lat2: str, lon2: str) -> str:
    """Great-circle distance in km between two SQL expressions (column names or ``?``)."""
    return (
        f"(2 * {EARTH_RADIUS_KM} * asin(sqrt("
        f"pow(sin(radians({lat2} - {lat1}) / 2), 2) + "
        f"cos(radians({lat1})) * cos(radians({lat2})) * "
        f"pow(sin(radians({lon2} - {lon1}) / 2), 2))))"
    )


# Each field's checker, given the raw value a caller passed (anything: the checker refuses what it
# cannot read), returning the value the filter keeps.
_READERS: dict[str, Callable[[Any], object]] = {
    "since": lambda v: parse_day(v, "since"),
    "until": lambda v: parse_day(v, "until", last=True),
    "country": parse_countries,
    "type": parse_types,
    "acled_type": lambda v: parse_acled(v, sub=False),
    "acled_sub_type": lambda v: parse_acled(v, sub=True),
    "actor": lambda v: parse_text(v, "actor"),
    "admin1": lambda v: parse_areas(v, "admin1"),
    "admin2": lambda v: parse_areas(v, "admin2"),
    "place": lambda v: parse_text(v, "place"),
    "min_fatalities": lambda v: parse_whole(v, "min_fatalities", query_bounds().limits["fatalities"]),
    "q": lambda v: parse_text(v, "q"),
    "near": parse_near,
}


@dataclass(frozen=True)
class EventFilter:
    """The filters of an event list; each left as None is not applied.

    Built from the user's text or Python values, every field is checked and normalised on
    construction (see HELP for what each means): dates become ``date`` objects, lists
    become tuples of canonical names. A bad value raises UsageError naming the parameter.
    """

    since: Any = None
    until: Any = None
    country: Any = None
    type: Any = None
    acled_type: Any = None
    acled_sub_type: Any = None
    actor: Any = None
    admin1: Any = None
    admin2: Any = None
    place: Any = None
    min_fatalities: Any = None
    q: Any = None
    near: Any = None

    def __post_init__(self) -> None:
        for f in fields(EventFilter):
            # frozen: the checked value replaces the given one once, here
            object.__setattr__(self, f.name, _READERS[f.name](getattr(self, f.name)))
        if self.since is not None and self.until is not None and self.since > self.until:
            raise UsageError(f"since ({self.since}) is later than until ({self.until})")

    def clauses(self) -> tuple[list[str], list[Any]]:
        """SQL conditions over ``events e``, ``locations l``, ``documents d``, and their
        parameters in placeholder order."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        for column, op, day in (("e.date_start", ">=", self.since), ("e.date_start", "<=", self.until)):
            if day is not None:
                add(f"{column} {op} ?", day)
        for column, values in (
            ("upper(l.country)", self.country),
            ("upper(e.type)", self.type),
            ("lower(e.acled_event_type)", _lower(self.acled_type)),
            ("lower(e.acled_sub_event_type)", _lower(self.acled_sub_type)),
            ("strip_accents(lower(trim(l.admin1)))", self.admin1),
            ("strip_accents(lower(trim(l.admin2)))", self.admin2),
        ):
            if values is not None:
                add(f"list_contains(?, {column})", list(values))
        if self.actor is not None:
            add(
                "EXISTS (SELECT 1 FROM actors a WHERE a.event_id = e.event_id"
                " AND (strpos(strip_accents(lower(coalesce(a.text, ''))), ?) > 0"
                " OR strpos(strip_accents(lower(coalesce(a.name, ''))), ?) > 0))",
                fold(self.actor),
                fold(self.actor),
            )
        if self.place is not None:
            # Same key as the monitor's place filter, so an alert's place finds its events.
            add(
                "list_has_any(?::VARCHAR[], [strip_accents(lower(trim(l.name))),"
                " strip_accents(lower(trim(l.admin1))), strip_accents(lower(trim(l.admin2)))])",
                place_keys_for(self.place),
            )
        if self.min_fatalities:
            add("e.fatalities >= ?", self.min_fatalities)
        if self.q is not None:
            needle = self.q.lower()
            add(
                "(strpos(lower(coalesce(e.evidence_text, '')), ?) > 0"
                " OR strpos(lower(coalesce(e.trigger_text, '')), ?) > 0"
                " OR strpos(lower(coalesce(d.title, '')), ?) > 0)",
                needle,
                needle,
                needle,
            )
        if self.near is not None:
            lat, lon, km = self.near
            add(
                "l.lat IS NOT NULL AND l.lon IS NOT NULL AND "
                + haversine_sql("?", "?", "l.lat", "l.lon")
                + " <= ?",
                *_near_params(lat, lon),
                km,
            )
        return clauses, params

    def where(self) -> tuple[str, list[Any]]:
        """``" WHERE ..."`` (or "") and its parameters."""
        clauses, params = self.clauses()
        where = (" WHERE " + " AND ".join(f"({c})" for c in clauses)) if clauses else ""
        return where, params


def _lower(values: tuple[str, ...] | None) -> list[str] | None:
    return None if values is None else [v.lower() for v in values]


def _near_params(lat: float, lon: float) -> list[float]:
    """The point's values in the order haversine_sql("?", "?", ...) places its placeholders."""
    expr = haversine_sql(":plat", ":plon", "l.lat", "l.lon")
    return [lat if t == ":plat" else lon for t in re.findall(r":plat|:plon", expr)]
