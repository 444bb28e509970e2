"""The REST API under /api: thin routes that check parameters and call storyweave.services."""

from __future__ import annotations

import dataclasses
import hmac
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import UploadFile

from storyweave.config import IngestOptions
from storyweave.errors import InputError
from storyweave.services import browse, entity_view, quote_rows
from storyweave.stages.compare import fact_records
from storyweave.storage import SQLiteStore, pages
from storyweave.storage.base import ArticleFilter
from storyweave.storage.pages import count_events
from storyweave.web import schemas
from storyweave.web.analysis import AnalysisCache, StoryAnalysis
from storyweave.web.semantic import MAX_RESULTS, semantic_search
from storyweave.web.state import WebSettings, Writer, get_store
from storyweave.web.story_view import names_view, quotes_view, summary_view, timeline_view
from storyweave.web.uploads import Upload, ingest_uploads, safe_name

_ERR = {"model": schemas.ErrorOut}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {400: _ERR, 404: _ERR, 422: _ERR}

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

#: Ids are lower-case letters and digits; a unique prefix is enough.
ID = r"^[0-9a-z]{1,40}$"
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


Store = Annotated[SQLiteStore, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=100_000)]


@router.get("/stats", response_model=schemas.StatsOut, summary="Counts of articles, outlets, languages and stories")
def stats(request: Request, store: Store) -> dict[str, Any]:
    """Grouped passes over every article (a second at 100k): kept while the store is unchanged, as pages are."""
    generation = request.app.state.generation.current(store)
    kept = getattr(request.app.state, "stats", None)
    if kept is not None and kept[0] == generation:
        return dict(kept[1])
    found = {**store.stats(), **store.count_stories()}
    request.app.state.stats = (generation, found)
    return dict(found)


@router.get("/articles", response_model=schemas.ArticlePage, summary="Articles, newest first, cursor-paginated")
def articles(
    store: Store,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    language: Annotated[str | None, Query(max_length=20)] = None,
    published_from: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    published_to: Annotated[str | None, Query(pattern=DATE, description="inclusive")] = None,
    cursor: Annotated[str | None, Query(max_length=400, description="next_cursor of the previous page")] = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    where = ArticleFilter(outlet, language, published_from, published_to)
    return browse.article_list(store, where, cursor=cursor, limit=limit)


@router.get(
    "/articles/{article_id}",
    response_model=schemas.ArticleOut,
    summary="One article: text, metadata with provenance, removed junk, analyses",
)
def article(store: Store, article_id: Annotated[str, Path(pattern=ID)]) -> dict[str, Any]:
    return browse.article_analyses(store, article_id)


@router.get(
    "/articles/{article_id}/similar",
    response_model=schemas.SimilarOut,
    summary="More like this: nearest articles by stored sentence vectors",
)
def similar(
    store: Store, article_id: Annotated[str, Path(pattern=ID)], limit: Annotated[int, Query(ge=1, le=50)] = 10
) -> dict[str, Any]:
    return browse.similar_articles(store, article_id, limit=limit)


@router.get("/events", response_model=schemas.EventsOut, summary="Events, largest first")
def events(
    store: Store,
    storyline: Annotated[str | None, Query(pattern=ID, description="only this storyline's events")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = store.list_events(storyline=storyline, limit=limit, offset=offset)
    return {"events": [browse.event_record(e) for e in rows], "total": count_events(store, storyline)}


@router.get("/storylines", response_model=schemas.StorylinesOut, summary="Storylines, largest first")
def storylines(store: Store, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows = pages.top_storylines(store, limit, offset)
    return {
        "storylines": [browse.storyline_record(s) for s, _ in rows],
        "total": store.count_stories()["storylines"],
    }


@router.get(
    "/stories/{story_id}",
    response_model=schemas.EventDetailOut | schemas.StorylineDetailOut,
    summary="One event or storyline: articles by outlet, wire groups with what each copy changed, reasons",
)
def story(
    request: Request,
    store: Store,
    story_id: Annotated[str, Path(pattern=ID)],
    page: Annotated[
        int, Query(ge=1, le=100_000, description="Page of a storyline's events (30 a page, in order).")
    ] = 1,
) -> dict[str, Any]:
    """An event whole; a storyline's figures and one page of its events, each whole (``events_pages`` says how
    many pages there are): a storyline can run to thousands of events."""
    detail = browse.story_page(store, story_id, page=page, figures=request.app.state.figures.get, whole=True)
    detail.pop("activity", None)
    detail.pop("event_ids", None)  # thousands for a long storyline: page through `events` instead
    detail["links"] = story_links(detail["id"])
    return detail


def story_links(story_id: str) -> dict[str, str]:
    base = f"/api/stories/{story_id}"
    return {
        "summary": base + "/summary",
        "coverage": base + "/coverage",
        "timeline": base + "/timeline",
        "quotes": base + "/quotes",
        "page": f"/stories/{story_id}",
    }


def _analysis(request: Request, store: SQLiteStore, story_id: str) -> StoryAnalysis:
    cache: AnalysisCache = request.app.state.analyses
    return cache.get(store, story_id)


_SLOW = " Computed on the first request for the story (seconds for a large one), then cached."


@router.get(
    "/stories/{story_id}/summary",
    response_model=schemas.SummaryOut,
    summary="A story's cited summary: sentences with every supporting article and its sentence." + _SLOW,
)
def story_summary(request: Request, store: Store, story_id: Annotated[str, Path(pattern=ID)]) -> dict[str, Any]:
    done = _analysis(request, store, story_id)
    return {"story_id": done.story_id, **summary_view(done)}


@router.get(
    "/stories/{story_id}/timeline",
    response_model=schemas.TimelineOut,
    summary="A story's timeline: dated statements merged across articles, in date order." + _SLOW,
)
def story_timeline(request: Request, store: Store, story_id: Annotated[str, Path(pattern=ID)]) -> dict[str, Any]:
    done = _analysis(request, store, story_id)
    return {"story_id": done.story_id, "entries": timeline_view(done)}


@router.get(
    "/stories/{story_id}/coverage",
    response_model=schemas.CoverageOut,
    summary="How each outlet covered a story: facts, outlet x fact matrix, conflicts, quote ledger, names." + _SLOW,
)
def story_coverage(request: Request, store: Store, story_id: Annotated[str, Path(pattern=ID)]) -> dict[str, Any]:
    done = _analysis(request, store, story_id)
    r = done.report
    return {
        "story_id": done.story_id,
        "kind": done.kind,
        "outlets": list(r.outlets),
        "articles": r.sources.articles,
        "independent": r.sources.independent,
        "facts": fact_records(r),
        "matrix": r.matrix(),
        "matrix_facts": [f.id for f in r.shared_facts()],
        "conflicts": [dataclasses.asdict(c) for c in r.conflicts],
        "quotes": quotes_view(done),
        "names": names_view(done),
        "framing": [dataclasses.asdict(f) for f in r.framing],
        "method": r.method,
        "seconds": done.seconds,
    }


@router.get(
    "/stories/{story_id}/quotes",
    response_model=schemas.QuotesOut,
    summary="The stored quotes of a story's articles, with speaker, outlet and ledger entry, in publication order",
)
def story_quotes(
    store: Store, story_id: Annotated[str, Path(pattern=ID)], limit: Limit = 100, offset: Offset = 0
) -> dict[str, Any]:
    return {"quotes": quote_rows(store, story=story_id, limit=limit, offset=offset), "limit": limit, "offset": offset}


@router.get("/quotes", response_model=schemas.QuotesOut, summary="Quotes, in publication order")
def quotes(
    store: Store,
    story: Annotated[str | None, Query(pattern=ID, description="only this event's or storyline's")] = None,
    speaker: Annotated[str | None, Query(pattern=ID, description="only this entity's (its id)")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = quote_rows(store, story=story, speaker=speaker, limit=limit, offset=offset)
    return {"quotes": rows, "limit": limit, "offset": offset}


@router.get("/entities", response_model=schemas.EntitiesOut, summary="Canonical entities, most mentioned first")
def entities(
    store: Store,
    type: Annotated[str | None, Query(max_length=40, description="person, organisation, place, ...")] = None,
    story: Annotated[str | None, Query(pattern=ID, description="only those named in this event or storyline")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    story_id = store.resolve_story(story)[1] if story else None
    rows = store.list_entities(type_=type, story_id=story_id, limit=limit, offset=offset)
    return {"entities": rows, "limit": limit, "offset": offset}


@router.get(
    "/entities/{entity_id}",
    response_model=schemas.EntityOut,
    summary="One entity: spellings by outlet, variants, roles, quotes by and about it, its stories",
)
def entity(store: Store, entity_id: Annotated[str, Path(pattern=ID)]) -> dict[str, Any]:
    return entity_view(store, entity_id)


@router.get("/search", response_model=schemas.SearchOut, summary="Full-text search (FTS5), best first")
def search(
    store: Store,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words, or an FTS5 query")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> dict[str, Any]:
    return browse.search(store, q, limit=limit, offset=offset)


@router.get(
    "/search/semantic",
    response_model=schemas.SemanticOut,
    summary="Semantic search: articles closest in meaning to the query (sentence vectors, any language)",
)
def search_semantic(
    request: Request,
    store: Store,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words or a sentence, in any language")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_RESULTS)] = 0,
) -> dict[str, Any]:
    return semantic_search(store, request.app.state.semantic, q, limit=limit, offset=offset)


# ---------------------------------------------------------------- ingest

_bearer = HTTPBearer(auto_error=False, description="The token the server was started with (`serve --token`).")
_INGEST_ERRORS: dict[int | str, dict[str, Any]] = {401: _ERR, 403: _ERR, 413: _ERR, 415: _ERR}


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """Ingest only on a server started writable with a token, and only with that token."""
    settings: WebSettings = request.app.state.settings
    if not settings.ingest_enabled:
        raise HTTPException(403, "this server is read-only: start it with `storyweave serve --writable --token T`")
    given = credentials.credentials if credentials is not None else ""
    assert settings.token is not None
    if not given or not hmac.compare_digest(given.encode("utf-8"), settings.token.encode("utf-8")):
        raise HTTPException(401, "missing or wrong token: send `Authorization: Bearer <token>`")


async def _limited(request: Request, limit: int) -> AsyncIterator[bytes]:
    """The request body, chunk by chunk, stopping with 413 once it passes ``limit`` bytes."""
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > limit:
            raise HTTPException(413, f"upload larger than {limit // (1024 * 1024)} MB")
        yield chunk


def _check_length(request: Request, limit: int) -> None:
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise HTTPException(413, f"upload larger than {limit // (1024 * 1024)} MB")


async def _run_ingest(request: Request, uploads: list[Upload]) -> dict[str, Any]:
    writer: Writer = request.app.state.writer

    def work() -> dict[str, Any]:
        with writer.store() as store:
            return ingest_uploads(store, uploads, IngestOptions(workers=1, show_progress=False))

    return await run_in_threadpool(work)


_MULTIPART_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                }
            }
        },
    }
}


@router.post(
    "/ingest",
    response_model=schemas.IngestOut,
    responses=_INGEST_ERRORS,
    openapi_extra=_MULTIPART_BODY,
    dependencies=[Depends(require_token)],
    summary="Ingest uploaded files (HTML, text, JSON Lines, WARC, feeds); needs the token",
)
async def ingest_files(request: Request) -> dict[str, Any]:
    settings: WebSettings = request.app.state.settings
    _check_length(request, settings.max_upload_bytes)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(415, "send the files as multipart/form-data in the field `file`")
    limited = Request(request.scope, receive=_receive_from(_limited(request, settings.max_upload_bytes)))
    async with limited.form(max_files=100, max_fields=10) as form:
        uploads = []
        for item in form.getlist("file"):
            if isinstance(item, UploadFile):
                uploads.append(Upload(safe_name(item.filename, "upload"), await item.read()))
    if not uploads:
        raise InputError("no files: send them in the multipart field `file`")
    return await _run_ingest(request, uploads)


_LINES_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/x-ndjson": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.post(
    "/ingest/jsonl",
    response_model=schemas.IngestOut,
    responses=_INGEST_ERRORS,
    openapi_extra=_LINES_BODY,
    dependencies=[Depends(require_token)],
    summary="Ingest JSON Lines sent as the request body (one article a line); needs the token",
)
async def ingest_lines(request: Request) -> dict[str, Any]:
    settings: WebSettings = request.app.state.settings
    _check_length(request, settings.max_upload_bytes)
    data = b"".join([c async for c in _limited(request, settings.max_upload_bytes)])
    return await _run_ingest(request, [Upload("upload.jsonl", data)])


def _receive_from(chunks: AsyncIterator[bytes]) -> Any:
    """An ASGI ``receive`` that replays ``chunks`` (so the form parser reads through the size limit)."""

    async def receive() -> dict[str, Any]:
        try:
            body = await chunks.__anext__()
        except StopAsyncIteration:
            return {"type": "http.request", "body": b"", "more_body": False}
        return {"type": "http.request", "body": body, "more_body": True}

    return receive
