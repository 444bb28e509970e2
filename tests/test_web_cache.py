"""Rendered story and home pages are kept while the store is unchanged, and rendered again after any write.

The writes come from where they would in use: another connection (a ``storyweave ingest`` running next to the
server, here plain SQL on a second connection) and the server's own ingest endpoint.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyweave.services import browse
from storyweave.storage import open_store
from storyweave.web import create_app
from storyweave.web.pagecache import PageCache, StoreGeneration

TOKEN = "cache-token-0123456789abcdef"


@pytest.fixture
def copy_db(tmp_path: Path, demo_db: Path) -> Path:
    db = tmp_path / "copy.db"
    with open_store(demo_db, readonly=True) as s:
        s.conn.execute(f"VACUUM INTO '{db}'")
    return db


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real: Callable[..., Any] = browse.story_page

    def story_page(store: Any, story_id: str, **kw: Any) -> Any:
        calls.append(story_id)
        return real(store, story_id, **kw)

    monkeypatch.setattr(browse, "story_page", story_page)
    return calls


def test_generation_moves_only_when_another_connection_commits(copy_db: Path) -> None:
    gen = StoreGeneration()
    with open_store(copy_db, readonly=True) as reader:
        first = gen.current(reader)
        assert gen.current(reader) == gen.current(reader) == first  # nothing written: unchanged
        writer = sqlite3.connect(copy_db, isolation_level=None)
        writer.execute("UPDATE events SET title = upper(title)")  # a real change (a no-op one writes nothing)
        writer.close()
        assert gen.current(reader) > first
        seen = gen.current(reader)
        with open_store(copy_db, readonly=True) as other:  # a connection never seen before: it may have missed writes
            assert gen.current(other) == seen + 1


def test_story_page_is_rendered_again_after_a_write(copy_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    with open_store(copy_db, readonly=True) as s:
        event = s.list_events(limit=1)[0]
    with TestClient(create_app(copy_db)) as c:
        first = c.get(f"/stories/{event.id}")
        assert first.status_code == 200 and calls == [event.id]
        for _ in range(3):
            again = c.get(f"/stories/{event.id}")
            assert again.text == first.text
        assert calls == [event.id]  # kept: the store was not read again
        assert c.get(f"/stories/{event.id}", params={"page": 2}).status_code == 404  # errors are never kept

        writer = sqlite3.connect(copy_db, isolation_level=None)  # another process writes to the store
        writer.execute("UPDATE events SET title = ? WHERE id = ?", ("Harbour crane collapses overnight", event.id))
        writer.close()
        after = c.get(f"/stories/{event.id}")
        assert "Harbour crane collapses overnight" in after.text and after.text != first.text
        assert calls[-1] == event.id and len(calls) == 3


def test_story_page_is_rendered_again_once_its_comparison_is_cached(demo_db: Path) -> None:
    with open_store(demo_db, readonly=True) as s:
        event = min(s.list_events(limit=200), key=lambda e: (e.size, e.id))
    with TestClient(create_app(demo_db)) as c:
        assert "data-fragment" in c.get(f"/stories/{event.id}").text  # not compared yet: fetched by the page
        assert c.get(f"/stories/{event.id}/coverage", headers={"X-Fragment": "1"}).status_code == 200
        page = c.get(f"/stories/{event.id}").text
        assert "data-fragment" not in page and '<section id="summary"' in page  # now inline


def test_home_page_follows_an_ingest_over_http(copy_db: Path) -> None:
    lines = (
        b'{"id": "cache-1", "title": "Lighthouse keeper retires after forty years", "text": "The last keeper of '
        b"the Morrow Point lighthouse retired on Friday after forty years, the harbour trust said. The light has "
        b'been automatic since spring.", "published": "2025-11-03", "outlet": "Coastline Courier", "language": "en"}\n'
    )
    with TestClient(create_app(copy_db, token=TOKEN, readonly=False)) as c:
        before = c.get("/").text
        assert c.get("/").text == before
        pages: PageCache = c.app.state.pages  # type: ignore[attr-defined]
        assert len(pages) == 1
        r = c.post("/api/ingest/jsonl", content=lines, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200 and r.json()["added"] == 1
        after = c.get("/").text
        assert after != before and "Lighthouse keeper retires" in after


def test_page_cache_is_bounded_by_bytes() -> None:
    kept = PageCache(max_bytes=800)
    for k in range(20):
        kept.put(f"/p{k}", 1, b"x" * 90)
    assert len(kept) == 8 and kept.lookup("/p19", 1) is not None and kept.lookup("/p0", 1) is None
    assert kept.lookup("/p19", 2) is None  # another generation: not served
    kept.put("/big", 1, b"x" * 200)  # more than an eighth of the cache: not kept
    assert kept.lookup("/big", 1) is None
