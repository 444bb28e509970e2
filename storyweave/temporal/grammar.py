"""Patterns that find temporal expressions and say what they mean, before any anchor is known.

Each :class:`Rule` is a regular expression built from a language's :class:`~storyweave.temporal.lexicon.Lexicon`
plus a builder (see :mod:`storyweave.temporal.builders`) that turns a match into a :class:`Spec`: the meaning
of the expression ("the Monday", "one year back from the anchor", "three months, as a duration") without the
calendar arithmetic, which :mod:`storyweave.temporal.resolve` does once the anchor and the tense are known. A
builder may refuse a match ("May" the verb, "2000 troops"), so a shorter reading can win. :func:`candidates`
runs every rule and keeps the longest non-overlapping matches (HeidelTime's and SUTime's policy); ties go to
the earlier rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyweave.temporal.builders import (
    DAY,
    DAY_DOT,
    YEAR,
    B,
    E,
    alt,
    build_century,
    build_date,
    build_decade,
    build_deictic,
    build_holiday,
    build_iso,
    build_mod_part,
    build_month,
    build_month_rel_year,
    build_month_set,
    build_numeric,
    build_quarter_any,
    build_range_end,
    build_season,
    build_spelled_decade,
    build_spelled_year,
    build_the_quarter,
    build_this_part,
    build_weekday,
    build_weekday_set,
    build_year,
    build_year_ago,
    month_alt,
    norm_key,
)
from storyweave.temporal.lengths import (
    build_ago,
    build_bare_span,
    build_clock,
    build_duration,
    build_half_duration,
    build_phrase,
    build_ref,
    build_rel_unit,
    build_set,
    build_that_day,
    build_the_unit,
    build_the_week,
    build_the_year,
    build_vague_duration,
    build_weekend,
)
from storyweave.temporal.lexicon import Lexicon, lexicon
from storyweave.temporal.spec import Spec

__all__ = ["Candidate", "Rule", "Spec", "candidates", "rules_for"]


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    spec: Spec
    priority: int


Builder = Callable[[re.Match[str], Lexicon, str], Spec | None]


@dataclass(frozen=True)
class Rule:
    """A pattern, its builder, and the trigger categories (words a match must contain) that say where to look."""

    name: str
    pattern: re.Pattern[str]
    build: Builder
    triggers: tuple[str, ...] = ()


#: What each rule's matches must contain: the pattern runs only around those words (see :func:`candidates`).
RULE_TRIGGERS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("iso", "numeric", "year", "year-range", "decade", "century", "clock", "clock24"), ("digit",)),
    **dict.fromkeys(("mdy", "dmy", "month-year", "month", "month-rel-year"), ("month",)),
    **dict.fromkeys(("weekday", "weekday-set"), ("weekday",)),
    **dict.fromkeys(
        ("rel-unit", "unit-rel", "ago", "ago-before", "vague-ago", "duration", "vague-duration", "mod-unit"), ("unit",)
    ),
    **dict.fromkeys(("the-year", "the-week", "the-unit", "that-day", "bare-span", "weekend", "year-ago"), ("unit",)),
    "set": ("unit", "set"),
    "season": ("season",),
    "deictic": ("day",),
    "ref": ("ref",),
    "phrase": ("phrase",),
    "quarter": ("quarter",),
    "the-quarter": ("quarter",),
    "this-part": ("part",),
    "mod-part": ("part",),
    "holiday": ("holiday",),
    "spelled-year": ("spelled",),
    "spelled-decade": ("decade_word",),
    "month-set": ("month",),
    "half-duration": ("unit",),
    "clock-named": ("clock",),
}
#: Not the first half of a compound adjective ("the week-long strike", "the year-old dispute").
NOT_COMPOUND = r"(?!-\w)"
#: Characters scanned before and after a trigger word: longer than any prefix ("at least the first ...") or suffix.
WINDOW_BEFORE, WINDOW_AFTER = 72, 48


@lru_cache(maxsize=16)
def rules_for(language: str | None) -> tuple[Rule, ...]:
    """The compiled rules for a language (built once per process and language)."""
    lex = lexicon(language)
    flags = re.IGNORECASE | re.UNICODE
    M = f"(?P<month>{month_alt(lex)})(?!\\w)"
    MF = f"(?P<month>{month_alt(lex, full_only=True)})(?!\\w)"
    WD = f"(?P<wd>{alt(lex.weekdays)})"
    MODS = f"(?P<mod>{alt(lex.mods)})"
    AMOD = f"(?P<amod>{alt(lex.amount_mods)})"
    REL_B = f"(?P<rel>{alt(lex.rel_before)})" if lex.rel_before else "(?P<rel>(?!))"
    REL_A = f"(?P<rel2>{alt(lex.rel_after)})" if lex.rel_after else "(?P<rel2>(?!))"
    ART = alt(lex.articles)
    NUM = r"(?P<num>\d{1,3}(?:,\d{3})*|" + alt(k for k, v in lex.numbers.items() if v is not None) + ")"
    FUZZY = alt(
        [k for k, v in lex.numbers.items() if v is None]
        + ["recent", "the coming", "the next few", "the last few", "the past several"]
    )
    UNITS = f"(?P<unit>{alt(lex.units)})"
    UNITS1 = f"(?P<unit>{alt(k for k, v in lex.units.items() if v not in ('TH', 'TM', 'TS'))})"
    DURPRE = alt(lex.duration_before) if lex.duration_before else "(?!)"
    PARTS = f"(?P<part>{alt(lex.day_parts)})"
    DML = ("(?:\\s+" + alt(lex.day_month_link) + ")?") if lex.day_month_link else ""
    MYL = ("(?:\\s+" + alt(lex.month_year_link) + "|,)?") if lex.month_year_link else ",?"
    WDP = f"(?:(?P<wdp>{alt(lex.weekdays)}),?\\s+)?"
    ART_OPT = f"(?:{ART}\\s*)?"
    FISCAL = r"(?:fiscal\s+)?" if lex.lang == "en" else ""
    ago_dir = list(lex.ago_after) + (
        ["earlier", "later", "before", "after", "from now", "hence"] if lex.lang == "en" else []
    )

    def rule(name: str, pattern: str, build: Builder) -> Rule:
        return Rule(name, re.compile(pattern, flags), build, RULE_TRIGGERS[name])

    rules = [
        rule("iso", B + YEAR + r"-(?P<mo>\d\d)-(?P<d>\d\d)" + E, build_iso),
        rule("numeric", B + r"(?P<mo>\d{1,2})(?P<sep>[/.-])(?P<d>\d{1,2})(?P=sep)(?P<y>\d{4})" + E, build_numeric),
        rule("mdy", B + f"(?:{MODS}\\s+)?{WDP}{M}\\s+{DAY}(?!\\d)(?:,?\\s+{YEAR})?" + E, build_date),
        rule(
            "dmy",
            B
            + f"(?:{MODS}\\s+)?{WDP}(?:the\\s+)?{DAY_DOT if lex.lang == 'de' else DAY}"
            + f"(?:\\s+of)?{DML}\\s+{M}(?:{MYL}\\s+{YEAR})?"
            + E,
            build_date,
        ),
        rule("month-year", B + f"(?:{MODS}[\\s-]*)?{M}{MYL}\\s+{YEAR}" + E, build_month),
        rule("month", B + f"(?:{MODS}[\\s-]*|{REL_B}\\s+)?{MF}(?:\\s+{REL_A})?" + E, build_month),
        rule(
            "year",
            B
            + f"(?:{MODS}[\\s-]*)?"
            + r"(?P<pre>(?:fiscal(?:\s+year)?|FY|the\s+year|l'année|l’année|año|im\s+Jahr)\s+)?"
            + YEAR
            + r"(?!['’]?s\b)"
            + E,
            build_year,
        ),
        rule("year-range", r"(?<=\d\d\d\d[-–])" + YEAR + E, build_range_end),
        rule(
            "decade",
            B + f"(?:the\\s+)?(?:{MODS}[\\s-]+)?(?:(?P<dec>(?:1[0-9]|20)\\d0)|['’](?P<dec2>\\d0))['’]?s" + E,
            build_decade,
        ),
        rule(
            "century",
            B
            + f"(?:the\\s+)?(?:{MODS}[\\s-]+)?(?P<cent>\\d{{1,2}})(?:st|nd|rd|th|e|\\.|\\.?\\s*)\\s*"
            + r"(?:century|siècle|Jahrhundert|siglo)"
            + E,
            build_century,
        ),
        rule(
            "season",
            B
            + f"(?:{REL_B}\\s+|{MODS}[\\s-]*)?(?P<season>{alt(lex.seasons)})(?:\\s+{REL_A})?"
            + f"(?:(?:\\s+of|\\s+de|\\s+del)?\\s+{YEAR})?"
            + E,
            build_season,
        ),
        rule("deictic", B + f"(?:{MODS}\\s+)?(?P<deic>{alt(lex.days)})(?:\\s+{PARTS})?" + E, build_deictic),
        rule(
            "weekday",
            B
            + f"(?:{MODS}\\s+)?(?:{REL_B}\\s+)?{WD}(?:{PARTS.replace('part', 'part2')}|\\s+{PARTS}(?P<pl>s(?!\\w))?)?"
            + f"(?:\\s+{REL_A})?"
            + E,
            build_weekday,
        ),
        rule("rel-unit", B + f"(?:{MODS}\\s+)?{REL_B}\\s+{FISCAL}{UNITS1}" + E, build_rel_unit),
        rule("unit-rel", B + f"(?:{MODS}\\s+)?{ART_OPT}{UNITS1}\\s+{REL_A}" + E, build_rel_unit),
        rule(
            "ago",
            B
            + f"(?:{AMOD}\\s+)?{NUM}(?:[\\s-]+and\\s+a\\s+half)?\\s+{UNITS}(?P<approx>\\s+or\\s+so)?\\s+"
            + f"(?P<dir>{alt(ago_dir)})"
            + E
            if ago_dir
            else "(?!)",
            build_ago,
        ),
        rule(
            "ago-before",
            B + f"(?P<dir>{alt(lex.ago_before + lex.ahead_before)})\\s+(?:{AMOD}\\s+)?{NUM}\\s+{UNITS}" + E
            if lex.ago_before
            else "(?!)",
            build_ago,
        ),
        rule(
            "vague-ago",
            B + f"(?:{FUZZY}\\s+)?(?P<unit>years|decades|months|weeks|days|centuries)\\s+(?P<dir>ago)" + E
            if lex.lang == "en"
            else "(?!)",
            build_ago,
        ),
        rule("ref", B + f"(?P<ref>{alt(lex.refs)})" + E, build_ref),
        rule("phrase", B + f"(?P<phrase>{alt(lex.phrases)})" + E, build_phrase),
        rule(
            "duration",
            B
            + f"(?:{AMOD}\\s+)?(?:{DURPRE}\\s+)?{NUM}(?:(?P<half>\\s+and\\s+a\\s+half)|(?P<frac>\\s*(?:1/2|½)))?"
            + f"[\\s-]+{UNITS}(?P<half2>\\s+and\\s+a\\s+half)?"
            + E,
            build_duration,
        ),
        rule("vague-duration", B + f"(?:{FUZZY})\\s+{UNITS}" + E, build_vague_duration),
        rule(
            "set",
            B + f"(?:(?:{alt(lex.every)})\\s+(?:{NUM}\\s+)?{UNITS1}|(?P<adv>{alt(lex.set_adverbs)}))" + E,
            build_set,
        ),
        rule(
            "clock",
            B
            + f"(?:{AMOD}\\s+)?(?P<h>[012]?\\d)(?:[:.](?P<mi>[0-5]\\d))?\\s*"
            + r"(?P<ampm>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)(?!\w)",
            build_clock,
        ),
        rule(
            "clock-named",
            B + r"(?P<named>noon|midday|midnight|midi|minuit|mittag|mitternacht|mediodía|medianoche)" + E,
            build_clock,
        ),
        rule("clock24", B + r"(?P<h>[012]?\d)[:h](?P<mi>[0-5]\d)(?:\s*(?:Uhr|GMT|UTC))?" + E, build_clock),
        rule(
            "mod-unit",
            B + f"{MODS}\\s+" + (f"{ART}\\s*" if lex.lang == "en" else f"(?:{ART}\\s*)?") + UNITS1 + E,
            build_rel_unit,
        ),
        rule(
            "weekend",
            B + r"(?:the|am|le|ce|el|este|over\s+the)\s+(?P<unit>weekend|week-end|wochenende|fin\s+de\s+semana)" + E,
            build_weekend,
        ),
    ]
    if lex.holidays:
        rules.append(
            rule(
                "holiday",
                B + f"(?:{REL_B}\\s+)?(?P<hol>{alt(_holiday_keys(lex))})(?:,?\\s+(?:of\\s+)?{YEAR})?" + E,
                build_holiday,
            )
        )
    if lex.lang == "en":
        rules += [
            rule(
                "quarter",
                B
                + r"(?:(?P<yrel>this|last|next)\s+year['’]s\s+|the\s+(?P<ya>year-ago|year-earlier|prior-year)\s+|"
                + r"the\s+(?:fiscal\s+)?|"
                + YEAR
                + r"\s+)?"
                + r"(?P<ord>(?:fiscal\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th|last|final))[\s-]+"
                + r"(?P<qunit>quarter|half)"
                + r"(?:\s+of\s+(?:fiscal\s+)?(?P<year2>1[0-9]\d\d|20\d\d)|(?P<yago>\s+a\s+year\s+(?:ago|earlier)))?"
                + E,
                build_quarter_any,
            ),
            rule(
                "the-quarter",
                B + r"the\s+(?:(?P<which>latest|most\s+recent|past|previous|current|year-ago|year-earlier|"
                r"same|comparable)|(?P<qyear>1[0-9]\d\d|20\d\d))?\s*(?P<qword>quarter|period)"
                r"(?P<ago>\s+a\s+year\s+(?:ago|earlier))?" + E,
                build_the_quarter,
            ),
            rule(
                "month-rel-year", B + f"{MF}\\s+(?:of\\s+)?(?P<yrel>this|last|next)\\s+year" + E, build_month_rel_year
            ),
            rule("year-ago", B + r"(?P<ya>year-ago|year-earlier|year-end|year-before|month-end)" + E, build_year_ago),
            rule("this-part", B + f"(?:this|that)\\s+{PARTS}" + E, build_this_part),
            rule(
                "mod-part",
                B + r"(?P<mod>early|mid|late)[\s-]*(?P<part>morning|afternoon|evening)" + E,
                build_mod_part,
            ),
            rule(
                "spelled-year",
                B
                + r"(?P<the>the\s+year\s+)?(?P<cent>nineteen|eighteen|two\s+thousand)(?:\s+and)?"
                + r"(?:[\s-]+(?P<rest>"
                + alt(k for k in lex.numbers if k.isalpha() or "-" in k)
                + "))?"
                + E,
                build_spelled_year,
            ),
            rule("weekday-set", B + r"(?:(?P<ev>every|each)\s+)?" + WD + r"(?P<pl>s)?" + E, build_weekday_set),
            rule("month-set", B + r"(?:every|each)\s+" + MF + E, build_month_set),
            rule(
                "spelled-decade",
                B
                + r"the\s+(?:(?P<mod>early|mid|late)[\s-]*)?(?:(?P<cent>nineteen|eighteen|twenty)[\s-]+)?"
                + r"(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
                + E,
                build_spelled_decade,
            ),
            rule(
                "half-duration",
                B + f"(?:{AMOD}\\s+)?(?:{DURPRE}\\s+)?half\\s+an?\\s+{UNITS}" + E,
                build_half_duration,
            ),
            rule(
                "the-year",
                B + r"the\s+(?:full\s+|whole\s+|entire\s+|fiscal\s+)?(?P<unit>year)" + E + NOT_COMPOUND,
                build_the_year,
            ),
            rule("the-week", B + r"the\s+(?P<unit>week)" + E + NOT_COMPOUND, build_the_week),
            rule("the-unit", B + r"the\s+(?P<unit>day|month|decade|century)" + E + NOT_COMPOUND, build_the_unit),
            rule(
                "that-day",
                B
                + r"(?:(?P<mod>earlier|later|early|late)\s+)?(?:that|the\s+same)\s+(?P<unit>day)"
                + r"|(?P<unit2>the\s+day)\s+(?P<dir>before|after)(?!\s+[^\W\d])"
                + E,
                build_that_day,
            ),
            rule(
                "bare-span",
                B + r"(?:(?:for|over|within|in)\s+(?:the\s+)?)?(?P<unit>years|decades|months|weeks|centuries)" + E,
                build_bare_span,
            ),
        ]
    return tuple(rules)


@lru_cache(maxsize=16)
def _trigger_index(language: str | None) -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """One prefix-tree regex over every trigger word of a language, and each word's categories."""
    lex = lexicon(language)
    groups: dict[str, Iterable[str]] = {
        "month": lex.months,
        "weekday": lex.weekdays,
        "unit": lex.units,
        "set": [*lex.set_adverbs, *lex.every],
        "season": lex.seasons,
        "day": lex.days,
        "ref": lex.refs,
        "phrase": lex.phrases,
        "quarter": ("quarter", "half", "period"),
        "part": lex.day_parts,
        "spelled": ("nineteen", "eighteen", "thousand"),
        "decade_word": ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"),
        "holiday": {k.split()[-1] for k in _holiday_keys(lex)},  # "christmas", "eve", "day": the window is enough
        "clock": ("noon", "midday", "midnight", "midi", "minuit", "mittag", "mitternacht", "mediodía", "medianoche"),
    }
    cats: dict[str, set[str]] = {}
    for cat, keys in groups.items():
        for k in keys:
            cats.setdefault(norm_key(k), set()).add(cat)
    pattern = re.compile(r"(?<!\w)" + alt(cats) + r"|\d+", re.IGNORECASE)
    return pattern, {k: frozenset(v) for k, v in cats.items()}


def _holiday_keys(lex: Lexicon) -> list[str]:
    """The named days of a language, each also without its abbreviation dots ("St Patrick's Day")."""
    return sorted({v for k in lex.holidays for v in (k, k.replace(".", ""))})


def _windows(text: str, language: str | None) -> dict[str, list[tuple[int, int]]]:
    """Per trigger category, the merged text windows around its words (digits count as the ``digit`` category)."""
    pattern, cats = _trigger_index(language)
    spans: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in pattern.finditer(text):
        word = m.group()
        kinds = ("digit",) if word[0].isdigit() else cats.get(norm_key(word), ())
        lo, hi = max(0, m.start() - WINDOW_BEFORE), min(n, m.end() + WINDOW_AFTER)
        while hi < n and text[hi].isalnum():  # never cut a word at the window's end
            hi += 1
        for kind in kinds:
            merged = spans.setdefault(kind, [])
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
    return spans


def candidates(text: str, language: str | None) -> list[Candidate]:
    """Every accepted match of every rule, then the longest non-overlapping ones, in text order.

    A rule runs only in the windows around its trigger words (a month name for the date rules, a unit for
    the durations ...), which keeps the cost proportional to the time words in a text, not to its length.
    """
    lex = lexicon(language)
    windows = _windows(text, language)
    found: list[Candidate] = []
    for priority, r in enumerate(rules_for(language)):
        spans = sorted({w for t in r.triggers for w in windows.get(t, ())})
        seen: set[tuple[int, int]] = set()
        for lo, hi in spans:
            for m in r.pattern.finditer(text, lo, hi):
                if m.end() <= m.start() or m.span() in seen:
                    continue
                seen.add(m.span())
                spec = r.build(m, lex, text)
                if spec is not None:
                    found.append(Candidate(m.start(), m.end(), spec, priority))
    return select(found)


def select(found: Sequence[Candidate]) -> list[Candidate]:
    """Longest first, then earlier rule, then earlier position; drop what overlaps a kept candidate."""
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(found, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append(c)
        taken.append((c.start, c.end))
    return sorted(kept, key=lambda c: c.start)
