"""Dated event statements: the clause around each calendar date, its date, its actors, news or background.

A statement is the clause (or the sentence, when the sentence holds one date) in which a point date is
mentioned - "On November 10, Russian leader X chaired a meeting" -> 2020-11-10, day. ``role`` places it
against the article's own day (the publication day, else the latest full date the article gives):

- ``news`` - within a few days of that day (what the article reports);
- ``recent`` - earlier, within about a month;
- ``background`` - older, or marked as context by the wording itself: "since 1994", "the 2014 annexation"
  (a year used as a modifier), "in recent years";
- ``future`` - after the article's day (plans, deadlines, scheduled votes);
- ``unknown`` - the date cannot be placed (no year and no anchor).

Actors come from optional entity spans ``(start, end, name)`` (the entities stage's output), kept when they
fall inside the clause.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyweave.temporal.anchor import Anchor, parse_anchor
from storyweave.temporal.context import sentence_spans, tense_cues
from storyweave.temporal.lexicon import lexicon
from storyweave.temporal.mentions import DateMention

__all__ = ["DatedStatement", "EntitySpan", "continuation", "dated_statements", "mod_bounds", "value_bounds"]

EntitySpan = tuple[int, int, str]

#: A statement this close to the article's day (days) is the day's news; older but this close is recent.
NEWS_DAYS, RECENT_DAYS = 3, 31
_CLAUSE_CUT = re.compile(r"\s*[;:—–]\s+|,\s+(?=(?:and|but|while|whereas|when|after|before|as|where)\b)")
#: "their first talks since the strike began on 6 October": a happening that a later state counts from.
_SINCE_CLAUSE = re.compile(r"\bsince\s+(?P<clause>[^,;:()]{8,})$", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:since|depuis|seit|desde)\s+(?:(?:the|an?|its|their)\s+)?$", re.IGNORECASE)
_MODIFIER_YEAR = re.compile(r"^\s+(?:[a-z][a-z-]+)", re.UNICODE)
_MIN_CLAUSE = 30
#: Words with which news prose looks back at earlier events ("recalled the 2014 annexation").
_RECALL = re.compile(
    r"\b(?:recall\w*|remember\w*|back\s+in|at\s+the\s+time|rappel\w*|erinner\w*|recuerd\w*|record[óa]\w*)\b",
    re.IGNORECASE,
)
#: Undated sentences after a dated one that still tell its event ("According to him, ...").
CONTEXT_SENTENCES = 2


@dataclass(frozen=True)
class DatedStatement:
    """One dated clause of an article. ``date`` is the TIMEX3 value (``XXXX`` where the year is unknown)."""

    text: str
    start: int
    end: int
    date: str
    granularity: str
    mod: str | None
    actors: tuple[str, ...]
    role: str
    background: bool
    reason: str
    mention: DateMention
    article_id: str | None = None
    #: The clause and the sentences after it that carry no date of their own (the same event, told on).
    context: str = ""
    #: The values of the other point dates in the same sentence.
    other_dates: tuple[str, ...] = ()
    #: Where ``context`` ends in the text (``start`` is where it begins).
    context_end: int = 0
    #: The wording that marks the date as context, when one does: ``since`` ("since 1994"), ``modifier`` ("the
    #: 2014 annexation") or ``recall`` ("recalled ... in 2014"); None when the role comes from the date alone.
    cue: str | None = None

    @property
    def relative(self) -> str | None:
        """How the date counts from the article's anchor (``D+0`` for "today"), when it does."""
        return self.mention.relative

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "mention"}
        out["mention"] = self.mention.to_dict()
        return out


def dated_statements(
    text: str,
    mentions: Sequence[DateMention],
    *,
    anchor: Anchor | str | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
    entities: Sequence[EntitySpan] | None = None,
    article_id: str | None = None,
    earliest: dt.date | None = None,
) -> list[DatedStatement]:
    """The dated event statements of an article, from its :func:`~storyweave.temporal.mentions.find_dates` output.

    ``earliest``: the first day the article can be from when its own day is not known (an inferred "late August
    2020" gives 21 August): a date before it is not the article's news, even if it is the latest the text names.
    """
    anc = anchor if isinstance(anchor, Anchor) or anchor is None else parse_anchor(anchor)
    points = [m for m in mentions if m.is_point]
    if not points:
        return []
    sents = list(sentences) if sentences is not None else sentence_spans(text)
    day = _reference_day(anc, points, earliest)
    sent_of = {id(p): next((i for i, (s, e) in enumerate(sents) if s <= p.start < e), -1) for p in points}
    out: list[DatedStatement] = []
    for m in points:
        lo, hi = _clause(text, sents, m, points)
        role, reason, cue = _role(text, m, day, text[lo:hi])
        actors = tuple(dict.fromkeys(name for s, e, name in (entities or ()) if lo <= s and e <= hi))
        context_end = continuation(text, sents, hi, points)
        context = text[lo:context_end]
        out.append(
            DatedStatement(
                text=text[lo:hi].strip(),
                start=lo,
                end=hi,
                date=m.value,
                granularity=m.granularity,
                mod=m.mod,
                actors=actors,
                role=role,
                background=role == "background",
                reason=reason,
                mention=m,
                article_id=article_id,
                context=" ".join(context.split()),
                other_dates=tuple(p.value for p in points if p is not m and sent_of[id(p)] == sent_of[id(m)]),
                context_end=context_end,
                cue=cue,
            )
        )
    return out


def continuation(text: str, sents: Sequence[tuple[int, int]], hi: int, points: Sequence[DateMention]) -> int:
    """End of the undated sentences that follow ``hi`` in the same paragraph (at most ``CONTEXT_SENTENCES``)."""
    end = hi
    following = [(s, e) for s, e in sents if s >= hi][:CONTEXT_SENTENCES]
    for s, e in following:
        if "\n\n" in text[end:s] or "\n\n" in text[s:e].strip() or any(s <= p.start < e for p in points):
            break
        end = e
    return end


def value_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a TIMEX3 point value covers (a day, week, month, quarter, half, season, year)."""
    m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d)(?:-WE)?|-Q([1-4])|-H([12])|-(SP|SU|FA|WI))?(?:T.*)?$", value)
    if not m:
        return None
    y = int(m[1])
    try:
        if m[3]:
            d = dt.date(y, int(m[2]), int(m[3]))
            return d, d
        if m[2]:
            first = dt.date(y, int(m[2]), 1)
            nxt = dt.date(y + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if m[4]:
            first = dt.date.fromisocalendar(y, int(m[4]), 1)
            return first, first + dt.timedelta(days=6)
        if m[5] or m[6]:
            size = 3 if m[5] else 6
            start_month = (int(m[5] or m[6]) - 1) * size + 1
            first = dt.date(y, start_month, 1)
            end_month = start_month + size
            last = dt.date(y + (end_month > 12), (end_month - 1) % 12 + 1, 1) - dt.timedelta(days=1)
            return first, last
        if m[7]:
            first_m = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[7]]
            first = dt.date(y, first_m, 1)
            return first, first + dt.timedelta(days=90)
    except ValueError:
        return None
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def mod_bounds(value: str, mod: str | None) -> tuple[dt.date, dt.date] | None:
    """:func:`value_bounds` narrowed by a TIMEX3 ``mod``: ``START``/``END`` keep the first or last third of a month
    or week ("late August" is 21-31 August) and the first or last quarter of anything longer ("the end of the
    year" is October-December), ``MID`` what lies between; other mods (``APPROX``, open bounds) keep the whole
    period."""
    bounds = value_bounds(value)
    if bounds is None or mod not in ("START", "MID", "END"):
        return bounds
    first, last = bounds
    length = (last - first).days + 1
    part = -(-length // 3) if length < 90 else round(length / 4)
    if part == 0 or length < 3:  # "late Tuesday", "mid-afternoon": the day itself
        return bounds
    if mod == "START":
        return first, first + dt.timedelta(days=part - 1)
    if mod == "MID":
        return first + dt.timedelta(days=part), last - dt.timedelta(days=part)
    return last - dt.timedelta(days=part - 1), last


def _reference_day(anchor: Anchor | None, points: Sequence[DateMention], earliest: dt.date | None) -> dt.date | None:
    """The article's own day: the anchor's, else the latest full date it mentions or ``earliest`` (lower bounds)."""
    if anchor is not None and anchor.as_date() is not None:
        return anchor.as_date()
    days = [b[0] for m in points if m.granularity == "day" and (b := value_bounds(m.value)) is not None]
    days += [earliest] if earliest is not None else []
    return max(days) if days else None


def _clause(
    text: str, sents: Sequence[tuple[int, int]], m: DateMention, points: Sequence[DateMention]
) -> tuple[int, int]:
    lo, hi = next(((s, e) for s, e in sents if s <= m.start < e), (0, len(text)))
    others = [p for p in points if lo <= p.start < hi and p is not m]
    if not others:
        return lo, hi
    # several dates in one sentence: cut it at clause boundaries, keep the part that holds this date
    cuts = [lo] + [lo + c.end() for c in _CLAUSE_CUT.finditer(text[lo:hi])] + [hi]
    for a, b in itertools.pairwise(cuts):
        if a <= m.start < b:
            if b - a >= _MIN_CLAUSE:
                return a, b
            break
    return lo, hi


def _role(text: str, m: DateMention, day: dt.date | None, clause: str) -> tuple[str, str, str | None]:
    before = text[max(0, m.start - 12) : m.start]
    before_wide = text[max(0, m.start - 24) : m.start]
    if _SINCE.search(before):
        return "background", f"'{before.strip()} {m.text}': a state that began then", "since"
    since = _SINCE_CLAUSE.search(text[max(0, m.start - 60) : m.start])
    if since and any(c.tense == "past" for c in tense_cues(since["clause"], lexicon("en"))):
        return "background", f"'since {since['clause'].strip()} {m.text}': what a later state counts from", "since"
    if (
        m.granularity == "year"
        and m.rule == "year"
        and _MODIFIER_YEAR.match(text[m.end : m.end + 20])
        and re.search(r"(?:\b(?:the|its|a|their|his|her)|\w['’]s)\s+$", before, re.IGNORECASE)
    ) or (
        m.granularity == "year"
        and re.search(r"\b(?:bonds?|notes?|debt|loans?)\s+(?:due|maturing)\s+(?:in\s+)?$", before_wide)
    ):
        if day is not None and int(m.value[:4]) > day.year:
            return "future", f"'{m.text}' names a thing ahead ('the {m.text} ...'), no happening", "modifier"
        return "background", f"'{m.text}' names an earlier event ('the {m.text} ...')", "modifier"
    if m.granularity in ("year", "decade", "century") and (recall := _RECALL.search(clause)):
        return "background", f"a year in a clause that looks back ('{recall.group()}')", "recall"
    if m.relative and m.relative.startswith("D+0"):
        return "news", "the publication day ('today')", None
    bounds = mod_bounds(m.value, m.mod)
    if bounds is None or day is None:
        if m.relative is not None:
            return "unknown", "counted from a publication date that is not known", None
        return "unknown", "the date has no year and the article no date", None
    first, last = bounds
    if last < day - dt.timedelta(days=RECENT_DAYS):
        return "background", f"{m.value} ends more than {RECENT_DAYS} days before {day.isoformat()}", None
    if first > day:
        return "future", f"{_shown(m)} is after {day.isoformat()}", None
    if last >= day - dt.timedelta(days=NEWS_DAYS):
        return "news", f"{m.value} is within {NEWS_DAYS} days of {day.isoformat()}", None
    return "recent", f"{m.value} is within {RECENT_DAYS} days before {day.isoformat()}", None


def _shown(m: DateMention) -> str:
    return f"{m.value} {m.mod}" if m.mod in ("START", "MID", "END") else m.value
