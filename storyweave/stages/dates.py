"""Dates stage: every temporal expression of an article, normalised against its publication day.

``find_dates`` (the pure function underneath) works on text alone; the stage reads an
:class:`~storyweave.models.Article`'s text, ``published`` (full ISO, partial ``2020-11`` / ``--11-10``, or
None) and language, and optionally the spaCy Doc the pipeline already parsed (sentences, tense tags; never
re-parsed here) and the entities stage's spans (statement actors).

When the article states no full date, the stage infers what the text allows (:func:`infer_published`) and,
when that names a day, resolves the relative expressions against it - every such mention says in its
``resolution`` that its anchor was inferred, and ``anchor_source`` says so for the article. Cross-article
inference (:func:`infer_published_from_related`) needs the related articles, so the pipeline calls it after
event clustering and re-runs :meth:`DatesStage.reanchor` with the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from storyweave.models import Article
from storyweave.temporal.anchor import Anchor, parse_anchor
from storyweave.temporal.context import sentence_spans
from storyweave.temporal.infer import InferredDate, infer_published, infer_published_from_related
from storyweave.temporal.mentions import DateMention, find_dates
from storyweave.temporal.statements import DatedStatement, EntitySpan, dated_statements, mod_bounds

__all__ = [
    "ArticleDates",
    "DateMention",
    "DatedStatement",
    "DatesStage",
    "InferredDate",
    "dated_statements",
    "find_dates",
    "infer_published",
    "infer_published_from_related",
]


@dataclass(frozen=True)
class ArticleDates:
    """What the dates stage assigns to one article.

    ``anchor`` is the reference date used (TIMEX3), ``anchor_source`` ``stated``, ``inferred`` or ``none``;
    ``inferred`` is the inferred publication date (with its evidence) when the article states no full one.
    """

    article_id: str
    anchor: str | None
    anchor_source: str
    inferred: InferredDate | None
    mentions: tuple[DateMention, ...]
    statements: tuple[DatedStatement, ...]


class DatesStage:
    """``name="dates"``; reads ``text``, ``published``, ``language``; assigns ``dates`` (:class:`ArticleDates`)."""

    name = "dates"
    requires = ("text", "published", "language")
    assigns = ("dates",)

    def __call__(self, article: Article, doc: Any = None, entities: Sequence[EntitySpan] | None = None) -> ArticleDates:
        language = article.value("language")
        stated = parse_anchor(article.published)
        sentences = sentence_spans(article.text, doc)
        mentions = find_dates(article.text, anchor=stated, language=language, sentences=sentences, doc=doc)
        inferred: InferredDate | None = None
        anchor, source = stated, "stated" if stated is not None else "none"
        if stated is None or stated.as_date() is None:
            inferred = infer_published(mentions, published=article.published, text=article.text)
            day = None if inferred is None else inferred.anchor()
            if day is not None:
                anchor, source = day, "inferred"
                found = find_dates(article.text, anchor=day, language=language, sentences=sentences, doc=doc)
                mentions = _mark_inferred(found)
        return self._result(article, anchor, source, inferred, mentions, sentences, entities)

    def pipe(
        self,
        articles: Iterable[Article],
        docs: Iterable[Any] | None = None,
        entities: Iterable[Sequence[EntitySpan] | None] | None = None,
    ) -> Iterator[ArticleDates]:
        """The stage over a batch; ``docs``/``entities``, when given, run parallel to ``articles``."""
        doc_iter = iter(docs) if docs is not None else None
        ent_iter = iter(entities) if entities is not None else None
        for article in articles:
            doc = next(doc_iter) if doc_iter is not None else None
            ents = next(ent_iter) if ent_iter is not None else None
            yield self(article, doc, ents)

    def reanchor(
        self,
        article: Article,
        inferred: InferredDate,
        doc: Any = None,
        entities: Sequence[EntitySpan] | None = None,
    ) -> ArticleDates:
        """The article's dates again, anchored on an inferred publication date (e.g. from related articles).

        A month or coarser inference ("late August 2020") cannot place "today" on a day, but it gives the year
        (and month) that yearless dates and "last year" need; relative days stay unresolved.
        """
        anchor = _anchor_from(inferred)
        mentions = _mark_inferred(
            find_dates(article.text, anchor=anchor, language=article.value("language"), doc=doc), inferred
        )
        return self._result(
            article, anchor, "inferred", inferred, mentions, sentence_spans(article.text, doc), entities
        )

    def related_inference(
        self,
        own: ArticleDates,
        related: Sequence[ArticleDates],
        similarity: Any,
        published: str | None = None,
        text: str | None = None,
    ) -> InferredDate | None:
        """Cross-article inference for ``own`` from the dated statements of ``related`` articles' results
        (``text``: the article's own text, which makes the choice among related events sharper)."""
        pool = [s for r in related if r.anchor_source == "stated" for s in r.statements]
        found = infer_published_from_related(own.statements, pool, similarity, published=published, text=text)
        bound = own.inferred
        if found is not None or published is not None or bound is None or not _YEARLESS.match(bound.value):
            return found
        # no related event dates the article, but it names a yearless day it cannot predate: find that day's year
        year = infer_published_from_related(own.statements, pool, similarity, published="--" + bound.value[5:])
        if year is None:
            return None
        return replace(
            year,
            mod="ON_OR_AFTER",
            confidence=round(year.confidence * 0.6, 3),
            evidence=f"{bound.evidence}; {year.evidence}",
        )

    def _result(
        self,
        article: Article,
        anchor: Anchor | None,
        source: str,
        inferred: InferredDate | None,
        mentions: list[DateMention],
        sentences: list[tuple[int, int]],
        entities: Sequence[EntitySpan] | None,
    ) -> ArticleDates:
        earliest = None
        if inferred is not None and (anchor is None or anchor.as_date() is None):
            bounds = mod_bounds(inferred.value, inferred.mod)  # "late August 2020": not before 21 August
            earliest = bounds[0] if bounds is not None else None
        statements = dated_statements(
            article.text,
            mentions,
            anchor=anchor,
            sentences=sentences,
            entities=entities,
            article_id=article.id,
            earliest=earliest,
        )
        return ArticleDates(
            article_id=article.id,
            anchor=None if anchor is None else anchor.value,
            anchor_source=source,
            inferred=inferred,
            mentions=tuple(mentions),
            statements=tuple(statements),
        )


_YEARLESS = re.compile(r"^XXXX-\d\d-\d\d$")


def _anchor_from(inferred: InferredDate) -> Anchor | None:
    day = inferred.anchor()
    if day is not None:
        return day
    bounds = inferred.value[:7] if inferred.granularity in ("month", "day") else inferred.value[:4]
    return parse_anchor(bounds, source="inferred")


def _mark_inferred(mentions: list[DateMention], inferred: InferredDate | None = None) -> list[DateMention]:
    """Say in every anchor-dependent mention that its anchor was inferred (absolute dates are unaffected)."""
    note = " [anchor inferred" + (f": {inferred.evidence[:80]}" if inferred else "") + "]"
    return [
        replace(m, resolution=m.resolution + note, confidence=round(m.confidence * 0.8, 3))
        if m.relative is not None or "no year given" in m.resolution
        else m
        for m in mentions
    ]
