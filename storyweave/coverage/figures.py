"""Figures in news text: sums of money, percentages and counts, normalised so two outlets' figures compare.

"$1.5 billion", "1,5 Milliarden Dollar", "1.500 millones de dólares" and "$1.5bn" are one value (1.5e9, USD);
"78.4%", "78,4 Prozent" and "78.4 per cent" are one percentage. Each figure keeps the precision it was written
with, so "78%" agrees with "78.4%" (a rounding) while "80%" does not, and an approximate figure ("more than
400", "rund 400") agrees with anything within a tenth of it.

Hand-written because the libraries that parse quantities (quantulum3, price-parser) read English only or
prices only; news needs the decimal comma, scale words (bn, Mrd., millones) and currencies of several languages.
Years and the numbers inside date expressions are not figures (the dates stage reads those).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Figure", "compatible", "find_figures", "same_quantity"]

#: Scale words -> multiplier (lower case; matched as whole words after the number).
_SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "mille": 1e3,
    "tausend": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mio": 1e6,
    "millionen": 1e6,
    "millón": 1e6,
    "millones": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "mrd": 1e9,
    "mil millones": 1e9,
    "trillion": 1e12,
    "billón": 1e12,
    "billones": 1e12,
}
#: Currency symbols and words -> a code. Words cover the major currencies in the languages the project reads;
#: any other currency word is kept as written (folded), so two outlets naming it alike still agree.
_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB"}
_CURRENCY_WORDS: dict[str, str] = {
    **dict.fromkeys(("dollar", "dollars", "dólar", "dólares", "usd", "us-dollar"), "USD"),
    **dict.fromkeys(("euro", "euros", "eur"), "EUR"),
    **dict.fromkeys(("pound", "pounds", "gbp", "livres", "libras", "pfund"), "GBP"),
    **dict.fromkeys(("rouble", "roubles", "ruble", "rubles", "rubel", "rublos", "rub"), "RUB"),
    **dict.fromkeys(("yuan", "renminbi", "cny"), "CNY"),
    **dict.fromkeys(("yen", "jpy"), "JPY"),
    **dict.fromkeys(
        ("crown", "crowns", "krone", "kronen", "kronor", "krona", "couronne", "couronnes", "corona", "coronas"), "crown"
    ),
    **dict.fromkeys(("franc", "francs", "franken", "francos", "chf"), "CHF"),
}
_PERCENT = r"(?:%|\s?per\s?cent\b|\s?percent\b|\s?pour\s?cent\b|\s?prozent\b|\s?por\s?ciento\b|\s?procent\b)"
_APPROX_BEFORE = re.compile(
    r"(?:about|around|nearly|almost|roughly|some|over|more than|less than|fewer than|at least|up to|an estimated|"
    r"approximately|close to|environ|près de|plus de|moins de|quelque|etwa|rund|fast|mehr als|über|knapp|"
    r"ungefähr|unos|unas|cerca de|casi|más de|menos de|alrededor de)\s*$",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve",
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze",
    "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
    "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce",
)
_SPELLED: dict[str, int] = {w: i for line in _NUMBER_WORDS for i, w in enumerate(line.split())}
_SPELLED.update({"dozen": 12, "dozens": 24})
#: Spelled numbers that are also ordinary words or articles in some language, counted only before a noun
#: that is not a preposition ("one of", "un homme" is an article): left out.
_SPELLED_SKIP = frozenset({"zero", "one", "un", "uno", "null", "eins", "zéro", "cero", "dozens"})
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<sign>US\$|[$€£¥₽])?\s?(?P<num>\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<pct>" + _PERCENT + r")?",
    re.IGNORECASE,
)
_WORD_AFTER = re.compile(r"\s*-?\s*([^\W\d_][\w'’-]*\.?)", re.UNICODE)
_SPELLED_RE = re.compile(r"(?<!\w)(" + "|".join(sorted(_SPELLED, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)
_COMMA_DECIMAL = frozenset({"de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "be", "cs", "sv", "da", "no"})
_UNIT_STOP_WORDS = """
of the a an and or to in on at for by from with per de des du la le les et ou en à au pour par der die das den dem und
oder im am zum zur von mit el los las y o del al con por para que
"""
_UNIT_STOP = frozenset(_UNIT_STOP_WORDS.split())


@dataclass(frozen=True)
class Figure:
    """One figure as written: ``kind`` is ``money``, ``percent`` or ``count``; ``value`` the number in base units;
    ``unit`` the currency code or the counted noun (folded); ``precision`` half the last written digit's unit
    (two figures agree when they differ by less than the coarser precision); ``approx`` when hedged
    ("more than", "about")."""

    kind: str
    value: float
    unit: str | None
    text: str
    start: int
    end: int
    precision: float
    approx: bool = False

    def label(self) -> str:
        """A short normalised form for tables: "USD 1.5bn", "78.4%", "412 detained"."""
        if self.kind == "percent":
            return f"{_num(self.value)}%"
        if self.kind == "money":
            return f"{self.unit or ''} {_scaled(self.value)}".strip()
        return f"{_num(self.value)} {self.unit or ''}".strip()


def _num(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v):,}"


def _scaled(v: float) -> str:
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(v) >= size:
            return f"{_num(round(v / size, 3))}{suffix}"
    return _num(v)


def _parse_number(raw: str, language: str | None) -> tuple[float, float] | None:
    """(value, precision) of a written number; the language decides whether a comma or a dot is the decimal mark.
    A space always groups thousands; the other mark groups thousands only in groups of three ("3,100", "3.100")."""
    s = raw.replace("\u00a0", " ").replace("\u202f", " ").replace(" ", "")
    comma_decimal = (language or "en").split("-")[0].casefold() in _COMMA_DECIMAL
    dec, grp = (",", ".") if comma_decimal else (".", ",")
    if dec in s:
        whole, frac = s.rsplit(dec, 1)
        whole = whole.replace(grp, "")
    else:
        parts = s.split(grp)
        if len(parts) == 1 or all(len(p) == 3 for p in parts[1:]):
            whole, frac = "".join(parts), ""
        elif len(parts) == 2:
            whole, frac = parts  # the other language's decimal mark ("2.5" in a German text)
        else:
            return None
    if not whole.isdigit() or (frac and not frac.isdigit()):
        return None
    return _decimal(whole, frac)


def _decimal(whole: str, frac: str) -> tuple[float, float]:
    value = float(f"{whole}.{frac}" if frac else whole)
    return value, 0.5 * 10 ** (-len(frac)) if frac else 0.5


def _scale_after(text: str, pos: int) -> tuple[float, int]:
    """A scale word right after ``pos`` ("bn", " billion", " Milliarden", " mil millones"): (multiplier, end)."""
    m = re.match(r"\s?(mil\s+millones|[^\W\d_]+)\.?", text[pos:], re.UNICODE)
    if m:
        word = " ".join(m.group(1).casefold().split())
        if word in _SCALES and not (word in ("m", "b", "k") and m.group(0).startswith(" ")):
            return _SCALES[word], pos + m.end()
    return 1.0, pos


def _currency_after(text: str, pos: int) -> tuple[str | None, int]:
    m = re.match(r"\s?(?:(?:de|d'|of)\s+)?(US[-\s]?dollars?|[^\W\d_]+)", text[pos:], re.UNICODE | re.IGNORECASE)
    if m:
        word = m.group(1).casefold().replace(" ", "-")
        code = _CURRENCY_WORDS.get(word) or _CURRENCY_WORDS.get(word.replace("us-", ""))
        if code:
            return code, pos + m.end()
    return None, pos


def _counted(text: str, pos: int) -> str | None:
    """The noun a count counts: the next word, unless it is a function word."""
    m = _WORD_AFTER.match(text, pos)
    if not m:
        return None
    word = m.group(1).casefold().rstrip(".").strip("'’")
    if word in _UNIT_STOP or len(word) < 2:
        return None
    return word


def _approx(text: str, start: int) -> bool:
    return bool(_APPROX_BEFORE.search(text[max(0, start - 20) : start]))


def find_figures(
    text: str,
    language: str | None = None,
    *,
    skip: list[tuple[int, int]] | None = None,
    lo: int = 0,
    hi: int | None = None,
) -> list[Figure]:
    """The figures in ``text[lo:hi]`` (offsets into ``text``); ``skip`` spans (date expressions) hold none."""
    hi = len(text) if hi is None else hi
    blocked = skip or []
    out: list[Figure] = []
    for m in _NUMBER.finditer(text, lo, hi):
        start, num_end = m.start("num"), m.end("num")
        if any(s <= start < e for s, e in blocked):
            continue
        if start > 0 and (text[start - 1].isalpha() or text[start - 1] in "-/:"):
            continue  # part of a code, a score or a time ("G7", "6-2", "2:40")
        parsed = _parse_number(m.group("num"), language)
        if parsed is None:
            continue
        value, precision = parsed
        sign = m.group("sign")
        begin = m.start("sign") if sign else start
        if m.group("pct"):
            out.append(
                Figure("percent", value, None, text[begin : m.end()], begin, m.end(), precision, _approx(text, begin))
            )
            continue
        scale, end = _scale_after(text, num_end)
        value, precision = value * scale, precision * scale
        currency = _CURRENCY_SIGNS.get(sign.casefold()) if sign else None
        if currency is None:
            currency, end2 = _currency_after(text, end)
            end = end2 if currency else end
        if currency:
            out.append(
                Figure("money", value, currency, text[begin:end].strip(), begin, end, precision, _approx(text, begin))
            )
            continue
        if scale == 1.0 and precision == 0.5 and 1900 <= value <= 2100 and "." not in m.group("num"):
            continue  # a year
        unit = _counted(text, end)
        if unit is None and scale == 1.0:
            continue  # a bare number (a rank, a page, a clock time) says too little to compare
        out.append(Figure("count", value, unit, text[begin:end].strip(), begin, end, precision, _approx(text, begin)))
    for m in _SPELLED_RE.finditer(text, lo, hi):
        word = m.group(1).casefold()
        if word in _SPELLED_SKIP or any(s <= m.start() < e for s, e in blocked):
            continue
        unit = _counted(text, m.end())
        if unit is None:
            continue
        out.append(
            Figure("count", float(_SPELLED[word]), unit, m.group(1), m.start(), m.end(), 0.5, _approx(text, m.start()))
        )
    out.sort(key=lambda f: (f.start, f.end))
    return out


def same_quantity(a: Figure, b: Figure, *, same_language: bool = True) -> bool:
    """Do ``a`` and ``b`` measure the same kind of thing (so their values may be compared)?

    Money needs the same currency; counts need the same counted noun when both are in one language (across
    languages the noun is a translation and cannot be compared, so only the value can)."""
    if a.kind != b.kind:
        return False
    if a.kind == "money":
        return a.unit == b.unit
    if a.kind == "count" and same_language:
        return a.unit is not None and b.unit is not None and _stem(a.unit) == _stem(b.unit)
    return True


def compatible(a: Figure, b: Figure) -> bool:
    """The two values agree given how precisely each was written (a hedged figure within a tenth)."""
    tol = max(a.precision, b.precision)
    if a.approx or b.approx:
        tol = max(tol, 0.1 * max(abs(a.value), abs(b.value)))
    return abs(a.value - b.value) < tol or (tol > 0 and abs(a.value - b.value) <= tol * 1e-9)


def _stem(word: str) -> str:
    w = word.casefold()
    for suffix in ("ies", "es", "s", "en", "n", "e"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w
