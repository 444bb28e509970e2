"""`storyweave export`: every article as JSON, JSON Lines or CSV."""

from __future__ import annotations

import sys

import click

from storyweave.services import EXPORT_FORMATS, export

from .common import db_option, open_readonly


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="json", show_default=True)
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option(
    "--no-coverage",
    is_flag=True,
    help="JSON without the facts and summaries keys (they compare every event: the slow part on a big store).",
)
def export_cmd(fmt: str, db: str, output: str | None, no_coverage: bool) -> None:
    """Export the store. JSON is one object {"articles": [...], "events": [...], ...}; see docs/export.md."""
    with open_readonly(db) as store:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                n = export(store, fmt, fh, coverage=not no_coverage)
            click.echo(f"wrote {n} articles to {output}", err=True)
        else:
            export(store, fmt, sys.stdout, coverage=not no_coverage)
