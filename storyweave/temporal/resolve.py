"""A :class:`~storyweave.temporal.grammar.Spec` plus an anchor and a tense becomes a TIMEX3 value, with the reason.

This is where news prose's habits live (the library-free part of the stage):

- a weekday that is the publication's own weekday is the publication day ("Russia on Wednesday accused ..."
  in a Wednesday paper); another weekday is the one before in a past-tense clause, the one after in a
  future-tense clause, and the nearer one when the tense says nothing;
- a month, or a day and month, without a year takes the year that puts it before the anchor in a past-tense
  clause, after it in a future-tense clause, and otherwise the year that puts it nearest the anchor;
- "last/this/next" + unit, "N units ago" and the deictic days count from the anchor; "a year earlier" and
  "two days later" count from the date the text mentioned last (TimeML's anaphoric reading), and the
  "year-ago quarter" of an earnings report is the last-mentioned quarter a year back;
- whatever the anchor does not tell stays ``X`` (a publication date with no year gives ``XXXX-11-09`` for
  "yesterday", never a guessed year).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from storyweave.temporal.anchor import Anchor, shift_month, timex_date
from storyweave.temporal.holidays import holiday_date
from storyweave.temporal.spec import Spec

__all__ = ["Resolved", "Tense", "resolve"]

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_UNIT_GRAN = {"D": "day", "W": "week", "WE": "weekend", "M": "month", "Q": "quarter", "H": "half", "Y": "year",
              "DE": "decade", "CE": "century", "SEASON": "season"}  # fmt: skip
_YEAR_VALUE = re.compile(r"^(\d{4})(-.*)?$")
#: In a past-tense clause a yearless date still means the coming one when that is this close ahead: reports
#: of deadlines and schedules ("the offer had been set to expire Nov. 6") use the past tense for the future.
PAST_TENSE_AHEAD_DAYS = 45
#: In a future-tense clause a yearless date means the one just past when that is this close behind and the
#: coming one far off (more than four times as far).
FUTURE_TENSE_BACK_DAYS = 45


@dataclass(frozen=True)
class Tense:
    """The tense of the clause around a mention and the cue word: ``past``, ``present``, ``future``, ``modal``
    (would/could/if: what may happen) or None; ``before`` says whether the cue comes before the mention."""

    tense: str | None = None
    cue: str | None = None
    before: bool = True

    def describe(self) -> str:
        return f"{self.tense} tense ({self.cue!r})" if self.tense and self.cue else "no tense cue"


@dataclass(frozen=True)
class Resolved:
    """A normalised value: TIMEX3 ``value``, ``type``, ``granularity``, ``mod``, how (``resolution``), how sure."""

    value: str
    type: str
    granularity: str
    mod: str | None
    resolution: str
    confidence: float
    anchor: str | None
    #: For expressions counted from the anchor: ``D-1``, ``W+0``, ``M-1``, ``Y+1``, ``WD0<`` (the Monday before),
    #: ``WD2=`` (the anchor's own Wednesday), ``WD4>``; used to infer a missing publication date.
    relative: str | None = None


def resolve(
    spec: Spec,
    anchor: Anchor | None,
    tense: Tense = Tense(),
    *,
    reference: Resolved | None = None,
    quarter_reference: Resolved | None = None,
) -> Resolved:
    """Normalise ``spec`` against ``anchor``; ``reference`` is the last point date the text mentioned."""
    handler = _HANDLERS[spec.kind]
    return handler(spec, anchor, tense, reference, quarter_reference)


def _out(spec: Spec, value: str, gran: str, why: str, conf: float, anchor: Anchor | None, rel: str | None = None,
         mod: str | None = None) -> Resolved:  # fmt: skip
    typ = spec.type
    if spec.time and typ in ("DATE", "TIME") and re.match(r"^[\dX]{4}-\d\d-\d\d$", value):
        value, typ, gran = f"{value}T{spec.time}", "TIME", "time"
    return Resolved(value, typ, gran, mod or spec.mod, why, conf, None if anchor is None else anchor.value, rel)


def _abs(spec: Spec, anchor: Anchor | None, tense: Tense, ref: Resolved | None, qref: Resolved | None) -> Resolved:
    assert spec.year is not None
    if spec.part:
        gran = {"Q": "quarter", "H": "half"}.get(spec.part[0], "season")
        return _out(spec, f"{spec.year:04d}-{spec.part}", gran, "explicit year", 0.95, anchor)
    if spec.month is None:
        return _out(spec, f"{spec.year:04d}", "year", "explicit year", 0.95, anchor)
    if spec.day is None:
        return _out(spec, f"{spec.year:04d}-{spec.month:02d}", "month", "explicit month and year", 0.95, anchor)
    try:
        day = dt.date(spec.year, spec.month, spec.day)
    except ValueError:
        return _out(spec, f"{spec.year:04d}-{spec.month:02d}", "month", "invalid day, kept the month", 0.5, anchor)
    return _out(spec, timex_date(day), "day", "explicit date", 0.95, anchor)


def _partial(spec: Spec, anchor: Anchor | None, tense: Tense, ref: Resolved | None, qref: Resolved | None) -> Resolved:
    assert spec.month is not None
    md = f"{spec.month:02d}" + ("" if spec.day is None else f"-{spec.day:02d}")
    gran = "month" if spec.day is None else "day"
    if anchor is None or anchor.year is None:
        why = "no publication date: year unknown" if anchor is None else "publication year unknown: year left open"
        return _out(spec, f"XXXX-{md}", gran, why, 0.5, anchor)
    if anchor.month is None:
        return _out(spec, f"{anchor.year:04d}-{md}", gran, "only the publication year is known: that year", 0.6, anchor)
    a_day = anchor.day or 15

    def point(year: int) -> dt.date:
        return dt.date(year, spec.month or 1, min(spec.day or 15, 28 if spec.month == 2 else 30))

    ref_day = dt.date(anchor.year, anchor.month, a_day)
    same_month = spec.day is None and spec.month == anchor.month
    if spec.direction == 0:
        year, why, conf = anchor.year, "'this' + month: the publication year", 0.9
    elif spec.direction is not None and spec.direction < 0:
        year = anchor.year - 1 if spec.month >= anchor.month else anchor.year
        why, conf = f"'last' + month: the one before {anchor.value}", 0.85
    elif spec.direction is not None:
        year = anchor.year + 1 if spec.month <= anchor.month else anchor.year
        why, conf = f"'next' + month: the one after {anchor.value}", 0.85
    elif same_month:
        year, why, conf = anchor.year, "the publication's own month", 0.9
    else:
        year, why, conf = _year_by_tense(point, ref_day, tense, anchor.value)
    if anchor.source == "inferred":
        conf *= 0.8
    return _out(spec, f"{year:04d}-{md}", gran, f"no year given; {why}", conf, anchor)


def _year_by_tense(
    point: Callable[[int], dt.date], ref_day: dt.date, tense: Tense, shown: str
) -> tuple[int, str, float]:
    """The year of a date named without one (``point(year)`` is that date in a year): before ``ref_day`` in a
    past-tense clause, after it in a future-tense one, the nearest otherwise (see the module docstring)."""
    years = (ref_day.year - 1, ref_day.year, ref_day.year + 1)
    if tense.tense == "past":
        soon = [y for y in years if 0 < (point(y) - ref_day).days <= PAST_TENSE_AHEAD_DAYS]
        if soon:  # "had been set to expire Nov. 6" in a Nov. 2 paper: the coming one, whatever the tense
            return soon[0], f"{tense.describe()}, but the coming one is within a few weeks", 0.7
        return max(y for y in years if point(y) <= ref_day), f"{tense.describe()}: the latest before {shown}", 0.85
    if tense.tense in ("future", "modal"):  # "can win in November", "if he is the nominee in November"
        year = min(y for y in years if point(y) >= ref_day)
        recent = [y for y in years if 0 < (ref_day - point(y)).days <= FUTURE_TENSE_BACK_DAYS]
        if recent and (point(year) - ref_day).days > FUTURE_TENSE_BACK_DAYS * 4:
            # "those detained after the 13 September protest will be freed" in an October paper: a date a year
            # ahead would carry its year; the one just past is meant
            return recent[0], f"{tense.describe()}, but the last one is a few weeks back", 0.6
        return year, f"{tense.describe()}: the first after {shown}", 0.85
    year = min(years, key=lambda y: (abs((point(y) - ref_day).days), y > ref_day.year))
    return year, f"{tense.describe()}: the year nearest {shown}", 0.7


def _holiday(spec: Spec, anchor: Anchor | None, tense: Tense, ref: Resolved | None, qref: Resolved | None) -> Resolved:
    """A named day ("Christmas Eve", "Thanksgiving"): its day in the year the clause's tense points to."""
    rule = spec.value or ""
    fixed = re.match(r"^\d\d-\d\d$", rule)
    if spec.year is not None:
        day = holiday_date(rule, spec.year)
        value = timex_date(day) if day else f"{spec.year:04d}"
        return _out(spec, value, "day", "a named day of that year", 0.9, anchor)
    if anchor is None or anchor.year is None:
        why = "no publication year: the year is unknown"
        return _out(spec, f"XXXX-{rule}" if fixed else "XXXX-XX-XX", "day", why, 0.4, anchor)
    if anchor.month is None:
        day = holiday_date(rule, anchor.year)
        return _out(spec, timex_date(day) if day else f"{anchor.year:04d}", "day", "only the publication year is "
                    "known: that year", 0.6, anchor)  # fmt: skip
    ref_day = dt.date(anchor.year, anchor.month, anchor.day or 15)

    def point(year: int) -> dt.date:
        return holiday_date(rule, year) or dt.date(year, 1, 1)

    if spec.direction is not None:
        years = [ref_day.year - 1, ref_day.year, ref_day.year + 1]
        if spec.direction < 0:
            year, why = max(y for y in years if point(y) < ref_day), f"'last': the one before {anchor.value}"
        elif spec.direction > 0:
            year, why = min(y for y in years if point(y) > ref_day), f"'next': the one after {anchor.value}"
        else:
            year, why = ref_day.year, "'this': the publication year"
        conf = 0.85
    else:
        year, why, conf = _year_by_tense(point, ref_day, tense, anchor.value)
    if anchor.source == "inferred":
        conf *= 0.8
    return _out(spec, timex_date(point(year)), "day", f"a named day; {why}", conf, anchor)


def _weekday(spec: Spec, anchor: Anchor | None, tense: Tense, ref: Resolved | None, qref: Resolved | None) -> Resolved:
    assert spec.weekday is not None
    name = WEEKDAY_NAMES[spec.weekday]
    base = None if anchor is None or anchor.year is None else anchor.as_date()
    if base is None:
        sign = {-1: "<", 1: ">", 0: "="}.get(spec.direction or 0, "<") if spec.direction is not None else (
            ">" if tense.tense == "future" else "<")  # fmt: skip
        why = "no full publication date: the weekday cannot be placed"
        return _out(spec, f"XXXX-WXX-{spec.weekday + 1}", "day", why, 0.3, anchor, f"WD{spec.weekday}{sign}")
    diff = spec.weekday - base.weekday()
    back = diff - 7 if diff >= 0 else diff  # days to the one before (never the anchor day itself)
    ahead = diff + 7 if diff <= 0 else diff
    if spec.direction is not None and spec.direction < 0:
        offset, why, conf = back, f"'last' {name}: the one before {anchor.value}", 0.85  # type: ignore[union-attr]
    elif spec.direction is not None and spec.direction > 0:
        offset, why, conf = ahead, f"'next' {name}: the one after {anchor.value}", 0.85  # type: ignore[union-attr]
    elif diff == 0:
        offset, why, conf = 0, f"the publication's own weekday: the publication day {anchor.value}", 0.9  # type: ignore[union-attr]
    elif spec.direction == 0:
        offset, why, conf = diff, f"'this' {name}: in the publication's week", 0.8
    elif tense.tense == "past":
        offset, why, conf = back, f"weekday in a {tense.describe()} clause -> the {name} before", 0.85
    elif tense.tense == "future" or (tense.tense == "modal" and tense.before):
        # "would debate it Monday": a modal before the weekday governs it; after it ("on Wednesday he would
        # meet") it belongs to another verb, and the default reading stays
        offset, why, conf = ahead, f"weekday in a {tense.describe()} clause -> the {name} after", 0.8
    elif tense.tense == "present":
        offset = back if -back <= ahead else ahead
        why, conf = f"weekday in a present-tense clause ({tense.cue!r}) -> the nearer {name}", 0.6
    else:
        offset, why, conf = back, f"weekday with no tense cue -> the {name} before (news reports the past)", 0.7
    day = base + dt.timedelta(days=offset)
    sign = "=" if offset == 0 else "<" if offset < 0 else ">"
    why = f"{why} {timex_date(day)}" if offset else why
    if anchor.source == "speech":  # type: ignore[union-attr]
        why += " (counted from the quoted speaker's day)"
    elif anchor.source == "reported":  # type: ignore[union-attr]
        why += " (counted from the day the plan was reported)"
    elif anchor.source == "reference":  # type: ignore[union-attr]
        why += " (counted from the day mentioned before)"
    return _out(spec, timex_date(day), "day", why, conf, anchor, f"WD{spec.weekday}{sign}")


def _shift_day(anchor: Anchor, days: int) -> tuple[str, dt.date] | None:
    base = anchor.calendar_date()
    if base is None:
        return None
    day = base + dt.timedelta(days=days)
    return timex_date(day, anchor.year is not None), day


def _iso_week(day: dt.date, year_known: bool) -> str:
    y, w, _ = day.isocalendar()
    return f"{y:04d}-W{w:02d}" if year_known else "XXXX-WXX"


def _rel(spec: Spec, anchor: Anchor | None, tense: Tense, ref: Resolved | None, qref: Resolved | None) -> Resolved:
    unit = spec.unit or "D"
    n = spec.amount
    rel_code = f"{unit}{n:+d}" if n is not None else None
    if anchor is None:
        return _out(spec, _unknown(unit, spec.part), _UNIT_GRAN.get(unit, "day"), "no publication date", 0.3, None,
                    rel_code)  # fmt: skip
    a = anchor.value
    yk = anchor.year is not None
    if unit == "D":
        shifted = _shift_day(anchor, n or 0)
        if shifted is None:
            return _out(spec, a, anchor.granularity, "publication day unknown: kept its month", 0.3, anchor, rel_code)
        words = {0: "the publication day", -1: "the day before the publication", 1: "the day after the publication"}
        return _out(spec, shifted[0], "day", f"{words.get(n or 0, f'{n:+d} days from the publication')} {a}", 0.9,
                    anchor, rel_code)  # fmt: skip
    if unit in ("W", "WE"):
        base = anchor.calendar_date()
        if base is None:
            return _out(spec, _unknown(unit, None), _UNIT_GRAN[unit], "publication day unknown", 0.3, anchor, rel_code)
        if n is None and unit == "W":  # "the week": a week the context gives, not the calendar's
            return _out(
                spec, f"{anchor.year:04d}-WXX" if yk else "XXXX-WXX", "week", "an unspecified week", 0.5, anchor
            )
        if n is None:  # "the weekend": the one before in a past clause, else the coming one
            past = tense.tense != "future" and base.weekday() < 5
            n = -1 if past else 0
            rel_code = f"WE{n:+d}"
        week = _iso_week(base + dt.timedelta(weeks=n), yk)
        value = f"{week}-WE" if unit == "WE" else week
        return _out(spec, value, _UNIT_GRAN[unit], f"{_count(n, 'week')} of {a}", 0.85, anchor, rel_code)
    if unit == "M":
        if anchor.month is None:
            return _out(spec, _unknown(unit, None), "month", "publication month unknown", 0.3, anchor, rel_code)
        y, m = shift_month(anchor.year or 2000, anchor.month, n or 0)
        return _out(spec, f"{y:04d}-{m:02d}" if yk else f"XXXX-{m:02d}", "month", f"{_count(n, 'month')} of {a}",
                    0.9, anchor, rel_code)  # fmt: skip
    if unit == "Q" and spec.part in (None, "P"):
        return _quarter(spec, anchor, tense, qref, rel_code)
    if unit == "SEASON":
        return _season(spec, anchor, tense)
    if anchor.year is None:
        return _out(spec, _unknown(unit, spec.part), _UNIT_GRAN.get(unit, "year"), "publication year unknown", 0.3,
                    anchor, rel_code)  # fmt: skip
    year = anchor.year + (n or 0)
    if unit == "DE":
        return _out(spec, f"{anchor.year // 10 + (n or 0):03d}", "decade", f"{_count(n, 'decade')} of {a}", 0.8, anchor)
    if unit == "CE":
        return _out(spec, f"{anchor.year // 100 + (n or 0):02d}", "century", f"{_count(n, 'century')} of {a}", 0.8,
                    anchor)  # fmt: skip
    if spec.part:
        gran = {"Q": "quarter", "H": "half"}[spec.part[0]]
        if n is None:  # a bare "fourth quarter": its year from the tense
            return _named_part(spec, anchor, tense, gran)
        return _out(spec, f"{year:04d}-{spec.part}", gran, f"{spec.part} of {_count(n, 'year')} of {a}", 0.85, anchor)
    if spec.month is not None:
        return _out(spec, f"{year:04d}-{spec.month:02d}", "month", f"month of {_count(n, 'year')} of {a}", 0.9, anchor)
    return _out(spec, f"{year:04d}", "year", f"{_count(n, 'year')} of {a}", 0.9, anchor, rel_code)


def _count(n: int | None, unit: str) -> str:
    if not n:
        return f"the {unit}"
    return f"{abs(n)} {unit}{'s' if abs(n) > 1 else ''} {'before' if n < 0 else 'after'} the {unit}"


def _unknown(unit: str, part: str | None) -> str:
    if part:
        return f"XXXX-{part}"
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "DE": "XXX", "CE": "XX"}.get(
        unit, "XXXX"
    )


def _quarter(spec: Spec, anchor: Anchor, tense: Tense, qref: Resolved | None, rel: str | None) -> Resolved:
    if anchor.year is None or anchor.month is None:
        return _out(spec, "XXXX-QX", "quarter", "publication month unknown", 0.3, anchor, rel)
    current = (anchor.month - 1) // 3
    if spec.amount is None:  # "the quarter": the one the text is about, else the one just reported
        if qref is not None:
            return _out(spec, qref.value, "quarter", f"the quarter mentioned before ({qref.value})", 0.75, anchor)
        if spec.part == "P":
            return _out(spec, "PAST_REF", "ref", "a reporting period with no quarter named before", 0.3, anchor)
        n = 0 if tense.tense == "future" else -1
        why = f"'the quarter' with {tense.describe()}: {'the current' if n == 0 else 'the last complete'} quarter"
    else:
        n = spec.amount
        why = f"{_count(n, 'quarter')} of {anchor.value}"
    idx = anchor.year * 4 + current + n
    return _out(spec, f"{idx // 4:04d}-Q{idx % 4 + 1}", "quarter", why, 0.8, anchor, rel)


def _named_part(spec: Spec, anchor: Anchor, tense: Tense, gran: str) -> Resolved:
    """A quarter or half named without its year: the anchor's year, except that the one just before the
    anchor's own period in a past-tense clause is last year's ("reported a drop in fourth-quarter profit" in
    January) and the one just after it in a future-tense clause next year's ("will report in the first quarter"
    in November)."""
    assert spec.part is not None and anchor.year is not None
    index = int(spec.part[1])
    if anchor.month is None:
        return _out(spec, f"{anchor.year:04d}-{spec.part}", gran, "no year given: the publication year", 0.6, anchor)
    per_year = 4 if spec.part[0] == "Q" else 2
    current = (anchor.month - 1) * per_year // 12 + 1
    year, why = anchor.year, f"no year given; {tense.describe()}: the publication year"
    # only the neighbouring period crosses the year: further off, a company's fiscal quarter is the likelier
    # reading ("fourth quarter ended Sept. 30")
    if tense.tense == "past" and index > current and current + per_year - index == 1:
        year, why = anchor.year - 1, f"no year given; {tense.describe()}, the one just ended: last year's"
    elif tense.tense == "future" and index < current and index + per_year - current == 1:
        year, why = anchor.year + 1, f"no year given; {tense.describe()}, the one coming next: next year's"
    return _out(spec, f"{year:04d}-{spec.part}", gran, why, 0.8, anchor)


def _decade(spec: Spec, anchor: Anchor | None, tense: Tense, ref: Resolved | None, qref: Resolved | None) -> Resolved:
    digit = spec.amount or 0
    if spec.year is not None:
        return _out(spec, f"{spec.year:02d}{digit}", "decade", "a decade named with its century", 0.9, anchor)
    if anchor is None or anchor.year is None:
        return _out(spec, f"19{digit}", "decade", "a decade without its century and no anchor year: the 1900s", 0.5,
                    anchor)  # fmt: skip
    century = anchor.year // 100
    if century * 100 + digit * 10 > anchor.year:
        century -= 1
    value = f"{century:02d}{digit}"
    return _out(spec, value, "decade", f"a decade without its century: the latest by {anchor.value}", 0.8, anchor)


def _season(spec: Spec, anchor: Anchor, tense: Tense) -> Resolved:
    part = spec.part or "SU"
    if anchor.year is None or anchor.month is None:
        y = "XXXX" if anchor.year is None else f"{anchor.year:04d}"
        return _out(spec, f"{y}-{part}", "season", "publication month unknown", 0.4, anchor)
    first, last = SEASON_MONTHS[part]
    month = anchor.month if part != "WI" or anchor.month > 2 else anchor.month + 12
    year = anchor.year if part != "WI" or anchor.month > 2 else anchor.year - 1
    d = spec.direction
    if d is None:
        d = -1 if tense.tense == "past" and month < first else 1 if tense.tense == "future" and month > last else 0
        why = f"season with {tense.describe()}"
    else:
        why = {-1: "'last' season", 0: "'this' season", 1: "'next' season"}[max(-1, min(1, d))]
        if (d < 0 and month > last) or (d > 0 and month < first):
            d = 0
    return _out(spec, f"{year + d:04d}-{part}", "season", f"{why} relative to {anchor.value}", 0.75, anchor)


def _ago(spec: Spec, anchor: Anchor | None, tense: Tense, ref: Resolved | None, qref: Resolved | None,
         *, base_why: str = "") -> Resolved:  # fmt: skip
    unit, n = spec.unit or "D", spec.amount or 0
    rel = f"{unit}{n:+d}"
    if qref is not None and unit == "Y" and not base_why:
        return _anaphoric(spec, anchor, tense, None, qref)
    if anchor is None:
        return _out(spec, _unknown("D" if unit in ("W", "TH", "TM") else unit, None), _UNIT_GRAN.get(unit, "day"),
                    "no publication date", 0.3, None, rel)  # fmt: skip
    why = base_why or f"{abs(n)} {unit} {'before' if n < 0 else 'after'} the publication {anchor.value}"
    if unit in ("D", "W", "WE", "TH", "TM", "TS"):
        days = n * 7 if unit in ("W", "WE") else n if unit == "D" else 0
        shifted = _shift_day(anchor, days)
        if shifted is None:
            return _out(spec, anchor.value, anchor.granularity, why + " (day unknown)", 0.3, anchor, rel)
        return _out(spec, shifted[0], "day", why, 0.8, anchor, rel)
    if anchor.year is None:
        return _out(spec, _unknown(unit, None), _UNIT_GRAN.get(unit, "year"), why + " (year unknown)", 0.3, anchor, rel)
    if unit == "M" and anchor.month is not None:
        y, m = shift_month(anchor.year, anchor.month, n)
        return _out(spec, f"{y:04d}-{m:02d}", "month", why, 0.8, anchor, rel)
    if unit == "Q" and anchor.month is not None:
        idx = anchor.year * 4 + (anchor.month - 1) // 3 + n
        return _out(spec, f"{idx // 4:04d}-Q{idx % 4 + 1}", "quarter", why, 0.75, anchor, rel)
    years = n * {"DE": 10, "CE": 100, "H": 0}.get(unit, 1)
    return _out(spec, f"{anchor.year + years:04d}", "year", why, 0.8, anchor, rel)


def _anaphoric(spec: Spec, anchor: Anchor | None, tense: Tense, ref: Resolved | None,
               qref: Resolved | None) -> Resolved:  # fmt: skip
    unit, n = spec.unit or "Y", spec.amount or 0
    if spec.year is not None:  # "the 1988 quarter": the quarter the report is about, in that year
        if qref is not None and re.match(r"^\d{4}-Q\d$", qref.value):
            return _out(spec, f"{spec.year:04d}{qref.value[4:]}", "quarter",
                        f"the quarter mentioned before ({qref.value}) in {spec.year}", 0.75, anchor)  # fmt: skip
        return _out(spec, f"{spec.year:04d}", "year", "explicit year (no quarter mentioned before)", 0.8, anchor)
    if qref is not None:
        shifted = _shift_value(qref.value, unit, n)
        if shifted:
            return _out(spec, shifted, "quarter", f"the quarter mentioned before ({qref.value}), {abs(n)} year back",
                        0.75, anchor)  # fmt: skip
    if ref is not None and spec.rule == "anaphoric-unit":  # "the following week": a whole unit, from the last date
        unit_value = _unit_after(ref.value, unit, n)
        if unit_value:
            why = f"{_count(n, unit_name(unit))} of the date mentioned before ({ref.value})"
            return _out(spec, unit_value[0], unit_value[1], why, 0.65, anchor)
    if ref is not None:
        shifted = _shift_value(ref.value, unit, n)
        if shifted:
            why = f"{abs(n)} {unit} {'before' if n < 0 else 'after'} the date mentioned before ({ref.value})"
            return _out(spec, shifted, ref.granularity if unit == "Y" else "day", why, 0.7, anchor)
    return _ago(spec, anchor, tense, ref, qref, base_why="no earlier date in the text: counted from the publication")


def unit_name(unit: str) -> str:
    return _UNIT_GRAN.get(unit, "day")


def _unit_after(value: str, unit: str, n: int) -> tuple[str, str] | None:
    """The calendar unit ``n`` units from the one holding ``value`` (its week, month, year), at that unit."""
    m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
    if not m:
        return None
    year = int(m[1])
    if unit == "Y":
        return f"{year + n:04d}", "year"
    if unit == "M" and m[2]:
        y, mo = shift_month(year, int(m[2]), n)
        return f"{y:04d}-{mo:02d}", "month"
    if unit in ("W", "D") and m[3]:
        day = dt.date(year, int(m[2]), int(m[3])) + dt.timedelta(days=n * (7 if unit == "W" else 1))
        return (_iso_week(day, True), "week") if unit == "W" else (timex_date(day), "day")
    return None


def _shift_value(value: str, unit: str, n: int) -> str | None:
    """``value`` (a year, quarter, month or day) moved by ``n`` units, or None when it cannot be."""
    m = _YEAR_VALUE.match(value)
    if not m:
        return None
    year, rest = int(m[1]), m[2] or ""
    if unit == "Y":
        if rest == "-02-29":
            rest = "-02-28"
        return f"{year + n:04d}{rest}"
    day = re.match(r"^-(\d\d)-(\d\d)$", rest)
    if day and unit in ("D", "W"):
        moved = dt.date(year, int(day[1]), int(day[2])) + dt.timedelta(days=n * (7 if unit == "W" else 1))
        return timex_date(moved)
    month = re.match(r"^-(\d\d)", rest)
    if month and unit == "M":
        y, mo = shift_month(year, int(month[1]), n)
        return f"{y:04d}-{mo:02d}"
    return None


def _literal(spec: Spec, anchor: Anchor | None, tense: Tense, ref: Resolved | None, qref: Resolved | None) -> Resolved:
    value = spec.value or ""
    if spec.type in ("DURATION", "SET"):
        gran = spec.type.lower()
    elif value.endswith("_REF"):
        gran = "ref"
    else:
        gran = {2: "century", 3: "decade"}.get(len(value), "year")
    why = {"duration": "a length of time", "set": "a recurring time", "ref": "a reference to past, present or future"}
    return _out(spec, value, gran, why.get(gran, f"explicit {gran}"), 0.85, anchor)


def _clock(spec: Spec, anchor: Anchor | None, tense: Tense, ref: Resolved | None, qref: Resolved | None) -> Resolved:
    day = "XXXX-XX-XX" if anchor is None or not anchor.has_day else anchor.value
    why = "clock time on the publication day" if anchor is not None and anchor.has_day else "clock time, day unknown"
    return Resolved(f"{day}T{spec.time}", "TIME", "time", spec.mod, why, 0.7, None if anchor is None else anchor.value)


_HANDLERS = {
    "abs": _abs,
    "partial": _partial,
    "weekday": _weekday,
    "rel": _rel,
    "ago": _ago,
    "anaphoric": _anaphoric,
    "literal": _literal,
    "clock": _clock,
    "decade": _decade,
    "holiday": _holiday,
}
