"""Crash-safety check: kill `flashpoint ingest` with SIGKILL at random times, rerun it
until it finishes, and compare the database with one ingested without interruption.

A document counts as lost when the reference has it and the crashed database does not,
as duplicated when its id or one of its event ids is stored twice, and as partial when
its stored events (with their actors) differ from the reference's.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..ontology import parse_yaml
from ..store.eventstore import DEFAULT_BATCH_DOCS

_EVENT_KEY = (
    "event_id, doc_id, type, mode, acled_event_type, acled_sub_event_type, date,"
    " date_precision, fatalities, injured, arrested, size, confidence,"
    " evidence_text, evidence_start, evidence_end, trigger_text, trigger_start,"
    " location_id"
)
_NUMBER_WORDS = (
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "a dozen",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
)


@lru_cache(maxsize=1)
def corpus_templates() -> dict[str, Any]:
    text = resources.files("flashpoint").joinpath("data", "crashtest.yaml").read_text("utf-8")
    return parse_yaml(text)


def make_article(rng: random.Random, number: int) -> dict[str, Any]:
    """One short wire report with a codable lead sentence, as a JSON Lines record."""
    t = corpus_templates()
    published = Date(2023, 1, 1) + timedelta(days=rng.randrange(730))
    count = str(rng.randint(2, 90)) if rng.random() < 0.7 else rng.choice(_NUMBER_WORDS)
    place = rng.choice(t["place"])
    lead = rng.choice(t["leads"]).format(
        n=count,
        crowd=rng.choice(t["crowd"]),
        target=rng.choice(t["target"]),
        issue=rng.choice(t["issue"]),
        place=place,
        day=rng.choice(t["day"]),
    )
    source = rng.choice(t["sources"])
    background = " ".join(rng.sample(t["background"], 2))
    dateline = f"{place.upper()}, {published:%B} {published.day} ({source}) - "
    return {
        "id": f"crash-{number:05d}",
        "date": published.isoformat(),
        "source": source,
        "title": lead.split(",")[0][:80],
        "url": f"https://example.org/wire/{number}",
        "text": f"{dateline}{lead} {background}\n\nReport {number} of the test corpus.",
    }


def build_corpus(path: Path, n_docs: int, seed: int = 2024) -> Path:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for number in range(1, n_docs + 1):
            out.write(json.dumps(make_article(rng, number)) + "\n")
    return path


def _ingest_command(corpus: Path, db: Path, batch_size: int | None) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "flashpoint.cli",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--quiet",
        "--no-progress",
    ]
    return cmd + (["--batch-size", str(batch_size)] if batch_size else [])


def run_ingest(
    corpus: Path,
    db: Path,
    batch_size: int | None = None,
    kill_after_commits: int | None = None,
    jitter: float = 0.0,
    log: Path | None = None,
) -> tuple[int, float]:
    """Run one ingest process; SIGKILL it ``jitter`` seconds after it has written the
    database ``kill_after_commits`` times, if it is still running then.

    Counting writes rather than seconds puts the kill at the same point of the work
    however busy the machine is. Returns the exit status (negative signal number when
    killed) and the seconds it ran.
    """
    started = time.perf_counter()
    with open(log or os.devnull, "ab") as err:
        proc = subprocess.Popen(
            _ingest_command(corpus, db, batch_size), stdout=subprocess.DEVNULL, stderr=err
        )
        if kill_after_commits is None:
            proc.wait()
        else:
            _kill_after_writes(proc, db, kill_after_commits, jitter)
    return proc.returncode, time.perf_counter() - started


def _file_marks(db: Path) -> tuple:
    marks = []
    for path in (db, db.with_name(db.name + ".wal")):
        try:
            st = path.stat()
            marks.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            marks.append(None)
    return tuple(marks)


def _kill_after_writes(proc: subprocess.Popen, db: Path, writes: int, jitter: float) -> None:
    seen, last = 0, _file_marks(db)
    while proc.poll() is None:
        time.sleep(0.01)
        marks = _file_marks(db)
        if marks != last:
            seen, last = seen + 1, marks
        if seen >= writes:
            time.sleep(jitter)  # land inside the next batch as well as on its edge
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            return


@dataclass
class CrashResult:
    documents: int
    kills: int
    runs: int
    reference_seconds: float
    crashed_seconds: float
    final_run_parsed: int = 0
    lost: int = 0
    duplicated: int = 0
    partial: int = 0
    extra: int = 0
    docs_without_events: int = 0
    events: int = 0
    kill_times: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.duplicated or self.partial or self.extra)


def _per_document(db: Path) -> tuple[dict[str, tuple], dict[str, frozenset], int, int]:
    """Stored documents, each document's events with actors, and duplicate id counts."""
    import duckdb

    conn = duckdb.connect(str(db), read_only=True)
    try:
        docs = {
            r[0]: r[1:]
            for r in conn.execute(
                "SELECT id, title, date, url, source, text, content_hash FROM documents"
            ).fetchall()
        }
        dup_docs = conn.execute(
            "SELECT count(*) FROM (SELECT id FROM documents GROUP BY id HAVING count(*) > 1)"
        ).fetchone()[0]
        dup_events = conn.execute(
            "SELECT count(*) FROM (SELECT event_id FROM events GROUP BY event_id HAVING count(*) > 1)"
        ).fetchone()[0]
        actors: dict[str, list[tuple]] = {}
        for row in conn.execute(
            "SELECT event_id, role, position, text, name, country, sector,"
            " start_offset, end_offset FROM actors"
        ).fetchall():
            actors.setdefault(row[0], []).append(row[1:])
        events: dict[str, set] = {d: set() for d in docs}
        for row in conn.execute(f"SELECT {_EVENT_KEY} FROM events").fetchall():
            people = tuple(sorted(actors.get(row[0], []), key=repr))
            events.setdefault(row[1], set()).add((row, people))
    finally:
        conn.close()
    return docs, {d: frozenset(e) for d, e in events.items()}, dup_docs, dup_events


def compare_databases(reference: Path, crashed: Path, result: CrashResult) -> CrashResult:
    ref_docs, ref_events, _, _ = _per_document(reference)
    got_docs, got_events, dup_docs, dup_events = _per_document(crashed)
    result.lost = len(ref_docs.keys() - got_docs.keys())
    result.extra = len(got_docs.keys() - ref_docs.keys())
    result.duplicated = dup_docs + dup_events
    result.partial = sum(
        1
        for d in ref_docs.keys() & got_docs.keys()
        if ref_events.get(d, frozenset()) != got_events.get(d, frozenset()) or ref_docs[d] != got_docs[d]
    )
    result.docs_without_events = sum(1 for d in ref_docs if not ref_events.get(d))
    result.events = sum(len(e) for e in got_events.values())
    return result


def _parsed_in_final_run(log: Path) -> int:
    """Documents the last (uninterrupted) run parsed, from its summary line."""
    lines = [ln for ln in log.read_text("utf-8", "replace").splitlines() if "documents_new=" in ln]
    if not lines:
        return 0
    fields = dict(part.split("=") for part in lines[-1].split("(", 1)[1].rstrip(")").split(", "))
    return (
        int(fields["documents_new"])
        + int(fields["documents_unchanged"])
        - int(fields.get("documents_not_reparsed", 0))
    )


def _stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    import duckdb

    conn = duckdb.connect(str(db), read_only=True)
    try:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


def run_crashtest(
    n_docs: int = 5000,
    kills: int = 10,
    seed: int = 2024,
    batch_size: int | None = None,
    workdir: Path | None = None,
    max_runs: int = 50,
) -> CrashResult:
    """Ingest a synthetic corpus once cleanly and once with ``kills`` SIGKILLs; compare."""
    with tempfile.TemporaryDirectory(prefix="flashpoint-crash-") as tmp:
        work = Path(workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus = build_corpus(work / "corpus.jsonl", n_docs, seed)
        tiny = build_corpus(work / "tiny.jsonl", 1, seed)
        reference, crashed, scratch = (
            work / "reference.duckdb",
            work / "crashed.duckdb",
            work / "scratch.duckdb",
        )
        for db in (reference, crashed, scratch):
            for stale in (db, db.with_name(db.name + ".wal")):
                stale.unlink(missing_ok=True)
        status, ref_seconds = run_ingest(corpus, reference, batch_size)
        if status != 0:
            raise RuntimeError(f"the reference ingest failed with status {status}")
        startup = run_ingest(tiny, scratch)[1]
        rate = n_docs / max(ref_seconds - startup, 0.1)
        rng = random.Random(seed)
        result = CrashResult(
            documents=n_docs, kills=0, runs=0, reference_seconds=ref_seconds, crashed_seconds=0.0
        )
        log = work / "crashed.log"
        log.unlink(missing_ok=True)
        per_batch = batch_size or DEFAULT_BATCH_DOCS
        while result.runs < max_runs:
            writes, jitter = None, 0.0
            batches_left = -(-(n_docs - _stored_documents(crashed)) // per_batch)
            if result.kills < kills and batches_left > 1:
                # after a random number of this run's share of the remaining commits, so
                # every run makes some progress and the kills spread over the corpus
                share = max(1, batches_left // (kills - result.kills + 1))
                writes = rng.randint(1, min(2 * share, batches_left - 1))
                jitter = rng.uniform(0.0, per_batch / rate)
            status, seconds = run_ingest(corpus, crashed, batch_size, writes, jitter, log)
            result.runs += 1
            result.crashed_seconds += seconds
            if status == -signal.SIGKILL:
                result.kills += 1
                result.kill_times.append(round(seconds, 1))
            elif status != 0:
                raise RuntimeError(f"ingest run {result.runs} failed with status {status}")
            elif result.kills >= kills:
                break
        result.final_run_parsed = _parsed_in_final_run(log)
        return compare_databases(reference, crashed, result)


def crash_markdown(result: CrashResult, command: str) -> str:
    verdict = "passed" if result.ok else "FAILED"
    return "\n".join(
        [
            f"Measured with `{command}` ({verdict}).",
            "",
            "| figure | value |",
            "|---|---|",
            f"| documents in the corpus | {result.documents:,} |",
            f"| events stored | {result.events:,} |",
            f"| documents with no event in the reference | {result.docs_without_events} |",
            f"| clean ingest (one process) | {result.reference_seconds:.0f} s |",
            f"| `kill -9` survived | {result.kills} (after {', '.join(map(str, result.kill_times))} s) |",
            f"| ingest runs until complete | {result.runs} |",
            f"| documents parsed by the final run | {result.final_run_parsed:,} |",
            f"| documents lost | {result.lost} |",
            f"| documents or events duplicated | {result.duplicated} |",
            f"| documents with a partial or different event set | {result.partial} |",
            f"| documents not in the reference | {result.extra} |",
        ]
    )
