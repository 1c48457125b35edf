"""The `flashpoint watch` command: exit status of --once, SIGTERM ends a loop cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flashpoint.cli import main
from flashpoint.evaluate.feedsite import RSS, FeedSite, Route, rss_feed


def test_once_exits_1_when_a_feed_fails_and_0_when_all_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FeedSite() as site:
        site.routes["/empty.xml"] = Route(rss_feed("empty", []), content_type=RSS)
        db = str(tmp_path / "w.duckdb")
        assert (
            main(
                [
                    "watch",
                    "--feed",
                    site.url("/empty.xml"),
                    "--feed",
                    site.url("/gone.xml"),
                    "--db",
                    db,
                    "--once",
                ]
            )
            == 1
        )
        err = capsys.readouterr().err
        assert f"watch: feed {site.url('/gone.xml')}: HTTP 404 Not Found" in err
        assert "watch: cycle done: 2 feeds (1 failed)" in err
        assert main(["watch", "--feed", site.url("/empty.xml"), "--db", db, "--once"]) == 0


def test_bad_options_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["watch", "--feed", "file:///etc/passwd", "--db", str(tmp_path / "w.duckdb")]) == 2
    assert (
        capsys.readouterr().err.strip()
        == "flashpoint: error: --feed: not an http(s) URL: 'file:///etc/passwd'"
    )
    assert main(["watch", "--feeds", str(tmp_path / "none.yaml")]) == 2
    assert "cannot read feeds file" in capsys.readouterr().err


def test_serve_checks_the_feeds_file_before_starting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "feeds.yaml"
    bad.write_text("feeds: []\n", encoding="utf-8")
    assert main(["serve", "--db", str(tmp_path / "s.duckdb"), "--watch", str(bad)]) == 2
    assert "expected 'feeds:' followed by a list of feeds" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGTERM")
def test_sigterm_stops_a_running_watcher_cleanly(tmp_path: Path) -> None:
    with FeedSite() as site:
        site.routes["/empty.xml"] = Route(rss_feed("empty", []), content_type=RSS)
        log = tmp_path / "watch.log"
        with open(log, "wb") as err:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "flashpoint.cli",
                    "watch",
                    "--feed",
                    site.url("/empty.xml"),
                    "--db",
                    str(tmp_path / "w.duckdb"),
                    "--interval",
                    "1h",
                ],
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
            try:
                deadline = time.monotonic() + 60
                while "cycle done" not in log.read_text() and time.monotonic() < deadline:
                    time.sleep(0.1)
                assert "cycle done" in log.read_text()
                proc.send_signal(signal.SIGTERM)
                assert proc.wait(timeout=20) == 0
            finally:
                if proc.poll() is None:
                    proc.kill()
    assert "watch: stopping once the articles in hand are stored" in log.read_text()
