"""Lake options and failures that need no cluster: clear errors, never a traceback."""

from __future__ import annotations

import sys

import pytest

from flashpoint.cli import build_parser, main
from flashpoint.errors import UsageError
from flashpoint.scale import dask_ingest, query_lake
from flashpoint.scale.lake import lake_sql


def test_workers_is_the_documented_name_and_jobs_still_works():
    parser = build_parser()
    for flag in ("--workers", "--jobs", "-j"):
        assert parser.parse_args(["extract", "a.txt", flag, "2"]).jobs == 2
        assert parser.parse_args(["ingest", "a.txt", flag, "3"]).jobs == 3


def test_missing_dask_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(UsageError, match=r"flashpoint\[dask\]"):
        dask_ingest.open_client(None, 1)


def test_lake_needs_dask_engine(tmp_path, capsys):
    assert main(["ingest", "--lake", str(tmp_path / "l"), str(tmp_path / "x.txt")]) == 2
    assert "--engine dask" in capsys.readouterr().err


def test_query_of_a_missing_lake(tmp_path, capsys):
    assert main(["events", "--lake", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert "no event lake" in err and "Traceback" not in err


def test_merged_is_refused_on_the_lake(tmp_path):
    (tmp_path / "events").mkdir()
    with pytest.raises(UsageError, match="--merged"):
        query_lake(tmp_path, merged=True)


def test_lake_sql_binds_every_value(tmp_path):
    sql, params = lake_sql(
        tmp_path,
        since="2023-04",
        until="2023",
        country="xk,rs",
        type="PROTEST",
        near=(42.9, 20.8, 25),
        limit=5,
    )
    assert "XK" not in sql and "PROTEST" not in sql and "42.9" not in sql
    assert params[-1] == 5 and ["XK", "RS"] in params and ["PROTEST"] in params
    assert str(params[0]) == "2023-04-01" and str(params[1]) == "2023-12-31"
    with pytest.raises(UsageError):
        lake_sql(tmp_path, since="yesterday")
    with pytest.raises(UsageError):
        lake_sql(tmp_path, limit=-1)


def test_chunks_keep_order_and_size():
    assert [len(c) for c in dask_ingest.chunked(range(7), 3)] == [3, 3, 1]
    with pytest.raises(UsageError):
        dask_ingest.ingest_lake([], "unused", chunk_size=0)
