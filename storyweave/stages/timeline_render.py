"""A storyline timeline as text (terminal), Markdown (a newsroom note) or JSON (the export shape).

Text and Markdown read as an editor's chronology: background first under its own heading, then the storyline
day by day, each line a date, the description (a source's own clause), and its sources; how sure the date is
follows in brackets when it is less than a stated day agreed on. JSON is :meth:`Timeline.to_dict`.

    render(timeline, "md", titles={"a1...": "Headline"})
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from storyweave.errors import ConfigError
from storyweave.stages.timeline import Timeline, TimelineEntry

__all__ = ["FORMATS", "render", "render_json", "render_markdown", "render_text"]

FORMATS = ("text", "md", "json")
_WRAP = 110


def render(timeline: Timeline, fmt: str = "text", *, titles: Mapping[str, str] | None = None) -> str:
    """The timeline in ``fmt`` (``text``, ``md`` or ``json``); ``titles`` (article id -> headline) names sources."""
    if fmt == "text":
        return render_text(timeline)
    if fmt == "md":
        return render_markdown(timeline, titles=titles)
    if fmt == "json":
        return render_json(timeline)
    raise ConfigError(f"unknown timeline format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_json(timeline: Timeline) -> str:
    return json.dumps(timeline.to_dict(), ensure_ascii=False, indent=2)


def render_text(timeline: Timeline) -> str:
    lines = [_heading(timeline), ""]
    width = max((len(e.label) for e in timeline.entries), default=10)
    for title, entries in _sections(timeline):
        if title:
            lines += [title, "-" * len(title)]
        for e in entries:
            text = _wrap(e.text, _WRAP - width - 2)
            lines.append(f"{e.label:<{width}}  {text[0]}")
            lines += [f"{'':<{width}}  {t}" for t in text[1:]]
            lines.append(f"{'':<{width}}  - {_cited(e)}{_sureness(e)}")
        lines.append("")
    if timeline.unplaced:
        lines.append(f"({len(timeline.unplaced)} dated statement(s) left out: see the JSON output for why)")
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(timeline: Timeline, *, titles: Mapping[str, str] | None = None) -> str:
    lines = [f"## {_heading(timeline)}", ""]
    for title, entries in _sections(timeline):
        if title:
            lines += [f"### {title}", ""]
        for e in entries:
            lines.append(f"- **{e.label}** — {_md(e.text)}  ")
            lines.append(f"  _{_md(_cited(e, titles))}{_md(_sureness(e))}_")
        lines.append("")
    if timeline.unplaced:
        lines.append(f"<sub>{len(timeline.unplaced)} dated statement(s) left out (the JSON output says why).</sub>")
    return "\n".join(lines).rstrip() + "\n"


def _heading(timeline: Timeline) -> str:
    outlets = {o for e in timeline.entries for o in e.outlets}
    return (
        f"Timeline {timeline.storyline_id}: {len(timeline.entries)} entries from {timeline.article_count} "
        f"article(s), {len(outlets)} outlet(s)"
    )


def _sections(timeline: Timeline) -> list[tuple[str, list[TimelineEntry]]]:
    background = [e for e in timeline.entries if e.background]
    main = [e for e in timeline.entries if not e.background]
    planned = [e for e in main if e.kind == "planned"]
    reported = [e for e in main if e.kind != "planned"]
    out: list[tuple[str, list[TimelineEntry]]] = []
    if background:
        out.append(("Background", background))
    out.append(("Chronology" if background or planned else "", reported))
    if planned:
        out.append(("Announced for later", planned))
    return [(t, es) for t, es in out if es]


def _cited(e: TimelineEntry, titles: Mapping[str, str] | None = None) -> str:
    names = []
    for s in e.sources:
        name = s.outlet or (titles or {}).get(s.article_id) or f"article {s.article_id}"
        if name not in names:
            names.append(name)
    ids = ", ".join(e.article_ids)
    return f"{'; '.join(names)} [{ids}]"


def _sureness(e: TimelineEntry) -> str:
    notes = []
    if e.basis == "inferred":
        notes.append("date inferred")
    elif e.basis == "publication":
        notes.append("dated by publication")
    elif e.basis == "relative":
        notes.append("counted from publication")
    if len(e.article_ids) > 1 and e.agreement < 1:
        notes.append(f"{round(e.agreement * len(e.article_ids))} of {len(e.article_ids)} sources give this date")
    if e.confidence < 0.6:
        notes.append(f"confidence {e.confidence:.2f}")
    return f" ({'; '.join(notes)})" if notes else ""


def _wrap(text: str, width: int) -> list[str]:
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    return [*lines, cur] if cur else lines or [""]


def _md(text: str) -> str:
    out = text
    for ch in ("\\", "*", "_", "`", "[", "]", "<", ">"):
        out = out.replace(ch, "\\" + ch)
    return out
