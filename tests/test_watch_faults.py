"""`flashpoint watch` against a misbehaving site on 127.0.0.1 (issue 18, point 7): every
fault is logged in one clear line, counted, recorded, and never stops the cycle."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from flashpoint.evaluate.feedsite import RSS, FeedSite, Route, article_page, atom_feed, news_sitemap, rss_feed
from flashpoint.models import Document
from flashpoint.store import EventStore
from flashpoint.watch.config import Feed, PushTargets, WatchPlan, watch_settings
from flashpoint.watch.runner import Watcher, open_local_writer
from flashpoint.watch.state import feed_status, seen_counts

STORY = (
    "MITROVICA, March 3 - Several hundred people marched through the centre of the "
    "town on Friday to protest against the arrest of a local councillor, and police "
    "kept the crowd away from the municipal building for most of the afternoon. "
    "Organisers said the march would be repeated every week until the councillor "
    "was released, and shop owners along the route closed early."
)
OTHER = (
    "PRISTINA, March 4 - The government approved a new budget for road repairs in the "
    "eastern districts on Saturday after a long debate in which opposition members "
    "asked for more money for schools. The finance minister said the work would start "
    "in spring and last two years, and that contracts would be awarded in public tenders."
)


def fast_settings():
    return replace(
        watch_settings(),
        read_timeout_s=0.5,
        connect_timeout_s=0.5,
        retries=1,
        backoff_s=0.01,
        max_bytes=100_000,
    )


def no_coding(docs: list[Document]):
    return [(d, []) for d in docs], []


@pytest.fixture
def site():
    with FeedSite() as s:
        yield s


def run(tmp_path: Path, feeds: list[str], site: FeedSite | None = None, **plan_args):
    """One cycle over ``feeds``; (result, log lines, database path)."""
    db = str(tmp_path / "w.duckdb")
    store, write = open_local_writer(db)
    lines: list[str] = []
    plan = WatchPlan(tuple(Feed(u) for u in feeds), **plan_args)
    watcher = Watcher(plan, write, no_coding, settings=fast_settings(), log=lines.append)
    try:
        result = watcher.run_cycle()
    finally:
        watcher.close()
        store.close()
    return result, lines, db


def item(site: FeedSite, path: str, title: str = "A story", date: str = "2023-03-03") -> dict:
    return {"url": site.url(path), "title": title, "date": date}


def test_good_rss_atom_and_news_sitemap_are_all_read(tmp_path: Path, site: FeedSite) -> None:
    site.routes["/a.html"] = Route(article_page("March in town", STORY, "2023-03-03", "Post"))
    site.routes["/b.html"] = Route(article_page("Budget approved", OTHER, "2023-03-04", "Post"))
    site.routes["/c.html"] = Route(
        article_page("Short note", "Officials met on Monday.", "2023-03-05", "Post")
    )
    site.routes["/rss"] = Route(rss_feed("r", [item(site, "/a.html")]), content_type=RSS)
    site.routes["/atom"] = Route(atom_feed("a", [item(site, "/b.html")]), content_type="application/atom+xml")
    site.routes["/sitemap.xml"] = Route(news_sitemap([item(site, "/c.html")]), content_type="application/xml")
    result, lines, db = run(tmp_path, [site.url("/rss"), site.url("/atom"), site.url("/sitemap.xml")])
    assert (result.feeds, result.feeds_failed, result.coded) == (3, 0, 3)
    kinds = sorted(line.split(": ")[2].split(",")[0] for line in lines if "items," in line)
    assert kinds == ["atom", "rss", "sitemap"]
    with EventStore(db, read_only=True) as store:
        docs = {d["title"]: d for d in store.documents()}
    assert set(docs) == {"March in town", "Budget approved", "Short note"}
    assert docs["Short note"]["date"] == "2023-03-05"
    assert docs["March in town"]["source"] == f"127.0.0.1:{site.port}"


def test_unchanged_feed_answers_304_and_fetches_no_page(tmp_path: Path, site: FeedSite) -> None:
    site.routes["/a.html"] = Route(article_page("March in town", STORY, "2023-03-03", "Post"))
    site.routes["/rss"] = Route(rss_feed("r", [item(site, "/a.html")]), content_type=RSS, etag='"v1"')
    first, _, _ = run(tmp_path, [site.url("/rss")])
    again, lines, _ = run(tmp_path, [site.url("/rss")])
    assert first.coded == 1 and again.coded == 0 and again.feeds_failed == 0
    assert any(line.endswith("not modified (HTTP 304)") for line in lines)
    assert site.hits["/a.html"] == 1 and site.hits["/rss"] == 2


@pytest.mark.parametrize(
    "route, expected",
    [
        (Route(b"gone", 404, "text/plain"), "HTTP 404 Not Found"),
        (Route(b"oops", 500, "text/plain"), "HTTP 500 Internal Server Error (after 2 tries)"),
        (Route(b"<rss><channel><item><title>x</titl", 200, RSS), "malformed feed XML"),
        (Route(b"x" * 1000, 200, RSS, repeat=200), "over the 100,000-byte limit"),
        (Route(b"<rss/>", 200, RSS, delay_s=2.0), "timed out"),
        (Route(b"", 302, "text/plain", headers={"Location": "/loop"}), "more than 5 redirects"),
    ],
    ids=["404", "500", "malformed-xml", "huge-body", "slow", "redirect-loop"],
)
def test_a_failing_feed_is_logged_and_the_cycle_goes_on(
    tmp_path: Path, site: FeedSite, route: Route, expected: str
) -> None:
    site.routes["/loop"] = route
    site.routes["/a.html"] = Route(article_page("March in town", STORY, "2023-03-03", "Post"))
    site.routes["/good"] = Route(rss_feed("g", [item(site, "/a.html")]), content_type=RSS)
    result, lines, db = run(tmp_path, [site.url("/loop"), site.url("/good")])
    assert (result.feeds, result.feeds_failed, result.coded) == (2, 1, 1)
    [line] = [ln for ln in lines if "/loop" in ln]
    assert line.startswith(f"watch: feed {site.url('/loop')}: ") and expected in line
    with EventStore(db, read_only=True) as store:
        status = {f["url"]: f for f in feed_status(store.conn)}
    bad = status[site.url("/loop")]
    assert bad["last_status"] == "error" and expected in bad["last_error"]
    assert bad["errors_total"] == 1 and status[site.url("/good")]["new_items"] == 1
    if expected.startswith("HTTP 500"):
        assert site.hits["/loop"] == 2  # tried again once, then given up


def test_failing_pages_are_logged_and_retried_only_when_transient(tmp_path: Path, site: FeedSite) -> None:
    site.routes["/missing.html"] = Route(b"gone", 404, "text/plain")
    site.routes["/busy.html"] = Route(b"busy", 503, "text/plain")
    site.routes["/a.html"] = Route(article_page("March in town", STORY, "2023-03-03", "Post"))
    site.routes["/rss"] = Route(
        rss_feed("r", [item(site, p) for p in ("/missing.html", "/busy.html", "/a.html")]),
        content_type=RSS,
        etag='"v1"',
    )
    result, lines, _ = run(tmp_path, [site.url("/rss")])
    assert (result.coded, result.page_errors, result.feeds_failed) == (1, 2, 0)
    assert f"watch: page {site.url('/missing.html')}: HTTP 404 Not Found" in lines
    # A 503 may pass: the feed's ETag is not saved, so the next cycle reads it whole again.
    again, _, _ = run(tmp_path, [site.url("/rss")])
    assert again.already_seen == 2 and again.page_errors == 1
    assert site.hits["/missing.html"] == 1 and site.hits["/busy.html"] == 4


def test_wrong_charset_is_read_and_noted(tmp_path: Path, site: FeedSite) -> None:
    text = STORY.replace("Several hundred people", "Several hundred people from Zvečan and Peć")
    page = article_page("Café owners join march", text, "2023-03-03", "Post")
    site.routes["/a.html"] = Route(
        page.decode("utf-8").encode("cp1250"), content_type="text/html; charset=utf-8"
    )
    site.routes["/rss"] = Route(rss_feed("r", [item(site, "/a.html")]), content_type=RSS)
    result, lines, db = run(tmp_path, [site.url("/rss")])
    assert result.coded == 1
    assert (
        f"watch: page {site.url('/a.html')}: declared charset utf-8 does not match the "
        "bytes; read as windows-1252"
    ) in lines
    with EventStore(db, read_only=True) as store:
        [doc] = store.documents()
    assert doc["title"].startswith("Caf") and "march" in doc["title"]


def test_page_without_article_text_is_skipped(tmp_path: Path, site: FeedSite) -> None:
    site.routes["/menu.html"] = Route(
        b"<html><body><nav><ul><li><a href='/'>Home</a></li></ul></nav><script>go()</script></body></html>"
    )
    site.routes["/rss"] = Route(rss_feed("r", [item(site, "/menu.html")]), content_type=RSS)
    result, lines, db = run(tmp_path, [site.url("/rss")])
    assert (result.no_text, result.coded, result.feeds_failed) == (1, 0, 0)
    assert f"watch: page {site.url('/menu.html')}: no article text found; skipped" in lines
    with EventStore(db, read_only=True) as store:
        assert seen_counts(store.conn) == {"no-text": 1}


@pytest.mark.parametrize("one_feed", [False, True], ids=["two-feeds", "one-feed"])
def test_same_story_on_two_sites_is_coded_once_and_both_sources_kept(
    tmp_path: Path, site: FeedSite, one_feed: bool
) -> None:
    wire = (
        STORY.replace("MITROVICA, March 3 - ", "")
        + "\n\n"
        + OTHER.replace("PRISTINA, March 4 - ", "In the capital, ")
    )
    site.routes["/one/a.html"] = Route(
        article_page("Hundreds march in Mitrovica", "MITROVICA (Wire) - " + wire, "2023-03-03", "Valley Post")
    )
    site.routes["/two/b.html"] = Route(
        article_page(
            "Crowd demands councillor's release",
            "MITROVICA, March 3 (Wire) - " + wire + " Additional reporting by the desk.",
            "2023-03-03",
            "Evening News",
        )
    )
    site.routes["/one/rss"] = Route(rss_feed("one", [item(site, "/one/a.html")]), content_type=RSS)
    site.routes["/two/rss"] = Route(rss_feed("two", [item(site, "/two/b.html")]), content_type=RSS)
    # In one feed the copy is caught while the first story still waits to be coded.
    site.routes["/both/rss"] = Route(
        rss_feed("both", [item(site, "/one/a.html"), item(site, "/two/b.html")]), content_type=RSS
    )
    feeds = [site.url("/both/rss")] if one_feed else [site.url("/one/rss"), site.url("/two/rss")]
    result, lines, db = run(tmp_path, feeds)
    assert (result.coded, result.duplicates) == (1, 1)
    assert any(
        line.startswith(
            f"watch: page {site.url('/two/b.html')}: same story as {site.url('/one/a.html')}; copy dropped"
        )
        for line in lines
    )
    with EventStore(db, read_only=True) as store:
        assert len(store.documents()) == 1
        rows = store.conn.execute(
            "SELECT outcome, duplicate_of IS NOT NULL FROM watch_seen ORDER BY outcome"
        ).fetchall()
    assert rows == [("coded", False), ("duplicate", True)]


def test_other_language_and_tracking_copies_are_not_coded(tmp_path: Path, site: FeedSite) -> None:
    site.routes["/a.html"] = Route(article_page("March in town", STORY, "2023-03-03", "Post"))
    site.routes["/sr.html"] = Route(article_page("Protest u gradu", OTHER, "2023-03-03", "Post", lang="sr"))
    feed = [
        item(site, "/a.html"),
        item(site, "/sr.html"),
        {**item(site, "/a.html"), "url": site.url("/a.html?utm_source=rss#top")},
    ]
    site.routes["/rss"] = Route(rss_feed("r", feed), content_type=RSS)
    result, lines, _ = run(tmp_path, [site.url("/rss")])
    assert (result.coded, result.other_language, result.items_listed) == (1, 1, 3)
    assert site.hits["/a.html"] == 1
    assert f"watch: page {site.url('/sr.html')}: language 'sr' is not coded yet; skipped" in lines


def test_robots_txt_is_obeyed(tmp_path: Path, site: FeedSite) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.routes["/private/a.html"] = Route(article_page("Secret", STORY, "2023-03-03", "Post"))
    site.routes["/rss"] = Route(rss_feed("r", [item(site, "/private/a.html")]), content_type=RSS)
    result, lines, _ = run(tmp_path, [site.url("/rss")])
    assert result.coded == 0 and "/private/a.html" not in site.hits
    assert f"watch: page {site.url('/private/a.html')}: disallowed by the site's robots.txt" in lines


def test_requests_name_the_project(tmp_path: Path, site: FeedSite) -> None:
    seen: list[str] = []
    site.routes["/rss"] = lambda: Route(rss_feed("r", []), content_type=RSS)
    original = site._answer

    def spy(handler, head_only):
        seen.append(handler.headers.get("User-Agent", ""))
        original(handler, head_only)

    site._answer = spy  # type: ignore[method-assign]
    run(tmp_path, [site.url("/rss")])
    assert seen and all(ua.startswith("flashpoint-watch/") for ua in seen)


def test_webhook_gets_json_and_a_failing_one_is_reported(tmp_path: Path, site: FeedSite) -> None:
    from flashpoint.watch.push import Pusher

    site.routes["/hook"] = Route(b"ok", 200, "text/plain")
    site.routes["/broken"] = Route(b"no", 500, "text/plain")
    settings = replace(fast_settings(), push_backoff_s=0.01, push_retries=2)
    ok, detail = Pusher(PushTargets(webhook=site.url("/hook")), settings).deliver({"a": 1})
    assert ok and detail == "webhook answered 200"
    assert site.requests[-1][2] == b'{"a": 1}'
    ok, detail = Pusher(PushTargets(webhook=site.url("/broken")), settings).deliver({"a": 1})
    assert not ok and detail == "webhook answered 500 (gave up)" and site.hits["/broken"] == 3


def test_alert_command_gets_the_body_on_stdin(tmp_path: Path) -> None:
    import sys

    from flashpoint.watch.push import Pusher

    out = tmp_path / "got.json"
    script = tmp_path / "save.py"
    script.write_text(f"import sys; open({str(out)!r}, 'wb').write(sys.stdin.buffer.read())\n")
    ok, detail = Pusher(PushTargets(command=f"{sys.executable} {script}"), fast_settings()).deliver(
        {"alert": {"place": "Mitrovica"}}
    )
    assert ok and detail == "alert command ran"
    assert out.read_text() == '{"alert": {"place": "Mitrovica"}}'
    ok, detail = Pusher(PushTargets(command="no-such-program-here"), fast_settings()).deliver({})
    assert not ok and detail == "alert command not found: no-such-program-here"


def test_copies_of_a_coded_article_are_listed_with_its_events(tmp_path: Path, site: FeedSite) -> None:
    from flashpoint.models import Event, Mention
    from flashpoint.watch.state import driving_events

    def one_event(docs: list[Document]):
        return [
            (
                d,
                [
                    Event(
                        doc_id=d.id,
                        event_id="ev-" + d.id,
                        type="PROTEST",
                        mode=None,
                        evidence=Mention(d.text[:20], 0, 20),
                        date="2023-03-03",
                    )
                ],
            )
            for d in docs
        ], []

    wire = STORY + "\n\n" + OTHER
    site.routes["/a.html"] = Route(article_page("March", "TOWN (Wire) - " + wire, "2023-03-03", "Post"))
    site.routes["/b.html"] = Route(
        article_page("Crowd", "TOWN, March 3 (Wire) - " + wire, "2023-03-03", "Evening News")
    )
    site.routes["/rss"] = Route(
        rss_feed(
            "r",
            [
                {**item(site, "/a.html"), "source": "Valley Post"},
                {**item(site, "/b.html"), "source": "Evening News"},
            ],
        ),
        content_type=RSS,
    )
    db = str(tmp_path / "w.duckdb")
    store, write = open_local_writer(db)
    try:
        watcher = Watcher(
            WatchPlan((Feed(site.url("/rss")),)),
            write,
            one_event,
            settings=fast_settings(),
            log=lambda line: None,
        )
        assert watcher.run_cycle().duplicates == 1
        watcher.close()
        [event] = driving_events(
            store.conn, [store.conn.execute("SELECT cluster_id FROM events").fetchone()[0]]
        )
    finally:
        store.close()
    assert event["source"] == "Valley Post" and event["url"] == site.url("/a.html")
    assert event["copies"] == [{"source": "Evening News", "url": site.url("/b.html")}]
