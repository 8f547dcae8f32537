"""How the web app shares the store file with `dyadwatch ingest` (DuckDB: one writer or many readers).

Default (read-only server): every request opens the store read-only and closes it when done, so
between requests the server holds no lock at all and `dyadwatch ingest` can open the same file
for writing (it waits up to a few seconds for a request to finish). `ingest` holds the file for its
whole run, so meanwhile requests answer 503 (W005) after waiting `READ_WAIT` seconds, never a 500. While
an ingest waits for the lock, requests answer 503 at once, so a busy server cannot starve it.

With `--allow-ingest` the server itself is the single writer: it opens the store read-write once,
keeps it for its lifetime, and serializes every use of that one connection (reads and the writes
of POST /api/articles) with a lock. Another process cannot ingest into that file meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from dyadwatch.errors import DyadwatchError
from dyadwatch.store import Store, a_writer_waits
from dyadwatch.web.problems import WebError, WebErrors

READ_WAIT = 1.0


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
            Store(self.path, wait=READ_WAIT).close()
        except DyadwatchError as exc:
            if exc.code != "E047":
                raise

    @contextmanager
    def reader(self) -> Iterator[Store]:
        if self._store is not None:
            with self._lock:
                yield self._store
            return
        if a_writer_waits(self.path):
            raise WebError.of(WebErrors.W005)
        try:
            store = Store(self.path, read_only=True, wait=READ_WAIT)
        except DyadwatchError as exc:
            if exc.code == "E047":
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
