"""What one app instance owns: its settings, a pool of read-only store connections, and the one writer.

Nothing here is module-level: every app made by :func:`storyweave.web.create_app` has its own, so two
apps over two databases (or a test and a server) never share a connection.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request

from storyweave.config import MB
from storyweave.errors import ConfigError
from storyweave.storage import SQLiteStore, open_store


@dataclass(frozen=True)
class WebSettings:
    """How the server runs. Ingest over HTTP needs both a token and ``readonly=False``."""

    db_path: Path
    token: str | None = None
    readonly: bool = True
    #: Read connections kept open (each request thread borrows one; SQLite in WAL mode reads in parallel).
    pool_size: int = 8
    #: Largest upload accepted by the ingest endpoints.
    max_upload_bytes: int = 20 * MB

    def __post_init__(self) -> None:
        if self.token is not None and len(self.token) < 16:
            raise ConfigError("the ingest token must be at least 16 characters (e.g. `openssl rand -hex 16`)")
        if not self.readonly and self.token is None:
            raise ConfigError("a writable server needs --token: ingest over HTTP is only allowed with it")
        if self.pool_size < 1:
            raise ConfigError("pool_size must be >= 1")

    @property
    def ingest_enabled(self) -> bool:
        return self.token is not None and not self.readonly


class StorePool:
    """Read-only connections, opened on demand up to ``size`` and reused; a borrower waits when all are out."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.size = size
        self._idle: queue.LifoQueue[SQLiteStore] = queue.LifoQueue()
        self._opened: list[SQLiteStore] = []
        self._lock = threading.Lock()

    @contextmanager
    def store(self) -> Iterator[SQLiteStore]:
        s = self._borrow()
        try:
            yield s
        finally:
            self._idle.put(s)

    def _borrow(self) -> SQLiteStore:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if len(self._opened) < self.size:
                s = open_store(self.path, readonly=True)
                self._opened.append(s)
                return s
        return self._idle.get()

    def close(self) -> None:
        """Close the idle connections (at shutdown); the pool opens new ones if it is used again."""
        with self._lock:
            while True:
                try:
                    s = self._idle.get_nowait()
                except queue.Empty:
                    break
                s.close()
                self._opened.remove(s)


class Writer:
    """The one writable connection, used by a single ingest at a time (the store has one writer)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()

    @contextmanager
    def store(self) -> Iterator[SQLiteStore]:
        with self.lock, open_store(self.path) as s:
            yield s


def get_store(request: Request) -> Iterator[SQLiteStore]:
    """The request's read connection, borrowed from the app's pool (a FastAPI dependency)."""
    pool: StorePool = request.app.state.pool
    with pool.store() as store:
        yield store
