"""HTML page -> body and attributed metadata, on small invented pages."""

from __future__ import annotations

import json

import pytest

from storyweave.config import ExtractOptions
from storyweave.errors import NoArticleError
from storyweave.extraction.html import extract_html, page_metadata, parse_html
from storyweave.extraction.htmlmeta import iso_date

BODY_EN = [
    "The lighthouse keepers of Ostrava Bay voted on Monday to keep the old lamp running through the winter, "
    "ending a dispute with the coastal board that had lasted since the spring storms damaged the tower.",
    "Under the agreement, the board will pay for new glass in the lantern room and the keepers will log every "
    "night's weather by hand, as they did before the automatic station was installed in the nineteen-nineties.",
    "Board chair Petra Lindqvist said the vote was a relief for the fishing fleet, whose skippers had written "
    "more than two hundred letters asking for the light to stay on during the dark months.",
    "Repairs to the gallery railing are due to begin next week and should be finished before the first frost, "
    "the board added in a statement published on its website on Monday evening.",
]
BODY_DE = [
    "Die Fährgesellschaft der Insel Norderwald hat am Dienstag angekündigt, den Winterfahrplan um zwei Abfahrten "
    "am Abend zu erweitern, nachdem sich Pendler monatelang über volle Schiffe beschwert hatten.",
    "Nach Angaben des Unternehmens sollen die zusätzlichen Fahrten ab Anfang Dezember angeboten werden; die "
    "Kosten übernimmt vorerst der Landkreis, der das Angebot im Frühjahr noch einmal prüfen will.",
    "Der Bürgermeister der Insel begrüßte die Entscheidung und sprach von einem wichtigen Signal für die Familien, "
    "deren Kinder auf dem Festland zur Schule gehen und oft erst spät am Abend zurückkehren.",
]


def page(
    *,
    head: str = "",
    h1: str | None = "Keepers vote to keep Ostrava Bay light burning",
    body: list[str] | None = None,
    lang: str = "en",
    extra_body: str = "",
) -> str:
    paras = "".join(f"<p>{p}</p>" for p in (BODY_EN if body is None else body))
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>'
        '<nav><a href="/">Home</a> <a href="/coast">Coast</a> <a href="/weather">Weather</a></nav>'
        f"<main><article>{heading}{extra_body}{paras}</article></main>"
        "<footer><p>© Ostrava Bay Gazette. All rights reserved.</p></footer></body></html>"
    )


def jsonld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_jsonld_page() -> None:
    head = (
        "<title>Keepers vote to keep Ostrava Bay light burning | Ostrava Bay Gazette</title>"
        '<link rel="canonical" href="/coast/keepers-vote">'
        '<meta property="og:url" content="https://gazette.example.org/coast/keepers-vote?ref=og">'
        '<meta property="og:site_name" content="Ostrava Bay Gazette">'
        '<meta property="og:title" content="Keepers vote to keep Ostrava Bay light burning">'
        '<meta name="description" content="The old lamp stays on through the winter.">'
        + jsonld(
            {
                "@context": "https://schema.org",
                "@graph": [
                    {"@type": "WebSite", "name": "Ostrava Bay Gazette"},
                    {
                        "@type": ["NewsArticle"],
                        "headline": "Keepers vote to keep Ostrava Bay light burning",
                        "datePublished": "2024-10-14T18:05:00+02:00",
                        "author": [
                            {"@type": "Person", "name": "Ida Halvorsen"},
                            {"@type": "Person", "name": "Ben Oduya"},
                        ],
                        "publisher": {"@type": "Organization", "name": "Ostrava Bay Gazette"},
                    },
                ],
            }
        )
    )
    res = extract_html(page(head=head), url="https://gazette.example.org/coast/keepers-vote")
    assert "lighthouse keepers of Ostrava Bay" in res.text
    assert "Home" not in res.text.split("\n")[0]
    m = res.meta
    assert m["title"].value == "Keepers vote to keep Ostrava Bay light burning"
    assert m["title"].source == "h1"
    assert m["published"].value == "2024-10-14T18:05:00+02:00"
    assert m["published"].source == "json-ld"
    assert m["byline"].value == "Ida Halvorsen, Ben Oduya"
    assert m["byline"].source == "json-ld"
    assert m["outlet"].value == "Ostrava Bay Gazette"
    assert m["url"].value == "https://gazette.example.org/coast/keepers-vote"  # canonical wins over og:url
    assert m["language"].value == "en"
    assert m["description"].value == "The old lamp stays on through the winter."
    for f in m.values():
        assert 0.0 <= f.confidence <= 1.0


def test_meta_tags_only() -> None:
    head = (
        "<title>Lamp to stay on - Ostrava Bay Gazette</title>"
        '<meta property="og:title" content="Keepers vote to keep Ostrava Bay light burning">'
        '<meta property="og:site_name" content="Ostrava Bay Gazette">'
        '<meta property="article:published_time" content="2024-10-14">'
        '<meta name="author" content="By Ida Halvorsen">'
        '<meta property="og:url" content="https://gazette.example.org/coast/keepers-vote">'
    )
    m = extract_html(page(head=head, h1=None)).meta
    assert m["title"].value == "Keepers vote to keep Ostrava Bay light burning"
    assert (m["title"].source, m["title"].evidence) == ("meta", "og:title")
    assert (m["published"].value, m["published"].source) == ("2024-10-14", "meta")
    assert (m["byline"].value, m["byline"].source) == ("Ida Halvorsen", "meta")
    assert (m["url"].value, m["url"].source) == ("https://gazette.example.org/coast/keepers-vote", "meta")


def test_title_only_page_strips_site_suffix_and_invents_nothing() -> None:
    head = "<title>Keepers vote to keep Ostrava Bay light burning | Ostrava Bay Gazette</title>"
    m = extract_html(page(head=head, h1=None)).meta
    assert m["title"].value == "Keepers vote to keep Ostrava Bay light burning"
    assert m["title"].source == "html-title"
    # the cut segment names the site: kept as the outlet, with the low confidence of a lone title segment
    outlet = m["outlet"]
    assert (outlet.value, outlet.source) == ("Ostrava Bay Gazette", "html-title-suffix")
    assert outlet.confidence <= 0.5
    for absent in ("byline", "published", "url", "description"):
        assert absent not in m, absent


def test_site_name_from_domain_strips_title() -> None:
    head = "<title>Ostravabaygazette | Keepers vote to keep the light burning</title>"
    m = extract_html(page(head=head, h1=None), url="https://www.ostravabaygazette.example/a").meta
    assert m["title"].value == "Keepers vote to keep the light burning"


def test_visible_headline_beats_declared_title() -> None:
    head = (
        "<title>Lamp stays on at Ostrava Bay | Ostrava Bay Gazette</title>"
        '<meta property="og:title" content="Lamp stays on at Ostrava Bay">'
    )
    m = extract_html(page(head=head)).meta
    assert m["title"].value == "Keepers vote to keep Ostrava Bay light burning"
    assert m["title"].source == "h1"


def test_h1_that_is_the_site_name_is_ignored() -> None:
    head = (
        "<title>Lamp stays on at Ostrava Bay | Ostrava Bay Gazette</title>"
        '<meta property="og:site_name" content="Ostrava Bay Gazette">'
    )
    m = extract_html(page(head=head, h1="Ostrava Bay Gazette")).meta
    assert m["title"].value == "Lamp stays on at Ostrava Bay"


def test_date_found_in_page_when_not_declared() -> None:
    extra = '<p class="date">Published <time datetime="2024-10-14">14 October 2024</time></p>'
    m = extract_html(page(extra_body=extra)).meta
    assert m["published"].value == "2024-10-14"
    assert m["published"].source == "html-time"
    assert m["published"].confidence < 0.9


def test_non_english_page() -> None:
    head = (
        "<title>Mehr Fähren am Abend – Norderwalder Bote</title>"
        '<meta property="og:site_name" content="Norderwalder Bote">'
        '<meta property="article:published_time" content="2024-11-05T07:30:00Z">'
    )
    res = extract_html(page(head=head, h1="Mehr Fähren am Abend", body=BODY_DE, lang="de-DE"))
    assert "Fährgesellschaft der Insel Norderwald" in res.text
    assert res.meta["title"].value == "Mehr Fähren am Abend"
    assert res.meta["language"].value == "de"
    assert res.meta["language"].confidence <= 0.6  # a hint, not a finding
    assert res.meta["published"].value == "2024-11-05T07:30:00Z"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><head><title>Ostrava Bay Gazette</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a><a href='/x'>Coast</a></nav><footer>© Gazette</footer></body></html>",
    ],
)
def test_no_article(html: str) -> None:
    with pytest.raises(NoArticleError):
        extract_html(html)


@pytest.mark.parametrize("mode", ["precision", "balanced", "recall"])
def test_modes_all_work(mode: str) -> None:
    res = extract_html(page(), options=ExtractOptions(html_mode=mode))
    assert "fishing fleet" in res.text


def test_broken_jsonld_is_skipped() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>' + jsonld(
        {
            "@type": "NewsArticle",
            "headline": "Keepers vote to keep Ostrava Bay light burning",
            "datePublished": "13/10/2024",
        }
    )
    m = extract_html(page(head=head)).meta
    assert m["title"].value == "Keepers vote to keep Ostrava Bay light burning"
    assert "published" not in m or m["published"].source != "json-ld"  # an unreadable date is not used


def test_tree_is_not_changed_by_extraction() -> None:
    head = "<title>Keepers vote | Ostrava Bay Gazette</title>"
    tree = parse_html(page(head=head))
    assert tree is not None
    before = len(list(tree.iter()))
    first = page_metadata(tree)
    assert len(list(tree.iter())) == before
    assert page_metadata(tree) == first


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-10-14", "2024-10-14"),
        ("2024-10-14T18:05:00Z", "2024-10-14T18:05:00Z"),
        ("2024-10-14T18:05:00+02:00", "2024-10-14T18:05:00+02:00"),
        ("2024-10-14 18:05:00", "2024-10-14T18:05:00"),
        ("2024-02-30", None),
        ("1850-01-01", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_iso_date(value: str | None, expected: str | None) -> None:
    assert iso_date(value) == expected


def test_headline_markup_that_is_not_headline_text() -> None:
    h1 = (
        "Keepers vote to keep the light<br>burning"
        '<div class="divider"></div><h3><span class="posted-on">Posted on <time>May 2, 2024</time></span>'
        '<span class="byline"> by <a>gazette</a></span></h3>'
    )
    head = '<meta property="og:title" content="Keepers vote to keep the light burning">'
    assert extract_html(page(head=head, h1=h1)).meta["title"].value == "Keepers vote to keep the light burning"
    dated = '<a href="/a"><time datetime="2024-05-02">May <span>2</span> 2024</time> Keepers vote to keep the lamp</a>'
    assert extract_html(page(h1=dated)).meta["title"].value == "Keepers vote to keep the lamp"


def test_kicker_label_in_headline_is_dropped() -> None:
    m = extract_html(page(h1="<strong>Opinion:</strong> Keepers were right to keep the lamp")).meta
    assert m["title"].value == "Keepers were right to keep the lamp"
    # a colon in the headline text itself stays
    m = extract_html(page(h1="Ostrava Bay: keepers vote to keep the lamp")).meta
    assert m["title"].value == "Ostrava Bay: keepers vote to keep the lamp"


def test_headline_words_that_look_like_markup_stay() -> None:
    m = extract_html(page(h1="Why the &lt;blink&gt; tag never died")).meta
    assert m["title"].value == "Why the <blink> tag never died"


def test_section_labels_after_the_headline_go() -> None:
    head = '<meta property="og:title" content="Keepers vote to keep the lamp burning | Coast | Ostrava Bay Gazette">'
    m = extract_html(page(head=head, h1="Keepers vote to keep the lamp burning | Coast")).meta
    assert m["title"].value == "Keepers vote to keep the lamp burning"


def test_logo_h1_named_by_title_around_og_title() -> None:
    head = (
        "<title>Harbour Notes: Keepers vote to keep the lamp burning</title>"
        '<meta property="og:title" content="Keepers vote to keep the lamp burning">'
    )
    m = extract_html(page(head=head, h1="Harbour Notes")).meta
    assert m["title"].value == "Keepers vote to keep the lamp burning"


def test_two_part_headline_takes_the_declared_separator() -> None:
    head = '<meta property="og:title" content="Keepers keep the lamp - What the vote means for the fleet">'
    h1 = "<span>Keepers keep the lamp</span> <span>What the vote means for the fleet</span>"
    m = extract_html(page(head=head, h1=h1)).meta
    assert m["title"].value == "Keepers keep the lamp - What the vote means for the fleet"
