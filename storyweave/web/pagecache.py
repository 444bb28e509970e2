"""Rendered pages kept while the store is unchanged: the story pages and the home page are served from here
once rendered, and rendered again after any write to the store.

Whether the store changed is SQLite's own answer: ``PRAGMA data_version`` of a connection changes when another
connection commits. The app's read connections never write, so a change seen on any of them means some writer
(an ingest over HTTP, a ``storyweave ingest`` in another process) committed since that connection last looked.
:class:`StoreGeneration` turns those per-connection numbers into one app-wide generation: it moves on whenever
one connection sees its number change, and when a connection is seen for the first time (it cannot tell what
happened before). A request reads the generation on its own connection *before* reading the store, and a page
is kept under the generation read then; so a page that may hold data from before a write is never served after
that write was seen, and every request after a commit sees it (its own connection's number has changed).

A story page also shows the story's comparison inline once the comparison is cached (else a section that
fetches it), so an entry also records which comparison it was rendered with: when a comparison is computed
later, the page is rendered again with it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from storyweave.storage import SQLiteStore

__all__ = ["Kept", "PageCache", "StoreGeneration"]


class StoreGeneration:
    """An app-wide number that changes after every commit to the store seen by any of the app's read connections."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[int, int] = {}  # id(connection) -> its last data_version
        self._generation = 0

    def current(self, store: SQLiteStore) -> int:
        """The generation as seen from ``store`` (a read connection the caller holds), checked now."""
        version = int(store.conn.execute("PRAGMA data_version").fetchone()[0])
        key = id(store.conn)
        with self._lock:
            if self._seen.get(key) != version:
                self._seen[key] = version
                self._generation += 1
            return self._generation


@dataclass(frozen=True)
class Kept:
    """A rendered page, the generation it was rendered at, and what else it was rendered with (``meta``)."""

    generation: int
    body: bytes
    meta: Any


class PageCache:
    """Up to ``max_bytes`` of rendered pages by URL, least recently used dropped first."""

    def __init__(self, max_bytes: int = 32 * 2**20) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, Kept] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def lookup(self, key: str, generation: int) -> Kept | None:
        """The page kept for ``key`` when it was rendered at ``generation``, else None."""
        with self._lock:
            hit = self._items.get(key)
            if hit is None or hit.generation != generation:
                return None
            self._items.move_to_end(key)
            return hit

    def put(self, key: str, generation: int, body: bytes, meta: Any = None) -> None:
        size = len(body)
        if size > self.max_bytes // 8:
            return  # one page never takes most of the cache
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._items[key] = Kept(generation, body, meta)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, gone = self._items.popitem(last=False)
                self._bytes -= len(gone.body)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)
