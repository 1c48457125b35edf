"""The watcher's feeds file, settings, canonical URLs and copy detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.errors import UsageError
from flashpoint.watch.config import load_plan, parse_duration, plan_from, watch_settings
from flashpoint.watch.feeds import FeedError, parse_feed
from flashpoint.watch.neardup import distance, simhash, similarity
from flashpoint.watch.urls import canonical_url

REPO = Path(__file__).resolve().parents[1]


def test_example_feeds_file_is_valid() -> None:
    plan = load_plan(REPO / "feeds.example.yaml")
    assert len(plan.feeds) >= 3 and all(f.url.startswith("https://") for f in plan.feeds)
    assert plan.interval_s == 900


@pytest.mark.parametrize(
    "text, seconds", [("90", 90), ("90s", 90), ("15m", 900), ("2h", 7200), ("1d", 86400), ("0.5m", 30)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "-5m", "0", "15 minutes"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(UsageError, match="duration"):
        parse_duration(text)


def test_feeds_file_errors_name_the_file_and_feed(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("feeds:\n  - url: https://a.example/rss\n  - url: ftp://b.example/x\n")
    with pytest.raises(UsageError, match=r"f.yaml, feed 2: not an http\(s\) URL"):
        load_plan(path)
    path.write_text("feeds: [https://a.example/rss]\nwebhok: https://x.example\n")
    with pytest.raises(UsageError, match="unknown key"):
        load_plan(path)
    path.write_text("feeds: [\n")
    with pytest.raises(UsageError, match="not valid YAML"):
        load_plan(path)
    with pytest.raises(UsageError, match="not both and not neither"):
        plan_from(None, None)


def test_command_line_targets_override_the_file(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("feeds: [https://a.example/rss]\nwebhook: https://hook.example/a\n")
    plan = plan_from(None, str(path), webhook="https://hook.example/b", command="cat")
    assert (plan.push.webhook, plan.push.command) == ("https://hook.example/b", "cat")


def test_settings_name_the_project() -> None:
    s = watch_settings()
    assert s.user_agent.startswith("flashpoint-watch/") and s.retries >= 1 and s.max_redirects >= 1


def test_canonical_urls() -> None:
    tracking = watch_settings().tracking_parameters
    assert (
        canonical_url("HTTPS://News.Example:443/a/story/?utm_source=rss&b=2&a=1#comments", tracking)
        == "https://news.example/a/story?a=1&b=2"
    )
    assert canonical_url("http://news.example:8080/", tracking) == "http://news.example:8080/"
    assert canonical_url("http://x.example/p?id=7", tracking) != canonical_url(
        "http://x.example/p?id=8", tracking
    )


def test_copies_are_similar_and_other_stories_are_not() -> None:
    story = (
        "Police in the northern town said on Tuesday that two men were detained after a "
        "car was set on fire near the municipal building late on Monday night. "
    ) * 3
    copy = "NORTH (Wire) - " + story + " Reporting by the desk."
    other = (
        "The parliament approved a budget for new schools in the south on Wednesday "
        "after a long debate about teachers' pay and the price of heating. "
    ) * 3
    assert similarity(story, copy) > 0.8 > similarity(story, other)
    assert distance(simhash(story), simhash(story)) == 0
    assert distance(simhash(story), simhash(other)) > distance(simhash(story), simhash(copy))


def test_sitemap_index_and_non_feeds_are_explained() -> None:
    index = (
        b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
        b'sitemap/0.9"><sitemap><loc>https://a.example/news.xml</loc></sitemap></sitemapindex>'
    )
    with pytest.raises(FeedError, match="sitemap index"):
        parse_feed(index, "https://a.example/index.xml")
    with pytest.raises(FeedError):
        parse_feed(b"<html><body><p>Hello</p></body></html>", "https://a.example/")


def test_an_alert_is_pushed_once_and_again_only_when_it_grows() -> None:
    from flashpoint.watch.push import push_reason

    assert push_reason(None, 5, 0) == "new"
    assert push_reason((5, 0), 5, 0) is None
    assert push_reason((5, 3), 4, 3) is None  # a shorter window of the same episode
    assert push_reason((5, 0), 6, 0) == "grown"
    assert push_reason((5, 0), 5, 2) == "grown"


def test_requests_to_one_host_wait_their_turn() -> None:
    from dataclasses import replace

    import httpx

    from flashpoint.watch.fetch import Fetcher

    waits: list[float] = []
    seen_headers: list[dict] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen_headers.append(dict(request.headers))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(
            200,
            headers={"Content-Type": "application/rss+xml", "Last-Modified": "Mon, 29 May 2023 10:00:00 GMT"},
            content=b"<rss/>",
        )

    settings = replace(watch_settings(), host_interval_s=2.0)
    with Fetcher(settings, sleep=waits.append, transport=httpx.MockTransport(answer)) as fetcher:
        first = fetcher.get("https://a.example/feed")
        fetcher.get("https://a.example/feed", last_modified=first.last_modified)
        fetcher.get("https://b.example/feed")
    # The sleeps are recorded, not slept, so each request to a.example after its robots.txt
    # is booked 2 s after the one before; b.example's robots.txt goes at once, its feed 2 s on.
    assert [round(w) for w in waits] == [2, 4, 2]
    assert seen_headers[2]["if-modified-since"] == "Mon, 29 May 2023 10:00:00 GMT"
    assert all(h["user-agent"].startswith("flashpoint-watch/") for h in seen_headers)
