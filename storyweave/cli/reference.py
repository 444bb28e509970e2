"""Generate the CLI reference (docs/cli.md) from the commands' own --help text.

python -m storyweave.cli.reference > docs/cli.md
"""

from __future__ import annotations

import click

from storyweave.cli import cli


def render() -> str:
    names = ["-h", "--help"]
    ctx = click.Context(cli, info_name="storyweave", terminal_width=100, max_content_width=100, help_option_names=names)
    parts = [
        "# CLI reference",
        "",
        "Generated from `--help` by `python -m storyweave.cli.reference > docs/cli.md`; a test keeps it current.",
        "",
        "```",
        cli.get_help(ctx).rstrip(),
        "```",
    ]
    for name in sorted(cli.list_commands(ctx)):
        cmd = cli.get_command(ctx, name)
        assert cmd is not None
        sub = click.Context(
            cmd, info_name=name, parent=ctx, terminal_width=100, max_content_width=100, help_option_names=names
        )
        parts += ["", f"## storyweave {name}", "", "```", cmd.get_help(sub).rstrip(), "```"]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(render(), end="")
