"""Transliteration-aware spelling keys for names.

One person's name reaches the news through different romanisation systems: BGN/PCGN and ICAO
passport spellings, Belarusian Łacinka, Ukrainian national romanisation, and the press conventions
of each language (German writes Russian ш as *sch* and в as *w*, French у as *ou*, Spanish х as
*j*, Polish ч as *cz*). Belarusian and Ukrainian forms of a name differ from the Russian form in
regular ways: akanye (unstressed о written а: -enko/-enka), tsekanne and dzekanne (ць, дз for
Russian ть, д), ў for в after a vowel, г as *h*. Three steps bring the spellings together:

1. :func:`latin` - any script to one English-style romanisation: the article language's press
   conventions (or the Slavic Latin orthographies, recognised by their diacritics), then
   ``anyascii`` for Cyrillic and every other script, then ў after a vowel as *v*.
2. :func:`phonetic` - collapse what romanisation systems spell differently: digraphs to one
   symbol, iotated vowels, -iy/-yi/-y endings, *h* for *g*, double letters.
3. :func:`distance` - a weighted edit distance over phonetic strings in which the East Slavic
   alternations cost little and every other edit costs one.

:func:`skeleton` (consonants only) is the coarse blocking key built on top.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from anyascii import anyascii

__all__ = ["distance", "latin", "phonetic", "same_spelling", "skeleton"]


def _table(mapping: dict[str, str]) -> Callable[[str], str]:
    """One left-to-right pass that replaces the longest listed sequence at each position (no re-scans)."""
    rx = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    return lambda s: rx.sub(lambda m: mapping[m.group()], s)


#: Slavic Latin orthographies (Polish, Czech, Slovak, Croatian, Belarusian Łacinka) to English style.
_SLAVIC = _table(
    {
        "szcz": "shch",
        "sz": "sh",
        "cz": "ch",
        "rz": "zh",
        "dž": "dzh",
        "dź": "dzh",
        "ch": "kh",
        "c": "ts",
        "j": "y",
        "w": "v",
        "č": "ch",
        "ć": "ch",
        "š": "sh",
        "ś": "sh",
        "ž": "zh",
        "ź": "zh",
        "ż": "zh",
        "ł": "l",
        "ŭ": "u",
        "ř": "rzh",
        "ě": "ye",
        "ó": "u",
        "ą": "on",
        "ę": "en",
    }
)
_SLAVIC_MARKS = frozenset("čćšśžźżłŭřěąęń")

#: Press conventions for Russian/Ukrainian/Belarusian names per article language.
_CONVENTIONS: dict[str, Callable[[str], str]] = {
    "de": _table({"tsch": "ch", "dsch": "dzh", "sch": "sh", "ch": "kh", "w": "v", "j": "y", "z": "ts", "ß": "s"}),
    "fr": _table({"tch": "ch", "dj": "dzh", "ch": "sh", "ou": "u", "j": "zh", "ï": "i", "gue": "ge", "gui": "gi"}),
    "es": _table({"j": "kh", "ñ": "ny", "gue": "ge", "gui": "gi"}),
    "nl": _table({"tsj": "ch", "sj": "sh", "ch": "kh", "oe": "u", "j": "y", "w": "v"}),
    "pl": _SLAVIC,
    "cs": _SLAVIC,
    "sk": _SLAVIC,
    "hr": _SLAVIC,
    "sl": _SLAVIC,
}

_VOWELS = "aeiouy"
_GLIDE_U = re.compile(r"(?<=[aeo])u(?=[^aeiouy]|$)")  # Belarusian ў after a vowel: -ouskaya ~ -ovskaya
_NONLETTER = re.compile(r"[^a-z]+")


@lru_cache(maxsize=65536)
def latin(word: str, lang: str | None = None) -> str:
    """``word`` in lower-case English-style romanisation, letters only.

    The article language's conventions apply to Latin-script words; a word written with the
    diacritics of a Slavic Latin orthography (č, ł, ŭ ...) is read by those rules whatever the
    article language. Cyrillic (and any other script) goes through ``anyascii``.
    """
    w = word.casefold()
    if _SLAVIC_MARKS.intersection(w):
        w = _SLAVIC(w)
    else:
        convention = _CONVENTIONS.get((lang or "").split("-")[0])
        if convention is not None:
            w = convention(w)
    w = _NONLETTER.sub("", anyascii(w).casefold())
    return _GLIDE_U.sub("v", w)


_DIGRAPHS = _table(
    {
        "shch": "S",
        "sch": "S",
        "sh": "S",
        "zh": "Z",
        "kh": "X",
        "tch": "C",
        "ch": "C",
        "dzh": "J",
        "dj": "J",
        "dz": "D",
        "ts": "T",
        "tz": "T",
        "cz": "C",
        "th": "t",
        "ph": "f",
        "ck": "k",
        "gh": "g",
        "x": "ks",
        "w": "v",
        "q": "k",
    }
)
_C_SOFT = re.compile(r"c(?=[eiy])")
_J_GLIDE = re.compile(r"(?<=[aeiou])j(?![aeiou])")
_IY = re.compile(r"[iy][iyj]|[iy]$")
_GLIDE_VOWEL = re.compile(r"[iy](?=[aeou])")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def phonetic(lat: str) -> str:
    """The phonetic form of an English-style romanisation (see :func:`latin`).

    Upper-case letters stand for one sound each: S ш/щ, Z ж, X х, C ч, J дж, D дз, T ц.
    """
    s = _DIGRAPHS(lat)
    s = _C_SOFT.sub("s", s).replace("c", "k")
    s = s.replace("h", "g")  # Ukrainian/Belarusian г is romanised h
    s = _J_GLIDE.sub("i", s).replace("j", "J")
    s = s.replace("ey", "ei")
    s = _IY.sub("i", s)
    s = _GLIDE_VOWEL.sub("", s)  # iotated vowels: ya/ia/ja -> a, ye/ie -> e, yu -> u
    s = s.replace("y", "i")
    return _DOUBLE.sub(r"\1", s)


_COARSE = str.maketrans({"T": "t", "D": "d", "z": "s", "Z": "S", "f": "v"})


def skeleton(phon: str) -> str:
    """Consonants only, with the cheap alternations merged: the coarse blocking key."""
    s = "".join(ch for ch in phon if ch not in _VOWELS).translate(_COARSE)
    return _DOUBLE.sub(r"\1", s)


# Substitution costs of the alternations that separate spellings of one name.
_PAIRS: dict[frozenset[str], float] = {
    frozenset("ao"): 0.3,  # akanye: Lukashenko / Lukashenka
    frozenset("ae"): 0.4,  # я / е: Sviatlana / Svetlana
    frozenset("ei"): 0.4,
    frozenset("eo"): 0.4,  # ё / е: Gorbachev / Gorbachov
    frozenset("ou"): 0.5,
    frozenset("Tt"): 0.3,  # tsekanne: ць / ть
    frozenset("Dd"): 0.3,  # dzekanne: дз / д
    frozenset("gX"): 0.5,
    frozenset("kX"): 0.5,
    frozenset("sz"): 0.5,  # German s for з
    frozenset("SZ"): 0.6,
    frozenset("vf"): 0.5,
    frozenset("uv"): 0.3,  # ў
    frozenset("CT"): 0.6,
}


def _sub(a: str, b: str) -> float:
    if a == b:
        return 0.0
    cost = _PAIRS.get(frozenset((a, b)))
    if cost is not None:
        return cost
    return 1.0


def _indel(ch: str, vowel_cost: float) -> float:
    return vowel_cost if ch in _VOWELS else (0.6 if ch == "v" else 1.0)


@lru_cache(maxsize=65536)
def distance(a: str, b: str, vowel_indel: float = 0.5) -> float:
    """Weighted edit distance between two phonetic strings (0 = the same spelling).

    ``vowel_indel`` is the cost of a vowel written in one spelling and not the other: cheap for
    given names (Alexandr / Alexander), a full edit for surnames (Dmitriev / Dmitrov differ).
    """
    if a == b:
        return 0.0
    prev = [0.0]
    for ch in b:
        prev.append(prev[-1] + _indel(ch, vowel_indel))
    for ca in a:
        cost_a = _indel(ca, vowel_indel)
        cur = [prev[0] + cost_a]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + cost_a, cur[j - 1] + _indel(cb, vowel_indel), prev[j - 1] + _sub(ca, cb)))
        prev = cur
    return prev[-1]


def same_spelling(a: str, b: str, *, slack: float = 0.1, vowel_indel: float = 0.5) -> bool:
    """Whether two phonetic strings are spellings of one name: only cheap alternations (their sum
    below one full edit), and no more than ``slack`` per letter beyond the first."""
    if a == b:
        return True
    d = distance(a, b, vowel_indel)
    return d < 1.0 and d <= slack * max(len(a), len(b)) + 0.31
