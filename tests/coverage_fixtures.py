"""A small fictional story written for the comparison tests: four outlets report Tarvia's loan to Lesnovia.

- the Northgate Herald (en) and its wire copy in the Valley Weekly (one origin);
- the Eastport Daily (en), which gives another detention figure and alone reports unemployment;
- Die Rundschau (de), the loan in German, without the detentions.
"""

from __future__ import annotations

from functools import cache

from storyweave.coverage.model import EntityRef, QuoteRef, StoryArticle, StoryInputs
from storyweave.models import Article, Field

HERALD = (
    "OSTRAVA NOVA — The Republic of Tarvia agreed on Tuesday to lend Lesnovia $1.2 billion to shore up its "
    "falling currency, Finance Minister Ilse Varga said.\n\n"
    "Police said 300 people were detained when protesters blocked the bridge to parliament on Monday night.\n\n"
    "The embattled president Marek Dolan thanked Tarvia for what he called a gesture of friendship.\n\n"
    '"We will repay every crown," Varga told reporters after the signing.'
)
EASTPORT = (
    "Lesnovia will receive a $1.2bn loan from Tarvia, officials in Ostrava Nova said on Tuesday.\n\n"
    "Police said 350 people were detained when protesters blocked the bridge to parliament on Monday night.\n\n"
    "Unemployment in Lesnovia rose to 9.4 percent in January, the statistics office reported last week.\n\n"
    "President Marek Dolanov must repay bonds worth 800 million dollars by March.\n\n"
    "Critics say the 61-year-old strongman has run out of friends in the west."
)
RUNDSCHAU = (
    "Tarvia gewährt Lesnovia einen Kredit über 1,2 Milliarden Dollar, wie Finanzministerin Ilse Varga am "
    "Dienstag mitteilte.\n\n"
    "Präsident Marek Dolan sprach von einer Geste der Freundschaft.\n\n"
    "„Wir werden jede Krone zurückzahlen“, sagte Varga nach der Unterzeichnung."
)


def _art(aid: str, outlet: str, lang: str, title: str, text: str, published: str, **kw: object) -> StoryArticle:
    return StoryArticle(aid, outlet, published, lang, title, text, **kw)  # type: ignore[arg-type]


def story_articles() -> tuple[StoryArticle, ...]:
    return (
        _art(
            "a-herald",
            "Northgate Herald",
            "en",
            "Tarvia lends Lesnovia $1.2bn",
            HERALD,
            "2024-03-12T09:00:00",
            agencies=("NPA",),
            wire_group="w1",
            wire_original="a-herald",
        ),
        _art(
            "a-valley",
            "Valley Weekly",
            "en",
            "Lesnovia gets Tarvian loan",
            HERALD,
            "2024-03-12T11:00:00",
            agencies=("NPA",),
            wire_group="w1",
            wire_original="a-herald",
        ),
        _art(
            "a-eastport",
            "Eastport Daily",
            "en",
            "Loan for Lesnovia <as protests grow>",
            EASTPORT,
            "2024-03-12T10:00:00",
        ),
        _art("a-rundschau", "Die Rundschau", "de", "Kredit für Lesnovia", RUNDSCHAU, "2024-03-13T08:00:00"),
    )


def _mention(aid: str, text: str, needle: str, eid: str, typ: str, spelling: str, role: str | None = None) -> EntityRef:
    start = text.index(needle)
    return EntityRef(
        aid, start, start + len(needle), needle, eid, typ, "Marek Dolan" if eid == "e-dolan" else needle, spelling, role
    )


def story_entities() -> tuple[EntityRef, ...]:
    return (
        _mention("a-herald", HERALD, "Marek Dolan", "e-dolan", "person", "Marek Dolan", "embattled president"),
        _mention("a-valley", HERALD, "Marek Dolan", "e-dolan", "person", "Marek Dolan", "embattled president"),
        _mention("a-eastport", EASTPORT, "Lesnovia", "e-lesnovia", "place", "Lesnovia"),
        _mention("a-rundschau", RUNDSCHAU, "Marek Dolan", "e-dolan", "person", "Marek Dolan", "Präsident"),
        _mention("a-herald", HERALD, "Ilse Varga", "e-varga", "person", "Ilse Varga", "Finance Minister"),
        _mention("a-rundschau", RUNDSCHAU, "Ilse Varga", "e-varga", "person", "Ilse Varga", "Finanzministerin"),
        _mention("a-eastport", EASTPORT, "Tarvia", "e-tarvia", "place", "Tarvia"),
        _mention("a-herald", HERALD, "Tarvia", "e-tarvia", "place", "Tarvia"),
        _mention("a-rundschau", RUNDSCHAU, "Tarvia", "e-tarvia", "place", "Tarvia"),
        _mention("a-eastport", EASTPORT, "Marek Dolanov", "e-dolan", "person", "Marek Dolanov", "President"),
    )


def story_quotes() -> tuple[QuoteRef, ...]:
    def q(aid: str, text: str, words: str, lid: str, wording: str | None) -> QuoteRef:
        start = text.index(words)
        return QuoteRef(
            aid,
            f"q-{aid}",
            words,
            start - 1,
            start + len(words) + 1,
            "direct",
            lid,
            "Ilse Varga",
            "e-varga",
            wording=wording,
        )

    return (
        q("a-herald", HERALD, "We will repay every crown,", "l-repay", "first"),
        q("a-valley", HERALD, "We will repay every crown,", "l-repay", "verbatim"),
        q("a-rundschau", RUNDSCHAU, "Wir werden jede Krone zurückzahlen", "l-repay", "translation"),
    )


@cache
def story_inputs() -> StoryInputs:
    return StoryInputs(
        "story-tarvia",
        "event",
        "Tarvia's loan to Lesnovia",
        story_articles(),
        story_entities(),
        story_quotes(),
        (),
        {"e-dolan": "Marek Dolan", "e-varga": "Ilse Varga"},
    )


def as_article(a: StoryArticle) -> Article:
    meta = {
        "outlet": Field(a.outlet, "test"),
        "language": Field(a.language, "test"),
        "title": Field(a.title, "test"),
        "published": Field(a.published, "test"),
        "agencies": Field(list(a.agencies), "test"),
    }
    return Article(a.id, a.id, a.id, "test", "text", a.text, meta)
