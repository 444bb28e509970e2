"""A person's grammatical gender from a title, a role word or the name, so that "she" does not resolve to a man.

In order of trust: a title (Mr, Mrs, Ms, M., Mme, Herr, Frau, Sr., Sra.); a gendered role word
next to the name ("chairwoman", "spokesman", "Sprecherin", "présidente"); the name as the names
stage reads it (:func:`storyweave.names.persons.parse_person`: a listed East Slavic given name,
a patronymic, a gendered Slavic surname ending); last, the name dictionary of the optional
``gender-guesser`` package (``pip install gender-guesser==0.4.0``, about 45,000 first names from
many countries, offline). Without any of these a pronoun resolves without a gender check.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from storyweave.quoting.lexicon import word_list

_TITLES = {
    "mr": "m", "mr.": "m", "m.": "m", "herr": "m", "sr": "m", "sr.": "m", "monsieur": "m", "señor": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "mme": "f", "mme.": "f", "madame": "f", "frau": "f",
    "sra": "f", "sra.": "f", "señora": "f", "mlle": "f",
}  # fmt: skip


@lru_cache(maxsize=1)
def _detector() -> Any:
    try:
        import gender_guesser.detector as gd
    except ImportError:
        return None
    return gd.Detector(case_sensitive=False)


#: Role and kinship words that carry their bearer's gender (English, French, German, Spanish).
_ROLE_GENDER: dict[str, str] = {
    **dict.fromkeys(
        word_list(
            """
            chairwoman spokeswoman congresswoman businesswoman councilwoman stateswoman policewoman sportswoman
            actress widow wife mother daughter sister grandmother queen princess duchess empress baroness countess
            présidente directrice ministerin präsidentin kanzlerin sprecherin kandidatin vorsitzende chefin
            bürgermeisterin abgeordnete presidenta ministra candidata diputada alcaldesa
            """
        ),
        "f",
    ),
    **dict.fromkeys(
        word_list(
            """
            chairman spokesman congressman businessman councilman statesman policeman sportsman widower husband
            father brother grandfather king prince duke emperor baron kanzler sprecher kandidat bürgermeister
            """
        ),
        "m",
    ),
}


def role_gender(words: set[str] | list[str]) -> str | None:
    """``m``/``f`` when the role words of a name agree on a gender ("chairwoman"), else None."""
    found = {g for w in words if (g := _ROLE_GENDER.get(w))}
    return found.pop() if len(found) == 1 else None


def names_gender(name: str, language: str | None) -> str | None:
    """``m``/``f`` from the names stage's reading of a full name (given-name table, patronymic, surname
    ending), only when that reading is a strong one."""
    from storyweave.names.persons import parse_person

    parsed = parse_person(name, language)
    return parsed.gender if parsed.gender_strong else None


def title_gender(title: str) -> str | None:
    """``m``/``f`` for an honorific, else None."""
    return _TITLES.get(title.casefold())


def name_gender(first_name: str) -> str | None:
    """``m``/``f`` when the dictionary is sure (or mostly sure) of a first name, else None."""
    det = _detector()
    if det is None or not first_name[:1].isalpha():
        return None
    verdict = det.get_gender(first_name)
    if verdict in ("male", "mostly_male"):
        return "m"
    if verdict in ("female", "mostly_female"):
        return "f"
    return None
