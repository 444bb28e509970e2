"""The server-rendered pages: home, story (event or storyline), articles, one article, search.

Each route gathers what storyweave.services returns and hands it to a template; the little
arrangement done here (grouping, counting per day) is presentation, not analysis.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from storyweave.errors import NotFoundError
from storyweave.services import article_analyses as stored_analyses
from storyweave.services import browse, entity_view
from storyweave.storage import SQLiteStore, pages
from storyweave.storage.base import ArticleFilter
from storyweave.web.analysis import AnalysisCache
from storyweave.web.marks import article_marks, marked_paragraphs
from storyweave.web.pagecache import PageCache
from storyweave.web.sections import ANALYSIS_LINKS, ARTICLE_SECTIONS, EVENT_SECTIONS, STORYLINE_SECTIONS, shown
from storyweave.web.semantic import MAX_RESULTS, semantic_search
from storyweave.web.state import get_store
from storyweave.web.story_view import analysis_view, capped

router = APIRouter(include_in_schema=False)

PER_PAGE = 20
ID = r"^[0-9a-z]{1,40}$"
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


Store = Annotated[SQLiteStore, Depends(get_store)]


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_render(request, template, **context), status_code=status)


def _render(request: Request, template: str, **context: Any) -> str:
    return str(request.app.state.templates.get_template(template).render(request_path=request.url.path, **context))


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: Store) -> HTMLResponse:
    kept: PageCache = request.app.state.pages
    generation = request.app.state.generation.current(store)
    hit = kept.lookup("/", generation)
    if hit is not None:
        return HTMLResponse(hit.body)
    body = _render(request, "home.html", title="Stories", home=browse.home(store)).encode()
    kept.put("/", generation, body)
    return HTMLResponse(body)


def _per_day(rows: list[Mapping[str, Any]]) -> dict[str, int]:
    return dict(
        Counter(str(r["published"])[:10] for r in rows if r.get("published") and str(r["published"])[:1].isdigit())
    )


def _outlet_events(detail: Mapping[str, Any]) -> dict[str, Any]:
    """Outlets x events of a storyline page: how many articles each outlet ran on each of its events."""
    counts: dict[str, Counter[str]] = {}
    for ev in detail["events"]:
        for a in ev["all_articles"]:
            counts.setdefault(str(a["outlet"] or "(unknown outlet)"), Counter())[ev["id"]] += 1
    outlets = sorted(counts, key=lambda o: (-sum(counts[o].values()), o.casefold()))
    columns = [(ev["id"], ev["title"] or "(no title)", f"/stories/{ev['id']}") for ev in detail["events"]]
    return {"outlets": outlets, "counts": counts, "columns": columns}


def _analyses(request: Request) -> AnalysisCache:
    cache: AnalysisCache = request.app.state.analyses
    return cache


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(
    request: Request,
    store: Store,
    story_id: str,
    page_no: Annotated[int, Query(alias="page", ge=1, le=100_000, description="page of a storyline's events")] = 1,
) -> HTMLResponse:
    """The story page: what the store holds at once; the comparison inline when it is already cached, else
    as a section the page fetches (``/stories/{id}/coverage``), so this page never waits on it. A
    storyline's events are listed a page at a time (``page``). A rendered page is kept while the store is
    unchanged (:mod:`storyweave.web.pagecache`) and the comparison it showed is still the one cached."""
    kept: PageCache = request.app.state.pages
    generation = request.app.state.generation.current(store)  # before any read of the store
    key = f"/stories/{story_id}?page={page_no}"
    hit = kept.lookup(key, generation)
    if hit is not None and _analyses(request).kept(hit.meta[0]) is hit.meta[1]:
        return HTMLResponse(hit.body)
    body, full_id, shown_with = _story_page(request, store, story_id, page_no)
    kept.put(key, generation, body, (full_id, shown_with))
    return HTMLResponse(body)


def _story_page(request: Request, store: SQLiteStore, story_id: str, page_no: int) -> tuple[bytes, str, Any]:
    """The story page rendered now, the story's full id, and the comparison object kept when it was rendered."""
    detail = browse.story_page(store, story_id, page=page_no, figures=request.app.state.figures.get)
    kept_analysis = _analyses(request).kept(detail["id"])  # read before peek: see PageCache
    done = _analyses(request).peek(store, detail["id"])
    extra: dict[str, Any] = {
        "analysis": None if done is None else capped(analysis_view(done)),
        "analysis_links": list(ANALYSIS_LINKS),
    }
    if detail["kind"] == "event":
        detail["activity"] = _per_day(detail["articles"])
        line = detail["storyline_id"]
        storyline = {"id": line, "title": pages.storyline_title(store, line)} if line else None
        html = _render(
            request,
            "event.html",
            title=detail["title"] or "Event",
            story=detail,
            storyline=storyline,
            sections=shown(EVENT_SECTIONS, detail),
            **extra,
        )
    else:
        detail["matrix"] = _outlet_events(detail)
        html = _render(
            request,
            "storyline.html",
            title=detail["title"] or "Storyline",
            story=detail,
            sections=shown(STORYLINE_SECTIONS, detail),
            **extra,
        )
    return html.encode(), str(detail["id"]), kept_analysis


@router.get("/stories/{story_id}/coverage", response_class=HTMLResponse)
def story_coverage(request: Request, store: Store, story_id: str) -> HTMLResponse:
    """The comparison sections of a story (computed on first request, then cached): the bare sections when
    the story page fetches them (``X-Fragment: 1``), else a page of their own. The bare sections depend on
    the comparison alone, so they are kept with it (compared by identity)."""
    done = _analyses(request).get(store, story_id)
    if request.headers.get("x-fragment") == "1":
        kept: PageCache = request.app.state.pages
        key = f"/stories/{done.story_id}/coverage#fragment"
        hit = kept.lookup(key, 0)
        if hit is not None and hit.meta is done:
            return HTMLResponse(hit.body)
        template = request.app.state.templates.get_template("_analysis.html")
        body = template.render(view=capped(analysis_view(done)), story_id=done.story_id).encode()
        kept.put(key, 0, body, done)
        return HTMLResponse(body)
    view = capped(analysis_view(done))
    title = pages.event_summary(store, done.story_id) if done.kind == "event" else None
    name = title.title if title else pages.storyline_title(store, done.story_id)
    return page(
        request,
        "coverage.html",
        title=f"Comparison: {name or 'story'}",
        story={"id": done.story_id, "title": name},
        analysis=view,
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    store: Store,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    language: Annotated[str | None, Query(max_length=20)] = None,
    published_from: Annotated[str | None, Query(pattern=DATE)] = None,
    published_to: Annotated[str | None, Query(pattern=DATE)] = None,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> HTMLResponse:
    where = ArticleFilter(outlet or None, language or None, published_from or None, published_to or None)
    listing = browse.article_list(store, where, cursor=cursor, limit=PER_PAGE)
    return page(
        request,
        "articles.html",
        title="Articles",
        listing=listing,
        where=where,
        outlets=pages.distinct_values(store, "outlet"),
        languages=pages.distinct_values(store, "language"),
        first_page=cursor is None,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(
    request: Request,
    store: Store,
    article_id: str,
    cite: Annotated[str | None, Query(pattern=r"^\d{1,7}-\d{1,7}$", description="characters to mark")] = None,
) -> HTMLResponse:
    detail = browse.article_analyses(store, article_id)
    found = stored_analyses(store, detail["id"])
    span: tuple[int, int] | None = None
    if cite is not None:
        start, end = cite.split("-", 1)
        span = (int(start), int(end))
    detail["marked"] = marked_paragraphs(detail["text"], article_marks(found, span))
    detail["cited"] = span is not None
    detail["quotes"] = found["quotes"]
    detail["entities"] = _entity_counts(found["entities"])
    detail["dates"] = (found["dates"] or {}).get("mentions") or []
    try:
        detail["similar"] = browse.similar_articles(store, detail["id"], limit=8)["results"]
    except NotFoundError:  # ingested without analysis: no vector to compare
        detail["similar"] = []
    place = detail["analyses"]["placement"]
    event = pages.event_summary(store, place["event_id"]) if place else None
    line = pages.storyline_title(store, place["storyline_id"]) if place and place["storyline_id"] else None
    return page(
        request,
        "article.html",
        title=detail["title"] or "Article",
        article=detail,
        event=event,
        storyline_title=line,
        sections=shown(ARTICLE_SECTIONS, detail),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    store: Store,
    type_: Annotated[str | None, Query(alias="type", max_length=40)] = None,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> HTMLResponse:
    rows = store.list_entities(type_=type_ or None, limit=PER_PAGE * 2, offset=offset)
    types = [r[0] for r in store.conn.execute("SELECT DISTINCT type FROM entities ORDER BY type")]
    return page(
        request,
        "entities.html",
        title="Names",
        entities=rows,
        types=types,
        type=type_ or "",
        offset=offset,
        per_page=PER_PAGE * 2,
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, store: Store, entity_id: str) -> HTMLResponse:
    detail = entity_view(store, entity_id)
    return page(request, "entity.html", title=detail["name"], entity=detail)


def _entity_counts(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The article's entities, most mentioned first, each with the spellings used in it."""
    by: dict[str, dict[str, Any]] = {}
    for m in mentions:
        e = by.setdefault(
            m["entity_id"], {"id": m["entity_id"], "name": m["name"], "type": m["type"], "n": 0, "as": {}}
        )
        e["n"] += 1
        e["as"][m["text"]] = e["as"].get(m["text"], 0) + 1
    return sorted(by.values(), key=lambda e: (-e["n"], e["name"].casefold()))


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    store: Store,
    q: Annotated[str, Query(max_length=500)] = "",
    page_no: Annotated[int, Query(alias="page", ge=1, le=500)] = 1,
    like: Annotated[str | None, Query(pattern=ID)] = None,
    mode: Annotated[Literal["text", "semantic"], Query()] = "text",
) -> HTMLResponse:
    if like:
        source = store.get_article(like)
        similar = browse.similar_articles(store, source.id, limit=PER_PAGE)
        return page(request, "similar.html", title="More like this", source=source, similar=similar, q="")
    found = None
    offset = (page_no - 1) * PER_PAGE
    if q.strip() and mode == "semantic":
        found = semantic_search(store, request.app.state.semantic, q, limit=PER_PAGE, offset=min(offset, MAX_RESULTS))
    elif q.strip():
        found = browse.search(store, q, limit=PER_PAGE, offset=offset)
    shown_total = 0 if found is None else int(found.get("ranked", found["total"]))
    pages_total = (shown_total + PER_PAGE - 1) // PER_PAGE
    return page(
        request,
        "search.html",
        title="Search",
        q=q,
        mode=mode,
        found=found,
        page_no=page_no,
        pages_total=pages_total,
    )
