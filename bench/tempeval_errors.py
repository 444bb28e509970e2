"""Categories of TempEval-3 errors, without the texts: where a set's value F1 is lost.

Every gold expression gets a *shape* from general time vocabulary (a weekday, a month with a day, a bare
year, "last/next" + unit, a count of units, a clock time ...), every value a *kind* (day, week, month, year,
reference, duration, set ...). :func:`breakdown` counts, per shape, the gold expressions, the ones missed and
the matched ones with a wrong value, and classifies each wrong value (wrong granularity, a week off, a year
off, an unspecified part ...); spurious predictions are counted per predicted shape and type. Only counts
are printed, so the report set can be diagnosed by category without reading its documents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

Span = tuple[int, int, str, str]
Matcher = Callable[[Sequence[Span], Sequence[Span]], list[tuple[Span, Span]]]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|weekends?|months?|quarters?|years?|decades?|centur(?:y|ies))"
#: (shape, pattern over the lower-cased expression), first match wins.
SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(p))
    for name, p in (
        ("clock", r"\d\s*(?:a\.?m|p\.?m)\b|\d:\d\d|\bnoon\b|\bmidnight\b|o'clock"),
        ("set", r"\b(?:every|each|per|daily|weekly|monthly|annually|yearly|quarterly|hourly)\b|days\b.*\bweek"),
        ("weekday", r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day"),
        ("deictic", r"\b(?:today|yesterday|tomorrow|tonight)\b|\blast night\b"),
        ("month-day", rf"\b{_MONTH}\s+\d|\d+\s+{_MONTH}"),
        ("month", rf"\b{_MONTH}(?!\w)"),
        ("quarter-half", r"\bquarter|\bhalf\b|\bperiod\b"),
        ("season", r"\b(?:spring|summer|autumn|fall|winter)\b"),
        (
            "decade-century",
            r"\d0'?s\b|'\d0s|\b(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|"
            r"nineties)\b|centur",
        ),
        ("ago-earlier-later", rf"{_UNIT}\s+(?:ago|earlier|later|before|after|back|from now)\b|year-(?:ago|earlier)"),
        ("year-digits", r"\b(?:1[0-9]|20)\d\d\b"),
        (
            "rel-unit",
            rf"\b(?:last|this|next|past|coming|previous|following|current|that|same|recent)\b.*\b{_UNIT}\b"
            rf"|\bthe\s+{_UNIT}\b",
        ),
        (
            "count-units",
            rf"\b(?:\d[\d,./]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            rf"\w+teen|twenty|thirty|forty|fifty|several|few|many|some|\w+-\w+)\b.*\b{_UNIT}\b",
        ),
        ("bare-units", rf"\b{_UNIT}\b"),
        (
            "reference",
            r"\b(?:now|currently|current|recent(?:ly)?|past|future|soon|former(?:ly)?|lately|present|"
            r"nowadays|then|once|moment|earlier|later|ago)\b",
        ),
        ("other", r""),
    )
)


def shape(text: str) -> str:
    t = " ".join(text.casefold().split())
    return next(name for name, p in SHAPES if p.search(t))


def value_kind(value: str, typ: str) -> str:
    """The kind of a TIMEX3 value: ``day``, ``time``, ``week``, ``month``, ``year``, ``ref``, ``duration`` ..."""
    v = value.upper()
    if typ.upper() == "SET":
        return "set"
    if v.startswith("P"):
        return "duration"
    if v.endswith("_REF"):
        return "ref"
    if "T" in v[4:] and re.match(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}T", v):
        return "time"
    table = (
        (r"^[\dX]{4}-[\dX]{2}-[\dX]{2}$", "day"),
        (r"^[\dX]{4}-W[\dX]{2}-WE$", "weekend"),
        (r"^[\dX]{4}-W[\dX]{2}(-\d)?$", "week"),
        (r"^[\dX]{4}-[\dX]{2}$", "month"),
        (r"^[\dX]{4}-Q[\dX]$", "quarter"),
        (r"^[\dX]{4}-H[\dX]$", "half"),
        (r"^[\dX]{4}-(?:SP|SU|FA|WI)$", "season"),
        (r"^[\dX]{4}$", "year"),
        (r"^[\dX]{3}$", "decade"),
        (r"^[\dX]{2}$", "century"),
    )
    return next((kind for p, kind in table if re.match(p, v)), "other")


def _day(value: str) -> dt.date | None:
    m = re.match(r"^(\d{4})-(\d\d)-(\d\d)", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def error_kind(gold: Span, pred: Span) -> str:
    """Why a matched value is wrong, in words that name no text: ``granularity day->time``, ``day off -7`` ..."""
    gk, pk = value_kind(gold[2], gold[3]), value_kind(pred[2], pred[3])
    g, p = gold[2], pred[2]
    if gk != pk:
        return f"granularity {gk}->{pk}"
    if ("X" in g) != ("X" in p):
        return f"{gk} unspecified {'gold' if 'X' in g else 'ours'}"
    gd, pd = _day(g), _day(p)
    if gd and pd:
        days = (pd - gd).days
        if days == 0:
            return f"{gk} other part"  # same day, another time of day
        if abs(days) % 7 == 0 and abs(days) <= 14:
            return f"{gk} week off {days:+d}"
        if abs(days) >= 360 and g[4:] == p[4:]:
            return f"{gk} year off"
        return f"{gk} off {'<=6' if abs(days) <= 6 else '>6'} days"
    if gk in ("year", "month", "quarter", "half", "season", "week", "weekend", "decade") and g[:4] != p[:4]:
        if g[4:] == p[4:]:
            return f"{gk} year off {int(p[:4]) - int(g[:4]):+d}" if g[:4].isdigit() and p[:4].isdigit() else gk
        return f"{gk} other"
    if gk == "duration":
        return "duration unit" if g[-1] != p[-1] else "duration amount"
    return f"{gk} other"


def value_form(value: str) -> str:
    """A value's form with its digits hidden: ``9999-W99``, ``P9Y``, ``9999-99-99T99:99``."""
    return re.sub(r"\d", "9", value)


def span_relation(gold: Span, pred: Span) -> str:
    """How a matched predicted span lies over its gold span: ``same``, ``longer``, ``shorter``, ``crossing``."""
    if (gold[0], gold[1]) == (pred[0], pred[1]):
        return "same"
    if pred[0] <= gold[0] and gold[1] <= pred[1]:
        return "longer"
    if gold[0] <= pred[0] and pred[1] <= gold[1]:
        return "shorter"
    return "crossing"


def reason_category(resolution: str) -> str:
    """A resolution's wording with its quoted words, dates and numbers taken out: the path, not the text."""
    out = re.sub(r"'[^']*'|\"[^\"]*\"", "Q", resolution)
    out = re.sub(r"[\dX]{4}(?:-[\dXWQH]+)*(?:T[\w:]+)?", "D", out)
    out = re.sub(r"\d+", "N", out)
    return re.sub(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", "WD", out)


def breakdown(
    docs: Sequence[dict[str, Any]],
    golds: Sequence[Sequence[Span]],
    preds: Sequence[Sequence[Span]],
    match: Matcher,
    reasons: Sequence[dict[tuple[int, int], str]] | None = None,
) -> dict[str, Any]:
    """Counts per category: gold, missed and wrong by shape, wrong by error kind, spurious by shape and type.

    ``reasons`` (per document, predicted span -> resolution wording) adds, per resolution path, how many
    matched values it gave and how many of them were wrong."""
    gold_n: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    wrong_kind: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    wrong_type: Counter[str] = Counter()
    wrong_form: Counter[str] = Counter()
    path_n: Counter[str] = Counter()
    path_wrong: Counter[str] = Counter()
    path_kind: Counter[str] = Counter()
    for i, (doc, gold, pred) in enumerate(zip(docs, golds, preds, strict=True)):
        text = doc["text"]
        pairs = match(gold, pred)
        got = {id(g) for g, _ in pairs}
        used = {id(p) for _, p in pairs}
        for g in gold:
            s = shape(text[g[0] : g[1]])
            gold_n[s] += 1
            if id(g) not in got:
                missed[f"{s} ({g[3].lower()})"] += 1
        for g, p in pairs:
            s = shape(text[g[0] : g[1]])
            if reasons is not None:
                path = f"{s}: {reason_category(reasons[i].get((p[0], p[1]), ''))}"
                path_n[path] += 1
                path_wrong[path] += g[2] != p[2]
                if g[2] != p[2]:
                    path_kind[f"{path} => {error_kind(g, p)}"] += 1
            if g[2] != p[2]:
                wrong[s] += 1
                wrong_kind[f"{s}: {error_kind(g, p)}"] += 1
                wrong_form[f"{s}: {value_form(g[2])} -> {value_form(p[2])} ({span_relation(g, p)})"] += 1
            if g[3] != p[3]:
                wrong_type[f"{g[3].lower()}->{p[3].lower()}"] += 1
        for p in pred:
            if id(p) not in used:
                spurious[f"{shape(text[p[0] : p[1]])} ({p[3].lower()})"] += 1
    by_shape = {
        s: {"gold": n, "missed": sum(c for k, c in missed.items() if k.startswith(s + " ")), "wrong": wrong[s]}
        for s, n in gold_n.most_common()
    }
    return {
        "by_shape": by_shape,
        "wrong_value": dict(wrong_kind.most_common()),
        "missed": dict(missed.most_common()),
        "spurious": dict(spurious.most_common()),
        "wrong_type": dict(wrong_type.most_common()),
        "wrong_form": dict(wrong_form.most_common()),
        "paths": {k: f"{path_wrong[k]} wrong of {n}" for k, n in path_n.most_common()},
        "path_errors": dict(path_kind.most_common()),
    }


def print_breakdown(result: dict[str, Any], file: Any) -> None:
    print(f"{'shape':20s} {'gold':>5s} {'missed':>7s} {'wrong':>6s}", file=file)
    for s, row in result["by_shape"].items():
        print(f"{s:20s} {row['gold']:5d} {row['missed']:7d} {row['wrong']:6d}", file=file)
    for title in ("wrong_value", "wrong_form", "missed", "spurious", "wrong_type"):
        print(f"--- {title.replace('_', ' ')}", file=file)
        for k, n in result[title].items():
            print(f"{n:4d} {k}", file=file)
    if result.get("paths"):
        print("--- resolution paths", file=file)
        for k, v in result["paths"].items():
            print(f"{v:>16s}  {k}", file=file)
        print("--- wrong values by resolution path", file=file)
        for k, n in result["path_errors"].items():
            print(f"{n:4d} {k}", file=file)
