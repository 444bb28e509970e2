"""Timeline: what makes it read like a newsroom chronology (lines, leads, date lines, terms, one clause twice).

The fixtures are written for these tests: a fictional ferry strike at the port of Kessa, told by three
outlets. Text similarity is word overlap, so no embedding model is loaded.
"""

from __future__ import annotations

import re
from functools import cache

from storyweave.models import Article, Field
from storyweave.stages.dates import DatesStage, dated_statements, find_dates
from storyweave.stages.timeline import Timeline, TimelineArticle, build_timeline

ARTICLES = {
    # published on Tuesday 7 April 2026
    "wire": (
        "Kessa Wire",
        "2026-04-07",
        "Ferry crews walk out at Kessa\n"
        "7 April 2026, 09:15\n"
        "KESSA (Harbour Press) — Ferries to the Lund islands stopped running on Monday as 900 crew members began "
        "an open-ended strike over pay and the planned sale of two vessels to a private operator.\n"
        "The operator, Kessa Lines, said talks would resume next week.",
    ),
    # published on Wednesday 15 April 2026
    "gazette": (
        "Lund Gazette",
        "2026-04-15",
        "Union and Kessa Lines meet again\n"
        "Published 15 April 2026\n"
        "Negotiators for the crews and Kessa Lines met on Tuesday at the labour office in Kessa, their first talks "
        "since the strike began on 6 April.\n"
        "The offer includes a 4 per cent rise and no compulsory redundancies until 2031.\n"
        "The vote on the sale has been postponed until 30 June.",
    ),
    # published on Friday 17 April 2026
    "post": (
        "Island Post",
        "2026-04-17",
        "There was no hurry.\n"
        "The strike that began on 6 April ended on Thursday after crews accepted a 4 per cent pay rise and a "
        "promise that no vessel will be sold this year.\n"
        '"We were never going to give up," a deckhand said. "Tonight we sail back to the islands with our heads '
        'high."\n'
        '"We will sail again on Saturday," the union said.',
    ),
}


def article(key: str) -> Article:
    outlet, published, text = ARTICLES[key]
    meta = {
        "outlet": Field(outlet, "input"),
        "language": Field("en", "input"),
        "title": Field(text.split("\n")[0], "input"),
        "published": Field(published, "input"),
    }
    return Article(f"a-{key}", f"d-{key}", key, "test", "text", text, meta)


def overlap(a: str, b: str) -> float:
    x, y = (set(re.findall(r"[a-z]{3,}", t.lower())) for t in (a, b))
    return len(x & y) / len(x | y) if x | y else 0.0


@cache
def timeline() -> Timeline:
    stage = DatesStage()
    arts = [TimelineArticle.from_article(article(k), stage(article(k))) for k in ARTICLES]
    return build_timeline("kessa-strike", arts, similarity=overlap)


def lines() -> dict[str, str]:
    return {e.text: e.date for e in timeline().entries}


def test_the_lead_after_a_headline_and_a_date_line_is_the_line_without_its_dateline() -> None:
    start = [e for e in timeline().entries if e.date == "2026-04-06"]
    assert any(e.text.startswith("Ferries to the Lund islands stopped running on Monday") for e in start)
    assert not any("Harbour Press" in e.text or "09:15" in e.text for e in timeline().entries)


def test_a_since_clause_is_told_by_what_began_then() -> None:
    assert lines().get("The strike began on 6 April.") == "2026-04-06" or any(
        "began" in text and date == "2026-04-06" for text, date in lines().items()
    )
    # the meeting of Tuesday 14 April keeps its own entry: two dates of one clause are two times
    meeting = [e for e in timeline().entries if e.date == "2026-04-14"]
    assert meeting and meeting[0].text.startswith("Negotiators for the crews")


def test_date_lines_terms_and_quoted_days_are_no_happenings() -> None:
    reasons = {u.text: u.reason for u in timeline().unplaced}
    assert any("date line" in r for r in reasons.values())
    assert any("end of a term" in r for t, r in reasons.items() if "2031" in t)
    assert "2031" not in {e.date for e in timeline().entries}
    assert any("speaker's own day" in r for t, r in reasons.items() if t.startswith('"Tonight'))
    assert "2026-04-18" in {e.date for e in timeline().entries}  # a plan told in a quote with its narration
    # a vote put off until a day is that day's planned happening
    assert "2026-06-30" in {e.date for e in timeline().entries}


def test_a_short_opening_line_is_no_lead() -> None:
    assert not any(e.text == "There was no hurry." for e in timeline().entries)


def test_a_report_known_only_to_late_august_does_not_call_an_earlier_day_its_news() -> None:
    import datetime as dt

    text = "The minister today said aid would flow. The floods began on August 9."
    mentions = find_dates(text, anchor="2020-08", language="en")
    roles = {s.mention.text: s.role for s in dated_statements(text, mentions, anchor="2020-08")}
    assert roles["August 9"] == "news"  # the latest day named is all that is known
    late = dated_statements(text, mentions, anchor="2020-08", earliest=dt.date(2020, 8, 21))
    assert {s.mention.text: s.role for s in late}["August 9"] == "recent"
