"""The story comparison, article marks, entity pages and semantic search over the demo corpus, in-process.

The comparison of one small event is computed once for the module (the cache is per app) and then read by
the page, the fragment and the API; the checks tie what is shown back to the stored articles: a citation's
sentence is the article's own characters, the matrix has a row per outlet, a marked entity links to its page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyweave.services import browse
from storyweave.storage import open_store, pages
from storyweave.web import create_app
from storyweave.web.analysis import AnalysisCache
from storyweave.web.charts import timeline_svg
from storyweave.web.figures import StorylineFigures
from storyweave.web.marks import Mark, marked_paragraphs
from storyweave.web.pagecache import PageCache


@pytest.fixture(scope="module")
def client(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db)) as c:
        yield c


@pytest.fixture(scope="module")
def event_id(demo_db: Path) -> str:
    """The smallest event that several outlets covered (a cheap comparison with something to compare)."""
    with open_store(demo_db, readonly=True) as s:
        events = [e for e in s.list_events(limit=200) if len(e.outlets) >= 3]
    return min(events, key=lambda e: (e.size, e.id)).id


def json_of(client: TestClient, path: str, status: int = 200, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == status, (path, r.status_code, r.text[:300])
    return r.json()


def test_story_page_defers_the_comparison_then_shows_it_inline(client: TestClient, event_id: str) -> None:
    first = client.get(f"/stories/{event_id}")  # not computed yet: the page fetches it
    assert first.status_code == 200 and f'data-fragment="/stories/{event_id}/coverage"' in first.text
    frag = client.get(f"/stories/{event_id}/coverage", headers={"X-Fragment": "1"})
    assert frag.status_code == 200 and "<html" not in frag.text
    for section in ("summary", "timeline", "coverage", "quotes", "names"):
        assert f'<section id="{section}"' in frag.text
    cache: AnalysisCache = client.app.state.analyses  # type: ignore[attr-defined]
    assert cache.peek(client.app.state.pool._idle.queue[0], event_id) is not None  # type: ignore[attr-defined]
    again = client.get(f"/stories/{event_id}")
    assert "data-fragment" not in again.text and '<section id="summary"' in again.text
    whole = client.get(f"/stories/{event_id}/coverage")
    assert whole.status_code == 200 and "<html" in whole.text and "<script>" not in whole.text


def test_storyline_page_lists_its_events_a_page_at_a_time(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    line = max(json_of(client, "/api/storylines")["storylines"], key=lambda s: (s["events"], s["id"]))
    assert line["events"] >= 2
    whole = client.get(f"/stories/{line['id']}").text

    def figures(html: str) -> list[str]:  # the storyline's own lead line and articles-per-day chart
        return re.findall(r'<p class="lead">.*?</p>|<div class="panel">.*?</div>', html, re.S)

    monkeypatch.setattr(browse, "STORYLINE_EVENTS_PER_PAGE", 1)
    kept: PageCache = client.app.state.pages  # type: ignore[attr-defined]
    kept.clear()  # the pages of 30 events rendered above; and the pages of 1 rendered below, at the end
    request.addfinalizer(kept.clear)
    shown: list[str] = []
    for n in range(1, line["events"] + 1):
        r = client.get(f"/stories/{line['id']}", params={"page": n})
        assert r.status_code == 200
        ids = re.findall(r'<li id="e-(ev[0-9a-z]+)"', r.text)
        assert len(ids) == 1 and 'aria-label="Pages of events"' in r.text
        assert figures(r.text) == figures(whole)  # every page says what the whole storyline holds
        shown += ids
    assert shown == line["event_ids"]  # every event once, in order
    assert client.get(f"/stories/{line['id']}", params={"page": line["events"] + 1}).status_code == 404


def test_storyline_figures_are_kept_while_the_storyline_is_unchanged(demo_db: Path) -> None:
    with open_store(demo_db, readonly=True) as s:
        line = s.list_storylines(limit=1)[0]
        kept = StorylineFigures(size=1)
        first = kept.get(s, line.id)
        assert first is not None and first == pages.storyline_overview(s, line.id)
        assert first[0].outlets == line.outlets and sum(first[1].values()) <= line.size
        assert kept.get(s, line.id) is first  # read once
        assert kept.get(s, "slnothere") is None


def test_summary_citations_are_the_articles_own_sentences(client: TestClient, demo_db: Path, event_id: str) -> None:
    summ = json_of(client, f"/api/stories/{event_id}/summary")
    assert summ["story_id"] == event_id and summ["sentences"]
    with open_store(demo_db, readonly=True) as s:
        for sentence in summ["sentences"]:
            assert sentence["cites"] and sentence["origins"] >= 1
            for c in sentence["cites"]:
                text = s.get_article(c["article_id"]).text
                assert " ".join(text[c["start"] : c["end"]].split()) == c["text"]
                assert c["href"] == f"/articles/{c['article_id']}?cite={c['start']}-{c['end']}#cited"
    page = client.get(f"/stories/{event_id}").text
    cites = re.findall(r'<span class="cite"><a href="([^"]+)" aria-describedby="([^"]+)">', page)
    assert cites and all(f'id="{pop}"' in page for _, pop in cites)  # every number has its source sentence
    target = client.get(cites[0][0].replace("&amp;", "&").split("#")[0])
    assert target.status_code == 200 and 'id="cited"' in target.text


def test_coverage_timeline_and_quotes_api(client: TestClient, event_id: str) -> None:
    detail = json_of(client, f"/api/stories/{event_id}")
    assert set(detail["links"]) == {"summary", "coverage", "timeline", "quotes", "page"}
    cov = json_of(client, detail["links"]["coverage"])
    assert cov["story_id"] == event_id and len(cov["outlets"]) >= 3
    assert len(cov["matrix"]) == len(cov["outlets"])
    assert all(len(row) == len(cov["matrix_facts"]) for row in cov["matrix"])
    assert cov["facts"] and all(f["article_ids"] for f in cov["facts"])
    assert cov["independent"] <= cov["articles"] == detail["size"]
    tl = json_of(client, detail["links"]["timeline"])
    dates = [e["date"] for e in tl["entries"] if not e["background"] and re.match(r"\d{4}-\d{2}-\d{2}$", e["date"])]
    assert dates and dates == sorted(dates)
    quotes = json_of(client, detail["links"]["quotes"], limit=200)
    articles = {a["id"] for a in detail["articles"]}
    assert quotes["quotes"] and {q["article_id"] for q in quotes["quotes"]} <= articles
    assert json_of(client, "/api/stories/zzzz/coverage", 404)["status"] == 404


def test_entities_and_quotes_api(client: TestClient) -> None:
    ents = json_of(client, "/api/entities", limit=5)["entities"]
    assert ents and [e["mentions"] for e in ents] == sorted((e["mentions"] for e in ents), reverse=True)
    one = json_of(client, f"/api/entities/{ents[0]['id']}")
    assert one["name"] == ents[0]["name"] and one["spellings_by_outlet"] and one["stories"]
    people = json_of(client, "/api/entities", type="person", limit=50)["entities"]
    assert people and {e["type"] for e in people} == {"person"}
    speaker = next(q for q in json_of(client, "/api/quotes", limit=200)["quotes"] if q["speaker_entity_id"])
    by = json_of(client, "/api/quotes", speaker=speaker["speaker_entity_id"])["quotes"]
    assert by and {q["speaker_entity_id"] for q in by} == {speaker["speaker_entity_id"]}
    assert json_of(client, "/api/entities/nosuchentity0", 404)["error"]


def test_article_page_marks_what_the_analyses_found(client: TestClient, demo_db: Path) -> None:
    with open_store(demo_db, readonly=True) as s:
        row = s.conn.execute(
            "SELECT q.article_id, count(*) FROM quotes q JOIN mentions m ON m.article_id = q.article_id "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"
        ).fetchone()
        aid = row[0]
        ents = s.article_entities(aid)
    html = client.get(f"/articles/{aid}").text
    assert 'class="ent" href="/entities/' in html and 'class="q' in html and 'class="date"' in html
    assert f'href="/entities/{ents[0]["entity_id"]}"' in html
    assert 'id="cited"' not in html
    assert client.get(f"/articles/{aid}", params={"cite": "x-1"}).status_code == 422


def test_marks_escape_and_nest() -> None:
    text = 'Mayor <b>Ana</b> said "we <script>go</script> now" on 5 May.\nSecond line.'

    def at(piece: str) -> tuple[int, int]:
        return text.index(piece), text.index(piece) + len(piece)

    marks = [
        Mark(*at("Mayor <b>Ana</b>"), "speaker", "speaker: Ana", "/entities/e1"),
        Mark(*at("we <script>go</script> now"), "q", 'quote "x"'),
        Mark(*at("Ana"), "ent", "Ana (person)", "/entities/e1"),
        Mark(*at("5 May"), "date", "2025-05-05"),
        Mark(*at("Second"), "cited", "cited"),
    ]
    paras = marked_paragraphs(text, marks)
    assert len(paras) == 2
    first = str(paras[0])
    assert "<script>" not in first and "&lt;script&gt;" in first and "&lt;b&gt;" in first
    assert (
        first.startswith('<a class="speaker" href="/entities/e1"')
        and '<span class="date" title="2025-05-05">5 May' in first
    )
    assert 'title="quote &#34;x&#34;"' in first
    assert 'id="cited"' in str(paras[1]) and str(paras[1]).count('id="cited"') == 1
    assert marked_paragraphs("abc", [Mark(2, 9, "q")]) == ["abc"]  # a mark past the text is dropped


def test_timeline_svg_places_dated_entries_and_escapes() -> None:
    entries = [
        {"id": "t1", "date": "2025-03-01", "label": "<img src=x onerror=alert(1)>", "outlets": ["A"]},
        {"id": "t2", "date": "2025-03", "label": "month", "outlets": ["A", "B"]},
        {"id": "t3", "date": "2025-03-20", "label": "later", "outlets": []},
        {"id": "t4", "date": "2024", "label": "background", "outlets": [], "background": True},
    ]
    svg = str(timeline_svg(entries))
    assert svg.count("<circle") == 3 and "<img" not in svg and "&lt;img" in svg
    assert 'href="#t-t1"' in svg and "#t-t4" not in svg
    assert str(timeline_svg([])) == ""


def test_entity_and_names_pages(client: TestClient) -> None:
    ents = json_of(client, "/api/entities", limit=1)["entities"]
    html = client.get(f"/entities/{ents[0]['id']}").text
    for section in ("spellings", "by", "about", "stories"):
        assert f'<section id="{section}"' in html
    assert client.get("/entities").status_code == 200
    assert client.get("/entities", params={"type": "person"}).status_code == 200
    assert client.get("/entities/nosuchentity0").status_code == 404


def test_semantic_search_crosses_languages(client: TestClient) -> None:
    found = json_of(client, "/api/search/semantic", q="élection présidentielle contestée", limit=5)
    assert found["compared"] == 45 and len(found["results"]) == 5
    scores = [r["score"] for r in found["results"]]
    assert scores == sorted(scores, reverse=True)
    assert {r["article"]["language"] for r in found["results"]} - {"fr"}  # English reports of it too
    page2 = json_of(client, "/api/search/semantic", q="élection présidentielle contestée", limit=5, offset=5)
    assert not {r["article"]["id"] for r in page2["results"]} & {r["article"]["id"] for r in found["results"]}
    html = client.get("/search", params={"q": "flood at the dam", "mode": "semantic"}).text
    assert "closest articles" in html and "of 45 compared by meaning" in html
    assert json_of(client, "/api/search/semantic", 422, q="")["status"] == 422
