"""Builders: a regex match becomes a :class:`~storyweave.temporal.spec.Spec`, or None when the match is no time.

One builder per rule of :mod:`storyweave.temporal.grammar`; each reads the match's named groups through the
language's :class:`~storyweave.temporal.lexicon.Lexicon`, and refuses what only looks like a time ("May" the
verb, "2000 troops", "a 66-year-old", "the fall of the wall"), so a shorter reading can win.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from storyweave.temporal.lexicon import Lexicon
from storyweave.temporal.spec import Spec

__all__ = ["DAY", "DAY_DOT", "YEAR", "B", "E", "alt", "duration_value", "month_alt", "norm_key"]


def alt(words: Iterable[str], *, dots: Iterable[str] = ()) -> str:
    """A regex alternation of ``words`` as a prefix tree (fast to reject: Python's ``re`` tries the branches of
    a flat alternation one by one at every position); longer words win. ``dots`` may end with a full stop."""
    dotted = set(dots)
    trie: dict[str, Any] = {}
    for w in set(words):
        node = trie
        atoms = [r"\s+" if ch == " " else re.escape(ch) for ch in w.casefold()]
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


def _unit(lex: Lexicon, word: str) -> str | None:
    return lex.units.get(norm_key(word))


def build_rel_unit(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    if re.match(r"the\s+end\s+of\s+the\s+day$", m.group(), re.IGNORECASE) and re.search(
        r"\bat\s+$", _preceding(text, m.start())
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
    return Spec("rel", unit=unit, amount=0 if rel is None else rel, mod=mod, rule="relative-unit")


_ANAPHORIC_REL = frozenset({"the following", "the previous", "the preceding", "la veille", "el día siguiente"})


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
    return Spec("literal", value=lex.refs[norm_key(m["ref"])], rule="reference")


def build_set(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    g = m.groupdict()
    if g.get("adv"):
        if re.match(r"\s+(?!(?:in|on|at|by|for|and|or|to|from|with|since|until|as|than)\b)[^\W\d]", text[m.end() :]):
            return None  # "a quarterly dividend", "the daily paper": an adjective, not a recurring time
        return Spec("literal", type="SET", value=lex.set_adverbs[norm_key(g["adv"])], rule="set-adverb")
    unit = _unit(lex, g["unit"])
    if unit is None:
        return None
    n = _num(lex, g.get("num")) if g.get("num") else 1
    return Spec("literal", type="SET", value=duration_value(unit, n), rule="set")


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


def build_year_ago(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    word = norm_key(m["ya"])
    if word.endswith("end"):
        return Spec("rel", unit="Y", amount=0, mod="END", rule="year-end")
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


def build_that_day(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    """ "that day", "the same day", "the day before": a day counted from the date the text told last."""
    shift = {"before": -1, "after": 1}.get(norm_key(m["dir"] or ""), 0)
    return Spec("anaphoric", unit="D", amount=shift, mod=_mod(lex, m["mod"]), rule="anaphoric-unit")


def build_the_week(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    return Spec("rel", unit="W", amount=None, rule="the-week")


def build_bare_span(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    """ "for years", "within weeks", "centuries": an unspecified length (a bare "months" needs its preposition)."""
    word = norm_key(m["unit"])
    if m.group() == m["unit"] and word not in ("centuries", "decades"):
        return None
    return Spec("literal", type="DURATION", value=duration_value(lex.units[word], None), rule="bare-span")


def build_the_year(m: re.Match[str], lex: Lexicon, text: str) -> Spec | None:
    return Spec("literal", type="DURATION", value="P1Y", rule="the-year")
