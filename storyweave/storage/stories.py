"""The story engine's state in SQLite (:class:`~storyweave.stages.cluster.StoryState`).

The engine runs inside one ``BEGIN IMMEDIATE`` transaction of the store's single writer: every
lookup sees the placements made so far in the run, an interruption rolls the whole run back, and
the articles it did not finish stay marked unplaced for the next run. Event and storyline
aggregates are cached while the run lasts and written once at its end; everything an index lookup
needs (band keys, entity keys, day spans) is written as it changes.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from storyweave.models import EventSummary, Membership, StorylineSummary
from storyweave.stages.dedupe import Signature
from storyweave.stages.similarity import EventProfile, StoryFeatures
from storyweave.storage import figures

__all__ = [
    "FEATURE_COLUMNS",
    "SQLiteStoryState",
    "assignments",
    "features_row",
    "list_events",
    "list_storylines",
    "memberships",
    "row_features",
    "story_log",
    "wire_groups",
]

#: At most this many words are kept in a stored event profile (the heaviest).
MAX_PROFILE_TERMS = 512


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def features_row(f: StoryFeatures, model: str) -> tuple[Any, ...]:
    return (
        f.article_id,
        f.order,
        f.day,
        f.language,
        model,
        np.asarray(f.vector, dtype="<f2").tobytes(),
        _dumps(list(f.keys)),
        _dumps(list(f.numbers)),
        _dumps(list(f.years)),
        _dumps([[t, w] for t, w in f.terms]),
        f.signature.to_bytes(),
        f.signature.shingles,
        f.day_hi,
    )


FEATURE_COLUMNS = (
    "article_id, ord, day, language, embed_model, vector, keys, numbers, years, terms, minhash, shingles, day_hi"
)


def row_features(row: Sequence[Any]) -> StoryFeatures:
    return StoryFeatures(
        article_id=row[0],
        order=row[1],
        day=row[2],
        language=row[3],
        vector=np.frombuffer(row[5], dtype="<f2").astype(np.float32),
        keys=tuple(json.loads(row[6])),
        numbers=tuple(json.loads(row[7])),
        years=tuple(json.loads(row[8])),
        terms=tuple((t, float(w)) for t, w in json.loads(row[9])),
        signature=Signature.from_bytes(row[10], int(row[11])),
        day_hi=row[12],
    )


def _profile_from_row(pid: str, row: Sequence[Any]) -> EventProfile:
    size, first_day, last_day, first_ord, last_ord, vector_sum, members, profile = row
    data = json.loads(profile)
    mem = np.frombuffer(members, dtype="<f2").astype(np.float32)
    dim = len(np.frombuffer(vector_sum, dtype="<f4"))
    vectors = [mem[i : i + dim] for i in range(0, len(mem), dim)] if dim else []
    return EventProfile(
        id=pid,
        size=int(size),
        vector_sum=np.frombuffer(vector_sum, dtype="<f4").copy(),
        members=vectors,
        member_terms=[dict(t) for t in data["member_terms"]],
        member_ids=list(data["member_ids"]),
        terms=dict(data["terms"]),
        keys=Counter(data["keys"]),
        numbers=Counter(data["numbers"]),
        years=Counter({int(k): v for k, v in data["years"].items()}),
        languages=Counter(data.get("languages", {})),
        first_day=first_day,
        last_day=last_day,
        last_order=last_ord,
        first_order=first_ord,
    )


def _profile_row(p: EventProfile) -> tuple[Any, ...]:
    terms = dict(sorted(p.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_PROFILE_TERMS])
    data = {
        "keys": dict(sorted(p.keys.items())),
        "numbers": dict(sorted(p.numbers.items())),
        "years": {str(k): v for k, v in sorted(p.years.items())},
        "languages": dict(sorted(p.languages.items())),
        "terms": {k: round(v, 5) for k, v in sorted(terms.items())},
        "member_ids": p.member_ids,
        "member_terms": [sorted(t.items()) for t in p.member_terms],
    }
    members = np.concatenate(p.members).astype("<f2").tobytes() if p.members else b""
    return (
        p.size,
        p.first_day,
        p.last_day,
        p.first_order,
        p.last_order,
        np.asarray(p.vector_sum, dtype="<f4").tobytes(),
        members,
        _dumps(data),
    )


class SQLiteStoryState:
    """:class:`~storyweave.stages.cluster.StoryState` over an open connection (caller owns the transaction)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.c = conn
        self._events: dict[str, EventProfile] = {}
        self._dirty_events: set[str] = set()
        self._gone_events: set[str] = set()
        self._stories: dict[str, EventProfile] = {}
        self._dirty_stories: set[str] = set()
        self._feats: dict[str, StoryFeatures] = {}
        self._last_order: str | None = None
        # events dropped since the last flush and the storylines they were in: their kept figures change too
        self._figures_events: set[str] = set()
        self._figures_lines: set[str] = set()

    # -- features and wire copies -----------------------------------------------------------
    def features(self, ids: Sequence[str]) -> dict[str, StoryFeatures]:
        out = {i: self._feats[i] for i in ids if i in self._feats}
        want = [i for i in dict.fromkeys(ids) if i not in out]
        for k in range(0, len(want), 500):
            chunk = want[k : k + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.c.execute(
                f"SELECT {FEATURE_COLUMNS} FROM article_features WHERE article_id IN ({marks})", chunk
            ).fetchall()
            for r in rows:
                out[r[0]] = self._feats[r[0]] = row_features(r)
        if len(self._feats) > 50_000:
            self._feats.clear()
        return out

    def remember(self, feats: Iterable[StoryFeatures]) -> None:
        for f in feats:
            self._feats[f.article_id] = f

    def band_matches(self, keys: Sequence[int]) -> list[str]:
        marks = ",".join("?" * len(keys))
        rows = self.c.execute(f"SELECT DISTINCT article_id FROM minhash_bands WHERE key IN ({marks})", list(keys))
        return sorted(r[0] for r in rows)

    def add_bands(self, article_id: str, keys: Sequence[int]) -> None:
        self.c.executemany(
            "INSERT OR IGNORE INTO minhash_bands(key, article_id) VALUES (?, ?)", [(k, article_id) for k in keys]
        )

    def wire_group_of(self, article_id: str) -> str | None:
        row = self.c.execute("SELECT group_id FROM wire_members WHERE article_id = ?", (article_id,)).fetchone()
        return None if row is None else str(row[0])

    def set_wire(self, article_id: str, group_id: str, reason: dict[str, Any]) -> None:
        self.c.execute(
            "INSERT OR REPLACE INTO wire_members(article_id, group_id, reason) VALUES (?, ?, ?)",
            (article_id, group_id, _dumps(reason)),
        )

    def merge_wire_groups(self, kept: str, gone: str) -> None:
        self.c.execute("UPDATE wire_members SET group_id = ? WHERE group_id = ?", (kept, gone))
        self.add_log({"kind": "wire-merge", "kept": kept, "gone": gone})

    # -- events -----------------------------------------------------------------------------
    def event_of(self, article_id: str) -> str | None:
        row = self.c.execute("SELECT event_id FROM event_members WHERE article_id = ?", (article_id,)).fetchone()
        return None if row is None else str(row[0])

    def event(self, event_id: str) -> EventProfile | None:
        if event_id in self._events:
            return self._events[event_id]
        if event_id in self._gone_events:
            return None
        row = self.c.execute(
            "SELECT size, first_day, last_day, first_ord, last_ord, vector_sum, members, profile FROM events "
            "WHERE id = ?",
            (event_id,),
        ).fetchone()
        if row is None:
            return None
        prof = _profile_from_row(event_id, row)
        self._cache(self._events, self._dirty_events, event_id, prof)
        return prof

    def _cache(self, cache: dict[str, EventProfile], dirty: set[str], key: str, prof: EventProfile) -> None:
        if len(cache) > 20_000:
            for k in [k for k in cache if k not in dirty]:
                del cache[k]
        cache[key] = prof

    def save_event(self, profile: EventProfile) -> None:
        self._events[profile.id] = profile
        self._dirty_events.add(profile.id)
        self._gone_events.discard(profile.id)
        self.c.executemany(
            "INSERT OR REPLACE INTO event_keys(key, event_id, last_ord) VALUES (?, ?, ?)",
            [(k, profile.id, profile.last_order) for k in profile.keys],
        )
        # the span and order columns are what the window and recency lookups read: keep them current
        self.c.execute(
            "INSERT INTO events(id, size, first_day, last_day, first_ord, last_ord, vector_sum, members, profile) "
            "VALUES (?, ?, ?, ?, ?, ?, x'', x'', '{}') ON CONFLICT(id) DO UPDATE SET size = excluded.size, "
            "first_day = excluded.first_day, last_day = excluded.last_day, first_ord = excluded.first_ord, "
            "last_ord = excluded.last_ord",
            (profile.id, profile.size, profile.first_day, profile.last_day, profile.first_order, profile.last_order),
        )

    def set_member(self, article_id: str, event_id: str, reason: dict[str, Any]) -> None:
        f = self._feats.get(article_id)
        order = f.order if f is not None else self._order_of(article_id)
        self.c.execute(
            "INSERT OR REPLACE INTO event_members(article_id, event_id, ord, reason) VALUES (?, ?, ?, ?)",
            (article_id, event_id, order, _dumps(reason)),
        )
        self.c.execute("UPDATE article_features SET placed = 1 WHERE article_id = ?", (article_id,))
        self._last_order = max(self._last_order or "", order)

    def _order_of(self, article_id: str) -> str:
        row = self.c.execute("SELECT ord FROM article_features WHERE article_id = ?", (article_id,)).fetchone()
        return "" if row is None else str(row[0])

    def merge_events(self, kept: str, gone: str) -> EventProfile:
        self.c.execute("UPDATE event_members SET event_id = ? WHERE event_id = ?", (kept, gone))
        self._drop_event(gone)
        return self._rebuild_event(kept)

    def _drop_event(self, event_id: str) -> None:
        line = self.storyline_of(event_id)
        if line:
            self._figures_lines.add(line)
        self._figures_events.add(event_id)
        self.c.execute("DELETE FROM events WHERE id = ?", (event_id,))
        self.c.execute("DELETE FROM event_keys WHERE event_id = ?", (event_id,))
        self._events.pop(event_id, None)
        self._dirty_events.discard(event_id)
        self._gone_events.add(event_id)

    def _rebuild_event(self, event_id: str) -> EventProfile:
        storyline = self.c.execute("SELECT storyline_id, storyline_reason FROM events WHERE id = ?", (event_id,))
        kept_story = storyline.fetchone()
        members = [
            r[0]
            for r in self.c.execute("SELECT article_id FROM event_members WHERE event_id = ? ORDER BY ord", (event_id,))
        ]
        feats = self.features(members)
        self._drop_event(event_id)
        prof = EventProfile(id=event_id)
        for a in members:
            if a in feats:
                prof.add(feats[a])
        if members:
            self.save_event(prof)
            if kept_story is not None and kept_story[0]:
                self.c.execute(
                    "UPDATE events SET storyline_id = ?, storyline_reason = ? WHERE id = ?",
                    (kept_story[0], kept_story[1], event_id),
                )
        return prof

    def _recent(self, sql: str, args: Sequence[Any], cache: dict[str, EventProfile], dirty: set[str]) -> list[str]:
        return [r[0] for r in self.c.execute(sql, list(args))]

    def events_with_keys(self, keys: Sequence[str], limit: int) -> list[str]:
        out: set[str] = set()
        for k in keys:
            rows = self.c.execute(
                "SELECT event_id FROM event_keys WHERE key = ? ORDER BY last_ord DESC LIMIT ?", (k, limit)
            )
            out.update(r[0] for r in rows)
        return sorted(out - self._gone_events)

    def events_near(self, day: int, gap: int, limit: int) -> list[str]:
        # Read the window from the day index, then sort the few events in it: walking the last_ord index
        # instead (the planner's choice) scans every event when the window holds fewer than ``limit``.
        # last_ord is unique (one article is the last of one event), so the order is the same either way.
        rows = self.c.execute(
            "SELECT id FROM events INDEXED BY events_days WHERE last_day >= ? AND first_day <= ? "
            "ORDER BY last_ord DESC LIMIT ?",
            (day - gap, day + gap, limit),
        )
        return [r[0] for r in rows]

    def recent_events(self, limit: int) -> list[str]:
        return [r[0] for r in self.c.execute("SELECT id FROM events ORDER BY last_ord DESC LIMIT ?", (limit,))]

    # -- rarity -----------------------------------------------------------------------------
    def doc_freq(self, keys: Iterable[str]) -> tuple[dict[str, int], int]:
        wanted = sorted(set(keys))
        out: dict[str, int] = {}
        if wanted:
            marks = ",".join("?" * len(wanted))
            out = dict(self.c.execute(f"SELECT key, df FROM key_df WHERE key IN ({marks})", wanted).fetchall())
        row = self.c.execute("SELECT value FROM story_meta WHERE name = 'placed'").fetchone()
        return out, int(row[0]) if row else 0

    def count_keys(self, keys: Iterable[str], delta: int) -> None:
        self.c.executemany(
            "INSERT INTO key_df(key, df) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET df = df + excluded.df",
            [(k, delta) for k in sorted(set(keys))],
        )
        self.c.execute(
            "INSERT INTO story_meta(name, value) VALUES ('placed', ?) "
            "ON CONFLICT(name) DO UPDATE SET value = CAST(value AS INTEGER) + CAST(excluded.value AS INTEGER)",
            (str(delta),),
        )

    # -- storylines -------------------------------------------------------------------------
    def storyline_of(self, event_id: str) -> str | None:
        row = self.c.execute("SELECT storyline_id FROM events WHERE id = ?", (event_id,)).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def storyline(self, storyline_id: str) -> EventProfile | None:
        if storyline_id in self._stories:
            return self._stories[storyline_id]
        row = self.c.execute(
            "SELECT size, first_day, last_day, first_ord, last_ord, vector_sum, members, profile FROM storylines "
            "WHERE id = ?",
            (storyline_id,),
        ).fetchone()
        if row is None:
            return None
        prof = _profile_from_row(storyline_id, row)
        self._cache(self._stories, self._dirty_stories, storyline_id, prof)
        return prof

    def save_storyline(self, profile: EventProfile, event_id: str, reason: dict[str, Any]) -> None:
        self._stories[profile.id] = profile
        self._dirty_stories.add(profile.id)
        self.c.executemany(
            "INSERT OR REPLACE INTO storyline_keys(key, storyline_id, last_ord) VALUES (?, ?, ?)",
            [(k, profile.id, profile.last_order) for k in profile.keys],
        )
        self.c.execute(
            "INSERT INTO storylines(id, size, first_day, last_day, first_ord, last_ord, vector_sum, members, profile) "
            "VALUES (?, ?, ?, ?, ?, ?, x'', x'', '{}') ON CONFLICT(id) DO UPDATE SET size = excluded.size, "
            "first_day = excluded.first_day, last_day = excluded.last_day, first_ord = excluded.first_ord, "
            "last_ord = excluded.last_ord",
            (profile.id, profile.size, profile.first_day, profile.last_day, profile.first_order, profile.last_order),
        )
        self.c.execute(
            "UPDATE events SET storyline_id = ?, storyline_reason = ? WHERE id = ?",
            (profile.id, _dumps(reason), event_id),
        )

    def storylines_with_keys(self, keys: Sequence[str], limit: int) -> list[str]:
        out: set[str] = set()
        for k in keys:
            rows = self.c.execute(
                "SELECT storyline_id FROM storyline_keys WHERE key = ? ORDER BY last_ord DESC LIMIT ?", (k, limit)
            )
            out.update(r[0] for r in rows)
        return sorted(out)

    def storylines_near(self, day: int, gap: int, limit: int) -> list[str]:
        rows = self.c.execute(
            "SELECT id FROM storylines INDEXED BY storylines_days WHERE last_day >= ? AND first_day <= ? "
            "ORDER BY last_ord DESC LIMIT ?",
            (day - gap, day + gap, limit),
        )
        return [r[0] for r in rows]

    # -- order and replay -------------------------------------------------------------------
    def last_order(self) -> str:
        if self._last_order is None:
            row = self.c.execute("SELECT max(ord) FROM event_members").fetchone()
            self._last_order = str(row[0] or "")
        return self._last_order

    def placed_since(self, order: str) -> list[str]:
        return [
            r[0] for r in self.c.execute("SELECT article_id FROM event_members WHERE ord >= ? ORDER BY ord", (order,))
        ]

    def unplace(self, article_ids: Sequence[str]) -> None:
        self.flush()
        ids = list(article_ids)
        feats = self.features(ids)
        touched: set[str] = set()
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            marks = ",".join("?" * len(chunk))
            touched.update(
                r[0] for r in self.c.execute(f"SELECT event_id FROM event_members WHERE article_id IN ({marks})", chunk)
            )
            self.c.execute(f"DELETE FROM event_members WHERE article_id IN ({marks})", chunk)
            self.c.execute(f"DELETE FROM wire_members WHERE article_id IN ({marks})", chunk)
            self.c.execute(f"DELETE FROM minhash_bands WHERE article_id IN ({marks})", chunk)
            self.c.execute(f"UPDATE article_features SET placed = 0 WHERE article_id IN ({marks})", chunk)
        for a in ids:
            if a in feats:
                self.count_keys(feats[a].keys, -1)
        # a wire group left with one member is no group
        self.c.execute(
            "DELETE FROM wire_members WHERE group_id IN (SELECT group_id FROM wire_members GROUP BY group_id "
            "HAVING count(*) < 2)"
        )
        stories: set[str] = set()
        for e in sorted(touched):
            s = self.storyline_of(e)
            if s:
                stories.add(s)
            self._rebuild_event(e)
            if (
                self.event(e) is None
                or not self.c.execute("SELECT 1 FROM event_members WHERE event_id = ? LIMIT 1", (e,)).fetchone()
            ):
                self._drop_event(e)
        for s in sorted(stories):
            self._rebuild_storyline(s)
        self._last_order = None
        self.flush()

    def _rebuild_storyline(self, storyline_id: str) -> None:
        events = [
            r[0]
            for r in self.c.execute("SELECT id FROM events WHERE storyline_id = ? ORDER BY first_ord", (storyline_id,))
        ]
        self.c.execute("DELETE FROM storylines WHERE id = ?", (storyline_id,))
        self.c.execute("DELETE FROM storyline_keys WHERE storyline_id = ?", (storyline_id,))
        self._stories.pop(storyline_id, None)
        self._dirty_stories.discard(storyline_id)
        if not events:
            return
        founders = []
        for e in events:
            row = self.c.execute(
                "SELECT article_id FROM event_members WHERE event_id = ? ORDER BY ord LIMIT 1", (e,)
            ).fetchone()
            if row:
                founders.append(row[0])
        feats = self.features(founders)
        prof = EventProfile(id=storyline_id)
        for a in founders:
            if a in feats:
                prof.add(feats[a])
        self._stories[storyline_id] = prof
        self._dirty_stories.add(storyline_id)
        self.c.executemany(
            "INSERT OR REPLACE INTO storyline_keys(key, storyline_id, last_ord) VALUES (?, ?, ?)",
            [(k, storyline_id, prof.last_order) for k in prof.keys],
        )
        self.c.execute(
            "INSERT INTO storylines(id, size, first_day, last_day, first_ord, last_ord, vector_sum, members, profile) "
            "VALUES (?, ?, ?, ?, ?, ?, x'', x'', '{}')",
            (storyline_id, prof.size, prof.first_day, prof.last_day, prof.first_order, prof.last_order),
        )

    def add_log(self, entry: dict[str, Any]) -> None:
        self.c.execute("INSERT INTO story_log(entry) VALUES (?)", (_dumps(entry),))

    # -- end of run -------------------------------------------------------------------------
    def flush(self) -> None:
        """Write the cached aggregates of every event and storyline changed in this run, and their titles; then
        the kept page figures of those events and storylines (:mod:`storyweave.storage.figures`)."""
        changed_events = self._dirty_events | self._figures_events
        changed_lines = self._dirty_stories | self._figures_lines
        for e in sorted(self._dirty_events):
            p = self._events.get(e)
            if p is None:
                continue
            self.c.execute(
                "UPDATE events SET size = ?, first_day = ?, last_day = ?, first_ord = ?, last_ord = ?, "
                "vector_sum = ?, members = ?, profile = ?, title = ? WHERE id = ?",
                (*_profile_row(p), self._title(p), e),
            )
        self._dirty_events.clear()
        for s in sorted(self._dirty_stories):
            p = self._stories.get(s)
            if p is None:
                continue
            self.c.execute(
                "UPDATE storylines SET size = ?, first_day = ?, last_day = ?, first_ord = ?, last_ord = ?, "
                "vector_sum = ?, members = ?, profile = ? WHERE id = ?",
                (*_profile_row(p), s),
            )
        self._dirty_stories.clear()
        changed_lines |= {line for e in changed_events if (line := self.storyline_of(e))}
        figures.refresh(self.c, changed_events, changed_lines)
        self._figures_events.clear()
        self._figures_lines.clear()

    def _title(self, p: EventProfile) -> str | None:
        """The headline of the member closest to the event's mean vector (the earliest on ties)."""
        if not p.members:
            return None
        centroid = p.centroid
        best = max(range(len(p.members)), key=lambda i: (round(float(p.members[i] @ centroid), 4), -i))
        row = self.c.execute("SELECT title FROM articles WHERE id = ?", (p.member_ids[best],)).fetchone()
        return None if row is None else row[0]

    def pending(self, limit: int = 5000) -> list[StoryFeatures]:
        rows = self.c.execute(
            f"SELECT {FEATURE_COLUMNS} FROM article_features WHERE placed = 0 ORDER BY ord LIMIT ?", (limit,)
        ).fetchall()
        feats = [row_features(r) for r in rows]
        self.remember(feats)
        return feats


# ---------------------------------------------------------------- read side


def _day_iso(day: int | None) -> str | None:
    from datetime import date

    return None if day is None else date.fromordinal(day + 719163).isoformat()


def _outlets(conn: sqlite3.Connection, where: str, args: Sequence[Any]) -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    for key, outlet in conn.execute(where, list(args)):
        if outlet:
            out.setdefault(key, set()).add(outlet)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def list_events(
    conn: sqlite3.Connection,
    *,
    storyline: str | None = None,
    limit: int = 50,
    offset: int = 0,
    event_id: str | None = None,
) -> list[EventSummary]:
    cond, args = ("WHERE storyline_id = ?", [storyline]) if storyline else ("", [])
    if event_id:
        cond, args = "WHERE id = ?", [event_id]
    rows = conn.execute(
        f"SELECT id, title, size, first_day, last_day, storyline_id FROM events {cond} "
        "ORDER BY size DESC, first_ord, id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
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


def list_storylines(
    conn: sqlite3.Connection, *, limit: int = 50, offset: int = 0, storyline_id: str | None = None
) -> list[StorylineSummary]:
    cond, args = ("WHERE s.id = ?", [storyline_id]) if storyline_id else ("", [])
    rows = conn.execute(
        "SELECT s.id, count(e.id), coalesce(sum(e.size), 0), min(e.first_day), max(e.last_day), min(e.first_ord) "
        f"FROM storylines s JOIN events e ON e.storyline_id = s.id {cond} GROUP BY s.id "
        "ORDER BY coalesce(sum(e.size), 0) DESC, min(e.first_ord), s.id LIMIT ? OFFSET ?",
        (*args, limit, offset),
    ).fetchall()
    out = []
    for sid, n_events, size, first, last, _ in rows:
        events = [
            r[0] for r in conn.execute("SELECT id FROM events WHERE storyline_id = ? ORDER BY first_ord, id", (sid,))
        ]
        title_row = conn.execute(
            "SELECT title FROM events WHERE storyline_id = ? ORDER BY size DESC, first_ord LIMIT 1", (sid,)
        ).fetchone()
        outlets = _outlets(
            conn,
            "SELECT e.storyline_id, a.outlet FROM events e JOIN event_members m ON m.event_id = e.id "
            "JOIN articles a ON a.id = m.article_id WHERE e.storyline_id = ?",
            [sid],
        )
        out.append(
            StorylineSummary(
                sid,
                title_row[0] if title_row else None,
                int(n_events),
                int(size),
                outlets.get(sid, ()),
                _day_iso(first),
                _day_iso(last),
                tuple(events),
            )
        )
    return out


def memberships(conn: sqlite3.Connection, event_id: str) -> list[Membership]:
    rows = conn.execute(
        "SELECT m.article_id, m.event_id, m.reason, w.group_id, w.reason FROM event_members m "
        "LEFT JOIN wire_members w ON w.article_id = m.article_id WHERE m.event_id = ? ORDER BY m.ord",
        (event_id,),
    ).fetchall()
    return [Membership(r[0], r[1], json.loads(r[2]), r[3], None if r[4] is None else json.loads(r[4])) for r in rows]


def assignments(conn: sqlite3.Connection) -> dict[str, tuple[str, str | None, str | None]]:
    """article id -> (event id, storyline id, wire group id), for every placed article."""
    rows = conn.execute(
        "SELECT m.article_id, m.event_id, e.storyline_id, w.group_id FROM event_members m "
        "JOIN events e ON e.id = m.event_id LEFT JOIN wire_members w ON w.article_id = m.article_id"
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def wire_groups(conn: sqlite3.Connection) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for gid, aid in conn.execute("SELECT group_id, article_id FROM wire_members ORDER BY group_id, article_id"):
        out.setdefault(gid, []).append(aid)
    return out


def story_log(conn: sqlite3.Connection, limit: int = 100) -> list[dict[str, Any]]:
    return [json.loads(r[0]) for r in conn.execute("SELECT entry FROM story_log ORDER BY seq DESC LIMIT ?", (limit,))]


def export_stories(conn: sqlite3.Connection) -> dict[str, Iterable[dict[str, Any]]]:
    """Streams for the export's ``wire_groups``, ``events`` and ``storylines`` keys (docs/export.md)."""

    def wires() -> Iterable[dict[str, Any]]:
        rows = conn.execute(
            "SELECT w.group_id, w.article_id, f.ord, length(a.text) FROM wire_members w "
            "JOIN article_features f ON f.article_id = w.article_id JOIN articles a ON a.id = w.article_id "
            "ORDER BY w.group_id"
        )
        group: list[tuple[str, str, int]] = []
        current = None
        for gid, aid, order, length in rows:
            if gid != current and group:
                yield _wire_record(current, group)
                group = []
            current = gid
            group.append((aid, order, int(length)))
        if group:
            yield _wire_record(current, group)

    def events() -> Iterable[dict[str, Any]]:
        for eid, title, story in conn.execute("SELECT id, title, storyline_id FROM events ORDER BY first_ord, id"):
            ids = [
                r[0]
                for r in conn.execute("SELECT article_id FROM event_members WHERE event_id = ? ORDER BY ord", (eid,))
            ]
            yield {"id": eid, "title": title, "article_ids": ids, "storyline_id": story}

    def storylines() -> Iterable[dict[str, Any]]:
        for (sid,) in conn.execute("SELECT id FROM storylines ORDER BY first_ord, id"):
            evs = conn.execute(
                "SELECT id, title, first_ord FROM events WHERE storyline_id = ? ORDER BY size DESC, first_ord, id",
                (sid,),
            ).fetchall()
            ordered = [r[0] for r in sorted(evs, key=lambda r: (r[2], r[0]))]
            yield {"id": sid, "title": evs[0][1] if evs else None, "event_ids": ordered}

    return {"wire_groups": wires(), "events": events(), "storylines": storylines()}


def _wire_record(gid: str | None, members: list[tuple[str, str, int]]) -> dict[str, Any]:
    from storyweave.stages.dedupe import choose_original

    return {"id": gid, "article_ids": sorted(m[0] for m in members), "original_id": choose_original(members)}
