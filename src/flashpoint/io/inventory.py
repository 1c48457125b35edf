"""How many documents an input holds, counted before reading it, for a progress bar's
"x of N". The count is cheap (file names and newlines, no parsing) and may be a little
high: a CSV cell spanning lines counts each line, a blank JSONL line counts once."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .readers import KNOWN_SUFFIXES, STDIN_PATH

_CHUNK = 1 << 20
_PER_LINE = ("jsonl", "csv")


def count_documents(paths: Iterable[str]) -> int | None:
    """About how many documents ``read_documents(paths)`` will give, or None when that is
    not known beforehand (standard input, a .json file)."""
    if isinstance(paths, str):
        paths = [paths]
    total = 0
    for path in paths:
        if path == STDIN_PATH:
            return None
        n = _count_folder(path) if os.path.isdir(path) else _count_file(path)
        if n is None:
            return None
        total += n
    return total


def _count_folder(folder: str) -> int | None:
    # Walks as the reader does: hidden entries and symlinked folders are left out.
    total = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return total
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            n = _count_folder(entry.path)
        else:
            n = _count_file(entry.path) if Path(entry.name).suffix.lower() in KNOWN_SUFFIXES else 0
        if n is None:
            return None
        total += n
    return total


def _count_file(path: str) -> int | None:
    kind = KNOWN_SUFFIXES.get(Path(path).suffix.lower())
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        regular = False
    if kind is None or not regular:
        return 1  # one error record; the reader refuses it without reading
    if kind == "json":
        return None
    if kind not in _PER_LINE:
        return 1
    lines = _count_lines(path)
    return max(1, lines - 1) if kind == "csv" else max(1, lines)


def _count_lines(path: str) -> int:
    lines, last = 0, b"\n"
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(_CHUNK), b""):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return lines + (last != b"\n")
