"""Quotes stage: an :class:`Article` (and its spaCy Doc) -> the quotes in it, each with cue and speaker.

A pure function of the article text and its parse. The pipeline parses every article once with
``get_nlp(language).pipe(texts)`` and hands the Doc to each stage; when no Doc is given the stage
parses the text itself (tests, one-off calls). The finding rules are in :mod:`storyweave.quoting`.

Each :class:`Quote` records how its speaker was found (``resolution``): ``name``, ``role``,
``pronoun``, ``recent-speaker``, ``continuation``, ``colon``, ``organisation``, ``group`` or an
``*-unresolved`` form, with a ``confidence`` that follows the rule and the cue's kind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from storyweave.backends.nlp import get_nlp
from storyweave.models import Article
from storyweave.quoting.attribution import MIN_CUE_PRECISION, Found, find_quotes_in
from storyweave.quoting.lexicon import word_list
from storyweave.quoting.occasion import occasion

__all__ = ["Quote", "QuotesStage", "quote_id", "shown_speaker"]

#: How much a speaker found by each rule is trusted (the cue's kind scales it further).
RULE_CONFIDENCE: dict[str, float] = {
    "name": 0.95,
    "organisation": 0.9,
    "role": 0.85,
    "continuation": 0.8,
    "colon": 0.8,
    "pronoun": 0.75,
    "pronoun-group": 0.6,
    "main-speaker": 0.6,
    "group": 0.6,
    "name-unindexed": 0.6,
    "first-person": 0.5,
    "np": 0.4,
}
_CUE_WEIGHT = {"speech": 1.0, "act": 0.9, "thought": 0.8, "stance": 0.7}


#: Resolutions that leave the speaker as written a pointer to someone not found ("his", "who", "she").
UNRESOLVED_POINTERS = frozenset({"pronoun-unresolved", "relative-unresolved", "pronoun-group", "first-person"})


def shown_speaker(speaker: str | None, speaker_text: str | None, resolution: str | None) -> str | None:
    """Who a reader is shown as the speaker: the resolved name, else the speaker as written when it names
    someone ("Police", "the port authority"), never a bare pronoun the text gives no antecedent for."""
    if speaker:
        return speaker
    if not speaker_text or resolution in UNRESOLVED_POINTERS:
        return None
    words = speaker_text.split()
    if len(words) == 1 and words[0].casefold().strip("-") in _POINTER_WORDS:
        return None
    return speaker_text


_POINTER_WORDS = frozenset(
    word_list(
        """
        he she him his her hers it its they them their we us our i who whom whose that which this these those
        il elle ils elles lui leur er sie es ihr ihm ihn él ella ellos ellas
        """
    )
)


def quote_id(article_id: str, start: int, end: int) -> str:
    """``q`` + 15 hex digits of SHA-256 over the article id and the quote's offsets (stable across runs)."""
    return "q" + hashlib.sha256(f"{article_id}:{start}:{end}".encode()).hexdigest()[:15]


@dataclass(frozen=True)
class Quote:
    """One attributed utterance in an article.

    ``start``/``end`` are character offsets in the article text (quotation marks included for a
    direct quote; a split quote runs from its first part to its last, with the parts in
    ``parts``). ``text`` is the quoted or reported wording (parts joined by a space). ``kind`` is
    ``direct`` (all quoted), ``partial`` (reported speech carrying a quoted phrase) or ``indirect``.
    ``speaker_text`` is the speaker as written next to the cue ("he", "the Russian President") at
    ``mention_start``/``mention_end``; ``speaker_start``/``speaker_end`` is the fullest name form of
    the person it resolved to and ``speaker_name`` that name, title-stripped. ``speaker`` and
    ``speaker_entity_id`` are filled by the entity resolver; ``ledger_id`` by the quote ledger.
    """

    id: str
    article_id: str
    text: str
    start: int
    end: int
    kind: str
    cue: str | None
    speaker_text: str | None
    mention_start: int | None
    mention_end: int | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_name: str | None
    intermediary: str | None
    resolution: str
    confidence: float
    parts: tuple[tuple[int, int], ...] = ()
    language: str | None = None
    #: what the cue reports: ``speech`` (say), ``thought`` (believe), ``act`` (accuse), ``stance`` (want)
    cue_kind: str | None = None
    #: how the parse read the cue (``clause``: said that …, ``object``: backed the plan, ``before``: …, officials
    #: said; ``aside``: the plan, officials said, is dead; ``noun``: his criticism of …), None for the surface rules
    cue_frame: str | None = None
    #: how often that reading of the cue's form was a gold attribution in the training data
    cue_precision: float | None = None
    #: when it was said, from its own sentence ("on November 10"): ISO date, ``--MM-DD`` or None
    occasion: str | None = None
    occasion_text: str | None = None
    speaker: str | None = None
    speaker_entity_id: str | None = None
    ledger_id: str | None = None

    def to_export(self) -> dict[str, Any]:
        """The export shape the quotes issue fixes, plus the evidence fields."""
        out = asdict(self)
        out["parts"] = [list(p) for p in self.parts]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        fields = dict(data)
        fields["parts"] = tuple(tuple(p) for p in fields.get("parts") or ())
        return cls(**{k: v for k, v in fields.items() if k in cls.__dataclass_fields__})


def to_quote(article: Article, found: Found, language: str | None) -> Quote:
    text = article.text
    start, end = found.parts[0][0], found.parts[-1][1]
    words = []
    for s, e in found.parts:
        chunk = text[s:e].strip()
        if found.kind == "direct":
            chunk = chunk.strip("\"“”„«»‘’‚'").strip()
        words.append(" ".join(chunk.split()))
    rule_conf = RULE_CONFIDENCE.get(found.resolution, 0.3)
    conf = round(rule_conf * _CUE_WEIGHT.get(found.cue_kind or "speech", 1.0), 3)
    mention = found.mention
    person = found.person_span
    when, when_text = occasion(text[found.sentence[0] : found.sentence[1]], article.published)
    return Quote(
        id=quote_id(article.id, start, end),
        article_id=article.id,
        text=" ".join(words),
        start=start,
        end=end,
        kind=found.kind,
        cue=found.cue,
        speaker_text=found.speaker_text,
        mention_start=mention[0] if mention else None,
        mention_end=mention[1] if mention else None,
        speaker_start=person[0] if person else None,
        speaker_end=person[1] if person else None,
        speaker_name=found.person_name,
        intermediary=found.intermediary,
        resolution=found.resolution,
        confidence=conf if found.person_name else round(conf * 0.5, 3),
        parts=found.parts,
        language=language,
        cue_kind=found.cue_kind,
        cue_frame=found.cue_frame,
        cue_precision=found.cue_precision,
        occasion=when,
        occasion_text=when_text,
    )


class QuotesStage:
    """Finds the quotes of articles. ``requires`` the article text and language; ``assigns`` quotes."""

    name = "quotes"
    requires = ("article.text", "article.language", "doc")
    assigns = ("quotes",)

    def __init__(self, parse: bool = True, min_cue_precision: float = MIN_CUE_PRECISION) -> None:
        #: parse the sentences that hold a cue candidate (reported speech is read from the parse)
        self.parse = parse
        #: report a parsed reading of a cue when it was right at least this often in training
        self.min_cue_precision = min_cue_precision

    def __call__(self, article: Article, doc: Any = None) -> list[Quote]:
        language = _language(article)
        nlp = get_nlp(language)
        if doc is None:
            doc = nlp(article.text)
        spacy_nlp = nlp.spacy if self.parse and "parser" in nlp.spacy.component_names else None
        found = find_quotes_in(article.text, doc, language, nlp.has_ner, spacy_nlp, self.min_cue_precision)
        return [to_quote(article, f, language) for f in found]

    def pipe(self, articles: Iterable[Article], docs: Sequence[Any] | None = None) -> list[list[Quote]]:
        """Quotes per article, in order; ``docs`` are their parses (parsed here, batched, when absent)."""
        items = list(articles)
        if docs is None:
            parsed: list[Any] = [None] * len(items)
            by_lang: dict[str, list[int]] = {}
            for k, a in enumerate(items):
                by_lang.setdefault(_language(a) or "en", []).append(k)
            for lang, idx in sorted(by_lang.items()):
                for k, d in zip(idx, get_nlp(lang).pipe([items[k].text for k in idx]), strict=True):
                    parsed[k] = d
            docs = parsed
        return [self(a, d) for a, d in zip(items, docs, strict=True)]


def _language(article: Article) -> str | None:
    lang = article.value("language")
    return str(lang) if lang else None
