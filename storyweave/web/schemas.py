"""The REST API's response shapes (pydantic), so /openapi.json documents every field it returns."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from storyweave.storage.pages import RANK_WINDOW


class ErrorOut(BaseModel):
    """Every error: its HTTP status, a message that says what to do, and the failed checks for bad parameters."""

    status: int
    error: str
    detail: list[dict[str, Any]] | None = None


class ArticleBrief(BaseModel):
    id: str
    outlet: str | None
    published: str | None
    published_source: str | None = Field(None, description="Where the publication date was read (provenance).")
    language: str | None
    title: str | None
    url: str | None
    agencies: list[str]


class ArticlePage(BaseModel):
    articles: list[ArticleBrief]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")
    total: int = Field(description="Articles matching the filters.")


class FieldOut(BaseModel):
    value: Any
    source: str
    confidence: float
    evidence: str | None = None


class RemovedOut(BaseModel):
    text: str
    reason: str


class PlacementOut(BaseModel):
    event_id: str
    storyline_id: str | None
    wire_group: str | None
    reason: dict[str, Any] = Field(description="Why the article is in its event: rule, probability, signals.")
    wire_reason: dict[str, Any] | None


class TermOut(BaseModel):
    term: str
    weight: float


class FeaturesOut(BaseModel):
    language: str | None
    keys: list[str] = Field(description="Entity keys (transliteration-aware) the story engine compares.")
    numbers: list[str]
    years: list[int]
    terms: list[TermOut]
    shingles: int


class AnalysesOut(BaseModel):
    placement: PlacementOut | None
    features: FeaturesOut | None


class ArticleOut(BaseModel):
    id: str
    external_id: str
    source: str
    source_record: str | None
    url: str | None
    outlet: str | None
    title: str | None
    byline: str | None
    agencies: list[str]
    published: str | None
    published_source: str | None
    language: str | None
    text: str
    input_format: str
    provenance: dict[str, FieldOut]
    extra: dict[str, Any]
    removed: list[RemovedOut]
    analyses: AnalysesOut


class SimilarHit(BaseModel):
    article: ArticleBrief
    score: float = Field(description="Cosine of the stored sentence vectors.")
    via: list[str] = Field(description="How the candidate was found: story, names, words.")


class SimilarOut(BaseModel):
    article_id: str
    candidates: int = Field(description="Vectors compared (a bounded candidate set, never the whole store).")
    results: list[SimilarHit]


class EventOut(BaseModel):
    id: str
    title: str | None
    size: int
    outlets: list[str]
    first: str | None
    last: str | None
    storyline_id: str | None


class EventsOut(BaseModel):
    events: list[EventOut]
    total: int


class StorylineOut(BaseModel):
    id: str
    title: str | None
    events: int
    size: int
    outlets: list[str]
    first: str | None
    last: str | None
    event_ids: list[str]


class StorylinesOut(BaseModel):
    storylines: list[StorylineOut]
    total: int


class StoryArticle(ArticleBrief):
    reason: dict[str, Any]
    wire_group: str | None


class WireCopyOut(BaseModel):
    id: str
    outlet: str | None
    changes: str
    title: str | None
    added: list[str]
    cut: list[str]
    edited: int


class WireGroupOut(BaseModel):
    id: str
    original_id: str
    article_ids: list[str]
    copies: list[WireCopyOut]


class EventDetailOut(BaseModel):
    kind: Literal["event"]
    id: str
    title: str | None
    size: int
    first: str | None
    last: str | None
    storyline_id: str | None
    outlets: dict[str, int]
    independent_sources: int
    articles: list[StoryArticle]
    wire_groups: list[WireGroupOut]
    links: StoryLinks | None = None


class StorylineDetailOut(BaseModel):
    kind: Literal["storyline"]
    id: str
    title: str | None
    size: int
    first: str | None
    last: str | None
    outlets: list[str]
    events: list[EventDetailOut] = Field(description="One page of the storyline's events in order, each whole.")
    events_total: int = Field(description="How many events the storyline holds.")
    events_page: int = Field(description="This page of events (the `page` parameter).")
    events_pages: int
    events_first: int = Field(description="Position (from 1) of this page's first event in the storyline.")
    links: StoryLinks | None = None


class SearchHit(BaseModel):
    article: ArticleBrief
    rank: float = Field(description="bm25 (lower is better).")
    snippet: str
    highlights: list[list[int]] = Field(description="[start, end) character offsets of matches in `snippet`.")


class SearchOut(BaseModel):
    query: str
    total: int = Field(description="Articles that match.")
    ranked: int = Field(
        description=f"Matches ranked by bm25: all of them, or for a query matching more than {RANK_WINDOW:,} articles "
        f"the {RANK_WINDOW:,} most recently stored (pages stop there)."
    )
    offset: int
    limit: int
    results: list[SearchHit]


class StatsOut(BaseModel):
    articles: int
    outlets: dict[str, int]
    languages: dict[str, int]
    formats: dict[str, int]
    dated: int
    problems: int
    events: int
    storylines: int
    wire_groups: int
    unplaced: int


class ProblemOut(BaseModel):
    source: str
    locator: str | None
    status: str
    message: str


class IngestOut(BaseModel):
    files: int
    added: int
    already: int
    skipped: int
    failed: int
    problems: list[ProblemOut]
    summary: str


class StoryLinks(BaseModel):
    """Where the rest of a story is: its comparison (computed on first request, then cached) and stored quotes."""

    summary: str
    coverage: str
    timeline: str
    quotes: str
    page: str


class CitationOut(BaseModel):
    n: int = Field(description="The citation's number on the story page (one per distinct article span).")
    article_id: str
    outlet: str
    title: str | None
    text: str = Field(description="The cited article's own sentence.")
    start: int
    end: int
    href: str


class SummarySentenceOut(BaseModel):
    text: str
    date: str | None = Field(description="The day the sentence tells of, when known.")
    outlets: list[str]
    origins: int = Field(description="Independent sources behind the sentence (wire copies count once).")
    cites: list[CitationOut]


class SummaryOut(BaseModel):
    story_id: str
    sentences: list[SummarySentenceOut]
    method: str


class TimelineEntryOut(BaseModel):
    id: str
    date: str
    granularity: str
    label: str
    text: str
    text_article_id: str
    article_ids: list[str]
    outlets: list[str]
    background: bool
    kind: str
    confidence: float
    date_reason: str


class TimelineOut(BaseModel):
    story_id: str
    entries: list[TimelineEntryOut]


class CoverageOut(BaseModel):
    story_id: str
    kind: str
    outlets: list[str]
    articles: int
    independent: int = Field(description="Independent sources (a wire piece and its copies count once).")
    facts: list[dict[str, Any]] = Field(description="Every fact: text, supporting articles with spans and scores.")
    matrix: list[list[int]] = Field(description="outlets x shared facts: articles of the outlet carrying the fact.")
    matrix_facts: list[str] = Field(description="The ids of the matrix's columns (facts from two or more sources).")
    conflicts: list[dict[str, Any]]
    quotes: list[dict[str, Any]] = Field(description="The quote ledger: each utterance with every outlet's wording.")
    names: list[dict[str, Any]] = Field(description="Each entity with the spellings every outlet used.")
    framing: list[dict[str, Any]]
    method: str
    seconds: float = Field(description="Time the comparison took when it was computed.")


class QuotesOut(BaseModel):
    quotes: list[dict[str, Any]]
    limit: int
    offset: int


class EntityBrief(BaseModel):
    id: str
    name: str
    type: str
    mentions: int
    articles: int
    outlets: int
    variants: list[str]
    spellings: dict[str, dict[str, int]]
    roles: list[str]


class EntitiesOut(BaseModel):
    entities: list[EntityBrief]
    limit: int
    offset: int


class EntityOut(BaseModel):
    id: str
    name: str
    type: str
    mentions: int
    articles: int
    variants: dict[str, int]
    spellings_by_outlet: dict[str, dict[str, int]]
    roles: dict[str, int]
    merges: list[dict[str, Any]]
    quotes_by: list[dict[str, Any]]
    quotes_about: list[dict[str, Any]]
    stories: list[dict[str, Any]]


class SemanticHit(BaseModel):
    article: ArticleBrief
    score: float = Field(description="Cosine of the query's and the article's sentence vectors.")


class SemanticOut(BaseModel):
    query: str
    compared: int = Field(description="Article vectors compared (every one made by the query's encoder).")
    total: int = Field(description="Results that can be paged through (the nearest ones).")
    offset: int
    limit: int
    results: list[SemanticHit]
