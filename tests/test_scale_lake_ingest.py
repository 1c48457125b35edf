"""Dask lake ingest on a one-worker LocalCluster: Parquet layout, bad records counted,
an idempotent re-run through the CLI, and `flashpoint events --lake`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from flashpoint.cli import main  # noqa: E402
from flashpoint.scale import ingest_lake, query_lake  # noqa: E402

DOCS = [
    {
        "id": "z1",
        "date": "2023-05-29",
        "text": "Kosovo Serbs protested on Monday in front of the town hall in Zvecan.",
    },
    {"id": "z2", "date": "2023-05-29", "text": "Police arrested 12 protesters in Leposavic on Friday."},
    {
        "id": "z3",
        "date": "2023-06-02",
        "text": "Gunmen killed three villagers in Borno state on Tuesday, officials said.",
    },
]


@pytest.fixture(scope="module")
def cluster():
    import logging

    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("in") / "news.jsonl"
    lines = [
        json.dumps(DOCS[0]),
        "{broken json",
        json.dumps(DOCS[1]),
        json.dumps({"id": "z4", "text": "\x00\x00binary"}),
        json.dumps(DOCS[2]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def lake(cluster, corpus, tmp_path_factory):
    root = tmp_path_factory.mktemp("lake") / "lake"
    result, report = ingest_lake(
        [str(corpus)], root, scheduler=cluster.scheduler_address, chunk_size=2, progress=False
    )
    return root, result, report


def _files(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_size for p in root.rglob("*.parquet")}


def test_lake_layout_and_counts(lake):
    root, result, report = lake
    assert result.documents == 3 and report.coded == 3
    assert result.events == report.events >= 3
    files = _files(root)
    assert any(f.startswith("events/date=2023-05-26/part-") for f in files), files
    assert any(f.startswith("documents/date=2023-05-29/part-") for f in files), files
    assert any(f.startswith("documents/date=2023-06-02/part-") for f in files), files


def test_bad_records_are_counted_with_their_place(lake, corpus):
    _, _, report = lake
    assert report.read == 5 and report.skipped == 2
    messages = [str(e) for e in report.errors]
    assert any(f"{corpus}:2" in m for m in messages), messages
    assert any("binary" in m for m in messages), messages


def test_query_filters(lake):
    root, _, _ = lake
    coerce = query_lake(root, type="COERCE")
    assert [e["doc_id"] for e in coerce] == ["z2"] and coerce[0]["arrested"] == 12
    assert coerce[0]["cluster_id"] == coerce[0]["event_id"]
    everything = query_lake(root)
    assert {e["doc_id"] for e in everything} == {"z1", "z2", "z3"}
    june = query_lake(root, since="2023-05-30")
    assert {e["doc_id"] for e in june} == {"z3"}
    assert len(query_lake(root, limit=1)) == 1
    dates = [e["date"] for e in everything]
    assert dates == sorted(dates)


def test_rerun_through_cli_is_idempotent(lake, cluster, corpus, capsys):
    root, result, _ = lake
    before_files = _files(root)
    before = query_lake(root)
    rc = main(
        [
            "ingest",
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--lake",
            str(root),
            "--chunk-size",
            "2",
            "--no-progress",
            str(corpus),
        ]
    )
    err = capsys.readouterr().err
    assert rc == 1, "skipped records make the exit status 1, as in the normal ingest"
    assert "skipped 2" in err and "Traceback" not in err
    assert set(_files(root)) == set(before_files)
    assert query_lake(root) == before


def test_events_command_reads_the_lake(lake, capsys):
    root, _, _ = lake
    assert main(["events", "--lake", str(root), "--type", "COERCE", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1 and rows[0]["doc_id"] == "z2"
    assert rows[0]["location"]["name"]
