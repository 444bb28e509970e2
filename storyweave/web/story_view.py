"""A story's comparison arranged for the page and the API: cited summary, timeline, coverage, quotes, names.

Presentation only: the numbers come from :class:`~storyweave.web.analysis.StoryAnalysis` (the compare and
summarize stages); here they are numbered, capped to what a page can show and linked to the articles.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storyweave.coverage.model import Fact
from storyweave.web.analysis import StoryAnalysis

#: Shared facts shown as columns of the outlet x fact matrix (the most widely carried first).
MATRIX_FACTS = 30
#: Ledger entries and entities listed on the page (the API gives them all).
QUOTE_ROWS = 60
NAME_ROWS = 60


def cite_href(article_id: str, start: int, end: int) -> str:
    """The article page with the cited characters marked and scrolled to."""
    return f"/articles/{article_id}?cite={start}-{end}#cited"


def summary_view(a: StoryAnalysis) -> dict[str, Any]:
    """Summary sentences, each with numbered citations (one number per distinct article span)."""
    titles = {x.id: x.title for x in a.report.articles}
    numbers: dict[tuple[str, int, int], int] = {}
    sources: list[dict[str, Any]] = []
    sentences = []
    for s in a.summary.sentences:
        cites = []
        for c in s.citations:
            key = (c.article_id, c.start, c.end)
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                sources.append(
                    {
                        "n": numbers[key],
                        "article_id": c.article_id,
                        "outlet": c.outlet,
                        "title": titles.get(c.article_id),
                        "text": " ".join(c.text.split()),
                        "start": c.start,
                        "end": c.end,
                        "href": cite_href(c.article_id, c.start, c.end),
                    }
                )
            cites.append(sources[numbers[key] - 1])
        sentences.append(
            {"text": s.text, "date": s.date, "outlets": list(s.outlets), "origins": s.origins, "cites": cites}
        )
    return {"sentences": sentences, "sources": sources, "method": a.summary.method}


def timeline_view(a: StoryAnalysis) -> list[dict[str, Any]]:
    """The timeline's entries in date order (background entries last), with what the page links to."""
    if a.timeline is None:
        return []
    out = []
    for e in a.timeline.entries:
        told = next((s for s in e.sources if s.article_id == e.text_article_id), None)
        out.append(
            {
                "id": e.id,
                "date": e.date,
                "granularity": e.granularity,
                "label": e.label,
                "text": e.text,
                "text_article_id": e.text_article_id,
                "article_ids": list(e.article_ids),
                "outlets": list(e.outlets),
                "background": e.background,
                "kind": e.kind,
                "confidence": e.confidence,
                "date_reason": e.date_reason,
                "href": f"/articles/{e.text_article_id}"
                if told is None
                else cite_href(told.article_id, told.start, told.end),
            }
        )
    return out


def _fact_row(f: Fact, n: int | None = None) -> dict[str, Any]:
    return {
        "n": n,
        "id": f.id,
        "text": " ".join(f.text.split()),
        "kind": f.kind,
        "outlets": list(f.outlets),
        "origins": f.origins,
        "href": cite_href(f.text_span.article_id, f.text_span.start, f.text_span.end),
    }


def coverage_view(a: StoryAnalysis) -> dict[str, Any]:
    """The outlet x fact matrix over the most widely carried shared facts, solo facts, omissions, conflicts."""
    r = a.report
    shared = sorted(r.shared_facts(), key=lambda f: (-f.origins, -len(f.outlets), f.first_published or "~", f.id))
    cols = shared[:MATRIX_FACTS]
    counts: dict[str, dict[str, int]] = {}
    for f in cols:
        for s in f.supports:
            counts.setdefault(s.outlet, {})[f.id] = counts.get(s.outlet, {}).get(f.id, 0) + 1
    outlets = sorted(r.outlets, key=lambda o: (-sum(counts.get(o, {}).values()), o.casefold()))
    facts = [_fact_row(f, k) for k, f in enumerate(cols, start=1)]
    return {
        "outlets": outlets,
        "columns": [(f["id"], f"{f['n']}. {f['text']}", f"#fact-{f['n']}") for f in facts],
        "counts": counts,
        "facts": facts,
        "shared_total": len(shared),
        "facts_total": len(r.facts),
        "solo": {o: [_fact_row(f) for f in fs[:5]] for o, fs in r.solo().items()},
        "omissions": {o: [_fact_row(f) for f in fs[:5]] for o, fs in r.omissions().items()},
        "conflicts": [
            {
                "fact_id": c.fact_id,
                "kind": c.kind,
                "unit": c.unit,
                "values": [
                    {
                        "outlet": v.outlet,
                        "text": v.text,
                        "label": v.label,
                        "href": cite_href(v.article_id, v.start, v.end),
                    }
                    for v in c.values
                ],
            }
            for c in r.conflicts
        ],
        "independent": r.sources.independent,
        "articles": r.sources.articles,
        "method": r.method,
    }


def quotes_view(a: StoryAnalysis) -> list[dict[str, Any]]:
    """The quote ledger: one row per utterance, most widely carried first, with each outlet's wording."""
    rows = sorted(a.report.quotes, key=lambda q: (-len(q.outlets), q.speaker or "~", q.ledger_id))
    return [
        {
            "ledger_id": q.ledger_id,
            "speaker": q.speaker,
            "speaker_entity_id": q.speaker_entity_id,
            "text": " ".join(q.text.split()),
            "outlets": list(q.outlets),
            "cells": [
                {"outlet": c.outlet, "article_id": c.article_id, "text": c.text, "kind": c.kind, "wording": c.wording}
                for c in q.cells
            ],
        }
        for q in rows
    ]


def names_view(a: StoryAnalysis) -> list[dict[str, Any]]:
    """Each canonical entity with the spelling every outlet used; entities spelled differently first."""
    rows = sorted(a.report.spellings, key=lambda s: (not s.varies, -len(s.spellings), s.name.casefold()))
    out = []
    for s in rows:
        by_outlet: dict[str, list[tuple[str, int]]] = {}
        for outlet, spelling, n in s.spellings:
            by_outlet.setdefault(outlet, []).append((spelling, n))
        out.append(
            {"entity_id": s.entity_id, "name": s.name, "type": s.type, "varies": s.varies, "by_outlet": by_outlet}
        )
    return out


def analysis_view(a: StoryAnalysis) -> dict[str, Any]:
    """Everything the comparison sections of the story page render."""
    return {
        "summary": summary_view(a),
        "timeline": timeline_view(a),
        "coverage": coverage_view(a),
        "quotes": quotes_view(a),
        "names": names_view(a),
        "seconds": a.seconds,
    }


def capped(view: Mapping[str, Any]) -> dict[str, Any]:
    """``view`` with the page's caps on the quote and name tables (the API returns them whole)."""
    return {**view, "quotes": view["quotes"][:QUOTE_ROWS], "names": view["names"][:NAME_ROWS]}
