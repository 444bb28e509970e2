"""The comparison of one story (coverage, cited summary, timeline), computed on first request and cached.

Comparing a story's coverage embeds every clause of every article and aligns them: seconds for a large
storyline, far more than a page may take. So the story page never computes it: it shows what the store
holds (articles by outlet, wire groups, reasons) at once and fetches the comparison as a separate
section (``/stories/{id}/coverage``); the first request computes it, later ones read it from this
per-app cache. An entry is keyed by the story's size and latest member, so a story that grew (an
ingest on a writable server) is compared again. Two requests for the same story wait on one
computation instead of running two.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Generic, TypeVar

from storyweave.coverage.model import CoverageReport, StoryInputs
from storyweave.services.compare import story_summary
from storyweave.stages.summarize import Summary
from storyweave.stages.timeline_model import Timeline
from storyweave.storage import SQLiteStore

#: Sentences of the cited summary on the story page.
SUMMARY_SENTENCES = 7


@dataclass(frozen=True)
class StoryAnalysis:
    """What the story page's comparison sections show, with how long it took to compute."""

    story_id: str
    kind: str
    inputs: StoryInputs
    report: CoverageReport
    summary: Summary
    timeline: Timeline | None
    seconds: float


def story_version(store: SQLiteStore, kind: str, story_id: str) -> tuple[int, str]:
    """(articles, latest member's order key) of a story: changes whenever an article joins it."""
    if kind == "event":
        row = store.conn.execute("SELECT size, last_ord FROM events WHERE id = ?", (story_id,)).fetchone()
    else:
        row = store.conn.execute(
            "SELECT coalesce(sum(size), 0), coalesce(max(last_ord), '') FROM events WHERE storyline_id = ?",
            (story_id,),
        ).fetchone()
    return (0, "") if row is None else (int(row[0] or 0), str(row[1] or ""))


def compute(store: SQLiteStore, story_id: str) -> StoryAnalysis:
    """Compare one story's coverage from its stored analyses and summarise it with citations."""
    t0 = time.perf_counter()
    inputs, report, summary = story_summary(store, story_id, sentences=SUMMARY_SENTENCES)
    return StoryAnalysis(
        inputs.story_id, inputs.kind, inputs, report, summary, inputs.timeline, round(time.perf_counter() - t0, 2)
    )


V = TypeVar("V")


class VersionedLRU(Generic[V]):
    """Up to ``size`` values kept with the version of what they were made from; least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, tuple[tuple[int, str], V]] = OrderedDict()
        self._lock = threading.Lock()

    def lookup(self, key: str, version: tuple[int, str]) -> V | None:
        """The value kept for ``key`` when it was made from ``version``, else None."""
        with self._lock:
            hit = self._items.get(key)
            if hit is None or hit[0] != version:
                return None
            self._items.move_to_end(key)
            return hit[1]

    def kept(self, key: str) -> V | None:
        """Whatever is kept for ``key``, current or not (no version check, not marked as used)."""
        with self._lock:
            hit = self._items.get(key)
            return None if hit is None else hit[1]

    def put(self, key: str, version: tuple[int, str], value: V) -> None:
        with self._lock:
            self._items[key] = (version, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class AnalysisCache:
    """Up to ``size`` story analyses, least recently used dropped first; one computation per story at a time."""

    def __init__(self, size: int = 64) -> None:
        self._items: VersionedLRU[StoryAnalysis] = VersionedLRU(size)
        self._lock = threading.Lock()
        self._busy: dict[str, threading.Lock] = {}

    def peek(self, store: SQLiteStore, story_id: str) -> StoryAnalysis | None:
        """The cached analysis of ``story_id`` (a full id) when it is current, else None (never computes)."""
        kind, full = store.resolve_story(story_id)
        return self._items.lookup(full, story_version(store, kind, full))

    def kept(self, full_id: str) -> StoryAnalysis | None:
        """The analysis kept for ``full_id``, current or not (the page cache compares it by identity)."""
        return self._items.kept(full_id)

    def get(self, store: SQLiteStore, story_id: str) -> StoryAnalysis:
        """The analysis of ``story_id`` (id or unique prefix), computed now when it is not cached."""
        kind, full = store.resolve_story(story_id)
        with self._lock:
            busy = self._busy.setdefault(full, threading.Lock())
        with busy:
            found = self.peek(store, full)
            if found is not None:
                return found
            version = story_version(store, kind, full)
            result = compute(store, full)
            self._items.put(full, version, result)
        return result
