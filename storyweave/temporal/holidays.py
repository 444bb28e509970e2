"""Named days of the calendar that English news dates things by ("on Christmas Eve", "after Easter").

Each name maps to a rule that gives its day in a year: a fixed day (``12-25``), a day counted from Easter
Sunday (``easter-2`` is Good Friday; Easter from :func:`dateutil.easter.easter`), or the n-th weekday of a month
(``11-TH4`` is the fourth Thursday of November, ``05-MO-1`` the last Monday of May: the US holidays that move).
Holidays of lunar calendars (Ramadan, Passover, the Lunar New Year) and periods ("the Christmas holidays") are
left out: their day is not a rule of the Gregorian year.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import easter

__all__ = ["HOLIDAYS_EN", "holiday_date"]

#: Lower-case name -> rule (see the module docstring). Names are matched capitalised only.
HOLIDAYS_EN: dict[str, str] = {
    "new year's day": "01-01",
    "new year's eve": "12-31",
    "christmas": "12-25",
    "christmas day": "12-25",
    "christmas eve": "12-24",
    "boxing day": "12-26",
    "valentine's day": "02-14",
    "st. valentine's day": "02-14",
    "halloween": "10-31",
    "bastille day": "07-14",
    "may day": "05-01",
    "veterans day": "11-11",
    "armistice day": "11-11",
    "remembrance day": "11-11",
    "st. patrick's day": "03-17",
    "saint patrick's day": "03-17",
    "the fourth of july": "07-04",
    "july fourth": "07-04",
    "all saints' day": "11-01",
    "guy fawkes night": "11-05",
    "easter": "easter+0",
    "easter sunday": "easter+0",
    "easter monday": "easter+1",
    "good friday": "easter-2",
    "maundy thursday": "easter-3",
    "palm sunday": "easter-7",
    "ash wednesday": "easter-46",
    "ascension day": "easter+39",
    "pentecost": "easter+49",
    "whit monday": "easter+50",
    "thanksgiving": "11-TH4",
    "thanksgiving day": "11-TH4",
    "labor day": "09-MO1",
    "memorial day": "05-MO-1",
    "columbus day": "10-MO2",
    "presidents' day": "02-MO3",
    "presidents day": "02-MO3",
    "martin luther king day": "01-MO3",
    "martin luther king jr. day": "01-MO3",
    "election day": "11-TU-E",  # the US general election: the Tuesday after the first Monday of November
}

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_RULE = re.compile(r"^(?:(?P<fm>\d\d)-(?P<fd>\d\d)|easter(?P<off>[+-]\d+)|(?P<m>\d\d)-(?P<wd>[A-Z]{2})(?P<n>-?\d|-E))$")


def holiday_date(rule: str, year: int) -> dt.date | None:
    """The day ``rule`` (a value of :data:`HOLIDAYS_EN`) falls on in ``year``."""
    m = _RULE.match(rule)
    if m is None:
        return None
    if m["fm"]:
        return dt.date(year, int(m["fm"]), int(m["fd"]))
    if m["off"]:
        return easter(year) + dt.timedelta(days=int(m["off"]))
    month, weekday = int(m["m"]), _WEEKDAYS.index(m["wd"])
    first = dt.date(year, month, 1)
    first_wd = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    if m["n"] == "-E":  # the Tuesday after the first Monday
        monday = first + dt.timedelta(days=(0 - first.weekday()) % 7)
        return monday + dt.timedelta(days=1)
    n = int(m["n"])
    if n > 0:
        return first_wd + dt.timedelta(weeks=n - 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
