"""Readers read only regular files and stop after their limit (issue 21 point 2): a FIFO,
a device or a socket behind a name or a symlink is refused at once, long lines and
endless standard input are refused without being drained."""

from __future__ import annotations

import io
import json
import os
import socket
import sys
import threading
from pathlib import Path

import pytest

from flashpoint.io import read_documents
from flashpoint.io.limits import ReadLimits, read_limits
from flashpoint.models import Document
from flashpoint.report import RunReport

POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")


def read(paths: list[str] | str, **kwargs: int) -> tuple[list[Document], RunReport]:
    report = RunReport()
    return list(read_documents(paths, report, **kwargs)), report


def messages(report: RunReport) -> list[str]:
    return [str(e) for e in report.errors]


def in_thread(func, timeout: float = 20.0):
    """Run ``func`` in a thread; fail (instead of hanging the suite) if it blocks."""
    box: dict[str, object] = {}
    worker = threading.Thread(target=lambda: box.setdefault("value", func()), daemon=True)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), "the reader blocked"
    return box["value"]


def test_limits_file_is_read_and_sane() -> None:
    limits = read_limits()
    assert 0 < limits.document_bytes < limits.line_bytes < limits.json_bytes
    # A line must hold a document of the full size written with JSON's \u escapes.
    assert limits.line_bytes >= 6 * limits.document_bytes


@POSIX
def test_fifo_argument_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    good = tmp_path / "ok.txt"
    good.write_text("Still read.", encoding="utf-8")
    docs, report = in_thread(lambda: read([str(fifo), str(good)]))
    assert [d.text for d in docs] == ["Still read."]
    assert messages(report) == [
        f"{fifo}: a named pipe (FIFO), not a regular file; only files, directories and '-' (stdin) are read"
    ]


@POSIX
def test_fifo_inside_a_directory_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "story.txt").write_text("A story.", encoding="utf-8")
    docs, report = in_thread(lambda: read(str(tmp_path)))
    assert [d.id for d in docs] == ["story.txt"]
    assert report.errors[0].origin == str(tmp_path / "pipe.jsonl")
    assert "named pipe (FIFO), not a regular file" in messages(report)[0]


@POSIX
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("name", ["z.txt", "z.json", "z.html", "z.jsonl", "z.csv"])
def test_symlink_to_dev_zero_is_refused_as_argument_and_in_a_directory(tmp_path: Path, name: str) -> None:
    (tmp_path / name).symlink_to("/dev/zero")
    for paths in ([str(tmp_path / name)], [str(tmp_path)]):
        docs, report = in_thread(lambda paths=paths: read(paths))
        assert docs == [] and (report.read, report.skipped) == (1, 1)
        assert messages(report) == [
            f"{tmp_path / name}: a character device, not a regular "
            "file; only files, directories and '-' (stdin) are read"
        ]


@POSIX
def test_socket_behind_a_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
    except OSError:  # a path too long for AF_UNIX on this system
        pytest.skip("cannot bind a Unix socket here")
    try:
        docs, report = in_thread(lambda: read(str(path)))
    finally:
        server.close()
    assert docs == []
    assert messages(report)[0].startswith(f"{path}: a socket, not a regular file")


def test_overlong_jsonl_line_is_skipped_and_the_next_lines_read(tmp_path: Path) -> None:
    limit = read_limits().line_bytes
    path = tmp_path / "d.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write('{"id": "a", "text": "First."}\n')
        out.write('{"id": "b", "text": "' + "x" * (limit + 10) + '"}\n')
        out.write('{"id": "c", "text": "Third."}\n')
    docs, report = read(str(path))
    assert [d.id for d in docs] == ["a", "c"]
    assert messages(report) == [
        f"{path}:2: line is longer than the {limit / 1e6:.1f} MB limit for one record"
    ]


def test_overlong_csv_line_ends_that_file(tmp_path: Path) -> None:
    limit = read_limits().line_bytes
    path = tmp_path / "d.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("id,text\na,First row\n")
        out.write("b," + "y" * (limit + 10) + "\n")
        out.write("c,After\n")
    docs, report = read(str(path))
    assert [d.id for d in docs] == ["a"]
    assert messages(report) == [
        f"{path}:3: line is longer than the {limit / 1e6:.1f} MB "
        "limit for one record; the rest of the file is not read"
    ]


class EndlessStdin(io.RawIOBase):
    """Standard input that never ends (like ``yes |``), counting what was taken from it."""

    def __init__(self, pattern: bytes):
        self.pattern = pattern
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        n = len(buffer)
        chunk = (self.pattern * (n // len(self.pattern) + 1))[:n]
        buffer[:n] = chunk
        self.taken += n
        return n


SMALL = ReadLimits(document_bytes=100_000, line_bytes=200_000, json_bytes=400_000)


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> ReadLimits:
    monkeypatch.setattr("flashpoint.io.readers.read_limits", lambda: SMALL)
    return SMALL


@pytest.mark.parametrize(
    "pattern", [b"y\n", b'{"text": "' + b"a" * 64, b"[" + b" " * 63, b'{\n"text": "' + b"a" * 64, b" " * 64]
)
def test_endless_stdin_is_refused_not_drained(
    monkeypatch: pytest.MonkeyPatch, small_limits: ReadLimits, pattern: bytes
) -> None:
    source = EndlessStdin(pattern)
    fake = io.TextIOWrapper(io.BufferedReader(source), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    limits = small_limits
    docs, report = in_thread(lambda: read("-"))
    assert docs == [] and report.skipped == 1
    assert "standard input" in messages(report)[0] and "not read further" in messages(report)[0]
    # It stopped near the limit that applies, far short of draining.
    assert source.taken <= limits.json_bytes + 2 * limits.line_bytes


def test_stdin_json_lines_still_read(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "".join(json.dumps({"id": f"r{n}", "text": f"Story {n}."}) + "\n" for n in range(3))
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    docs, report = read("-")
    assert [d.id for d in docs] == ["r0", "r1", "r2"] and report.skipped == 0


def test_json_file_over_its_limit_is_refused(tmp_path: Path, small_limits: ReadLimits) -> None:
    path = tmp_path / "big.json"
    path.write_text(
        json.dumps([{"id": str(n), "text": "Words here."} for n in range(20_000)]), encoding="utf-8"
    )
    docs, report = read(str(path))
    assert docs == []
    assert messages(report) == [
        f"{path}: JSON is larger than the 0.4 MB limit for one .json "
        "file or JSON on standard input; write one record a line "
        "(.jsonl) instead"
    ]
