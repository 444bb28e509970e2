"""Command-line interface: each command parses its input and calls a library function."""

from __future__ import annotations

import logging

import click

from storyweave import __version__
from storyweave.cli.analyses import dates_cmd, entities_cmd, entity_cmd, quotes_cmd, timeline_cmd
from storyweave.cli.articles import articles_cmd, show_cmd
from storyweave.cli.compare import compare_cmd, report_cmd, summary_cmd
from storyweave.cli.export import export_cmd
from storyweave.cli.extract import extract_cmd
from storyweave.cli.ingest import ingest_cmd
from storyweave.cli.serve import serve_cmd
from storyweave.cli.stats import stats_cmd
from storyweave.cli.stories import pairs_cmd, recluster_cmd, stories_cmd, story_cmd
from storyweave.errors import StoryweaveError


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except StoryweaveError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyweave")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """storyweave: news from many outlets in, what happened and who said what out."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


cli.add_command(ingest_cmd)
cli.add_command(articles_cmd)
cli.add_command(show_cmd)
cli.add_command(extract_cmd)
cli.add_command(export_cmd)
cli.add_command(stats_cmd)
cli.add_command(stories_cmd)
cli.add_command(story_cmd)
cli.add_command(pairs_cmd)
cli.add_command(recluster_cmd)
cli.add_command(entities_cmd)
cli.add_command(entity_cmd)
cli.add_command(quotes_cmd)
cli.add_command(dates_cmd)
cli.add_command(timeline_cmd)
cli.add_command(compare_cmd)
cli.add_command(summary_cmd)
cli.add_command(report_cmd)
cli.add_command(serve_cmd)


def main() -> None:
    cli()
