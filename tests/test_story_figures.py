"""The story figures the engine keeps (articles per outlet and per day of each storyline) equal a grouping of the
storyline's members now: after ingest, after placements are undone and redone, after the migration fills them in
an older store; and a reader is told when they are not current."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from storyweave.storage import figures, open_store, pages


@pytest.fixture
def copy_db(tmp_path: Path, demo_db: Path) -> Path:
    db = tmp_path / "copy.db"
    with open_store(demo_db, readonly=True) as s:
        s.conn.execute(f"VACUUM INTO '{db}'")
    return db


def grouped(conn: sqlite3.Connection, storyline_id: str) -> tuple[dict[str, int], dict[str, int]]:
    """What the figures should be: the storyline's members grouped by outlet and by stated publication day."""
    outlets: Counter[str] = Counter()
    days: Counter[str] = Counter()
    for outlet, published in conn.execute(
        "SELECT a.outlet, a.published FROM events e JOIN event_members m ON m.event_id = e.id "
        "JOIN articles a ON a.id = m.article_id WHERE e.storyline_id = ?",
        (storyline_id,),
    ):
        outlets[outlet or ""] += 1
        if published and published[:1].isdigit():
            days[published[:10]] += 1
    return dict(outlets), dict(days)


def check_all(conn: sqlite3.Connection) -> int:
    lines = [r[0] for r in conn.execute("SELECT DISTINCT storyline_id FROM events WHERE storyline_id IS NOT NULL")]
    assert lines
    for sid in lines:
        assert figures.storyline_figures(conn, sid) == grouped(conn, sid), sid
    kept = {r[0] for r in conn.execute("SELECT storyline_id FROM storyline_figures")}
    assert kept == set(lines)  # none left for storylines that are gone
    return len(lines)


def test_figures_kept_at_ingest_match_the_members(demo_db: Path) -> None:
    with open_store(demo_db, readonly=True) as s:
        assert check_all(s.conn) >= 3
        line = s.list_storylines(limit=1)[0]
        summary, days = pages.storyline_overview(s, line.id) or (None, {})
        assert summary is not None and summary.outlets == line.outlets and sum(days.values()) <= line.size


def test_figures_follow_placements_undone_and_redone(copy_db: Path) -> None:
    with open_store(copy_db) as s:
        middle = sorted(r[0] for r in s.conn.execute("SELECT ord FROM event_members"))[20]
        assert s.reset_stories(middle) > 0
        check_all(s.conn)
        s.place_stories()
        check_all(s.conn)
        s.reset_stories(None)
        assert s.conn.execute("SELECT count(*) FROM storyline_figures").fetchone()[0] == 0
        s.place_stories()
        check_all(s.conn)


def test_migration_fills_the_figures_of_an_older_store(copy_db: Path) -> None:
    conn = sqlite3.connect(copy_db, isolation_level=None)
    expected = {r[0]: grouped(conn, r[0]) for r in conn.execute("SELECT id FROM storylines")}
    conn.executescript(
        "DROP TABLE event_figures; DROP TABLE storyline_figures; DELETE FROM schema_migrations WHERE version = 7;"
    )
    conn.close()
    with open_store(copy_db, readonly=True) as old:  # before the migration: readers group the members
        sid = next(iter(expected))
        assert figures.storyline_figures(old.conn, sid) is None
        found = pages.storyline_overview(old, sid)
        assert found is not None and found[1] == expected[sid][1]
    with open_store(copy_db) as s:  # opened writable: migrated, figures filled from the stored members
        assert check_all(s.conn) == len(expected)


def test_figures_that_are_not_current_are_not_used(copy_db: Path) -> None:
    with open_store(copy_db) as s:
        sid = s.list_storylines(limit=1)[0].id
        assert figures.storyline_figures(s.conn, sid) is not None
        s.conn.execute("UPDATE events SET size = size + 1 WHERE storyline_id = ?", (sid,))  # changed behind its back
        assert figures.storyline_figures(s.conn, sid) is None
