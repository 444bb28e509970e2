"""Stories on the read side: lists, one story with why each article is in it, pair scoring, rebuilds."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from storyweave.errors import InputError
from storyweave.models import Article, EventSummary, Field, StorylineSummary
from storyweave.stages.analyze import analyze_articles
from storyweave.stages.cluster import ClusterReport
from storyweave.stages.dedupe import compare_signatures, copy_diff
from storyweave.stages.similarity import EventProfile, event_signals, load_model
from storyweave.storage.sqlite import SQLiteStore

__all__ = ["list_stories", "pair_components", "recluster", "score_pairs", "story_detail"]


def list_stories(
    store: SQLiteStore, level: str = "event", *, limit: int = 50, offset: int = 0, storyline: str | None = None
) -> list[EventSummary] | list[StorylineSummary]:
    if level == "storyline":
        return store.list_storylines(limit=limit, offset=offset)
    if level != "event":
        raise InputError(f"unknown story level {level!r}; choose event or storyline")
    return store.list_events(storyline=storyline, limit=limit, offset=offset)


def _article_brief(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "outlet": a.value("outlet"),
        "published": a.published,
        "published_source": None if a.meta.get("published") is None else a.meta["published"].source,
        "language": a.value("language"),
        "title": a.title,
        "agencies": a.agencies,
        "url": a.value("url"),
    }


def _event_detail(store: SQLiteStore, event: EventSummary) -> dict[str, Any]:
    members = store.memberships(event.id)
    articles = {m.article_id: store.get_article(m.article_id) for m in members}
    rows = []
    groups: dict[str, list[str]] = {}
    for m in members:
        a = articles[m.article_id]
        rows.append({**_article_brief(a), "reason": m.reason, "wire_group": m.wire_group})
        if m.wire_group:
            groups.setdefault(m.wire_group, []).append(m.article_id)
    rows.sort(key=lambda r: (r["outlet"] or "~", r["published"] or "~", r["id"]))
    wires = []
    for gid, ids in sorted(groups.items()):
        original = min(ids, key=lambda i: (articles[i].published or "~", -len(articles[i].text), i))
        orig = articles[original]
        copies = []
        for i in sorted(ids):
            if i == original:
                continue
            a = articles[i]
            diff = copy_diff(orig.title, orig.text, a.title, a.text)
            copies.append(
                {
                    "id": i,
                    "outlet": a.value("outlet"),
                    "changes": diff.summary(),
                    "title": a.title,
                    "added": list(diff.added),
                    "cut": list(diff.cut),
                    "edited": diff.edited,
                }
            )
        wires.append({"id": gid, "original_id": original, "article_ids": sorted(ids), "copies": copies})
    outlets = Counter(r["outlet"] or "(unknown)" for r in rows)
    independent = len({tuple(sorted(g)) for g in groups.values()}) + sum(1 for r in rows if not r["wire_group"])
    return {
        "kind": "event",
        "id": event.id,
        "title": event.title,
        "size": event.size,
        "first": event.first,
        "last": event.last,
        "storyline_id": event.storyline_id,
        "outlets": dict(sorted(outlets.items())),
        "independent_sources": independent,
        "articles": rows,
        "wire_groups": wires,
    }


def story_detail(store: SQLiteStore, story_id: str) -> dict[str, Any]:
    """One event (its articles by outlet and date, wire groups, the reason of every membership) or storyline."""
    kind, full = store.resolve_story(story_id)
    # read the one story by its key: finding it in the listings would cost the whole store
    if kind == "event":
        return _event_detail(store, store.get_event(full))
    line = store.get_storyline(full)
    events = list(_all_events(store, full))
    events.sort(key=lambda e: (e.first or "~", e.id))
    return {
        "kind": "storyline",
        "id": line.id,
        "title": line.title,
        "size": line.size,
        "first": line.first,
        "last": line.last,
        "outlets": list(line.outlets),
        "events": [_event_detail(store, e) for e in events],
    }


def _all_events(store: SQLiteStore, storyline: str | None) -> Iterator[EventSummary]:
    offset = 0
    while True:
        page = store.list_events(storyline=storyline, limit=500, offset=offset)
        yield from page
        if len(page) < 500:
            return
        offset += 500


def recluster(store: SQLiteStore, from_date: str | None = None) -> tuple[int, ClusterReport]:
    """Rebuild events and storylines from ``from_date`` on (everything when None), in publication order."""
    undone = store.reset_stories(None if from_date is None else f"{from_date}|")
    report = store.place_stories()
    store.resolve_analyses()
    return undone, report


# ---------------------------------------------------------------- pairs


def _side(rec: dict[str, Any], n: int, where: str) -> Article:
    text = rec.get(f"text{n}")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: text{n} is missing or empty")
    meta: dict[str, Field] = {}
    for name, key in (("title", f"title{n}"), ("language", f"lang{n}"), ("published", f"date{n}")):
        if rec.get(key):
            meta[name] = Field(str(rec[key]), "input")
    ident = f"{rec.get('pair_id') or where}#{n}"  # unique per pair side, whatever ids the file reuses
    return Article(ident, ident, ident, where, "pairs", text, meta)


def pair_components(
    records: Iterable[tuple[str, dict[str, Any]]], *, batch: int = 64
) -> Iterator[tuple[str, dict[str, float], dict[str, float], Any] | tuple[str, str]]:
    """Per pair: ``(pair_id, event signals, graded pair signals, copy match)``, or ``(pair_id, error)``.

    The event signals are those clustering weighs (:mod:`storyweave.stages.similarity`); the graded
    ones feed the pair score (:mod:`storyweave.stages.pairscore`). Names are weighted by their rarity
    among all texts of the input, read first, so a file gives the same signals however it is batched.
    """
    from storyweave.backends.embeddings import get_embedder
    from storyweave.stages.embed import embedding_text
    from storyweave.stages.pairscore import TEXT_CHARS, name_words, pair_signals

    sides: list[tuple[str, Article, Article] | tuple[str, str]] = []
    for where, rec in records:
        pid = str(rec.get("pair_id") or where)
        try:
            sides.append((pid, _side(rec, 1, where), _side(rec, 2, where)))
        except InputError as exc:
            sides.append((pid, str(exc)))
    arts = [a for s in sides if len(s) == 3 for a in s[1:] if isinstance(a, Article)]
    feats = {}
    text_vec = {}
    embedder = get_embedder()
    for i in range(0, len(arts), batch):
        chunk = arts[i : i + batch]
        for an in analyze_articles(chunk):
            feats[an.article_id] = an.story
        vectors = embedder.encode([embedding_text(a.title, a.text, TEXT_CHARS) for a in chunk])
        text_vec.update({a.id: v for a, v in zip(chunk, vectors, strict=True)})
    names = {a.id: name_words(f"{a.title or ''}\n{a.text}", a.value("language")) for a in arts}
    df = Counter(k for f in feats.values() for k in set(f.keys))
    total = len(feats)
    for s in sides:
        if len(s) == 2:
            yield s
            continue
        pid, a, b = s
        fa, fb = feats[a.id], feats[b.id]
        ev = EventProfile(id=b.id)
        ev.add(fb)
        weights = {k: math.log((total + 2) / (df.get(k, 0) + 1)) for k in fa.keys}
        sig = event_signals(fa, ev, weights)
        graded = pair_signals(
            (text_vec[a.id], text_vec[b.id]),
            (fa.vector, fb.vector),
            (names[a.id], names[b.id]),
            (fa.numbers, fb.numbers),
        )
        yield pid, sig, graded, compare_signatures(fa.signature, fb.signature)


def score_pairs(records: Iterable[tuple[str, dict[str, Any]]], *, batch: int = 64) -> Iterator[dict[str, Any]]:
    """Score pairs ``(where, record)``: ``pair_id``, ``score`` in 0..1 and the per-signal components.

    ``score`` is the graded same-story score of :mod:`storyweave.stages.pairscore` (whole-text and
    lead vector cosines, shared rare names, shared figures; weights fitted on graded pair judgements);
    1 for wire copies. ``same_story`` is whether clustering would put the two in one event: the event
    model's probability (``event_p`` among the components, with the signals it weighs) reaches its
    join threshold, or the two are wire copies.
    """
    from storyweave.stages.pairscore import load_pair_model

    model = load_model()
    pair_model = load_pair_model()
    for item in pair_components(records, batch=batch):
        if len(item) == 2:
            yield {"pair_id": item[0], "error": item[1]}
            continue
        pid, sig, graded, copy = item
        event_p = 1.0 if copy.is_copy else model.probability(sig)
        score = 1.0 if copy.is_copy else pair_model.score(graded)
        yield {
            "pair_id": pid,
            "score": round(score, 4),
            "same_story": event_p >= model.join,
            "components": {k: round(v, 4) for k, v in sorted({**sig, **graded, "event_p": event_p}.items())},
            "wire_copy": copy.is_copy,
            "jaccard": round(copy.jaccard, 4),
        }
