"""Timeline stage: one storyline's articles -> a chronology, one entry per happening, every entry with its sources.

The entries are built from the dates stage's dated statements (:class:`~storyweave.stages.dates.ArticleDates`):
each statement is a clause with a date. Statements of several articles that report the same happening become
one entry (:mod:`storyweave.temporal.merge`: compatible dates, sentence-embedding similarity, shared actors),
and the entry

- takes the most specific date its statements give ("late August" and "27 August" -> 27 August), never a lead's
  publication day over a stated date;
- takes as its text one of its clauses, the one most like the others (central) that reads as a whole sentence of
  reasonable length with a stated date, best one that the date opens ("On August 9, the vote was held" rather
  than "protests since the August 9 vote") - extractive, so every word is a source's;
- says how sure its date is: ``granularity``, ``basis`` (``stated``: written as a date; ``relative``: counted
  from a stated publication day, "on Monday"; ``inferred``: counted from an inferred publication date;
  ``publication``: an undated lead dated by its publication day), ``agreement`` (the share of its articles that
  give the same period) and ``confidence`` (noisy-or of the articles' date confidences, a coarser or indirect
  date counting half);
- is ``background`` when every statement is background in its article and the date lies well before the
  storyline's first article (more than a month, or worded as context - "since 1994", "the 2014 annexation");
  ``kind`` is then ``background``, ``planned`` (every statement points ahead) or ``reported``.

Statements that date nothing are kept aside with the reason (:class:`Unplaced`): a date line with no clause
around it, a day without a year that no dated statement matches, the current year ("this year").

Deterministic: the articles are ordered by anchor and id, ties everywhere break on (article, offset), and the
entry ids are hashes of the storyline id, the date and the member statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from storyweave.stages.timeline_entries import (
    Item,
    back_reference,
    candidates,
    clean,
    entry_first,
    entry_last,
    main_language,
    make_entry,
    one_line_once,
    storyline_span,
)
from storyweave.stages.timeline_model import (
    EntrySource,
    Similarity,
    StorylineArticles,
    Timeline,
    TimelineArticle,
    TimelineEntry,
    TimelineOptions,
    Unplaced,
)
from storyweave.temporal.merge import PairSims, Statement, cluster

__all__ = [
    "EntrySource",
    "StorylineArticles",
    "Timeline",
    "TimelineArticle",
    "TimelineEntry",
    "TimelineOptions",
    "TimelineStage",
    "Unplaced",
    "build_timeline",
]


def build_timeline(
    storyline_id: str,
    articles: Iterable[TimelineArticle],
    *,
    options: TimelineOptions | None = None,
    similarity: Similarity | None = None,
    encoder: Any = None,
) -> Timeline:
    """The storyline's timeline (pure: same articles and options, same timeline).

    Text similarity comes from ``similarity(a, b)`` when given, else from unit vectors: the articles' own
    ``vectors``, the rest encoded in one batch by ``encoder`` (an :class:`~storyweave.backends.embeddings.
    EmbeddingBackend`; default ``get_embedder(options.embedder)``).
    """
    opts = options or TimelineOptions()
    arts = sorted(articles, key=lambda a: (a.dates.anchor or "9999", a.article_id))
    items: list[Item] = []
    unplaced: list[Unplaced] = []
    for i, art in enumerate(arts):
        got, left = candidates(i, art, opts)
        items.extend(got)
        unplaced.extend(left)
    pair_sims, method = _similarities(items, arts, opts, similarity, encoder)
    stmts = [
        Statement(
            it.key,
            it.art,
            it.period,
            it.basis == "publication",
            it.actors,
            recalled=it.role in ("recent", "background"),
            canonical=bool(it.source.entities),
            weekday=it.weekday,
        )
        for it in items
    ]
    groups, steps, sims = cluster(stmts, pair_sims, opts.merge)
    start, end = storyline_span(arts)
    language = opts.language or main_language(arts)
    built: list[tuple[list[int], TimelineEntry]] = []
    for g in groups:
        members = [items[k] for k in g]
        if all(m.period.yearless for m in members):
            why = "a day without a year that no dated report matches"
            unplaced.extend(Unplaced(m.source.article_id, m.text, m.period.value, why) for m in members)
            continue
        if back_reference(members, start):
            unplaced.extend(
                Unplaced(
                    m.source.article_id,
                    m.text,
                    m.period.value,
                    "a week or month the report looks back to within the storyline, where the days are told "
                    "(joined to no day's entry)",
                )
                for m in members
            )
            continue
        entry = make_entry(storyline_id, g, items, steps, sims, (start, end), language, opts)
        if entry is not None:
            built.append((g, entry))
    entries = one_line_once(storyline_id, built, items, steps, sims, (start, end), language, opts, unplaced)
    entries.sort(key=lambda e: (entry_first(e), entry_last(e), -len(e.article_ids), e.id))
    thr = opts.merge
    method = (
        f"{method}; merge thresholds same {thr.same}, past {thr.past}, nested {thr.nested}, yearless {thr.yearless}, "
        f"lead {thr.lead}; same article -{thr.same_article}; actors +{thr.actor_bonus}/-{thr.actor_penalty}"
    )
    return Timeline(storyline_id, tuple(entries), tuple(unplaced), len(arts), method)


class TimelineStage:
    """``name="timeline"``; reads a storyline's articles with their ``dates``; assigns ``timeline``."""

    name = "timeline"
    requires = ("dates",)
    assigns = ("timeline",)

    def __init__(self, options: TimelineOptions | None = None, encoder: Any = None) -> None:
        self.options = options or TimelineOptions()
        self.encoder = encoder

    def __call__(self, storyline: StorylineArticles) -> Timeline:
        return build_timeline(storyline.storyline_id, storyline.articles, options=self.options, encoder=self.encoder)

    def pipe(self, storylines: Iterable[StorylineArticles]) -> Iterator[Timeline]:
        for s in storylines:
            yield self(s)


def _similarities(
    items: Sequence[Item],
    arts: Sequence[TimelineArticle],
    opts: TimelineOptions,
    similarity: Similarity | None,
    encoder: Any,
) -> tuple[PairSims, str]:
    """Pair similarities for the clustering: the caller's function, or cosines of unit vectors (the articles'
    own, the rest encoded in one batch)."""
    if similarity is not None:
        texts = [it.text for it in items]

        def by_function(pairs: Sequence[tuple[int, int]]) -> np.ndarray:
            return np.array([similarity(texts[i], texts[j]) for i, j in pairs], dtype=np.float64)

        return by_function, "similarity: the caller's function"
    given: dict[str, np.ndarray] = {}
    for a in arts:
        for text, vec in (a.vectors or {}).items():
            given[clean(text)] = np.asarray(vec, dtype=np.float32)
    missing = sorted({it.text for it in items if it.text not in given})
    name = "precomputed vectors"
    if missing:
        if encoder is None:
            from storyweave.backends.embeddings import get_embedder

            encoder = get_embedder(opts.embedder)
        given.update(zip(missing, encoder.encode(missing), strict=True))
        name = str(getattr(encoder, "name", opts.embedder))
    mat = np.stack([given[it.text] for it in items]).astype(np.float32) if items else np.zeros((0, 1), np.float32)

    def by_vectors(pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        idx = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        return np.clip(np.einsum("ij,ij->i", mat[idx[:, 0]], mat[idx[:, 1]]), -1.0, 1.0).astype(np.float64)

    return by_vectors, f"similarity: {name} cosine"
