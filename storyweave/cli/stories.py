"""`storyweave stories`, `story`, `pairs` and `recluster`."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.table import Table

from storyweave.errors import InputError
from storyweave.models import EventSummary
from storyweave.services import list_stories, recluster, score_pairs, story_detail
from storyweave.storage import open_store

from .common import console, db_option, open_readonly


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return "-"
    return first if first == last or not last else f"{first} – {last}"


@click.command("stories")
@db_option
@click.option("--level", type=click.Choice(["event", "storyline"]), default="event", show_default=True)
@click.option("--storyline", help="Only the events of this storyline.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def stories_cmd(db: str, level: str, storyline: str | None, limit: int, offset: int, as_json: bool) -> None:
    """List events (or storylines): id, title, size, outlets, first and last date. Largest first."""
    with open_readonly(db) as store:
        rows = list_stories(store, level, limit=limit, offset=offset, storyline=storyline)
    if as_json:
        for r in rows:
            click.echo(json.dumps(r.__dict__, ensure_ascii=False, sort_keys=True))
        return
    table = Table(box=None, pad_edge=False)
    cols = (
        ("id", "size", "outlets", "dates", "title")
        if level == "event"
        else ("id", "events", "size", "outlets", "dates", "title")
    )
    for col in cols:
        table.add_column(col, overflow="fold" if col == "title" else "ellipsis", no_wrap=col != "title")
    for r in rows:
        cells = [r.id]
        if not isinstance(r, EventSummary):
            cells.append(str(r.events))
        cells += [str(r.size), str(len(r.outlets)), _span(r.first, r.last), r.title or "(no title)"]
        table.add_row(*cells)
    console().print(table)


def _print_event(out: Any, ev: dict[str, Any], indent: str = "") -> None:
    head = f"{indent}[bold]{ev['title'] or '(no title)'}[/bold]  [dim]{ev['id']}[/dim]"
    out.print(head)
    out.print(
        f"{indent}{ev['size']} articles from {len(ev['outlets'])} outlets, {ev['independent_sources']} independent "
        f"sources; {_span(ev['first'], ev['last'])}; storyline {ev.get('storyline_id') or '-'}",
        highlight=False,
    )
    for a in ev["articles"]:
        why = a["reason"]
        if why.get("rule") == "wire copy":
            because = f"wire copy of {why['copy_of']} (Jaccard {why['jaccard']}, containment {why['containment']})"
        elif why.get("rule") == "model":
            sig = why.get("signals", {})
            parts = ", ".join(f"{k} {v}" for k, v in sig.items())
            because = f"p={why['p']} ({parts})"
        else:
            because = "founded the event"
        out.print(
            f"{indent}  {a['id']}  {a['outlet'] or '-':<24} {(a['published'] or '-')[:10]:<10}  {a['title'] or ''}",
            markup=False,
            highlight=False,
        )
        out.print(f"{indent}      [dim]{because}[/dim]", highlight=False)
    for w in ev["wire_groups"]:
        out.print(f"{indent}  wire group {w['id']}: original {w['original_id']}", highlight=False)
        for c in w["copies"]:
            out.print(f"{indent}    copy {c['id']} ({c['outlet'] or '-'}): {c['changes']}", highlight=False)


@click.command("story")
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON.")
def story_cmd(story_id: str, db: str, as_json: bool) -> None:
    """One event or storyline (ID or unique prefix): articles by outlet and date, wire groups, why each is in it."""
    with open_readonly(db) as store:
        detail = story_detail(store, story_id)
    if as_json:
        click.echo(json.dumps(detail, ensure_ascii=False, indent=2, sort_keys=True))
        return
    out = console()
    if detail["kind"] == "event":
        _print_event(out, detail)
        return
    out.print(f"[bold]Storyline: {detail['title'] or '(no title)'}[/bold]  [dim]{detail['id']}[/dim]")
    out.print(
        f"{len(detail['events'])} events, {detail['size']} articles, {len(detail['outlets'])} outlets; "
        f"{_span(detail['first'], detail['last'])}",
        highlight=False,
    )
    for ev in detail["events"]:
        out.print()
        _print_event(out, ev, indent="  ")


@click.command("pairs")
@click.argument("pairs_file", type=click.File("r", encoding="utf-8"))
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output file (default stdout)."
)
def pairs_cmd(pairs_file: Any, output: Any) -> None:
    """Score article pairs from JSON Lines (pair_id, id1/id2, title1/title2, text1/text2, lang1/lang2, date1/date2).

    Writes one JSON line per pair: pair_id; score (0..1, higher = more likely the same story: a graded
    score from the whole-text and lead vector cosines, shared rare names and shared figures, 1 for wire
    copies); same_story (whether clustering would put the two in one event: event_p reaches the event
    model's threshold); wire_copy; and every signal in components. A malformed line gets an error line
    and the rest go on. See docs/stories.md.
    """
    records: list[tuple[str, dict[str, Any]]] = []
    err = console(stderr=True)
    for n, line in enumerate(pairs_file, 1):
        if not line.strip():
            continue
        where = f"{pairs_file.name}:{n}"
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise InputError("not a JSON object")
        except (json.JSONDecodeError, InputError) as exc:
            err.print(f"[yellow]failed[/yellow] {where}: {exc}", highlight=False)
            continue
        records.append((where, rec))
    for result in score_pairs(records):
        output.write(json.dumps(result, ensure_ascii=False, sort_keys=True) + "\n")
        if "error" in result:
            err.print(f"[yellow]failed[/yellow] {result['error']}", highlight=False)


@click.command("recluster")
@db_option
@click.option("--from", "from_date", help="Rebuild only from this publication date (YYYY-MM-DD) on.")
def recluster_cmd(db: str, from_date: str | None) -> None:
    """Rebuild wire groups, events and storylines from scratch (or from a date), in publication order.

    Same input and same configuration give the same result, ids included.
    """
    with open_store(db) as store:
        undone, report = recluster(store, from_date)
    click.echo(
        f"{undone} placements undone; placed {report.assigned}: {report.new_events} events, "
        f"{report.new_storylines} storylines, {report.wire_copies} wire copies"
    )
    if report.assigned == 0 and undone:
        sys.exit(1)
