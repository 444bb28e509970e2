"""The one small interface every stage has, and the check that stages run in a workable order.

A stage reads some named parts of a record and assigns others (spaCy's ``requires``/``assigns``).
``__call__`` handles one item, ``pipe`` a batch; both are pure, so a batch can run in a worker
process or on a distributed engine's partition unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from storyweave.errors import ConfigError


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, item: Any) -> Any: ...

    def pipe(self, items: Iterable[Any]) -> Iterator[Any]: ...


def check_order(stages: Sequence[Stage], given: Iterable[str] = ()) -> None:
    """Raise ConfigError when a stage requires something no earlier stage (nor the input) assigns."""
    have = set(given)
    for stage in stages:
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise ConfigError(f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage provides")
        have.update(stage.assigns)
