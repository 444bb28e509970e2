"""Time words for the languages without a table of their own, from dateparser's locale data.

dateparser (a pinned dependency) ships, for some 200 locales, the month and weekday names, the unit words
and whole relative phrases ("вчера" = 1 day ago, "settimana scorsa" = 1 week ago, "w przyszłym tygodniu" =
in 1 week). That is the part of the job a library does well; this module turns it into a
:class:`~storyweave.temporal.lexicon.Lexicon`, so the same grammar and the same news-specific resolution run
on those languages. What dateparser does not know (number words, tense cues, modifiers) stays empty: digits,
explicit dates, weekdays, deictic days and the relative phrases are found; weekdays take the default news
reading (the one before the publication).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from storyweave.temporal.lexicon import Lexicon

__all__ = ["locale_lexicon"]

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "hour": "TH", "minute": "TM"}
_PHRASE = re.compile(r"^(?:(in) )?(\d+) (day|week|month|year|hour|minute|second)(?: (ago))?$")
#: Shorter forms are abbreviations too ambiguous to find on their own ("г", "пн", "r").
_MIN_WORD = 3


@lru_cache(maxsize=64)
def locale_lexicon(lang: str) -> Lexicon | None:
    """A lexicon built from dateparser's locale for ``lang``, or None when dateparser has none."""
    info = _locale_info(lang)
    if info is None:
        return None

    def forms(key: str, min_len: int = _MIN_WORD) -> list[str]:
        return [f.casefold().rstrip(".") for f in info.get(key, []) if isinstance(f, str) and len(f) >= min_len]

    months = {f: i + 1 for i, name in enumerate(_MONTHS) for f in forms(name)}
    weekdays = {f: i for i, name in enumerate(_WEEKDAYS) for f in forms(name, 4)}
    units = {f: code for name, code in _UNITS.items() for f in forms(name)}
    days: dict[str, tuple[int, str | None]] = {}
    phrases: dict[str, tuple[str, int]] = {}
    refs: dict[str, str] = {}
    for key, texts in (info.get("relative-type") or {}).items():
        m = _PHRASE.match(str(key))
        if not m:
            continue
        sign = 1 if m[1] else -1
        n, unit = sign * int(m[2]), m[3]
        for text in texts or ():
            t = str(text).casefold()
            if len(t) < _MIN_WORD or not re.search(r"[^\W\d_]{3}", t):
                continue
            if unit == "day" and abs(n) <= 2:
                days[t] = (n, None)
            elif unit in ("week", "month", "year") and abs(n) <= 1:
                phrases[t] = (_UNITS[unit], n)
            elif unit in ("second", "minute") and n == 0:
                refs[t] = "PRESENT_REF"
    ago = tuple(f.casefold() for f in info.get("ago", []) if isinstance(f, str) and len(f) >= 2)
    ahead = tuple(f.casefold() for f in info.get("in", []) if isinstance(f, str) and len(f) >= 2)
    if not months:
        return None
    return Lexicon(
        lang=lang,
        months=months,
        ambiguous_months=frozenset(k for k in months if len(k) <= 3),
        weekdays=weekdays,
        numbers={},
        units=units,
        seasons={},
        day_parts={},
        days=days,
        rel_before={},
        rel_after={},
        ago_before=ago,
        ago_after=ago,
        ahead_before=ahead,
        duration_before=(),
        refs=refs,
        mods={},
        amount_mods={},
        articles=(),
        every=(),
        set_adverbs={},
        phrases=phrases,
        # optional words between day, month and year in Romance languages ("10 de novembro de 2020")
        day_month_link=("de", "di", "del"),
        month_year_link=("de", "di", "del", "do"),
    )


def _locale_info(lang: str) -> dict[str, Any] | None:
    try:
        from dateparser.languages.loader import default_loader

        return dict(default_loader.get_locale(lang).info)
    except (ImportError, ValueError, KeyError):
        return None
