"""`kill -9` during a watch cycle loses nothing and duplicates nothing (issue 18, point 4):
the same check as the ingest crash test, with the articles fetched from a feed."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flashpoint.cli import main
from flashpoint.evaluate.crash import CrashResult, compare_databases, make_article
from flashpoint.evaluate.feedsite import RSS, FeedSite, Route, article_page, rss_feed

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
ARTICLES = 80  # five batches of data/watch.yaml's code_batch (16)


def watch_command(feed: str, db: Path) -> list[str]:
    return [sys.executable, "-m", "flashpoint.cli", "watch", "--feed", feed, "--db", str(db), "--once"]


def kill_after_a_batch(proc: subprocess.Popen, log: Path, jitter: float) -> None:
    """SIGKILL ``proc`` ``jitter`` seconds after it logs its first stored batch: the kill
    lands while it marks that batch seen, fetches, or codes the next one."""
    start = log.stat().st_size if log.exists() else 0
    while proc.poll() is None:
        if "watch: stored" in log.read_text("utf-8", "replace")[start:]:
            time.sleep(jitter)
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    proc.wait()


def stored(db: Path, sql: str) -> list[tuple]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_killed_watch_runs_lose_and_duplicate_nothing(tmp_path: Path, pipeline) -> None:
    rng = random.Random(18)
    with FeedSite() as site:
        items = []
        for number in range(1, ARTICLES + 1):
            record = make_article(rng, number)
            path = f"/wire/{number}.html"
            site.routes[path] = Route(
                article_page(record["title"], record["text"], record["date"], record["source"])
            )
            items.append(
                {
                    "url": site.url(path),
                    "title": record["title"],
                    "date": record["date"],
                    "source": record["source"],
                }
            )
        site.routes["/feed.xml"] = Route(rss_feed("wire", items), content_type=RSS, etag='"w1"')
        feed = site.url("/feed.xml")
        reference, crashed = tmp_path / "reference.duckdb", tmp_path / "crashed.duckdb"
        assert main(["watch", "--feed", feed, "--db", str(reference), "--once"]) == 0

        kills, runs = 0, 0
        log = tmp_path / "crashed.log"
        while runs < 12:
            runs += 1
            with open(log, "ab") as err:
                proc = subprocess.Popen(watch_command(feed, crashed), stdout=subprocess.DEVNULL, stderr=err)
                if kills < 3:
                    kill_after_a_batch(proc, log, rng.choice((0.0, 0.0, 0.05, 0.3, 1.0)))
                else:
                    proc.wait()
            if proc.returncode == -signal.SIGKILL:
                kills += 1
            elif kills >= 3:
                assert proc.returncode == 0
                break
    assert kills == 3
    # The killed runs had stored some batches: the final run resumed instead of starting over.
    last_cycle = log.read_text("utf-8").rsplit("watch: cycle done:", 1)[1]
    assert int(last_cycle.split(" coded")[0].rsplit(" ", 1)[1]) < ARTICLES
    result = compare_databases(reference, crashed, CrashResult(ARTICLES, kills, runs, 0.0, 0.0))
    assert (result.lost, result.duplicated, result.partial, result.extra) == (0, 0, 0, 0)
    assert result.events > 0
    # Every article is marked seen once, as coded.
    outcomes = stored(
        crashed, "SELECT outcome, count(*), count(DISTINCT url) FROM watch_seen GROUP BY outcome"
    )
    assert outcomes == [("coded", ARTICLES, ARTICLES)]
    # A page is fetched again only when a kill hit between fetching and storing it.
    [(fetched,)] = stored(crashed, "SELECT count(*) FROM watch_fetches WHERE url <> feed_url")
    assert fetched <= ARTICLES + kills
