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
from ..ontology import parse_yaml
from ..settings import settings_file

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


@lru_cache(maxsize=1)
def watch_settings() -> WatchSettings:
    data = settings_file(_FILE)
    try:
        interval = parse_duration(data.value("interval"), "interval")
    except UsageError as exc:
        raise DataFileError(f"data file {_FILE}: {exc}") from None
    agent = data.text("user_agent")  # names the project, with {version}
    return WatchSettings(
        user_agent=agent.format(version=__version__),
        connect_timeout_s=data.number("connect_timeout_s", minimum=0.01),
        read_timeout_s=data.number("read_timeout_s", minimum=0.01),
        retries=data.integer("retries", minimum=0),
        backoff_s=data.number("backoff_s", minimum=0),
        host_interval_s=data.number("host_interval_s", minimum=0),
        unthrottled_hosts=tuple(h.lower() for h in data.names("unthrottled_hosts")),
        max_bytes=data.integer("max_bytes", minimum=1024),
        max_redirects=data.integer("max_redirects", minimum=0),
        obey_robots=data.flag("obey_robots", True),
        feed_types=data.names("feed_types"),
        page_types=data.names("page_types"),
        languages=tuple(w.lower() for w in data.names("languages")),
        shingle_words=data.integer("shingle_words", minimum=1),
        candidate_distance=data.integer("candidate_distance", minimum=0),
        min_similarity=data.number("min_similarity", minimum=0),
        min_words=data.integer("min_words", minimum=1),
        code_batch=data.integer("code_batch", minimum=1),
        tracking_parameters=data.names("tracking_parameters"),
        interval_s=interval,
        push_retries=data.integer("push_retries", minimum=0),
        push_backoff_s=data.number("push_backoff_s", minimum=0),
        push_timeout_s=data.number("push_timeout_s", minimum=0.01),
        command_timeout_s=data.number("command_timeout_s", minimum=0.01),
        live_poll_s=data.number("live_poll_s", minimum=0.05),
        live_stream_s=data.number("live_stream_s", minimum=1),
    )


def check_url(url: Any, where: str) -> str:
    if (
        not isinstance(url, str)
        or urlsplit(url.strip()).scheme not in ("http", "https")
        or not urlsplit(url.strip()).netloc
    ):
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
    return Feed(
        check_url(entry.get("url"), where),
        str(entry["name"]) if entry.get("name") else None,
        str(language).lower() if language else None,
    )


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


def plan_from(
    feed_urls: list[str] | None,
    feeds_file: str | None,
    webhook: str | None = None,
    command: str | None = None,
) -> WatchPlan:
    """The plan from ``--feed URL`` options or a ``--feeds FILE`` (exactly one of them);
    ``--webhook`` and ``--command`` override the file's."""
    if bool(feed_urls) == bool(feeds_file):
        raise UsageError("give --feed URL (repeatable) or --feeds FILE, not both and not neither")
    if feeds_file:
        plan = load_plan(feeds_file)
    else:
        plan = WatchPlan(tuple(Feed(check_url(u, "--feed")) for u in feed_urls or ()))
    push = PushTargets(
        check_url(webhook, "--webhook") if webhook else plan.push.webhook, command or plan.push.command
    )
    return WatchPlan(plan.feeds, push, plan.interval_s)
