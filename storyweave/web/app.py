"""The app factory: one FastAPI app serving the REST API (/api) and the web UI over one store."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyweave import __version__
from storyweave.errors import ConfigError, InputError, NotFoundError, StoreError, StoryweaveError
from storyweave.storage import open_store
from storyweave.web import api, views
from storyweave.web.analysis import AnalysisCache
from storyweave.web.figures import StorylineFigures
from storyweave.web.pagecache import PageCache, StoreGeneration
from storyweave.web.render import make_env
from storyweave.web.semantic import SemanticIndex
from storyweave.web.state import StorePool, WebSettings, Writer

log = logging.getLogger(__name__)

#: Scripts and styles only from this server's own files: no inline script, no script from content.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every response (a plain ASGI wrapper: no per-request task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


_STATUS = ((NotFoundError, 404), (InputError, 400), (ConfigError, 400), (StoreError, 503))


def _status_of(exc: StoryweaveError) -> int:
    return next((code for kind, code in _STATUS if isinstance(exc, kind)), 400)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str, detail: list[dict[str, Any]] | None = None) -> Response:
    if _wants_json(request):
        body: dict[str, Any] = {"status": status, "error": message}
        if detail is not None:
            body["detail"] = detail
        return JSONResponse(body, status_code=status)
    return views.page(
        request, "error.html", status=status, title=f"Error {status}", status_code=status, message=message
    )


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(StoryweaveError)
    async def storyweave_error(request: Request, exc: StoryweaveError) -> Response:
        return _error(request, _status_of(exc), str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        response = _error(request, exc.status_code, message)
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        first = problems[0] if problems else {"where": "request", "problem": "invalid"}
        return _error(request, 422, f"bad parameter {first['where']}: {first['problem']}", problems)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return _error(request, 500, "internal error: the server log has the details")


def create_app(db_path: str | Path, *, token: str | None = None, readonly: bool = True) -> FastAPI:
    """An app over the store at ``db_path``: the API under /api, the pages at /, assets at /static.

    Read-only unless ``readonly=False``, which also needs ``token``: then ``POST /api/ingest`` and
    ``POST /api/ingest/jsonl`` accept uploads that carry ``Authorization: Bearer <token>``.
    """
    settings = WebSettings(Path(db_path), token=token, readonly=readonly)
    if not settings.readonly:
        open_store(settings.db_path).close()  # create the database (and its schema) before any read
    else:
        open_store(settings.db_path, readonly=True).close()  # fail now, with the reason, if it cannot be read
    pool = StorePool(settings.db_path, settings.pool_size)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="storyweave",
        version=__version__,
        description="Articles, wire groups, events and storylines of a storyweave store. Read-only unless the "
        "server was started with `--writable --token`.",
        docs_url=None,  # the interactive docs pages load script from a CDN: not served
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pool = pool
    app.state.writer = Writer(settings.db_path)
    app.state.templates = make_env()
    app.state.analyses = AnalysisCache()
    app.state.figures = StorylineFigures()
    app.state.semantic = SemanticIndex()
    app.state.generation = StoreGeneration()
    app.state.pages = PageCache()
    _install_errors(app)
    app.include_router(api.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=str(resources.files("storyweave.web") / "static")), name="static")
    app.add_middleware(SecurityHeaders)
    return app


#: The store a process started by ``storyweave serve --workers N`` serves (uvicorn imports the app by name).
SERVE_DB_ENV = "STORYWEAVE_SERVE_DB"


def app_from_env() -> FastAPI:
    """A read-only app over the store named by ``STORYWEAVE_SERVE_DB`` (each ``serve --workers`` process)."""
    import os

    db = os.environ.get(SERVE_DB_ENV)
    if not db:
        raise RuntimeError(f"{SERVE_DB_ENV} names no store")
    return create_app(db)
