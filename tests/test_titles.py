"""Site-name segments come off titles; headline parts stay."""

from __future__ import annotations

import pytest

from storyweave.extraction.titles import (
    domain_label,
    fix_mojibake,
    names_site,
    strip_markdown_emphasis,
    strip_section_labels,
    strip_site_names,
    strip_site_suffix,
)


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Harbour plan approved | Valmora Courier", "Valmora Courier", "Harbour plan approved"),
        ("Harbour plan approved - Valmora Courier", "Valmora Courier", "Harbour plan approved"),
        ("Harbour plan approved — The Valmora Courier", "Valmora Courier", "Harbour plan approved"),
        ("Valmora Courier: Harbour plan approved", "Valmora Courier", "Harbour plan approved"),
        ("Valmora Courier | Harbour plan approved", "Valmora Courier", "Harbour plan approved"),
        ("Harbour plan approved | Port | Valmora Courier", "Valmora Courier", "Harbour plan approved | Port"),
        # the domain stands in for the name
        ("Harbour plan approved | Valmora Courier", "https://www.valmoracourier.co.uk/news/1", "Harbour plan approved"),
        ("Harbour plan approved - valmoracourier.com", None, "Harbour plan approved"),
        # a known site that the title does not name: nothing to strip
        ("Brexit: what happens next - in charts", "Valmora Courier", "Brexit: what happens next - in charts"),
    ],
)
def test_strips_known_site(title: str, site: str | None, expected: str) -> None:
    assert strip_site_suffix(title, site) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Harbour plan approved after long talks | Valmora Courier", "Harbour plan approved after long talks"),
        ("Harbour plan approved after long talks - Valmora Courier", "Harbour plan approved after long talks"),
        # colon and lower-case tails are headline parts, not site names
        ("Brexit: what happens next", "Brexit: what happens next"),
        ("Man dies in crash on coast road - police", "Man dies in crash on coast road - police"),
        # a long tail after a bar is a subtitle
        (
            "Top ten cameras of the year | The best mirrorless cameras we tested this spring",
            "Top ten cameras of the year | The best mirrorless cameras we tested this spring",
        ),
        # hyphens and times never split
        ("Follow-up vote set for 10:30 tomorrow", "Follow-up vote set for 10:30 tomorrow"),
        ("Port strike | News", "Port strike | News"),  # too little headline left to be sure
    ],
)
def test_strips_by_shape_without_site(title: str, expected: str) -> None:
    assert strip_site_suffix(title) == expected


def test_whitespace_normalised_and_never_empty() -> None:
    assert strip_site_suffix("  Harbour   plan\napproved  ") == "Harbour plan approved"
    assert strip_site_suffix("Valmora Courier", "Valmora Courier") == "Valmora Courier"
    assert strip_site_suffix("") == ""


def test_stripping_twice_changes_nothing_more() -> None:
    once = strip_site_suffix("Strike ends: dockers back at work | Valmora Courier", "Valmora Courier")
    assert once == "Strike ends: dockers back at work"
    assert strip_site_suffix(once, "Valmora Courier") == once
    assert strip_site_suffix(once) == once


def test_without_shape_fallback() -> None:
    title = "Harbour plan approved after long talks | Port Report"
    assert strip_site_names(title, [], by_shape=False) == title


def test_helpers() -> None:
    assert domain_label("https://news.valmoracourier.co.uk/a/b") == "valmoracourier"
    assert domain_label("www.example.com") == "example"
    assert names_site("The Valmora Courier", ["Valmora Courier"])
    assert not names_site("Harbour plan approved", ["Valmora Courier"])
    assert not names_site("Anything", [None, ""])


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Harbour plan approved after long talks | Opinion", "Harbour plan approved after long talks"),
        ("Harbour plan approved after talks | Port News | Valmora Health Trust", "Harbour plan approved after talks"),
        ("Harbour plan approved after long talks - Page 2", "Harbour plan approved after long talks"),
        ("Harbour plan approved after long talks (page 3 of 5)", "Harbour plan approved after long talks"),
        ("Harbour plan approved after long talks — Port Matters", "Harbour plan approved after long talks"),
        # long or lower-case tails are part of the headline; a bar tail longer than the head stays
        (
            "Harbour plan approved – and the dockers are not pleased",
            "Harbour plan approved – and the dockers are not pleased",
        ),
        (
            "Top cameras of 2025 | The Best Mirrorless Cameras We Tested",
            "Top cameras of 2025 | The Best Mirrorless Cameras We Tested",
        ),
        ("Port strike | News", "Port strike | News"),
        ("Turn to page 2", "Turn to page 2"),  # too little would be left
    ],
)
def test_strip_section_labels(title: str, expected: str) -> None:
    assert strip_section_labels(title) == expected


def test_part_of_a_site_name_in_the_middle_is_no_site_name() -> None:
    site = "National Harbour Safety Board - NHSB.EXAMPLE"
    assert strip_site_names("Small Ports Guide: Harbour Safety", [site]) == "Small Ports Guide: Harbour Safety"
    assert strip_site_names("Small Ports Guide | National Harbour Safety Board", [site]) == "Small Ports Guide"
    # the start or the end of the name still counts
    assert strip_site_names("Harbour plan approved | Courier", ["Valmora Courier"]) == "Harbour plan approved"


def test_leading_domain_without_separator() -> None:
    assert strip_site_names("valmora.example Harbour plan approved", ["https://valmora.example/a"]) == (
        "Harbour plan approved"
    )
    # another domain is part of the headline
    assert strip_site_names("shop.example reports record sales", ["https://valmora.example/a"]) == (
        "shop.example reports record sales"
    )


def test_dangling_separator_goes() -> None:
    assert strip_site_names("Harbour plan approved |", ["Valmora Courier"]) == "Harbour plan approved"
    assert strip_site_names("- Harbour plan approved", []) == "Harbour plan approved"
    assert strip_site_names("Follow-up vote set -", []) == "Follow-up vote set"


def test_mojibake_and_markdown() -> None:
    broken = "The keeper’s log".encode().decode("cp1252")
    assert fix_mojibake(broken) == "The keeper’s log"
    assert fix_mojibake("SÃO PAULO harbour") == "SÃO PAULO harbour"  # real text is left alone
    assert fix_mojibake("Café crème") == "Café crème"
    assert strip_markdown_emphasis("*A Treatise on Lamps* (1792)") == "A Treatise on Lamps (1792)"
    assert strip_markdown_emphasis("snake_case_name and 2*3*4") == "snake_case_name and 2*3*4"


def test_guillemet_quote_at_the_end_is_kept() -> None:
    t = "Le maire dénonce une « erreur historique »"
    assert strip_site_names(t, ["Le Courrier du Lac"]) == t


def test_url_path_is_not_a_site_name() -> None:
    t = "Ninety days: counting the cost of the closure"
    assert (
        strip_site_names(
            t, ["https://lakeview.example.org/ninety-days-counting-the-cost-of-the-closure"], by_shape=False
        )
        == t
    )
