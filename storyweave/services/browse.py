"""Read-side operations for browsing a store: article pages, one article with its analyses, full-text
search, "more like this", and the figures of the home page. The REST API and the web UI both call
these; neither holds a query of its own.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from storyweave.errors import InputError, NotFoundError
from storyweave.models import Article, EventSummary, StorylineSummary
from storyweave.services.articles import article_detail
from storyweave.stages.dedupe import copy_diff
from storyweave.storage import pages
from storyweave.storage.base import ArticleFilter
from storyweave.storage.sqlite import SQLiteStore

__all__ = [
    "article_analyses",
    "article_brief",
    "article_list",
    "decode_cursor",
    "encode_cursor",
    "event_record",
    "home",
    "search",
    "similar_articles",
    "split_snippet",
    "story_page",
    "storyline_record",
]

#: Candidates scored by "more like this", from each source (same storyline, shared names, shared words).
SIMILAR_FROM_STORY = 200
SIMILAR_FROM_NAMES = 200
SIMILAR_FROM_WORDS = 200
#: Rarest entity keys and distinctive words of the article used to look candidates up.
SIMILAR_KEYS = 8
SIMILAR_TERMS = 12


def article_brief(a: Article) -> dict[str, Any]:
    pub = a.meta.get("published")
    return {
        "id": a.id,
        "outlet": a.value("outlet"),
        "published": a.published,
        "published_source": None if pub is None or pub.value is None else pub.source,
        "language": a.value("language"),
        "title": a.title,
        "url": a.value("url"),
        "agencies": a.agencies,
    }


# ---------------------------------------------------------------- article pages


def encode_cursor(cursor: pages.ArticleCursor | None) -> str | None:
    if cursor is None:
        return None
    raw = json.dumps([cursor.published, cursor.seq], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(token: str | None) -> pages.ArticleCursor | None:
    """The cursor a previous page handed out; InputError for anything else."""
    if not token:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        published, seq = data
        if (published is not None and not isinstance(published, str)) or type(seq) is not int:
            raise ValueError(data)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise InputError("cursor is not one this server handed out: pass next_cursor from a previous page") from exc
    return pages.ArticleCursor(published, seq)


def article_list(
    store: SQLiteStore, where: ArticleFilter | None = None, *, cursor: str | None = None, limit: int = 50
) -> dict[str, Any]:
    """One page of articles, newest first, with the cursor of the next page and the filtered total."""
    rows, nxt = pages.article_page(store, where, after=decode_cursor(cursor), limit=limit)
    return {
        "articles": [article_brief(a) for a in rows],
        "next_cursor": encode_cursor(nxt),
        "total": store.count_articles(where),
    }


# ---------------------------------------------------------------- one article


def article_analyses(store: SQLiteStore, article_id: str) -> dict[str, Any]:
    """An article with its provenance, the junk cleaning removed, and what the analyses found:
    its place in an event, storyline and wire group (with the reasons) and its story features."""
    art = store.get_article(article_id)
    out = article_detail(art)
    place = pages.placement(store, art.id)
    feats = store.story_features([art.id]).get(art.id)
    out["analyses"] = {
        "placement": None
        if place is None
        else {
            "event_id": place.event_id,
            "storyline_id": place.storyline_id,
            "wire_group": place.wire_group,
            "reason": place.reason,
            "wire_reason": place.wire_reason,
        },
        "features": None
        if feats is None
        else {
            "language": feats.language,
            "keys": list(feats.keys),
            "numbers": list(feats.numbers),
            "years": list(feats.years),
            "terms": [{"term": t, "weight": w} for t, w in feats.terms],
            "shingles": feats.signature.shingles,
        },
    }
    return out


# ---------------------------------------------------------------- search


def split_snippet(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet's plain text and the (start, end) offsets of its matched terms."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    start: int | None = None
    for ch in snippet:
        if ch == pages.HIT_START:
            start = pos
        elif ch == pages.HIT_END:
            if start is not None and pos > start:
                spans.append((start, pos))
            start = None
        else:
            text.append(ch)
            pos += 1
    return "".join(text), spans


def search(store: SQLiteStore, query: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Full-text search (FTS5 syntax, or plain words): how many match, how many of them were ranked (all,
    or for a very common query its :data:`~storyweave.storage.pages.RANK_WINDOW` most recently stored
    matches), and one page of them best first."""
    q = query.strip()
    if not q:
        raise InputError("empty query: give one or more words (FTS5 syntax is accepted)")
    found = pages.search_page(store, q, limit=limit, offset=offset)
    results = []
    for r in found.rows:
        text, spans = split_snippet(r.snippet)
        results.append(
            {
                "article": article_brief(r.article),
                "rank": round(r.rank, 4),
                "snippet": text,
                "highlights": [list(s) for s in spans],
            }
        )
    return {
        "query": q,
        "total": found.total,
        "ranked": found.ranked,
        "offset": offset,
        "limit": limit,
        "results": results,
    }


# ---------------------------------------------------------------- more like this


def _unit(raw: bytes) -> np.ndarray:
    v = np.frombuffer(raw, dtype="<f2").astype(np.float32)
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


def similar_articles(store: SQLiteStore, article_id: str, *, limit: int = 10) -> dict[str, Any]:
    """Articles closest to one, by the cosine of their stored sentence vectors (multilingual).

    Never a scan of the store: the candidates are the article's storyline and event, the events
    that name its rarest entities (which cross languages), and the best full-text matches of its
    most distinctive words; at most a few hundred vectors are read and compared. Each result says
    which of these found it (``via``).
    """
    art = store.get_article(article_id)
    feats = store.story_features([art.id]).get(art.id)
    if feats is None:
        raise NotFoundError(f"article {art.id} has no stored vector (it was ingested without analysis)")
    via: dict[str, set[str]] = {}

    def add(ids: list[str], source: str) -> None:
        for i in ids:
            if i != art.id:
                via.setdefault(i, set()).add(source)

    place = pages.placement(store, art.id)
    if place is not None:
        add(
            pages.members(store, event_ids=[place.event_id], storyline_id=place.storyline_id, limit=SIMILAR_FROM_STORY),
            "story",
        )
    df = pages.key_frequencies(store, feats.keys)
    rare = sorted((k for k in feats.keys if df.get(k, 0) > 1), key=lambda k: (df[k], k))[:SIMILAR_KEYS]
    if rare:
        events = pages.events_sharing_keys(store, rare, per_key=10)
        add(pages.members(store, event_ids=events, limit=SIMILAR_FROM_NAMES), "names")
    terms = [t for t, _ in feats.terms[:SIMILAR_TERMS]]
    if terms:
        fts = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        add(pages.fts_candidates(store, fts, limit=SIMILAR_FROM_WORDS), "words")
    vecs = pages.vectors(store, sorted(via))
    me = feats.vector / (float(np.linalg.norm(feats.vector)) or 1.0)
    ids = sorted(vecs)
    scored: list[tuple[float, str]] = []
    if ids:
        mat = np.stack([_unit(vecs[i]) for i in ids])
        sims = mat @ me
        scored = sorted(((float(s), i) for s, i in zip(sims, ids, strict=True)), key=lambda x: (-x[0], x[1]))
    top = scored[:limit]
    info = pages.briefs(store, [i for _, i in top])
    return {
        "article_id": art.id,
        "candidates": len(ids),
        "results": [
            {"article": info[i], "score": round(s, 4) if math.isfinite(s) else 0.0, "via": sorted(via[i])}
            for s, i in top
            if i in info
        ],
    }


# ---------------------------------------------------------------- home


def event_record(e: EventSummary) -> dict[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "size": e.size,
        "outlets": list(e.outlets),
        "first": e.first,
        "last": e.last,
        "storyline_id": e.storyline_id,
    }


def storyline_record(s: StorylineSummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "events": s.events,
        "size": s.size,
        "outlets": list(s.outlets),
        "first": s.first,
        "last": s.last,
        "event_ids": list(s.event_ids),
    }


def home(store: SQLiteStore, *, storylines: int = 12, events: int = 15, days: int = 120) -> dict[str, Any]:
    """The largest storylines (each with its articles per day, from the figures the engine keeps), the latest
    events, articles per day."""
    lines = pages.top_storylines(store, storylines)
    counts = store.count_stories()
    return {
        "articles": store.count_articles(),
        "events": counts["events"],
        "storylines_total": counts["storylines"],
        "wire_groups": counts["wire_groups"],
        "storylines": [{**storyline_record(s), "activity": days} for s, days in lines],
        "recent_events": [event_record(e) for e in pages.recent_events(store, events)],
        "activity": pages.activity(store, days=days),
    }


# ---------------------------------------------------------------- story pages

#: Articles of each event listed on a storyline page (the rest are on the event's own page).
STORYLINE_ARTICLES_PER_EVENT = 12
#: Events of a storyline listed on one page of it, in order (a long-running storyline has thousands).
STORYLINE_EVENTS_PER_PAGE = 30


def _wire_groups(rows: list[dict[str, Any]], store: SQLiteStore | None) -> list[dict[str, Any]]:
    """The event's wire groups, each under its original (earliest, then longest); with ``store``, what
    each copy changed (reads the texts of the group members only)."""
    groups: dict[str, list[str]] = {}
    for r in rows:
        if r["wire_group"]:
            groups.setdefault(r["wire_group"], []).append(r["id"])
    brief = {r["id"]: r for r in rows}
    text = pages.texts(store, [i for ids in groups.values() for i in ids]) if store is not None else {}
    out = []
    for gid, ids in sorted(groups.items()):
        original = min(ids, key=lambda i: (brief[i]["published"] or "~", -len(text.get(i, (None, ""))[1]), i))
        copies = []
        for i in sorted(ids):
            if i == original:
                continue
            entry: dict[str, Any] = {"id": i, "outlet": brief[i]["outlet"], "title": brief[i]["title"]}
            if store is not None:
                (t0, x0), (t1, x1) = text[original], text[i]
                diff = copy_diff(t0, x0, t1, x1)
                entry.update(changes=diff.summary(), added=list(diff.added), cut=list(diff.cut), edited=diff.edited)
            copies.append(entry)
        out.append({"id": gid, "original_id": original, "article_ids": sorted(ids), "copies": copies})
    return out


def _event_page(e: EventSummary, rows: list[dict[str, Any]], store: SQLiteStore | None) -> dict[str, Any]:
    rows = sorted(rows, key=lambda r: (r["outlet"] or "~", r["published"] or "~", r["id"]))
    wires = _wire_groups(rows, store)
    outlets: dict[str, int] = {}
    for r in rows:
        outlets[r["outlet"] or "(unknown)"] = outlets.get(r["outlet"] or "(unknown)", 0) + 1
    independent = len(wires) + sum(1 for r in rows if not r["wire_group"])
    return {
        **event_record(e),
        "kind": "event",
        "outlets": dict(sorted(outlets.items())),
        "independent_sources": independent,
        "articles": rows,
        "wire_groups": wires,
    }


def story_page(
    store: SQLiteStore,
    story_id: str,
    *,
    page: int = 1,
    figures: Callable[[SQLiteStore, str], tuple[StorylineSummary, dict[str, int]] | None] = pages.storyline_overview,
    whole: bool = False,
) -> dict[str, Any]:
    """What the story page shows of one event or storyline, read with a fixed number of queries.

    The same shape as :func:`storyweave.services.story_detail`, but built from listing fields (no article
    text is read except for the wire copies of an event page, to say what each copy changed). A storyline
    page holds one ``page`` of its events in order (:data:`STORYLINE_EVENTS_PER_PAGE`; ``events_pages``
    says how many there are), each with at most :data:`STORYLINE_ARTICLES_PER_EVENT` articles (``more``:
    how many are on the event's page), the members of those events read in one query; the storyline's
    own figures (outlets, ``activity``: articles per publication day) cover all of it, from one grouped
    pass over its members' outlets and dates (``figures``: :func:`~storyweave.storage.pages.storyline_overview`
    or a cache of it). With ``whole`` (the REST API), each event of a storyline page comes whole, as an event
    page does: every article with the reason it was placed, and what each wire copy changed. A page past the
    last raises NotFoundError.
    """
    kind, full = store.resolve_story(story_id)
    if kind == "event":
        if page != 1:
            raise NotFoundError(f"event {full} is one page, not a page {page}")
        ev = pages.event_summary(store, full)
        if ev is None:
            raise NotFoundError(f"no event {full!r}")
        return _event_page(ev, pages.story_members(store, [full]), store)
    found = figures(store, full)
    if found is None:
        raise NotFoundError(f"no storyline {full!r}")
    line, activity = found
    total_pages = max(1, math.ceil(line.events / STORYLINE_EVENTS_PER_PAGE))
    if page < 1 or page > total_pages:
        raise NotFoundError(f"storyline {full} has {total_pages} page(s) of events, not a page {page}")
    events = pages.story_events(
        store, full, limit=STORYLINE_EVENTS_PER_PAGE, offset=(page - 1) * STORYLINE_EVENTS_PER_PAGE
    )
    members: dict[str, list[dict[str, Any]]] = {}
    for r in pages.story_members(store, [e.id for e in events], reasons=whole):
        members.setdefault(r["event_id"], []).append(r)
    details = []
    for e in events:
        d = _event_page(e, members.get(e.id, []), store if whole else None)
        if whole:
            details.append(d)
            continue
        d["more"] = max(0, len(d["articles"]) - STORYLINE_ARTICLES_PER_EVENT)
        d["all_articles"] = d["articles"]
        d["articles"] = sorted(d["articles"], key=lambda r: (r["published"] or "~", r["id"]))[
            :STORYLINE_ARTICLES_PER_EVENT
        ]
        details.append(d)
    return {
        **storyline_record(line),
        "kind": "storyline",
        "events": details,
        "events_total": line.events,
        "activity": activity,
        "events_page": page,
        "events_pages": total_pages,
        "events_first": (page - 1) * STORYLINE_EVENTS_PER_PAGE + 1,
    }
