"""`storyweave entities`, `entity`, `quotes`, `dates` and `timeline`."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.table import Table

from storyweave.services import article_analyses, entity_view, quote_rows, story_timeline
from storyweave.stages.quotes import shown_speaker
from storyweave.stages.timeline_render import render

from .common import console, db_option, open_readonly


def _table(*cols: str) -> Table:
    t = Table(box=None, pad_edge=False)
    for c in cols:
        t.add_column(c, overflow="fold", no_wrap=False)
    return t


@click.command("entities")
@db_option
@click.option("--story", "story", help="Only entities mentioned in this event or storyline.")
@click.option("--type", "type_", type=click.Choice(["person", "org", "place", "other"]), help="Only this type.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def entities_cmd(db: str, story: str | None, type_: str | None, limit: int, offset: int, as_json: bool) -> None:
    """Canonical entities, most mentioned first: name, type, mentions, outlets, spellings."""
    with open_readonly(db) as store:
        story_id = store.resolve_story(story)[1] if story else None
        rows = store.list_entities(type_=type_, story_id=story_id, limit=limit, offset=offset)
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, sort_keys=True))
        return
    table = _table("id", "name", "type", "mentions", "outlets", "spellings")
    for r in rows:
        table.add_row(
            r["id"], r["name"], r["type"], str(r["mentions"]), str(r["outlets"]), " / ".join(r["variants"][:5])
        )
    console().print(table)


@click.command("entity")
@click.argument("name_or_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the entity as JSON.")
def entity_cmd(name_or_id: str, db: str, as_json: bool) -> None:
    """One entity (name, part of a name, or id): its spellings by outlet, quotes by and about it, its stories."""
    with open_readonly(db) as store:
        view = entity_view(store, name_or_id)
    if as_json:
        click.echo(json.dumps(view, ensure_ascii=False, indent=2, sort_keys=True))
        return
    out = console()
    out.print(f"[bold]{view['name']}[/bold]  [dim]{view['id']} · {view['type']}[/dim]")
    out.print(f"{view['mentions']} mentions in {view['articles']} articles", highlight=False)
    if view["roles"]:
        out.print("roles: " + "; ".join(view["roles"]), markup=False, highlight=False)
    spell = _table("outlet", "spelling", "times")
    for outlet, forms in sorted(view["spellings_by_outlet"].items()):
        for form, n in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0])):
            spell.add_row(outlet, form, str(n))
    out.print(spell)
    for title, quotes in (("Quotes by", view["quotes_by"]), ("Quotes about", view["quotes_about"])):
        if quotes:
            out.print(f"\n[bold]{title}[/bold] ({len(quotes)})")
            for q in quotes[:20]:
                out.print(f"  {q.get('outlet') or '-'}: “{q['text']}”", markup=False, highlight=False)
    if view["stories"]:
        out.print("\n[bold]Stories[/bold]")
        for s in view["stories"]:
            out.print(f"  {s['event_id']}  {s['articles']} articles  {s['title']}", markup=False, highlight=False)


@click.command("quotes")
@db_option
@click.option("--story", help="Only quotes in this event or storyline.")
@click.option("--speaker", help="Only quotes by this speaker (name or entity id).")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def quotes_cmd(db: str, story: str | None, speaker: str | None, limit: int, offset: int, as_json: bool) -> None:
    """Quotes: speaker, quote, outlet, date and quote-ledger entry, in publication order."""
    with open_readonly(db) as store:
        rows = quote_rows(store, story=story, speaker=speaker, limit=limit, offset=offset)
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, sort_keys=True))
        return
    table = _table("speaker", "kind", "quote", "outlet", "date", "ledger")
    for r in rows:
        table.add_row(
            shown_speaker(r["speaker"], r.get("speaker_text"), r.get("resolution")) or "?",
            r["kind"],
            r["text"],
            r["outlet"] or "-",
            (r["published"] or "-")[:10],
            r["ledger_id"] or "-",
        )
    console().print(table)


@click.command("dates")
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the article's dates as JSON.")
def dates_cmd(article_id: str, db: str, as_json: bool) -> None:
    """Each date mention of an article: text, normalised value, granularity, how it was resolved."""
    with open_readonly(db) as store:
        found = article_analyses(store, article_id)
    dates: dict[str, Any] | None = found["dates"]
    if as_json:
        click.echo(json.dumps(dates, ensure_ascii=False, indent=2, sort_keys=True))
        return
    out = console()
    if dates is None:
        out.print("no date analysis for this article (ingested with analyses off?)")
        return
    out.print(f"anchor {dates['anchor'] or '-'} ({dates['anchor_source']})", highlight=False)
    if dates["inferred"]:
        inf = dates["inferred"]
        out.print(
            f"inferred publication date {inf['value']} — {inf.get('evidence', '')}", markup=False, highlight=False
        )
    table = _table("text", "value", "type", "granularity", "how")
    for m in dates["mentions"]:
        table.add_row(m["text"], str(m["value"]), m["type"], m["granularity"], m["resolution"])
    out.print(table)


@click.command("timeline")
@click.argument("storyline_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True)
def timeline_cmd(storyline_id: str, db: str, fmt: str) -> None:
    """The timeline of a storyline (or of an event's storyline): dated happenings with their sources."""
    with open_readonly(db) as store:
        tl = story_timeline(store, storyline_id)
        titles = {a: store.get_article(a).title or a for e in tl.entries for a in e.article_ids}
    click.echo(render(tl, fmt, titles=titles))
