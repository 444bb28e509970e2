"""The REST API in-process (TestClient over the demo corpus): every endpoint, its 4xx cases, the token rules."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyweave.cli import cli
from storyweave.errors import ConfigError, StoreError
from storyweave.storage import open_store
from storyweave.web import create_app

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="module")
def client(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db)) as c:
        yield c


def get(client: TestClient, path: str, status: int = 200, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == status, (path, params, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def test_openapi_documents_every_route(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    paths = set(schema["paths"])
    assert {
        "/api/stats",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/articles/{article_id}/similar",
        "/api/events",
        "/api/storylines",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/summary",
        "/api/stories/{story_id}/timeline",
        "/api/stories/{story_id}/coverage",
        "/api/stories/{story_id}/quotes",
        "/api/quotes",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/search",
        "/api/search/semantic",
        "/api/ingest",
        "/api/ingest/jsonl",
    } == paths
    for path, ops in schema["paths"].items():
        for op in ops.values():
            assert op.get("summary"), path
            assert "200" in op["responses"] and "422" in op["responses"], path
    assert "HTTPBearer" in schema["components"]["securitySchemes"]


def test_stats(client: TestClient, demo_db: Path) -> None:
    st = get(client, "/api/stats")
    with open_store(demo_db, readonly=True) as s:
        assert st["articles"] == s.count_articles() == 45
        assert st["events"] == s.count_stories()["events"]


def test_article_cursor_pages_cover_every_article_once_newest_first(client: TestClient) -> None:
    seen: list[dict[str, Any]] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 7}
        if cursor:
            params["cursor"] = cursor
        page = get(client, "/api/articles", **params)
        assert page["total"] == 45
        seen += page["articles"]
        cursor = page["next_cursor"]
        pages += 1
        if cursor is None:
            break
    assert pages == 7 and len(seen) == 45 and len({a["id"] for a in seen}) == 45
    dated = [a["published"] for a in seen if a["published"] and a["published"][0].isdigit()]
    assert dated == sorted(dated, reverse=True)
    full = [bool(a["published"] and a["published"][0].isdigit()) for a in seen]
    assert full == sorted(full, reverse=True)  # undated and partial (if any) after every dated article


def test_article_filters(client: TestClient, demo_db: Path) -> None:
    fr = get(client, "/api/articles", language="fr", limit=200)
    assert fr["total"] == len(fr["articles"]) > 0 and {a["language"] for a in fr["articles"]} == {"fr"}
    sep = get(client, "/api/articles", outlet="Saltreach Evening Post", limit=200)
    assert sep["total"] > 0 and {a["outlet"] for a in sep["articles"]} == {"Saltreach Evening Post"}
    sept = get(client, "/api/articles", published_from="2025-09-01", published_to="2025-09-30", limit=200)
    assert sept["total"] == len(sept["articles"]) > 0
    assert all("2025-09-01" <= a["published"][:10] <= "2025-09-30" for a in sept["articles"])
    with open_store(demo_db, readonly=True) as s:
        from storyweave.storage.base import ArticleFilter

        assert sept["total"] == s.count_articles(ArticleFilter(None, None, "2025-09-01", "2025-09-30"))
    assert get(client, "/api/articles", outlet="No Such Outlet")["total"] == 0


def test_article_detail_with_provenance_and_analyses(client: TestClient) -> None:
    first = get(client, "/api/articles", limit=1)["articles"][0]
    art = get(client, f"/api/articles/{first['id'][:10]}")  # a unique prefix is enough
    assert art["id"] == first["id"] and art["text"]
    assert art["provenance"]["title"]["source"]
    assert isinstance(art["removed"], list)
    place = art["analyses"]["placement"]
    assert place["event_id"].startswith("ev") and place["reason"]["rule"]
    assert art["analyses"]["features"]["terms"]


def test_similar_is_bounded_and_finds_the_same_story_across_languages(client: TestClient) -> None:
    german = get(client, "/api/articles", language="de", limit=200)["articles"]
    assert german
    hits_in_story = 0
    for a in german:
        sim = get(client, f"/api/articles/{a['id']}/similar", limit=5)
        assert sim["article_id"] == a["id"] and 0 < sim["candidates"] <= 600
        scores = [r["score"] for r in sim["results"]]
        assert scores == sorted(scores, reverse=True) and all(-1.0 <= x <= 1.0 for x in scores)
        assert a["id"] not in {r["article"]["id"] for r in sim["results"]}
        top = sim["results"][0]
        hits_in_story += "story" in top["via"] and top["article"]["language"] != "de"
    assert hits_in_story >= 1  # a German report's nearest neighbour can be an English one of its storyline


def test_events_storylines_and_one_story(client: TestClient) -> None:
    evs = get(client, "/api/events", limit=200)
    assert evs["total"] == len(evs["events"]) > 0
    sizes = [e["size"] for e in evs["events"]]
    assert sizes == sorted(sizes, reverse=True)
    lines = get(client, "/api/storylines")
    assert lines["total"] == len(lines["storylines"]) > 0
    line = lines["storylines"][0]
    own = get(client, "/api/events", storyline=line["id"])
    assert own["total"] == line["events"] and {e["storyline_id"] for e in own["events"]} == {line["id"]}

    detail = get(client, f"/api/stories/{line['id']}")
    assert detail["kind"] == "storyline" and [e["id"] for e in detail["events"]] == line["event_ids"]
    assert detail["events_total"] == line["events"] and detail["events_pages"] == 1 and "event_ids" not in detail
    assert all(a["reason"]["rule"] for e in detail["events"] for a in e["articles"])  # each event whole
    assert sum(e["size"] for e in detail["events"]) == detail["size"] == line["size"]
    get(client, f"/api/stories/{line['id']}", 404, page=2)
    with_wire = next(e for e in evs["events"] if get(client, f"/api/stories/{e['id']}")["wire_groups"])
    ev = get(client, f"/api/stories/{with_wire['id'][:8]}")
    assert ev["kind"] == "event" and ev["size"] == len(ev["articles"])
    group = ev["wire_groups"][0]
    assert group["original_id"] in group["article_ids"] and group["copies"]
    assert all(c["changes"] for c in group["copies"])
    assert all(a["reason"]["rule"] for a in ev["articles"])


def test_a_storyline_is_given_a_page_of_events_at_a_time(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyweave.services import browse

    line = max(get(client, "/api/storylines")["storylines"], key=lambda s: (s["events"], s["id"]))
    monkeypatch.setattr(browse, "STORYLINE_EVENTS_PER_PAGE", 1)
    seen = []
    for n in range(1, line["events"] + 1):
        page = get(client, f"/api/stories/{line['id']}", page=n)
        assert page["events_page"] == page["events_first"] == n and page["events_pages"] == line["events"]
        seen += [e["id"] for e in page["events"]]
    assert seen == line["event_ids"]
    get(client, f"/api/stories/{line['id']}", 404, page=line["events"] + 1)
    get(client, f"/api/stories/{line['id']}", 422, page=0)


def test_search_counts_and_pages(client: TestClient) -> None:
    one = get(client, "/api/search", q="Marrowby", limit=3)
    assert one["total"] > 3 and len(one["results"]) == 3
    rest = get(client, "/api/search", q="Marrowby", limit=3, offset=3)
    assert rest["total"] == one["total"]
    assert not {r["article"]["id"] for r in one["results"]} & {r["article"]["id"] for r in rest["results"]}
    hit = one["results"][0]
    assert hit["highlights"] and all(hit["snippet"][a:b].casefold() == "marrowby" for a, b in hit["highlights"]), hit
    ranks = [r["rank"] for r in one["results"]]
    assert ranks == sorted(ranks)
    assert get(client, "/api/search", q='"unbalanced')["total"] >= 0  # invalid FTS5: searched as plain words
    assert get(client, "/api/search", q="zzzzqqqq")["total"] == 0
    assert one["ranked"] == one["total"]  # few matches: all ranked


def test_search_of_a_very_common_word_ranks_its_newest_matches(
    client: TestClient, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyweave.storage import pages

    every = get(client, "/api/search", q="the", limit=100)
    assert every["ranked"] == every["total"] > 10
    monkeypatch.setattr(pages, "RANK_WINDOW", 10)
    some = get(client, "/api/search", q="the", limit=100)
    assert some["total"] == every["total"] and some["ranked"] == 10 and len(some["results"]) == 10
    with open_store(demo_db, readonly=True) as s:
        newest = [
            r[0]
            for r in s.conn.execute(
                "SELECT a.id FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH 'the' "
                "ORDER BY f.rowid DESC LIMIT 10"
            )
        ]
    assert {r["article"]["id"] for r in some["results"]} == set(newest)  # the 10 most recently stored, by bm25
    ranks = [r["rank"] for r in some["results"]]
    assert ranks == sorted(ranks)
    assert get(client, "/api/search", q="the", offset=10)["results"] == []  # pages stop at the ranked window
    html = client.get("/search", params={"q": "the"}).text
    assert "most recently stored" in html and 'rel="next"' not in html


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/articles", {"limit": 0}, 422),
        ("/api/articles", {"limit": "many"}, 422),
        ("/api/articles", {"limit": 100000}, 422),
        ("/api/articles", {"published_from": "last week"}, 422),
        ("/api/articles", {"cursor": "not-a-cursor"}, 400),
        ("/api/articles", {"cursor": "WzEsMl0"}, 400),  # base64 of [1,2]: a date that is no string
        ("/api/articles/zzzzzzzz", {}, 404),
        ("/api/articles/a", {}, 404),  # a prefix of several articles
        ("/api/articles/BAD ID!", {}, 422),
        ("/api/articles/zzzzzzzz/similar", {}, 404),
        ("/api/articles/a/similar", {"limit": 0}, 422),
        ("/api/events", {"offset": -1}, 422),
        ("/api/events", {"storyline": "x" * 50}, 422),
        ("/api/stories/evnothere", {}, 404),
        ("/api/search", {}, 422),
        ("/api/search", {"q": ""}, 422),
        ("/api/search", {"q": "   "}, 400),
        ("/api/search", {"q": "dam", "offset": 10**9}, 422),
        ("/api/nothing", {}, 404),
    ],
)
def test_bad_requests_are_json_4xx(client: TestClient, path: str, params: dict[str, Any], status: int) -> None:
    body = get(client, path, status, **params)
    assert body["status"] == status and body["error"]


def test_method_not_allowed_is_json(client: TestClient) -> None:
    r = client.delete("/api/articles")
    assert r.status_code == 405 and r.json()["status"] == 405


def test_security_headers_everywhere(client: TestClient) -> None:
    for path in ("/", "/api/stats", "/static/app.css", "/nothing"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"


def test_pages_load_only_vendored_assets(client: TestClient) -> None:
    from html.parser import HTMLParser

    class Assets(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.urls: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag in ("script", "img", "iframe") and a.get("src"):
                self.urls.append(str(a["src"]))
            if tag == "link" and a.get("href"):
                self.urls.append(str(a["href"]))
            assert tag != "script" or a.get("src"), "inline script"

    parser = Assets()
    parser.feed(client.get("/").text)
    assert parser.urls and all(u.startswith("/static/") for u in parser.urls), parser.urls
    for u in parser.urls:
        assert client.get(u).status_code == 200
    assert client.get("/docs").status_code == 404  # the CDN-backed docs pages are not served


# ---------------------------------------------------------------- ingest and its token


@pytest.fixture
def writable_db(tmp_path: Path, demo_db: Path) -> Path:
    db = tmp_path / "copy.db"
    with open_store(demo_db, readonly=True) as s:
        s.conn.execute(f"VACUUM INTO '{db}'")
    return db


LINES = (
    json.dumps(
        {
            "id": "web-1",
            "title": "Kestrel ferry service to resume on the northern route",
            "text": "The Kestrel ferry will resume sailings on the northern route next Monday after repairs to its "
            "ramp were finished ahead of schedule, the operator said on Thursday. Timetables are unchanged.",
            "published": "2025-11-02",
            "outlet": "Coastline Courier",
            "language": "en",
        }
    )
    + "\n"
).encode()


def test_read_only_server_refuses_ingest(client: TestClient) -> None:
    r = client.post("/api/ingest/jsonl", content=LINES, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and "read-only" in r.json()["error"]


def test_ingest_needs_the_token(writable_db: Path) -> None:
    with TestClient(create_app(writable_db, token=TOKEN, readonly=False)) as c:
        assert c.post("/api/ingest/jsonl", content=LINES).status_code == 401
        r = c.post("/api/ingest/jsonl", content=LINES, headers={"Authorization": "Bearer wrong-token-000000000"})
        assert r.status_code == 401 and r.json()["error"].startswith("missing or wrong token")
        assert c.post("/api/ingest/jsonl", content=LINES, headers={"Authorization": TOKEN}).status_code == 401
        before = c.get("/api/stats").json()["articles"]
        auth = {"Authorization": f"Bearer {TOKEN}"}
        ok = c.post("/api/ingest/jsonl", content=LINES, headers=auth)
        assert ok.status_code == 200, ok.text
        assert ok.json()["added"] == 1 and ok.json()["failed"] == 0
        assert c.get("/api/stats").json()["articles"] == before + 1
        assert c.get("/api/search", params={"q": "Kestrel ferry"}).json()["total"] == 1
        again = c.post("/api/ingest/jsonl", content=LINES, headers=auth).json()
        assert again["added"] == 0 and again["already"] == 1

        html = (
            b"<html><head><title>Ferry ramp repaired</title></head><body><article><h1>Ferry ramp repaired</h1>"
            + (b"<p>Engineers finished the repairs to the Kestrel ferry ramp on Wednesday, two days early.</p>" * 3)
            + b"</article></body></html>"
        )
        files = {"file": ("../../etc/ramp.html", html, "text/html")}
        up = c.post("/api/ingest", files=files, headers=auth)
        assert up.status_code == 200 and up.json()["added"] == 1, up.text
        assert not (writable_db.parent / ".storyweave-uploads").exists() or not any(
            (writable_db.parent / ".storyweave-uploads").iterdir()
        )
        assert c.post("/api/ingest", content=b"x", headers={**auth, "content-type": "text/plain"}).status_code == 415
        assert c.post("/api/ingest/jsonl", content=b"", headers=auth).status_code == 400
        bad = c.post("/api/ingest/jsonl", content=b"{not json\n", headers=auth).json()
        assert bad["added"] == 0 and bad["failed"] == 1 and bad["problems"][0]["message"]

        app: Any = c.app
        app.state.settings = dataclasses.replace(app.state.settings, max_upload_bytes=100)
        assert c.post("/api/ingest/jsonl", content=LINES, headers=auth).status_code == 413
        big = {"file": ("big.jsonl", LINES * 3, "application/x-ndjson")}
        assert c.post("/api/ingest", files=big, headers=auth).status_code == 413


def test_settings_are_checked(tmp_path: Path, demo_db: Path) -> None:
    with pytest.raises(ConfigError, match="at least 16"):
        create_app(demo_db, token="short", readonly=False)
    with pytest.raises(ConfigError, match="needs --token"):
        create_app(tmp_path / "new.db", readonly=False)
    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "missing.db")
    shutil.copy(demo_db, tmp_path / "other.db")
    assert create_app(tmp_path / "other.db").state.settings.ingest_enabled is False  # two apps, nothing shared


def test_serve_command_options() -> None:
    runner = CliRunner()
    help_text = runner.invoke(cli, ["serve", "--help"]).output
    assert "--host" in help_text and "127.0.0.1" in help_text and "--token" in help_text
    r = runner.invoke(cli, ["serve", "--token", TOKEN, "--db", "x.db"])
    assert r.exit_code == 2 and "--writable" in r.output
    r = runner.invoke(cli, ["serve", "--workers", "2", "--writable", "--db", "x.db"])
    assert r.exit_code == 2 and "read-only" in r.output


def test_worker_processes_build_their_app_from_the_environment(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyweave.web.app import SERVE_DB_ENV, app_from_env

    monkeypatch.delenv(SERVE_DB_ENV, raising=False)
    with pytest.raises(RuntimeError, match=SERVE_DB_ENV):
        app_from_env()
    monkeypatch.setenv(SERVE_DB_ENV, str(demo_db))
    with TestClient(app_from_env()) as c:
        assert c.get("/api/stats").json()["articles"] > 0
        assert c.post("/api/ingest/jsonl", content=b"{}").status_code in (401, 403, 404, 405)
