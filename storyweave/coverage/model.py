"""The coverage comparison's records: plain inputs a store can fill, and the frozen report it produces.

Inputs are plain data so that the lead's store (or a test) can feed them: one :class:`StoryArticle` per article
of the event or storyline (with its wire group), the entity mentions with canonical ids (:class:`EntityRef`),
the quotes with ledger ids (:class:`QuoteRef`) and the date expressions (:class:`DateRef`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "CoverageReport",
    "DateRef",
    "Descriptor",
    "EntityRef",
    "Fact",
    "FactSupport",
    "FigureRef",
    "NumberConflict",
    "OutletFraming",
    "QuoteCell",
    "QuoteRef",
    "QuoteRow",
    "SourceGroup",
    "Sources",
    "Span",
    "SpellingRow",
    "StoryArticle",
    "StoryInputs",
]


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class StoryArticle:
    """One article of the story as the comparison reads it. ``wire_group`` is the wire-copy group it belongs to
    (None when it is no copy of anything); ``wire_original`` the id of that group's original."""

    id: str
    outlet: str | None
    published: str | None
    language: str | None
    title: str | None
    text: str
    agencies: tuple[str, ...] = ()
    wire_group: str | None = None
    wire_original: str | None = None

    @property
    def origin(self) -> str:
        """The independent origin: the wire group for copies of one piece, else the article itself."""
        return self.wire_group or self.id

    @property
    def outlet_name(self) -> str:
        """The outlet, or the article's own label when no outlet is known (two unnamed outlets stay apart)."""
        return self.outlet or f"(outlet unknown) {self.id[:8]}"


@dataclass(frozen=True)
class EntityRef:
    """One entity mention: offsets in the article text, the canonical entity, how the mention spelled the name
    (``spelling``: the name as written, titles cut) and the role words the entities stage kept around it."""

    article_id: str
    start: int
    end: int
    text: str
    entity_id: str
    type: str
    name: str
    spelling: str
    role: str | None = None


@dataclass(frozen=True)
class QuoteRef:
    """One quote with its ledger entry (``ledger_id``), speaker and where its speaker is written."""

    article_id: str
    quote_id: str
    text: str
    start: int
    end: int
    kind: str
    ledger_id: str | None = None
    speaker: str | None = None
    speaker_entity_id: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    intermediary: str | None = None
    cue: str | None = None
    cue_kind: str | None = None
    parts: tuple[tuple[int, int], ...] = ()
    wording: str | None = None  # the ledger's verdict against the first wording: verbatim, variant, translation


@dataclass(frozen=True)
class DateRef:
    """A date expression of an article (from the dates stage): its span and normalised TIMEX3 value."""

    article_id: str
    start: int
    end: int
    text: str
    value: str
    granularity: str


@dataclass(frozen=True)
class StoryInputs:
    """Everything the comparison reads about one event or storyline. ``timeline`` is the
    :class:`~storyweave.stages.timeline.Timeline` when one was built (the report shows it); ``entity_names``
    maps canonical ids to display names; ``vectors`` maps unit texts to precomputed unit-length embeddings."""

    story_id: str
    kind: str
    title: str | None
    articles: tuple[StoryArticle, ...]
    entities: tuple[EntityRef, ...] = ()
    quotes: tuple[QuoteRef, ...] = ()
    dates: tuple[DateRef, ...] = ()
    entity_names: Mapping[str, str] = field(default_factory=dict)
    timeline: Any = field(default=None, compare=False, repr=False)
    vectors: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)


# ---------------------------------------------------------------- outputs


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of an article's text (``text`` is that slice)."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FigureRef:
    """A figure inside a fact's span: kind, normalised value and unit, as written, and where."""

    article_id: str
    outlet: str
    kind: str
    value: float
    unit: str | None
    text: str
    label: str
    start: int
    end: int
    approx: bool = False


@dataclass(frozen=True)
class FactSupport:
    """One article carrying a fact: its spans and how well it matches the fact (``score``: mean pair score to the
    other articles' spans; ``reason``: the strongest link that brought it in)."""

    article_id: str
    outlet: str
    origin: str
    spans: tuple[Span, ...]
    score: float
    reason: str


@dataclass(frozen=True)
class Fact:
    """A content unit shared (or not) across articles: a claim, an action, a number.

    ``text`` is one source's own words (``text_span``); ``supports`` every article carrying it; ``origins`` the
    number of independent origins among them (wire copies count once); ``kind`` ``claim`` (aligned clauses) or
    ``figure``/``date`` (aligned around one figure or date written in different clauses); ``figures`` the
    numbers inside its spans; ``reason`` how the alignment was made; ``cohesion`` the mean pair score; ``links`` the
    pair score of every two spans of different articles, keyed ``(article_id, start, article_id, start)`` both ways
    (how alike the alignment found them: a figure's or a day's fact holds spans joined only through the anchor)."""

    id: str
    story_id: str
    kind: str
    text: str
    text_span: Span
    supports: tuple[FactSupport, ...]
    origins: int
    figures: tuple[FigureRef, ...]
    cohesion: float
    reason: str
    anchor: str | None = None
    first_published: str | None = None
    links: Mapping[tuple[str, int, str, int], float] = field(default_factory=dict, compare=False, repr=False)

    def link(self, a: Span, b: Span) -> float | None:
        """The alignment's pair score of two of the fact's spans (None for two spans of one article)."""
        return self.links.get((a.article_id, a.start, b.article_id, b.start))

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(s.article_id for s in self.supports)

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({s.outlet for s in self.supports}))

    def to_export(self, event_id: str | None = None) -> dict[str, Any]:
        """The export row of the ``facts`` key: ``id``, ``event_id``, ``text``, ``article_ids``, then evidence."""
        return {
            "id": self.id,
            "event_id": event_id or self.story_id,
            "text": self.text,
            "article_ids": list(self.article_ids),
            "kind": self.kind,
            "outlets": list(self.outlets),
            "origins": self.origins,
            "supports": [
                {
                    "article_id": s.article_id,
                    "outlet": s.outlet,
                    "spans": [[sp.start, sp.end] for sp in s.spans],
                    "score": s.score,
                    "reason": s.reason,
                }
                for s in self.supports
            ],
            "figures": [asdict(f) for f in self.figures],
            "reason": self.reason,
        }


@dataclass(frozen=True)
class NumberConflict:
    """Outlets giving different figures for one fact: each value with the outlet, article and words."""

    fact_id: str
    kind: str
    unit: str | None
    values: tuple[FigureRef, ...]
    reason: str


@dataclass(frozen=True)
class QuoteCell:
    """How one outlet carried a ledger entry: its wording, kind and the ledger's verdict on the wording."""

    outlet: str
    article_id: str
    quote_id: str
    text: str
    kind: str
    wording: str | None


@dataclass(frozen=True)
class QuoteRow:
    """One utterance (a ledger entry) and the outlets that carried it."""

    ledger_id: str
    speaker: str | None
    speaker_entity_id: str | None
    text: str
    cells: tuple[QuoteCell, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({c.outlet for c in self.cells}))


@dataclass(frozen=True)
class SpellingRow:
    """One canonical entity: which spelling each outlet used (outlet, spelling, count)."""

    entity_id: str
    name: str
    type: str
    spellings: tuple[tuple[str, str, int], ...]

    @property
    def varies(self) -> bool:
        return len({s for _, s, _ in self.spellings}) > 1


@dataclass(frozen=True)
class Descriptor:
    """Words an outlet attached to a key actor: ``kind`` ``premodifier`` ("embattled ... leader X"), ``role``
    (the entities stage's role phrase), ``appositive`` ("X, the head of ..."), ``epithet`` (a description
    standing for the actor, "the 66-year-old strongman"), with the rule that tied it to the actor."""

    entity_id: str
    outlet: str
    article_id: str
    text: str
    kind: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class OutletFraming:
    """One outlet's habits in this story: descriptors of key actors and how it attributes.

    ``quoted_share`` is the share of its text inside direct quotations, ``paraphrased_share`` inside reported
    (indirect) speech; ``credited`` the agencies it credits (bylines, credit lines), ``cited`` the media it names
    as the channel of a quote ("quoted by RIA"); ``named``/``unnamed`` count quotes with and without a
    resolved speaker."""

    outlet: str
    articles: int
    descriptors: tuple[Descriptor, ...]
    credited: tuple[tuple[str, int], ...]
    cited: tuple[tuple[str, int], ...]
    quoted_share: float
    paraphrased_share: float
    quotes: int
    named: int
    unnamed: int


@dataclass(frozen=True)
class SourceGroup:
    """One independent origin: a wire piece with its republications, or an article of the outlet's own."""

    origin: str
    kind: str  # "wire" or "own"
    original_id: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class Sources:
    articles: int
    independent: int
    groups: tuple[SourceGroup, ...]


@dataclass(frozen=True)
class CoverageReport:
    """The comparison of one event or storyline (see :func:`storyweave.stages.compare.compare_story`)."""

    story_id: str
    kind: str
    title: str | None
    outlets: tuple[str, ...]
    articles: tuple[StoryArticle, ...]
    facts: tuple[Fact, ...]
    conflicts: tuple[NumberConflict, ...]
    quotes: tuple[QuoteRow, ...]
    spellings: tuple[SpellingRow, ...]
    framing: tuple[OutletFraming, ...]
    sources: Sources
    method: str
    #: unit text -> unit-length embedding of every clause compared (the summarizer reuses them; not exported)
    vectors: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def shared_facts(self, least: int = 2) -> tuple[Fact, ...]:
        """Facts carried by at least ``least`` independent origins."""
        return tuple(f for f in self.facts if f.origins >= least)

    def matrix(self, facts: tuple[Fact, ...] | None = None) -> list[list[int]]:
        """Outlet x fact: how many of the outlet's articles carry each fact (rows follow ``outlets``)."""
        cols = self.shared_facts() if facts is None else facts
        rows = []
        for outlet in self.outlets:
            rows.append([sum(1 for s in f.supports if s.outlet == outlet) for f in cols])
        return rows

    def solo(self) -> dict[str, tuple[Fact, ...]]:
        """Outlet -> the facts only it reported (one independent origin, that outlet's)."""
        out: dict[str, list[Fact]] = {}
        for f in self.facts:
            if f.origins == 1 and len(f.outlets) == 1:
                out.setdefault(f.outlets[0], []).append(f)
        return {k: tuple(v) for k, v in sorted(out.items())}

    def omissions(self, share: float = 0.5) -> dict[str, tuple[Fact, ...]]:
        """Outlet -> the facts that at least ``share`` of the other outlets (from two or more independent origins)
        carried but it did not."""
        out: dict[str, list[Fact]] = {}
        n = len(self.outlets)
        for f in self.facts:
            have = set(f.outlets)
            if f.origins < 2:
                continue
            for outlet in self.outlets:
                if outlet not in have and len(have) >= share * (n - 1):
                    out.setdefault(outlet, []).append(f)
        return {k: tuple(v) for k, v in sorted(out.items())}

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("vectors", None)
        data["facts"] = [f.to_export() for f in self.facts]
        return data
