"""Dates written in article text and datelines, read without guessing.

:func:`find_dates` returns every date in a string as ISO 8601: ``YYYY-MM-DD``,
a datetime with offset when a time *and* a zone are given
(``2020-09-16T22:54:00+05:30``), or the reduced form ``--MM-DD`` when the
text gives no year. A missing part is never filled in.

Forms read: ISO (``2020-09-29``, ``2020-09-29T10:00Z``), ``2020/09/29``,
``29.09.2020``, ``16-09-2020``, ``09/29/2020``, and month names in English,
French, German and Spanish (``September 29, 2020``, ``29 septembre 2020``,
``29. September 2020``, ``29 de septiembre de 2020``, ``Nov. 10``).

Numeric day/month order: a number above 12 settles it; otherwise ``.`` means
day first everywhere, ``/`` means month first in English and day first
elsewhere, ``-`` means day first; a guessed order lowers the confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        "january jan janvier janv januar jänner enero ene",
        "february feb février fevrier févr fevr februar febrero",
        "march mar mars märz maerz mär marzo",
        "april apr avril avr abril abr",
        "may mai mayo",
        "june jun juin juni junio",
        "july jul juillet juil juli julio",
        "august aug août aout agosto ago",
        "september sep sept septembre septiembre setiembre",
        "october oct octobre oktober okt octubre",
        "november nov novembre noviembre",
        "december dec décembre decembre déc dezember dez diciembre dic",
    ),
    start=1,
):
    for _n in _names.split():
        _MONTHS[_n] = _num
#: Month words written in lower case in their language (French, Spanish): lower case is normal for them.
_LOWER_OK = _wordset(
    "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre"
)

#: Zone abbreviations with one fixed offset in news use (IST is read as India Standard Time).
ZONES: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 60,
    "IST": 330,
    "CET": 60,
    "CEST": 120,
    "MEZ": 60,
    "MESZ": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "JST": 540,
    "KST": 540,
    "HKT": 480,
    "SGT": 480,
    "AEST": 600,
    "AEDT": 660,
    "PKT": 300,
    "WIB": 420,
}

_MON = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_ZONE = "|".join(sorted(ZONES, key=len, reverse=True))
_TIME = (
    r"(?:\s*(?:,|at|um|à|a las|-|–|\|)?\s*(?P<H>\d{1,2})[:h.](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[aApP])\.?[mM]\.?)?(?:\s*(?:Uhr|h))?"
    rf"(?:\s*\(?(?P<tz>(?:{_ZONE})(?![\w])|[+-]\d{{2}}:?\d{{2}}|(?:UTC|GMT)[+-]\d{{1,2}}(?::?\d{{2}})?)\)?)?)?"
)
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "iso",
        re.compile(
            rf"(?<![\d/.-]){_YEAR}-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?![\d-])"
            r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
        ),
    ),
    ("ymd", re.compile(rf"(?<![\d/.-]){_YEAR}(?P<sep>[/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?![\d/.]\d)")),
    (
        "num",
        re.compile(rf"(?<![\d/.-])(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep){_YEAR}{_TIME}"),
    ),
    (
        "dmy",
        re.compile(
            rf"(?<![\w.])(?P<d>\d{{1,2}})(?:\.|er|st|nd|rd|th|º)?\s+(?:de\s+)?(?P<mon>{_MON})\.?(?![\w])"
            rf"(?:,?\s+(?:de\s+|del\s+)?{_YEAR})?{_TIME}",
            re.IGNORECASE,
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"(?<![\w.])(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d])"
            rf"(?:,?\s+{_YEAR})?{_TIME}",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True)
class DateHit:
    """One date found in a string.

    ``confidence`` is how sure the *reading* is (1.0 unless the day/month order
    had to be guessed or the year is missing); ``partial`` is True for ``--MM-DD``.
    """

    value: str
    start: int
    end: int
    confidence: float
    partial: bool
    text: str


def _zone_offset(tz: str | None) -> timezone | None:
    if not tz:
        return None
    tz = tz.strip()
    if tz in ZONES:
        return timezone(timedelta(minutes=ZONES[tz]))
    m = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", tz)
    if m is None:
        return None
    minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
    if minutes > 14 * 60:
        return None
    return timezone(timedelta(minutes=minutes if m.group(1) == "+" else -minutes))


def _value(m: re.Match[str], y: int, mo: int, d: int) -> str | None:
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    gd = m.groupdict()
    tz = _zone_offset(gd.get("tz"))
    if gd.get("H") is None or tz is None:
        return day.isoformat()
    hour, minute, sec = int(gd["H"]), int(gd["M"]), int(gd.get("S") or 0)
    ampm = (gd.get("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return day.isoformat()
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23:
        return day.isoformat()
    return datetime(y, mo, d, hour, minute, sec, tzinfo=tz).isoformat().replace("+00:00", "Z")


def _read(kind: str, m: re.Match[str], lang: str | None) -> tuple[str, float] | None:
    gd = m.groupdict()
    if kind in ("iso", "ymd"):
        v = _value(m, int(gd["y"]), int(gd["m"]), int(gd["d"]))
        return None if v is None else (v, 1.0)
    if kind == "num":
        a, b, sep = int(gd["a"]), int(gd["b"]), gd["sep"]
        conf = 1.0
        if a > 12 and b <= 12:
            d, mo = a, b
        elif b > 12 and a <= 12:
            d, mo = b, a
        elif a == b:
            d, mo = a, b
        elif sep == "/" and (lang or "en") == "en":
            d, mo, conf = b, a, 0.5
        else:
            d, mo, conf = a, b, (0.75 if sep == "." else 0.6)
        v = _value(m, int(gd["y"]), mo, d)
        return None if v is None else (v, conf)
    mon_word = gd["mon"]
    mo = _MONTHS[mon_word.lower()]
    d = int(gd["d"])
    if gd.get("y"):
        v = _value(m, int(gd["y"]), mo, d)
        return None if v is None else (v, 1.0)
    # no year: only a capitalised month (or a French/Spanish month word) makes a date, kept partial
    if not (mon_word[0].isupper() or mon_word.lower() in _LOWER_OK):
        return None
    try:
        date(2000, mo, d)  # a leap year, so 29 February stays readable
    except ValueError:
        return None
    return f"--{mo:02d}-{d:02d}", 0.4


def find_dates(text: str, lang: str | None = None) -> list[DateHit]:
    """All dates in ``text`` in reading order, overlapping matches resolved (longest first)."""
    hits: list[DateHit] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            read = _read(kind, m, lang)
            if read is None:
                continue
            value, conf = read
            hits.append(DateHit(value, m.start(), m.end(), conf, value.startswith("--"), m.group(0).strip()))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[DateHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            if (h.end - h.start) > (out[-1].end - out[-1].start) and not h.partial:
                out[-1] = h
            continue
        out.append(h)
    return out


_LANG_WORDS: dict[str, frozenset[str]] = {
    "en": _wordset("the and of to in is that for was with said on has have by"),
    "fr": _wordset("le la les et des est une dans pour que qui du sur au avec pas"),
    "de": _wordset("der die das und ist nicht mit sich den dem ein eine auch für von zu"),
    "es": _wordset("el los las y que en del por una con para es se al su"),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str) -> str | None:
    """A rough language guess (en/fr/de/es) from function words; None when unsure. Used for date order."""
    counts = dict.fromkeys(_LANG_WORDS, 0)
    for w in _WORD.findall(text[:5000].lower()):
        for lang, words in _LANG_WORDS.items():
            if w in words:
                counts[lang] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 3 else None
