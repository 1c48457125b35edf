"""The benchmark's parts on tiny sizes: corpora, process measurement, the synthetic
query database, the target arithmetic and the command line. No docs are written."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from flashpoint.cli import build_parser
from flashpoint.errors import FlashpointError, UsageError
from flashpoint.evaluate.bench import BenchOptions, BenchResults, Run, bench_options, run_benchmark
from flashpoint.evaluate.bench_corpus import short_pieces, write_corpus
from flashpoint.evaluate.bench_dask import DaskTiming
from flashpoint.evaluate.bench_process import run_measured
from flashpoint.evaluate.bench_query import QueryTiming, build_database, time_query
from flashpoint.evaluate.bench_report import (
    capacity,
    default_ratio,
    shapes_section,
    speed_ratio,
    summary,
    targets,
)
from flashpoint.evaluate.bench_shapes import ShapeRun, shape_texts

ARTICLES = [
    {
        "title": "A",
        "publish_date": "2021-03-08 10:00:00",
        "text": "Gunmen attacked a school in Jangebe. They took many girls. Police said three "
        "officers died. The state governor promised to act. Parents gathered at the gate.",
    },
    {
        "title": "B",
        "publish_date": "2021-04-01 08:00:00",
        "text": "Protesters marched in Lagos on Friday. Police fired tear gas at the crowd.",
    },
]


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared" / "data" / "hrdsattack"
    folder.mkdir(parents=True)
    (folder / "hrdsattack_dev.jsonl").write_text(
        "\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8"
    )
    return tmp_path / "shared"


def test_article_corpus_repeats_with_distinct_ids(shared, tmp_path):
    path, distinct, words = write_corpus("articles", 5, shared, tmp_path / "c")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5 and distinct == 2
    assert len({r["id"] for r in rows}) == 5
    assert rows[2]["text"] == rows[0]["text"] and rows[0]["date"] == "2021-03-08"
    assert words == sum(len(r["text"].split()) for r in rows)


def test_short_pieces_are_two_sentences(shared):
    pieces = short_pieces(shared)
    assert pieces[0]["text"] == "Gunmen attacked a school in Jangebe. They took many girls."
    assert all(p["text"].count(". ") <= 1 for p in pieces)
    assert pieces[-1]["date"] == "2021-04-01"


def test_corpus_without_data_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="hrdsattack"):
        write_corpus("short", 3, tmp_path, tmp_path / "c")


def test_run_measured_times_a_child_and_reads_its_peak_memory():
    m = run_measured([sys.executable, "-c", "x = bytearray(60 * 2**20); print('done')"])
    assert m.stdout.strip() == "done"
    assert m.seconds > 0 and m.peak_mib >= 60 and m.cpu_seconds > 0 and m.returncode == 0
    with pytest.raises(FlashpointError, match="failed"):
        run_measured([sys.executable, "-c", "import sys; sys.exit(3)"])


def test_synthetic_database_answers_the_filtered_query(tmp_path):
    path = tmp_path / "q.duckdb"
    build_database(path, 20_000, places=600)
    rows, first_ms, median_ms = time_query(path, runs=1)
    assert 0 < rows <= 50
    from flashpoint.evaluate.bench_query import QUERY
    from flashpoint.facade import query_events

    got = query_events(str(path), **QUERY)
    assert all(e["type"] == "ASSAULT" and e["location"]["country"] == "NG" for e in got)
    assert all("2020-01-01" <= e["date"] <= "2020-12-31" for e in got)
    assert got[0]["actors"][0]["name"] == "Police"


def _results() -> BenchResults:
    res = BenchResults(corpus_words={"articles": 10_000}, distinct={"articles": 10})
    res.spacy = [
        Run("spaCy n_process=1", 10, 10_000, 10.0, 300),
        Run("spaCy n_process=2", 10, 10_000, 8.0, 300, 2),
    ]
    res.flashpoint = [
        Run("flashpoint --workers 1", 10, 10_000, 12.0, 600),
        Run("flashpoint --workers 2", 10, 10_000, 9.0, 600, 2),
        Run("flashpoint, default workers", 10, 10_000, 11.0, 600, 2, default=True),
    ]
    res.memory = [
        Run("1000 short docs", 1000, 50_000, 20, 500),
        Run("10000 short docs", 10_000, 500_000, 200, 520),
    ]
    res.dask = [DaskTiming(1, 100, 80, 0, 5.0, 20.0, 25.0), DaskTiming(2, 100, 80, 0, 6.0, 11.0, 17.0)]
    res.query = QueryTiming(1_000_000, 20.0, 50, 300.0, 150.0, 7, 1.5)
    return res


def test_targets_from_results():
    res = _results()
    assert speed_ratio(res) == pytest.approx(8.0 / 9.0)
    verdicts = {t.name.split(" ")[0]: t.met for t in targets(res)}
    assert verdicts == {
        "throughput": True,
        "default": False,
        "peak": True,
        "Dask": True,
        "filtered": True,
        "shapes:": None,
    }
    assert default_ratio(res) == pytest.approx(8.0 / 11.0)
    res.query = QueryTiming(1_000_000, 20.0, 50, 300.0, 250.0, 7, 1.5)
    assert next(t for t in targets(res) if t.name.startswith("filtered")).met is False
    assert "missed" in summary(BenchOptions(shared=Path(".")), res)


def test_repeated_rounds_count_the_fastest_run_of_each_side():
    res = _results()
    res.spacy.append(Run("spaCy n_process=2 (round 2)", 10, 10_000, 12.0, 300, 2))
    res.flashpoint.append(Run("flashpoint --workers 2 (round 2)", 10, 10_000, 8.5, 600, 2))
    assert speed_ratio(res) == pytest.approx(8.0 / 8.5)
    # words per core divides by the run's processes, whatever its label says
    assert capacity(res).words_per_second_per_core == pytest.approx(10_000 / 12)


def test_capacity_uses_the_best_words_per_second_per_core():
    cap = capacity(_results())
    # best per core: 10,000 words / 12 s with 1 worker = 833 words/s (2 workers: 556 per core)
    assert cap.words_per_second_per_core == pytest.approx(10_000 / 12)
    assert cap.words_per_article == 1000
    assert cap.cores >= cap.words_per_second_needed / cap.words_per_second_per_core


def test_bench_command_line_sizes():
    args = build_parser().parse_args(
        ["bench", "--quick", "--only", "query", "--query-events", "500", "--shared", "/x"]
    )
    opts = bench_options(args, "flashpoint bench --quick")
    assert opts.parts == ("query",) and opts.query_events == 500 and opts.docs is None
    assert opts.articles == 10 and opts.memory_sizes == (100, 1000)
    full = bench_options(build_parser().parse_args(["bench", "--memory-docs", "10,20", "--docs", "d"]), "b")
    assert full.memory_sizes == (10, 20) and full.query_events == 1_000_000
    assert full.docs == Path("d")
    assert full.speed_rounds == 2 and opts.speed_rounds == 1
    rounds = bench_options(build_parser().parse_args(["bench", "--rounds", "3"]), "b")
    assert rounds.speed_rounds == 3
    with pytest.raises(UsageError):
        bench_options(build_parser().parse_args(["bench", "--rounds", "0"]), "b")
    with pytest.raises(UsageError):
        bench_options(build_parser().parse_args(["bench", "--memory-docs", "ten"]), "b")


def test_unknown_part_is_refused_before_measuring(tmp_path):
    with pytest.raises(UsageError, match="unknown benchmark part"):
        run_benchmark(BenchOptions(shared=tmp_path, parts=("speed", "warp")))


def test_shape_texts_have_their_sizes_and_shapes(shared):
    texts = shape_texts(shared, (300, 900), 2000)
    assert sorted(texts) == [
        "list of names 2 KB",
        "normal 0.3 KB",
        "normal 0.9 KB",
        "normal 2 KB",
        "one line 0.3 KB",
        "one line 0.9 KB",
        "table 2 KB",
    ]
    assert {len(t) for t, _ in texts.values()} <= {300, 900, 2000}
    one_line = [t for name, (t, size) in texts.items() if name.startswith("one line") and size == 900][0]
    assert "\n" not in one_line and "." not in one_line and "," not in one_line
    names = next(t for name, (t, _) in texts.items() if name.startswith("list of names"))
    assert "\n" not in names and all(n.strip()[:1].isupper() for n in names.split(",")[:-1])
    table = next(t for name, (t, _) in texts.items() if name.startswith("table"))
    assert all(len(row.split("\t")) == 5 for row in table.splitlines()[:-1])
    normal = next(t for name, (t, size) in texts.items() if name.startswith("normal") and size == 900)
    assert normal.startswith(ARTICLES[0]["text"][:40]) and "\n\n" in normal


def test_shape_targets_and_section():
    res = _results()
    res.shapes = [
        ShapeRun("normal 20 KB", 20_000, 4.0, 600, 30, False, 4.0),
        ShapeRun("one line 20 KB", 20_000, 11.0, 620, 12, False, 10.0, 4.0),
        ShapeRun("table 1 MB", 1_000_000, 95.0, 900, 40, True, 90.0, 60.0),
    ]
    verdicts = {t.name: t.met for t in targets(res)}
    assert verdicts["shapes: slowest against a normal article of its size"] is True  # 2.5x
    assert verdicts["shapes: peak memory"] is True
    res.shapes.append(ShapeRun("list of names 1 MB", 1_000_000, 210.0, 1600, 0, False, 200.0, 60.0))
    verdicts = {t.name: t.met for t in targets(res)}
    assert verdicts["shapes: slowest against a normal article of its size"] is False
    assert verdicts["shapes: peak memory"] is False
    section = shapes_section(None, res)
    assert "| one line 20 KB | 20,000 | 11.0 | 10.0 | 2.50x | 620 | 12 | no |" in section
    assert "| table 1 MB | 1,000,000 | 95.0 | 90.0 | 1.50x | 900 | 40 | yes |" in section


def test_shapes_use_a_private_copy_of_the_gazetteer_cache(tmp_path, monkeypatch):
    from flashpoint.evaluate.bench_shapes import private_cache

    shared_cache = tmp_path / "user-cache"
    shared_cache.mkdir()
    (shared_cache / "gazetteer-v1-x.pickle").write_bytes(b"tables")
    monkeypatch.setenv("FLASHPOINT_CACHE", str(shared_cache))
    folder = private_cache(tmp_path / "work")
    assert folder != shared_cache and (folder / "gazetteer-v1-x.pickle").read_bytes() == b"tables"


def test_explain_part_times_both_settings_and_counts_trace_entries(shared, tmp_path):
    from flashpoint.evaluate.bench_explain import bench_explain, explain_cost
    from flashpoint.evaluate.bench_report import explain_section

    timings = bench_explain(shared, 2, 1, lambda _m: None)
    off, on = timings
    assert (off.explain, on.explain) == (False, True)
    assert off.docs == on.docs == 2 and off.words == on.words > 0
    # the same events either way; only the trace differs
    assert off.events == on.events > 0
    assert off.trace_entries == 0 and on.trace_entries >= on.events
    assert explain_cost(timings) == on.cpu_seconds / off.cpu_seconds - 1.0
    section = explain_section(type("R", (), {"explain": timings})())
    assert "| off | 2 |" in section and "| on | 2 |" in section


def test_explain_part_without_articles_says_where_it_looked(tmp_path):
    from flashpoint.errors import UsageError
    from flashpoint.evaluate.bench_explain import bench_explain, explain_cost

    with pytest.raises(UsageError, match="no HRDsAttack articles"):
        bench_explain(tmp_path, 5, 1, lambda _m: None)
    assert explain_cost([]) is None
