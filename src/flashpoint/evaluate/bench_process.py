"""Whole-process measurements: wall time and peak memory of a child command."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass

from ..errors import FlashpointError


@dataclass(frozen=True)
class Measured:
    """One finished child process. ``peak_mib`` is the largest resident set of the
    child or of any process it waited for (ru_maxrss), in MiB."""

    command: tuple[str, ...]
    seconds: float
    peak_mib: float
    stdout: str
    returncode: int = 0  # 1: flashpoint ran to the end but skipped records
    cpu_seconds: float = 0.0  # user + system time of the child (ru_utime + ru_stime)


def flashpoint_command(*args: str) -> list[str]:
    """The `flashpoint` CLI run by this interpreter, whatever the PATH says."""
    return [sys.executable, "-m", "flashpoint.cli", *args]


def run_measured(command: list[str], timeout: float | None = None) -> Measured:
    """Run ``command`` to the end, stdout captured to a file, stderr discarded unless it fails."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        deadline = None if timeout is None else t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        # flashpoint exits 1 when it skipped records; anything else is a failed run.
        if proc.returncode not in (0, 1):
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise FlashpointError(
                f"benchmark command failed ({proc.returncode}): {' '.join(command)}: {' / '.join(tail)}"
            )
    # Linux reports ru_maxrss in KiB.
    return Measured(
        tuple(command),
        seconds,
        usage.ru_maxrss / 1024,
        stdout,
        proc.returncode,
        usage.ru_utime + usage.ru_stime,
    )
