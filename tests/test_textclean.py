"""The text cleaner on invented junk-wrapped articles (English and German) written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyweave.extraction import textclean
from storyweave.extraction.textclean import CleanedText, clean_text

BODY_EN = [
    "The city council of Larkmoor voted on Thursday to close the old river bridge to heavy traffic after "
    "engineers found deep cracks in two of its three stone piers, officials said.",
    "Lorries heavier than 7.5 tonnes will be diverted through the northern ring road from Monday, a change "
    "that adds about twelve minutes to the journey between the port and the industrial estate.",
    "“We cannot take the risk that a pier gives way while a loaded truck is crossing,” said deputy mayor "
    "Oriane Feld, who chairs the council's transport committee.",
    "Local hauliers criticised the decision, saying they had warned about the state of the bridge for years "
    "and that the council had ignored repeated requests for an inspection.",
    "The repairs are expected to cost around 4 million euros and take at least eighteen months, according to "
    "a report presented to the council by the regional roads agency.",
    "A public meeting on the diversion is planned for next Wednesday evening at the town hall, where residents "
    "of the northern districts are expected to raise concerns about noise.",
]
STANDFIRST_EN = (
    "Engineers found deep cracks in two stone piers of the old river bridge, and the council now diverts "
    "heavy lorries through the northern ring road for at least eighteen months."
)

PAGE_EN = "\n".join(
    [
        "Skip to content",
        "  Home",
        "  News",
        "  Sport",
        "  Business",
        "  Weather",
        "Breaking News",
        "",
        "Larkmoor closes old river bridge to lorries after cracks found",
        "",
        STANDFIRST_EN,
        "",
        "By Mara Quinlan | 14 March 2024, 09:12",
        "Larkmoor closes old river bridge to lorries after cracks found",
        "The old river bridge seen from the east bank. Photo: Jonas Pell / Larkmoor Gazette",
        "",
        STANDFIRST_EN,
        "",
        BODY_EN[0],
        "",
        BODY_EN[1],
        "",
        "Related article: Ferry operators ask for a second landing stage",
        "",
        # the next paragraph is broken mid-sentence across two lines
        "“We cannot take the risk that a pier gives way while a loaded truck",
        "is crossing,” said deputy mayor Oriane Feld, who chairs the council's transport committee.",
        "",
        BODY_EN[3],
        "",
        BODY_EN[4],
        "",
        BODY_EN[5],
        "",
        "Share on Facebook",
        "Share on Twitter",
        "Email this article",
        "",
        "Trending",
        "",
        "Larkmoor harbour festival draws record crowds despite rain",
        "",
        "More than twenty thousand visitors came to the harbour festival on Saturday, organisers said, "
        "the highest number since the event began in 1998.",
        "",
        "New cycle lanes planned for the southern districts",
        "",
        "The council wants to add eight kilometres of protected cycle lanes by the end of next year, "
        "according to a draft plan published on Tuesday.",
        "",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Comment",
        "Name *",
        "Email *",
        "Post Comment",
        "",
        "Subscribe to our newsletter",
        "Contact us | Advertise | Privacy Policy | Terms of Use",
        "© 2024 Larkmoor Gazette. All rights reserved.",
    ]
)

BODY_DE = [
    "Der Stadtrat von Hollbach hat am Donnerstag beschlossen, die alte Flussbrücke für den Schwerverkehr zu "
    "sperren, nachdem Gutachter tiefe Risse in zwei der drei Steinpfeiler gefunden hatten.",
    "Lastwagen mit mehr als 7,5 Tonnen werden ab Montag über die nördliche Umgehungsstraße geleitet, was die "
    "Fahrt zwischen Hafen und Gewerbegebiet um etwa zwölf Minuten verlängert.",
    "„Wir können nicht riskieren, dass ein Pfeiler nachgibt, während ein beladener Lastwagen darüber fährt“, "
    "sagte die stellvertretende Bürgermeisterin Oriane Feld.",
    "Die Spediteure der Region kritisierten die Entscheidung und erklärten, sie hätten seit Jahren auf den "
    "Zustand der Brücke hingewiesen, ohne dass die Stadt reagiert habe.",
    "Die Reparatur soll rund vier Millionen Euro kosten und mindestens achtzehn Monate dauern, heißt es in "
    "einem Bericht des regionalen Straßenbauamts an den Stadtrat.",
]

PAGE_DE = "\n".join(
    [
        "Zum Inhalt springen",
        "  Startseite",
        "  Politik",
        "  Wirtschaft",
        "  Sport",
        "  Kultur",
        "",
        "Hollbach sperrt alte Flussbrücke für Lastwagen",
        "",
        "Von Mara Quinlan | 14.03.2024, 09:12 Uhr",
        "Die alte Flussbrücke vom Ostufer aus gesehen. Foto: Jonas Pell",
        "",
        BODY_DE[0],
        "",
        BODY_DE[1],
        "",
        "Lesen Sie auch: Fährbetreiber fordern zweiten Anleger",
        "",
        BODY_DE[2],
        "",
        BODY_DE[3],
        "",
        BODY_DE[4],
        "",
        "Artikel teilen",
        "",
        "Meistgelesen",
        "",
        "Hafenfest in Hollbach trotz Regen mit Besucherrekord",
        "",
        "Mehr als zwanzigtausend Menschen kamen am Samstag zum Hafenfest, so viele wie nie seit Beginn der "
        "Veranstaltung im Jahr 1998, teilten die Veranstalter mit.",
        "",
        "Neue Radwege für die südlichen Stadtteile geplant",
        "",
        "Die Stadt will bis Ende nächsten Jahres acht Kilometer geschützte Radwege anlegen, wie aus einem am "
        "Dienstag veröffentlichten Entwurf hervorgeht.",
        "",
        "Newsletter abonnieren",
        "Impressum | Datenschutz | Kontakt",
        "© 2024 Hollbacher Anzeiger. Alle Rechte vorbehalten.",
    ]
)


@pytest.fixture(scope="module")
def en() -> CleanedText:
    return clean_text(PAGE_EN)


@pytest.fixture(scope="module")
def de() -> CleanedText:
    return clean_text(PAGE_DE)


def _reason(cleaned: CleanedText, start: str) -> str:
    found = [b.reason for b in cleaned.removed if b.text.startswith(start)]
    assert found, f"line starting {start!r} was kept"
    return found[0]


def test_english_body_is_exactly_the_article(en: CleanedText) -> None:
    assert en.paragraphs == [STANDFIRST_EN, *BODY_EN]


def test_broken_paragraph_is_joined(en: CleanedText) -> None:
    assert BODY_EN[2] in en.paragraphs
    assert sum(en.join_prev) == 1


def test_repeated_standfirst_kept_once(en: CleanedText) -> None:
    assert PAGE_EN.count(STANDFIRST_EN) == 2
    assert en.text.count(STANDFIRST_EN) == 1
    assert _reason(en, STANDFIRST_EN[:30]) == "duplicate"


def test_headline_and_its_repeat(en: CleanedText) -> None:
    reasons = [b.reason for b in en.removed if b.text.startswith("Larkmoor closes")]
    assert reasons == ["title", "duplicate"]


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        ("The old river bridge seen from", "caption"),
        ("Related article:", "related-link"),
        ("Leave a Reply", "comment-form"),
        ("Your email address will not", "comment-form"),
        ("© 2024 Larkmoor Gazette", "boilerplate"),
        ("Breaking News", "boilerplate"),
        ("Trending", "related-link"),
    ],
)
def test_junk_kinds_dropped_with_reason(en: CleanedText, start: str, reason: str) -> None:
    assert _reason(en, start) == reason


@pytest.mark.parametrize(
    "start",
    [
        "Skip to content",
        "Home",
        "Share on Facebook",
        "Larkmoor harbour festival",
        "More than twenty thousand",
        "The council wants to add",
        "Subscribe to our newsletter",
        "Contact us |",
        "By Mara Quinlan",
    ],
)
def test_other_junk_dropped(en: CleanedText, start: str) -> None:
    _reason(en, start)


def test_german_body_is_exactly_the_article(de: CleanedText) -> None:
    assert de.paragraphs == BODY_DE


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        ("Die alte Flussbrücke vom Ostufer", "caption"),
        ("Lesen Sie auch:", "related-link"),
        ("© 2024 Hollbacher", "boilerplate"),
        ("Hollbach sperrt alte", "title"),
    ],
)
def test_german_junk_dropped_with_reason(de: CleanedText, start: str, reason: str) -> None:
    assert _reason(de, start) == reason


def test_clean_article_passes_untouched() -> None:
    text = "\n\n".join(BODY_EN)
    cleaned = clean_text(text)
    assert cleaned.text == text
    assert cleaned.removed == ()
    assert cleaned.body_start == 0 and cleaned.body_end == len(BODY_EN) - 1


def test_empty_and_junk_only_inputs() -> None:
    assert clean_text("").paragraphs == []
    assert clean_text("\n  \n").lines == ()
    junk = clean_text("Home\nNews\nSport\nSubscribe to our newsletter\n© 2024 Example Media")
    assert junk.paragraphs == []
    assert len(junk.removed) == 5


def test_deterministic() -> None:
    assert clean_text(PAGE_EN) == clean_text(PAGE_EN)


def test_model_file_is_verified(tmp_path: Path) -> None:
    payload = json.loads(textclean.MODEL_PATH.read_text(encoding="utf-8"))
    assert payload["sha256"] == textclean.model_digest(payload)
    payload["first"]["trees"][0]["value"][0] += 1.0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(ValueError, match="sha256"):
        textclean.load_model(str(bad))


def test_markdown_residue_of_a_converted_page_is_removed() -> None:
    page = "\n\n".join(
        [
            "Harbour board approves dredging plan",
            "**Portwick.gov** The harbour board approved a \\$2.5 million dredging plan on Friday, "
            "its chair said, after a year of complaints from ferry operators about the silted channel.",
            "The work starts in spring and is expected to take **four months**, according to the board, "
            "which will pay for it from a levy of 1\\.5 per cent on berth fees.",
            "Ferry operators welcomed the decision but said the levy should fall on cargo ships too, since "
            "their wash did most of the damage to the channel banks over the past decade.",
        ]
    )
    text = clean_text(page).text
    assert "$2.5 million" in text and "1.5 per cent" in text
    assert "\\" not in text and "**" not in text
    assert "Portwick.gov The harbour board" in text


def test_text_without_markdown_is_untouched() -> None:
    from storyweave.extraction.textfeatures import strip_markdown

    for line in ("snake_case names stay", "2**3 is eight", "a path C:\\data stays", "x ** y"):
        assert strip_markdown(line) == line
