"""Proper names by rule, for languages that have no statistical entity recogniser installed.

Works on the tokens and sentences of a blank spaCy pipeline. A proper name is a run of
capitalised words (joined by name particles and hyphens) that is not a stop word; a capitalised
word at the start of a sentence counts only when the text also shows it capitalised elsewhere, or
it opens a run of capitalised words, and never when the text also writes it in lower case. The
type comes from the name and its neighbours: an acronym or an institution word (Ministerio,
Partei, Union) makes an organisation, a role word or title before it, a listed given name or a
surname ending makes a person, a locative preposition before it a place; the rest is "other".
Scripts without letter case (Chinese, Arabic) yield only Latin-script acronyms.
"""

from __future__ import annotations

from typing import Any

from storyweave.names import orgs, titles
from storyweave.names.given import given_class
from storyweave.names.persons import PARTICLES, parse_surname
from storyweave.names.translit import latin, phonetic

__all__ = ["find_proper_names"]

_ORG_CONCEPTS = frozenset(
    [
        "organization",
        "party",
        "union",
        "council",
        "ministry",
        "bank",
        "agency",
        "committee",
        "commission",
        "court",
        "parliament",
        "fund",
        "service",
        "federation",
        "community",
    ]
)
_COMPANY = frozenset(
    ["inc", "inc.", "ltd", "ltd.", "plc", "gmbh", "ag", "sa", "s.a.", "spa", "llc", "corp", "corp.", "co.", "group"]
)
_LOCATIVE = frozenset(
    [
        "in",
        "into",
        "from",
        "at",
        "near",
        "en",
        "à",
        "au",
        "aux",
        "dans",
        "depuis",
        "im",
        "in",
        "nach",
        "aus",
        "bei",
        "a",
        "em",
        "no",
        "na",
        "desde",
        "w",
        "we",
        "v",
        "vo",
    ]
)
#: Languages that capitalise every noun: a capitalised word there is a name only when typed by a rule.
_NOUN_CAPITALISING = frozenset({"de", "lb"})
_JOINERS = PARTICLES | frozenset(["of", "for", "y", "and", "und", "et", "e"])


def _capitalised(tok: Any) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t)


def find_proper_names(doc: Any, lang: str | None) -> list[tuple[int, int, str]]:
    """``(start token, end token, label)`` for the proper names in a blank-pipeline Doc."""
    lower_seen: set[str] = set()
    cap_inside: set[str] = set()
    for tok in doc:
        if tok.is_alpha and tok.text.islower():
            lower_seen.add(tok.text)
        elif _capitalised(tok) and not tok.is_sent_start:
            cap_inside.add(tok.text.casefold())

    def name_word(i: int) -> bool:
        tok = doc[i]
        if not _capitalised(tok):
            return False
        folded = tok.text.casefold()
        if tok.is_stop or folded in titles.HONORIFICS or titles.is_head(folded) or folded in titles.MODIFIERS:
            return False
        if tok.is_sent_start:
            if folded in lower_seen:
                return False
            nxt = i + 1 < len(doc) and _capitalised(doc[i + 1]) and not doc[i + 1].is_stop
            return folded in cap_inside or nxt
        return True

    found: list[tuple[int, int, str]] = []
    i, n = 0, len(doc)
    while i < n:
        if not name_word(i):
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = doc[j]
            if name_word(j) and not doc[j].is_sent_start:
                j += 1
            elif (
                j + 1 < n
                and (tok.text.casefold() in _JOINERS or (tok.text == "-" and not doc[j - 1].whitespace_))
                and name_word(j + 1)
            ):
                j += 2
            else:
                break
        parts = _split_at_given_name(doc, i, j, lang)
        for part, (s, e) in enumerate(parts):
            # the part before a person's name is a modifier of the role ("Президент России"), not a person
            label = _label(doc, s, e, lang, role_before=part == len(parts) - 1)
            if label != "MISC" or (lang or "") not in _NOUN_CAPITALISING:
                found.append((s, e, label))
        i = j
    return found


def _split_at_given_name(doc: Any, start: int, end: int, lang: str | None) -> list[tuple[int, int]]:
    """A run that reaches into a person's name ("России Владимир Путин", "Russlands Wladimir
    Putin") splits before a listed given name that a capitalised word follows."""
    for k in range(start + 1, end - 1):
        if doc[k].text != "-" and given_class(phonetic(latin(doc[k].text, lang))) is not None:
            return [(start, k), (k, end)]
    return [(start, end)]


def _label(doc: Any, start: int, end: int, lang: str | None, *, role_before: bool = True) -> str:
    words = [t.text for t in doc[start:end] if t.text != "-"]
    if len(words) == 1 and orgs.is_acronym(words[0]):
        return "ORG"
    folded = [w.casefold() for w in words]
    if any(w in _COMPANY for w in folded) or any(
        orgs.concept(orgs.content_words(w)[0]) in _ORG_CONCEPTS for w in words if orgs.content_words(w)
    ):
        return "ORG"
    before = [t.text.casefold() for t in doc[max(0, start - 2) : start] if t.text != ","]
    if (
        role_before
        and before
        and (before[-1] in titles.HONORIFICS or titles.is_head(before[-1]))
        and _name_like(folded)
    ):
        return "PER"
    if given_class(phonetic(latin(words[0], lang))) is not None and len(words) >= 2:
        return "PER"
    if 2 <= len(words) <= 3 and parse_surname(words[-1], lang)[1] in {"ov", "sk", "in", "enko", "ich"}:
        return "PER"
    if before and before[-1] in _LOCATIVE:
        return "LOC"
    return "MISC"


def _name_like(words: list[str]) -> bool:
    """One to three words without connectors: the shape of a person's name."""
    return 1 <= len(words) <= 3 and not any(w in _JOINERS - PARTICLES or w in orgs.STOPWORDS for w in words)
