"""An article's clean text with what the analyses found marked in it: quotes, speakers, entities, dates.

The text is scraped, so it is cut at the marks' offsets and every piece escaped on its own; the only
markup is the ``<span>``/``<a>`` elements written here, with classes, titles (escaped) and links to this
server's entity pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from storyweave.stages.quotes import shown_speaker


@dataclass(frozen=True)
class Mark:
    """Characters ``start:end`` of the text, of one ``kind`` (``q``, ``speaker``, ``ent``, ``date``, ``cited``)."""

    start: int
    end: int
    kind: str
    title: str = ""
    href: str | None = None


def article_marks(analyses: Mapping[str, Any], cite: tuple[int, int] | None = None) -> list[Mark]:
    """The marks of one article from :func:`storyweave.services.article_analyses` (plus a cited span)."""
    out: list[Mark] = []
    for q in analyses.get("quotes") or ():
        who = shown_speaker(q.get("speaker"), q.get("speaker_text"), q.get("resolution")) or "unattributed"
        title = f"{q.get('kind', 'quote')} quote · {who}" + (f" · {q['cue']}" if q.get("cue") else "")
        for start, end in q.get("parts") or [(q["start"], q["end"])]:
            out.append(Mark(int(start), int(end), "q", title))
        if q.get("speaker_start") is not None and q.get("speaker_end") is not None:
            href = f"/entities/{q['speaker_entity_id']}" if q.get("speaker_entity_id") else None
            out.append(Mark(int(q["speaker_start"]), int(q["speaker_end"]), "speaker", f"speaker: {who}", href))
    for e in analyses.get("entities") or ():
        out.append(
            Mark(int(e["start"]), int(e["end"]), "ent", f"{e['name']} ({e['type']})", f"/entities/{e['entity_id']}")
        )
    dates = analyses.get("dates") or {}
    for m in dates.get("mentions") or ():
        out.append(Mark(int(m["start"]), int(m["end"]), "date", f"{m['text']} = {m['value']}"))
    if cite is not None:
        out.append(Mark(cite[0], cite[1], "cited", "the cited passage"))
    return out


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line of ``text``, surrounding spaces left out."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            yield pos + lead, pos + lead + len(stripped)
        pos += len(line) + 1


def _piece(text: str, active: Sequence[Mark], first_cited: bool) -> str:
    body = str(escape(text))
    link = next((m for m in active if m.href), None)
    if link is not None:
        body = f'<a class="{escape(link.kind)}" href="{escape(link.href)}" title="{escape(link.title)}">{body}</a>'
    rest = [m for m in active if m is not link]
    if rest:
        classes = " ".join(sorted({m.kind for m in rest}))
        title = " · ".join(dict.fromkeys(m.title for m in rest if m.title))
        anchor = ' id="cited"' if first_cited else ""
        body = f'<span class="{escape(classes)}"{anchor} title="{escape(title)}">{body}</span>'
    return body


def marked_paragraphs(text: str, marks: Sequence[Mark]) -> list[Markup]:
    """``text`` as paragraphs (one per non-blank line) of escaped pieces, each wrapped in its marks."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out: list[Markup] = []
    cited_done = False
    for ps, pe in _paragraphs(text):
        points = [ps, *(c for c in cuts if ps < c < pe), pe]
        inside = [m for m in valid if m.start < pe and m.end > ps]
        html = []
        for a, b in pairwise(points):
            active = [m for m in inside if m.start <= a and m.end >= b]
            first = not cited_done and any(m.kind == "cited" for m in active)
            cited_done = cited_done or first
            html.append(_piece(text[a:b], active, first) if active else str(escape(text[a:b])))
        out.append(Markup("".join(html)))
    return out
