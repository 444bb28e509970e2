"""`storyweave serve`: the web UI and the REST API over one store (uvicorn)."""

from __future__ import annotations

import click

from .common import db_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 exposes it).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    envvar="STORYWEAVE_TOKEN",
    help="Accept ingests over HTTP (POST /api/ingest) carrying `Authorization: Bearer TOKEN`; needs --writable "
    "(env STORYWEAVE_TOKEN).",
)
@click.option("--writable", is_flag=True, help="Open the database for writing (only the token's ingests write).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes (read-only only: the store keeps one writer). One per core serves pages in parallel.",
)
def serve_cmd(db: str, host: str, port: int, token: str | None, writable: bool, workers: int) -> None:
    """Serve the web UI at / and the REST API at /api (OpenAPI schema at /openapi.json).

    Read-only by default. Everything shown comes from scraped pages and is treated as hostile:
    escaped, never rendered as HTML, behind a Content-Security-Policy that forbids inline script.
    """
    import uvicorn

    from storyweave.web import create_app

    if token and not writable:
        raise click.UsageError("--token enables ingest over HTTP, which needs --writable")
    if workers > 1 and writable:
        raise click.UsageError("--workers above 1 serves read-only (the store has one writer); drop --writable")
    app = create_app(db, token=token, readonly=not writable)  # opens the store once here: errors show now
    click.echo(f"storyweave: serving {db} at http://{host}:{port}/ ({'writable' if writable else 'read-only'})")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    import os
    from pathlib import Path

    from storyweave.web.app import SERVE_DB_ENV

    os.environ[SERVE_DB_ENV] = str(Path(db).resolve())
    uvicorn.run(
        "storyweave.web.app:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )
