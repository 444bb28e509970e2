"""Quotes and the ledger over the five shared seed texts (real scraped reports; skipped when absent).

Expected speakers are given as surnames in text order, one per direct quote, so that no seed
text is copied here. Ledger pairs are found by article and cue word.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyweave.extraction.textclean import clean_text
from storyweave.extraction.textmeta import text_metadata
from storyweave.models import Article, Field
from storyweave.stages.ledger import LedgerItem, QuoteLedger
from storyweave.stages.quotes import Quote, QuotesStage

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds folder absent")

#: Speakers of the direct quotes of each seed, in order (Putin, Naryshkin and Lukashenko are quoted).
DIRECT_SPEAKERS = {
    "000": ["Putin", "Putin"],
    "001": ["Putin", "Putin"],
    "002": ["Naryshkin", "Naryshkin", "Lukashenko"],
    "003": [],
    "004": ["Putin", "Putin", "Putin", "Putin", "Putin", "Lukashenko", "Lukashenko"],
}


def seed_articles() -> list[tuple[Article, str | None]]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        cleaned = clean_text(raw)
        meta = text_metadata(raw, cleaned)
        published = meta.get("published")
        pub = str(published.value) if published and published.value else None
        fields = {"language": Field("en", "test")}
        if pub:
            fields["published"] = Field(pub, "test")
        out.append((Article(path.name[:3], path.name[:3], path.name, "seed", "text", cleaned.text, fields), pub))
    return out


@pytest.fixture(scope="module")
def seed_quotes() -> dict[str, tuple[list[Quote], str | None]]:
    stage = QuotesStage()
    return {a.id: (stage(a), pub) for a, pub in seed_articles()}


@pytest.mark.parametrize("seed", sorted(DIRECT_SPEAKERS))
def test_direct_quotes_have_the_right_speaker(
    seed: str, seed_quotes: dict[str, tuple[list[Quote], str | None]]
) -> None:
    qs, _ = seed_quotes[seed]
    got = [(q.speaker_name or "?").split()[-1] for q in qs if q.kind == "direct"]
    assert got == DIRECT_SPEAKERS[seed]


def test_every_quote_of_the_three_is_resolved(seed_quotes: dict[str, tuple[list[Quote], str | None]]) -> None:
    for qs, _ in seed_quotes.values():
        for q in qs:
            if q.kind != "indirect" and q.speaker_text and q.speaker_text.casefold() in ("he", "him"):
                assert q.speaker_name, q.text


def test_translations_form_one_ledger_entry(seed_quotes: dict[str, tuple[list[Quote], str | None]]) -> None:
    items = [LedgerItem(q, pub, seed) for seed, (qs, pub) in sorted(seed_quotes.items()) for q in qs]
    ledger = QuoteLedger()
    ids = ledger.add(items)

    def entry_of(seed: str, cue: str, written: str | None = None) -> str:
        hits = [
            ids[q.id]
            for q in seed_quotes[seed][0]
            if q.cue == cue and q.speaker_name == "Vladimir Putin" and written in (None, q.speaker_text)
        ]
        assert len(hits) == 1, (seed, cue)
        return hits[0]

    summit = ledger.entries[entry_of("000", "believes")]
    assert {m.article_id for m in summit.members} >= {"000", "001"}
    condition = ledger.entries[entry_of("000", "According to", "him")]
    assert {m.article_id for m in condition.members} >= {"000", "004"}
    assert summit.id != condition.id
    # the September forum and the November summit were two occasions
    for entry in ledger.entries.values():
        assert not {"001", "003"} <= {m.article_id for m in entry.members}
