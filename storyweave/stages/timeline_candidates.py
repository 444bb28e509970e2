"""Candidate statements of the timeline: which dated statements of an article may be a chronology line, and
its lead (the first sentence of the body, dated by the publication). Internal to
:mod:`storyweave.stages.timeline`, which documents the rules; every statement set aside says why."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyweave.stages.dates import ArticleDates
from storyweave.stages.timeline_model import TimelineArticle, TimelineOptions, Unplaced
from storyweave.temporal.context import sentence_spans
from storyweave.temporal.periods import GRANULARITY_RANK, Period, human_date, period
from storyweave.temporal.statements import DatedStatement, continuation

__all__ = ["WORD", "Item", "article_day", "candidates", "clean", "storyline_span"]

WORD = re.compile(r"\w+", re.UNICODE)
_TRAIL = re.compile(r"[\s;:,—–-]+$")
_YEAR = re.compile(r"\b\d{4}\b")
_QUOTE_MARKS = "\"“«„'‘"
_CLOSING_MARKS = "\"”»“'’"


def _all_quoted(text: str) -> bool:
    """The clause is a quotation and nothing else ('"Tonight they need a bed."'): no narration reports it."""
    t = text.strip().rstrip(".")
    return (
        len(t) > 2 and t[0] in _QUOTE_MARKS and t[-1] in _CLOSING_MARKS and not re.search(r"[\"”»]\s*,?\s+\w", t[1:-1])
    )


@dataclass(frozen=True)
class Item:
    """A candidate statement with everything the entry needs (internal)."""

    art: int
    source: TimelineArticle
    text: str
    start: int
    end: int
    context_end: int
    period: Period
    basis: str
    role: str
    cue: str | None
    confidence: float
    in_quote: bool
    mention: str
    actors: frozenset[str]
    #: Other point dates in the same sentence (the clause may be about another happening).
    other_dates: int = 0
    #: A weekday counted from the publication ("on Monday").
    weekday: bool = False

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.art, self.start, self.period.rank)


# --- candidates ---------------------------------------------------------------------------------------------


def candidates(i: int, art: TimelineArticle, opts: TimelineOptions) -> tuple[list[Item], list[Unplaced]]:
    items: list[Item] = []
    left: list[Unplaced] = []
    day = article_day(art.dates)
    for s in art.dates.statements:
        item, why = _item(i, art, s, day, opts)
        if item is None:
            left.append(Unplaced(art.article_id, s.text, s.date, why))
        else:
            items.append(item)
    if opts.lead and art.text and day is not None and art.dates.anchor and len(art.dates.anchor) >= 10:
        lead = _lead(i, art, day, items, opts)
        if lead is not None:
            items.append(lead)
    return items, left


def _item(
    i: int, art: TimelineArticle, s: DatedStatement, day: dt.date | None, opts: TimelineOptions
) -> tuple[Item | None, str]:
    words = len(WORD.findall(s.text)) - len(WORD.findall(s.mention.text))
    if words < opts.min_words:
        return None, "a date with no clause around it (a date line or caption)"
    if s.text.rstrip().endswith("?"):
        return None, "a question, not a report"
    if s.mention.rule in ("clock", "part-of-day"):
        return None, f"a time of day ('{s.mention.text}') with no day of its own"
    if _date_line(s.text, s.mention.text):
        return None, "a date line ('Published on ...'), no happening"
    if s.mention.in_quote and s.relative and _all_quoted(s.text):
        return None, f"'{s.mention.text}' in a quotation: the speaker's own day, no report of it"
    if s.mention.in_quote and GRANULARITY_RANK.get(s.granularity, 9) >= 2 and not _YEAR.search(s.mention.text):
        return None, f"'{s.mention.text}' in a quotation: the speaker's own week or year, no happening's date"
    if s.cue == "modifier" and s.role == "future":
        return None, f"'{s.mention.text}' names a thing ('{s.mention.text} bonds'), no happening"
    if s.mention.in_quote and s.role == "background" and s.granularity in ("year", "decade", "century"):
        return None, f"'{s.mention.text}': a year a speaker recalls in a quotation, no happening of the story"
    if _term_end(art, s, day, opts):
        return None, f"'{s.mention.text}': the end of a term ('until ...'), no happening"
    value, mod, granularity = s.date, s.mod, s.granularity
    inferred = art.dates.inferred
    basis = "stated" if s.relative is None else "relative"
    if art.dates.anchor_source == "inferred" and "[anchor inferred" in s.mention.resolution:
        basis = "inferred"
        # "today" against a month-level inferred anchor ("late August"): the article's inferred period itself
        if s.relative and s.relative.startswith("D") and inferred and value == inferred.value and mod is None:
            mod = inferred.mod
    p = period(value, granularity, mod)
    if p is None:
        return None, f"{value}: no calendar period (no year and no day, or a vague reference)"
    if p.yearless and p.month_day is None:
        return None, f"{value}: no year"
    if not p.yearless and p.rank >= 4 and day is not None and p.contains(day):
        return None, f"{human_date(value, granularity, mod)} contains the article's own day: it dates nothing"
    actors = _actors(art, s.start, s.end) or frozenset(s.actors)
    item = Item(
        art=i,
        source=art,
        text=clean(s.text),
        start=s.start,
        end=s.end,
        context_end=max(s.context_end, s.end),
        period=p,
        basis=basis,
        role=s.role,
        cue=s.cue,
        confidence=s.mention.confidence,
        in_quote=s.mention.in_quote,
        mention=s.mention.text,
        actors=actors,
        other_dates=len(s.other_dates),
        weekday=bool(s.relative and s.relative.startswith("WD")),
    )
    return item, ""


_PUBLISHED = re.compile(
    r"^(?:published|updated|posted|last\s+updated|publié|mis\s+à\s+jour|veröffentlicht|aktualisiert|stand|publicado|"
    r"actualizado)\b",
    re.IGNORECASE,
)


def _date_line(text: str, mention: str) -> bool:
    """A line that only dates the page: "Published 8 September 2025, 10:30", "Tuesday, 2 September 2025 - 21:14"."""
    rest = [w for w in re.findall(r"[^\W\d_]{2,}", text.replace(mention, " ")) if w.casefold() not in ("at", "um")]
    return len(text) < 80 and (len(rest) <= 1 or bool(_PUBLISHED.match(" ".join(rest))))


_UNTIL = re.compile(
    r"(?:\b(?:until|till|through|(?:runs?|running|lasts?|lasting|extends?|extending)\s+(?:to|into)|bis|hasta)\s+"
    r"|\bjusqu['’](?:en|à|au)\s+)(?:(?:the\s+)?end\s+of\s+|(?:la\s+)?fin\s+|(?:zum\s+)?Ende\s+|finales\s+de\s+)?$",
    re.IGNORECASE,
)


_DELAYED = re.compile(
    r"\b(?:delay\w*|postpon\w*|put\s+off|defer\w*|pushed\s+back|adjourn\w*|suspend\w*|verschob\w*|"
    r"vertagt\w*|aplaz\w*|report[ée]\w*)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def _term_end(art: TimelineArticle, s: DatedStatement, day: dt.date | None, opts: TimelineOptions) -> bool:
    """ "no compulsory redundancies until 2028", "a guarantee that runs to 2030": a date far past the report that
    only ends a state (a term, a guarantee) is no happening; "the drills run until late September" is near and
    stays."""
    before = art.text[max(0, s.mention.start - 40) : s.mention.start] if art.text else ""
    if day is None or not _UNTIL.search(before) or _DELAYED.search(before):
        return False  # "delivery will be delayed until October 2007": the happening itself moves there
    p = period(s.date, s.granularity, s.mod)
    return p is not None and p.first is not None and (p.first - day).days > opts.term_days


def _lead(i: int, art: TimelineArticle, day: dt.date, items: list[Item], opts: TimelineOptions) -> Item | None:
    """The article's first sentence, dated by its publication day, when no statement of its own dates it."""
    spans = sentence_spans(art.text)
    for lo, hi in spans[:12]:
        text = art.text[lo:hi].strip()
        if len(WORD.findall(text)) < opts.lead_words or (art.title and text == art.title.strip()):
            continue  # a heading, a byline, or a feature's short opening line: not a news lead
        if any(it.start < hi and lo < it.end for it in items):
            return None
        p = period(day.isoformat(), "day")
        assert p is not None
        basis_note = "stated" if art.dates.anchor_source == "stated" else "inferred"
        return Item(
            art=i,
            source=art,
            text=clean(text),
            start=lo,
            end=hi,
            context_end=continuation(art.text, spans, hi, [m for st in art.dates.statements for m in (st.mention,)]),
            period=p,
            basis="publication",
            role="news",
            cue=None,
            confidence=opts.lead_confidence * (1.0 if basis_note == "stated" else 0.8),
            in_quote=False,
            mention="",
            actors=_actors(art, lo, hi),
        )
    return None


def _actors(art: TimelineArticle, lo: int, hi: int) -> frozenset[str]:
    return frozenset(cid for s, e, cid in art.entities if lo <= s and e <= hi)


def article_day(dates: ArticleDates) -> dt.date | None:
    """The article's own day: its anchor's first day (a month anchor "late August" -> 21 August)."""
    if dates.anchor is None:
        return None
    mod = dates.inferred.mod if dates.inferred is not None and dates.anchor_source == "inferred" else None
    gran = "day" if len(dates.anchor) >= 10 else "month" if len(dates.anchor) == 7 else "year"
    p = period(dates.anchor[:10], gran, mod if mod in ("START", "MID", "END") else None)
    return None if p is None else p.first


def storyline_span(arts: Sequence[TimelineArticle]) -> tuple[dt.date | None, dt.date | None]:
    """The first article's day and the last day an article is known to have been published on (an anchor that
    is a day: a month or a lower bound says nothing of how late)."""
    days = [d for a in arts if (d := article_day(a.dates)) is not None]
    full = [d for a in arts if (d := article_day(a.dates)) is not None and len(a.dates.anchor or "") >= 10]
    return (min(days) if days else None), (max(full) if full else None)


def clean(text: str) -> str:
    """A statement's text as the timeline shows it: whitespace collapsed, no trailing clause punctuation."""
    return _TRAIL.sub("", " ".join(text.split()))
