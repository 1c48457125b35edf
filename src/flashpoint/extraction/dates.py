"""Find date expressions in plain text and resolve them against a publication date.

Pure regular expressions built once from ``data/lexicons/dates.yaml``; no NLP model.
Relative expressions ("on Monday", "last week") need the publication date; without one
only absolute dates ("26 May 2023", "in 2008") are returned.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from flashpoint.errors import DataFileError
from flashpoint.ontology import parse_yaml

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "dates.yaml"

_YEAR = r"(?:19\d\d|20\d\d)"
# A leading "date 2023-05-29" is how the reference articles carry their own metadata.
_METADATA_RE = re.compile(r"\s*date\s+(\d{4}-\d\d-\d\d)\b")


@dataclass(frozen=True)
class DateMention:
    """A date expression, ``text == source[start:end]``, resolved to an ISO date string.

    ``date`` is YYYY-MM-DD for day and week precision (a week is dated by its anchor day),
    YYYY-MM for month and YYYY for year. ``relative`` is True when the publication date was
    needed to resolve it; ``past_distance_days`` is publication minus the first day of the
    period (negative for the future), None without a publication date.
    """

    start: int
    end: int
    text: str
    date: str
    precision: str
    relative: bool
    past_distance_days: int | None


@dataclass(frozen=True)
class _Resolved:
    first_day: _dt.date
    precision: str
    relative: bool


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def read_lexicon(path: Path) -> dict[str, Any]:
    """The word lists of the date lexicon at ``path``, checked for every key the patterns
    need."""
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read date lexicon {path}: {exc}") from exc
    required = (
        "months",
        "month_abbreviations",
        "weekdays",
        "day_parts",
        "month_cues",
        "year_cues",
        "year_determiners",
        "year_event_nouns",
        "relative_phrases",
        "weekend_phrases",
        "number_words",
        "future_cues",
        "reporting_verbs",
        "embedding_words",
    )
    if not isinstance(data, dict):
        raise DataFileError(f"date lexicon {path} lacks: {', '.join(required)}")
    missing = [key for key in required if key not in data]
    if missing:
        raise DataFileError(f"date lexicon {path} lacks: {', '.join(missing)}")
    return data


@dataclass(frozen=True)
class DatePatterns:
    iso: re.Pattern[str]
    slash: re.Pattern[str]
    day_month: re.Pattern[str]
    month_day: re.Pattern[str]
    month_year: re.Pattern[str]
    month_alone: re.Pattern[str]
    year_cued: re.Pattern[str]
    year_possessive: re.Pattern[str]
    year_attributive: re.Pattern[str]
    weekday: re.Pattern[str]
    relative: re.Pattern[str]
    weekend: re.Pattern[str]
    ago: re.Pattern[str]
    future: re.Pattern[str]
    reporting: re.Pattern[str]
    embedding: re.Pattern[str]


def compile_patterns(lex: dict[str, Any]) -> DatePatterns:
    """The regular expressions of the date lexicon ``lex``."""
    full = _alternation(list(lex["months"]))
    any_month = _alternation(list(lex["months"]) + list(lex["month_abbreviations"]))
    ordinal = r"(?:st|nd|rd|th)?"
    # A year is never followed by more digits, a decade "s", a percent or a decimal part.
    year_end = r"\b(?![-/]\d|%|,\d|\.\d)"
    qualifier = r"(?:(?i:early|late|mid)[-\s]+)?"
    # "Jan. 5": the dot of a short month name, but never a sentence's full stop.
    abbr_dot = r"(?:\.(?=\s+\d))?"

    def words(key: str) -> str:
        return _alternation([str(w) for w in lex[key]])

    return DatePatterns(
        iso=re.compile(rf"(?<![\d-])(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])"),
        slash=re.compile(rf"(?<![\d/])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>{_YEAR})(?![\d/])"),
        day_month=re.compile(
            rf"\b(?P<d>\d{{1,2}}){ordinal}\s+(?:of\s+)?(?P<mon>{any_month})\b{abbr_dot}"
            rf"(?:,?\s+(?P<y>{_YEAR}){year_end})?"
        ),
        month_day=re.compile(
            rf"\b(?P<mon>{any_month})\b{abbr_dot}\s+(?P<d>\d{{1,2}}){ordinal}\b(?![,.]\d|%)"
            rf"(?:,?\s+(?P<y>{_YEAR}){year_end})?"
        ),
        month_year=re.compile(rf"\b(?P<mon>{full})\s+(?:of\s+)?(?P<y>{_YEAR}){year_end}"),
        month_alone=re.compile(
            rf"\b(?P<cue>(?i:{words('month_cues')}))[\s-]+(?:(?i:the)\s+)?"
            rf"(?P<span>{qualifier}(?P<mon>{full}))\b"
        ),
        year_cued=re.compile(
            rf"\b(?i:{words('year_cues')})[\s-]+(?P<span>{qualifier}(?P<y>{_YEAR})){year_end}"
            r"(?!s\b)"
        ),
        year_possessive=re.compile(rf"\b(?P<span>(?P<y>{_YEAR}))['\u2019]s\b"),
        year_attributive=re.compile(
            rf"\b(?i:{words('year_determiners')})\s+(?P<span>(?P<y>{_YEAR}))\s+"
            rf"(?i:{words('year_event_nouns')})\b"
        ),
        weekday=re.compile(
            rf"\b(?:(?P<mod>(?i:last|next|this|past))\s+)?(?P<wd>{words('weekdays')})\b"
            rf"(?:\s+(?P<part>(?i:{words('day_parts')}))\b)?"
        ),
        relative=re.compile(rf"\b(?i:{words('relative_phrases')})\b"),
        weekend=re.compile(rf"\b(?i:{words('weekend_phrases')})\b"),
        ago=re.compile(
            rf"\b(?P<n>\d{{1,3}}|(?i:{words('number_words')}))\s+"
            r"(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b"
        ),
        future=re.compile(rf"\b(?:{words('future_cues')})(?![\w'])", re.IGNORECASE),
        reporting=re.compile(rf"\b(?:{words('reporting_verbs')})\s+(?:on\s+)?$", re.IGNORECASE),
        embedding=re.compile(rf"\b(?:{words('embedding_words')})\s+(?:\w+\s+)?$", re.IGNORECASE),
    )


@dataclass(frozen=True)
class DateRules:
    """A date lexicon and the patterns compiled from it: what the dates stage loads once."""

    lexicon: dict[str, Any]
    patterns: DatePatterns


@lru_cache(maxsize=4)
def load_date_rules(path: Path = LEXICON_PATH) -> DateRules:
    """The date rules of the lexicon at ``path`` (the shipped one by default), read and
    compiled once per path."""
    lex = read_lexicon(path)
    return DateRules(lex, compile_patterns(lex))


def _safe_date(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(name: str, lex: dict[str, Any]) -> int:
    return int(lex["months"].get(name) or lex["month_abbreviations"][name])


def _add_months(day: _dt.date, months: int) -> _dt.date:
    index = day.year * 12 + day.month - 1 + months
    return _dt.date(index // 12, index % 12 + 1, 1)


def _nearest_year(month: int, dom: int, pub: _dt.date) -> _dt.date | None:
    """A day-and-month without a year: the candidate year that puts it nearest to pub."""
    candidates = [
        d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _safe_date(y, month, dom)) is not None
    ]
    return min(candidates, key=lambda d: abs((d - pub).days)) if candidates else None


def _day_month(m: re.Match[str], pub: _dt.date | None, rules: DateRules) -> _Resolved | None:
    month, dom = _month_number(m["mon"], rules.lexicon), int(m["d"])
    if m["y"]:
        day = _safe_date(int(m["y"]), month, dom)
        return _Resolved(day, "day", False) if day else None
    if pub is None:
        return None
    day = _nearest_year(month, dom, pub)
    return _Resolved(day, "day", True) if day else None


def _iso(m: re.Match[str], pub: _dt.date | None, rules: DateRules) -> _Resolved | None:
    day = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _Resolved(day, "day", False) if day else None


def _slash(m: re.Match[str], pub: _dt.date | None, rules: DateRules) -> _Resolved | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    # Only unambiguous orders: 26/05/2023 (day first) or 05/26/2023 (month first).
    if a > 12 >= b:
        day = _safe_date(year, b, a)
    elif b > 12 >= a:
        day = _safe_date(year, a, b)
    else:
        return None
    return _Resolved(day, "day", False) if day else None


def _month_year(m: re.Match[str], pub: _dt.date | None, rules: DateRules) -> _Resolved:
    return _Resolved(_dt.date(int(m["y"]), _month_number(m["mon"], rules.lexicon), 1), "month", False)


def _month_alone(m: re.Match[str], pub: _dt.date | None, rules: DateRules) -> _Resolved | None:
    if pub is None:
        return None
    month = _month_number(m["mon"], rules.lexicon)
    # Events are mostly reported after they happen: a month later in the year than the
    # publication month is last year's; "last May" read in May is last year's too.
    strictly_before = m["cue"].lower() == "last"
    later = month >= pub.month if strictly_before else month > pub.month
    return _Resolved(_dt.date(pub.year - 1 if later else pub.year, month, 1), "month", True)


def _year(m: re.Match[str], pub: _dt.date | None, rules: DateRules) -> _Resolved:
    return _Resolved(_dt.date(int(m["y"]), 1, 1), "year", False)


def _weekday(m: re.Match[str], pub: _dt.date | None, rules: DateRules, text: str) -> _Resolved | None:
    if pub is None:
        return None
    target = int(rules.lexicon["weekdays"][m["wd"]])
    modifier = (m["mod"] or "").lower()
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    if modifier == "next":
        return _Resolved(pub + _dt.timedelta(days=ahead or 7), "day", True)
    if modifier in ("last", "past"):
        return _Resolved(pub - _dt.timedelta(days=back or 7), "day", True)
    clause = re.split(r"[.;:!?,]", text[max(0, m.start() - 80) : m.start()])[-1]
    if rules.patterns.future.search(clause):
        return _Resolved(pub + _dt.timedelta(days=ahead), "day", True)
    # News convention: a bare weekday is the latest such day, publication day included.
    return _Resolved(pub - _dt.timedelta(days=back), "day", True)


def _relative(m: re.Match[str], pub: _dt.date | None, rules: DateRules) -> _Resolved | None:
    if pub is None:
        return None
    phrase = re.sub(r"\s+", " ", m.group(0).lower())
    rule = rules.lexicon["relative_phrases"][phrase]
    return _shift(pub, str(rule["unit"]), int(rule["offset"]))


def _shift(pub: _dt.date, unit: str, offset: int) -> _Resolved:
    if unit == "day":
        return _Resolved(pub + _dt.timedelta(days=offset), "day", True)
    if unit == "week":
        return _Resolved(pub + _dt.timedelta(days=7 * offset), "week", True)
    if unit == "month":
        return _Resolved(_add_months(pub, offset), "month", True)
    return _Resolved(_dt.date(pub.year + offset, 1, 1), "year", True)


def _weekend(m: re.Match[str], pub: _dt.date | None, rules: DateRules) -> _Resolved | None:
    if pub is None:
        return None
    phrase = re.sub(r"\s+", " ", m.group(0).lower())
    back = (pub.weekday() - 5) % 7
    if int(rules.lexicon["weekend_phrases"][phrase]) < 0:
        back = back or 7
    return _Resolved(pub - _dt.timedelta(days=back), "week", True)


def _ago(m: re.Match[str], pub: _dt.date | None, rules: DateRules) -> _Resolved | None:
    if pub is None:
        return None
    raw = m["n"].lower()
    count = int(raw) if raw.isdigit() else int(rules.lexicon["number_words"][raw])
    return _shift(pub, m["unit"].lower(), -count)


def _format(resolved: _Resolved) -> str:
    day = resolved.first_day
    if resolved.precision == "year":
        return f"{day.year:04d}"
    if resolved.precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _candidates(text: str, pub: _dt.date | None, rules: DateRules) -> list[tuple[int, int, _Resolved]]:
    p = rules.patterns
    simple: list[tuple[re.Pattern[str], Callable[..., _Resolved | None], str | int]] = [
        (p.iso, _iso, 0),
        (p.slash, _slash, 0),
        (p.day_month, _day_month, 0),
        (p.month_day, _day_month, 0),
        (p.month_year, _month_year, 0),
        (p.month_alone, _month_alone, "span"),
        (p.year_cued, _year, "span"),
        (p.year_possessive, _year, "span"),
        (p.year_attributive, _year, "span"),
        (p.relative, _relative, 0),
        (p.weekend, _weekend, 0),
        (p.ago, _ago, 0),
    ]
    found: list[tuple[int, int, _Resolved]] = []
    for pattern, resolve, group in simple:
        for m in pattern.finditer(text):
            resolved = _in_calendar(resolve, m, pub, rules)
            if resolved is not None:
                found.append((m.start(group), m.end(group), resolved))
    for m in p.weekday.finditer(text):
        resolved = _in_calendar(_weekday, m, pub, rules, text)
        if resolved is not None:
            found.append((m.start(), m.end(), resolved))
    return found


def _in_calendar(resolve: Callable[..., _Resolved | None], *args: object) -> _Resolved | None:
    """``resolve(*args)``, or None when the day falls outside years 1-9999 ("in the year 0",
    "yesterday" published on 0001-01-01): no real event date, so not a candidate."""
    try:
        return resolve(*args)
    except (ValueError, OverflowError):
        return None


def find_dates(text: str, pub: _dt.date | None, rules: DateRules) -> list[DateMention]:
    """All date expressions in ``text``, left to right, offsets relative to ``text``.

    Where expressions overlap the one starting first (then the longest) is kept.
    """
    metadata = _METADATA_RE.match(text)
    skip = (metadata.start(1), metadata.end(1)) if metadata else (-1, -1)
    found = sorted(_candidates(text, pub, rules), key=lambda c: (c[0], c[0] - c[1]))
    mentions: list[DateMention] = []
    last_end = -1
    for start, end, resolved in found:
        if start < last_end or (start, end) == skip:
            continue
        last_end = end
        distance = (pub - resolved.first_day).days if pub is not None else None
        mentions.append(
            DateMention(
                start,
                end,
                text[start:end],
                _format(resolved),
                resolved.precision,
                resolved.relative,
                distance,
            )
        )
    return mentions


# Penalties (in characters of distance) for dates that probably do not date the event.
_EMBEDDED_PENALTY = 1000
_REPORTING_PENALTY = 300


def _penalty(sentence: str, mention: DateMention, p: DatePatterns) -> int:
    before = sentence[max(0, mention.start - 40) : mention.start]
    if p.embedding.search(before):
        return _EMBEDDED_PENALTY
    if p.reporting.search(before):
        return _REPORTING_PENALTY
    return 0


def told_days(
    text: str, pub: _dt.date | None, rules: DateRules, exclude: Callable[[DateMention], bool] | None = None
) -> list[DateMention]:
    """The days a story names for what it tells, in text order: day-precise date
    expressions not attached to a reporting verb ("officials said Thursday") or to a
    description of something else ("whose 2008 independence"), not after ``pub``, and
    not ones ``exclude`` says date something other than an act of the story."""
    if pub is None:
        return []
    return [
        m
        for m in find_dates(text, pub, rules)
        if m.precision == "day"
        and m.date <= pub.isoformat()
        and not _penalty(text, m, rules.patterns)
        and (exclude is None or not exclude(m))
    ]


def last_told_day(days: list[DateMention], before: int) -> DateMention | None:
    """The last of ``days`` (told_days) that ends before the offset ``before``."""
    i = bisect_right(days, before, key=lambda m: m.end)
    return days[i - 1] if i else None


def resolve_event_date(
    sentence: str,
    pub: _dt.date | None,
    rules: DateRules,
    trigger_offset: int | None = None,
    exclude: Callable[[DateMention], bool] | None = None,
) -> DateMention | None:
    """The date that most likely dates the event in ``sentence``, or None if it has none.

    Prefers dates nearest to ``trigger_offset`` (else the first), and avoids dates inside
    a description of something else ("whose 2008 independence") or attached to a
    reporting verb ("officials said Thursday") when another date is available. Dates
    that ``exclude`` says belong to something else (the parse shows them in a clause
    describing another noun) are never taken.
    """
    mentions = [m for m in find_dates(sentence, pub, rules) if exclude is None or not exclude(m)]
    if not mentions:
        return None

    def cost(mention: DateMention) -> int:
        if trigger_offset is None:
            distance = mention.start
        elif mention.start <= trigger_offset < mention.end:
            distance = 0
        else:
            distance = min(abs(trigger_offset - mention.start), abs(trigger_offset - mention.end))
        return distance + _penalty(sentence, mention, rules.patterns)

    return min(mentions, key=cost)
