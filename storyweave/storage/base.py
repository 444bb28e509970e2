"""The storage interface, written in domain terms so other back-ends can follow SQLite."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from storyweave.models import Article, Document, InputProblem
from storyweave.stages.analyze import Analysis
from storyweave.stages.cluster import ClusterReport
from storyweave.stages.similarity import StoryModel
from storyweave.storage.analyses import AnalysisReport


@dataclass(frozen=True)
class ArticleFilter:
    outlet: str | None = None
    language: str | None = None
    published_from: str | None = None
    published_to: str | None = None


__all__ = ["ArticleFilter", "InputProblem", "Store"]


class Store(Protocol):
    """What the pipeline and the read side need from a store."""

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""
        ...

    def add(
        self,
        items: Sequence[tuple[Document, Article]],
        problems: Sequence[InputProblem] = (),
        analyses: Mapping[str, Analysis] | None = None,
    ) -> int:
        """Store documents with their articles (and their analyses) and record problems, atomically;
        returns how many were new."""
        ...

    def place_stories(self, model: StoryModel | None = None) -> ClusterReport:
        """Place the articles not yet in an event into wire groups, events and storylines."""
        ...

    def resolve_analyses(self) -> AnalysisReport:
        """Resolve entities, speakers and the quote ledger for the articles not yet resolved."""
        ...

    def reset_stories(self, from_order: str | None = None) -> int:
        """Undo placements from an order key on (all when None), for a rebuild; returns how many."""
        ...

    def get_article(self, article_id: str) -> Article:
        """One article by id or unique id prefix; raises NotFoundError."""
        ...

    def get_document(self, article_id: str) -> Document:
        """The raw input record an article was made from."""
        ...

    def iter_articles(self, where: ArticleFilter | None = None, *, batch: int = 500) -> Iterator[Article]:
        """Every article in insertion order, streamed."""
        ...

    def list_articles(
        self, where: ArticleFilter | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[Article]: ...

    def count_articles(self, where: ArticleFilter | None = None) -> int: ...

    def search(self, query: str, *, limit: int = 20) -> list[tuple[Article, float]]:
        """Full-text search over title and text, best first."""
        ...

    def problems(self) -> list[InputProblem]: ...

    def stats(self) -> dict[str, object]: ...

    def close(self) -> None: ...
