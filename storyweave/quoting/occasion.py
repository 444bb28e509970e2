"""When a quote was said, as far as its own sentence tells: "on November 10", "Tuesday", "le 3 mars".

The ledger needs this to keep apart the same words said on two occasions, and to join two reports
of one statement when an outlet publishes days later or gives no date at all. Only the sentence of
the attribution is read (a date elsewhere in the paragraph may be about something else). A
weekday resolves to the latest such day on or before the publication date; a day and month
without a year take the publication's year, or stay ``--MM-DD`` when the article is undated.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS: dict[str, int] = {}
for _names in (
    "january february march april may june july august september october november december",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
):
    for _k, _n in enumerate(_names.split(), start=1):
        _MONTHS.setdefault(_n, _k)
for _abbr, _k in (
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
):
    _MONTHS.setdefault(_abbr, _k)

_WEEKDAYS: dict[str, int] = {}
for _names in (
    "monday tuesday wednesday thursday friday saturday sunday",
    "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "montag dienstag mittwoch donnerstag freitag samstag sonntag",
    "lunes martes miércoles jueves viernes sábado domingo",
):
    for _k, _n in enumerate(_names.split()):
        _WEEKDAYS.setdefault(_n, _k)

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_DAY = re.compile(rf"\b(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})\b(?!\s*(?:%|percent|per cent))", re.I)
_DAY_MONTH = re.compile(rf"\b(?P<d>\d{{1,2}})(?:\.|er)?\s+(?:de\s+)?(?P<m>{_MONTH_RE})\b", re.I)
_WEEKDAY = re.compile(rf"\b(?P<w>{'|'.join(_WEEKDAYS)})\b", re.I)


def occasion(sentence: str, published: str | None) -> tuple[str | None, str | None]:
    """(ISO date or ``--MM-DD``, the words it was read from) for the sentence of an attribution."""
    pub = _date(published)
    for rx in (_MONTH_DAY, _DAY_MONTH):
        m = rx.search(sentence)
        if m:
            month, day = _MONTHS[m.group("m").casefold()], int(m.group("d"))
            if not 1 <= day <= 31:
                continue
            if pub is None:
                return f"--{month:02d}-{day:02d}", m.group(0)
            year = pub.year - 1 if month > pub.month + 1 else pub.year  # "December 30" in a January article
            try:
                return date(year, month, day).isoformat(), m.group(0)
            except ValueError:
                continue
    m = _WEEKDAY.search(sentence)
    if m and pub is not None:
        back = (pub.weekday() - _WEEKDAYS[m.group("w").casefold()]) % 7
        return (pub - timedelta(days=back)).isoformat(), m.group(0)
    return None, None


def _date(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
