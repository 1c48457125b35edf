"""A local news site on 127.0.0.1 for testing and measuring `flashpoint watch`.

It serves feeds and article pages from a table of routes, honours conditional GET,
and can misbehave on purpose (slow answers, huge bodies, redirect loops), so that no
test or measurement of the watcher ever touches the internet.
"""

from __future__ import annotations

import html
import json
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    etag: str | None = None
    # Streamed in chunks of this many bytes, repeated ``repeat`` times (a huge body
    # without holding it in memory).
    repeat: int = 1


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up (a size cap, a killed watcher) is expected here."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FeedSite:
    """A threaded HTTP server; ``routes`` maps a path to a Route or to a callable
    returning one. ``hits`` counts requests per path."""

    def __init__(self, routes: dict[str, Route | Callable[[], Route]] | None = None):
        self.routes: dict[str, Route | Callable[[], Route]] = dict(routes or {})
        self.hits: dict[str, int] = {}
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet: tests read their own logs
                pass

            def setup(self) -> None:
                super().setup()
                # Headers and body go out as two writes; with Nagle's algorithm the body
                # waits for the client's delayed ACK (40 ms on Linux) on a busy connection.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_GET(self) -> None:  # http.server calls do_<METHOD>
                site._answer(self, head_only=False)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                site.requests.append((self.path, dict(self.headers), body))
                site._answer(self, head_only=False)

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> FeedSite:
        self._thread.start()
        return self

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> FeedSite:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _answer(self, handler: BaseHTTPRequestHandler, head_only: bool) -> None:
        path = handler.path.split("?", 1)[0]
        self.hits[path] = self.hits.get(path, 0) + 1
        found = self.routes.get(path)
        route = found() if callable(found) else found
        if route is None:
            route = Route(b"not found", 404, "text/plain")
        if route.delay_s:
            time.sleep(route.delay_s)
        if route.etag and handler.headers.get("If-None-Match") == route.etag:
            handler.send_response(304)
            handler.send_header("ETag", route.etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.send_response(route.status)
        handler.send_header("Content-Type", route.content_type)
        if route.etag:
            handler.send_header("ETag", route.etag)
        for key, value in route.headers.items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(route.body) * route.repeat))
        handler.end_headers()
        try:
            for _ in range(route.repeat):
                handler.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (a size cap): that is the point


# -- pages and feeds ---------------------------------------------------------------


def article_page(
    title: str, text: str, date: str | None, source: str, lang: str = "en", canonical: str | None = None
) -> bytes:
    """A news page as sites build them: menu, banner, story, related links, footer."""
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    link = f'<link rel="canonical" href="{html.escape(canonical)}">' if canonical else ""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)} | {html.escape(source)}</title>
{meta}{link}<script>window.analytics = {{"page": "article"}};</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/region">Region</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<header><p class="brand">{html.escape(source)}</p></header>
<main><article><h1>{html.escape(title)}</h1>
<p class="byline">By staff reporters</p>
{paragraphs}
</article>
<aside><h2>Related</h2><ul><li><a href="/x">Weather turns cold in the valley</a></li></ul></aside>
</main><footer><p>Copyright {html.escape(source)}. All rights reserved.</p></footer>
</body></html>""".encode()


def rss_feed(title: str, items: Iterable[dict[str, Any]]) -> bytes:
    """An RSS 2.0 feed; each item has url, title, date (YYYY-MM-DD) and optional source."""
    out = [
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>http://127.0.0.1/</link>"
        f"<description>test feed</description><language>en</language>"
    ]
    for item in items:
        when = datetime.fromisoformat(item["date"]).replace(hour=9, tzinfo=UTC)
        source = (
            f'<source url="http://127.0.0.1/">{html.escape(item["source"])}</source>'
            if item.get("source")
            else ""
        )
        out.append(
            f"<item><title>{html.escape(item['title'])}</title>"
            f"<link>{html.escape(item['url'])}</link><guid>{html.escape(item['url'])}</guid>"
            f"<pubDate>{format_datetime(when)}</pubDate>{source}</item>"
        )
    out.append("</channel></rss>")
    return "\n".join(out).encode("utf-8")


def atom_feed(title: str, items: Iterable[dict[str, Any]]) -> bytes:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(title)}</title><id>urn:test:{html.escape(title)}</id>"
        "<updated>2023-06-01T00:00:00Z</updated>"
    ]
    for item in items:
        out.append(
            f"<entry><title>{html.escape(item['title'])}</title>"
            f'<link href="{html.escape(item["url"])}"/><id>{html.escape(item["url"])}</id>'
            f"<updated>{item['date']}T09:00:00Z</updated></entry>"
        )
    out.append("</feed>")
    return "\n".join(out).encode("utf-8")


def news_sitemap(items: Iterable[dict[str, Any]], publication: str = "Test Post") -> bytes:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
    ]
    for item in items:
        out.append(
            f"<url><loc>{html.escape(item['url'])}</loc><news:news><news:publication>"
            f"<news:name>{html.escape(publication)}</news:name><news:language>en"
            f"</news:language></news:publication><news:publication_date>{item['date']}"
            f"</news:publication_date><news:title>{html.escape(item['title'])}"
            "</news:title></news:news></url>"
        )
    out.append("</urlset>")
    return "\n".join(out).encode("utf-8")


def demo_records() -> list[dict[str, Any]]:
    """The 40 articles of the shipped demo corpus."""
    text = resources.files("flashpoint").joinpath("data", "demo", "kosovo-2023.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


RSS = "application/rss+xml; charset=utf-8"


def demo_site(
    site: FeedSite, records: list[dict[str, Any]] | None = None, feed_path: str = "/feed.xml", copies: int = 1
) -> list[str]:
    """Add each record as an HTML page (under ``copies`` URLs each) and one RSS feed
    listing them all; return the page paths."""
    records = records if records is not None else demo_records()
    items, paths = [], []
    for record in records:
        for copy in range(copies):
            path = f"/news/{record['id']}" + (f"-{copy}" if copy else "") + ".html"
            site.routes[path] = Route(
                article_page(record["title"], record["text"], record.get("date"), record["source"])
            )
            items.append(
                {
                    "url": site.url(path),
                    "title": record["title"],
                    "date": record["date"],
                    "source": record["source"],
                }
            )
            paths.append(path)
    site.routes[feed_path] = Route(rss_feed("flashpoint demo", items), content_type=RSS, etag='"demo-feed-1"')
    return paths
