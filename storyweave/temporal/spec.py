"""The meaning of one temporal expression before any anchor is known (what the grammar hands resolution)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Spec"]


@dataclass(frozen=True)
class Spec:
    """The meaning of one expression, relative or absolute.

    ``kind`` is one of: ``abs`` (year given), ``partial`` (month/day without a year), ``weekday``,
    ``rel`` (unit relative to the anchor: "last week", "yesterday", "this summer", "the third quarter"),
    ``ago`` ("three days ago", from the anchor), ``anaphoric`` ("a year earlier", from the previous date in
    the text), ``literal`` (a value that needs no anchor: durations, reference words, sets), ``clock``.
    """

    kind: str
    type: str = "DATE"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    amount: int | None = None
    direction: int | None = None
    part: str | None = None
    time: str | None = None
    value: str | None = None
    mod: str | None = None
    rule: str = ""
