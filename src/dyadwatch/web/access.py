"""How the web app shares the store file with `dyadwatch ingest` (DuckDB: one writer or many readers).

Default (read-only server): every request opens the store read-only and closes it when done, so
between requests the server holds no lock at all and `dyadwatch ingest` can open the same file
for writing. While an ingest is writing, requests answer 503 (W005) instead of waiting or failing.

With `--allow-ingest` the server itself is the single writer: it opens the store read-write once,
keeps it for its lifetime, and serializes every use of that one connection (reads and the writes
of POST /api/articles) with a lock. Another process cannot ingest into that file meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from dyadwatch.store import Store
from dyadwatch.web.problems import WebError, WebErrors


class StoreAccess:
    def __init__(self, path: str, *, writer: bool) -> None:
        self.path = path
        self.writer = writer
        self._lock = threading.RLock()
        self._store: Store | None = Store(path) if writer else None
        if not writer:
            self._upgrade()
            with self.reader():  # fail at start-up, not on the first request, if the file is not a store
                pass

    def _upgrade(self) -> None:
        """Apply pending schema migrations once at start-up (a read-only connection cannot).

        If another process holds the write lock, it opened the store read-write and so has migrated it.
        """
        try:
            Store(self.path).close()
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise

    @contextmanager
    def reader(self) -> Iterator[Store]:
        if self._store is not None:
            with self._lock:
                yield self._store
            return
        try:
            store = Store(self.path, read_only=True)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise WebError.of(WebErrors.W005) from exc
            raise
        try:
            yield store
        finally:
            store.close()

    @contextmanager
    def writer_store(self) -> Iterator[Store]:
        if self._store is None:
            raise WebError.of(WebErrors.W003)
        with self._lock:
            yield self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
