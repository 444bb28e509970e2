"""Coverage comparison, cited summaries and story reports on the read side.

Everything here reads what the pipeline stored (articles, wire groups, resolved entity mentions, quotes with
their ledger entries, date mentions) and never re-parses an article: the comparison is the one costly step
(clauses embedded and aligned), so the web layer caches it per story.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyweave.coverage.gather import story_article
from storyweave.coverage.model import CoverageReport, DateRef, EntityRef, QuoteRef, StoryInputs
from storyweave.errors import ConfigError
from storyweave.stages.compare import compare_story, fact_records
from storyweave.stages.summarize import (
    ExtractiveSummarizer,
    LLMConfig,
    OpenAICompatibleSummarizer,
    Summarizer,
    Summary,
    summary_record,
)
from storyweave.stages.timeline import build_timeline
from storyweave.stages.timeline_model import TimelineArticle
from storyweave.storage.sqlite import SQLiteStore

__all__ = [
    "export_facts",
    "export_summaries",
    "get_summarizer",
    "story_comparison",
    "story_inputs",
    "story_summary",
]


def _members(detail: dict[str, Any]) -> tuple[list[str], dict[str, tuple[str, str]]]:
    events = detail["events"] if detail["kind"] == "storyline" else [detail]
    wire: dict[str, tuple[str, str]] = {}
    ids: list[str] = []
    for ev in events:
        ids.extend(r["id"] for r in ev["articles"])
        for g in ev["wire_groups"]:
            for aid in g["article_ids"]:
                wire[aid] = (g["id"], g["original_id"])
    return list(dict.fromkeys(ids)), wire


def _entity_refs(store: SQLiteStore, article_id: str) -> Iterator[EntityRef]:
    record = store.article_entity_record(article_id)
    written = {(m.start, m.end): m for m in record.mentions} if record is not None else {}
    for m in store.article_entities(article_id):
        own = written.get((m["start"], m["end"]))
        yield EntityRef(
            article_id,
            m["start"],
            m["end"],
            m["text"],
            m["entity_id"],
            m["type"],
            m["name"],
            own.name if own is not None else m["text"],
            own.role if own is not None else None,
        )


def _quote_refs(store: SQLiteStore, article_id: str, wordings: dict[str, dict[str, str]]) -> Iterator[QuoteRef]:
    for q in store.list_quotes(article_id=article_id, limit=10_000):
        ledger = q.get("ledger_id")
        if ledger and ledger not in wordings:
            entry = store.ledger_entry(ledger) or {}
            wordings[ledger] = {m["quote_id"]: m["wording"] for m in entry.get("members", [])}
        yield QuoteRef(
            article_id,
            q["id"],
            q["text"],
            q["start"],
            q["end"],
            q["kind"],
            ledger,
            q.get("speaker"),
            q.get("speaker_entity_id"),
            q.get("mention_start"),
            q.get("mention_end"),
            q.get("intermediary"),
            q.get("cue"),
            q.get("cue_kind"),
            tuple((int(a), int(b)) for a, b in q.get("parts") or ()),
            wordings.get(ledger or "", {}).get(q["id"]),
        )


def story_inputs(store: SQLiteStore, story_id: str, *, timeline: bool = True) -> StoryInputs:
    """One event or storyline (id or unique prefix) with its stored analyses, as the comparison reads it."""
    from storyweave.services.stories import story_detail

    detail = story_detail(store, story_id)
    ids, wire = _members(detail)
    articles = sorted((store.get_article(i) for i in ids), key=lambda a: (a.published or "~", a.id))
    entities: list[EntityRef] = []
    quotes: list[QuoteRef] = []
    dates: list[DateRef] = []
    items: list[TimelineArticle] = []
    wordings: dict[str, dict[str, str]] = {}
    for art in articles:
        refs = list(_entity_refs(store, art.id))
        entities.extend(refs)
        quotes.extend(_quote_refs(store, art.id, wordings))
        found = store.article_dates(art.id)
        if found is None:
            continue
        dates.extend(DateRef(art.id, m.start, m.end, m.text, m.value, m.granularity) for m in found.mentions)
        if timeline:
            items.append(TimelineArticle.from_article(art, found, [(r.start, r.end, r.entity_id) for r in refs]))
    names = {r.entity_id: r.name for r in entities}
    tl = build_timeline(detail["id"], items) if timeline and items else None
    return StoryInputs(
        detail["id"],
        detail["kind"],
        detail.get("title"),
        tuple(story_article(a, *wire.get(a.id, (None, None))) for a in articles),
        tuple(entities),
        tuple(quotes),
        tuple(dates),
        names,
        tl,
    )


def story_comparison(store: SQLiteStore, story_id: str) -> tuple[StoryInputs, CoverageReport]:
    """The coverage comparison of one story: facts by outlet, quotes, spellings, framing, sources."""
    inputs = story_inputs(store, story_id)
    return inputs, compare_story(inputs)


def get_summarizer(name: str = "extractive") -> Summarizer:
    """``extractive`` (default, offline) or ``llm`` (an OpenAI-compatible endpoint from the environment)."""
    if name == "extractive":
        return ExtractiveSummarizer()
    if name == "llm":
        config = LLMConfig.from_env()
        if config is None:
            raise ConfigError("the llm summarizer needs STORYWEAVE_LLM_BASE_URL and STORYWEAVE_LLM_MODEL set")
        return OpenAICompatibleSummarizer(config)
    raise ConfigError(f"unknown summarizer {name!r} (extractive or llm)")


def story_summary(
    store: SQLiteStore, story_id: str, *, sentences: int = 7, summarizer: Summarizer | None = None
) -> tuple[StoryInputs, CoverageReport, Summary]:
    """A summary of one story whose every sentence cites every article that supports it."""
    inputs, report = story_comparison(store, story_id)
    summary = (summarizer or ExtractiveSummarizer()).summarize(report, sentences=sentences, timeline=inputs.timeline)
    return inputs, report, summary


def _story_ids(store: SQLiteStore, kind: str) -> Iterable[str]:
    offset = 0
    while True:
        page: Sequence[Any] = (
            store.list_events(limit=500, offset=offset)
            if kind == "event"
            else store.list_storylines(limit=500, offset=offset)
        )
        if not page:
            return
        yield from (s.id for s in page)
        offset += len(page)


def export_facts(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    """``facts`` export key: the facts of every event of more than one article (single articles have none to
    share), each with the articles that carry it."""
    for eid in _story_ids(store, "event"):
        event = store.get_event(eid)
        if event.size < 2:
            continue
        _inputs, report = story_comparison(store, eid)
        yield from fact_records(report)


def export_summaries(store: SQLiteStore, *, sentences: int = 5) -> Iterator[dict[str, Any]]:
    """``summaries`` export key: one cited summary per storyline."""
    for sid in _story_ids(store, "storyline"):
        _inputs, _report, summary = story_summary(store, sid, sentences=sentences)
        yield summary_record(summary)
