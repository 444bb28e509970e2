"""Builders: a regex match becomes a :class:`~storyweave.temporal.spec.Spec`, or None when the match is no time.

One builder per rule of :mod:`storyweave.temporal.grammar`; each reads the match's named groups through the
language's :class:`~storyweave.temporal.lexicon.Lexicon`, and refuses what only looks like a time ("May" the
verb, "2000 troops", "the fall of the wall", "Christmas shopping"), so a shorter reading can win. This module
holds the calendar: dates, months, years, quarters, seasons, weekdays and named days;
:mod:`storyweave.temporal.lengths` the relative units, lengths, sets, reference words and clock times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from storyweave.temporal.lexicon import Lexicon
from storyweave.temporal.spec import Spec

__all__ = ["DAY", "DAY_DOT", "YEAR", "B", "E", "alt", "month_alt", "norm_key"]


def alt(words: Iterable[str], *, dots: Iterable[str] = ()) -> str:
    """A regex alternation of ``words`` as a prefix tree (fast to reject: Python's ``re`` tries the branches of
    a flat alternation one by one at every position); longer words win. ``dots`` may end with a full stop."""
    dotted = set(dots)
    trie: dict[str, Any] = {}
    for w in set(words):
        node = trie
        atoms = [r"\s+" if ch == " " else "['’]" if ch in "'’" else re.escape(ch) for ch in w.casefold()]
        if w in dotted:
            atoms.append(r"\.?")
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}
    if not trie:
        return "(?!)"  # no words: a group that never matches
    return "(?:" + emit(trie) + ")"


def emit(node: dict[str, Any]) -> str:
    end = "" in node
    branches = [atom + emit(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return f"(?:{body})?"
    return body


def norm_key(text: str) -> str:
    return " ".join(text.casefold().replace(".", "").replace("’", "'").split())


B = r"(?<![\w'’-])"  # start of a word (not inside a word, a number or a hyphenated compound)
E = r"(?![\w])"  # end of a word
YEAR = r"(?P<year>1[0-9]\d\d|20\d\d)(?!\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?"
DAY_DOT = r"(?P<day>[0-3]?\d)(?:\.|st|nd|rd|th|er|º|°)?"  # German ordinals: "am 10. November"
#: Words before a bare year that make it a year rather than a count.
YEAR_CUES = re.compile(
    r"(?:in|since|by|from|until|till|through|of|year|years|fiscal|around|before|after|during|between|and|to|"
    r"mid|early|late|end|en|depuis|de|del|desde|im|seit|bis|von|jahr|année|año|the|summer|spring|winter|"
    r"autumn|fall|the\s+year|'s|early-|mid-)\W*$",
    re.IGNORECASE,
)


def _abbreviations(lex: Lexicon) -> list[str]:
    """Month keys that shorten another key of the same month ("aug" for "august", "juil" for "juillet")."""
    return [
        k for k, v in lex.months.items() if any(o != k and o.startswith(k) and w == v for o, w in lex.months.items())
    ]


def month_alt(lex: Lexicon, *, full_only: bool = False) -> str:
    short = _abbreviations(lex)
    keys = [k for k in lex.months if k not in short] if full_only else list(lex.months)
    return alt(keys, dots=short)


def _capital_ok(lex: Lexicon, word: str) -> bool:
    """English and German write month and weekday names with a capital; "august"/"may" are other words."""
    return lex.lang not in ("en", "de") or word[:1].isupper()


def _num(lex: Lexicon, text: str | None) -> int | None:
    if text is None:
        return 1
    t = norm_key(text)
    if t.replace(",", "").isdigit():
        return int(t.replace(",", ""))
    return lex.numbers.get(t, None)


def _mod(lex: Lexicon, text: str | None) -> str | None:
    if not text:
        return None
    k = norm_key(text)
    return lex.mods.get(k.rstrip("-")) or lex.mods.get(k) or lex.amount_mods.get(k)


def _rel(lex: Lexicon, text: str | None) -> int | None:
    if not text:
        return None
    t = norm_key(text)
    if t in lex.rel_before:
        return lex.rel_before[t]
    return lex.rel_after.get(t)


def _preceding(text: str, start: int, n: int = 24) -> str:
    return text[max(0, start - n) : start]


# --- builders ------------------------------------------------------------------------------------------------


def build_date(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    month = lex.months.get(norm_key(g["month"]))
    day = int(g["day"])
    if month is None or not 1 <= day <= 31:
        return None
    if not _capital_ok(lex, g["month"]):
        return None
    year = int(g["year"]) if g.get("year") else None
    mod = _mod(lex, g.get("mod"))
    if year is None:
        return Spec("partial", month=month, day=day, mod=mod, rule="day-month")
    return Spec("abs", year=year, month=month, day=day, mod=mod, rule="day-month-year")


def build_numeric(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    y, mo, d = int(g["y"]), int(g["mo"]), int(g["d"])
    if lex.lang != "en" or mo > 12 or g["sep"] != "/":  # day first outside US slash dates
        mo, d = d, mo
    if y < 100:
        y += 1900 if y > 50 else 2000
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return Spec("abs", year=y, month=mo, day=d, rule="numeric-date")


def build_iso(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    mo, d = int(m["mo"]), int(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return Spec("abs", year=int(m["year"]), month=mo, day=d, rule="iso-date")


def build_month(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    word = g["month"]
    key = norm_key(word)
    month = lex.months.get(key)
    if month is None or not _capital_ok(lex, word):
        return None
    mod = _mod(lex, g.get("mod"))
    rel = _rel(lex, g.get("rel"))
    year = int(g["year"]) if g.get("year") else None
    if year is None and key in lex.ambiguous_months and mod is None and rel is None:
        before = _preceding(text, m.start(), 12)
        if not re.search(
            r"(?:in|since|by|until|from|of|during|before|after|through|en|im|seit|bis|desde)\s+$", before, re.IGNORECASE
        ):
            return None
    if year is not None:
        return Spec("abs", year=year, month=month, mod=mod, rule="month-year")
    return Spec("partial", month=month, direction=rel, mod=mod, rule="month")


def build_year(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    year = int(g["year"])
    mod = _mod(lex, g.get("mod"))
    before = _preceding(text, m.start())
    after = text[m.end() : m.end() + 16]
    if re.search(r"[$€£#№]\s*$|\d[.,]?\s*$|No\.\s*$", before):
        return None
    if re.match(r"\s*(?:%|percent|[.,]\d|\d)", after) or re.match(r"-\d(?!\d\d?(?:\d\d)?(?!\d))", after):
        return None  # a number, not a year ("1998-2000" and "1997-98" are ranges and stay)
    cued = bool(mod or g.get("pre") or YEAR_CUES.search(before))
    if not cued and (year < 1900 or re.match(r"\s+[a-z]+s\b", after)):
        return None
    half = _HALF_OF.get(norm_key(g.get("mod") or ""))
    if half:  # "the first half of 1999" is 1999-H1 (TIMEX3), not 1999 with a modifier
        return Spec("abs", year=year, part=half, rule="year")
    return Spec("abs", year=year, mod=mod, rule="year")


_HALF_OF = {"the first half of": "H1", "the second half of": "H2", "the last half of": "H2"}


def build_range_end(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    start = int(text[m.start() - 5 : m.start() - 1])
    year = int(m["year"])
    return Spec("abs", year=year, rule="year-range") if start < year <= start + 50 else None


def build_decade(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    value = g["dec"][:3] if g.get("dec") else "19" + g["dec2"][0]
    return Spec("literal", value=value, mod=_mod(lex, g.get("mod")), rule="decade")


def build_century(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    n = int(m["cent"])
    return Spec("literal", value=f"{n - 1:02d}", mod=_mod(lex, m.groupdict().get("mod")), rule="century")


_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "fiscal first": 1}


def build_quarter(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    unit = "H" if norm_key(g["qunit"]).startswith("half") else "Q"
    word = norm_key(g["ord"]).split()[-1]
    if word in ("last", "final"):  # "the last quarter of 1989"; "last quarter" alone is the previous quarter
        if not g.get("year2"):
            return None
        n: int | None = 2 if unit == "H" else 4
    else:
        n = _ORD.get(word)
    if n is None or (unit == "H" and n > 2):
        return None
    year = int(g["year"]) if g.get("year") else None
    if g.get("ya") or g.get("yago"):  # "the year-ago third quarter", "the third quarter a year ago"
        return Spec("rel", unit="Y", amount=-1, direction=-1, part=f"{unit}{n}", rule="quarter")
    if g.get("yrel"):
        shift = {"this": 0, "last": -1, "next": 1}[norm_key(g["yrel"])]
        return Spec("rel", unit="Y", amount=shift, direction=shift, part=f"{unit}{n}", rule="quarter")
    # a bare "third quarter": the year comes from the anchor and the clause's tense (see resolve)
    return Spec("rel" if year is None else "abs", year=year, unit="Y", part=f"{unit}{n}", rule="quarter")


def build_month_set(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    """ "each July", "every March": that month of every year."""
    month = lex.months.get(norm_key(m["month"]))
    if month is None or not _capital_ok(lex, m["month"]):
        return None
    return Spec("literal", type="SET", value=f"XXXX-{month:02d}", rule="month-set")


_DECADE_WORDS = {
    w: i + 2 for i, w in enumerate(("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                                    "nineties"))
}  # fmt: skip


def build_spelled_decade(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    """ "the nineties", "the late eighties", "the nineteen-sixties": a decade; without its century, the
    latest such decade that has begun by the anchor (see resolve)."""
    century = {"nineteen": 19, "eighteen": 18, "twenty": 20}.get(norm_key(m["cent"] or ""))
    return Spec("decade", amount=_DECADE_WORDS[norm_key(m["dw"])], year=century, mod=_mod(lex, m["mod"]),
                rule="spelled-decade")  # fmt: skip


def build_month_rel_year(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    month = lex.months.get(norm_key(m["month"]))
    if month is None or not _capital_ok(lex, m["month"]):
        return None
    shift = {"this": 0, "last": -1, "next": 1}[norm_key(m["yrel"])]
    return Spec("rel", unit="Y", amount=shift, month=month, rule="month-relative-year")


def build_the_quarter(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    which = norm_key(m["which"] or "")
    if m["qyear"]:  # "the 1988 quarter", "the 1988 period": the quarter the report is about, in that year
        return Spec("anaphoric", unit="Y", amount=0, year=int(m["qyear"]), part="Q", rule="year-quarter")
    if m["ago"]:  # "the quarter a year ago", "the period a year earlier"
        which = "year-ago"
    if m["qword"].lower() == "period":  # "the latest period": a reporting period, only after a quarter was named
        if which in ("year-ago", "year-earlier"):
            return Spec("anaphoric", unit="Y", amount=-1, part="Q", rule="year-ago-period")
        return Spec("rel", unit="Q", amount=None, part="P", rule="the-period") if which else None
    if which in ("year-ago", "year-earlier"):
        return Spec("anaphoric", unit="Y", amount=-1, part="Q", rule="year-ago-quarter")
    rel = {"latest": -1, "most recent": -1, "past": -1, "previous": -1, "last": -1, "current": 0, "next": 1}.get(which)
    return Spec("rel", unit="Q", amount=rel, direction=None if rel is None else rel, rule="the-quarter")


def build_season(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    word = norm_key(g["season"])
    rel = _rel(lex, g.get("rel"))
    year = int(g["year"]) if g.get("year") else None
    if (
        word == "fall"
        and rel is None
        and year is None
        and not g.get("mod")
        and not re.search(r"\b(?:in|during|by|until|since)\s+the\s+$", _preceding(text, m.start()))
    ):
        return None  # "prices fall", "the fall of the wall": a season only "in the fall", "this fall", "fall 2020"
    part = lex.seasons[word]
    if rel is None and year is None and not g.get("mod"):
        before = _preceding(text, m.start())
        last = before.rsplit(None, 1)[-1].casefold() if before.strip() else ""
        if last in lex.extra.get("not_season_after", "").split():
            return None  # French "avait été": a participle after its auxiliary
        if (
            re.match(r"\s+[^\W\d]", text[m.end() :])
            and text[m.end() :].lstrip()[:1].islower()
            and not re.search(r"\b(?:the|this|last|next|in|during|since|until|by|of)\s+$", before, re.IGNORECASE)
        ):
            return None  # "a cold winter night", "summer camp": the season as an adjective, no date
    if year is not None:
        return Spec("abs", year=year, part=part, mod=_mod(lex, g.get("mod")), rule="season-year")
    return Spec("rel", unit="SEASON", part=part, direction=rel, mod=_mod(lex, g.get("mod")), rule="season")


def build_deictic(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    word = g["deic"]
    key = norm_key(word)
    if lex.lang == "es" and key == "mañana" and re.search(r"(?:la|esta|cada|una|por)\s+$", _preceding(text, m.start())):
        return None
    if (
        lex.lang == "de"
        and key == "morgen"
        and word[0].isupper()
        and m.start() > 0
        and text[m.start() - 2] not in ".!?\n"
    ):
        return None  # "am Morgen": the morning
    offset, part = lex.days[key]
    extra = g.get("part")
    if extra:
        part = lex.day_parts.get(norm_key(extra), part)
    mod = _mod(lex, g.get("mod"))
    return Spec("rel", type="TIME" if part else "DATE", unit="D", amount=offset, time=part, mod=mod, rule="deictic-day")


def build_this_part(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    part = lex.day_parts[norm_key(m["part"])]
    return Spec("rel", type="TIME", unit="D", amount=0, time=part, rule="this-part-of-day")


def build_holiday(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    """ "Christmas Eve", "Good Friday", "last Thanksgiving", "Easter 2019": a named day (capitalised)."""
    name = m["hol"]
    if any(w[:1].islower() for w in name.split() if w.casefold() not in ("of", "the", "jr.", "jr")):
        return None  # "christmas" in lower case is not the day's name
    if not m["year"] and re.match(r"\s+(?:[A-Z][a-z]|(?!" + _AFTER_DAY + r"\b)[a-z])", text[m.end() :]):
        return None  # "Christmas shopping", "the Easter Rising": the name used as a modifier
    key = norm_key(name)
    rule = next((v for k, v in lex.holidays.items() if norm_key(k) == key), None)
    if rule is None:
        return None
    year = int(m["year"]) if m["year"] else None
    return Spec("holiday", value=rule, year=year, direction=_rel(lex, m["rel"]), rule="holiday")


#: Lower-case words that may follow a named day used as a date ("on Christmas in 2019", "Easter was early").
_AFTER_DAY = (
    "in|on|at|by|for|and|or|to|from|with|since|until|as|than|is|was|will|would|had|has|have|when|while|after|"
    "before|morning|afternoon|evening|night|this|last|next|he|she|they|it|we|the|a|but|said|says"
)


def build_mod_part(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    """ "by mid-afternoon", "in the late evening": that part of the day the report is about (its own day)."""
    part = lex.day_parts[norm_key(m["part"])]
    return Spec("rel", type="TIME", unit="D", amount=0, time=part, mod=_mod(lex, m["mod"]), rule="part-of-day")


def build_weekday(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    word = g["wd"]
    if not _capital_ok(lex, word):
        return None
    rel = _rel(lex, g.get("rel")) if g.get("rel") else _rel(lex, g.get("rel2"))
    part = g.get("part") or g.get("part2")
    time = lex.day_parts.get(norm_key(part)) if part else None
    weekday = lex.weekdays[norm_key(word)]
    if time and g.get("pl"):  # "on Tuesday nights": every Tuesday night
        return Spec("literal", type="SET", value=f"XXXX-WXX-{weekday + 1}T{time}", rule="weekday-set")
    anaphoric = norm_key(g.get("rel") or g.get("rel2") or "") in _ANAPHORIC_REL
    return Spec(
        "weekday",
        type="TIME" if time else "DATE",
        weekday=weekday,
        direction=rel,
        time=time,
        mod=_mod(lex, g.get("mod")),
        rule="weekday-anaphoric" if anaphoric else "weekday",
    )


def build_weekday_set(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    if not _capital_ok(lex, m["wd"]) or not (m["ev"] or m["pl"]):
        return None
    return Spec("literal", type="SET", value=f"XXXX-WXX-{lex.weekdays[norm_key(m['wd'])] + 1}", rule="weekday-set")


_ANAPHORIC_REL = frozenset({"the following", "the previous", "the preceding", "la veille", "el día siguiente"})


def build_year_ago(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    word = norm_key(m["ya"])
    if word.endswith("end"):  # "by year-end", "at month-end"
        return Spec("rel", unit="M" if word.startswith("month") else "Y", amount=0, mod="END", rule="year-end")
    return Spec("anaphoric", unit="Y", amount=-1, rule="year-ago")


def build_spelled_year(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    century = {"nineteen": 19, "eighteen": 18, "two thousand": 20}[norm_key(m["cent"])]
    rest = norm_key(m["rest"] or "")
    if (century == 20 and not m["the"]) or (century < 20 and not rest):
        return None  # "nineteen people", "two thousand troops": counts, not years
    n = lex.numbers.get(rest.replace(" ", "-"), lex.numbers.get(rest)) if rest else 0
    if n is None or n > 99:
        return None
    return Spec("abs", year=century * 100 + n, rule="spelled-year")


# --- rule tables ---------------------------------------------------------------------------------------------


def build_quarter_any(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    if g.get("year2") and not g.get("year"):
        spec = build_quarter(m, lex, text)
        return None if spec is None else Spec("abs", year=int(g["year2"]), part=spec.part, rule="quarter")
    return build_quarter(m, lex, text)
