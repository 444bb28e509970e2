"""Person names: given name, surname, gender from morphology, and whether two names can be one person.

String similarity cannot tell Kolesnikova from Kolesnikov or a wife from her husband: the pairs
differ by one ending, less than many spellings of one name differ. Slavic surnames carry the
bearer's gender in their ending (-ov/-ova, -in/-ina, -ski/-ska, -sky/-skaya, adjectival
-oy/-aya); the ungendered classes (-enko/-enka, -vich, -uk) do not. So a surname is parsed into
a *stem*, a *class* and a *gender*, and two names are one person only when the classes agree,
the stems are spellings of one stem (:mod:`storyweave.names.translit`, vowel insertions not
allowed), the genders do not conflict and, when both names carry a given name, the given names
are forms of one name (:mod:`storyweave.names.given`) or spellings of one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyweave.names.given import given_class, given_gender
from storyweave.names.translit import latin, phonetic, same_spelling, skeleton

__all__ = ["PersonName", "given_compatible", "parse_person", "surname_compatible"]

#: Surname endings: (pattern on the English-style romanisation, class, gender).
_SURNAME_RULES: tuple[tuple[re.Pattern[str], str, str | None], ...] = tuple(
    (re.compile(p), cls, g)
    for p, cls, g in (
        (r"^(?P<stem>.{2,}?(?:sk|ck|tsk|zk))(?:aya|aia|aja|a)$", "sk", "f"),
        (r"^(?P<stem>.{2,}?(?:sk|ck|tsk|zk))(?:iy|ii|ij|yi|yy|yj|oy|oi|oj|y|i)$", "sk", "m"),
        (r"^(?P<stem>.{2,}?)(?:yov|iov|ov|ev)a$", "ov", "f"),
        (r"^(?P<stem>.{2,}?)(?:yov|iov|ov|ev)$", "ov", "m"),
        (r"^(?P<stem>.{3,}?)(?:in|yn)a$", "in", "f"),
        (r"^(?P<stem>.{3,}?)(?:in|yn)$", "in", "m"),
        (r"^(?P<stem>.{2,}?)[ae]nk[oa]$", "enko", None),  # Ukrainian -enko, Belarusian -enka/-anka
        (r"^(?P<stem>.{2,}?)(?:aya|aia|aja)$", "adj", "f"),
        (r"^(?P<stem>.{2,}?)(?:oy|oi|oj)$", "adj", "m"),
        (r"^(?P<stem>.{2,}?v)(?:ich|ych|ic)$", "ich", None),
    )
)
_Y_END = re.compile(r"(?<=[^aeiou])(?:yy|iy|yi|ii|ij|yj)$")
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovych|evych|ich|ovna|evna|ivna|ichna|ovic|evic)$")
#: Lower-case words that belong to a surname (de la Cruz, von der Leyen, bin Salman).
PARTICLES = frozenset(
    [
        "de",
        "del",
        "della",
        "der",
        "den",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "la",
        "le",
        "van",
        "von",
        "ter",
        "ten",
        "zu",
        "bin",
        "ibn",
        "al",
        "el",
        "ben",
        "abu",
    ]
)
_INITIAL = re.compile(r"^[^\W\d_]\.?$")


@dataclass(frozen=True)
class PersonName:
    """A person's name taken apart. Phonetic fields are keys, never shown to users."""

    given: str | None
    surname: str | None
    given_key: str | None = None
    given_cls: int | None = None
    initial: str | None = None
    stem: str | None = None
    surname_cls: str = ""
    gender: str | None = None
    gender_strong: bool = False
    #: Blocking key: consonant skeleton of the surname stem and its class.
    block: str | None = None
    #: Other readings of the surname, ``(stem, class)``, and their blocking keys.
    alternates: tuple[tuple[str, str], ...] = ()
    alt_blocks: tuple[str, ...] = ()

    def surnames(self) -> list[tuple[str, str]]:
        """Every reading of the surname, the primary one first."""
        return ([] if self.stem is None else [(self.stem, self.surname_cls)]) + list(self.alternates)

    def blocks(self) -> set[str]:
        return ({self.block} if self.block else set()) | set(self.alt_blocks)


@lru_cache(maxsize=65536)
def parse_surname(word: str, lang: str | None) -> tuple[str, str, str | None]:
    """``(phonetic stem, class, gender)`` of one surname word."""
    return _parse_latin(latin(word, lang))


def surname_readings(word: str, lang: str | None) -> tuple[tuple[str, str], ...]:
    """Other ``(stem, class)`` readings of a surname as the article's language spells it: French
    adds a mute -e to Russian -in (Poutine, Raspoutine), which a French name in -ine also has."""
    lat = latin(word, lang)
    if (lang or "").startswith("fr") and lat.endswith("ine") and len(lat) > 5:
        stem, cls, _ = _parse_latin(lat[:-1])
        return ((stem, cls),)
    return ()


@lru_cache(maxsize=65536)
def _parse_latin(lat: str) -> tuple[str, str, str | None]:
    lat = _Y_END.sub("y", lat)  # -yy, -iy, -yi, -ij: one ending (Navalnyy / Navalny)
    for rx, cls, gender in _SURNAME_RULES:
        m = rx.match(lat)
        if m:
            return phonetic(m.group("stem")), cls, gender
    return phonetic(lat), "", None


@lru_cache(maxsize=65536)
def parse_person(name: str, lang: str | None = None, honorific_gender: str | None = None) -> PersonName:
    """Take a person's name (titles already stripped) apart.

    Western order is assumed (given names first); lower-case particles join the surname. A
    single word is a surname unless it is a listed given name without a surname ending.
    """
    words = [w for w in name.replace("’", "'").split() if w]
    if not words:
        return PersonName(None, None)
    surname_words = [words.pop()]
    while words and words[-1].casefold() in PARTICLES:
        surname_words.insert(0, words.pop())
    given = words[0] if words else None
    patronymic_gender: str | None = None
    if len(words) >= 2 and _PATRONYMIC.search(latin(words[-1], lang)):
        patronymic_gender = "f" if latin(words[-1], lang).endswith("a") else "m"
    surname: str | None = " ".join(surname_words)
    if given is None and len(surname_words) == 1:
        key = phonetic(latin(surname_words[0], lang))
        if given_class(key) is not None and parse_surname(surname_words[0], lang)[1] == "":
            given, surname = surname_words[0], None
    stem: str | None = None
    cls, s_gender = "", None
    if surname is not None:
        stem, cls, s_gender = parse_surname(surname_words[-1], lang)
    given_key = initial = None
    given_cls: int | None = None
    g_gender, g_strong = None, False
    if given is not None:
        if _INITIAL.match(given):
            initial = phonetic(latin(given.rstrip("."), lang))[:1] or None
        else:
            given_key = phonetic(latin(given, lang))
            given_cls = given_class(given_key)
            g_gender, g_strong = given_gender(given_key)
    gender, strong = _gender(honorific_gender, patronymic_gender, g_gender if g_strong else None, s_gender, g_gender)
    block = None if stem is None else _block(stem, cls)
    alternates = () if surname is None else surname_readings(surname_words[-1], lang)
    return PersonName(
        given,
        surname,
        given_key,
        given_cls,
        initial,
        stem,
        cls,
        gender,
        strong,
        block,
        alternates,
        tuple(_block(a, c) for a, c in alternates),
    )


def _block(stem: str, cls: str) -> str:
    return f"p:{skeleton(stem) or stem}/{cls}"


def _gender(
    honorific: str | None, patronymic: str | None, given_strong: str | None, surname: str | None, given_weak: str | None
) -> tuple[str | None, bool]:
    """The most reliable gender signal wins: a title (Mrs), a patronymic, a listed given name,
    then the surname's ending; a final -a on an unlisted given name is only a weak hint."""
    for signal in (honorific, patronymic, given_strong):
        if signal:
            return signal, True
    if surname:
        if given_weak and given_weak != surname:
            return None, False  # a non-Slavic surname that merely looks gendered
        return surname, True
    return given_weak, False


def surname_compatible(a_stem: str, a_cls: str, b_stem: str, b_cls: str) -> bool:
    """Spellings of one surname: the same class and stems that differ only by romanisation."""
    return a_cls == b_cls and same_spelling(a_stem, b_stem, vowel_indel=1.0)


def given_compatible(a: PersonName, b: PersonName) -> bool | None:
    """Whether two given names are forms of one name; None when either name has none."""
    if a.initial or b.initial:
        full = b if a.initial else a
        init = a.initial or b.initial
        if full.given_key is None:
            return (full.initial == init) if full.initial else None
        return full.given_key.startswith(init or "")
    if a.given_key is None or b.given_key is None:
        return None
    if a.given_cls is not None and b.given_cls is not None:
        return a.given_cls == b.given_cls
    return same_spelling(a.given_key, b.given_key, slack=0.12)
