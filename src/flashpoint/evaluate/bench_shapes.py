"""The "shapes" benchmark (issue 20 point 1): documents with no sentence punctuation,
a long list of names and a table, against ordinary articles of the same size.

Everything is built from the HRDsAttack articles (development data, MIT licensed): the
normal document is whole articles in a row, paragraph breaks kept; the one-line
documents are the same words with every mark and line break taken out; the list of
names is their capitalised words, comma-separated on one line; the table is rows of tab
separated cells (date, place-like word, two counts, a few words). Each document is one
whole `flashpoint extract` process, so start-up is in every figure alike. The ratio is
taken on CPU time (user + system): on a machine shared with other programs the wall time
of one process can double while its CPU time, the work it did, does not.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from itertools import cycle
from pathlib import Path

from .bench_corpus import hrds_articles
from .bench_process import flashpoint_command, run_measured

TARGET_TIME_RATIO = 3.0  # a shape against a normal article of its size
TARGET_PEAK_MIB = 1536.0  # 1.5 GB

_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class ShapeRun:
    shape: str
    chars: int
    seconds: float
    peak_mib: float
    events: int
    skipped: bool  # refused by the document budget (or another rejection)
    cpu_seconds: float = 0.0
    normal_cpu_seconds: float | None = None

    @property
    def ratio(self) -> float | None:
        """CPU time against that of the normal document of the same size."""
        if self.normal_cpu_seconds is None:
            return None
        return self.cpu_seconds / max(self.normal_cpu_seconds, 1e-9)


def size_label(n: int) -> str:
    return f"{n / 1e6:g} MB" if n >= 1_000_000 else f"{n / 1e3:g} KB"


def _fill(parts: list[str], sep: str, size: int) -> str:
    """``parts`` repeated and joined by ``sep`` until ``size`` characters, cut there."""
    out, total = [], -len(sep)
    for part in cycle(parts):
        out.append(part)
        total += len(sep) + len(part)
        if total >= size:
            break
    return sep.join(out)[:size]


def shape_texts(shared: Path, sizes: tuple[int, ...], big: int) -> dict[str, tuple[str, int]]:
    """Name -> (text, size of the normal document it is compared with): one-line
    documents of each of ``sizes``, a list of names and a table of ``big`` characters,
    and a normal document of every one of those sizes."""
    texts = [a["text"] or "" for a in hrds_articles(shared)]
    words = [w for t in texts for w in _WORD.findall(t)]
    names = [w for w in words if w[:1].isupper() and len(w) > 2]
    numbers = [w for w in words if w.isdigit()] or ["3", "12", "40"]
    lower = [w for w in words if w.islower()] or ["people"]
    rows = []
    for i, name in enumerate(names[:5000]):
        rows.append(
            "\t".join(
                (
                    f"2021-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                    name,
                    numbers[i % len(numbers)],
                    numbers[(i * 7) % len(numbers)],
                    " ".join(lower[(i * 3 + k) % len(lower)] for k in range(4)),
                )
            )
        )
    out: dict[str, tuple[str, int]] = {}
    for n in sorted({*sizes, big}):
        out[f"normal {size_label(n)}"] = (_fill(texts, "\n\n", n), n)
    for n in sizes:
        out[f"one line {size_label(n)}"] = (_fill(words, " ", n), n)
    out[f"list of names {size_label(big)}"] = (_fill(names, ", ", big), big)
    out[f"table {size_label(big)}"] = (_fill(rows, "\n", big), big)
    return out


def _code(text: str, work: Path, name: str) -> tuple[float, float, float, int, bool]:
    path = work / (re.sub(r"\W+", "-", name) + ".jsonl")
    path.write_text(json.dumps({"id": name, "text": text}) + "\n", encoding="utf-8")
    m = run_measured(
        flashpoint_command("extract", str(path), "--format", "jsonl", "--quiet", "--no-progress")
    )
    path.unlink()
    events = sum(1 for line in m.stdout.splitlines() if line.strip())
    return m.seconds, m.cpu_seconds, m.peak_mib, events, m.returncode == 1


def private_cache(work: Path) -> Path:
    """A gazetteer cache folder for this benchmark alone, seeded from the user's. Other
    flashpoint versions on a shared machine rebuild the shared cache for themselves, and
    a run that had to rebuild it measured 40 s and 700 MB more than one that did not."""
    from ..geo.gazetteer import cache_dir

    folder = work / "gazetteer-cache"
    folder.mkdir(parents=True, exist_ok=True)
    if cache_dir().is_dir():
        for path in cache_dir().glob("gazetteer-*.pickle"):
            shutil.copy2(path, folder / path.name)
    return folder


def bench_shapes(
    shared: Path, work: Path, sizes: tuple[int, ...], big: int, say=lambda m: None
) -> list[ShapeRun]:
    """Code every shape, each normal document first; return the runs, shapes with the
    time of the normal document of their size."""
    before = os.environ.get("FLASHPOINT_CACHE")
    os.environ["FLASHPOINT_CACHE"] = str(private_cache(work))
    try:
        _code("Police detained two men in Pristina.", work, "warm-up")  # builds it if needed
        return _bench_shapes(shared, work, sizes, big, say)
    finally:
        if before is None:
            os.environ.pop("FLASHPOINT_CACHE", None)
        else:
            os.environ["FLASHPOINT_CACHE"] = before


def _bench_shapes(shared: Path, work: Path, sizes: tuple[int, ...], big: int, say) -> list[ShapeRun]:
    texts = shape_texts(shared, sizes, big)
    normal: dict[int, float] = {}
    runs: list[ShapeRun] = []
    for name, (text, size) in sorted(
        texts.items(), key=lambda kv: (kv[1][1], not kv[0].startswith("normal"))
    ):
        say(f"bench: shapes, {name} ({len(text):,} characters) …")
        seconds, cpu, peak, events, skipped = _code(text, work, name)
        say(
            f"bench:   {seconds:.1f} s ({cpu:.1f} s CPU), peak {peak:.0f} MiB, {events} events"
            + (", skipped" if skipped else "")
        )
        if name.startswith("normal"):
            normal[size] = cpu
        runs.append(
            ShapeRun(
                name,
                len(text),
                seconds,
                peak,
                events,
                skipped,
                cpu,
                None if name.startswith("normal") else normal.get(size),
            )
        )
    return runs


def worst_ratio(runs: list[ShapeRun]) -> float | None:
    ratios = [r.ratio for r in runs if r.ratio is not None]
    return max(ratios) if ratios else None


def worst_peak(runs: list[ShapeRun]) -> float | None:
    return max((r.peak_mib for r in runs), default=None)
