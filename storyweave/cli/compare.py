"""`storyweave compare`, `summary` and `report`: how each outlet told a story."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.text import Text

from storyweave.coverage.render import render_compare
from storyweave.services.compare import get_summarizer, story_comparison, story_summary
from storyweave.stages.report import ReportOptions, build_report, write_report
from storyweave.stages.summarize import summary_record

from .common import console, db_option, open_readonly

SUMMARIZERS = ("extractive", "llm")


@click.command("compare")
@click.argument("story_id")
@db_option
@click.option("--facts", type=click.IntRange(min=1), default=12, show_default=True, help="Shared facts shown.")
@click.option("--json", "as_json", is_flag=True, help="The comparison as JSON (facts with their evidence).")
def compare_cmd(story_id: str, db: str, facts: int, as_json: bool) -> None:
    """How each outlet covered an event or storyline: outlet x fact matrix, facts only one outlet carried, what
    most carried and some left out, figures that disagree, quotes by outlet, spellings, framing, sources."""
    with open_readonly(db) as store:
        _inputs, report = story_comparison(store, story_id)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))
        return
    console().print(render_compare(report, facts=facts))


@click.command("summary")
@click.argument("story_id")
@db_option
@click.option("--sentences", type=click.IntRange(min=1), default=7, show_default=True)
@click.option(
    "--summarizer",
    type=click.Choice(SUMMARIZERS),
    default="extractive",
    show_default=True,
    help="llm: an OpenAI-compatible endpoint from STORYWEAVE_LLM_BASE_URL / _MODEL / _API_KEY (citations are checked).",
)
@click.option("--json", "as_json", is_flag=True, help="The summary record (as in the export) as JSON.")
def summary_cmd(story_id: str, db: str, sentences: int, summarizer: str, as_json: bool) -> None:
    """A summary of an event or storyline, in time order, each sentence citing every article that supports it."""
    with open_readonly(db) as store:
        inputs, _report, summary = story_summary(
            store, story_id, sentences=sentences, summarizer=get_summarizer(summarizer)
        )
    if as_json:
        click.echo(json.dumps(summary_record(summary), ensure_ascii=False, indent=2, sort_keys=True))
        return
    number = {a.id: i + 1 for i, a in enumerate(inputs.articles)}
    out = console()
    heading = Text(inputs.title or inputs.story_id, style="bold")
    out.print(heading, Text(f"{inputs.kind} {inputs.story_id}", style="dim"))
    for s in summary.sentences:
        cites = ",".join(str(number[a]) for a in s.article_ids if a in number)
        when = s.date or s.reported
        line = Text(f"- {when}  " if when else "- ")
        line.append(s.text)
        line.append(f" [{cites}] ({s.origins} independent source(s))", style="dim")
        out.print(line)
    out.print()
    for a in inputs.articles:
        out.print(Text(f"[{number[a.id]}] {a.id}  {a.outlet_name}  {a.published or '-'}  {a.title or ''}", style="dim"))


@click.command("report")
@click.argument("story_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="html", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
@click.option("--sentences", type=click.IntRange(min=1), default=ReportOptions.sentences, show_default=True)
@click.option(
    "--images",
    type=click.Choice(["inline", "files"]),
    help="Charts embedded (default for html) or written as PNG files next to a Markdown report (default for md).",
)
def report_cmd(story_id: str, db: str, fmt: str, output: str, sentences: int, images: str | None) -> None:
    """A self-contained story report: cited summary, timeline chart, coverage heat map and facts, quotes,
    spellings, framing, sources and the articles."""
    opts = ReportOptions(
        sentences=sentences,
        images=images or ("files" if fmt == "md" else "inline"),
        image_prefix=Path(output).stem,
    )
    with open_readonly(db) as store:
        inputs, report = story_comparison(store, story_id)
    written = write_report(build_report(inputs, fmt, options=opts, report=report), output)
    click.echo(f"wrote {', '.join(str(p) for p in written)}", err=True)
