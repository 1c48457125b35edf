"""`flashpoint extract` over files mixing good and bad records: exit status 1, one
located error line per bad record, counts that add up, events pointing into their text,
and never a traceback."""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.cli import main

GOOD = (
    "Police arrested 12 protesters in Nairobi on Monday.",
    "Gunmen killed three hundred thousand people near Aleppo yesterday.",
    "Thousands of students marched through Lagos on February 30 to protest.",
    "Полиция задержала 12 человек. Soldiers clashed with rebels in Kabul, leaving a dozen dead.",
)
BAD = (
    '{"id": "b", "text": "unterminated',
    '["an", "array"]',
    '{"title": "no text here"}',
    '{"text": 42}',
    '{"text": "   "}',
    "null",
    "not json at all",
)
SUMMARY = re.compile(
    r"Read (?P<read>\d+) documents? in \S+ s: coded (?P<coded>\d+) with "
    r"(?P<events>\d+) events? \([^)]*\), skipped (?P<skipped>\d+)"
)
COUNTS = ("read", "coded", "skipped", "events")


def fuzz(examples: int) -> settings:
    """Reproducible settings (same inputs on every run); docs/reliability.md adds them up."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-cli-") as name:
        yield Path(name)


def run_extract(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["extract", *args])
    return status, out.getvalue(), err.getvalue()


def write_mix(path: Path, picks: list[tuple[bool, int, str]]) -> tuple[dict[str, str], list[int]]:
    """Write good and bad records; return the good texts by id and the bad line numbers."""
    lines, texts, bad = [], {}, []
    for number, (good, index, when) in enumerate(picks, start=1):
        if good:
            doc_id = f"good-{number}"
            texts[doc_id] = GOOD[index % len(GOOD)]
            lines.append(
                json.dumps({"id": doc_id, "text": texts[doc_id], "date": when}, ensure_ascii=False).encode()
            )
        else:
            bad.append(number)
            lines.append(b'{"text": "caf\xe9"}' if index % 8 == 7 else BAD[index % len(BAD)].encode())
    path.write_bytes(b"\n".join(lines) + b"\n")
    return texts, bad


def check_run(path: Path, status: int, out: str, err: str, texts: dict[str, str], bad: list[int]) -> None:
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert [int(line.split(":")[2]) for line in errors] == bad
    assert all(line.startswith(f"error: {path}:") for line in errors)
    read, coded, skipped, events = map(int, SUMMARY.search(err).group(*COUNTS))
    assert (read, coded, skipped) == (len(texts) + len(bad), len(texts), len(bad))
    assert status == (1 if bad else 0)
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == events
    for row in rows:
        text, evidence = texts[row["doc_id"]], row["evidence"]
        assert 0 <= evidence["start"] <= evidence["end"] <= len(text)
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_mixed_file_gives_one_line_per_bad_record(folder: Path) -> None:
    path = folder / "mixed.jsonl"
    picks = [
        (True, 0, "2023-05-29"),
        (False, 0, ""),
        (True, 1, "0000-01-01"),
        (False, 1, ""),
        (False, 7, ""),
        (True, 2, "yesterday"),
        (False, 6, ""),
        (True, 3, "99999-02-30"),
    ]
    texts, bad = write_mix(path, picks)
    status, out, err = run_extract(str(path))
    check_run(path, status, out, err, texts, bad)
    assert status == 1 and bad == [2, 4, 5, 7]
    assert f"error: {path}:5: not valid UTF-8 (byte 0xe9" in err


def test_missing_and_binary_files_are_one_line_each(folder: Path) -> None:
    binary = folder / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02 binary")
    status, out, err = run_extract(str(folder / "absent.jsonl"), str(binary))
    assert status == 1 and out == "" and "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("error: ")] == [
        f"error: {folder / 'absent.jsonl'}: no such file",
        f"error: {binary}: binary file, not text",
    ]
    assert SUMMARY.search(err).group(*COUNTS)[:3] == ("2", "0", "2")


@fuzz(60)
@given(
    picks=st.lists(
        st.tuples(
            st.booleans(),
            st.integers(0, 15),
            st.sampled_from(["2023-05-29", "0000-01-01", "99999-12-31", "2023-02-30", "yesterday", ""]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_generated_mixes(folder: Path, picks: list[tuple[bool, int, str]]) -> None:
    path = folder / "generated.jsonl"
    texts, bad = write_mix(path, picks)
    status, out, err = run_extract(str(path))
    check_run(path, status, out, err, texts, bad)
