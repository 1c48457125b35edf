"""A whole watch run, as `flashpoint watch` and `flashpoint serve --watch` start it."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .config import WatchPlan, watch_settings
from .runner import CycleResult, Watcher, open_local_writer, pipeline_coder


def log_to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM and the first Ctrl-C set ``stop`` (the run ends once the articles in hand
    are stored); a second Ctrl-C interrupts at once. Only in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def request_stop(signum: int, _frame: object) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        log_to_stderr("watch: stopping once the articles in hand are stored …")

    old = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def watch(
    plan: WatchPlan,
    db: str,
    interval_s: float | None = None,
    once: bool = False,
    model: str | None = None,
    log: Callable[[str], None] = log_to_stderr,
    stop: threading.Event | None = None,
) -> list[CycleResult]:
    """Follow ``plan``'s feeds into the database ``db``: one cycle when ``once``, else
    cycles every ``interval_s`` seconds (default: the plan's, else data/watch.yaml's)
    until ``stop`` is set (by SIGTERM or Ctrl-C when run from the command line)."""
    stop = stop or threading.Event()
    store, write = open_local_writer(db)
    results: list[CycleResult] = []
    watcher = Watcher(plan, write, pipeline_coder(model), log=log, stop=stop)
    try:
        with stop_on_signals(stop):
            if once:
                results.append(_logged(watcher.run_cycle(), log))
            else:
                every = interval_s or plan.interval_s or watch_settings().interval_s
                watcher.run_forever(every, lambda r: results.append(_logged(r, log)))
    finally:
        watcher.close()
        store.close()
    return results


def _logged(result: CycleResult, log: Callable[[str], None]) -> CycleResult:
    log(f"watch: cycle done: {result.summary()}")
    return result
