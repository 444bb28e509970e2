"""A person's grammatical gender from a title or first name, so that "she" does not resolve to a man.

Titles (Mr, Mrs, Ms, M., Mme, Herr, Frau, Sr., Sra.) are read first. First names are looked up in
the name dictionary of the optional ``gender-guesser`` package (``pip install gender-guesser==0.4.0``,
about 45,000 names from many countries, offline); without it, only titles count and pronouns
resolve without a gender check.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

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
