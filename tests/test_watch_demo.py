"""The demo corpus served as an RSS feed of HTML pages on 127.0.0.1: `flashpoint watch
--once` codes the same events as `flashpoint ingest --demo`, raises the same Mitrovica
alert and pushes it to a webhook once; a second cycle fetches nothing new."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from flashpoint.cli import main
from flashpoint.evaluate.feedsite import FeedSite, Route, demo_site
from flashpoint.facade import demo_corpus_path, ingest
from flashpoint.monitor.alerts import alerts_in_db

# What an event is, whatever its document is called: the page's id is its URL's hash.
EVENT_KEY = (
    "SELECT e.type, e.acled_sub_event_type, e.date, l.name, e.fatalities, e.injured,"
    " e.arrested, e.evidence_text, d.title, d.source, d.date"
    " FROM events e LEFT JOIN locations l USING (location_id)"
    " JOIN documents d ON d.id = e.doc_id"
)


def events_of(db: Path) -> Counter:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return Counter(conn.execute(EVENT_KEY).fetchall())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def watched(tmp_path_factory: pytest.TempPathFactory, pipeline):
    """Two `watch --once` runs over the demo site, a webhook on the same server."""
    folder = tmp_path_factory.mktemp("watch-demo")
    db = folder / "watch.duckdb"
    with FeedSite() as site:
        demo_site(site)
        site.routes["/hook"] = Route(b"ok", 200, "text/plain")
        feeds = folder / "feeds.yaml"
        feeds.write_text(
            f"feeds:\n  - url: {site.url('/feed.xml')}\n    name: Demo wire\nwebhook: {site.url('/hook')}\n",
            encoding="utf-8",
        )
        first = main(["watch", "--feeds", str(feeds), "--db", str(db), "--once"])
        pages_after_first = sum(n for p, n in site.hits.items() if p.startswith("/news/"))
        second = main(["watch", "--feeds", str(feeds), "--db", str(db), "--once"])
        pages_after_second = sum(n for p, n in site.hits.items() if p.startswith("/news/"))
        hooks = [json.loads(body) for path, _, body in site.requests if path == "/hook"]
    return {
        "db": db,
        "status": (first, second),
        "pages": (pages_after_first, pages_after_second),
        "hooks": hooks,
    }


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Path:
    db = tmp_path_factory.mktemp("ingest-demo") / "demo.duckdb"
    ingest([demo_corpus_path()], str(db), progress=False)
    return db


def test_watching_the_demo_feed_codes_the_same_events_as_ingest(watched, ingested) -> None:
    assert watched["status"] == (0, 0)
    got, expected = events_of(watched["db"]), events_of(ingested)
    assert sum(expected.values()) > 100
    # Sources come from the feed's <source> element, titles and dates from the pages.
    assert got == expected


def test_a_second_cycle_fetches_nothing_new(watched) -> None:
    first, second = watched["pages"]
    assert first == 40 and second == 40


def test_same_mitrovica_alert_as_ingest(watched, ingested) -> None:
    def mitrovica(db: Path) -> list[tuple]:
        return [
            (a.level, a.window_start, a.window_end, a.observed)
            for a in alerts_in_db(str(db))
            if a.place == "Mitrovica"
        ]

    assert mitrovica(watched["db"]) == mitrovica(ingested) != []


def test_webhook_gets_the_mitrovica_alert_exactly_once(watched) -> None:
    mitrovica = [h for h in watched["hooks"] if h["alert"]["place"] == "Mitrovica"]
    assert len(mitrovica) == 1
    [body] = mitrovica
    assert body["kind"] == "flashpoint.alert" and body["reason"] == "new"
    assert body["alert"]["observed"] >= 5
    # The events that drove it, with where each was read.
    assert body["events"] and all(e["url"].startswith("http://127.0.0.1:") for e in body["events"])
    assert {e["cluster_id"] for e in body["events"]} == {e["event_id"] for e in body["alert"]["events"]}
