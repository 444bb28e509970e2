"""The storyline timeline of the five real seed reports (read from ../shared/seeds, never copied here).

The five reports (Russia and the 2020 Belarus crisis, five outlets) are one storyline. They go through the
project's ingest, extract and dates stages as the pipeline runs them (the undated reports get their dates from
the related ones), then the timeline. Phrases are checked by short markers only.
"""

from __future__ import annotations

from functools import cache

import pytest

from storyweave.stages.dates import ArticleDates, DatesStage
from storyweave.stages.timeline import Timeline, TimelineArticle, TimelineEntry, build_timeline
from tests.test_seeds_dates import SEEDS, seed, similarity

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds folder absent")

PREFIXES = ("000", "001", "002", "003", "004")


@cache
def dates() -> dict[str, ArticleDates]:
    stage = DatesStage()
    out = {p: stage(seed(p)) for p in PREFIXES}
    for p in PREFIXES:
        if out[p].anchor_source != "stated":
            others = [out[q] for q in PREFIXES if q != p]
            found = stage.related_inference(
                out[p], others, similarity(), published=seed(p).published, text=seed(p).text
            )
            if found is not None:
                out[p] = stage.reanchor(seed(p), found)
    return out


@cache
def timeline() -> Timeline:
    return build_timeline("belarus-2020", [TimelineArticle.from_article(seed(p), dates()[p]) for p in PREFIXES])


def ids(*prefixes: str) -> set[str]:
    return {seed(p).id for p in prefixes}


def entries(date: str, mod: str | None = None) -> list[TimelineEntry]:
    return [e for e in timeline().entries if e.date == date and e.mod == mod]


def cites(entry: TimelineEntry, prefix: str, marker: str) -> bool:
    return any(s.article_id == seed(prefix).id and marker in s.text for s in entry.sources)


def test_the_election_is_one_entry_citing_every_report_of_it() -> None:
    (vote,) = entries("2020-08-09")
    assert ids("000", "001", "002", "003") <= set(vote.article_ids)
    assert vote.granularity == "day" and not vote.background and vote.agreement == 1.0
    assert "August 9" in vote.text or "Aug. 9" in vote.text


def test_the_reserve_force_announcement_in_late_august() -> None:
    (force,) = entries("2020-08", "END")
    assert ids("000", "004") <= set(force.article_ids)
    assert cites(force, "000", "reserve force") and cites(force, "004", "today")
    assert force.label == "late Aug 2020"
    # the undated report is placed only through the related reports: its date is marked inferred
    assert {s.basis for s in force.sources if s.article_id == seed("004").id} == {"inferred"}


def test_the_september_talks_accusations_and_remarks() -> None:
    (talks,) = entries("2020-09-14")
    assert set(talks.article_ids) == ids("002") and "loan" in talks.text and "talks" in talks.text
    (accused,) = entries("2020-09-16")
    assert ids("002") <= set(accused.article_ids) and "accused" in accused.text
    assert accused.basis == "relative"  # "on Wednesday" in a Wednesday paper
    (remarks,) = entries("2020-09-29")
    assert set(remarks.article_ids) == ids("003") and "pressure" in remarks.text


def test_the_november_summit_cites_both_reports() -> None:
    summit = [e for e in entries("2020-11-10") if ids("000", "001") <= set(e.article_ids)]
    assert len(summit) == 1
    (e,) = summit
    assert "Shanghai Cooperation" in e.text and e.confidence > 0.9


def test_background_dates_are_kept_and_marked() -> None:
    for year in ("1994", "2014", "2015"):
        (e,) = entries(year)
        assert e.background and e.kind == "background"
    (since,) = entries("1994")
    assert "since 1994" in since.text


def test_the_timeline_is_in_date_order() -> None:
    days = [e.date for e in timeline().entries if not e.background]
    assert days.index("2020-08-09") < days.index("2020-09-14") < days.index("2020-09-16") < days.index("2020-11-10")
