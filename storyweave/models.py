"""Frozen domain records that flow through the pipeline.

Data moves one way: an input file yields :class:`Document` records (raw input,
one per article-to-be), extraction turns each into an :class:`Article`.
Every metadata value on an article is a :class:`Field`, which says where the
value came from and how sure we are of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

#: What a document's ``content`` holds.
#: ``html`` – a whole web page; ``fragment`` – the article's own HTML (a feed
#: entry's content), no page around it; ``text`` – scraped page text that may
#: still carry page junk; ``clean-text`` – article text given as already clean.
ContentKind = Literal["html", "fragment", "text", "clean-text"]

#: Metadata fields every article carries (each as a :class:`Field`).
META_FIELDS: tuple[str, ...] = (
    "url",
    "outlet",
    "title",
    "byline",
    "agencies",
    "published",
    "language",
)


@dataclass(frozen=True)
class Field:
    """One metadata value with its provenance.

    ``source`` names where the value came from (``json-ld``, ``meta``,
    ``input``, ``warc-header``, ``text-dateline``, ``url``, ...);
    ``confidence`` is a rough 0..1 figure; ``evidence`` is the snippet that
    the value was read from, when there is one.
    """

    value: Any
    source: str
    confidence: float = 1.0
    evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "source": self.source, "confidence": self.confidence}
        if self.evidence is not None:
            out["evidence"] = self.evidence
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Field:
        return cls(
            value=data.get("value"),
            source=str(data.get("source", "unknown")),
            confidence=float(data.get("confidence", 1.0)),
            evidence=data.get("evidence"),
        )


@dataclass(frozen=True)
class Document:
    """One raw input record, before extraction.

    ``id`` is derived from the raw bytes of the record (see
    :func:`storyweave.ids.document_id`), so the same input always gets the
    same id wherever it is read from.
    """

    id: str
    source: str
    external_id: str
    input_format: str
    kind: ContentKind
    content: str
    raw: bytes
    #: Where in a multi-record file the record sits ("line 3", "entry 2", "record 5").
    locator: str | None = None
    hints: dict[str, Field] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RemovedBlock:
    """A line or block that cleaning dropped, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Article:
    """A clean article with attributed metadata."""

    id: str
    document_id: str
    external_id: str
    source: str
    input_format: str
    text: str
    meta: dict[str, Field]
    locator: str | None = None
    removed: tuple[RemovedBlock, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def value(self, name: str) -> Any:
        f = self.meta.get(name)
        return None if f is None else f.value

    @property
    def title(self) -> str | None:
        v = self.value("title")
        return None if v is None else str(v)

    @property
    def published(self) -> str | None:
        v = self.value("published")
        return None if v is None else str(v)

    @property
    def agencies(self) -> list[str]:
        v = self.value("agencies")
        return list(v) if v else []

    def to_export(self) -> dict[str, Any]:
        """The stable export shape (documented in docs/export.md)."""
        pub = self.meta.get("published")
        return {
            "id": self.id,
            "external_id": self.external_id,
            "source": self.source,
            "source_record": self.locator,
            "url": self.value("url"),
            "outlet": self.value("outlet"),
            "title": self.title,
            "byline": self.value("byline"),
            "agencies": self.agencies,
            "published": self.published,
            "published_source": None if pub is None or pub.value is None else pub.source,
            "language": self.value("language"),
            "text": self.text,
            "input_format": self.input_format,
            "provenance": {k: v.to_dict() for k, v in sorted(self.meta.items()) if k != "agencies" or v.value},
            "extra": self.extra,
        }


@dataclass(frozen=True)
class InputProblem:
    """An input (file or record) that could not become an article, and why."""

    source: str
    status: Literal["skipped", "failed"]
    message: str
    locator: str | None = None

    def describe(self) -> str:
        where = f"{self.source} ({self.locator})" if self.locator else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class EventSummary:
    """An event as listed: its representative headline, size, outlets and dated span."""

    id: str
    title: str | None
    size: int
    outlets: tuple[str, ...]
    first: str | None
    last: str | None
    storyline_id: str | None


@dataclass(frozen=True)
class StorylineSummary:
    """A storyline as listed: its events and articles, outlets and dated span."""

    id: str
    title: str | None
    events: int
    size: int
    outlets: tuple[str, ...]
    first: str | None
    last: str | None
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Membership:
    """Why an article is in its event (and its wire group, if it is a copy)."""

    article_id: str
    event_id: str
    reason: dict[str, Any]
    wire_group: str | None = None
    wire_reason: dict[str, Any] | None = None
