"""Schema versions, upgrading an older database, and clear errors for unusable paths."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flashpoint.errors import StoreError
from flashpoint.store import EventStore
from flashpoint.store.schema import LATEST_VERSION, MIGRATIONS, apply_migrations, current_version


def make_version_1(path: Path) -> None:
    """A database as the first release wrote it, with one document and two events."""
    conn = duckdb.connect(str(path))
    assert apply_migrations(conn, target=1) == [1]
    conn.execute(
        "INSERT INTO documents (id, title, text, source) VALUES"
        " ('doc-a', 'A', 'Riot in Gaza. Raid in Gaza.', 'wire')"
    )
    conn.execute(
        "INSERT INTO locations VALUES ('loc-g', 'Gaza City', 31.5, 34.47, 'PS', NULL, NULL, 1, 281133)"
    )
    conn.execute(
        "INSERT INTO events (event_id, doc_id, type, date, date_precision,"
        " evidence_text, evidence_start, evidence_end, location_id, confidence) VALUES"
        " ('ev-1', 'doc-a', 'PROTEST', '2023-04', 'month', 'Riot in Gaza.', 0, 13,"
        "  'loc-g', 0.5),"
        " ('ev-2', 'doc-a', 'ASSAULT', '2023-04-05', 'day', 'Raid in Gaza.', 14, 27,"
        "  'loc-g', 0.7)"
    )
    conn.execute("INSERT INTO actors VALUES ('ev-2', 'actor', 0, 'troops', 'IDF', 'IL', 'MIL', NULL, NULL)")
    conn.close()


def test_new_database_is_at_latest_version(tmp_path: Path) -> None:
    with EventStore(tmp_path / "new.duckdb") as s:
        assert s.schema_version == LATEST_VERSION == len(MIGRATIONS)
        versions = s.conn.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
        assert [v[0] for v in versions] == list(range(1, LATEST_VERSION + 1))


def test_version_1_database_is_upgraded_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    make_version_1(path)
    with EventStore(path) as s:
        assert s.schema_version == LATEST_VERSION
        rows = s.query_events()
        assert [r["event_id"] for r in rows] == ["ev-1", "ev-2"]
        assert all(r["cluster_id"] == r["event_id"] for r in rows)
        assert rows[1]["actors"][0]["name"] == "IDF"
        assert rows[1]["location"]["name"] == "Gaza City" and rows[1]["location"]["text"] is None
        # Backfilled date keys: the month-precision event counts as 2023-04-01.
        assert [r["event_id"] for r in s.query_events(since="2023-04-02")] == ["ev-2"]
        assert [r["event_id"] for r in s.query_events(until="2023-04-01")] == ["ev-1"]
        day = s.conn.execute("SELECT date_is_day FROM events ORDER BY event_id").fetchall()
        assert [d[0] for d in day] == [False, True]


def test_upgrade_runs_once(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    make_version_1(path)
    EventStore(path).close()
    with EventStore(path) as s:
        count = s.conn.execute("SELECT count(*) FROM schema_version").fetchone()[0]
        assert count == LATEST_VERSION


def test_read_only_open_of_old_database_asks_for_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    make_version_1(path)
    with pytest.raises(StoreError, match="upgrade"):
        EventStore(path, read_only=True)
    conn = duckdb.connect(str(path))
    assert current_version(conn) == 1  # nothing was changed
    conn.close()


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    EventStore(path).close()
    conn = duckdb.connect(str(path))
    conn.execute("INSERT INTO schema_version (version) VALUES (?)", [LATEST_VERSION + 1])
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        EventStore(path)


def test_foreign_duckdb_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    conn = duckdb.connect(str(path))
    conn.execute("CREATE TABLE events (x INTEGER)")
    conn.close()
    with pytest.raises(StoreError, match="not a flashpoint event database"):
        EventStore(path)


def test_directory_path(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory") as info:
        EventStore(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "events.duckdb"
    with pytest.raises(StoreError, match="does not exist") as info:
        EventStore(path)
    assert str(path) in str(info.value)


def test_read_only_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        EventStore(tmp_path / "absent.duckdb", read_only=True)
    assert not (tmp_path / "absent.duckdb").exists()


def test_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.duckdb"
    path.write_bytes(b"this is not a database\n" * 200)
    with pytest.raises(StoreError, match="not a DuckDB database") as info:
        EventStore(path)
    assert str(path) in str(info.value)


def test_file_locked_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    EventStore(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
            " sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="locked") as info:
            EventStore(path)
        assert str(path) in str(info.value)
    finally:
        holder.communicate(input="", timeout=30)
