"""The quote ledger: translations of one utterance join, the same words on another day do not."""

from __future__ import annotations

import pytest

from storyweave.models import Article, Field
from storyweave.stages.ledger import LedgerItem, QuoteLedger, ledger_id
from storyweave.stages.quotes import Quote, QuotesStage

STAGE = QuotesStage()


def quote_of(article_id: str, text: str, language: str = "en", published: str | None = None) -> Quote:
    meta = {"language": Field(language, "input")}
    if published:
        meta["published"] = Field(published, "input")
    qs = STAGE(Article(article_id, article_id, article_id, "t", "text", text, meta))
    assert qs, text
    return qs[0]


INTRO_EN = "Varenian President Alexander Wassylenko spoke to the national assembly in Dravsk. "
INTRO_FR = "Le président varène Alexandre Wassylenko s'est exprimé devant l'assemblée nationale. "

SPEECH_EN = INTRO_EN + (
    "“Our neighbours will not decide the future of Varenia; the people of Varenia will decide it at the ballot "
    "box,” Wassylenko said."
)
SPEECH_EN_2 = INTRO_EN + (
    "“It is not our neighbours who will settle Varenia's future, but the Varenian people, at the ballot box,” "
    "Wassylenko said."
)
SPEECH_FR = INTRO_FR + (
    "« Ce ne sont pas nos voisins qui décideront de l'avenir de la Varénie, mais le peuple varène, dans les "
    "urnes », a déclaré Wassylenko."
)
OTHER_EN = INTRO_EN + "“The harvest this year was the best in a decade and grain exports will rise,” Wassylenko said."


@pytest.fixture(scope="module")
def items() -> list[LedgerItem]:
    return [
        LedgerItem(quote_of("a1", SPEECH_EN, published="2025-09-14"), "2025-09-14", "Saltreach Evening Post"),
        LedgerItem(quote_of("a2", SPEECH_FR, "fr", published="2025-09-14"), "2025-09-14", "L'Écho continental"),
        LedgerItem(quote_of("a3", SPEECH_EN_2, published="2025-09-15"), "2025-09-15", "Halden Insights"),
        LedgerItem(quote_of("a4", OTHER_EN, published="2025-09-15"), "2025-09-15", "Halden Insights"),
        # the same words again, six weeks later: a new occasion
        LedgerItem(quote_of("a5", SPEECH_EN, published="2025-10-28"), "2025-10-28", "Saltreach Evening Post"),
    ]


def test_translations_join_and_other_occasions_do_not(items: list[LedgerItem]) -> None:
    ledger = QuoteLedger()
    ids = ledger.add(items)
    q = [it.quote.id for it in items]
    assert ids[q[0]] == ids[q[1]] == ids[q[2]]  # English, French and a second English translation
    assert ids[q[3]] != ids[q[0]]  # other words
    assert ids[q[4]] != ids[q[0]]  # same words, another day
    entry = ledger.entries[ids[q[0]]]
    assert entry.first_outlet == "Saltreach Evening Post" and entry.first_published == "2025-09-14"
    assert entry.quote_ids == (q[0], q[1], q[2])
    fr = entry.members[1]
    assert fr.wording == "translation" and fr.cosine >= 0.68 and fr.rule == "match"
    assert entry.members[0].rule == "first"


def test_ids_are_content_derived(items: list[LedgerItem]) -> None:
    ids = QuoteLedger().add(items)
    assert ids[items[0].quote.id] == ledger_id(items[0].quote.id)


def _decisions(ledger: QuoteLedger) -> list[dict[str, object]]:
    """The dump without the stored vectors: a batch of other size moves the embedder's floats by ~1e-7."""
    return [{k: v for k, v in rec.items() if k != "vectors"} for rec in ledger.dump()]


def test_incremental_equals_batch(items: list[LedgerItem]) -> None:
    whole = QuoteLedger()
    whole.add(items)
    parts = QuoteLedger()
    for k in range(0, len(items), 2):
        parts.add(items[k : k + 2])
    assert _decisions(parts) == _decisions(whole)
    again = QuoteLedger()
    again.add(items)
    assert again.dump() == whole.dump()  # same batches: identical, vectors included


def test_dump_and_load_continue_the_same_ledger(items: list[LedgerItem]) -> None:
    first = QuoteLedger()
    first.add(items[:2])
    resumed = QuoteLedger.load(first.dump())
    resumed.add(items[2:])
    whole = QuoteLedger()
    whole.add(items)
    assert _decisions(resumed) == _decisions(whole)


def test_other_speaker_never_joins(items: list[LedgerItem]) -> None:
    other = SPEECH_EN.replace("Alexander Wassylenko", "Ilse Marovic").replace("” Wassylenko", "” Marovic")
    q = quote_of("a9", other, published="2025-09-14")
    ledger = QuoteLedger()
    ids = ledger.add([items[0], LedgerItem(q, "2025-09-14", "Port Watch")])
    assert ids[q.id] != ids[items[0].quote.id]


def test_stances_are_not_utterances_and_unknown_speakers_stand_alone() -> None:
    stance = quote_of("b1", INTRO_EN + "Wassylenko refused to sign the bridge treaty with Halden.")
    assert stance.cue_kind == "stance"
    nobody = quote_of("b2", "“The bridge will never be finished in our lifetime,” one driver said.")
    assert nobody.speaker_name is None
    ledger = QuoteLedger()
    ids = ledger.add([LedgerItem(stance, "2025-09-14"), LedgerItem(nobody, "2025-09-14")])
    assert stance.id not in ids
    entry = ledger.entries[ids[nobody.id]]
    assert entry.speaker_key is None and entry.vectors == []


class _Refusing:
    """An embedder that must not be called: every vector was computed ahead."""

    def encode(self, texts: list[str]) -> None:
        raise AssertionError(f"the ledger embedded {len(texts)} quotes it was given vectors for")


def test_vectors_computed_ahead_give_the_same_ledger_without_embedding(items: list[LedgerItem]) -> None:
    from storyweave.stages.ledger import quote_vectors
    from storyweave.storage import codec

    expected = QuoteLedger().add(items)
    ahead = quote_vectors([[it.quote] for it in items])
    assert [v.ids for v in ahead] == [(it.quote.id,) for it in items]
    stored = [codec.decode_vectors(codec.encode_vectors(v)) for v in ahead]  # what the store keeps
    ledger = QuoteLedger(embedder=_Refusing())  # type: ignore[arg-type]
    got: dict[str, str] = {}
    for it, known in zip(items, stored, strict=True):
        got.update(ledger.add([it], known))
    assert got == expected


def test_vectors_of_another_model_are_not_used(items: list[LedgerItem]) -> None:
    import numpy as np

    from storyweave.stages.ledger import QuoteVectors

    wrong = QuoteVectors("some-other-model", (items[0].quote.id,), np.ones((1, 512), dtype=np.float32))
    with pytest.raises(AssertionError, match="embedded 1"):
        QuoteLedger(embedder=_Refusing()).add([items[0]], wrong)  # type: ignore[arg-type]
