"""`storyweave stats`: what the store holds, at a glance."""

from __future__ import annotations

import json

import click
from rich.table import Table

from .common import console, db_option, open_readonly


@click.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats_cmd(db: str, as_json: bool) -> None:
    """Summarise the store: articles by outlet, language and input format; dated share; input problems."""
    with open_readonly(db) as store:
        stats = store.stats()
        problems = store.problems()
    if as_json:
        stats["problem_list"] = [
            {"source": p.source, "record": p.locator, "status": p.status, "message": p.message} for p in problems
        ]
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    out = console()
    total = int(stats["articles"])  # type: ignore[call-overload]
    dated = int(stats["dated"])  # type: ignore[call-overload]
    out.print(f"[bold]{total} articles[/bold] in {db}; {dated} with a publication date, {len(problems)} input problems")
    tables = []
    for name in ("outlets", "languages", "formats"):
        counts: dict[str, int] = stats[name]  # type: ignore[assignment]
        t = Table(box=None, pad_edge=False, show_header=True)
        t.add_column(name[:-1])
        t.add_column("n", justify="right")
        for k, v in counts.items():
            t.add_row(k, str(v))
        tables.append(t)
    grid = Table.grid(padding=(0, 4))
    for _ in tables:
        grid.add_column(vertical="top")
    grid.add_row(*tables)
    out.print(grid)
    for p in problems:
        out.print(f"[yellow]{p.status}[/yellow] {p.describe()}", highlight=False)
