"""Metadata from scraped page text: invented junk-wrapped pages, one rule per test.

Each page is built from blocks; the body paragraphs are known, so the tests
can hand ``text_metadata`` an exact cleaner verdict and also degenerate ones
(nothing kept, everything kept) -- the metadata must not depend on a perfect
cleaner.
"""

from __future__ import annotations

import pytest

from storyweave.extraction.agencies import canonical, line_credits
from storyweave.extraction.textclean import CleanedText
from storyweave.extraction.textdates import find_dates, guess_language
from storyweave.extraction.textmeta import find_agencies, text_metadata
from storyweave.models import Field

EN_BODY = [
    "The harbour authority of Valmora approved a new dredging plan on Tuesday after three months of talks "
    "with shipping firms and the fishermen's union, officials said.",
    "Under the plan, the main channel will be deepened by two metres so that larger container ships can dock, "
    "a change the authority says will add four hundred jobs by the end of next year.",
    "“We listened to every side and this is the compromise that keeps the port alive,” said harbour director "
    "Ilse Marovic, who has led the authority since 2019.",
]
FR_BODY = [
    "Les dockers du port de Valmora ont cessé le travail mardi matin pour protester contre le plan de dragage, "
    "a indiqué le syndicat dans un communiqué publié dans la soirée.",
    "Selon la direction du port, les travaux doivent commencer au printemps et durer près de deux ans, "
    "ce que les pêcheurs jugent beaucoup trop long pour leur activité.",
]
DE_BODY = [
    "Die Hafenbehörde von Valmora hat am Dienstag einen neuen Plan für die Vertiefung der Fahrrinne beschlossen, "
    "wie ein Sprecher der Behörde mitteilte.",
    "Die Fischer kündigten an, die Arbeiten genau zu beobachten und bei Schäden an den Laichgründen erneut "
    "zu protestieren, was die Behörde als unbegründet zurückwies.",
]
ES_BODY = [
    "La autoridad portuaria de Valmora aprobó el martes un nuevo plan de dragado tras tres meses de negociaciones "
    "con las navieras y el sindicato de pescadores, informaron fuentes oficiales.",
    "Según el plan, el canal principal se profundizará dos metros para que puedan atracar buques más grandes, "
    "lo que según la autoridad creará cuatrocientos empleos.",
]


def page(*blocks: str | list[str]) -> tuple[str, set[str]]:
    """Join blocks into a page; lists are body paragraphs (the lines a perfect cleaner keeps)."""
    parts: list[str] = []
    body: set[str] = set()
    for b in blocks:
        if isinstance(b, list):
            parts.extend(b)
            body.update(b)
        else:
            parts.append(b)
    return "\n\n".join(parts), body


def cleaned(raw: str, body: set[str], mode: str) -> CleanedText:
    lines = tuple(ln.strip() for ln in raw.splitlines() if ln.strip())
    if mode == "exact":
        keep = tuple(ln in body for ln in lines)
    elif mode == "none":
        keep = (False,) * len(lines)
    else:  # "all": a cleaner that keeps everything
        keep = (True,) * len(lines)
    return CleanedText(lines, keep, ())


MODES = ("exact", "none", "all")


def meta(blocks: tuple[str | list[str], ...], mode: str = "exact") -> dict[str, Field]:
    raw, body = page(*blocks)
    return text_metadata(raw, cleaned(raw, body, mode))


def value(m: dict[str, Field], name: str) -> object:
    f = m.get(name)
    return None if f is None else f.value


# ---------------------------------------------------------------- title


@pytest.mark.parametrize("mode", MODES)
def test_title_skips_menus_and_breaking_news(mode: str) -> None:
    m = meta(
        (
            "Accessibility links",
            "Left Menu",
            "Breaking News",
            "Home | World | Business | Sport",
            "Valmora harbour approves dredging plan",
            EN_BODY,
        ),
        mode,
    )
    assert value(m, "title") == "Valmora harbour approves dredging plan"
    assert m["title"].source == "text-headline"


@pytest.mark.parametrize("mode", MODES)
def test_title_prefers_repeated_headline_over_site_name(mode: str) -> None:
    m = meta(
        (
            "Valmora Courier Edition",
            "Harbour Weekly Magazine",
            "Fishermen vow to watch dredging work closely",
            "Port News | Updated: 11-03-2025 10:00 CET",
            "Fishermen vow to watch dredging work closely",
            "Representative image Image Credit: Pixabay",
            EN_BODY,
        ),
        mode,
    )
    assert value(m, "title") == "Fishermen vow to watch dredging work closely"
    assert m["title"].confidence >= 0.8


def test_credit_lines_are_not_titles() -> None:
    m = meta(("Valmora harbour approves dredging plan", "Reporting by Jane Doe; Editing by John Roe", EN_BODY))
    assert value(m, "title") == "Valmora harbour approves dredging plan"
    assert value(m, "agencies") == ["Reuters"]


def test_headline_with_dateline_words_is_still_a_headline() -> None:
    m = meta(("Menu", "Scientists created gene-edited fish in Valmora lab", EN_BODY))
    assert value(m, "title") == "Scientists created gene-edited fish in Valmora lab"


def test_title_not_taken_from_related_link_inside_body() -> None:
    m = meta(
        ("Dredging plan approved in Valmora", [EN_BODY[0]], "Related: Strike threat looms at the port", EN_BODY[1:])
    )
    assert value(m, "title") == "Dredging plan approved in Valmora"


# ---------------------------------------------------------------- published


def test_created_wins_over_updated() -> None:
    m = meta(
        (
            "Left Menu",
            "Valmora harbour approves dredging plan",
            "Reuters | Updated: 17-03-2025 08:15 IST | Created: 16-03-2025 22:54 IST",
            EN_BODY,
        )
    )
    assert value(m, "published") == "2025-03-16T22:54:00+05:30"
    assert m["published"].source == "text-dateline"
    assert m["published"].confidence >= 0.8


def test_updated_only_is_weak() -> None:
    m = meta(("Valmora harbour approves dredging plan", "Last updated: March 12, 2025", EN_BODY))
    assert value(m, "published") == "2025-03-12"
    assert m["published"].confidence < 0.5


@pytest.mark.parametrize("mode", MODES)
def test_standalone_date_line(mode: str) -> None:
    m = meta(("Valmora harbour approves dredging plan", "By Tomas Reyl", "September 29, 2020", EN_BODY), mode)
    assert value(m, "published") == "2020-09-29"
    assert m["published"].source == "text-dateline"


def test_dated_caption_is_weaker_source() -> None:
    m = meta(("Valmora harbour approves dredging plan", "Ilse Marovic. 10 November 2020. Photo:", EN_BODY))
    assert value(m, "published") == "2020-11-10"
    assert m["published"].source == "text-caption"
    assert m["published"].confidence <= 0.6


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2020-09-29", "2020-09-29"),
        ("29.09.2020", "2020-09-29"),
        ("2020/09/29", "2020-09-29"),
        ("Published: 2020-09-29T08:30:00Z", "2020-09-29T08:30:00Z"),
        ("Tuesday, 29 September 2020", "2020-09-29"),
        ("Sept. 29, 2020", "2020-09-29"),
    ],
)
def test_date_line_forms(line: str, expected: str) -> None:
    m = meta(("Valmora harbour approves dredging plan", line, EN_BODY))
    assert value(m, "published") == expected


def test_french_page() -> None:
    m = meta(
        (
            "Aller au contenu",
            "Grève des dockers au port de Valmora",
            "Par Claire Dumont",
            "Publié le 1er octobre 2020 à 14h30",
            FR_BODY,
            "À lire aussi",
            "Le port publie ses comptes – 3 octobre 2020",
        )
    )
    assert value(m, "title") == "Grève des dockers au port de Valmora"
    assert value(m, "published") == "2020-10-01"
    assert value(m, "byline") == "Claire Dumont"


def test_german_page_with_dpa() -> None:
    m = meta(
        (
            "Startseite",
            "Hafen Valmora vertieft die Fahrrinne",
            "Veröffentlicht am 29. September 2020, 10:15 Uhr",
            ["Valmora (dpa) - " + DE_BODY[0], DE_BODY[1]],
        )
    )
    assert value(m, "title") == "Hafen Valmora vertieft die Fahrrinne"
    assert value(m, "published") == "2020-09-29"
    assert value(m, "agencies") == ["dpa"]


def test_spanish_page_with_efe() -> None:
    m = meta(
        (
            "Ir al contenido",
            "Valmora aprueba el dragado de su puerto",
            "29 de septiembre de 2020",
            ["Valmora, 29 sep (EFE).- " + ES_BODY[0], ES_BODY[1]],
        )
    )
    assert value(m, "title") == "Valmora aprueba el dragado de su puerto"
    assert value(m, "published") == "2020-09-29"
    assert value(m, "agencies") == ["EFE"]


def test_ambiguous_numeric_date() -> None:
    # a day above 12 settles the order
    m = meta(("Valmora harbour approves dredging plan", "16/09/2020", EN_BODY))
    assert value(m, "published") == "2020-09-16"
    assert m["published"].confidence >= 0.7
    # otherwise the language's convention is used, with a lower confidence
    en = meta(("Valmora harbour approves dredging plan", "03/04/2020", EN_BODY))
    assert value(en, "published") == "2020-03-04"
    fr = meta(("Grève des dockers au port de Valmora", "03/04/2020", FR_BODY))
    assert value(fr, "published") == "2020-04-03"
    assert en["published"].confidence < 0.7 and fr["published"].confidence < 0.7


def test_date_without_year_stays_partial() -> None:
    m = meta(("Valmora harbour approves dredging plan", "November 10", EN_BODY))
    assert value(m, "published") == "--11-10"
    assert m["published"].confidence <= 0.3


def test_agency_dateline_date() -> None:
    m = meta(("Le port de Valmora en grève", ["VALMORA, 3 mars 2020 (AFP) - " + FR_BODY[0], FR_BODY[1]]))
    assert value(m, "published") == "2020-03-03"
    assert value(m, "agencies") == ["AFP"]


def test_header_date_wins_over_trending_dates() -> None:
    m = meta(
        (
            "Valmora harbour approves dredging plan",
            "March 11, 2025",
            EN_BODY,
            "Most read",
            "Ten recipes for a rainy weekend",
            "March 14, 2025",
        )
    )
    assert value(m, "published") == "2025-03-11"


def test_dates_in_body_sentences_are_not_publication_dates() -> None:
    body = [
        EN_BODY[0],
        "The previous plan, agreed on March 3, 2019, was abandoned after a court ruling.",
        "A first study of the channel was published on May 5, 2018 by the university.",
        *EN_BODY[1:],
    ]
    m = meta(("Valmora harbour approves dredging plan", body))
    assert "published" not in m


@pytest.mark.parametrize("mode", ("exact", "none"))
def test_trending_and_comment_dates_are_ignored(mode: str) -> None:
    m = meta(
        (
            "Valmora harbour approves dredging plan",
            EN_BODY,
            "TRENDING",
            "Ten recipes for a rainy weekend",
            "May 3, 2021",
            "Leave a Reply",
            "Marta K. says:",
            "June 1, 2021 at 10:14 am",
        ),
        mode,
    )
    assert "published" not in m


# ---------------------------------------------------------------- byline and agencies


def test_by_agency_is_not_a_person() -> None:
    m = meta(("Valmora harbour approves dredging plan", "By AFP", "September 29, 2020", EN_BODY))
    assert "byline" not in m
    assert value(m, "agencies") == ["AFP"]


def test_person_and_agency_line() -> None:
    m = meta(("Valmora harbour approves dredging plan", "Jane Doe | Reuters", EN_BODY))
    assert value(m, "byline") == "Jane Doe"
    assert value(m, "agencies") == ["Reuters"]


def test_by_line_with_date() -> None:
    m = meta(("Valmora harbour approves dredging plan", "By Jane Doe and John Roe | March 11, 2025", EN_BODY))
    assert value(m, "byline") == "Jane Doe, John Roe"
    assert value(m, "published") == "2025-03-11"


@pytest.mark.parametrize("mode", MODES)
def test_signature_block(mode: str) -> None:
    m = meta(
        (
            "Valmora harbour approves dredging plan",
            EN_BODY,
            "Ilse Marovic",
            "Senior Correspondent",
            "Leave a Reply",
            "Fill in your details below or click an icon to log in:",
        ),
        mode,
    )
    assert value(m, "byline") == "Ilse Marovic"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By AFP", ["AFP"]),
        ("Reuters | Updated: 16-09-2020 23:29 IST", ["Reuters"]),
        ("MOSCOW (Reuters) - The central bank kept its key rate on hold on Friday.", ["Reuters"]),
        ("With reporting by TASS and Interfax", ["Interfax", "TASS"]),
        ("The port will reopen on Monday, officials said. — AP", ["AP"]),
        ("Reporting by Jane Doe in Valmora; Editing by John Roe", ["Reuters"]),
        ("Berlin (dpa) - Der Hafen bleibt geschlossen.", ["dpa"]),
        ("EFE", ["EFE"]),
        ("Agencies", ["Agencies"]),
        ("(With inputs from PTI)", ["PTI"]),
        ("Le Monde avec AFP", ["AFP"]),
        ("By Agence France-Presse", ["AFP"]),
        ("Source: Xinhua", ["Xinhua"]),
        ("Guardian staff and agencies", ["Agencies"]),
        ("By Jane Doe, AFP", ["AFP"]),
        ("Por Juan Pérez | EFE", ["EFE"]),
        ("Von Hans Müller, dpa", ["dpa"]),
        ("PARIS, 3 mars 2020 (AFP) - Le gouvernement a annoncé mardi de nouvelles mesures.", ["AFP"]),
    ],
)
def test_agency_credits(text: str, expected: list[str]) -> None:
    f = find_agencies(text)
    assert f is not None and f.value == expected


@pytest.mark.parametrize(
    "text",
    [
        "“This is a coup,” he was quoted by RIA news agency as saying.",
        "The minister told Reuters the talks would resume next week.",
        "The Kremlin later denied the report, the TASS news agency reported.",
        "According to Interfax, the plant was closed on Monday.",
        "Photo: AFP",
        "Image Credit: Reuters",
        "Russian Defence Minister Sergei Shoigu flew into Minsk on Wednesday – TASS said the talks were short.",
        "The Russian news agency (TASS) said talks were short.",
        "The figures were first reported by the Associated Press (AP).",
    ],
)
def test_agency_mentions_are_not_credits(text: str) -> None:
    assert find_agencies(text) is None


def test_quoted_agency_is_not_credited_on_a_page() -> None:
    body = [EN_BODY[0], "“We will not give up,” he was quoted by RIA news agency as saying.", EN_BODY[1]]
    m = meta(("Valmora harbour approves dredging plan", "Reuters | Created: 16-09-2020 22:54 IST", body))
    assert value(m, "agencies") == ["Reuters"]


def test_agency_gazetteer_aliases() -> None:
    assert canonical("Associated Press") == "AP"
    assert canonical("Agence France-Presse") == "AFP"
    assert canonical("ITAR-TASS") == "TASS"
    assert canonical("Valmora Courier") is None
    assert line_credits("he told Reuters") == []


# ---------------------------------------------------------------- outlet and url


def test_url_line_gives_url_and_domain_outlet() -> None:
    m = meta(
        (
            "Valmora harbour approves dredging plan",
            EN_BODY,
            "Original url:",
            "https://www.valmora-courier.com/2025/03/11/harbour-dredging-plan-a123",
        )
    )
    assert value(m, "url") == "https://www.valmora-courier.com/2025/03/11/harbour-dredging-plan-a123"
    assert m["url"].source == "text-url-line"
    assert value(m, "outlet") == "valmora-courier.com"


def test_url_line_uses_name_the_page_gives() -> None:
    m = meta(
        (
            "Valmora harbour approves dredging plan",
            EN_BODY,
            "Source: https://valmoracourier.com/harbour",
            "© 2025 Valmora Courier. All rights reserved.",
        )
    )
    assert value(m, "outlet") == "Valmora Courier"


def test_copyright_line_gives_outlet() -> None:
    m = meta(("Valmora harbour approves dredging plan", EN_BODY, "Privacy | Terms", "Copyright © 2025 Harbour Weekly"))
    assert value(m, "outlet") == "Harbour Weekly"
    assert m["outlet"].source == "text-copyright"


def test_footer_site_name_near_contact_email() -> None:
    m = meta(
        (
            "Valmora harbour approves dredging plan",
            EN_BODY,
            "SECTIONS",
            "CONNECT",
            "Portwatch",
            "Email: desk@portwatch.net",
            "Phone: +1 555 0100",
            "© Copyright 2025",
        )
    )
    assert value(m, "outlet") == "Portwatch"


def test_comment_form_platform_is_not_the_outlet() -> None:
    m = meta(
        (
            "Valmora harbour approves dredging plan",
            EN_BODY,
            "Leave a Reply",
            "WordPress.com Logo",
            "You are commenting using your WordPress.com account. Log Out / Change )",
            "You are commenting using your Twitter account. Log Out / Change )",
            "Email: someone@gmail.com",
        )
    )
    assert "outlet" not in m
    assert "url" not in m


def test_source_line_with_bare_domain() -> None:
    m = meta(("Valmora harbour approves dredging plan", EN_BODY, "Source: www.harbour-weekly.net"))
    assert value(m, "outlet") == "harbour-weekly.net"
    assert "url" not in m


def test_photo_copyright_inside_a_line_is_not_the_outlet() -> None:
    m = meta(("Valmora harbour approves dredging plan", "Ilse Marovic in her office. © Jan Novak", EN_BODY))
    assert "outlet" not in m


def test_agency_copyright_is_not_the_outlet() -> None:
    m = meta(("Valmora harbour approves dredging plan", EN_BODY, "© 2025 Thomson Reuters"))
    assert "outlet" not in m


# ---------------------------------------------------------------- dates module


def test_find_dates_values() -> None:
    assert [h.value for h in find_dates("Created: 16-09-2020 22:54 IST")] == ["2020-09-16T22:54:00+05:30"]
    assert [h.value for h in find_dates("29. September 2020")] == ["2020-09-29"]
    assert [h.value for h in find_dates("le 3 mars 2021")] == ["2021-03-03"]
    assert [h.value for h in find_dates("el 5 de mayo de 2021")] == ["2021-05-05"]
    assert [h.value for h in find_dates("Nov. 10")] == ["--11-10"]
    assert find_dates("31.02.2020") == []  # not a date: never coerced
    assert find_dates("they may 10 times") == []
    assert find_dates("10:30 GMT") == []


def test_guess_language() -> None:
    assert guess_language(" ".join(FR_BODY)) == "fr"
    assert guess_language(" ".join(DE_BODY)) == "de"
    assert guess_language(" ".join(ES_BODY)) == "es"
    assert guess_language(" ".join(EN_BODY)) == "en"


def test_empty_input() -> None:
    assert text_metadata("", CleanedText((), (), ())) == {}


# ---------------------------------------------------------------- agencies missing from the gazetteer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By NTX", ["NTX"]),
        ("BRISTOR, Kelland (Harwire) — The regional assembly met on Monday.", ["Harwire"]),
        ("(Harwire) - The regional assembly met on Monday.", ["Harwire"]),
        ("With reporting by NTX and Harwire.", ["Harwire", "NTX"]),
        ("Additional reporting by Harwire", ["Harwire"]),
        ("Mit Material von NTX.", ["NTX"]),
        ("Le Courrier avec NTX", ["NTX"]),
        ("Source: NTX", ["NTX"]),
        ("The assembly will meet again next week. — Harwire", ["Harwire"]),
        ("KELLAND (Baltic Wire Service) — The assembly met.", ["Baltic Wire Service"]),
    ],
)
def test_unknown_agency_credits(text: str, expected: list[str]) -> None:
    f = find_agencies(text)
    assert f is not None and f.value == expected


@pytest.mark.parametrize(
    "text",
    [
        "The minister told NTX the talks would resume.",
        "He was quoted by the NTX agency as saying the vote was fair.",
        "According to Harwire, two aides were detained.",
        "By Jane Doe",
        "By Dr Jane Doe, Senior Fellow, Kelland Policy Programme",
        "Photo: NTX",
        "(UPDATE) - The assembly met.",
        "Central Planning Office (CPO) – a body set up in 1990, met today.",
        "Source: Ministry of Transport",
    ],
)
def test_unknown_agency_mentions_are_not_credits(text: str) -> None:
    assert find_agencies(text) is None


def test_unknown_agency_long_form_maps_to_acronym() -> None:
    text = "The Kelland News Agency (KNX) was founded in 1950.\nBRISTOR (Kelland News Agency) — The x.\nBy KNX"
    f = find_agencies(text)
    assert f is not None and f.value == ["KNX"]


def test_credited_unknown_agency_counts_in_weaker_forms() -> None:
    f = find_agencies("NTX | Updated: 08-03-2025 07:40 CET\nBRISTOR (NTX) — The assembly met on Monday.")
    assert f is not None and f.value == ["NTX"]


# ---------------------------------------------------------------- headline junk


@pytest.mark.parametrize(
    "junk",
    [
        "Reading time: 6 minutes",
        "Comments (87)  |  Gift this article",
        "Artikel anhören (3 Minuten)",
        "Listen to this article",
        "Lecture 5 min.",
        "Valmora Courier with Harwire",
    ],
)
def test_utility_lines_are_not_titles(junk: str) -> None:
    m = meta(
        (
            "Valmora harbour approves dredging plan",
            "March 11, 2025",
            junk,
            "VALMORA (Harwire) — " + EN_BODY[0],
            EN_BODY[1:],
        )
    )
    assert value(m, "title") == "Valmora harbour approves dredging plan"


def test_share_headline_is_still_a_headline() -> None:
    m = meta(("Menu", "Share prices fall as Valmora port closes", EN_BODY))
    assert value(m, "title") == "Share prices fall as Valmora port closes"


def test_name_line_under_headline_is_byline_not_title() -> None:
    m = meta(("Valmora harbour approves dredging plan", "Ilse Marovic", "Share: Email | Copy link | Print", EN_BODY))
    assert value(m, "title") == "Valmora harbour approves dredging plan"
    assert value(m, "byline") == "Ilse Marovic"


# ---------------------------------------------------------------- bylines with roles


def test_byline_drops_role_and_affiliation() -> None:
    m = meta(
        (
            "Valmora harbour approves dredging plan",
            "By Dr Ilse Marovic, Senior Fellow, Maritime Policy Programme",
            "March 11, 2025",
            EN_BODY,
        )
    )
    assert value(m, "byline") == "Dr Ilse Marovic"
    assert "Senior Fellow" in str(m["byline"].evidence)


def test_par_byline_with_parenthesis() -> None:
    m = meta(("Le port de Valmora en grève", "Par Jeanne Roux (Valmora, envoyée spéciale)", FR_BODY))
    assert value(m, "byline") == "Jeanne Roux"


def test_by_unknown_agency_is_not_a_byline() -> None:
    m = meta(("Valmora harbour approves dredging plan", "By NTX", "VALMORA (NTX) — " + EN_BODY[0], EN_BODY[1:]))
    assert "byline" not in m
    assert value(m, "agencies") == ["NTX"]


# ---------------------------------------------------------------- outlet named by the text


def test_outlet_spelled_by_domain() -> None:
    m = meta(
        (
            "Valmora Evening News",
            "Valmora harbour approves dredging plan",
            EN_BODY,
            "Original url: https://www.valmoranews.com/harbour-1.234",
        )
    )
    assert value(m, "outlet") == "Valmora Evening News"


def test_outlet_from_copyright_with_company_suffix() -> None:
    m = meta(
        (
            "Valmora harbour approves dredging plan",
            EN_BODY,
            "© 2025 Valmora Evening News Ltd, 4 Quay Street, Valmora. Registered No. 123.",
            "Original url: https://www.valmoranews.com/harbour-1.234",
        )
    )
    assert value(m, "outlet") == "Valmora Evening News"
    assert m["outlet"].source == "text-copyright"


def test_outlet_in_capitals_takes_the_page_casing() -> None:
    m = meta(
        (
            "KELLAND FORUM",
            "Valmora harbour approves dredging plan",
            EN_BODY,
            "Kelland Forum is a registered charity.",
            "Original url: https://kellandforum.org/insights/harbour",
        )
    )
    assert value(m, "outlet") == "Kelland Forum"


def test_outlet_with_article_and_accents() -> None:
    m = meta(
        ("L'Étoile du Nord", "Le port de Valmora en grève", FR_BODY, "Original url: https://etoile-du-nord.fr/a/1")
    )
    assert value(m, "outlet") == "L'Étoile du Nord"


def test_unrelated_name_does_not_match_domain() -> None:
    m = meta(
        (
            "Valmora harbour approves dredging plan",
            EN_BODY,
            "© 2025 Harbour Media Group. All rights reserved.",
            "Original url: https://www.valmoranews.com/harbour-1.234",
        )
    )
    assert value(m, "outlet") == "valmoranews.com"
