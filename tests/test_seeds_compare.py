"""The coverage comparison of the five real seed reports as one storyline (read from ../shared/seeds, never copied).

The reports go through the project's ingest and extract stages and the per-article stages (entities, quotes,
dates) as :func:`storyweave.stages.compare.analyse_articles` runs them. Phrases are found by short markers.
"""

from __future__ import annotations

from functools import cache

import pytest

from storyweave.coverage.model import CoverageReport, Fact
from storyweave.stages.compare import analyse_articles, compare_story
from tests.test_seeds_dates import SEEDS, seed

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds folder absent")

PREFIXES = ("000", "001", "002", "003", "004")


@cache
def report() -> CoverageReport:
    inputs = analyse_articles("belarus-2020", "storyline", "seeds", [seed(p) for p in PREFIXES], timeline=False)
    return compare_story(inputs)


def ids(*prefixes: str) -> set[str]:
    return {seed(p).id for p in prefixes}


def carrying(*markers: str) -> list[Fact]:
    """Facts with a span holding every marker."""
    return [f for f in report().facts if any(all(m in sp.text for m in markers) for s in f.supports for sp in s.spans)]


def test_the_loan_is_one_fact_of_the_two_reports_that_give_it() -> None:
    facts = [f for f in report().facts if any(fig.label == "USD 1.5bn" for fig in f.figures) and f.origins > 1]
    assert len(facts) == 1
    (loan,) = facts
    assert set(loan.article_ids) == ids("002", "003")
    assert loan.kind == "figure" and loan.anchor == "USD 1.5bn"


def test_the_election_date_is_one_fact_of_every_report() -> None:
    facts = [f for f in report().facts if f.anchor == "2020-08-09"]
    assert len(facts) == 1
    (vote,) = facts
    assert set(vote.article_ids) == ids(*PREFIXES) and vote.origins == 5
    # the same day is not a second shared fact
    assert [f for f in report().facts if f.origins > 1 and f is not vote and f.anchor == "2020-08-09"] == []


def test_lukashenkos_accusation_and_the_line_putin_backed_are_one_fact() -> None:
    """Aligned on what the two clauses report (the names left out), not on the clauses as a whole."""
    (f,) = {f.id: f for m in ("accused various Western", "sponsoring protests") for f in carrying(m)}.values()
    assert ids("003", "004") <= set(f.article_ids)


def test_the_western_backing_accusation_is_one_fact() -> None:
    """Told by four speakers in other words: joined as claims (arguments alike, contents and content words)."""
    markers = [("backing of the West",), ("accused various Western",), ("sponsoring protests",), ("EU states",)]
    (f,) = {f.id: f for m in markers for f in carrying(*m)}.values()
    assert set(f.article_ids) == ids("000", "001", "003", "004")
    assert any("claim: arguments" in s.reason for s in f.supports)
    # the remarks on external pressure are another claim
    assert not any("unprecedented" in sp.text for s in f.supports for sp in s.spans)


def test_the_external_pressure_remarks_are_one_fact() -> None:
    (f,) = {
        f.id: f for m in ("unprecedented external pressure", "unprecedented pressure") for f in carrying(m)
    }.values()
    assert ids("000", "001", "003") <= set(f.article_ids)
