"""What `flashpoint watch` follows and how: the user's feeds file and data/watch.yaml."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .. import __version__
from ..errors import DataFileError, UsageError
from ..ontology import load_data_yaml, parse_yaml

_FILE = "watch.yaml"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Feed:
    """One feed to follow: RSS, Atom or a news sitemap."""

    url: str
    name: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class PushTargets:
    webhook: str | None = None
    command: str | None = None


@dataclass(frozen=True)
class WatchPlan:
    """A feeds file: the feeds, where alerts go, and the time between cycles."""

    feeds: tuple[Feed, ...]
    push: PushTargets = field(default_factory=PushTargets)
    interval_s: float | None = None


@dataclass(frozen=True)
class WatchSettings:
    user_agent: str
    connect_timeout_s: float
    read_timeout_s: float
    retries: int
    backoff_s: float
    host_interval_s: float
    unthrottled_hosts: tuple[str, ...]
    max_bytes: int
    max_redirects: int
    obey_robots: bool
    feed_types: tuple[str, ...]
    page_types: tuple[str, ...]
    languages: tuple[str, ...]
    shingle_words: int
    candidate_distance: int
    min_similarity: float
    min_words: int
    code_batch: int
    tracking_parameters: tuple[str, ...]
    interval_s: float
    push_retries: int
    push_backoff_s: float
    push_timeout_s: float
    command_timeout_s: float
    live_poll_s: float
    live_stream_s: float


def parse_duration(value: Any, what: str = "interval") -> float:
    """Seconds in '90', '90s', '15m', '2h' or '1d'."""
    found = _DURATION.match(str(value)) if not isinstance(value, bool) else None
    if not found:
        raise UsageError(f"{what} must be a duration such as 90s, 15m or 2h, not {value!r}")
    seconds = float(found[1]) * _UNIT_SECONDS[(found[2] or "s").lower()]
    if seconds <= 0:
        raise UsageError(f"{what} must be a duration longer than zero, not {value!r}")
    return seconds


def _number(raw: dict[str, Any], key: str, minimum: float) -> float:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise DataFileError(f"{_FILE}: {key} must be a number of at least {minimum}, not {value!r}")
    return float(value)


def _words(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DataFileError(f"{_FILE}: {key} must be a list of names")
    return tuple(value)


@lru_cache(maxsize=1)
def watch_settings() -> WatchSettings:
    raw = load_data_yaml(_FILE)
    if not isinstance(raw, dict):
        raise DataFileError(f"{_FILE}: expected a mapping of settings")
    try:
        interval = parse_duration(raw.get("interval"), "interval")
    except UsageError as exc:
        raise DataFileError(f"{_FILE}: {exc}") from None
    agent = raw.get("user_agent")
    if not isinstance(agent, str) or not agent.strip():
        raise DataFileError(f"{_FILE}: user_agent must name the project")
    return WatchSettings(
        user_agent=agent.format(version=__version__),
        connect_timeout_s=_number(raw, "connect_timeout_s", 0.01),
        read_timeout_s=_number(raw, "read_timeout_s", 0.01),
        retries=int(_number(raw, "retries", 0)),
        backoff_s=_number(raw, "backoff_s", 0),
        host_interval_s=_number(raw, "host_interval_s", 0),
        unthrottled_hosts=tuple(h.lower() for h in _words(raw, "unthrottled_hosts")),
        max_bytes=int(_number(raw, "max_bytes", 1024)),
        max_redirects=int(_number(raw, "max_redirects", 0)),
        obey_robots=bool(raw.get("obey_robots", True)),
        feed_types=_words(raw, "feed_types"),
        page_types=_words(raw, "page_types"),
        languages=tuple(w.lower() for w in _words(raw, "languages")),
        shingle_words=int(_number(raw, "shingle_words", 1)),
        candidate_distance=int(_number(raw, "candidate_distance", 0)),
        min_similarity=_number(raw, "min_similarity", 0),
        min_words=int(_number(raw, "min_words", 1)),
        code_batch=int(_number(raw, "code_batch", 1)),
        tracking_parameters=_words(raw, "tracking_parameters"),
        interval_s=interval,
        push_retries=int(_number(raw, "push_retries", 0)),
        push_backoff_s=_number(raw, "push_backoff_s", 0),
        push_timeout_s=_number(raw, "push_timeout_s", 0.01),
        command_timeout_s=_number(raw, "command_timeout_s", 0.01),
        live_poll_s=_number(raw, "live_poll_s", 0.05),
        live_stream_s=_number(raw, "live_stream_s", 1),
    )


def check_url(url: Any, where: str) -> str:
    if not isinstance(url, str) or urlsplit(url.strip()).scheme not in ("http", "https") \
            or not urlsplit(url.strip()).netloc:
        raise UsageError(f"{where}: not an http(s) URL: {url!r}")
    return url.strip()


def _feed(entry: Any, where: str) -> Feed:
    if isinstance(entry, str):
        return Feed(check_url(entry, where))
    if not isinstance(entry, dict):
        raise UsageError(f"{where}: a feed is a URL or a mapping with url, name, language")
    unknown = set(entry) - {"url", "name", "language"}
    if unknown:
        raise UsageError(f"{where}: unknown feed key(s) {', '.join(sorted(unknown))}")
    language = entry.get("language")
    return Feed(check_url(entry.get("url"), where), str(entry["name"]) if entry.get("name") else None,
                str(language).lower() if language else None)


def load_plan(path: str | Path) -> WatchPlan:
    """Read a feeds file (YAML): ``feeds: [{url, name, language}]``, optional
    ``webhook: URL``, ``command: "program args"`` and ``interval: 15m``."""
    file = Path(path)
    try:
        raw = parse_yaml(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read feeds file {file}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"feeds file {file} is not UTF-8 text") from None
    except Exception as exc:  # the YAML parser's own errors carry the line
        raise UsageError(f"feeds file {file}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("feeds"), list) or not raw["feeds"]:
        raise UsageError(f"feeds file {file}: expected 'feeds:' followed by a list of feeds")
    unknown = set(raw) - {"feeds", "webhook", "command", "interval"}
    if unknown:
        raise UsageError(f"feeds file {file}: unknown key(s) {', '.join(sorted(unknown))}")
    feeds = tuple(_feed(e, f"feeds file {file}, feed {i + 1}") for i, e in enumerate(raw["feeds"]))
    webhook = check_url(raw["webhook"], f"feeds file {file}, webhook") if raw.get("webhook") else None
    command = raw.get("command")
    if command is not None and not isinstance(command, str):
        raise UsageError(f"feeds file {file}: command must be one line of text")
    interval = parse_duration(raw["interval"]) if raw.get("interval") else None
    return WatchPlan(feeds, PushTargets(webhook, command or None), interval)


def plan_from(feed_urls: list[str] | None, feeds_file: str | None, webhook: str | None = None,
              command: str | None = None) -> WatchPlan:
    """The plan from ``--feed URL`` options or a ``--feeds FILE`` (exactly one of them);
    ``--webhook`` and ``--command`` override the file's."""
    if bool(feed_urls) == bool(feeds_file):
        raise UsageError("give --feed URL (repeatable) or --feeds FILE, not both and not neither")
    if feeds_file:
        plan = load_plan(feeds_file)
    else:
        plan = WatchPlan(tuple(Feed(check_url(u, "--feed")) for u in feed_urls or ()))
    push = PushTargets(check_url(webhook, "--webhook") if webhook else plan.push.webhook,
                       command or plan.push.command)
    return WatchPlan(plan.feeds, push, plan.interval_s)
