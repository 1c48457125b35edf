"""Polite, bounded HTTP fetching for the watcher, on httpx.

Every request names the project in its User-Agent, honours robots.txt, waits its
turn per host, gives up after the timeouts, follows a limited number of redirects,
reads at most ``max_bytes`` and is retried with a doubling back-off on network
failures, 429 and 5xx answers. Conditional GET (ETag, Last-Modified) lets a feed that
did not change answer 304 with no body. Nothing here raises for a bad answer: the
result says what went wrong in one line, for the log and the fetch table.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .config import WatchSettings, watch_settings

_RETRIED_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass
class Fetched:
    """One request's outcome. ``status`` is None when no HTTP answer came."""

    url: str
    final_url: str
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    # Transient: a later cycle may well succeed (network, timeout, 429, 5xx).
    transient: bool = False
    seconds: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _media_type(header: str) -> tuple[str, str | None]:
    """('text/html', 'utf-8') from 'text/html; charset="UTF-8"'."""
    kind, _, rest = header.partition(";")
    charset = None
    for param in rest.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return kind.strip().lower(), charset


class Fetcher:
    """One HTTP client for a watcher; close() it (or use ``with``) when done."""

    def __init__(
        self,
        settings: WatchSettings | None = None,
        sleep: Callable[[float], None] | None = None,
        transport: httpx.BaseTransport | None = None,
    ):
        self.settings = s = settings or watch_settings()
        self._sleep = sleep or time.sleep
        timeout = httpx.Timeout(s.read_timeout_s, connect=s.connect_timeout_s)
        self.client = httpx.Client(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=timeout,
            follow_redirects=True,
            max_redirects=s.max_redirects,
            transport=transport,
            trust_env=False,
        )
        self._next_slot: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- politeness --------------------------------------------------------------

    def _wait_turn(self, url: str) -> None:
        if (urlsplit(url).hostname or "").lower() in self.settings.unthrottled_hosts:
            return
        host = _host(url)
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = start + self.settings.host_interval_s
        if start > now:
            self._sleep(start - now)

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets our User-Agent fetch ``url``."""
        if not self.settings.obey_robots:
            return True
        host = _host(url)
        if host not in self._robots:
            self._robots[host] = self._load_robots(host)
        rules = self._robots[host]
        return rules is None or rules.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, host: str) -> RobotFileParser | None:
        robots_url = host + "/robots.txt"
        got = self._request(robots_url, {}, retries=0)
        if not got.ok or not got.body:
            return None  # none, or unreadable: nothing is forbidden
        rules = RobotFileParser(robots_url)
        rules.parse(got.body.decode("utf-8", "replace").splitlines())
        return rules

    # -- fetching ----------------------------------------------------------------

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url``, conditionally when ``etag`` or ``last_modified`` is known."""
        if not self.allowed(url):
            return Fetched(url, url, error="disallowed by the site's robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request(url, headers, retries=self.settings.retries)

    def _request(self, url: str, headers: dict[str, str], retries: int) -> Fetched:
        wait = self.settings.backoff_s
        for attempt in range(retries + 1):
            self._wait_turn(url)
            got = self._once(url, headers)
            if not got.transient or attempt == retries:
                if attempt and got.error:
                    got.error += f" (after {attempt + 1} tries)"
                return got
            self._sleep(wait)
            wait *= 2
        raise AssertionError("unreachable")  # the loop always returns on its last try

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        started = time.perf_counter()
        out = Fetched(url, url)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                out.final_url = str(response.url)
                out.status = response.status_code
                out.headers = {k.lower(): v for k, v in response.headers.items()}
                out.content_type, out.charset = _media_type(response.headers.get("content-type", ""))
                out.etag = response.headers.get("etag")
                out.last_modified = response.headers.get("last-modified")
                if response.status_code == 304:
                    return out
                if response.status_code >= 400:
                    out.error = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                    out.transient = response.status_code in _RETRIED_STATUS
                    return out
                out.body, out.error = self._read_capped(response)
        except httpx.TooManyRedirects:
            out.error = f"more than {self.settings.max_redirects} redirects (a redirect loop?)"
        except httpx.TimeoutException as exc:
            out.error, out.transient = f"timed out ({type(exc).__name__})", True
        except httpx.TransportError as exc:
            out.error, out.transient = f"network error: {exc or type(exc).__name__}", True
        except httpx.HTTPError as exc:  # a malformed answer, for one
            out.error = f"bad HTTP answer: {exc or type(exc).__name__}"
        finally:
            out.seconds = time.perf_counter() - started
        return out

    def _read_capped(self, response: httpx.Response) -> tuple[bytes, str | None]:
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            return b"", f"body of {int(declared):,} bytes is over the {cap:,}-byte limit"
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                return b"", f"body is over the {cap:,}-byte limit; dropped unread past it"
            chunks.append(chunk)
        return b"".join(chunks), None


def decode_body(got: Fetched) -> tuple[str, str | None]:
    """The body as text and, when its declared charset was wrong, a note saying so.

    The declared charset is tried first, then UTF-8, then Windows-1252 (which maps every
    byte), so a page with a wrong label is still read rather than dropped.
    """
    declared = got.charset
    for charset in (declared, "utf-8"):
        if not charset:
            continue
        try:
            return got.body.decode(charset), (
                None
                if charset == declared or declared is None
                else f"declared charset {declared} is unknown or does not match; read as UTF-8"
            )
        except (LookupError, UnicodeDecodeError):
            continue
    note = (
        f"declared charset {declared} does not match the bytes; read as windows-1252"
        if declared
        else "no charset declared and not UTF-8; read as windows-1252"
    )
    return got.body.decode("cp1252", "replace"), note
