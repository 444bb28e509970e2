"""`storyweave extract`: what storyweave would store for one file, without a database."""

from __future__ import annotations

import json

import click

from storyweave.config import MB, ExtractOptions, IngestOptions
from storyweave.models import Article
from storyweave.pipeline import extract_file
from storyweave.services import article_detail

from .common import console


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per article, as a list).")
@click.option("--clean", is_flag=True, help="Treat 'text' in JSON/JSONL records as page text that needs cleaning.")
@click.option(
    "--html-mode",
    type=click.Choice(["precision", "balanced", "recall"]),
    default=ExtractOptions.html_mode,
    show_default=True,
    help="trafilatura extraction mode for HTML.",
)
@click.option(
    "--html-fallback",
    is_flag=True,
    help="Also run trafilatura's fallback extractors on HTML and keep the better text (slower).",
)
@click.option("--max-size", type=click.FloatRange(min=0.001), default=20.0, show_default=True, help="MB.")
def extract_cmd(file: str, as_json: bool, clean: bool, html_mode: str, html_fallback: bool, max_size: float) -> None:
    """Extract FILE and print the article(s) with metadata and provenance; stores nothing."""
    opts = IngestOptions(
        extract=ExtractOptions(html_mode=html_mode, html_fallback=html_fallback, clean_given_text=clean),
        max_bytes=int(max_size * MB),
        workers=1,
    )
    results = extract_file(file, opts)
    articles = [r for r in results if isinstance(r, Article)]
    problems = [r for r in results if not isinstance(r, Article)]
    err = console(stderr=True)
    for p in problems:
        err.print(f"[yellow]{p.status}[/yellow] {p.describe()}", highlight=False)
    if as_json:
        click.echo(json.dumps([article_detail(a) for a in articles], ensure_ascii=False, indent=2, sort_keys=True))
    else:
        out = console()
        for a in articles:
            out.print(f"[bold]{a.title or '(no title)'}[/bold]  [dim]{a.id}[/dim]")
            for name, f in sorted(a.meta.items()):
                value = ", ".join(f.value) if isinstance(f.value, list) else str(f.value)
                out.print(f"  {name:<10} {value}  [dim]({f.source}, {f.confidence:.2f})[/dim]", highlight=False)
            out.print()
            out.print(a.text, markup=False, highlight=False)
            out.print()
    if not articles:
        raise SystemExit(1)
