"""Pictures for the story report, drawn with matplotlib (Agg backend, no display): a timeline chart and the
outlet x fact coverage matrix as a heat map. Each function returns PNG bytes; the report embeds them."""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Any

from storyweave.coverage.model import CoverageReport, Fact

__all__ = ["coverage_heatmap", "timeline_chart"]

_DAY = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    # fixed metadata so the same report gives the same bytes
    fig.savefig(
        buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None}, pil_kwargs={"compress_level": 3}
    )
    _pyplot().close(fig)
    return buf.getvalue()


def _day(value: str) -> date | None:
    m = _DAY.match(value or "")
    if not m:
        return None
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 15))


def timeline_chart(timeline: Any, *, width: float = 9.0, label_chars: int = 60) -> bytes | None:
    """The timeline's dated entries (background left out) on a date axis: one row per entry, the marker sized by
    its number of sources, labelled with the start of its text. None when nothing is dated."""
    entries = [e for e in getattr(timeline, "entries", ()) if not e.background and _day(str(e.date))]
    if not entries:
        return None
    plt = _pyplot()
    height = 0.9 + 0.38 * len(entries)
    fig, ax = plt.subplots(figsize=(width, height))
    days = [_day(str(e.date)) for e in entries]
    ys = list(range(len(entries)))[::-1]
    sizes = [40 + 40 * len(e.article_ids) for e in entries]
    colours = ["#c2410c" if e.kind == "planned" else "#1d4ed8" for e in entries]
    ax.scatter(days, ys, s=sizes, c=colours, alpha=0.8, zorder=3)
    for d, y, e in zip(days, ys, entries, strict=True):
        label = textwrap.shorten(" ".join(str(e.text).split()), label_chars, placeholder="…")
        ax.annotate(f"{e.label}: {label}", (d, y), xytext=(12, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks([])
    ax.grid(axis="x", linestyle=":", alpha=0.6)
    ax.set_title("Timeline (marker size = number of sources; orange = announced for later)", fontsize=9)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    lo, hi = min(d for d in days if d), max(d for d in days if d)
    span = max((hi - lo).days, 1)
    from datetime import timedelta

    import matplotlib.dates as mdates

    # the labels run right of their markers: the last ones get a third of the span (the picture grows to fit them)
    ax.set_xlim(lo - timedelta(days=max(1, span // 20)), hi + timedelta(days=max(3, span // 3)))
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.tick_params(axis="x", labelsize=8)
    return _png(fig)


def coverage_heatmap(
    report: CoverageReport,
    facts: Sequence[Fact],
    *,
    labels: Sequence[str] | None = None,
    days: Sequence[str] | None = None,
) -> bytes | None:
    """Outlets (rows) x facts (columns, labelled F1, F2, ... or ``labels``, with ``days`` under them): which outlets
    carried each fact, the number of their articles written in the cell. None when there is nothing to draw."""
    if not facts or not report.outlets:
        return None
    plt = _pyplot()
    from matplotlib.colors import ListedColormap

    matrix = report.matrix(tuple(facts))
    cols = list(labels) if labels is not None else [f"F{k + 1}" for k in range(len(facts))]
    if days is not None:
        cols = [f"{c}\n{d}" for c, d in zip(cols, days, strict=True)]
    fig, ax = plt.subplots(figsize=(max(4.0, 0.55 * len(cols) + 2.6), max(2.0, 0.36 * len(report.outlets) + 1.3)))
    shade = [[min(n, 2) for n in row] for row in matrix]  # not carried / one article / several
    ax.imshow(shade, cmap=ListedColormap(["#f4f4f5", "#93c5fd", "#1d4ed8"]), vmin=0, vmax=2, aspect="auto")
    ax.set_xticks(range(len(cols)), cols, fontsize=7)
    ax.set_yticks(range(len(report.outlets)), [textwrap.shorten(o, 28, placeholder="…") for o in report.outlets])
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xticks([x - 0.5 for x in range(1, len(cols))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(report.outlets))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    for i, row in enumerate(matrix):
        for j, n in enumerate(row):
            if n:
                ax.text(j, i, str(n), ha="center", va="center", fontsize=7, color="white" if n > 1 else "#1e3a8a")
    ax.set_title("Who carried which fact (number = the outlet's articles carrying it; blank = left out)", fontsize=9)
    return _png(fig)
