"""The data version (migration 0006) and a cache of answers computed from the data, kept per version."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.orm import Session

T = TypeVar("T")


def current(session: Session) -> int:
    """The number every write to incidents, claims or involvements increases; one indexed row read."""
    return int(session.execute(text("SELECT version FROM data_version WHERE id = 1")).scalar_one())


class VersionedCache:
    """Answers keyed by what was asked, dropped together when the data version moves on; at most `size` kept.

    One computation at a time per key: readers arriving while it runs wait for its answer rather
    than each computing it again (a cold cache under 32 clients would otherwise do the work 32 times).
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._entries: dict[Hashable, tuple[int, object]] = {}
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, session: Session, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached answer for `key` at the current version, computed (in this session) when missing."""
        # The database is part of the key: tests and tools open several databases in one process.
        version, full_key = current(session), (str(session.get_bind().engine.url), key)
        with self._lock:
            found = self._entries.get(full_key)
            computing = self._computing.setdefault(full_key, threading.Lock())
        if found is not None and found[0] == version:
            return found[1]  # type: ignore[return-value]
        with computing:
            with self._lock:
                found = self._entries.get(full_key)
            if found is not None and found[0] == version:
                return found[1]  # type: ignore[return-value]
            value = compute()
            with self._lock:
                if len(self._entries) >= self.size:
                    # Simple and bounded; a full cache is rebuilt by the next readers.
                    self._entries.clear()
                    self._computing = {full_key: computing}
                self._entries[full_key] = (version, value)
        return value

    def clear(self) -> None:
        """Forget every answer (benchmarks time the cold path with it)."""
        with self._lock:
            self._entries.clear()
