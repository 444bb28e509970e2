"""Small charts as inline SVG, drawn on the server (no script, nothing fetched; every label escaped)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

#: Longest run of days a bar chart draws; longer spans are cut to their most recent days.
MAX_DAYS = 400
MIN_DAYS = 7
#: Width of a character of a lane label (12px sans-serif), in chart units: labels are cut to the room they have.
LANE_CHAR_WIDTH = 6.8


def _parse(day: str | None) -> date | None:
    if not day:
        return None
    try:
        return date.fromisoformat(day[:10])
    except ValueError:
        return None


def day_bars(
    counts: Mapping[str, int], *, width: int = 640, height: int = 72, label: str = "Articles per day"
) -> Markup:
    """Articles per day as bars, every day between the first and the last shown (empty days as gaps). A span of
    more days than the chart has room for (a bar per 3 units of width) is drawn a bar per week, or per several
    days: the bars stay readable and the chart small."""
    days = sorted(d for d in (_parse(k) for k in counts) if d is not None)
    if not days:
        return Markup("")
    first, last = days[0], days[-1]
    cut = (last - first).days >= MAX_DAYS
    if cut:
        first = last - timedelta(days=MAX_DAYS - 1)
    if (last - first).days < MIN_DAYS - 1:
        pad = MIN_DAYS - 1 - (last - first).days
        first, last = first - timedelta(days=pad // 2), last + timedelta(days=pad - pad // 2)
    n = (last - first).days + 1
    step = 1 if n <= width // 3 else max(7, -(-n // (width // 3)))  # days per bar
    bins = [0] * -(-n // step)
    for k, v in counts.items():
        d = _parse(k)
        if d is not None and first <= d <= last:
            bins[(d - first).days // step] += int(v)
    top = max(bins) or 1
    axis = 14
    slot = width / len(bins)
    bar = min(max(1.0, slot * 0.8), 28.0)
    per = "day" if step == 1 else ("week" if step == 7 else f"{step} days")
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" height="{height}" role="img" '
        f'aria-label="{escape(label)}: {sum(bins)} articles from {first} to {last}, a bar per {per}">'
    ]
    for i, v in enumerate(bins):
        if not v:
            continue
        h = max(2.0, (height - axis - 2) * v / top)
        x = i * slot + (slot - bar) / 2
        d = first + timedelta(days=i * step)
        when = d.isoformat() if step == 1 else f"{per} from {d.isoformat()}"
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{height - axis - h:.1f}" width="{bar:.1f}" height="{h:.1f}">'
            f"<title>{when}: {v} article{'s' if v != 1 else ''}</title></rect>"
        )
    since = f"{first.isoformat()} (the last {MAX_DAYS} days)" if cut else first.isoformat()
    parts.append(f'<text class="axis" x="0" y="{height - 2}">{since}</text>')
    if n > 1:
        parts.append(f'<text class="axis" x="{width}" y="{height - 2}" text-anchor="end">{last.isoformat()}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def event_lanes(events: Sequence[Mapping[str, Any]], *, width: int = 720, row: int = 26) -> Markup:
    """A storyline's events on one date axis: a bar per event from its first to its last article, linked."""
    dated = [(e, _parse(e.get("first")), _parse(e.get("last")) or _parse(e.get("first"))) for e in events]
    spans = [(e, a, b) for e, a, b in dated if a is not None and b is not None]
    if not spans:
        return Markup("")
    lo = min(a for _, a, _ in spans)
    hi = max(b for _, _, b in spans)
    total = max(1, (hi - lo).days + 1)
    label_w = 0.0
    plot = width - label_w
    height = row * len(spans) + 20
    parts = [
        f'<svg class="lanes" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{len(spans)} events from {lo} to {hi}">'
    ]
    for i, (e, a, b) in enumerate(spans):
        assert a is not None and b is not None
        x = label_w + plot * (a - lo).days / total
        w = max(8.0, plot * ((b - a).days + 1) / total)
        x = min(x, width - w)
        y = i * row + 4
        title = str(e.get("title") or "(no title)")
        room_right, room_left = width - (x + w) - 6, x - 6
        anchor = "start" if room_right >= room_left else "end"
        fits = max(8, int(max(room_right, room_left) / LANE_CHAR_WIDTH))  # the label stays inside the chart
        short = title if len(title) <= fits else title[: fits - 1] + "…"
        tx = x - 6 if anchor == "end" else x + w + 6
        parts.append(
            f'<a href="/stories/{escape(e["id"])}"><g class="lane">'
            f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row - 10}" rx="3"/>'
            f'<text x="{tx:.1f}" y="{y + row - 13}" text-anchor="{anchor}">{escape(short)}</text>'
            f"<title>{escape(title)}: {a.isoformat()} – {b.isoformat()}, {int(e.get('size') or 0)} articles</title>"
            "</g></a>"
        )
    parts.append(f'<text class="axis" x="0" y="{height - 2}">{lo.isoformat()}</text>')
    parts.append(f'<text class="axis" x="{width}" y="{height - 2}" text-anchor="end">{hi.isoformat()}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def count_matrix(
    rows: Sequence[str],
    columns: Sequence[tuple[str, str, str | None]],
    counts: Mapping[str, Mapping[str, int]],
    *,
    label: str,
    corner: str = "Outlet",
    first: int = 1,
) -> Markup:
    """A table of counts, rows x columns: ``columns`` are (key, heading, link or None), numbered from
    ``first``; a cell is shaded by its count. Built here rather than in a template loop because a storyline's
    outlets x events grid has thousands of cells, and every heading and label is escaped on the way in."""
    top = max((n for r in counts.values() for n in r.values()), default=0) or 1
    head = "".join(
        f'<th scope="col"><a href="{escape(link)}" title="{escape(title)}">{k}</a></th>'
        if link
        else f'<th scope="col" title="{escape(title)}">{k}</th>'
        for k, (_, title, link) in enumerate(columns, start=first)
    )
    body = []
    for r in rows:
        have = counts.get(r, {})
        cells = []
        for key, _, _ in columns:
            n = int(have.get(key, 0))
            if n:
                level = 1 + min(3, int(3 * n / top))
                cells.append(f'<td class="on l{level}">{n}</td>')
            else:
                cells.append('<td class="off">·</td>')
        body.append(f'<tr><th scope="row">{escape(r)}</th>{"".join(cells)}</tr>')
    return Markup(
        f'<div class="scroll" tabindex="0" role="region" aria-label="{escape(label)}"><table class="matrix">'
        f'<thead><tr><th scope="col">{escape(corner)}</th>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
        "</table></div>"
    )


def _day_of(value: str | None) -> date | None:
    """The first day of an ISO date, month or year (``2024``, ``2024-03``, ``2024-03-05T...``)."""
    v = (value or "")[:10]
    if len(v) == 4 and v.isdigit():
        v += "-01-01"
    elif len(v) == 7 and v[:4].isdigit() and v[5:7].isdigit():
        v += "-01"
    return _parse(v)


def timeline_svg(entries: Sequence[Mapping[str, Any]], *, width: int = 960, lane: int = 16) -> Markup:
    """A story's timeline on a date axis: a dot per dated entry at its day (larger when more outlets tell it),
    stacked in lanes where days crowd, each linked to its entry in the list below the chart."""
    dated = [(e, _day_of(e.get("date"))) for e in entries if not e.get("background")]
    points = [(e, d) for e, d in dated if d is not None]
    if not points:
        return Markup("")
    points.sort(key=lambda p: (p[1], str(p[0].get("id"))))
    lo, hi = points[0][1], points[-1][1]
    if lo == hi:
        lo, hi = lo - timedelta(days=1), hi + timedelta(days=1)
    span = (hi - lo).days
    pad = 16
    plot = width - 2 * pad
    ends: list[float] = []  # the right edge of the last dot of each lane
    placed = []
    for e, d in points:
        x = pad + plot * (d - lo).days / span
        k = next((i for i, right in enumerate(ends) if right + 10 <= x), len(ends))
        if k == len(ends):
            ends.append(x)
        ends[k] = x
        placed.append((e, d, x, k))
    lanes = len(ends)
    height = 34 + lanes * lane
    axis_y = height - 20
    parts = [
        f'<svg class="timeline" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="Timeline: {len(points)} dated entries from {points[0][1]} to {points[-1][1]}">',
        f'<line class="axis" x1="{pad}" y1="{axis_y}" x2="{width - pad}" y2="{axis_y}"/>',
    ]
    for e, _, x, k in placed:
        y = axis_y - 10 - k * lane
        r = min(7.0, 3.0 + len(e.get("outlets") or ()))
        when = str(e.get("label") or e.get("date") or "")
        what = str(e.get("text") or "")
        outlets = len(e.get("outlets") or ())
        parts.append(
            f'<a href="#t-{escape(str(e.get("id")))}"><circle class="dot" cx="{x:.1f}" cy="{y}" r="{r:.1f}">'
            f"<title>{escape(when)}: {escape(what)} ({outlets} outlet{'s' if outlets != 1 else ''})"
            "</title></circle></a>"
        )
    parts.append(f'<text class="axis" x="{pad}" y="{height - 4}">{lo.isoformat()}</text>')
    parts.append(f'<text class="axis" x="{width - pad}" y="{height - 4}" text-anchor="end">{hi.isoformat()}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
