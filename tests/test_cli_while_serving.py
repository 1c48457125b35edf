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
from pathlib import Path

import pytest

from flashpoint.monitor.alerts import alerts_in_db
from flashpoint.store import EventStore
from flashpoint.store.snapshot import open_for_reading
from served_events import build_db

httpx = pytest.importorskip("httpx")

SRC = Path(__file__).resolve().parents[1] / "src"
EXTRA_HOST = "dashboard.example"


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def _flashpoint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flashpoint.cli", *args],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


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
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flashpoint.cli",
            "serve",
            "--db",
            str(database),
            "--port",
            str(port),
            "--allowed-host",
            EXTRA_HOST,
        ],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
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


def test_events_while_serving_lists_every_stored_event(
    server: str, database: Path, expected: dict[str, object]
) -> None:
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


def test_alerts_while_serving_match_those_without_a_server(
    server: str, database: Path, expected: dict[str, object]
) -> None:
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
from served_events import ZVECAN, report
store = EventStore(sys.argv[1])
store.ingest([report(100, date(2023, 6, 1), ZVECAN, "PROTEST")])  # in the write-ahead log only
print("ready", flush=True)
time.sleep(60)
"""


def test_snapshot_includes_writes_not_yet_checkpointed(tmp_path: Path) -> None:
    db = build_db(tmp_path / "held.duckdb")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), str(Path(__file__).parent)],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
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
