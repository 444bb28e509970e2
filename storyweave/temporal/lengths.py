"""Builders of relative units, lengths of time, sets, reference words and clock times.

The counterpart of :mod:`storyweave.temporal.builders` (calendar dates, weekdays, named days): "last week",
"three days ago", "for two years", "every Monday", "now", "7:15 p.m.". A builder may refuse a match: an age
("a 66-year-old"), a rate ("$2 million a year"), a fraction ("three-quarters of"), a conjunction ("as soon as").
"""

from __future__ import annotations

import re

from storyweave.temporal.builders import _ANAPHORIC_REL, _HALF_OF, _mod, _num, _preceding, _rel, norm_key
from storyweave.temporal.lexicon import Lexicon, words
from storyweave.temporal.spec import Spec

__all__ = ["duration_value", "is_rate"]


def _unit(lex: Lexicon, word: str) -> str | None:
    return lex.units.get(norm_key(word))


def build_rel_unit(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    if re.match(r"the\s+end\s+of\s+the\s+day$", m.group(), re.IGNORECASE) and re.search(
        r"\bat\s+$", _preceding(text, m.start()), re.IGNORECASE
    ):
        return None  # "at the end of the day": an idiom
    unit = _unit(lex, g["unit"])
    if unit is None or unit in ("TH", "TM", "TS"):
        return None
    rel = _rel(lex, g.get("rel")) if g.get("rel") else _rel(lex, g.get("rel2"))
    if unit == "W2" or _is_plural(lex, norm_key(g["unit"])):
        return Spec("literal", type="DURATION", value=duration_value(unit, None), rule="vague-duration")
    mod = _mod(lex, g.get("mod"))
    word = norm_key(g.get("rel") or "")
    if re.search(r"\bthat\s+\w+$", m.group(), re.IGNORECASE):
        word = "the following" if rel is None else word  # "later that day", "the end of that year": anaphoric
        rel = 0 if rel is None else rel
    if word in _ANAPHORIC_REL or (unit == "D" and word in ("the next", "next")):
        # "the following week", "the previous day", "the next day": counted from the date the text told last
        return Spec("anaphoric", unit=unit, amount=rel, mod=mod, rule="anaphoric-unit")
    half = _HALF_OF.get(norm_key(g.get("mod") or ""))
    if half and unit == "Y":  # "the second half of this year" is 2020-H2 (TIMEX3), not 2020 with a modifier
        return Spec("rel", unit="Y", amount=0 if rel is None else rel, part=half, rule="relative-unit")
    return Spec("rel", unit=unit, amount=0 if rel is None else rel, mod=mod, rule="relative-unit")


def _is_plural(lex: Lexicon, key: str) -> bool:
    """ "weeks", "semaines", "meses", "Wochen": a plural unit word (a span of time, not one calendar unit)."""
    if lex.lang == "de":
        return not key.endswith("es") and any(key[:-k] in lex.units for k in (1, 2) if len(key) > k + 2)
    return any(key.endswith(suf) and key[: -len(suf)] in lex.units for suf in ("s", "es"))


def build_weekend(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    return Spec("rel", unit="WE", amount=None, rule="the-weekend")


def build_ago(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    unit = _unit(lex, g["unit"])
    if unit is None:
        return None
    n = _num(lex, g["num"]) if g.get("num") else None  # "years ago": no amount, a vague past
    if unit == "W2":
        unit, n = "W", None if n is None else 2 * n
    word = norm_key(g.get("dir") or "ago")
    if word in ("before", "after") and re.match(r"\s*[^\W\d]", text[m.end() :]):
        return None  # "twenty years after the first flight": a length of time, not a date
    sign = 1 if word in ("later", "after", "from now", "hence") or word in lex.ahead_before else -1
    kind = "anaphoric" if word in ("earlier", "later", "before", "after") else "ago"
    mod = _mod(lex, g.get("amod")) or ("APPROX" if g.get("approx") else None)
    if n is None:
        return Spec("literal", value="PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod, rule="vague-ago")
    return Spec(kind, unit=unit, amount=sign * n, mod=mod, rule=f"{kind}-{word}")


_DUR_UNIT = {"D": "D", "W": "W", "M": "M", "Q": "Q", "Y": "Y", "WE": "WE", "TH": "H", "TM": "M", "TS": "S"}


def duration_value(unit: str, n: float | None) -> str:
    """TIMEX3 duration for ``n`` units (None: unspecified, "PXY")."""
    if unit == "W2":
        unit, n = "W", None if n is None else 2 * n
    if unit in ("DE", "CE"):
        if n is None:
            return f"PX{unit}"
        n, unit = n * (10 if unit == "DE" else 100), "Y"
    if unit == "H":
        unit, n = "M", None if n is None else 6 * n
    if n is not None and not float(n).is_integer() and unit in _FRACTION:
        # "2 1/2 years" is P2Y6M, "a minute and a half" PT1M30S, "half an hour" PT30M (TIMEX3 writes no fractions)
        smaller, per = _FRACTION[unit]
        whole, rest = int(n), round((n - int(n)) * per)
        head = f"{whole}{_DUR_UNIT[unit]}" if whole else ""
        if unit == "D":
            return f"P{head}T{rest}H"
        return ("PT" if unit.startswith("T") else "P") + f"{head}{rest}{_DUR_UNIT[smaller]}"
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else f"{n:g}")
    return f"PT{amount}{_DUR_UNIT[unit]}" if unit.startswith("T") else f"P{amount}{_DUR_UNIT[unit]}"


#: The unit a fraction of a unit is written in, and how many of it make the unit.
_FRACTION = {"Y": ("M", 12), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60)}


def build_duration(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    unit = _unit(lex, g["unit"])
    if unit is None or re.match(r"[\s-]+old\b", text[m.end() : m.end() + 6]):
        return None  # "a 66-year-old man": an age, not a time
    if unit in ("Q", "TS") and norm_key(g.get("num") or "") in ("a", "an", "un", "une", "ein", "eine", "una"):
        return None  # "a quarter of the votes", "a second term"
    if unit == "Q" and re.match(r"\s+of\s+(?!(?:the\s+)?(?:fiscal\s+)?(?:year|1[0-9]\d\d|20\d\d)\b)", text[m.end() :]):
        return None  # "three-quarters of its food", "two quarters of the market": a fraction
    if norm_key(g.get("num") or "") in ("a", "an") and not g.get("amod") and is_rate(lex, text, m.start()):
        return None  # "$2 million a year", "700 seats a week": a rate, not a length of time
    if (
        lex.lang == "en"
        and norm_key(m.group()) == "one day"
        and re.search(
            r"\b(?:could|may|might|will|would|can|should|must|to|he|she|they|we|i)\s+$",
            _preceding(text, m.start()),
            re.I,
        )
    ):
        return Spec("literal", value="FUTURE_REF", rule="reference")  # "could one day become": some day ahead
    n: float | None = _num(lex, g.get("num")) if g.get("num") else None
    if (g.get("half") or g.get("frac") or g.get("half2")) and n is not None:
        n += 0.5
    mod = _mod(lex, g.get("amod"))
    return Spec("literal", type="DURATION", value=duration_value(unit, n), mod=mod, rule="duration")


def build_half_duration(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    """ "half an hour", "half a century": half of one unit."""
    unit = _unit(lex, m["unit"])
    if unit is None or unit in ("WE", "W2") or _is_plural(lex, norm_key(m["unit"])):
        return None
    return Spec("literal", type="DURATION", value=duration_value(unit, 0.5), mod=_mod(lex, m["amod"]), rule="duration")


def build_vague_duration(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    unit = _unit(lex, m["unit"])
    if unit is None:
        return None
    return Spec("literal", type="DURATION", value=duration_value(unit, None), rule="vague-duration")


def build_phrase(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    unit, n = lex.phrases[norm_key(m["phrase"])]
    return Spec("rel", unit=unit, amount=n, rule="relative-phrase")


def build_ref(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    key = norm_key(m["ref"])
    if lex.lang == "en" and key == "soon":
        if re.match(r"\s+(?:after|before|afterwards?|thereafter)\b", text[m.end() :], re.IGNORECASE):
            return None  # "killed soon after being captured": relates two events, dates neither
        if re.search(r"\bas\s+$", _preceding(text, m.start())) and not re.match(r"\s+as\s+possible", text[m.end() :]):
            return None  # "as soon as trading opened": a conjunction
    return Spec("literal", value=lex.refs[key], rule="reference")


def build_set(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    if g.get("adv"):
        if re.match(r"\s+(?!(?:in|on|at|by|for|and|or|to|from|with|since|until|as|than)\b)[^\W\d]", text[m.end() :]):
            return None  # "a quarterly dividend", "the daily paper": an adjective, not a recurring time
        return Spec("literal", type="SET", value=lex.set_adverbs[norm_key(g["adv"])], rule="set-adverb")
    unit = _unit(lex, g["unit"])
    if unit is None:
        return None
    if m.group().casefold().startswith("per ") and is_rate(lex, text, m.start()):
        return None  # "$40 per day": a rate
    n = _num(lex, g.get("num")) if g.get("num") else 1
    return Spec("literal", type="SET", value=duration_value(unit, n), rule="set")


_AMOUNT = re.compile(
    r"^(?:[$€£]?\d[\d,.]*%?|million|billion|trillion|thousand|hundred|dozen|percent|cents?|dollars?)$", re.IGNORECASE
)


_UNIT_WORD = re.compile(r"^(?:days?|weeks?|months?|years?|hours?|minutes?|nights?|times?)$", re.IGNORECASE)


def is_rate(lex: Lexicon, text: str, start: int) -> bool:
    """ "$1.76 a year", "358,000 a month", "four flights a week": an amount per unit of time (English).

    An amount, then at most two words (what is counted), right before the unit; not when a preposition
    comes between ("the smallest gain in a year") or what is counted is itself time ("two days a week": how
    often)."""
    if lex.lang != "en":
        return False
    tokens = text[max(0, start - 48) : start].split()
    for k in (1, 2, 3):
        if len(tokens) < k:
            return False
        amount, what = tokens[-k].strip("(,"), tokens[len(tokens) - k + 1 :]
        if any(w.casefold() in _RATE_BREAK or _UNIT_WORD.match(w) or not w[:1].isalpha() for w in what):
            return False
        if _AMOUNT.match(amount) or lex.numbers.get(amount.casefold()) not in (None, 1):
            return True
    return False


_RATE_BREAK = frozenset(
    words("in within for over than of about nearly almost after before under at by during from to since until into")
    + words("only just some around")
)


def build_clock(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    if g.get("named"):
        clock = {
            "noon": "12:00",
            "midday": "12:00",
            "midnight": "24:00",
            "mittag": "12:00",
            "midi": "12:00",
            "minuit": "24:00",
            "mitternacht": "24:00",
            "mediodía": "12:00",
            "medianoche": "24:00",
        }[norm_key(g["named"])]
        return Spec("clock", type="TIME", time=clock, rule="clock")
    h = int(g["h"])
    mi = int(g["mi"]) if g.get("mi") else 0
    ampm = norm_key(g.get("ampm") or "")
    if ampm.startswith("p") and h < 12:
        h += 12
    elif ampm.startswith("a") and h == 12:
        h = 0
    if not (0 <= h <= 24 and 0 <= mi < 60) or (not ampm and not g.get("mi")):
        return None
    return Spec("clock", type="TIME", time=f"{h:02d}:{mi:02d}", mod=_mod(lex, g.get("amod")), rule="clock")


def build_that_day(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    """ "that day", "the same day", "the day before": a day counted from the date the text told last."""
    shift = {"before": -1, "after": 1}.get(norm_key(m["dir"] or ""), 0)
    return Spec("anaphoric", unit="D", amount=shift, mod=_mod(lex, m["mod"]), rule="anaphoric-unit")


def build_the_unit(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    """ "rose 3% on the day", "during the month", "the worst flood of the century": the unit the report is in.

    A day or month is the one the text named last (else the publication's), a decade or century the current
    one; only after a preposition ("the day he left" names no day of the calendar)."""
    before = _preceding(text, m.start(), 32)
    if not re.search(r"\b(?:on|during|for|of|in|through|throughout|over|at|by|until|within)\s+$", before, re.I):
        return None
    if re.search(r"\bat\s+the\s+end\s+of\s+$", before, re.IGNORECASE) or re.match(
        r"\s+(?:of|when|that)\b", text[m.end() :]
    ):
        return None  # "at the end of the day" (an idiom), "the day of the attack" (a day the calendar does not give)
    unit = _unit(lex, m["unit"])
    if unit in ("D", "M"):
        return Spec("anaphoric", unit=unit, amount=0, rule="anaphoric-unit")
    return Spec("rel", unit=unit, amount=0, rule="relative-unit")


def build_the_week(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    return Spec("rel", unit="W", amount=None, rule="the-week")


def build_bare_span(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    """ "for years", "within weeks", "centuries": an unspecified length (a bare "months" needs its preposition)."""
    word = norm_key(m["unit"])
    if m.group() == m["unit"] and word not in ("centuries", "decades"):
        return None
    return Spec("literal", type="DURATION", value=duration_value(lex.units[word], None), rule="bare-span")


def build_the_year(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    """ "the year ended Sept. 30", "throughout the year": a length of a year; otherwise ("for the full year",
    "sales for the year", "lower earnings for the fiscal year") the year the report is about, the current one."""
    if re.match(r"\s+(?:that\s+)?(?:ended|ending|to|through|beginning|starting)\b", text[m.end() :], re.IGNORECASE) or (
        re.search(r"\b(?:throughout|over|all|a|per|each|every)\s+$", _preceding(text, m.start()), re.IGNORECASE)
    ):
        return Spec("literal", type="DURATION", value="P1Y", rule="the-year")
    return Spec("rel", unit="Y", amount=0, rule="the-year")
