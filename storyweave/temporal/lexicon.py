"""Words that carry time, per language: months, weekdays, numbers, units, relative words, modifiers.

The tables are plain data; :mod:`storyweave.temporal.grammar` turns them into patterns. All keys are
lower-case. English is the most complete; French, German and Spanish cover what news prose in those
languages uses (month and weekday names, the relative days, "last/next/this" + unit, "N units ago",
early/mid/late, the common reference words). A language without a table falls back to English.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyweave.temporal.holidays import HOLIDAYS_EN

__all__ = ["EN", "TABLE_LANGUAGES", "Lexicon", "lexicon", "words"]

#: TIMEX3 unit letters: D day, W week, M month, Q quarter, H half-year, Y year, DE decade, CE century,
#: WE weekend, TH hour, TM minute, TS second (the T-prefixed ones go after "PT" in a duration).
UNIT_CODES = ("D", "W", "M", "Q", "H", "Y", "DE", "CE", "WE", "TH", "TM", "TS")


@dataclass(frozen=True)
class Lexicon:
    """One language's time words. Multi-word keys are matched with any whitespace between the words."""

    lang: str
    months: dict[str, int]
    #: Month forms that are also common words or names ("may", "march", "mars"): only taken next to a day or
    #: a year, or (for languages that capitalise month names) when capitalised mid-sentence.
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, int | None]
    units: dict[str, str]
    seasons: dict[str, str]
    day_parts: dict[str, str]
    #: Deictic days: "yesterday" -1, "today" 0 ...; a ``(days, part)`` pair for "tonight" style words.
    days: dict[str, tuple[int, str | None]]
    #: "last/next/this" before the unit word ("last week", "letzte Woche", "la próxima semana").
    rel_before: dict[str, int]
    #: The same after the unit word ("la semaine dernière", "el año pasado").
    rel_after: dict[str, int]
    #: "N units ago" markers, before ("il y a", "vor", "hace") or after ("ago") the amount.
    ago_before: tuple[str, ...]
    ago_after: tuple[str, ...]
    #: "in N units" markers that point forward from the anchor ("dans", "dentro de").
    ahead_before: tuple[str, ...]
    #: Markers that make the amount a duration ("for", "pendant", "seit", "durante").
    duration_before: tuple[str, ...]
    #: Reference words with their TIMEX3 value (PAST_REF, PRESENT_REF, FUTURE_REF).
    refs: dict[str, str]
    #: early/mid/late and the like before a month, year or day: TIMEX3 ``mod``.
    mods: dict[str, str]
    #: about/more than/at least before an amount: TIMEX3 ``mod``.
    amount_mods: dict[str, str]
    #: Optional determiners/prepositions that may open a phrase ("the", "le", "der", "el"); kept out of spans.
    articles: tuple[str, ...]
    #: "every"/"each" words for sets.
    every: tuple[str, ...]
    #: Adverbs that are sets ("daily" P1D).
    set_adverbs: dict[str, str]
    #: Words linking a day and a month ("de" in "10 de noviembre"), a month and a year ("de", "of").
    day_month_link: tuple[str, ...] = ()
    month_year_link: tuple[str, ...] = ()
    #: Tense cue words for text-only tense detection (see :mod:`storyweave.temporal.context`).
    past_cues: frozenset[str] = frozenset()
    #: The past auxiliary of a pluperfect ("had been due to ..."): a plan told as overtaken.
    pluperfect: frozenset[str] = frozenset()
    future_cues: frozenset[str] = frozenset()
    present_cues: frozenset[str] = frozenset()
    #: Regular endings that mark past or future verb forms (checked on words of 5+ letters).
    past_suffixes: tuple[str, ...] = ()
    future_suffixes: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)
    #: Whole relative phrases with their unit and offset ("на прошлой неделе" -> ("W", -1)), from dateparser's
    #: locale data for the languages without a table of their own.
    phrases: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: Named days ("christmas eve" -> "12-24", "good friday" -> "easter-2"; see :mod:`storyweave.temporal.holidays`).
    holidays: dict[str, str] = field(default_factory=dict)


def words(text: str) -> tuple[str, ...]:
    """Whitespace-separated words (keeps long word lists readable)."""
    return tuple(text.split())


def _en_numbers() -> dict[str, int | None]:
    ones = words("one two three four five six seven eight nine")
    teens = words("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
    tens = words("twenty thirty forty fifty sixty seventy eighty ninety")
    out: dict[str, int | None] = {w: i + 1 for i, w in enumerate(ones)}
    out.update({w: i + 10 for i, w in enumerate(teens)})
    for i, t in enumerate(tens):
        base = (i + 2) * 10
        out[t] = base
        for j, o in enumerate(ones):
            out[f"{t}-{o}"] = base + j + 1
            out[f"{t} {o}"] = base + j + 1
    out.update({"a": 1, "an": 1, "a dozen": 12, "a hundred": 100, "one hundred": 100, "a couple of": 2})
    out.update({w: None for w in ("several", "a few", "few", "some", "many", "a number of", "the past few")})
    return out


_EN_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

EN = Lexicon(
    lang="en",
    months=_EN_MONTHS,
    ambiguous_months=frozenset({"may", "march", "mar", "jan", "jun", "sep", "dec", "oct"}),
    weekdays={d: i for i, d in enumerate(words("monday tuesday wednesday thursday friday saturday sunday"))},
    numbers=_en_numbers(),
    units={
        "day": "D",
        "days": "D",
        "week": "W",
        "weeks": "W",
        "fortnight": "W2",
        "month": "M",
        "months": "M",
        "quarter": "Q",
        "quarters": "Q",
        "year": "Y",
        "years": "Y",
        "decade": "DE",
        "decades": "DE",
        "century": "CE",
        "centuries": "CE",
        "hour": "TH",
        "hours": "TH",
        "minute": "TM",
        "minutes": "TM",
        "second": "TS",
        "seconds": "TS",
        "weekend": "WE",
        "weekends": "WE",
    },
    seasons={"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"},
    day_parts={"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"},
    days={
        "today": (0, None),
        "yesterday": (-1, None),
        "tomorrow": (1, None),
        "tonight": (0, "NI"),
        "the day before yesterday": (-2, None),
        "the day after tomorrow": (2, None),
        "last night": (-1, "NI"),
    },
    rel_before={
        "last": -1,
        "past": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "this": 0,
        "current": 0,
        "the current": 0,
        "the past": -1,
        "the last": -1,
        "the previous": -1,
        "this past": -1,
        "the preceding": -1,
        "the next": 1,
        "the coming": 1,
        "the following": 1,
    },
    rel_after={},
    ago_before=(),
    ago_after=("ago", "back"),
    ahead_before=(),
    duration_before=(
        "for",
        "over",
        "during",
        "within",
        "in the past",
        "in the last",
        "the past",
        "the last",
        "the next",
        "the first",
        "the latest",
        "the coming",
        "the previous",
    ),
    refs={
        "now": "PRESENT_REF",
        "currently": "PRESENT_REF",
        "current": "PRESENT_REF",
        "nowadays": "PRESENT_REF",
        "at present": "PRESENT_REF",
        "at the moment": "PRESENT_REF",
        "these days": "PRESENT_REF",
        "the present": "PRESENT_REF",
        "right now": "PRESENT_REF",
        "recently": "PAST_REF",
        "recent": "PAST_REF",
        "lately": "PAST_REF",
        "the past": "PAST_REF",
        "in the past": "PAST_REF",
        "formerly": "PAST_REF",
        "recent years": "PAST_REF",
        "in recent years": "PAST_REF",
        "the future": "FUTURE_REF",
        "soon": "FUTURE_REF",
        "in the future": "FUTURE_REF",
        "the near future": "FUTURE_REF",
        "as soon as possible": "FUTURE_REF",
        "a later date": "FUTURE_REF",
    },
    mods={
        "early": "START",
        "the beginning of": "START",
        "the start of": "START",
        "the early": "START",
        "mid": "MID",
        "the middle of": "MID",
        "mid-": "MID",
        "late": "END",
        "the end of": "END",
        "the late": "END",
        "the close of": "END",
        "earlier": "START",
        "the first half of": "START",
        "the second half of": "END",
        "the last half of": "END",
        "earlier in": "START",
        "early in": "START",
        "later in": "END",
        "late in": "END",
        "later": "END",
    },
    amount_mods={
        "about": "APPROX",
        "around": "APPROX",
        "some": "APPROX",
        "roughly": "APPROX",
        "approximately": "APPROX",
        "nearly": "LESS_THAN",
        "almost": "LESS_THAN",
        "less than": "LESS_THAN",
        "under": "LESS_THAN",
        "more than": "MORE_THAN",
        "over": "MORE_THAN",
        "at least": "EQUAL_OR_MORE",
        "up to": "EQUAL_OR_LESS",
        "no more than": "EQUAL_OR_LESS",
        "just over": "MORE_THAN",
        "nearly a": "LESS_THAN",
    },
    articles=("the", "this", "that"),
    every=("every", "each", "per"),
    set_adverbs={
        "daily": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "annually": "P1Y",
        "yearly": "P1Y",
        "quarterly": "P3M",
        "hourly": "PT1H",
        "nightly": "P1D",
    },
    month_year_link=("of",),
    past_cues=frozenset(
        words(
            "was were had did said told ago last earlier came went met held made took gave saw began begun flew "
            "fled won lost left sent spoke rose fell got found led brought bought sold paid met put set ran "
            "became broke chose drove fought felt heard hit kept knew laid lent let meant read rode rang sat shot "
            "shut slid spent stood stole struck swore threw thought understood woke wore wrote previously former "
            "yesterday closed sought caught taught built dealt forgot grew hung hid sank sang shook shrank slept "
            "sped spun stuck swept swam tore withdrew drew ate drank froze arose bore dug flung forgave overcame "
            "rebuilt slew stung swung undertook upheld wept overtook died sued tied"
        )
    ),
    future_cues=frozenset(
        words("will 'll shall won't wo would next upcoming scheduled due tomorrow soon payable expects expect")
    ),
    present_cues=frozenset(words("is are am says say")),
    pluperfect=frozenset(words("had")),
    #: Present forms news uses for what is scheduled ("the leaders meet Monday", "she travels to Paris Friday").
    extra={
        "scheduled_present": "meet meets travel travels visit visits head heads begin begins start starts open opens "
        "resume resumes return returns hold holds face faces vote votes leave leaves arrive arrives host hosts "
        "take takes convene convenes end ends close closes expire expires play plays fly flies testify testifies "
        "reopen reopens conclude concludes",
        #: Verbs whose object is still to come: a weekday after the object ("called for a rally on Saturday")
        #: dates the object, ahead of the call.
        "prospective": "called for|calls for|call for|calling for|urged|urges|appealed for|appeals for",
        #: "a rally for Saturday", "set for Monday": a weekday after this word is what is planned.
        "planned_for": "for",
    },
    past_suffixes=("ed",),
    holidays=HOLIDAYS_EN,
)


#: Languages with a table written for them (the others: :mod:`storyweave.temporal.locales`).
TABLE_LANGUAGES = ("en", "fr", "de", "es")


def lexicon(language: str | None) -> Lexicon:
    """The table for ``language`` (ISO 639-1, region ignored).

    English, French, German and Spanish have tables written here; any other language dateparser has a
    locale for gets one built from that locale's month, weekday, unit and relative-phrase data
    (:mod:`storyweave.temporal.locales`); otherwise English.
    """
    lang = (language or "en").split("-")[0].split("_")[0].casefold()
    if lang == "en":
        return EN
    if lang in TABLE_LANGUAGES:
        from storyweave.temporal.languages import TABLES

        return TABLES[lang]
    from storyweave.temporal.locales import locale_lexicon

    return locale_lexicon(lang) or EN
