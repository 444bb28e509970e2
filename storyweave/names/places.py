"""Country and continent names in the languages storyweave reads, from the Unicode CLDR (via Babel).

``country_code("Biélorussie")``, ``country_code("Belarus")`` and ``country_code("Weißrussland")`` are
all ``"BY"``: the entities stage types such a name as a place whatever the recogniser said ("Sri Lanka"
as a person, "Tajikistan" as a nationality), and the resolver links a country's names across languages
by its code, which spelling alone cannot do (Allemagne / Germany / Deutschland).

The names are CLDR's display names of territories, the forms a language's press uses ("Russie", not
ISO's "Russie, Fédération de"), plus a few English short forms CLDR lists only as variants. A name
that means two territories in different languages is left out rather than guessed.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["LANGUAGES", "PLACE_NOUNS", "after_place_noun", "city_code", "country_code", "demonym_of"]

#: Languages whose territory names are loaded (the languages of the pinned NLP models and the demo corpus,
#: and their neighbours in European news).
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "pl")
#: Territory codes that are not places (organisations, pseudo-regions).
_NOT_PLACES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
#: Continents and large regions (UN M49 codes) that are places too.
_REGIONS = frozenset({"002", "005", "009", "019", "142", "150", "419"})
#: Common English short forms that CLDR keeps as alternates.
_ALIASES = {
    "U.S.": "US",
    "USA": "US",
    "U.S.A.": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "Czech Republic": "CZ",
    "Burma": "MM",
    "Holland": "NL",
    "Turkey": "TR",
}


def _fold(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from babel import Locale

    seen: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if code in _NOT_PLACES or not ((len(code) == 2 and code.isalpha()) or code in _REGIONS):
                continue
            seen.setdefault(_fold(name), set()).add(code)
    for name, code in _ALIASES.items():
        seen.setdefault(_fold(name), set()).add(code)
    return {name: next(iter(codes)) for name, codes in seen.items() if len(codes) == 1}


def country_code(name: str) -> str | None:
    """The CLDR territory code of a country or continent name in any loaded language, else None."""
    if not name or len(name) > 60:
        return None
    return _table().get(_fold(name))


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """City name (folded, in any loaded language) -> the territory code of its country.

    The cities are CLDR's time-zone exemplar cities (about 450: most capitals and the largest cities
    of each time zone, "Minsk", "Moscou", "Kyiv"), with the names each language gives them; a name
    that is also a territory's, or that names cities of two countries, is left out.
    """
    from babel import Locale
    from babel.core import get_global

    countries = _table()
    zones = [(z, c) for z, c in get_global("zone_territories").items() if "/" in z and not z.startswith("Etc/")]
    seen: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        names = Locale(lang).time_zones
        for zone, code in zones:
            city = (names.get(zone) or {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
            if _fold(city) not in countries:
                seen.setdefault(_fold(city), set()).add(code)
    return {name: next(iter(codes)) for name, codes in seen.items() if len(codes) == 1}


def city_code(name: str) -> str | None:
    """The territory code of the country of a major city (CLDR time-zone cities), else None."""
    if not name or len(name) > 40:
        return None
    return _cities().get(_fold(name))


#: English demonym endings: Russia-n, Varenia-ns, Belarus-ian, Ukrain(e)-ian, Chin(a)-ese, Pol(and)-ish.
_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "is", "i", "s")
#: What a place name may end in that its demonym drops (Ukrain-e, Chin-a, Argentin-a).
_PLACE_TAILS = ("", "a", "e", "ia", "o", "y", "and")


def demonym_of(word: str, places: set[str]) -> str | None:
    """The place an English nationality word stands for ("Varenians" -> "Varenia", "Ukrainian" ->
    "Ukraine"): a country name (CLDR) or one of ``places`` (folded names of the article's places), else
    None. Only one word of six letters or more, capitalised, is read."""
    if " " in word or len(word) < 6 or not word[:1].isupper():
        return None
    low = _fold(word)
    for ending in _DEMONYM_ENDINGS:
        if not low.endswith(ending) or len(low) - len(ending) < 3:
            continue
        stem = low[: -len(ending)]
        for tail in _PLACE_TAILS:
            name = stem + tail
            if name in places or (name in _table() and len(name) > 3):
                return name
    return None


_PLACE_NOUN_WORDS = """
region province city town village district peninsula island islands county oblast canton enclave territory
republic capital port région ville péninsule île territoire république capitale región provincia ciudad
península isla territorio república provinz stadt dorf halbinsel insel hauptstadt republik
"""
#: Nouns of kinds of places that name the place after "of" / "de" / "von" ("the region of X").
PLACE_NOUNS = frozenset(_PLACE_NOUN_WORDS.split())
_OF = frozenset({"of", "de", "du", "d'", "d’", "von", "der"})


def after_place_noun(lower: list[str], start: int) -> bool:
    """Does the name at token ``start`` (of lower-cased tokens ``lower``) follow a kind-of-place noun and its
    "of" ("the breakaway region of X", "la péninsule de X")?"""
    return start >= 2 and lower[start - 1] in _OF and lower[start - 2] in PLACE_NOUNS


def warm_up() -> None:
    """Load the tables (before worker processes fork, so they share them)."""
    _table()
    _cities()
