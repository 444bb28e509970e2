"""`storyweave ingest`: read files, folders and globs into the store."""

from __future__ import annotations

import sys

import click
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from storyweave.config import MB, ExtractOptions, IngestOptions
from storyweave.pipeline import IngestReport, ingest
from storyweave.pipeline import Progress as PipelineProgress
from storyweave.storage import open_store

from .common import console, db_option


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--clean", is_flag=True, help="Treat 'text' in JSON/JSONL records as page text that needs cleaning.")
@click.option(
    "--max-size",
    type=click.FloatRange(min=0.001),
    default=20.0,
    show_default=True,
    help="Skip inputs larger than this many MB.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Extraction processes (0 = one per core).",
)
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
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=IngestOptions.batch_size,
    show_default=True,
    help="Articles per batch; each batch is committed to the store as one transaction.",
)
@click.option("--no-cluster", is_flag=True, help="Do not place the new articles into events now (`recluster` later).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no per-file problem lines; only the summary.")
def ingest_cmd(
    paths: tuple[str, ...],
    db: str,
    clean: bool,
    max_size: float,
    workers: int,
    html_mode: str,
    html_fallback: bool,
    batch_size: int,
    no_cluster: bool,
    quiet: bool,
) -> None:
    """Ingest PATHS (files, folders searched recursively, glob patterns) into the database.

    Reads HTML (.html/.htm, also .gz), scraped text (.txt), JSON Lines / JSON,
    WARC (.warc/.warc.gz) and RSS/Atom feeds. Inputs already stored are
    skipped, so running the same command again changes nothing.
    """
    options = IngestOptions(
        extract=ExtractOptions(html_mode=html_mode, html_fallback=html_fallback, clean_given_text=clean),
        max_bytes=int(max_size * MB),
        workers=workers,
        batch_size=batch_size,
        cluster=not no_cluster,
    )
    err = console(stderr=True)
    show_bar = not quiet and sys.stderr.isatty()
    with open_store(db) as store:
        if show_bar:
            with Progress(
                TextColumn("[bold]ingest"),
                BarColumn(),
                DownloadColumn(),
                TextColumn("{task.fields[counts]}"),
                TimeRemainingColumn(),
                console=err,
                transient=True,
            ) as bar:
                task = bar.add_task("ingest", total=None, counts="")

                def start(total: int) -> None:
                    bar.update(task, total=total)

                def advance(nbytes: int, report: IngestReport) -> None:
                    bar.update(
                        task,
                        advance=nbytes,
                        counts=f"{report.ok} new, {report.already} known, {report.skipped + report.failed} problems",
                    )

                report = ingest(paths, store, options, PipelineProgress(start=start, advance=advance))
        else:
            report = ingest(paths, store, options)
        stats = store.stats()
    if not quiet:
        for p in report.problems:
            err.print(f"[yellow]{p.status}[/yellow] {p.describe()}", markup=True, highlight=False)
    click.echo(report.summary())
    click.echo(f"{db}: {stats['articles']} articles from {len(stats['outlets'])} outlets")  # type: ignore[arg-type]
    if report.failed and not report.ok and not report.already:
        sys.exit(1)
