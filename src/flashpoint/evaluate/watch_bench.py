"""Measure one `flashpoint watch` process against a local site: articles per minute with
fetching, coding and storing apart, memory after N articles, and copies dropped.

    python -m flashpoint.evaluate.watch_bench [--articles 1000] [--copies 40]

The site serves ``articles`` distinct synthetic wire reports (the crash-test generator)
plus the 40 demo articles, ``copies`` of which also appear on a second site as a
syndicated copy under another headline, dateline and closing line. One `--once` cycle
runs in a child process whose resident memory is sampled throughout.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .crash import make_article
from .feedsite import RSS, FeedSite, Route, article_page, demo_records, rss_feed

_SUMMARY = re.compile(
    r"(\d+) coded, (\d+) copies dropped.*fetch ([\d.]+) s, coding ([\d.]+) s, "
    r"storing ([\d.]+) s"
)


def build_site(site: FeedSite, articles: int, copies: int, seed: int = 18) -> None:
    rng = random.Random(seed)
    wire, syndicated = [], []
    for number in range(1, articles + 1):
        record = make_article(rng, number)
        path = f"/wire/{number}.html"
        site.routes[path] = Route(
            article_page(record["title"], record["text"], record["date"], record["source"])
        )
        wire.append(
            {
                "url": site.url(path),
                "title": record["title"],
                "date": record["date"],
                "source": record["source"],
            }
        )
    for i, record in enumerate(demo_records()):
        path = f"/demo/{record['id']}.html"
        site.routes[path] = Route(
            article_page(record["title"], record["text"], record["date"], record["source"])
        )
        wire.append(
            {
                "url": site.url(path),
                "title": record["title"],
                "date": record["date"],
                "source": record["source"],
            }
        )
        if i < copies:
            body = record["text"].split(" - ", 1)[-1]
            copy = f"(Syndicated) - {body}\n\nThis story was first published by {record['source']}."
            path = f"/partner/{record['id']}.html"
            site.routes[path] = Route(
                article_page("Partner: " + record["title"], copy, record["date"], "Partner Desk")
            )
            syndicated.append(
                {
                    "url": site.url(path),
                    "title": "Partner: " + record["title"],
                    "date": record["date"],
                    "source": "Partner Desk",
                }
            )
    site.routes["/wire.xml"] = Route(rss_feed("wire", wire), content_type=RSS)
    site.routes["/partner.xml"] = Route(rss_feed("partner", syndicated), content_type=RSS)


def measure(articles: int, copies: int) -> dict[str, float]:
    import psutil

    with tempfile.TemporaryDirectory(prefix="flashpoint-watch-bench-") as folder, FeedSite() as site:
        build_site(site, articles, copies)
        db = Path(folder) / "watch.duckdb"
        log = Path(folder) / "watch.log"
        cmd = [
            sys.executable,
            "-m",
            "flashpoint.cli",
            "watch",
            "--db",
            str(db),
            "--once",
            "--feed",
            site.url("/wire.xml"),
            "--feed",
            site.url("/partner.xml"),
        ]
        started = time.perf_counter()
        with open(log, "wb") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
            watched = psutil.Process(proc.pid)
            peak = 0
            while proc.poll() is None:
                try:
                    peak = max(peak, watched.memory_info().rss)
                except psutil.Error:
                    break
                time.sleep(0.5)
        wall = time.perf_counter() - started
        text = log.read_text("utf-8", "replace")
        found = _SUMMARY.findall(text)
        if proc.returncode != 0 or not found:
            raise RuntimeError(f"the watch run failed ({proc.returncode}):\n{text[-2000:]}")
        coded, dropped, fetch, coding, storing = found[-1]
    return {
        "articles_listed": articles + 40 + min(copies, 40),
        "coded": int(coded),
        "duplicates_dropped": int(dropped),
        "wall_s": wall,
        "fetch_s": float(fetch),
        "coding_s": float(coding),
        "storing_s": float(storing),
        "peak_rss_mb": peak / 2**20,
    }


def markdown(f: dict[str, float]) -> str:
    per_min = f["coded"] / f["wall_s"] * 60
    return "\n".join(
        [
            "| figure | value |",
            "|---|---|",
            f"| articles listed in the feeds | {f['articles_listed']:,} |",
            f"| articles coded and stored | {f['coded']:,} |",
            f"| syndicated copies dropped before coding | {f['duplicates_dropped']} |",
            f"| wall time of the cycle (process start included) | {f['wall_s']:.0f} s |",
            f"| articles per minute, whole cycle | {per_min:.0f} |",
            f"| fetching (HTTP, all pages and feeds) | {f['fetch_s']:.1f} s |",
            f"| coding (the NLP pipeline) | {f['coding_s']:.1f} s "
            f"({f['coded'] / max(f['coding_s'], 1e-9) * 60:.0f} articles/min) |",
            f"| storing (one commit per batch of 16 articles, with merging) | {f['storing_s']:.1f} s |",
            f"| peak resident memory of the watcher | {f['peak_rss_mb']:.0f} MB |",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--copies", type=int, default=40)
    args = parser.parse_args(argv)
    print(markdown(measure(args.articles, args.copies)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
