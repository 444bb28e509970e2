"""Content units: the clauses of a story's articles, each with its figures, dates and canonical entities.

A fact is smaller than an article and often smaller than a sentence: "travelled to Russia on Monday for talks,
coming away with a $1.5 billion loan" carries two. Sentences (the Doc's, else a rule-based split; a paragraph
break always ends one) are cut into clauses at semicolons, spaced dashes and a comma before a conjunction or an
English participle when both sides are long enough to say something, never inside a quotation. Units with
fewer than ``min_words`` words or no lower-case word (date lines, credits, headings) are left out.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyweave.coverage.figures import Figure, find_figures
from storyweave.coverage.model import DateRef, EntityRef, QuoteRef, StoryArticle
from storyweave.temporal.context import sentence_spans

__all__ = ["Unit", "split_units"]

#: Words that open a new clause after a comma (coordinators and subordinators), per language.
_CLAUSE_OPENERS = {
    "en": "and but while whereas although though as after before because since which where when who yet",
    "fr": "et mais alors tandis après avant parce puisque qui où lorsque quand bien",
    "de": "und aber während nachdem bevor weil da obwohl wobei der die das wo als",
    "es": "y pero mientras aunque tras antes porque ya que donde cuando quien",
}
_OPENERS = {k: frozenset(v.split()) for k, v in _CLAUSE_OPENERS.items()}
#: A second complement clause of one reporting verb ("said that A and that B"): two claims, cut before the
#: conjunction, per language.
_SECOND_COMPLEMENT = {
    "en": re.compile(r"\s(and|but)\s+that\s", re.IGNORECASE),
    "fr": re.compile(r"\s(et|mais)\s+qu(?:e\s|')", re.IGNORECASE),
    "de": re.compile(r"\s(und|aber)\s+dass\s", re.IGNORECASE),
    "es": re.compile(r"\s(y|pero)\s+que\s", re.IGNORECASE),
}
_COMMA_WORD = re.compile(r",\s+([^\W\d_][\w'’-]*)", re.UNICODE)
_HARD = re.compile(r";\s+|\s[—–]\s")
_WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class Unit:
    """One clause of one article (``start:end`` in its text), with what it contains.

    ``sentence`` is the span of the sentence it belongs to, ``whole`` whether it is that whole sentence,
    ``position`` the sentence's index in the article (0 = the lead). ``speech`` is what the clause reports someone
    said (the parts of the quotes stage's quotes inside the clause), the names written in it left out: the claim
    without who is accused or credited, which the entity overlap compares apart."""

    index: int
    article_id: str
    outlet: str
    origin: str
    language: str | None
    start: int
    end: int
    text: str
    sentence: tuple[int, int]
    whole: bool
    position: int
    figures: tuple[Figure, ...]
    dates: tuple[DateRef, ...]
    entities: frozenset[str]
    speech: str = ""


def _speech(text: str, lo: int, hi: int, quotes: Sequence[QuoteRef], names: Sequence[tuple[int, int]]) -> str:
    """The reported contents inside ``text[lo:hi]``, each entity mention blanked out."""
    pieces = []
    for q in quotes:
        for p_lo, p_hi in q.parts or ((q.start, q.end),):
            a, b = max(lo, p_lo), min(hi, p_hi)
            if b <= a:
                continue
            chars = list(text[a:b])
            for n_lo, n_hi in names:
                for k in range(max(a, n_lo), min(b, n_hi)):
                    chars[k - a] = " "
            pieces.append("".join(chars))
    return " ".join(" ".join(pieces).split())


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _inside_quote(text: str, lo: int, pos: int) -> bool:
    """Is ``pos`` inside a quotation that opened after ``lo`` (the sentence start)?"""
    seg = text[lo:pos]
    if seg.count('"') % 2 == 1:
        return True
    if "„" in seg:  # German „...“
        return seg.count("„") > seg.count("“")
    return seg.count("“") + seg.count("«") > seg.count("”") + seg.count("»")


def _cuts(text: str, lo: int, hi: int, language: str, min_side: int) -> list[int]:
    """Offsets where the sentence ``text[lo:hi]`` splits into clauses."""
    openers = _OPENERS.get(language, _OPENERS["en"])
    points: list[int] = []
    for m in _HARD.finditer(text, lo, hi):
        points.append(m.end())
    second = _SECOND_COMPLEMENT.get(language)
    if second is not None:
        points.extend(m.start(1) for m in second.finditer(text, lo, hi))
    for m in _COMMA_WORD.finditer(text, lo, hi):
        word = m.group(1)
        low = word.casefold()
        if low in openers or (language == "en" and low.endswith("ing") and word[0].islower() and len(low) > 5):
            points.append(m.start(1))
    kept: list[int] = []
    last = lo
    for p in sorted(set(points)):
        if _inside_quote(text, lo, p):
            continue
        if _words(text[last:p]) >= min_side and _words(text[p:hi]) >= min_side:
            kept.append(p)
            last = p
    return kept


def _trim(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (text[lo].isspace() or text[lo] in ",;—–-"):
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ",;—–-"):
        hi -= 1
    return lo, hi


def split_units(
    article: StoryArticle,
    *,
    start_index: int = 0,
    sentences: Sequence[tuple[int, int]] | None = None,
    entities: Sequence[EntityRef] = (),
    dates: Sequence[DateRef] = (),
    quotes: Sequence[QuoteRef] = (),
    min_words: int = 4,
    min_side: int = 6,
) -> list[Unit]:
    """The article's content units, numbered from ``start_index``."""
    text = article.text
    lang = (article.language or "en").split("-")[0].casefold()
    spans = list(sentences) if sentences is not None else sentence_spans(text)
    date_spans = [(d.start, d.end) for d in dates]
    names = sorted((e.start, e.end) for e in entities)
    units: list[Unit] = []
    position = 0
    for s_lo, s_hi in spans:
        s_lo, s_hi = _trim(text, s_lo, s_hi)
        if s_hi <= s_lo:
            continue
        sentence = text[s_lo:s_hi]
        if _words(sentence) < min_words or not any(c.islower() for c in sentence):
            continue
        bounds = [s_lo, *_cuts(text, s_lo, s_hi, lang, min_side), s_hi]
        for lo, hi in itertools.pairwise(bounds):
            lo, hi = _trim(text, lo, hi)
            if _words(text[lo:hi]) < min_words:
                continue
            units.append(
                Unit(
                    index=start_index + len(units),
                    article_id=article.id,
                    outlet=article.outlet_name,
                    origin=article.origin,
                    language=article.language,
                    start=lo,
                    end=hi,
                    text=" ".join(text[lo:hi].split()),
                    sentence=(s_lo, s_hi),
                    whole=len(bounds) == 2,
                    position=position,
                    figures=tuple(find_figures(text, lang, skip=date_spans, lo=lo, hi=hi)),
                    dates=tuple(d for d in dates if lo <= d.start < hi),
                    entities=frozenset(e.entity_id for e in entities if lo <= e.start < hi),
                    speech=_speech(text, lo, hi, [q for q in quotes if q.speaker or q.kind != "indirect"], names),
                )
            )
        position += 1
    return units
