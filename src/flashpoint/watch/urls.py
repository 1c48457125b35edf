"""Canonical article URLs: one spelling per article, so a link seen twice is fetched once.

The scheme and host are lower-cased, default ports, fragments and click-tracking
parameters (data/watch.yaml) are dropped, the remaining query parameters are sorted,
and a trailing slash on a path other than the root is removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str, tracking: Iterable[str] = ()) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    dropped = {t.lower() for t in tracking}
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in dropped)
    )
    return urlunsplit((scheme, host, path, query, ""))


def resolve(base: str, link: str | None) -> str | None:
    """``link`` made absolute against ``base``; None unless it is http(s)."""
    if not link:
        return None
    absolute = urljoin(base, link.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None
