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
def serve_cmd(db: str, host: str, port: int, token: str | None, writable: bool) -> None:
    """Serve the web UI at / and the REST API at /api (OpenAPI schema at /openapi.json).

    Read-only by default. Everything shown comes from scraped pages and is treated as hostile:
    escaped, never rendered as HTML, behind a Content-Security-Policy that forbids inline script.
    """
    import uvicorn

    from storyweave.web import create_app

    if token and not writable:
        raise click.UsageError("--token enables ingest over HTTP, which needs --writable")
    app = create_app(db, token=token, readonly=not writable)
    click.echo(f"storyweave: serving {db} at http://{host}:{port}/ ({'writable' if writable else 'read-only'})")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
