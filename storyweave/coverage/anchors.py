"""Anchors: a figure or a day written in clauses of different articles, aligned on its own, and the figures of one
fact that disagree between outlets (see :mod:`storyweave.coverage.facts`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyweave.coverage.figures import Figure, compatible, same_quantity
from storyweave.coverage.model import Fact, FigureRef, NumberConflict
from storyweave.coverage.units import Unit

__all__ = ["Anchor", "anchor_relation", "anchor_window", "find_anchors", "number_conflicts", "same_anchor"]


@dataclass(frozen=True)
class Anchor:
    unit: int
    kind: str  # money, percent, count, date
    figure: Figure | None
    day: str | None
    start: int
    end: int


def find_anchors(units: Sequence[Unit]) -> list[Anchor]:
    out = []
    for i, u in enumerate(units):
        for f in u.figures:
            out.append(Anchor(i, f.kind, f, None, f.start, f.end))
        for d in u.dates:
            if d.granularity == "day":
                out.append(Anchor(i, "date", None, d.value, d.start, d.end))
    return out


def anchor_window(text: str, unit: Unit, start: int, end: int, words: int) -> str:
    """The words around an anchor inside its clause, the anchor itself left out (its value is compared apart)."""
    before = [w for w in text[unit.start : start].split() if any(c.isalnum() for c in w)][-words:]
    after = [w for w in text[end : unit.end].split() if any(c.isalnum() for c in w)][:words]
    return " ".join([*before, *after])


def anchor_relation(a: Anchor, b: Anchor, ua: Unit, ub: Unit) -> str | None:
    """``agree``, ``clash`` (same quantity, different value) or None (nothing to compare)."""
    if a.kind != b.kind:
        return None
    if a.kind == "date":
        return "agree" if a.day == b.day else None
    assert a.figure is not None and b.figure is not None
    if not same_quantity(a.figure, b.figure, same_language=(ua.language or "") == (ub.language or "")):
        return None
    return "agree" if compatible(a.figure, b.figure) else "clash"


def same_anchor(a: Anchor, b: Anchor, units: Sequence[Unit]) -> bool:
    return anchor_relation(a, b, units[a.unit], units[b.unit]) == "agree"


def number_conflicts(fact: Fact, units: Sequence[Unit]) -> list[NumberConflict]:
    """Figures of one quantity that disagree between outlets: each of the two gives exactly one figure of that
    quantity (money in one currency, a percentage, a count of one noun) and the two cannot be the same number as
    written. Several figures of one quantity on a side cannot be paired, so they are not compared."""
    out: list[NumberConflict] = []
    by_outlet: dict[str, list[tuple[Unit, Figure]]] = {}
    for u in units:
        for f in u.figures:
            by_outlet.setdefault(u.outlet, []).append((u, f))
    outlets = sorted(by_outlet)
    seen: set[tuple[str, str | None, float, float]] = set()
    for x in range(len(outlets)):
        for y in range(x + 1, len(outlets)):
            for ua, a in by_outlet[outlets[x]]:
                lang = ua.language or ""
                if a.kind == "count" and any((ub.language or "") != lang for ub, _ in by_outlet[outlets[y]]):
                    continue  # a count in another language counts a noun we cannot compare
                mine = [f for _, f in by_outlet[outlets[x]] if same_quantity(a, f)]
                theirs = [
                    (ub, b)
                    for ub, b in by_outlet[outlets[y]]
                    if same_quantity(a, b, same_language=lang == (ub.language or ""))
                ]
                if len({(f.kind, f.value) for f in mine}) != 1 or len({(b.kind, b.value) for _, b in theirs}) != 1:
                    continue
                ub, b = theirs[0]
                if compatible(a, b):
                    continue
                lo, hi = sorted((a.value, b.value))
                key = (a.kind, a.unit, lo, hi)
                if key in seen:
                    continue
                seen.add(key)
                refs = tuple(
                    FigureRef(
                        u.article_id, u.outlet, f.kind, f.value, f.unit, f.text, f.label(), f.start, f.end, f.approx
                    )
                    for u, f in ((ua, a), (ub, b))
                )
                out.append(
                    NumberConflict(
                        fact.id,
                        a.kind,
                        a.unit,
                        refs,
                        f"{ua.outlet} writes {a.text!r}, {ub.outlet} {b.text!r} for this fact",
                    )
                )
    return out
