"""`flashpoint events` and `flashpoint alerts` while `flashpoint serve` holds the database
(issue 17 point 7): DuckDB lets one process open the file, so the commands read a snapshot.

The database is built from hand-made reports (no parsing), and `serve` runs as a real
subprocess on a free port, as an analyst would start it."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from flashpoint.models import Actor, Document, Event, Location, Mention
from flashpoint.monitor.alerts import alerts_in_db
from flashpoint.store import EventStore
from flashpoint.store.snapshot import open_for_reading

httpx = pytest.importorskip("httpx")

SRC = Path(__file__).resolve().parents[1] / "src"
ZVECAN = Location("Zvecan", "Zvecan", 42.9075, 20.8403, "XK", admin1="Mitrovica",
                  admin2="Zvecan", precision=1)
LEPOSAVIC = Location("Leposavic", "Leposavic", 43.1039, 20.8028, "XK", admin1="Mitrovica",
                     admin2="Leposavic", precision=1)
EXTRA_HOST = "dashboard.example"
TYPES = ("PROTEST", "COERCE", "ASSAULT")


def _report(n: int, day: date, place: Location, type_: str) -> tuple[Document, list[Event]]:
    text = f"Report {n}: group {n} and police met in {place.name} on {day}."
    doc = Document(id=f"doc-{n}", text=text, source=f"wire-{n % 3}", title=f"Report {n}", date=day)
    actor = Actor(f"group {n}", f"Group {n}", "XK", "CVL")  # one actor each: reports never merge
    event = Event(doc_id=doc.id, event_id=Event.make_id(doc.id, type_, 0, len(text), place.name),
                  type=type_, mode=None, evidence=Mention(text, 0, len(text)),
                  date=day.isoformat(), date_precision="day", actors=(actor,), location=place,
                  arrested=n % 4)
    return doc, [event]


def build_db(path: Path) -> Path:
    """Two months of a quiet event every fifth day, then a burst of 14 in one province,
    in villages far enough apart (about 17 km) that no two reports merge."""
    start = date(2023, 3, 25)
    quiet = [_report(n, start + timedelta(days=5 * n), (ZVECAN, LEPOSAVIC)[n % 2], TYPES[n % 3])
             for n in range(12)]
    villages = [Location(f"Village {i}", f"Village {i}", 42.0 + 0.15 * i, 20.8, "XK",
                         admin1="Mitrovica", admin2=f"District {i}", precision=1) for i in range(14)]
    burst = [_report(12 + i, date(2023, 5, 23) + timedelta(days=i % 7), village, TYPES[i % 3])
             for i, village in enumerate(villages)]
    with EventStore(path) as store:
        store.ingest(quiet + burst)
    return path


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def _flashpoint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flashpoint.cli", *args], env=_env(),
                          capture_output=True, text=True, timeout=180)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("serving") / "events.duckdb")


@pytest.fixture(scope="module")
def expected(database: Path) -> dict[str, object]:
    """What the commands print when nothing holds the database, taken before serving."""
    with EventStore(database, read_only=True) as store:
        ids = sorted(e["event_id"] for e in store.query_events())
    return {"ids": ids, "alerts": [a.to_dict() for a in alerts_in_db(str(database))]}


@pytest.fixture(scope="module")
def server(database: Path, expected: dict[str, object]) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "flashpoint.cli", "serve", "--db", str(database),
                             "--port", str(port), "--allowed-host", EXTRA_HOST],
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"flashpoint serve exited: {proc.stderr.read()[-2000:]}")
            try:
                if httpx.get(url + "/events", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("flashpoint serve did not answer within 120 s")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_the_server_holds_the_database_lock(server: str, database: Path) -> None:
    from flashpoint.errors import StoreError
    with pytest.raises(StoreError, match="locked by another process"):
        EventStore(database, read_only=True)


def test_events_while_serving_lists_every_stored_event(server: str, database: Path,
                                                       expected: dict[str, object]) -> None:
    done = _flashpoint("events", "--db", str(database), "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert sorted(r["event_id"] for r in rows) == expected["ids"]
    assert len(rows) == 26


def test_events_while_serving_applies_filters(server: str, database: Path) -> None:
    done = _flashpoint("events", "--db", str(database), "--format", "json", "--type", "PROTEST")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows and {r["type"] for r in rows} == {"PROTEST"}


def test_alerts_while_serving_match_those_without_a_server(server: str, database: Path,
                                                           expected: dict[str, object]) -> None:
    assert expected["alerts"], "the burst in Zvecan should raise an alert"
    done = _flashpoint("alerts", "--db", str(database), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["alerts"] == json.loads(json.dumps(expected["alerts"]))


def test_serve_refuses_unknown_host_names_and_accepts_allowed_ones(server: str) -> None:
    refused = httpx.get(server + "/events", headers={"Host": "rebound.attacker.example"})
    assert refused.status_code == 400
    assert "--allowed-host" in refused.json()["detail"]
    assert httpx.get(server + "/events", headers={"Host": f"{EXTRA_HOST}:80"}).status_code == 200
    assert httpx.get(server + "/events", headers={"Host": "localhost"}).status_code == 200


HOLDER = """
import sys, time
from flashpoint.store import EventStore
sys.path.insert(0, sys.argv[2])
from datetime import date
from test_cli_while_serving import _report, ZVECAN
store = EventStore(sys.argv[1])
store.ingest([_report(100, date(2023, 6, 1), ZVECAN, "PROTEST")])  # in the write-ahead log only
print("ready", flush=True)
time.sleep(60)
"""


def test_snapshot_includes_writes_not_yet_checkpointed(tmp_path: Path) -> None:
    db = build_db(tmp_path / "held.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(Path(__file__).parent)],
                              env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        assert Path(str(db) + ".wal").exists()
        with open_for_reading(db) as store:
            assert Path(store.path).parent != db.parent  # a copy, not the held file
            assert len(store.query_events()) == 27
        assert not Path(store.path).exists()  # the copy is removed afterwards
    finally:
        holder.kill()
        holder.wait()
