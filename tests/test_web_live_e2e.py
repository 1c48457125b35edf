"""`serve --watch`: a new article in a followed feed appears on an open dashboard without
a reload (Server-Sent Events), and /status shows the feed (issue 18, point 6).

Skips like tests/test_web_dashboard_e2e.py when playwright, /usr/bin/chromium or the
vendor assets are missing."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from browser import chromium, tool  # noqa: F401 (fixture)
from flashpoint.evaluate.feedsite import RSS, FeedSite, Route, article_page, demo_records, rss_feed
from flashpoint.watch.config import Feed, WatchPlan


def wait_for(check: Any, timeout_s: float, what: str) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Wire:
    """A feed whose items can be added while the watcher follows it."""

    def __init__(self, site: FeedSite):
        self.site = site
        self.items: list[dict[str, Any]] = []
        site.routes["/feed.xml"] = self.route

    def route(self) -> Route:
        return Route(rss_feed("live wire", self.items), content_type=RSS, etag=f'"items-{len(self.items)}"')

    def publish(self, record: dict[str, Any]) -> None:
        path = f"/news/{record['id']}.html"
        self.site.routes[path] = Route(
            article_page(record["title"], record["text"], record["date"], record["source"])
        )
        self.items.append(
            {
                "url": self.site.url(path),
                "title": record["title"],
                "date": record["date"],
                "source": record["source"],
            }
        )


@pytest.fixture(scope="module")
def served(tool: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    import uvicorn

    from flashpoint.web.app import create_app

    with FeedSite() as site:
        wire = Wire(site)
        records = {r["id"]: r for r in demo_records()}
        wire.publish(records["demo-001"])
        plan = WatchPlan((Feed(site.url("/feed.xml"), name="Live wire"),), interval_s=1.0)
        db = tmp_path_factory.mktemp("live") / "live.duckdb"
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(create_app(str(db), watch=plan), log_level="warning", lifespan="on")
        )
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        wait_for(lambda: server.started, 30, "the server to start")
        try:
            yield f"http://127.0.0.1:{port}", wire, records
        finally:
            server.should_exit = True
            thread.join(timeout=15)
            sock.close()


def test_status_lists_the_followed_feed(served) -> None:
    base, _, _ = served
    status = wait_for(
        lambda: (s := httpx.get(base + "/status").json())["cycles"] and s, 90, "the first watch cycle"
    )
    assert status["watching"] is True
    [feed] = status["feeds"]
    assert feed["name"] == "Live wire" and feed["last_status"] == "ok"
    assert feed["errors_total"] == 0 and feed["last_fetch"]
    assert status["articles"] == {"coded": 1}


def test_new_article_appears_on_the_dashboard_without_reload(tool: Any, served) -> None:
    base, wire, records = served
    wait_for(
        lambda: httpx.get(base + "/status").json()["articles"].get("coded") == 1,
        90,
        "the first article to be coded",
    )
    with chromium(tool) as browser:
        page = browser.new_page()
        page.goto(base + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        before = int(page.inner_text("#event-total"))
        page.evaluate("window.__sameDocument = true")
        page.wait_for_selector("#watch-status:not([hidden])", timeout=15_000)
        assert "Live wire" in page.inner_text("#watch-status")

        wire.publish(records["demo-010"])
        # Polled from here: the page's CSP forbids wait_for_function's string eval.
        deadline = time.monotonic() + 90
        while int(page.inner_text("#event-total")) <= before and time.monotonic() < deadline:
            page.wait_for_timeout(250)
        assert int(page.inner_text("#event-total")) > before
        assert page.evaluate("window.__sameDocument") is True  # updated in place
        assert page.locator("#event-list li").count() > before
