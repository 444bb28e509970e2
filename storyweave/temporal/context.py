"""What surrounds a mention: its sentence, whether it sits inside a quotation, and the tense of its clause.

Everything works on plain text; a spaCy ``Doc`` (already parsed by the pipeline, never re-parsed here)
adds its sentence boundaries and, where the model tags them, verb tenses (``Tense=Past`` in the French
model's morphology, ``VBD``/``MD`` tags in an English model with a tagger). Without tags, tense comes from
cue words: auxiliaries and modals ("was", "will", "a", "wird", "va"), irregular past forms, and regular
past/future endings, the nearest cue to the mention winning (endings count as weaker evidence than words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storyweave.temporal.lexicon import Lexicon, words
from storyweave.temporal.resolve import Tense

__all__ = ["Cue", "is_arrangement", "quote_spans", "sentence_spans", "tense_cues", "tense_near"]

_ABBREV = frozenset(
    words(
        "mr mrs ms dr prof st gen gov sen rep lt col sgt capt inc co corp ltd jr sr no vs etc e.g i.e u.s u.n "
        "u.k jan feb mar apr jun jul aug sep sept oct nov dec mt ft fig art nr bzw ca dt mme mlle sra sr srta"
    )
)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’»)\]]*\s+|\n\s*\n|\n(?=\S)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
#: Characters between a cue and the mention beyond which the cue is not taken to govern the mention.
MAX_CUE_DISTANCE = 60
#: Characters added to the distance of a cue after the mention when a comma or semicolon comes between them.
CLAUSE_PENALTY = 20
_CLAUSE_MARK = re.compile(r"[,;]")
#: Words before which a present form is a noun or an infinitive ("the visit", "to meet"), not a verb.
_NOT_SUBJECT = frozenset(words("the a an his her their its this that to will would can could may might must should"))
_PASSIVE_AUX = frozenset(words("be being is are am to"))
#: Present forms of "be" that make a present progressive with an -ing form after them.
_PROGRESSIVE_AUX = frozenset(words("is are am"))
_NOT_ING = frozenset(words("nothing something anything everything during morning evening king thing ring string"))
#: Words that point forward when "to" follows ("due to expire", "set to resume", "plans to visit").
_TO_FUTURE = frozenset(
    words("set due scheduled expected plans plan planned intends aims hopes going wants seeks likely poised was were")
)
#: "would" is a future seen from a past moment ("announced on Wednesday he would meet ..."): it does not place
#: a date after the publication, so it is no cue at all.
_NO_TENSE = frozenset(words("would"))
#: Modals and conditionals: what may happen. They place a yearless month ahead ("can win in November"), while
#: a weekday stays with the default reading (see :mod:`storyweave.temporal.resolve`).
_MODAL = frozenset(words("can could may might if whether would should must"))
#: Words before which an -ed form is an adjective ("the proposed merger", "a still unspecified date").
_DETERMINER = frozenset(words("a an the this that these those its their his her our my your still"))
_NOT_PAST_ED = frozenset(
    words(
        "need indeed speed embed united red hundred seed feed proceed exceed succeed breed deed bred shed "
        "sacred naked wicked kindred hatred creed greed weed bleed steed"
    )
)


def sentence_spans(text: str, doc: Any = None) -> list[tuple[int, int]]:
    """Character spans of sentences: the Doc's when given, else a rule-based split (abbreviation-aware).

    A line break always ends a sentence, as in the rule-based split: extracted article text puts one paragraph
    (or a headline, a date line) on each line, and a statistical sentence splitter (spaCy's ``senter``) often
    runs a line into the next; a statement must not span both."""
    if doc is not None:
        try:
            return [part for s in doc.sents for part in _split_paragraphs(text, s.start_char, s.end_char)]
        except ValueError:  # a Doc without sentence boundaries
            pass
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start : m.start()].rsplit(None, 1)
        last = before[-1].casefold().rstrip(".") if before else ""
        if m.group().startswith(".") and "\n" not in m.group() and (last in _ABBREV or len(last) == 1):
            continue
        nxt = text[m.end() : m.end() + 1]
        if "\n" not in m.group() and nxt and nxt.islower():
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_PARAGRAPH = re.compile(r"\n\s*")  # a line break


def _split_paragraphs(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    parts, start = [], lo
    for m in _PARAGRAPH.finditer(text, lo, hi):
        if text[start : m.start()].strip():
            parts.append((start, m.end()))
        start = m.end()
    if text[start:hi].strip() or not parts:
        parts.append((start, hi))
    return parts


_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"), ("‹", "›"), ("``", "''"))  # the last: wire copy's ASCII quotes


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech: typographic pairs, guillemets, German „...“, and straight double quotes paired
    within a paragraph. Single quotes are left alone (they mostly mark scare quotes, not speech)."""
    spans: list[tuple[int, int]] = []
    for open_, close in _PAIRS:
        pos = 0
        while (i := text.find(open_, pos)) >= 0:
            j = text.find(close, i + 1)
            para = text.find("\n\n", i)
            if j < 0 or (0 <= para < j):
                pos = i + 1
                continue
            spans.append((i, j + 1))
            pos = j + 1
    for line in re.finditer(r"[^\n]+", text):
        marks = [q.start() + line.start() for q in re.finditer('"', line.group())]
        spans.extend((marks[k], marks[k + 1] + 1) for k in range(0, len(marks) - 1, 2))
    return sorted(spans)


@dataclass(frozen=True)
class Cue:
    """A word that tells a tense: where it is, which tense, the word, and how much it weighs (1 = a sure sign)."""

    pos: int
    tense: str
    word: str
    weight: float
    end: int = -1


def tense_cues(text: str, lex: Lexicon, doc: Any = None, span: tuple[int, int] | None = None) -> list[Cue]:
    """Tense cues in order, over ``span`` of the text or all of it (from the Doc's tags when it has them)."""
    if doc is not None:
        cues = _doc_cues(doc)
        if cues:
            return cues
    out: list[Cue] = []
    lo, hi = span if span is not None else (0, len(text))
    words = list(_WORD.finditer(text, lo, hi))
    lows = [w.group().casefold().replace("’", "'") for w in words]
    for i, m in enumerate(words):
        word, low = m.group(), lows[i]
        before = lows[i - 1] if i else ""
        after = lows[i + 1] if i + 1 < len(lows) else ""
        tense, weight = _word_tense(low, before, after, lex)
        if weight < 1.0 and word[:1].isupper():
            continue  # an ending on a capitalised word: a name or (German) a noun, not a verb form
        if tense is None:
            continue
        if tense == "past" and any(w in lex.future_cues for w in lows[max(0, i - 2) : i]):
            tense = "future"  # "will be paid", "would have ended"
        elif tense == "future" and after == "to" and i >= 2 and lows[i - 2] in lex.pluperfect and before == "been":
            tense = "past"  # "had been due to expire Friday": a plan the text reports as overtaken
        elif tense == "present" and low in _PROGRESSIVE_AUX and after.endswith("ing") and after not in _NOT_ING:
            # "are meeting Monday": a present progressive names an arrangement (read ahead for a weekday)
            out.append(Cue(m.start(), tense, f"{word} {words[i + 1].group()}", weight, words[i + 1].end()))
            continue
        out.append(Cue(m.start(), tense, word, weight, m.end()))
    return out


@lru_cache(maxsize=8)
def _scheduled_words(lang: str, raw: str) -> frozenset[str]:
    return frozenset(raw.split())


def _scheduled(lex: Lexicon) -> frozenset[str]:
    return _scheduled_words(lex.lang, lex.extra.get("scheduled_present", ""))


def is_arrangement(cue: str | None, lex: Lexicon) -> bool:
    """A present tense that names what is arranged: a present progressive ("are meeting") or a scheduled
    present ("meets", "resumes"). News uses both for what is still to come."""
    if not cue:
        return False
    low = cue.casefold()
    return " " in low or low in _scheduled(lex)


_CONDITIONAL = {"fr": ("rait", "raient"), "es": ("ría", "rían")}


@lru_cache(maxsize=8)
def _modal_words(lang: str, raw: str) -> frozenset[str]:
    return frozenset(raw.split())


def _modals(lex: Lexicon) -> frozenset[str]:
    return _modal_words(lex.lang, lex.extra.get("modal", ""))


@lru_cache(maxsize=8)
def _perfect(lang: str, aux: str, endings: str) -> tuple[frozenset[str], tuple[str, ...]]:
    return frozenset(aux.split()), tuple(endings.split())


def _word_tense(low: str, before: str, after: str, lex: Lexicon) -> tuple[str | None, float]:
    if after == "to" and (low in _TO_FUTURE or low in lex.present_cues):
        return "future", 1.0  # "set to resume", "is to meet", "plans to visit"
    aux, endings = _perfect(lex.lang, lex.extra.get("perfect_aux", ""), lex.extra.get("participle_endings", ""))
    if before in aux and len(low) >= 4 and low.endswith(endings):
        return "past", 1.0  # "a annoncé", "est arrivée", "ha dicho": a perfect tense, whatever the auxiliary's tense
    if low in _MODAL or low in _modals(lex):
        return "modal", 0.8
    if len(low) >= 6 and low.endswith(_CONDITIONAL.get(lex.lang, ())):
        return "modal", 0.8  # French and Spanish conditionals ("débattrait", "votaría")
    if low in _NO_TENSE:
        return None, 0.0
    if low in lex.future_cues or low.endswith("'ll"):
        return "future", 1.0
    if low in lex.present_cues:
        return "present", 1.0
    if low in _scheduled(lex) and before not in _NOT_SUBJECT:
        return "present", 0.6
    past_form = low in lex.past_cues or (
        len(low) >= 5
        and bool(lex.past_suffixes)
        and low.endswith(lex.past_suffixes)
        and low not in _NOT_PAST_ED
        and not (lex.lang == "en" and before in _DETERMINER)  # "a still unspecified date", "the revised plan"
    )
    if past_form:
        if before in _PASSIVE_AUX and low in _TO_FUTURE:
            return "future", 0.8  # "is planned Friday", "are scheduled for Monday"
        if before in _PASSIVE_AUX:  # "to be completed", "is expected": a participle, not a past tense
            return None, 0.0
        return "past", 1.0 if low in lex.past_cues else 0.6
    if len(low) >= 5 and lex.future_suffixes and low.endswith(lex.future_suffixes):
        return "future", 0.6
    return None, 0.0


def _doc_cues(doc: Any) -> list[Cue]:
    out: list[Cue] = []
    for tok in doc:
        tag = getattr(tok, "tag_", "") or ""
        tense = tok.morph.get("Tense") if hasattr(tok, "morph") else []
        low = tok.lower_
        if tag == "MD" or (tok.pos_ == "AUX" and "Fut" in tense):
            if low in ("will", "'ll", "shall", "wo", "would", "going") or "Fut" in tense:
                out.append(Cue(tok.idx, "future", tok.text, 1.0, tok.idx + len(tok.text)))
        elif tag in ("VBD", "VBN") or "Past" in tense:
            out.append(Cue(tok.idx, "past", tok.text, 1.0 if tag == "VBD" or tok.pos_ in ("VERB", "AUX") else 0.7))
        elif "Fut" in tense:
            out.append(Cue(tok.idx, "future", tok.text, 1.0))
        elif tag in ("VBZ", "VBP") or ("Pres" in tense and tok.pos_ in ("VERB", "AUX")):
            out.append(Cue(tok.idx, "present", tok.text, 0.8))
    return out


def tense_near(
    cues: Sequence[Cue],
    start: int,
    end: int,
    window: tuple[int, int],
    outside: Sequence[tuple[int, int]] = (),
    inside: tuple[int, int] | None = None,
    max_distance: int = MAX_CUE_DISTANCE,
    skip: frozenset[str] = frozenset(),
    text: str | None = None,
) -> Tense:
    """The tense of the cue nearest the mention ``[start, end)`` within ``window`` (its sentence).

    ``skip`` ignores cues of some tenses (a present tense does not place a yearless month: the next cue does).
    ``inside`` restricts cues to a span (the quotation the mention sits in: the quote's own tense, not the
    reporting verb's); ``outside`` excludes spans (quotations, for a mention in the narration).
    With ``text``, a cue after the mention and behind a comma or a semicolon counts as further away
    (``CLAUSE_PENALTY``): "the minister will visit Dravsk on Tuesday, his office said" dates the visit.
    """
    lo, hi = window
    if inside is not None:
        lo, hi = max(lo, inside[0]), min(hi, inside[1])
    best: tuple[float, Cue] | None = None
    for cue in cues:
        if cue.pos < lo or cue.pos >= hi or start <= cue.pos < end or cue.tense in skip:
            continue
        if inside is None and any(s <= cue.pos < e for s, e in outside):
            continue
        cue_end = cue.end if cue.end >= 0 else cue.pos + len(cue.word)
        gap = start - cue_end if cue.pos < start else cue.pos - end
        if text is not None and cue.pos >= end and _CLAUSE_MARK.search(text, end, cue.pos):
            gap += CLAUSE_PENALTY  # a verb after the comma ("..., officials said") governs its own clause
        if gap > max_distance:
            continue  # a verb this far away governs another clause ("will expand ... than forecast in July")
        dist = gap / cue.weight
        if best is None or dist < best[0]:
            best = (dist, cue)
    if best is None:
        return Tense()
    return Tense(best[1].tense, best[1].word, best[1].pos < start)
