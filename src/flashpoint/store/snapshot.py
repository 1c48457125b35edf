"""Reading an event database that another process holds for writing.

DuckDB lets one process at a time open a database file, even read-only, so while
`flashpoint serve` runs, `flashpoint events` and `flashpoint alerts` could not open
its file at all. They read a private copy instead: the database file and its
write-ahead log copied together (DuckDB replays the log when it opens the copy), so
the copy holds everything the server had committed. A copy that changed while it was
being taken is taken again.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError
from .eventstore import EventStore, is_lock_conflict

COPY_ATTEMPTS = 3
RETRY_PAUSE_S = 0.2


@contextmanager
def open_for_reading(db_path: str | Path) -> Iterator[EventStore]:
    """The database at ``db_path`` opened read-only or, when another process holds it,
    a snapshot of it copied now into a temporary folder (removed afterwards)."""
    try:
        store = EventStore(db_path, read_only=True)
    except StoreError as exc:
        if not is_lock_conflict(exc.__cause__):
            raise
        store = None
    if store is not None:
        with store:
            yield store
        return
    with (
        tempfile.TemporaryDirectory(prefix="flashpoint-snapshot-") as folder,
        EventStore(copy_settled(Path(db_path), Path(folder)), read_only=True) as snapshot,
    ):
        yield snapshot


def copy_settled(source: Path, folder: Path) -> Path:
    """Copy ``source`` and its write-ahead log into ``folder``; the copy's path.

    Retried when either file changed during the copy (a write or a checkpoint landed
    meanwhile), since such a copy may mix two states of the database."""
    files = [source, source.with_name(source.name + ".wal")]
    for attempt in range(COPY_ATTEMPTS):
        before = [_stamp(f) for f in files]
        for f, stamp in zip(files, before):
            target = folder / f.name
            target.unlink(missing_ok=True)
            if stamp is not None:
                _copy(f, target, source)
        if [_stamp(f) for f in files] == before:
            return folder / source.name
        time.sleep(RETRY_PAUSE_S * (attempt + 1))
    raise StoreError(
        f"cannot read event database {source}: another process holds it and kept "
        f"changing it while a snapshot was copied; try again"
    )


def _copy(path: Path, target: Path, database: Path) -> None:
    try:
        shutil.copyfile(path, target)
    except FileNotFoundError:
        pass  # the log was checkpointed away meanwhile: the caller sees the stamps differ
    except OSError as exc:
        raise StoreError(f"cannot snapshot event database {database}: {exc}") from exc


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_mtime_ns, info.st_size
