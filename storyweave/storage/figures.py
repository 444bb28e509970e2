"""The figures a story page shows of a whole event or storyline (articles per outlet, articles per publication day),
kept in the store by the story engine at the end of each placement run instead of recomputed by every reader.

A storyline that has run for years gathers tens of thousands of articles: grouping all its members by outlet and
day is a few hundred milliseconds, every time its page is first shown. So each event keeps its own counts
(``event_figures``, recomputed from its members when the event changes: a few rows), and each storyline the sum
of its events' (``storyline_figures``, re-added from the event rows when one of its events changed: no member is
read). :meth:`~storyweave.storage.stories.SQLiteStoryState.flush` calls :func:`refresh` with the events and
storylines its run touched.

A reader never trusts them blindly: :func:`storyline_figures` returns them only when the storyline still has
the number of events, of articles and the latest member they were summed from (what every other cached view of a
storyline is keyed on), and None otherwise (or in a store made before they existed), so the caller groups the
members itself.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

__all__ = ["refresh", "storyline_figures"]

#: A stated publication day (``YYYY-MM-DD``) of an article ``a``; NULL for an undated or partial date.
DAY_SQL = "CASE WHEN a.published >= '0' AND a.published < ':' THEN substr(a.published, 1, 10) END"


def _dumps(counts: Counter[str]) -> str:
    return json.dumps(dict(sorted(counts.items())), ensure_ascii=False, separators=(",", ":"))


def _refresh_events(conn: sqlite3.Connection, event_ids: list[str]) -> None:
    for k in range(0, len(event_ids), 500):
        chunk = event_ids[k : k + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM event_figures WHERE event_id IN ({marks})", chunk)
        outlets: dict[str, Counter[str]] = {}
        days: dict[str, Counter[str]] = {}
        for eid, outlet, day, n in conn.execute(
            f"SELECT m.event_id, coalesce(a.outlet, ''), {DAY_SQL}, count(*) FROM event_members m "
            f"JOIN articles a ON a.id = m.article_id WHERE m.event_id IN ({marks}) GROUP BY 1, 2, 3",
            chunk,
        ):
            outlets.setdefault(eid, Counter())[outlet] += int(n)
            if day is not None:
                days.setdefault(eid, Counter())[day] += int(n)
        conn.executemany(
            "INSERT INTO event_figures(event_id, outlets, days) VALUES (?, ?, ?)",
            [(e, _dumps(outlets[e]), _dumps(days.get(e, Counter()))) for e in sorted(outlets)],
        )


def _refresh_storyline(conn: sqlite3.Connection, storyline_id: str) -> None:
    events, articles, last_ord = conn.execute(
        "SELECT count(*), coalesce(sum(size), 0), coalesce(max(last_ord), '') FROM events WHERE storyline_id = ?",
        (storyline_id,),
    ).fetchone()
    conn.execute("DELETE FROM storyline_figures WHERE storyline_id = ?", (storyline_id,))
    if not events:
        return
    missing = [
        r[0]
        for r in conn.execute(
            "SELECT e.id FROM events e LEFT JOIN event_figures f ON f.event_id = e.id "
            "WHERE e.storyline_id = ? AND f.event_id IS NULL",
            (storyline_id,),
        )
    ]
    _refresh_events(conn, missing)
    outlets: Counter[str] = Counter()
    days: Counter[str] = Counter()
    for o, d in conn.execute(
        "SELECT f.outlets, f.days FROM events e JOIN event_figures f ON f.event_id = e.id WHERE e.storyline_id = ?",
        (storyline_id,),
    ):
        outlets.update(json.loads(o))
        days.update(json.loads(d))
    conn.execute(
        "INSERT INTO storyline_figures(storyline_id, events, articles, last_ord, outlets, days) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (storyline_id, int(events), int(articles), str(last_ord), _dumps(outlets), _dumps(days)),
    )


def refresh(conn: sqlite3.Connection, event_ids: Iterable[str], storyline_ids: Iterable[str]) -> None:
    """Recompute the figures of ``event_ids`` from their members (dropping those of events that are gone), then
    of ``storyline_ids`` from their events' (the caller owns the transaction)."""
    _refresh_events(conn, sorted(set(event_ids)))
    for sid in sorted(set(storyline_ids)):
        _refresh_storyline(conn, sid)


def storyline_figures(conn: sqlite3.Connection, storyline_id: str) -> tuple[dict[str, int], dict[str, int]] | None:
    """(articles per outlet, articles per ``YYYY-MM-DD``) of a storyline as kept, when they are current; else None."""
    try:
        kept = conn.execute(
            "SELECT events, articles, last_ord, outlets, days FROM storyline_figures WHERE storyline_id = ?",
            (storyline_id,),
        ).fetchone()
    except sqlite3.OperationalError:  # a store made before the figures were kept, opened read-only
        return None
    if kept is None:
        return None
    now = conn.execute(
        "SELECT count(*), coalesce(sum(size), 0), coalesce(max(last_ord), '') FROM events WHERE storyline_id = ?",
        (storyline_id,),
    ).fetchone()
    if tuple(kept[:3]) != (int(now[0]), int(now[1]), str(now[2])):
        return None
    outlets: dict[str, Any] = json.loads(kept[3])
    days: dict[str, Any] = json.loads(kept[4])
    return {k: int(v) for k, v in outlets.items()}, {k: int(v) for k, v in days.items()}
