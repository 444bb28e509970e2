"""Bounded reads for paged views: what the REST API and the web UI ask of the SQLite store.

Kept apart from :mod:`storyweave.storage.sqlite` (the writer's module) so the read side can grow
without touching it. Every function here reads a bounded number of rows whatever the store's size:
keyset pages instead of offsets over the whole table, one event or storyline by its key, candidate
lists capped before any vector is read.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyweave.models import Article, EventSummary, StorylineSummary
from storyweave.storage import figures
from storyweave.storage.base import ArticleFilter
from storyweave.storage.sqlite import _ARTICLE_COLUMNS, SQLiteStore, _row_article
from storyweave.storage.stories import _day_iso, _outlets

__all__ = [
    "ArticleCursor",
    "Placement",
    "SearchPage",
    "SearchRow",
    "activity",
    "article_page",
    "event_summary",
    "events_sharing_keys",
    "members",
    "placement",
    "recent_events",
    "search_page",
    "storyline_overview",
    "storyline_summary",
    "top_storylines",
]

_A_COLUMNS = ", ".join("a." + c.strip() for c in _ARTICLE_COLUMNS.split(","))
#: Marks FTS5's snippet() puts around matched terms; split on them, never rendered.
HIT_START, HIT_END = "\x02", "\x03"


@dataclass(frozen=True)
class ArticleCursor:
    """Where a page of articles ended: the last row's publication date (None in the undated tail) and seq."""

    published: str | None
    seq: int


def _where(where: ArticleFilter | None) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if where is None:
        return clauses, args
    if where.outlet:
        clauses.append("outlet = ?")
        args.append(where.outlet)
    if where.language:
        clauses.append("language = ?")
        args.append(where.language)
    if where.published_from:
        clauses.append("published >= ?")
        args.append(where.published_from)
    if where.published_to:
        clauses.append("published <= ?")
        args.append(where.published_to + "\uffff")
    return clauses, args


def article_page(
    store: SQLiteStore, where: ArticleFilter | None, *, after: ArticleCursor | None, limit: int
) -> tuple[list[Article], ArticleCursor | None]:
    """Articles newest first (by stated publication date, then latest ingested), ``limit`` after ``after``.

    Dated articles come first, read along the ``(published, rowid)`` index; the undated ones follow
    in reverse ingestion order. Partial dates (``--09-02``) sort below every full date. A keyset
    cursor costs the same on page 1 and page 1,000.
    """
    clauses, args = _where(where)
    date_filtered = bool(where and (where.published_from or where.published_to))
    rows: list[tuple[Any, ...]] = []
    if after is None or after.published is not None:
        cond = ["published IS NOT NULL", *clauses]
        extra: list[Any] = []
        if after is not None:
            cond.append("published <= ? AND (published < ? OR seq < ?)")
            extra = [after.published, after.published, after.seq]
        rows = store.conn.execute(
            f"SELECT seq, {_ARTICLE_COLUMNS} FROM articles WHERE {' AND '.join(cond)} "
            "ORDER BY published DESC, seq DESC LIMIT ?",
            [*args, *extra, limit + 1],
        ).fetchall()
    if len(rows) <= limit and not date_filtered:
        need = limit + 1 - len(rows)
        cond = ["published IS NULL", *clauses]
        extra = []
        if after is not None and after.published is None:
            cond.append("seq < ?")
            extra = [after.seq]
        rows += store.conn.execute(
            f"SELECT seq, {_ARTICLE_COLUMNS} FROM articles WHERE {' AND '.join(cond)} ORDER BY seq DESC LIMIT ?",
            [*args, *extra, need],
        ).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    articles = [_row_article(r[1:]) for r in rows]
    if not more or not rows:
        return articles, None
    last = rows[-1]
    return articles, ArticleCursor(last[11], int(last[0]))  # column 11: published


def _event_rows(conn: sqlite3.Connection, sql: str, args: Sequence[Any]) -> list[EventSummary]:
    rows = conn.execute(sql, list(args)).fetchall()
    ids = [r[0] for r in rows]
    outlets: dict[str, tuple[str, ...]] = {}
    if ids:
        marks = ",".join("?" * len(ids))
        outlets = _outlets(
            conn,
            f"SELECT m.event_id, a.outlet FROM event_members m JOIN articles a ON a.id = m.article_id "
            f"WHERE m.event_id IN ({marks})",
            ids,
        )
    return [
        EventSummary(r[0], r[1], int(r[2]), outlets.get(r[0], ()), _day_iso(r[3]), _day_iso(r[4]), r[5]) for r in rows
    ]


_EVENT_COLUMNS = "id, title, size, first_day, last_day, storyline_id"


def event_summary(store: SQLiteStore, event_id: str) -> EventSummary | None:
    """One event as listed, by its full id."""
    found = _event_rows(store.conn, f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", [event_id])
    return found[0] if found else None


def recent_events(store: SQLiteStore, limit: int) -> list[EventSummary]:
    """The events whose latest article is the most recent (by publication order)."""
    return _event_rows(store.conn, f"SELECT {_EVENT_COLUMNS} FROM events ORDER BY last_ord DESC, id LIMIT ?", [limit])


def _storyline(store: SQLiteStore, storyline_id: str, outlets: tuple[str, ...]) -> StorylineSummary | None:
    c = store.conn
    row = c.execute(
        "SELECT count(id), coalesce(sum(size), 0), min(first_day), max(last_day) FROM events WHERE storyline_id = ?",
        (storyline_id,),
    ).fetchone()
    exists = c.execute("SELECT 1 FROM storylines WHERE id = ?", (storyline_id,)).fetchone()
    if exists is None or not row[0]:
        return None
    events = c.execute(
        "SELECT id FROM events WHERE storyline_id = ? ORDER BY first_ord, id", (storyline_id,)
    ).fetchall()
    return StorylineSummary(
        storyline_id,
        storyline_title(store, storyline_id),
        int(row[0]),
        int(row[1]),
        outlets,
        _day_iso(row[2]),
        _day_iso(row[3]),
        tuple(e[0] for e in events),
    )


_STORYLINE_MEMBERS = (
    "FROM events e JOIN event_members m ON m.event_id = e.id JOIN articles a ON a.id = m.article_id "
    "WHERE e.storyline_id = ?"
)


def storyline_summary(store: SQLiteStore, storyline_id: str) -> StorylineSummary | None:
    """One storyline as listed (the same figures as ``list_storylines``), by its full id."""
    outlets = _outlets(store.conn, f"SELECT e.storyline_id, a.outlet {_STORYLINE_MEMBERS}", [storyline_id])
    return _storyline(store, storyline_id, outlets.get(storyline_id, ()))


def storyline_overview(store: SQLiteStore, storyline_id: str) -> tuple[StorylineSummary, dict[str, int]] | None:
    """One storyline as listed and its articles per publication day (``YYYY-MM-DD``; articles without a
    stated date left out): the figures the story engine keeps (:mod:`storyweave.storage.figures`) when they
    are current, else one pass over its members' outlets and dates, grouped by SQLite."""
    kept = figures.storyline_figures(store.conn, storyline_id)
    if kept is not None:
        line = _storyline(store, storyline_id, tuple(sorted(o for o in kept[0] if o)))
        return None if line is None else (line, kept[1])
    outlets: set[str] = set()
    days: dict[str, int] = {}
    for outlet, day, n in store.conn.execute(
        "SELECT a.outlet, CASE WHEN a.published >= '0' AND a.published < ':' THEN substr(a.published, 1, 10) END, "
        f"count(*) {_STORYLINE_MEMBERS} GROUP BY 1, 2",
        (storyline_id,),
    ):
        if outlet:
            outlets.add(outlet)
        if day is not None:
            days[day] = days.get(day, 0) + int(n)
    line = _storyline(store, storyline_id, tuple(sorted(outlets)))
    return None if line is None else (line, days)


@dataclass(frozen=True)
class Placement:
    """Where an article sits: its event, storyline and wire group, with the reasons recorded for them."""

    event_id: str
    storyline_id: str | None
    wire_group: str | None
    reason: dict[str, Any]
    wire_reason: dict[str, Any] | None


def placement(store: SQLiteStore, article_id: str) -> Placement | None:
    row = store.conn.execute(
        "SELECT m.event_id, e.storyline_id, w.group_id, m.reason, w.reason FROM event_members m "
        "JOIN events e ON e.id = m.event_id LEFT JOIN wire_members w ON w.article_id = m.article_id "
        "WHERE m.article_id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    return Placement(row[0], row[1], row[2], json.loads(row[3]), None if row[4] is None else json.loads(row[4]))


def members(
    store: SQLiteStore, *, event_ids: Sequence[str] = (), storyline_id: str | None = None, limit: int
) -> list[str]:
    """Ids of the articles of some events or of one storyline, latest first, at most ``limit``."""
    c = store.conn
    out: list[str] = []
    if storyline_id:
        out += [
            r[0]
            for r in c.execute(
                "SELECT m.article_id FROM events e JOIN event_members m ON m.event_id = e.id "
                "WHERE e.storyline_id = ? ORDER BY m.ord DESC LIMIT ?",
                (storyline_id, limit),
            )
        ]
    for eid in event_ids:
        if len(out) >= limit:
            break
        out += [
            r[0]
            for r in c.execute(
                "SELECT article_id FROM event_members WHERE event_id = ? ORDER BY ord DESC LIMIT ?",
                (eid, limit - len(out)),
            )
        ]
    return list(dict.fromkeys(out))[:limit]


def events_sharing_keys(store: SQLiteStore, keys: Sequence[str], *, per_key: int) -> list[str]:
    """The most recent events naming each of ``keys`` (entity keys), ``per_key`` at most for each."""
    out: dict[str, None] = {}
    for k in keys:
        for (eid,) in store.conn.execute(
            "SELECT event_id FROM event_keys WHERE key = ? ORDER BY last_ord DESC LIMIT ?", (k, per_key)
        ):
            out[eid] = None
    return list(out)


def key_frequencies(store: SQLiteStore, keys: Sequence[str]) -> dict[str, int]:
    """How many placed articles name each key (the engine's rarity counts)."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    return {k: int(n) for k, n in store.conn.execute(f"SELECT key, df FROM key_df WHERE key IN ({marks})", wanted)}


@dataclass(frozen=True)
class SearchRow:
    article: Article
    rank: float
    #: An excerpt around the matches; matched terms sit between :data:`HIT_START` and :data:`HIT_END`.
    snippet: str


def _fts_terms(query: str) -> str:
    return " ".join('"' + t.replace('"', '""') + '"' for t in query.split())


#: Matches of one query ranked by bm25 at most. FTS5 computes bm25 for every match it orders (no top-k
#: shortcut): a word found in most of 100,000 articles costs a quarter of a second to rank, while counting its
#: matches or walking them newest first costs a few milliseconds. So a query matching more articles than this
#: is ranked over its most recently stored matches only (``ranked`` < ``total``); its count stays exact.
RANK_WINDOW = 5000


@dataclass(frozen=True)
class SearchPage:
    """How many articles match, how many of them were ranked (all, or the newest :data:`RANK_WINDOW`), one page."""

    total: int
    ranked: int
    rows: list[SearchRow]


def search_page(store: SQLiteStore, query: str, *, limit: int, offset: int) -> SearchPage:
    """Full-text matches of ``query`` (FTS5 syntax; plain words when it is not valid), best first.

    Ranking reads only the FTS table (``bm25`` ordered with the LIMIT inside a subquery), so the
    articles joined and the snippets built are those of the page alone, not of every match. A query
    with more than :data:`RANK_WINDOW` matches is ranked over the newest of them (by storage order: the
    rowid bound is found by walking the matches newest first, then FTS5 ranks only those above it).
    """
    c = store.conn
    for attempt in (query, _fts_terms(query)):
        if not attempt.strip():
            return SearchPage(0, 0, [])
        try:
            total = int(
                c.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (attempt,)).fetchone()[0]
            )
            bound = ""
            args: list[Any] = [attempt]
            if total > RANK_WINDOW:
                floor = c.execute(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                    (attempt, RANK_WINDOW - 1),
                ).fetchone()
                if floor is not None:
                    bound, args = " AND rowid >= ?", [attempt, int(floor[0])]
            ranked = c.execute(
                f"SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ?{bound} "
                "ORDER BY rank LIMIT ? OFFSET ?",
                (*args, limit, offset),
            ).fetchall()
        except sqlite3.OperationalError:
            continue  # not valid FTS5 syntax: search for the words as plain terms
        window = min(total, RANK_WINDOW) if bound else total
        if not ranked:
            return SearchPage(total, window, [])
        seqs = [r[0] for r in ranked]
        marks = ",".join("?" * len(seqs))
        snippets = dict(
            c.execute(
                f"SELECT rowid, snippet(articles_fts, -1, '{HIT_START}', '{HIT_END}', '…', 28) FROM articles_fts "
                f"WHERE articles_fts MATCH ? AND rowid IN ({marks})",
                [attempt, *seqs],
            ).fetchall()
        )
        arts = {
            r[0]: _row_article(r[1:])
            for r in c.execute(f"SELECT a.seq, {_A_COLUMNS} FROM articles a WHERE a.seq IN ({marks})", seqs)
        }
        rows = [SearchRow(arts[s], float(rank), snippets.get(s, "")) for s, rank in ranked if s in arts]
        return SearchPage(total, window, rows)
    return SearchPage(0, 0, [])


def activity(store: SQLiteStore, *, days: int) -> dict[str, int]:
    """Articles per publication day over the ``days`` up to the latest stated date (read along the date index)."""
    c = store.conn
    row = c.execute("SELECT max(published) FROM articles WHERE published >= '0' AND published < ':'").fetchone()
    if row is None or row[0] is None:
        return {}
    from datetime import date, timedelta

    try:
        last = date.fromisoformat(str(row[0])[:10])
    except ValueError:
        return {}
    first = (last - timedelta(days=days - 1)).isoformat()
    rows = c.execute(
        "SELECT substr(published, 1, 10), count(*) FROM articles WHERE published >= ? AND published < ':' "
        "GROUP BY 1 ORDER BY 1",
        (first,),
    )
    return {d: int(n) for d, n in rows if len(d) == 10}


def top_storylines(store: SQLiteStore, limit: int, offset: int = 0) -> list[tuple[StorylineSummary, dict[str, int]]]:
    """The largest storylines (``list_storylines`` order, ``limit`` from ``offset``), each with its articles per
    stated publication day: :func:`storyline_overview` of each (the kept figures, not a pass over their members)."""
    ids = [
        r[0]
        for r in store.conn.execute(
            "SELECT storyline_id FROM events WHERE storyline_id IS NOT NULL GROUP BY storyline_id "
            "ORDER BY sum(size) DESC, min(first_ord), storyline_id LIMIT ? OFFSET ?",
            (limit, offset),
        )
    ]
    return [found for sid in ids if (found := storyline_overview(store, sid)) is not None]


def fts_candidates(store: SQLiteStore, query: str, *, limit: int) -> list[str]:
    """Ids of the ``limit`` best full-text matches of an FTS5 ``query`` (ranked on the FTS table alone; like
    :func:`search_page`, over the newest :data:`RANK_WINDOW` matches when there are more)."""
    c = store.conn
    try:
        floor = c.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (query, RANK_WINDOW - 1),
        ).fetchone()
        rows = c.execute(
            "SELECT a.id FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? "
            "ORDER BY rank LIMIT ?) f JOIN articles a ON a.seq = f.rowid ORDER BY f.rank",
            (query, 0 if floor is None else int(floor[0]), limit),
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [r[0] for r in rows]


def vectors(store: SQLiteStore, ids: Sequence[str]) -> dict[str, bytes]:
    """The stored sentence vectors (float16 bytes) of ``ids``, nothing else of their features."""
    out: dict[str, bytes] = {}
    wanted = list(dict.fromkeys(ids))
    for k in range(0, len(wanted), 500):
        chunk = wanted[k : k + 500]
        marks = ",".join("?" * len(chunk))
        out.update(
            store.conn.execute(f"SELECT article_id, vector FROM article_features WHERE article_id IN ({marks})", chunk)
        )
    return out


_BRIEF_COLUMNS = "id, outlet, published, published_source, language, title, url, agencies"


def briefs(store: SQLiteStore, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Listing fields of ``ids`` (no text, no provenance): what a result row shows."""
    out: dict[str, dict[str, Any]] = {}
    wanted = list(dict.fromkeys(ids))
    for k in range(0, len(wanted), 500):
        chunk = wanted[k : k + 500]
        marks = ",".join("?" * len(chunk))
        for r in store.conn.execute(f"SELECT {_BRIEF_COLUMNS} FROM articles WHERE id IN ({marks})", chunk):
            out[r[0]] = {
                "id": r[0],
                "outlet": r[1],
                "published": r[2],
                "published_source": r[3],
                "language": r[4],
                "title": r[5],
                "url": r[6],
                "agencies": json.loads(r[7]),
            }
    return out


def distinct_values(store: SQLiteStore, column: str) -> list[str]:
    """The distinct values of an indexed article column (``outlet``, ``language``), sorted: a walk of its index."""
    if column not in ("outlet", "language"):
        raise ValueError(f"no index on articles.{column}")
    return [r[0] for r in store.conn.execute(f"SELECT DISTINCT {column} FROM articles WHERE {column} IS NOT NULL")]


def count_events(store: SQLiteStore, storyline: str | None = None) -> int:
    if storyline:
        row = store.conn.execute("SELECT count(*) FROM events WHERE storyline_id = ?", (storyline,)).fetchone()
    else:
        row = store.conn.execute("SELECT count(*) FROM events").fetchone()
    return int(row[0])


def storyline_title(store: SQLiteStore, storyline_id: str) -> str | None:
    """A storyline's title: that of its largest event (the earliest on ties), as ``list_storylines`` gives it."""
    row = store.conn.execute(
        "SELECT title FROM events WHERE storyline_id = ? ORDER BY size DESC, first_ord LIMIT 1", (storyline_id,)
    ).fetchone()
    return None if row is None else row[0]


def story_events(
    store: SQLiteStore, storyline_id: str, *, limit: int | None = None, offset: int = 0
) -> list[EventSummary]:
    """The events of one storyline in order (first article first), outlets included: one query each for
    the events and their outlets; with ``limit``, one page of them read along the storyline's event index."""
    page, args = ("", [storyline_id]) if limit is None else (" LIMIT ? OFFSET ?", [storyline_id, limit, offset])
    return _event_rows(
        store.conn,
        f"SELECT {_EVENT_COLUMNS} FROM events WHERE storyline_id = ? ORDER BY first_ord, id{page}",
        args,
    )


def story_members(store: SQLiteStore, event_ids: Sequence[str], *, reasons: bool = True) -> list[dict[str, Any]]:
    """Every member of ``event_ids`` with its listing fields, the reason it was placed (``None`` unless
    ``reasons``: a page that does not show them skips reading and decoding them) and its wire group, in
    placement order: one query on the member index (no article text or provenance is read)."""
    if not event_ids:
        return []
    marks = ",".join("?" * len(event_ids))
    cols = ", ".join("a." + c.strip() for c in _BRIEF_COLUMNS.split(","))
    reason = "m.reason" if reasons else "NULL"
    rows = store.conn.execute(
        f"SELECT m.event_id, {reason}, w.group_id, {cols} FROM event_members m "
        "JOIN articles a ON a.id = m.article_id LEFT JOIN wire_members w ON w.article_id = m.article_id "
        f"WHERE m.event_id IN ({marks}) ORDER BY m.event_id, m.ord",
        list(event_ids),
    ).fetchall()
    return [
        {
            "event_id": r[0],
            "reason": None if r[1] is None else json.loads(r[1]),
            "wire_group": r[2],
            "id": r[3],
            "outlet": r[4],
            "published": r[5],
            "published_source": r[6],
            "language": r[7],
            "title": r[8],
            "url": r[9],
            "agencies": json.loads(r[10]),
        }
        for r in rows
    ]


def texts(store: SQLiteStore, ids: Sequence[str]) -> dict[str, tuple[str | None, str]]:
    """Title and clean text of ``ids`` (for the wire-copy diffs of one event)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    return {
        r[0]: (r[1], r[2])
        for r in store.conn.execute(f"SELECT id, title, text FROM articles WHERE id IN ({marks})", wanted)
    }
