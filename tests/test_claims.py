"""Claims: one accusation told by different speakers in different words is one fact; topical pairs stay apart."""

from __future__ import annotations

import re
from functools import cache

from storyweave.coverage.claims import ClaimOptions, find_claims
from storyweave.coverage.model import CoverageReport, EntityRef, QuoteRef, StoryArticle, StoryInputs
from storyweave.stages.compare import _stop_words, compare_story, story_units

# Four outlets on strikes in the (fictional) republic of Ostmark. Ostmark and its premier are in every report
# (what the story is about); Farland is named by two. The minister and the premier accuse Farland of backing the
# strikes in different words; the third report has the minister on the port's losses, the fourth the premier on
# talks with the union, both also naming Ostmark.
TEXTS = {
    "a1": (
        "Strikes spread across Ostmark on Monday as dockers walked out in three ports. "
        "Interior Minister Pavel Rusk said there had been an attempt to bring down the government of Ostmark with the "
        "financial and political backing of Farland. Premier Dana Ostrova did not comment."
    ),
    "a2": (
        "Dockers in Ostmark stayed away from work for a second day. "
        "Premier Dana Ostrova has accused Farlandic agencies of attempting to destabilise the government and of "
        "supporting the strikes. Unions said the walkout would go on."
    ),
    "a3": (
        "The port authority of Ostmark counted the cost of the strikes. "
        "Interior Minister Pavel Rusk said the stoppage had cost the harbour of Halvik eleven ships and a week of "
        "trade. Premier Dana Ostrova called the strikes illegal."
    ),
    "a4": (
        "Talks between the unions and the Ostmark government opened on Wednesday. "
        "Premier Dana Ostrova said the government of Ostmark was ready to meet the union leaders in Halvik next "
        "week. Pavel Rusk attended."
    ),
}
OUTLETS = {"a1": "Harbour Gazette", "a2": "Capital Daily", "a3": "Port Bulletin", "a4": "Evening Star"}
NAMES = {
    "Ostmark": ("e-ostmark", "place"),
    "Farland": ("e-farland", "place"),
    "Farlandic": ("e-farland", "place"),
    "Halvik": ("e-halvik", "place"),
    "Pavel Rusk": ("e-rusk", "person"),
    "Dana Ostrova": ("e-ostrova", "person"),
}
CLAIMS = {
    "a1": (
        "there had been an attempt to bring down the government of Ostmark with the financial and political backing "
        "of Farland",
        "Pavel Rusk",
        "said",
    ),
    "a2": (
        "Farlandic agencies of attempting to destabilise the government and of supporting the strikes",
        "Dana Ostrova",
        "accused",
    ),
    "a3": ("the stoppage had cost the harbour of Halvik eleven ships and a week of trade", "Pavel Rusk", "said"),
    "a4": ("the government of Ostmark was ready to meet the union leaders in Halvik next week", "Dana Ostrova", "said"),
}


def _entities(aid: str, text: str) -> list[EntityRef]:
    return [
        EntityRef(aid, m.start(), m.end(), name, eid, typ, name, name)
        for name, (eid, typ) in NAMES.items()
        for m in re.finditer(rf"\b{name}\b", text)
    ]


@cache
def inputs() -> StoryInputs:
    arts = tuple(
        StoryArticle(aid, OUTLETS[aid], f"2024-06-0{k + 1}", "en", None, text)
        for k, (aid, text) in enumerate(TEXTS.items())
    )
    ents = tuple(e for aid, text in TEXTS.items() for e in _entities(aid, text))
    quotes = []
    for aid, (part, who, cue) in CLAIMS.items():
        at = TEXTS[aid].index(part)
        span = (at, at + len(part))
        speaker = NAMES[who][0]
        quotes.append(
            QuoteRef(
                aid, f"q-{aid}", part, *span, "indirect", speaker=who, speaker_entity_id=speaker, cue=cue, parts=(span,)
            )
        )
    names = {eid: name for name, (eid, _) in NAMES.items()}
    return StoryInputs("strikes", "storyline", None, arts, ents, tuple(quotes), (), names)


@cache
def report() -> CoverageReport:
    return compare_story(inputs())


def fact_with(marker: str):  # type: ignore[no-untyped-def]
    (f,) = [f for f in report().facts if any(marker in sp.text for s in f.supports for sp in s.spans)]
    return f


def test_claims_keep_the_rarer_names_as_arguments_and_leave_out_the_speaker() -> None:
    inp = inputs()
    units = story_units(inp)
    claims = {
        units[c.unit].article_id: c
        for c in find_claims(units, inp.articles, inp.entities, inp.quotes, inp.dates, _stop_words(), ClaimOptions())
    }
    # Ostmark (in every report) is blanked out of the contents; Farland is what the claim is about
    assert [name for _, name in claims["a1"].arguments] == ["Farland"]
    assert "Ostmark" not in claims["a1"].content and "Farland" in claims["a1"].content
    assert [eid for eid, _ in claims["a2"].arguments] == ["e-farland"]
    # Halvik is named by two of four reports: an argument; the speakers never are
    assert [name for _, name in claims["a4"].arguments] == ["Halvik"]
    assert all("e-rusk" not in dict(c.arguments) and "e-ostrova" not in dict(c.arguments) for c in claims.values())


def test_one_accusation_in_other_words_is_one_fact() -> None:
    fact = fact_with("backing of Farland")
    assert set(fact.article_ids) == {"a1", "a2"}
    assert any("claim: arguments same entity" in s.reason for s in fact.supports)


def test_claims_that_only_share_the_story_and_a_place_stay_apart() -> None:
    assert fact_with("eleven ships").article_ids == ("a3",)
    assert fact_with("ready to meet the union").article_ids == ("a4",)


def test_a_second_complement_clause_is_a_unit_of_its_own() -> None:
    from storyweave.coverage.units import split_units

    text = (
        "The monitors said in a statement on Monday that ballot boxes had been filled before the vote and that "
        "their observers had been kept away from the count."
    )
    units = split_units(StoryArticle("x", "Outlet", None, "en", None, text))
    assert [u.text[:24] for u in units] == ["The monitors said in a s", "and that their observers"]
