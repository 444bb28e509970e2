"""The reference date relative expressions resolve against, and calendar arithmetic on TIMEX3 values.

A publication date can be full (``2020-09-16``, with or without a time), partial (``2020-11``, ``2020``,
or ``--11-10``: a day and month with no year, as the extraction stage stores a dateline that gives no
year) or absent. :class:`Anchor` keeps exactly what is known; resolution writes ``X`` for what is not
(``XXXX-11-09`` for "yesterday" against ``--11-10``), so no year is ever invented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

__all__ = ["Anchor", "parse_anchor", "shift_month", "timex_date"]

#: Year used for day arithmetic when the anchor's year is unknown (a leap year, so Feb 29 exists).
_LEAP = 2000

_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_NOYEAR = re.compile(r"^--(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Anchor:
    """What is known of a reference date. ``source`` is ``stated``, ``inferred`` or ``speech`` (a quote's time)."""

    year: int | None
    month: int | None = None
    day: int | None = None
    clock: str | None = None
    source: str = "stated"

    @property
    def granularity(self) -> str:
        if self.year is not None:
            return "day" if self.day is not None else "month" if self.month is not None else "year"
        if self.month is not None:
            return "day-no-year" if self.day is not None else "month-no-year"
        return "none"

    @property
    def has_day(self) -> bool:
        """True when month and day are known (the year may still be unknown)."""
        return self.month is not None and self.day is not None

    @property
    def value(self) -> str:
        """The anchor as a TIMEX3 value (``2020-09-16``, ``XXXX-11-10``, ``2020-11``, ``2020``)."""
        year = "XXXX" if self.year is None else f"{self.year:04d}"
        if self.month is None:
            return year
        if self.day is None:
            return f"{year}-{self.month:02d}"
        return f"{year}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> dt.date | None:
        """The full date, or None when any part is unknown."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def calendar_date(self) -> dt.date | None:
        """A date usable for day arithmetic: the real one, or the day and month in a stand-in leap year."""
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year if self.year is not None else _LEAP, self.month, self.day)

    def at(self, day: dt.date, source: str) -> Anchor:
        """The same anchor moved to ``day`` (the year stays unknown if it was)."""
        return replace(self, year=self.year and day.year, month=day.month, day=day.day, clock=None, source=source)


def parse_anchor(published: object, *, source: str = "stated") -> Anchor | None:
    """An :class:`Anchor` from an ISO string (full or partial), a ``date``/``datetime``, or None."""
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return Anchor(published.year, published.month, published.day, published.strftime("%H:%M"), source)
    if isinstance(published, dt.date):
        return Anchor(published.year, published.month, published.day, None, source)
    text = str(published).strip()
    m = _FULL.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        if _valid(y, mo, d):
            return Anchor(y, mo, d, f"{m[4]}:{m[5]}" if m[4] else None, source)
        return None
    m = _MONTH.match(text)
    if m and 1 <= int(m[2]) <= 12:
        return Anchor(int(m[1]), int(m[2]), None, None, source)
    m = _YEAR.match(text)
    if m:
        return Anchor(int(m[1]), None, None, None, source)
    m = _NOYEAR.match(text)
    if m and 1 <= int(m[1]) <= 12:
        day = int(m[2]) if m[2] else None
        if day is None or _valid(_LEAP, int(m[1]), day):
            return Anchor(None, int(m[1]), day, None, source)
    return None


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``n`` months."""
    idx = year * 12 + (month - 1) + n
    return idx // 12, idx % 12 + 1


def timex_date(day: dt.date, year_known: bool = True) -> str:
    """``YYYY-MM-DD`` (``XXXX-MM-DD`` when the year is a stand-in)."""
    year = f"{day.year:04d}" if year_known else "XXXX"
    return f"{year}-{day.month:02d}-{day.day:02d}"
