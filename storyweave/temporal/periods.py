"""Calendar periods of TIMEX3 values and how two of them relate - what the timeline needs to merge dates.

A statement's date is a period: a day, "late August 2020" (21-31 August), a week, a year. Two statements can
report the same happening only when their periods are compatible: the same period, or one nested in the other
(a day inside "late August" may or may not be it - the text decides), or a day whose year one article does not
give (``XXXX-08-09``) against the same day and month with a year. Periods that merely overlap ("the week" vs
"late August") or lie apart never are.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storyweave.temporal.statements import mod_bounds

__all__ = ["GRANULARITY_RANK", "Period", "human_date", "period", "relation"]

#: Finer first; a period's rank orders the candidates for an entry's date (the most specific wins).
GRANULARITY_RANK = {
    "time": 0,
    "day": 1,
    "weekend": 2,
    "week": 2,
    "month": 3,
    "season": 4,
    "quarter": 4,
    "half": 5,
    "year": 6,
    "decade": 7,
    "century": 8,
}
_YEARLESS_DAY = re.compile(r"^XXXX-(\d\d)-(\d\d)$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MOD_WORD = {"START": "early", "MID": "mid-", "END": "late"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


@dataclass(frozen=True)
class Period:
    """A TIMEX3 point value as days: ``first``/``last`` (None for a day without a year, see ``month_day``)."""

    value: str
    granularity: str
    mod: str | None
    first: dt.date | None
    last: dt.date | None
    #: ``(month, day)`` of a day given without a year (``XXXX-08-09``).
    month_day: tuple[int, int] | None = None

    @property
    def rank(self) -> int:
        return GRANULARITY_RANK.get(self.granularity, 9)

    @property
    def yearless(self) -> bool:
        return self.first is None

    def contains(self, day: dt.date) -> bool:
        return self.first is not None and self.last is not None and self.first <= day <= self.last


def period(value: str, granularity: str, mod: str | None = None) -> Period | None:
    """The period a value covers (``START``/``MID``/``END`` narrow it), or None when it names no calendar period."""
    if m := _YEARLESS_DAY.match(value):
        return Period(value, "day", mod, None, None, (int(m[1]), int(m[2])))
    # a decade (``199``) or century (``19``) is not a value_bounds form: widen it to years first
    if re.fullmatch(r"\d{3}", value):
        lo, hi = dt.date(int(value) * 10, 1, 1), dt.date(int(value) * 10 + 9, 12, 31)
        return Period(value, granularity, mod, lo, hi)
    if re.fullmatch(r"\d{2}", value):
        lo, hi = dt.date(max(1, int(value) * 100), 1, 1), dt.date(int(value) * 100 + 99, 12, 31)
        return Period(value, granularity, mod, lo, hi)
    bounds = mod_bounds(value, mod)
    if bounds is None:
        return None
    return Period(value, "day" if granularity == "time" and "T" not in value else granularity, mod, *bounds)


def relation(a: Period, b: Period) -> str:
    """``same``, ``nested`` (one inside the other), ``yearless`` (a day without a year and the same day and month
    with one), ``overlap`` or ``apart``."""
    if a.yearless or b.yearless:
        if a.yearless and b.yearless:
            return "same" if a.month_day == b.month_day else "apart"
        full = b if a.yearless else a
        md = a.month_day if a.yearless else b.month_day
        if full.granularity in ("day", "time") and full.first is not None and (full.first.month, full.first.day) == md:
            return "yearless"
        return "apart"
    assert a.first and a.last and b.first and b.last
    if (a.first, a.last) == (b.first, b.last):
        return "same"
    if (a.first <= b.first and b.last <= a.last) or (b.first <= a.first and a.last <= b.last):
        return "nested"
    if a.first <= b.last and b.first <= a.last:
        return "overlap"
    return "apart"


def human_date(value: str, granularity: str, mod: str | None = None) -> str:
    """How a chronology writes the date: ``9 Aug 2020``, ``late Aug 2020``, ``week 38, 2020``, ``Q3 2020``."""
    word = _MOD_WORD.get(mod or "", "")
    lead = (word if word.endswith("-") else word + " ") if word else ""
    if m := _YEARLESS_DAY.match(value):
        return f"{int(m[2])} {_MONTHS[int(m[1]) - 1]} (year unknown)"
    if m := re.match(r"^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d:\d\d|[A-Z]{2}))?", value):
        day = f"{int(m[3])} {_MONTHS[int(m[2]) - 1]} {m[1]}"
        return f"{day}, {m[4]}" if m[4] and ":" in m[4] else day
    if m := re.match(r"^(\d{4})-(\d\d)$", value):
        return f"{lead}{_MONTHS[int(m[2]) - 1]} {m[1]}"
    if m := re.match(r"^(\d{4})-W(\d\d)(-WE)?$", value):
        return f"{'weekend' if m[3] else 'week'} {int(m[2])}, {m[1]}"
    if m := re.match(r"^(\d{4})-(Q[1-4]|H[12])$", value):
        return f"{lead}{m[2]} {m[1]}"
    if m := re.match(r"^(\d{4})-(SP|SU|FA|WI)$", value):
        return f"{lead}{_SEASONS[m[2]]} {m[1]}"
    if re.fullmatch(r"\d{4}", value):
        return f"{lead}{value}"
    if re.fullmatch(r"\d{3}", value):
        return f"{lead}{value}0s"
    if re.fullmatch(r"\d{2}", value):
        return f"{lead}{int(value) + 1}th century"
    return value
