"""The text cleaner on the five real scraped seed texts (read from ../shared/seeds, never copied here).

Paragraphs are identified by short markers only: what must survive, what must go, and how many
paragraphs each article has.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyweave.extraction.textclean import CleanedText, clean_text
from storyweave.extraction.textfeatures import norm_key

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
if not SEEDS.is_dir():
    pytest.skip("seed texts not available (../shared/seeds)", allow_module_level=True)

REASONS = {
    "menu",
    "caption",
    "related-link",
    "boilerplate",
    "duplicate",
    "comment-form",
    "outside-body",
    "title",
    "low-score",
    "byline",
}

# file prefix -> (paragraph count, markers that must be kept, markers that must be gone)
CASES: dict[str, tuple[int, list[str], list[str]]] = {
    "000_": (
        9,
        [
            "chaired a videoconference meeting",
            "took mart in Tuesday",
            "blatant infringement on sovereignty",
            "Earlier, Russian Defence Minister",
            "In late August, Vladimir Putin",
        ],
        [
            "November 2020. Photo",
            "intel head Naryshkin arrives",
            "officers ‘to help’ Belarus, following",
            "attack on sovereignty – Putin",
        ],
    ),
    "001_": (
        13,
        [
            'has said "attempts to exert',
            "Opening an online summit",
            "Afghanistan, Belarus, Iran, and Mongolia",
            "The SCO comprises China",
        ],
        ["Accessibility links", "Breaking News", "attends the Shanghai Cooperation", "Putin Says 'External"],
    ),
    "002_": (
        9,
        [
            "Russia on Wednesday accused Washington",
            "former Soviet state farm boss",
            "classic American textbook of colour",
        ],
        [
            "Left Menu",
            "Development News Edition",
            "Image Credit",
            "TRENDING",
            "Arcelik taps AWS",
            "Morocco imposed drastic measures",
            "OPINION / BLOG",
            "Teacher threatens to jump",
            "threatened to end his life",
            "Latest News",
            "Subscribe to our Newsletter",
            "Copyright 2020",
            "Terms of use",
            "toughens stance",
            "Updated: 16-09-2020",
        ],
    ),
    "003_": (
        10,
        [
            "neighboring Belarus was under unprecedented",
            "sixth term with 80% of the",
            "Exiled opposition leader Svetlana",
        ],
        [
            "By AFP",
            "September 29, 2020",
            "Kremlin.ru",
            "Related article",
            "Macron Promises Help",
            "Original url",
            "themoscowtimes.com",
            "Facing 'Unprecedented External Pressure'",
        ],
    ),
    "004_": (
        31,
        ["made the worst fears", "little green men", "defend the mother country"],
        [
            "Paulo Bentu",
            "Visiting Fellow",
            "Leave a Reply",
            "Fill in your details",
            "commenting using",
            "WordPress.com Logo",
            "Connecting to %s",
        ],
    ),
}


def _seed(prefix: str) -> tuple[str, CleanedText]:
    files = sorted(SEEDS.glob(f"{prefix}*.txt"))
    if not files:
        pytest.skip(f"seed {prefix}* missing")
    raw = files[0].read_text(encoding="utf-8")
    return raw, clean_text(raw)


@pytest.mark.parametrize("prefix", sorted(CASES))
def test_seed_body_kept_and_junk_dropped(prefix: str) -> None:
    _raw, cleaned = _seed(prefix)
    count, keep, drop = CASES[prefix]
    text = cleaned.text
    for marker in keep:
        assert marker in text, f"{prefix}: lost article text {marker!r}"
    for marker in drop:
        assert marker not in text, f"{prefix}: kept junk {marker!r}"
    assert len(cleaned.paragraphs) == count


@pytest.mark.parametrize("prefix", sorted(CASES))
def test_seed_every_paragraph_once_and_reasons_given(prefix: str) -> None:
    _raw, cleaned = _seed(prefix)
    keys = [norm_key(p) for p in cleaned.paragraphs]
    assert len(keys) == len(set(keys))
    assert {b.reason for b in cleaned.removed} <= REASONS
    assert len(cleaned.removed) + sum(cleaned.keep) == len(cleaned.lines)


def test_seed_repeated_standfirst_kept_once() -> None:
    raw, cleaned = _seed("002_")
    for marker in ("working behind the scenes", "poorly disguised attempt"):
        assert raw.count(marker) == 2
        assert cleaned.text.count(marker) == 1


def test_seed_broken_paragraph_joined() -> None:
    _raw, cleaned = _seed("003_")
    joined = [p for p in cleaned.paragraphs if "claimed a sixth term" in p]
    assert len(joined) == 1 and joined[0].endswith("Aug. 9 election.")


def test_seed_headline_labelled_title() -> None:
    for prefix in CASES:
        _raw, cleaned = _seed(prefix)
        titles = [b.text for b in cleaned.removed if b.reason == "title"]
        assert len(titles) == 1, prefix
        assert titles[0] == cleaned.lines[0] or titles[0] in cleaned.lines[:3]
