"""`storyweave articles` and `storyweave show`."""

from __future__ import annotations

import json

import click
from rich.table import Table

from storyweave.services import article_detail
from storyweave.storage import ArticleFilter

from .common import console, db_option, open_readonly


@click.command("articles")
@db_option
@click.option("--outlet", help="Only this outlet.")
@click.option("--language", help="Only this language (ISO 639-1 code).")
@click.option("--from", "date_from", help="Published on or after this date (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", help="Published on or before this date.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option(
    "--sort",
    type=click.Choice(["published", "ingested"]),
    default="published",
    show_default=True,
    help="Order by publication date (undated last) or by ingestion.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
def articles_cmd(
    db: str,
    outlet: str | None,
    language: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    offset: int,
    sort: str,
    as_json: bool,
) -> None:
    """List stored articles: id, outlet, published, language, title."""
    where = ArticleFilter(outlet=outlet, language=language, published_from=date_from, published_to=date_to)
    with open_readonly(db) as store:
        rows = store.list_articles(where, limit=limit, offset=offset, order=sort)
        total = store.count_articles(where)
    if as_json:
        for a in rows:
            rec = {k: v for k, v in a.to_export().items() if k not in {"text", "provenance", "extra"}}
            click.echo(json.dumps(rec, ensure_ascii=False, sort_keys=True))
        return
    table = Table(show_lines=False, box=None, pad_edge=False)
    for col in ("id", "outlet", "published", "lang", "title"):
        table.add_column(col, overflow="fold" if col == "title" else "ellipsis", no_wrap=col != "title")
    for a in rows:
        table.add_row(
            a.id, a.value("outlet") or "-", _day(a.published), a.value("language") or "-", a.title or "(no title)"
        )
    out = console()
    out.print(table)
    shown = f"{offset + 1}-{offset + len(rows)}" if rows else "0"
    out.print(f"[dim]{shown} of {total} articles[/dim]")


def _day(published: str | None) -> str:
    """The date part of a published value, for tables (full value in `show` and exports)."""
    if not published:
        return "-"
    return published[:10] if len(published) > 10 and published[10] == "T" else published


@click.command("show")
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@click.option("--removed", is_flag=True, help="Also list the junk lines cleaning removed, with reasons.")
def show_cmd(article_id: str, db: str, as_json: bool, removed: bool) -> None:
    """Show one article (ID or a unique prefix): metadata with provenance, then the clean text."""
    with open_readonly(db) as store:
        art = store.get_article(article_id)
    detail = article_detail(art)
    if as_json:
        click.echo(json.dumps(detail, ensure_ascii=False, indent=2, sort_keys=True))
        return
    out = console()
    out.print(f"[bold]{art.title or '(no title)'}[/bold]")
    table = Table(box=None, pad_edge=False, show_header=True)
    table.add_column("field")
    table.add_column("value", overflow="fold")
    table.add_column("from")
    table.add_column("sure", justify="right")
    table.add_row("id", art.id, "sha256 of input", "")
    table.add_row("source", art.source + (f" ({art.locator})" if art.locator else ""), "", "")
    for name, f in sorted(art.meta.items()):
        value = ", ".join(f.value) if isinstance(f.value, list) else str(f.value)
        table.add_row(name, value, f.source, f"{f.confidence:.2f}")
    out.print(table)
    out.print()
    out.print(art.text, markup=False, highlight=False)
    if removed and art.removed:
        out.print()
        out.print(f"[dim]removed by cleaning ({len(art.removed)} lines):[/dim]")
        for b in art.removed:
            out.print(f"[dim]  [{b.reason}] {b.text[:100]}[/dim]", markup=True, highlight=False)
