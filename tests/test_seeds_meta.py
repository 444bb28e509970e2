"""Metadata of the five shared seed texts (real scraped news pages).

Run with the project's cleaner and with degenerate cleaner verdicts (nothing
kept / everything kept): the metadata must not hinge on a perfect cleaner.
Skipped when the shared seeds folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyweave.extraction.textclean import CleanedText, clean_text
from storyweave.extraction.textmeta import text_metadata
from storyweave.models import Field

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds folder absent")

MODES = ("cleaner", "none", "all")


def seed_meta(prefix: str, mode: str = "cleaner") -> dict[str, Field]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    raw = path.read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    if mode != "cleaner":
        cleaned = CleanedText(cleaned.lines, (mode == "all",) * len(cleaned.lines), ())
    return text_metadata(raw, cleaned)


def value(m: dict[str, Field], name: str) -> object:
    f = m.get(name)
    return None if f is None else f.value


TITLES = {
    "000": "Belarus experiencing external forces’ attack on sovereignty – Putin",
    "001": "Putin Says 'External Pressure' On Belarus, Kyrgyzstan, Moldova 'Unacceptable'",
    "002": "Russia accuses U.S. of promoting revolution in Belarus, toughens stance",
    "003": "Putin Says Belarus Facing 'Unprecedented External Pressure'",
    "004": "Put in Belarus",
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("prefix", sorted(TITLES))
def test_title(prefix: str, mode: str) -> None:
    m = seed_meta(prefix, mode)
    assert value(m, "title") == TITLES[prefix]
    assert m["title"].source == "text-headline"


@pytest.mark.parametrize("mode", MODES)
def test_published(mode: str) -> None:
    # 002: a Created/Updated dateline -- the creation time is the publication
    m = seed_meta("002", mode)
    assert str(value(m, "published")).startswith("2020-09-16")
    assert m["published"].source == "text-dateline"
    assert "22:54" in str(value(m, "published"))  # Created, not Updated (23:29)
    # 003: a standalone date line
    m = seed_meta("003", mode)
    assert value(m, "published") == "2020-09-29"
    assert m["published"].source == "text-dateline"
    # 000: only a dated photo caption -- weaker
    m = seed_meta("000", mode)
    assert value(m, "published") == "2020-11-10"
    assert m["published"].source == "text-caption"
    assert m["published"].confidence <= 0.6


@pytest.mark.parametrize("mode", MODES)
def test_no_invented_dates(mode: str) -> None:
    # 001 says only "November 10" (no year): partial or nothing, never a guessed year
    m = seed_meta("001", mode)
    assert value(m, "published") in (None, "--11-10")
    if "published" in m:
        assert m["published"].confidence <= 0.3
    # 004 states no date at all
    assert value(seed_meta("004", mode), "published") is None


@pytest.mark.parametrize("mode", MODES)
def test_agencies(mode: str) -> None:
    assert value(seed_meta("002", mode), "agencies") == ["Reuters"]  # RIA is only quoted, TASS only mentioned
    assert value(seed_meta("003", mode), "agencies") == ["AFP"]
    ags = value(seed_meta("001", mode), "agencies")
    assert isinstance(ags, list) and sorted(ags) == ["Interfax", "TASS"]
    assert value(seed_meta("000", mode), "agencies") is None
    assert value(seed_meta("004", mode), "agencies") is None


@pytest.mark.parametrize("mode", MODES)
def test_outlet_and_url(mode: str) -> None:
    m = seed_meta("003", mode)
    assert value(m, "outlet") == "themoscowtimes.com"
    assert str(value(m, "url")).startswith("https://www.themoscowtimes.com/2020/09/29/")
    assert m["url"].source == "text-url-line"
    m = seed_meta("002", mode)
    assert value(m, "outlet") == "Devdiscourse"
    # 004's comment form names WordPress.com, Twitter and Facebook: none is the outlet
    assert value(seed_meta("004", mode), "outlet") is None


@pytest.mark.parametrize("mode", MODES)
def test_byline(mode: str) -> None:
    assert value(seed_meta("004", mode), "byline") == "Paulo Bentu"  # signature block
    assert value(seed_meta("003", mode), "byline") is None  # "By AFP" is an agency
    assert value(seed_meta("002", mode), "byline") is None
