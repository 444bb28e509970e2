"""Entities, quotes, dates and timelines on the read side."""

from __future__ import annotations

from typing import Any

from storyweave.errors import NotFoundError
from storyweave.stages.timeline import build_timeline
from storyweave.stages.timeline_model import Timeline, TimelineArticle
from storyweave.storage.sqlite import SQLiteStore

__all__ = ["article_analyses", "entity_view", "quote_rows", "story_timeline"]


def entity_view(store: SQLiteStore, name_or_id: str) -> dict[str, Any]:
    """One entity: spellings by outlet, variants, roles, quotes by and about it, the stories it is in."""
    return store.entity_detail(store.find_entity(name_or_id))


def quote_rows(
    store: SQLiteStore, *, story: str | None = None, speaker: str | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    story_id = store.resolve_story(story)[1] if story else None
    speaker_id = store.find_entity(speaker) if speaker else None
    return store.list_quotes(story_id=story_id, speaker_id=speaker_id, limit=limit, offset=offset)


def article_analyses(store: SQLiteStore, article_id: str) -> dict[str, Any]:
    """What the analyses found in one article: entity mentions, quotes, date mentions and dated statements."""
    art = store.get_article(article_id)
    dates = store.article_dates(art.id)
    return {
        "article_id": art.id,
        "entities": store.article_entities(art.id),
        "quotes": store.list_quotes(article_id=art.id, limit=1000),
        "dates": None
        if dates is None
        else {
            "anchor": dates.anchor,
            "anchor_source": dates.anchor_source,
            "inferred": None if dates.inferred is None else dates.inferred.to_field().to_dict(),
            "mentions": [m.to_dict() for m in dates.mentions],
            "statements": [s.to_dict() for s in dates.statements],
        },
    }


def story_timeline(store: SQLiteStore, story_id: str) -> Timeline:
    """The timeline of a storyline (or of an event's storyline) from its articles' stored dates."""
    kind, full = store.resolve_story(story_id)
    if kind == "event":
        line = store.get_event(full).storyline_id
        if not line:
            raise NotFoundError(f"event {full} has no storyline")
        full = line
    items = []
    for aid in store.storyline_article_ids(full):
        dates = store.article_dates(aid)
        if dates is None:
            continue
        art = store.get_article(aid)
        spans = [(m["start"], m["end"], m["entity_id"]) for m in store.article_entities(aid)]
        items.append(TimelineArticle.from_article(art, dates, spans))
    return build_timeline(full, items)
