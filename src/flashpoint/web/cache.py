"""Cache of GET response bodies, exact because the server is the database's only writer.

Every entry is keyed by the data generation, which the server bumps after each ingest
commits; an entry from an older generation is never served again. A body is stored only
when no bump happened while it was computed, so no entry holds data older than its
generation.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

MAX_ENTRIES = 1024
MAX_TOTAL_BYTES = 64_000_000
MAX_ENTRY_BYTES = 2_000_000


class ResponseCache:
    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_TOTAL_BYTES):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.generation = 0
        self._entries: OrderedDict[tuple[int, str], bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def invalidate(self) -> None:
        with self._lock:
            self.generation += 1
            self._entries.clear()
            self._bytes = 0

    def get_or_make(self, key: str, make: Callable[[], bytes]) -> bytes:
        with self._lock:
            generation = self.generation
            body = self._entries.get((generation, key))
            if body is not None:
                self._entries.move_to_end((generation, key))
                self.hits += 1
                return body
            self.misses += 1
        body = make()
        if len(body) <= MAX_ENTRY_BYTES:
            with self._lock:
                if generation == self.generation:
                    self._store((generation, key), body)
        return body

    def _store(self, key: tuple[int, str], body: bytes) -> None:
        old = self._entries.pop(key, None)
        self._bytes -= len(old) if old is not None else 0
        self._entries[key] = body
        self._bytes += len(body)
        while self._entries and (len(self._entries) > self.max_entries or self._bytes > self.max_bytes):
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= len(dropped)
