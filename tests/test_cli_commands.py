"""The command line: every command documented, outputs well formed, bad input counted
and reported without a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from flashpoint.cli import build_parser, main

REPO = Path(__file__).resolve().parents[1]
JSONL_KEYS = {
    "doc_id",
    "event_id",
    "type",
    "mode",
    "acled_event_type",
    "acled_sub_event_type",
    "date",
    "date_precision",
    "actors",
    "recipients",
    "location",
    "fatalities",
    "injured",
    "arrested",
    "size",
    "confidence",
    "evidence",
}


def commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(sub.choices)


def test_every_command_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = commands()
    assert {"extract", "ingest", "events", "geocode", "evaluate", "bench"} <= set(names)
    for name in names:
        assert re.search(rf"`flashpoint {name}\b", readme), f"README does not document `flashpoint {name}`"


def test_every_option_of_every_command_has_help():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    bare = [
        f"{name} {action.option_strings[0]}"
        for name, parser in sub.choices.items()
        for action in parser._actions
        if action.option_strings and not action.help
    ]
    assert not bare, f"options with no help text: {bare}"


def test_no_command_prints_help_and_returns_2(capsys):
    assert main([]) == 2
    assert "extract" in capsys.readouterr().out


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    good = {
        "id": "a1",
        "date": "2023-05-29",
        "text": "Kosovo Serbs protested on Monday in front of the town hall in Zvecan.",
    }
    other = {
        "id": "a2",
        "date": "2023-05-29",
        "text": "Police arrested 12 protesters in Leposavic on Friday.",
    }
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps(other) + "\n", encoding="utf-8")
    return path


def test_extract_jsonl_keys_and_bad_line(articles, capsys):
    rc = main(["extract", str(articles), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert rc == 1, "a skipped record makes the exit status 1"
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["doc_id"] for r in rows} == {"a1", "a2"}
    for r in rows:
        assert JSONL_KEYS <= set(r)
        assert {"text", "name", "lat", "lon", "country", "admin1", "admin2", "precision"} <= set(
            r["location"]
        )
        assert {"text", "start", "end"} <= set(r["evidence"])
    assert f"{articles}:2" in err
    assert "skipped 1" in err and "Traceback" not in err
    arrest = next(r for r in rows if r["type"] == "COERCE")
    assert arrest["arrested"] == 12 and arrest["date"] == "2023-05-26"


def test_missing_file_is_one_clear_line(tmp_path, capsys):
    rc = main(["extract", str(tmp_path / "nope.txt")])
    err = capsys.readouterr().err
    assert rc == 1 and "nope.txt" in err and "Traceback" not in err


def test_ingest_twice_then_query(articles, tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    main(["ingest", str(articles), "--db", db, "--quiet"])
    main(["events", "--db", db, "--format", "json"])
    first = json.loads(capsys.readouterr().out)
    main(["ingest", str(articles), "--db", db, "--quiet"])
    main(["events", "--db", db, "--format", "json"])
    second = json.loads(capsys.readouterr().out)
    assert first == second and len(first) >= 2
    assert main(["events", "--db", db, "--type", "COERCE", "--format", "json"]) == 0
    only = json.loads(capsys.readouterr().out)
    assert only and all(r["type"] == "COERCE" for r in only)
    main(["events", "--db", db, "--near", "43.10,20.80,15", "--format", "json"])
    near = json.loads(capsys.readouterr().out)
    assert near and all(r["location"]["name"].startswith("Leposavi") for r in near)


def test_events_without_database_is_a_clear_error(tmp_path, capsys):
    assert main(["events", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no event database" in capsys.readouterr().err


def test_geocode_command(capsys):
    assert main(["geocode", "Zvecan", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["country"] == "XK"
    assert abs(hits[0]["lat"] - 42.9075) < 0.05


def test_two_parsing_processes_give_the_same_events(articles, capsys):
    main(["extract", str(articles), "--format", "jsonl", "--quiet"])
    one = capsys.readouterr().out
    main(["extract", str(articles), "--format", "jsonl", "--quiet", "--jobs", "2"])
    two = capsys.readouterr().out
    assert one and one == two
