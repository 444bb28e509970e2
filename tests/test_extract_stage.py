"""The extract stage's completion step: agencies in the author field, bylines with roles."""

from __future__ import annotations

from storyweave.models import Field
from storyweave.stages.extract import _complete

BODY = (
    "BRISTOR (Harwire) — The regional assembly of Kelland approved a new harbour budget on Monday after "
    "three months of talks with shipping firms, officials said.\n"
    "The plan will deepen the main channel by two metres, a change the assembly says will add jobs."
)
PLAIN = (
    "The regional assembly of Kelland approved a new harbour budget on Monday after three months of talks "
    "with shipping firms, officials said.\nThe plan will deepen the main channel by two metres."
)


def _meta(byline: str, **extra: Field) -> dict[str, Field]:
    return {"byline": Field(byline, "json-ld", 0.85, "author"), "language": Field("en", "x", 1.0), **extra}


def test_agency_credited_in_text_moves_from_byline() -> None:
    m = _complete(_meta("Harwire"), BODY)
    assert "byline" not in m
    assert m["agencies"].value == ["Harwire"]


def test_gazetteer_agency_byline_moves() -> None:
    m = _complete(_meta("Jane Doe and Reuters"), PLAIN)
    assert m["byline"].value == "Jane Doe"
    assert m["agencies"].value == ["Reuters"]


def test_agency_words_in_byline() -> None:
    m = _complete(_meta("Kelland Press Agency"), PLAIN)
    assert "byline" not in m
    assert m["agencies"].value == ["Kelland Press Agency"]


def test_long_form_byline_maps_to_acronym_the_text_credits() -> None:
    text = "BRISTOR (KPA) — " + PLAIN
    m = _complete(_meta("Kelland Press Agency"), text)
    assert m["agencies"].value == ["KPA"]


def test_person_byline_stays() -> None:
    m = _complete(_meta("Jane Doe"), BODY)
    assert m["byline"].value == "Jane Doe"
    assert m["agencies"].value == ["Harwire"]


def test_single_word_byline_not_credited_stays() -> None:
    m = _complete(_meta("Madonna"), PLAIN)
    assert m["byline"].value == "Madonna"
    assert "agencies" not in m


def test_role_leaves_byline_but_stays_in_evidence() -> None:
    m = _complete(_meta("Jane Doe; Chief Reporter"), PLAIN)
    assert m["byline"].value == "Jane Doe"
    assert "Chief Reporter" in str(m["byline"].evidence)


def test_affiliation_leaves_byline() -> None:
    m = _complete(_meta("Dr Jane Doe, Kelland Security Programme"), PLAIN)
    assert m["byline"].value == "Dr Jane Doe"


def test_byline_line_in_text_fills_missing_byline() -> None:
    m = _complete({"language": Field("fr", "x", 1.0)}, "Par Jeanne Roux-Marin\n" + PLAIN)
    assert m["byline"].value == "Jeanne Roux-Marin"
    m = _complete({"language": Field("en", "x", 1.0)}, "By mid-morning the water had risen.\n" + PLAIN)
    assert "byline" not in m
