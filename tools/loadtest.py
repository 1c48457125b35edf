"""Load test of `flashpoint serve` on the loopback interface (issue 7).

Builds a database of synthetic events (default 10,000), starts `flashpoint serve` on
127.0.0.1 on a free port, sends a fixed mix of GET requests at a steady rate for a fixed
time and prints sent / ok / errors and latency percentiles. ``--mode ingest`` does the
same while a second client keeps POSTing new articles (parsed by the real pipeline).

The synthetic events go through ``EventStore.ingest`` (so the schema, merge clusters
and indexes are exactly what a real ingest writes); only the NLP step is skipped: each
synthetic article is one templated sentence per event, with the event fields set
directly. Everything is bounded: at most 500 requests/s, 300 s, and it stops itself.

    .venv/bin/python tools/loadtest.py --mode read
    .venv/bin/python tools/loadtest.py --mode ingest --db /tmp/fp-load.duckdb
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from flashpoint.models import Actor, Document, Event, Location, Mention
from flashpoint.store import EventStore

HOST = "127.0.0.1"  # loopback only, never configurable
MAX_RATE, MAX_SECONDS, MAX_IN_FLIGHT = 500, 300, 256
FIRST_DAY = date(2023, 1, 1)
DAYS = 365
TYPES = (
    "PROTEST",
    "ASSAULT",
    "COERCE",
    "MOBILIZE",
    "THREATEN",
    "ACCUSE",
    "SANCTION",
    "AID",
    "CONSULT",
    "REQUEST",
)
VERBS = {
    "PROTEST": "protested",
    "ASSAULT": "attacked a patrol",
    "COERCE": "detained people",
    "MOBILIZE": "deployed troops",
    "THREATEN": "threatened reprisals",
    "ACCUSE": "accused officials",
    "SANCTION": "imposed sanctions",
    "AID": "delivered aid",
    "CONSULT": "held talks",
    "REQUEST": "asked for help",
}
# (name, lat, lon, country, admin1, admin2, precision): approximate public coordinates.
PLACES = (
    ("Zvečan", 42.9075, 20.8403, "XK", "Mitrovica", "Zvečan", 1),
    ("Leposaviq", 43.1039, 20.8028, "XK", "Mitrovica", "Leposaviq", 1),
    ("Mitrovicë", 42.8914, 20.8660, "XK", "Mitrovica", "Mitrovicë", 1),
    ("Pristina", 42.6727, 21.1669, "XK", "Pristina", "Pristina", 1),
    ("Prizren", 42.2139, 20.7397, "XK", "Prizren", "Prizren", 1),
    ("Belgrade", 44.8040, 20.4651, "RS", "Central Serbia", "Belgrade", 1),
    ("Novi Sad", 45.2517, 19.8369, "RS", "Vojvodina", "South Bačka", 1),
    ("Skopje", 41.9965, 21.4314, "MK", "Skopje", "Centar", 1),
    ("Tirana", 41.3275, 19.8187, "AL", "Tirana", "Tirana", 1),
    ("Sarajevo", 43.8486, 18.3564, "BA", "Federation of Bosnia and Herzegovina", "Sarajevo", 1),
    ("Banja Luka", 44.7758, 17.1856, "BA", "Republika Srpska", "Banja Luka", 1),
    ("Podgorica", 42.4411, 19.2636, "ME", "Podgorica", "Podgorica", 1),
)
ACTORS = (
    ("protesters", "CVL"),
    ("police", "COP"),
    ("soldiers", "MIL"),
    ("officials", "GOV"),
    ("residents", "CVL"),
    ("militants", "REB"),
)
POST_TEXTS = (
    "Hundreds of people protested in {place} on {day} against the closure of a hospital.",
    "Police detained {n} men in {place} on {day} after clashes near the bridge.",
    "Unknown attackers set fire to two cars in {place} on {day}, police said.",
)


def build_database(path: str, n_events: int, seed: int = 7, per_doc: int = 4) -> dict[str, int]:
    """Write ``n_events`` synthetic events (``per_doc`` per article) into a new database."""
    rng = random.Random(seed)
    pairs: list[tuple[Document, list[Event]]] = []
    for d in range(0, n_events, per_doc):
        doc_id = f"synthetic-{d // per_doc:06d}"
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        sentences, events, offset = [], [], 0
        for k in range(min(per_doc, n_events - d)):
            etype, place = rng.choice(TYPES), rng.choice(PLACES)
            who, sector = rng.choice(ACTORS)
            sentence = f"In {place[0]}, {who} {VERBS[etype]} on {day.isoformat()} (report {k})."
            start, end = offset, offset + len(sentence)
            sentences.append(sentence)
            offset = end + 1
            loc = Location(
                text=place[0],
                name=place[0],
                lat=place[1],
                lon=place[2],
                country=place[3],
                admin1=place[4],
                admin2=place[5],
                precision=place[6],
            )
            events.append(
                Event(
                    doc_id=doc_id,
                    event_id=Event.make_id(doc_id, etype, start, end, place[0]),
                    type=etype,
                    mode=None,
                    evidence=Mention(sentence, start, end),
                    date=day.isoformat(),
                    date_precision="day",
                    actors=(Actor(text=who, name=who, country=place[3], sector=sector),),
                    location=loc,
                    fatalities=rng.choice((None, None, 0, 1, 3)),
                    injured=rng.choice((None, 0, 2, 5)),
                    confidence=0.7,
                )
            )
        doc = Document(
            id=doc_id,
            text=" ".join(sentences),
            date=day,
            title=f"Synthetic {doc_id}",
            source=rng.choice(("wire-a", "wire-b", "wire-c")),
        )
        pairs.append((doc, events))
    with EventStore(path) as store:
        store.ingest(pairs)
        return store.counts()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, token_file: str, log: Path) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "flashpoint.cli",
        "serve",
        "--db",
        db,
        "--host",
        HOST,
        "--port",
        str(port),
        "--token-file",
        token_file,
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log.open("w"))
    deadline = time.monotonic() + 180  # includes loading the NLP pipeline for POSTs
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"http://{HOST}:{port}/openapi.json", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start within 180 s")


def sample_ids(db: str) -> tuple[list[str], list[str]]:
    with EventStore(db, read_only=True) as store:
        events = [
            r[0] for r in store.conn.execute("SELECT event_id FROM events USING SAMPLE 500 ROWS").fetchall()
        ]
        docs = [r[0] for r in store.conn.execute("SELECT id FROM documents USING SAMPLE 200 ROWS").fetchall()]
    return events, docs


def request_mix(rng: random.Random, event_ids: list[str], doc_ids: list[str]) -> str:
    """One GET path; the weights mimic a dashboard session (lists and details most)."""
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    month = day.isoformat()[:7]
    choices = (
        (20, lambda: "/events?limit=50"),
        (15, lambda: f"/events?type={rng.choice(TYPES)}&limit=20&offset={rng.randrange(0, 200, 20)}"),
        (10, lambda: f"/events?country={rng.choice(PLACES)[3]}&since={month}&until={month}"),
        (5, lambda: f"/events?q={rng.choice(('protested', 'aid', 'talks', 'police'))}"),
        (5, lambda: f"/events?place={rng.choice(PLACES)[0]}&limit=20"),
        (20, lambda: f"/events/{rng.choice(event_ids)}"),
        (10, lambda: f"/documents/{rng.choice(doc_ids)}"),
        (
            8,
            lambda: f"/events.geojson?since={day}&until={day + timedelta(days=30)}&limit=5000",
        ),  # the map's page
        (5, lambda: f"/stats/timeseries?interval=week&since={month}"),
        (2, lambda: f"/alerts?since={day}"),
    )
    pick = rng.uniform(0, sum(w for w, _ in choices))
    for weight, make in choices:
        pick -= weight
        if pick <= 0:
            return make()
    return "/events"


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def drive_reads(
    base: str, rate: float, seconds: float, event_ids: list[str], doc_ids: list[str], seed: int = 11
) -> dict[str, object]:
    """Open loop: request i is sent at start + i/rate whether or not earlier ones returned."""
    rng = random.Random(seed)
    stats: dict[str, object] = {"sent": 0, "ok": 0, "errors": 0, "skipped": 0, "status": {}}
    latencies: list[float] = []
    in_flight = 0
    limits = httpx.Limits(max_connections=MAX_IN_FLIGHT, max_keepalive_connections=64)

    async with httpx.AsyncClient(base_url=base, timeout=10.0, limits=limits) as client:

        async def one(path: str) -> None:
            nonlocal in_flight
            t = time.perf_counter()
            try:
                r = await client.get(path)
                key = str(r.status_code)
                stats["ok" if r.status_code == 200 else "errors"] += 1
            except httpx.HTTPError as exc:
                key = type(exc).__name__
                stats["errors"] += 1
            latencies.append((time.perf_counter() - t) * 1000)
            stats["status"][key] = stats["status"].get(key, 0) + 1
            in_flight -= 1

        tasks = []
        start = time.perf_counter()
        for i in range(int(rate * seconds)):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            if in_flight >= MAX_IN_FLIGHT:
                stats["skipped"] += 1  # the server is this far behind: count, do not pile on
                continue
            in_flight += 1
            stats["sent"] += 1
            tasks.append(asyncio.create_task(one(request_mix(rng, event_ids, doc_ids))))
        await asyncio.gather(*tasks)
        stats["seconds"] = round(time.perf_counter() - start, 1)
    stats.update({f"p{p}_ms": round(percentile(latencies, p), 1) for p in (50, 95, 99)})
    stats["max_ms"] = round(max(latencies, default=float("nan")), 1)
    return stats


async def drive_ingest(base: str, token: str, stop: asyncio.Event, per_post: int = 4) -> dict[str, object]:
    """POST batches of new articles back to back until ``stop`` is set."""
    stats: dict[str, object] = {
        "posts": 0,
        "posts_ok": 0,
        "post_errors": 0,
        "documents_new": 0,
        "events_new": 0,
    }
    latencies: list[float] = []
    headers = {"Authorization": f"Bearer {token}"}
    n = 0
    async with httpx.AsyncClient(base_url=base, timeout=120.0) as client:
        while not stop.is_set():
            batch = []
            for _ in range(per_post):
                n += 1
                place, day = PLACES[n % len(PLACES)][0], FIRST_DAY + timedelta(days=n % DAYS)
                text = POST_TEXTS[n % len(POST_TEXTS)].format(
                    place=place, day=day.strftime("%A"), n=n % 9 + 2
                )
                batch.append(
                    {
                        "id": f"load-{n}",
                        "text": f"{text} (bulletin {n})",
                        "date": day.isoformat(),
                        "source": "loadtest",
                    }
                )
            t = time.perf_counter()
            stats["posts"] += 1
            try:
                r = await client.post("/documents", json=batch, headers=headers)
                if r.status_code == 200:
                    stats["posts_ok"] += 1
                    body = r.json()
                    stats["documents_new"] += body["documents_new"]
                    stats["events_new"] += body["events_new"]
                else:
                    stats["post_errors"] += 1
            except httpx.HTTPError:
                stats["post_errors"] += 1
            latencies.append((time.perf_counter() - t) * 1000)
    stats["post_p50_ms"] = round(percentile(latencies, 50), 1)
    stats["post_max_ms"] = round(max(latencies, default=float("nan")), 1)
    return stats


async def run(
    base: str, args: argparse.Namespace, token: str, event_ids: list[str], doc_ids: list[str]
) -> dict[str, object]:
    if args.mode == "read":
        return await drive_reads(base, args.rate, args.seconds, event_ids, doc_ids)
    stop = asyncio.Event()
    writer = asyncio.create_task(drive_ingest(base, token, stop))
    reads = await drive_reads(base, args.rate, args.seconds, event_ids, doc_ids)
    stop.set()
    return {**reads, **await writer}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("read", "ingest"), default="read")
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--rate", type=float, default=100.0, help="GET requests per second")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--db", help="reuse or create this database (default: a temporary one)")
    args = ap.parse_args(argv)
    if not 0 < args.rate <= MAX_RATE or not 0 < args.seconds <= MAX_SECONDS:
        ap.error(f"--rate must be in (0, {MAX_RATE}] and --seconds in (0, {MAX_SECONDS}]")
    with tempfile.TemporaryDirectory(prefix="fp-load-") as tmp:
        db = args.db or str(Path(tmp) / "load.duckdb")
        t = time.perf_counter()
        if not Path(db).exists():
            counts = build_database(db, args.events)
            print(f"built {db}: {counts} in {time.perf_counter() - t:.1f}s", file=sys.stderr)
        event_ids, doc_ids = sample_ids(db)
        token = os.urandom(16).hex()
        token_file = Path(tmp) / "token"
        token_file.write_text(token, encoding="utf-8")
        port = free_port()
        server = start_server(db, port, str(token_file), Path(tmp) / "server.log")
        try:
            result = asyncio.run(run(f"http://{HOST}:{port}", args, token, event_ids, doc_ids))
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        result = {"mode": args.mode, "rate": args.rate, "planned": int(args.rate * args.seconds), **result}
        print(json.dumps(result, indent=1))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
