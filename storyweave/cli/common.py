"""Options and helpers shared by commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console

from storyweave.config import DEFAULT_DB
from storyweave.storage import SQLiteStore, open_store

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db",
        default=DEFAULT_DB,
        show_default=True,
        envvar="STORYWEAVE_DB",
        type=click.Path(dir_okay=False),
        help="SQLite database file (env STORYWEAVE_DB).",
    )(func)


def open_readonly(db: str) -> SQLiteStore:
    return open_store(db, readonly=True)


def console(stderr: bool = False) -> Console:
    """A rich console; when output is not a terminal, lines are 120 wide instead of 80."""
    probe = Console(stderr=stderr)
    width = None if probe.is_terminal else 120
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)
