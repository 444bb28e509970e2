"""A storyline's own figures on its story page (outlets, articles per day), kept while the storyline is unchanged.

They cover every member of the storyline, whichever page of its events is shown. The story engine keeps them
in the store (:mod:`storyweave.storage.figures`), so reading them is a few rows; a store made before that, or
figures that are not current, fall back to one grouped pass over the members' outlets and dates (a few hundred
milliseconds for a storyline of tens of thousands of articles). Either way each app also keeps the latest
ones, keyed by the storyline's version (its size and latest member, as the comparison cache is): paging through
a storyline, or coming back to it, reads its events and not its figures again.
"""

from __future__ import annotations

from storyweave.models import StorylineSummary
from storyweave.storage import SQLiteStore, pages
from storyweave.web.analysis import VersionedLRU, story_version

Figures = tuple[StorylineSummary, dict[str, int]]


class StorylineFigures:
    """Up to ``size`` storylines' figures, least recently used dropped first."""

    def __init__(self, size: int = 256) -> None:
        self._items: VersionedLRU[Figures] = VersionedLRU(size)

    def get(self, store: SQLiteStore, storyline_id: str) -> Figures | None:
        """The figures of ``storyline_id`` (a full id), read now unless the kept ones are current; None when
        there is no such storyline."""
        version = story_version(store, "storyline", storyline_id)
        hit = self._items.lookup(storyline_id, version)
        if hit is not None:
            return hit
        found = pages.storyline_overview(store, storyline_id)
        if found is not None:
            self._items.put(storyline_id, version, found)
        return found
