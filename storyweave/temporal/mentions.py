"""``find_dates``: every temporal expression in a text, normalised against an anchor (the publication day).

Detection is :mod:`~storyweave.temporal.grammar`; the tense of each clause comes from
:mod:`~storyweave.temporal.context`; :mod:`~storyweave.temporal.resolve` does the arithmetic and says why.
Two pieces of discourse are handled here, because they need the mentions before and around:

- a clock time next to a day ("7:15 p.m. Tuesday", "Tuesday at 9 a.m.") becomes one time on that day;
- inside a quotation, a weekday or "tomorrow" counts from the speaker's day: the day the sentence says the
  words were spoken ("said on Monday: '... on Friday'"), else the publication day; and the quote's own
  verbs, not the reporting verb, give its tense;
- "a year earlier" and "the quarter" refer back to the last point date / quarter the text mentioned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from storyweave.temporal.anchor import Anchor, parse_anchor
from storyweave.temporal.context import Cue, is_arrangement, quote_spans, sentence_spans, tense_cues, tense_near
from storyweave.temporal.grammar import Candidate, Spec, candidates
from storyweave.temporal.lexicon import Lexicon, lexicon
from storyweave.temporal.resolve import Resolved, Tense, resolve

__all__ = ["DateMention", "find_dates"]

#: Kinds whose value depends on the clause's tense.
_TENSED = frozenset({"partial", "weekday", "holiday"})
_POINT = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?|-Q\d|-H\d)?$")
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")
_PRESENT = frozenset({"present"})
_REFERENCE_GRAN = frozenset({"day", "month", "quarter", "year", "half"})
_COPULA = re.compile(r"\b(?:is|are)\s+(?:on\s+)?$", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:until|till|through|by)\s+$", re.IGNORECASE)
#: "a year ago" in an earnings report compares with the quarter named this many sentences before, at most.
QUARTER_CONTEXT_SENTENCES = 3
#: How far from a yearless date a verb may be when none is near (characters, within the sentence).
SENTENCE_CUE_DISTANCE = 240
#: A time zone or a parenthesised conversion between a clock time and its day ("5 p.m. EST Nov. 9", "10 a.m.
#: (0800 GMT) Monday"): still one time.
_ZONE = r"(?:(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|local\s+time)(?!\w)\s*|\([^()\n]{1,24}\)\s*)?"
_JOIN = re.compile(r"^\s*" + _ZONE + r"(?:,|at|on|,\s*on|,\s*at|à|um|am|a\s+las|le)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """One temporal expression: where it is, its TIMEX3 value, and how that value was reached.

    ``type`` is ``date``, ``time``, ``duration`` or ``set``; ``granularity`` is ``day``, ``week``, ``weekend``,
    ``month``, ``quarter``, ``half``, ``season``, ``year``, ``decade``, ``century``, ``time``, ``ref``,
    ``duration`` or ``set``; ``anchor`` is the reference date used (TIMEX3, None when there was none);
    ``relative`` says how the value counts from the anchor (``D-1``, ``WD0<``; None for absolute values).
    """

    text: str
    start: int
    end: int
    value: str
    type: str
    granularity: str
    mod: str | None
    resolution: str
    anchor: str | None
    confidence: float
    in_quote: bool
    rule: str = ""
    relative: str | None = None

    @property
    def is_point(self) -> bool:
        """A calendar date or period (not a duration, set or vague reference)."""
        return self.type in ("date", "time") and bool(re.match(r"^(?:\d{4}|XXXX)", self.value))

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def find_dates(
    text: str,
    *,
    anchor: Anchor | str | None,
    language: str | None,
    sentences: Sequence[tuple[int, int]] | None = None,
    doc: Any = None,
) -> list[DateMention]:
    """Every temporal expression in ``text``, normalised against ``anchor`` (a publication date, full or partial).

    ``sentences`` (character spans) or ``doc`` (the pipeline's spaCy Doc of this text) may be given; both are
    optional, and text alone works.
    """
    anc = anchor if isinstance(anchor, Anchor) or anchor is None else parse_anchor(anchor)
    found = _merge_clock(_range_year(_merge_year(candidates(text, language), text), text), text)
    if not found:
        return []
    lex = lexicon(language)
    sents = list(sentences) if sentences is not None else sentence_spans(text, doc)
    quotes = quote_spans(text)
    # a Doc's tense tags serve the languages without cue tables of their own; where the tables exist they were
    # measured better (TimeBank: the tagger's tenses cost 0.003 value F1) and they read verb groups
    doc_cues = tense_cues(text, lex, doc) if doc is not None and not lex.past_cues else None
    sentence_cues: dict[int, list[Cue]] = {}

    def cues_for(s_idx: int) -> list[Cue]:
        """Tense cues of one sentence, computed when a mention there first needs them."""
        if doc_cues:
            return doc_cues
        if s_idx not in sentence_cues:
            sentence_cues[s_idx] = tense_cues(text, lex, span=sents[s_idx] if sents else None)
        return sentence_cues[s_idx]

    out: list[DateMention] = []
    last_point: Resolved | None = None
    last_quarter: Resolved | None = None
    last_quarter_at: int | None = None
    narration_days: dict[int, Resolved] = {}  # sentence index -> a day the narration gives (speech time)
    sentence_day: dict[int, Resolved] = {}  # sentence index -> the last day its narration named so far
    pending: list[tuple[Candidate, int, tuple[int, int] | None]] = []
    for cand in found:
        s_idx = _sentence_of(sents, cand.start)
        quote = next(((s, e) for s, e in quotes if s <= cand.start and cand.end <= e), None)
        pending.append((cand, s_idx, quote))
    quoted = {s_idx for cand, s_idx, quote in pending if quote is not None and cand.spec.kind in ("weekday", "rel")}
    # pass 1: narration days of the sentences with quoted weekdays (the speaker's time)
    for cand, s_idx, quote in pending:
        if s_idx not in quoted or quote is not None or s_idx in narration_days:
            continue
        if cand.spec.kind in ("abs", "weekday", "rel", "partial") and cand.spec.unit in (None, "D"):
            window = sents[s_idx] if sents else (0, len(text))
            r = resolve(cand.spec, anc, tense_near(cues_for(s_idx), cand.start, cand.end, window, quotes))
            if _DAY_VALUE.match(r.value):
                narration_days[s_idx] = r
    for cand, s_idx, quote in pending:
        spec = cand.spec
        window = sents[s_idx] if sents else (0, len(text))
        tense = Tense()
        if spec.kind in _TENSED or spec.amount is None:
            skip = _PRESENT if spec.kind in ("partial", "holiday") else frozenset()
            near = tense_near(cues_for(s_idx), cand.start, cand.end, window, quotes, quote, skip=skip, text=text)
            if near.tense is None and spec.kind in ("partial", "holiday"):
                # no verb near a yearless date: the sentence's main verb, further off, still tells past from future
                near = tense_near(
                    cues_for(s_idx), cand.start, cand.end, window, quotes, quote, SENTENCE_CUE_DISTANCE, skip, text
                )
            tense = _clause_tense(text, cand, near, window, lex)
        use = anc
        if quote is not None and spec.kind in ("weekday", "rel") and anc is not None:
            spoken = narration_days.get(s_idx)
            if spoken is not None and anc.year is not None:
                use = parse_anchor(spoken.value[:10], source="speech") or anc
        elif spec.kind == "weekday" and anc is not None and anc.year is not None:
            use = _weekday_reference(spec, tense, anc, last_point, sentence_day.get(s_idx)) or anc
        about_quarter = (
            spec.unit == "Y"
            and spec.kind in ("anaphoric", "ago")
            and last_quarter_at is not None
            and (last_quarter_at >= sents[max(0, s_idx - QUARTER_CONTEXT_SENTENCES)][0] if sents else True)
        )
        wants_quarter = spec.part == "Q" or (spec.unit == "Q" and spec.amount is None) or about_quarter
        qref = last_quarter if wants_quarter else None
        r = resolve(spec, use, tense, reference=last_point, quarter_reference=qref)
        if quote is not None and use is not anc:
            r = replace(r, resolution=f"{r.resolution} (speaker's day from the narration)")
        out.append(_mention(text, cand, r, quote is not None))
        derived = spec.kind in ("anaphoric", "ago")  # counted from another date: never a reference itself
        if not derived and _POINT.match(r.value) and r.type in ("DATE", "TIME") and r.granularity in _REFERENCE_GRAN:
            last_point = r
            if quote is None and _DAY_VALUE.match(r.value[:10]):
                sentence_day[s_idx] = r
            if r.granularity == "quarter":
                last_quarter, last_quarter_at = r, cand.start
    return out


#: Past forms that report a plan from an earlier moment ("said Monday it would meet Tuesday").
_REPORTED_FUTURE = frozenset({"would", "'d", "planned", "intended", "was", "were", "expected", "hoped", "wanted"})


def _weekday_reference(
    spec: Spec, tense: Tense, anc: Anchor, last_point: Resolved | None, said: Resolved | None
) -> Anchor | None:
    """The day a weekday counts from when it is not the publication day.

    "The previous Friday", "the following Monday" count from the day the text named last; a weekday in a
    plan reported from an earlier day ("officials said Monday the talks would resume Tuesday") counts from
    the day of the report, which the same sentence gives."""
    if spec.rule == "weekday-anaphoric":
        if last_point is not None and _DAY_VALUE.match(last_point.value[:10]):
            return parse_anchor(last_point.value[:10], source="reference")
        return None
    if spec.direction is not None or said is None or not tense.before:
        return None
    if tense.tense not in ("future", "modal") or (tense.cue or "").casefold() not in _REPORTED_FUTURE:
        return None
    said_day = parse_anchor(said.value[:10], source="reported")
    if said_day is None or said_day.as_date() is None or anc.as_date() is None:
        return None
    return said_day if said_day.as_date() < anc.as_date() else None  # type: ignore[operator]


def _clause_tense(text: str, cand: Candidate, tense: Tense, window: tuple[int, int], lex: Lexicon) -> Tense:
    """News habits that override the clause's tense for a yearless date or a weekday.

    "until/through/by January" names a deadline or an end point: the main verb's tense does not place it, so
    the nearest reading is taken. "Thursday's closing price" names a past event unless a future cue is explicit.
    "Called for a rally on Saturday": after the object of a verb that looks ahead, the weekday dates the object;
    so does a weekday after "for" ("called a rally for Saturday").
    """
    if cand.spec.kind in ("partial", "holiday") and _DEADLINE.search(text[max(0, cand.start - 12) : cand.start]):
        return Tense(None, None)
    if cand.spec.kind == "weekday" and text[cand.end : cand.end + 2] in ("'s", "’s") and tense.tense == "present":
        return Tense(None, None)
    if cand.spec.kind == "weekday" and tense.tense == "present":
        if is_arrangement(tense.cue, lex):  # "the leaders meet Monday", "are meeting Monday": arranged, ahead
            return Tense("future", tense.cue, tense.before)
        if lex.lang == "en" and _COPULA.search(text[max(0, cand.start - 12) : cand.start]):
            return Tense("future", "is")  # "the vote is Sunday", "the deadline is on Friday"
    if cand.spec.kind == "weekday" and tense.tense == "past":
        if cue := _prospective(text, cand, window, lex):
            return Tense("future", cue)
        before = [w.casefold() for w in text[window[0] : cand.start].split()]
        while before and before[-1] in lex.articles:
            before.pop()  # "para el sábado", "für den Samstag"
        if before and before[-1] in lex.extra.get("planned_for", "").split():
            return Tense("future", before[-1])  # "has called a rally for Saturday"
    return tense


def _prospective(text: str, cand: Candidate, window: tuple[int, int], lex: Lexicon) -> str | None:
    """The look-ahead verb ("called for") the weekday's clause opens with, when an object stands between them."""
    phrases = lex.extra.get("prospective")
    if not phrases:
        return None
    before = text[window[0] : cand.start]
    found = None
    for m in re.finditer(r"\b(?:" + phrases + r")\b", before, re.IGNORECASE):
        found = m
    if found is None:
        return None
    between = before[found.end() :]
    if len(between.split()) < 2 or re.search(r"[,;:.!?]", between):
        return None  # "called on Monday for", or the call's own clause ended: the weekday dates the call
    return found.group()


def _sentence_of(sents: Sequence[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(sents):
        if s <= pos < e:
            return i
    return max(0, len(sents) - 1)


def _mention(text: str, cand: Candidate, r: Resolved, in_quote: bool) -> DateMention:
    return DateMention(
        text=text[cand.start : cand.end],
        start=cand.start,
        end=cand.end,
        value=r.value,
        type=r.type.lower(),
        granularity=r.granularity,
        mod=r.mod,
        resolution=f"{cand.spec.rule}: {r.resolution}",
        anchor=r.anchor,
        confidence=round(r.confidence, 3),
        in_quote=in_quote,
        rule=cand.spec.rule,
        relative=r.relative,
    )


def _merge_year(found: list[Candidate], text: str) -> list[Candidate]:
    """A month or season followed by a year the grammar found apart ("January nineteen ninety-seven", "the
    winter of nineteen ninety-four": a spelled year) is that month or season of that year."""
    out: list[Candidate] = []
    for c in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and c.spec.kind == "abs"
            and c.spec.month is None
            and c.spec.part is None
            and re.match(r"^,?\s+(?:of\s+)?$", text[prev.end : c.start])
            and (
                (prev.spec.kind == "partial" and prev.spec.day is None and prev.spec.direction is None)
                or (prev.spec.unit == "SEASON" and prev.spec.direction is None)
            )
        ):
            spec = Spec("abs", year=c.spec.year, month=prev.spec.month, part=prev.spec.part if prev.spec.month is None
                        else None, mod=prev.spec.mod, rule=f"{prev.spec.rule}+year")  # fmt: skip
            out[-1] = Candidate(prev.start, c.end, spec, min(prev.priority, c.priority))
            continue
        out.append(c)
    return out


_RANGE_LINK = re.compile(r"^\s*(?:to|through|till|until|and|-|–|—)\s*$", re.IGNORECASE)


def _range_year(found: list[Candidate], text: str) -> list[Candidate]:
    """The first end of a range takes the year its second end gives ("from January to November last year",
    "between March 3 and May 9, 1997"): the year before when its month comes later in the calendar."""
    out = list(found)
    for i in range(len(out) - 1):
        first, second = out[i].spec, out[i + 1].spec
        if first.kind != "partial" or first.direction is not None or second.month is None:
            continue
        if not _RANGE_LINK.match(text[out[i].end : out[i + 1].start]):
            continue
        back = -1 if first.month is not None and first.month > second.month else 0
        if second.kind == "abs" and second.year is not None:
            spec = replace(first, kind="abs", year=second.year + back, rule=f"{first.rule}+range")
        elif second.kind == "rel" and second.unit == "Y" and first.day is None:  # "November last year"
            spec = replace(first, kind="rel", unit="Y", amount=(second.amount or 0) + back, rule=f"{first.rule}+range")
        else:
            continue
        out[i] = replace(out[i], spec=spec)
    return out


def _is_clock(spec: Spec) -> bool:
    """A clock time, or a part of the day standing alone ("mid-afternoon"): it joins the day next to it."""
    return spec.kind == "clock" or spec.rule == "part-of-day"


def _merge_clock(found: list[Candidate], text: str) -> list[Candidate]:
    """A clock time right next to a day expression becomes one TIME on that day ("7 p.m. Tuesday")."""
    out: list[Candidate] = []
    i = 0
    while i < len(found):
        c = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and _JOIN.match(text[c.end : nxt.start]):
            day, clock = (c, nxt) if _is_clock(nxt.spec) else (nxt, c)
            if (
                _is_clock(clock.spec)
                and day.spec.kind in ("weekday", "rel", "abs", "partial")
                and (
                    day.spec.unit in (None, "D")
                    and day.spec.time is None
                    and day.spec.part is None
                    and (day.spec.kind not in ("abs", "partial") or day.spec.day is not None)
                )
            ):
                spec: Spec = replace(
                    day.spec,
                    type="TIME",
                    time=clock.spec.time,
                    mod=day.spec.mod or clock.spec.mod,
                    rule=f"{day.spec.rule}+clock",
                )
                out.append(Candidate(c.start, nxt.end, spec, min(c.priority, nxt.priority)))
                i += 2
                continue
        out.append(c)
        i += 1
    return out
