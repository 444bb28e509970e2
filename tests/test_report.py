"""The story report: self-contained Markdown and HTML with pictures, every scraped string escaped in HTML."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from storyweave.coverage.model import StoryInputs
from storyweave.errors import ConfigError
from storyweave.stages.report import ReportOptions, build_report, write_report
from tests.coverage_fixtures import as_article, story_articles

PNG = b"\x89PNG\r\n\x1a\n"
HOSTILE = '<script>alert("x")</script>'


@cache
def inputs() -> StoryInputs:
    """The fixture story through the real stages (so it has a timeline), one title made hostile."""
    from storyweave.stages.compare import analyse_articles

    arts = [as_article(a) for a in story_articles()]
    wire = {"a-herald": ("w1", "a-herald"), "a-valley": ("w1", "a-herald")}
    got = analyse_articles("story-tarvia", "event", "Tarvia's loan & Lesnovia", arts, wire)
    hostile = tuple(replace(a, title=HOSTILE) if a.id == "a-eastport" else a for a in got.articles)
    return replace(got, articles=hostile)


@cache
def html_report() -> str:
    return build_report(inputs(), "html").text


def test_html_is_self_contained_and_escapes_scraped_text() -> None:
    page = html_report()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert HOSTILE not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Tarvia&#x27;s loan &amp; Lesnovia" in page
    assert page.count("data:image/png;base64,") == 2  # timeline chart and coverage heat map
    assert "http://" not in page and "https://" not in page  # nothing fetched when opened


def test_html_has_every_section_and_citations_link_to_articles() -> None:
    page = html_report()
    for heading in (
        "Summary",
        "Timeline",
        "Coverage: who reported what",
        "Quotes by outlet",
        "Names: spelling",
        "Framing and attribution",
        "Sources",
        "Articles",
    ):
        assert f">{heading}" in page
    assert 'href="#a1"' in page and 'id="a1"' in page
    assert "Figures that disagree" in page and "300" in page and "350" in page


def test_markdown_with_image_files_next_to_it(tmp_path: Path) -> None:
    out = build_report(inputs(), "md", options=ReportOptions(images="files", image_prefix="tarvia"))
    assert set(out.files) == {"tarvia-timeline.png", "tarvia-coverage.png"}
    assert all(data.startswith(PNG) for data in out.files.values())
    assert "![Coverage heat map](tarvia-coverage.png)" in out.text
    written = write_report(out, tmp_path / "r.md")
    assert sorted(p.name for p in written) == ["r.md", "tarvia-coverage.png", "tarvia-timeline.png"]


def test_markdown_inline_and_formats() -> None:
    out = build_report(inputs(), "md")
    assert out.files == {} and "](data:image/png;base64," in out.text
    assert out.text.startswith("# Tarvia's loan & Lesnovia")
    with pytest.raises(ConfigError):
        build_report(inputs(), "pdf")
    with pytest.raises(ConfigError):
        ReportOptions(images="nowhere")


def test_same_input_same_report() -> None:
    assert build_report(inputs(), "md").text == build_report(inputs(), "md").text


def test_the_summary_is_a_dated_account_and_facts_are_in_time_order() -> None:
    import re

    text = build_report(inputs(), "md").text
    summary = text.split("## Summary", 1)[1].split("##", 1)[0]
    bullets = [line for line in summary.splitlines() if line.startswith("- ")]
    assert bullets and all(re.match(r"- \d{1,2} [A-Z][a-z]{2} \d{4} — ", b) for b in bullets)
    assert all("independent report" in b for b in bullets)
    coverage = text.split("## Coverage: who reported what", 1)[1].split("###", 1)[0]
    rows = [line for line in coverage.splitlines() if re.match(r"\| F\d+ \|", line)]
    days = [re.match(r"\| F\d+ \| ([^|]+) \|", r).group(1).strip() for r in rows]  # type: ignore[union-attr]
    from datetime import datetime

    parsed = [datetime.strptime(d, "%d %b %Y") for d in days]
    assert parsed == sorted(parsed)
    assert len({r.split("|")[3] for r in rows}) == len(rows)  # no fact shown twice
