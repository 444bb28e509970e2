"""Bylines: the persons in a credit, apart from their roles, affiliations and news agencies.

A byline as pages give it mixes several things: ``Jane Doe, Senior Fellow, Europe Programme``,
``Jane Doe; Chief Reporter``, ``Par Jeanne Roux (Lyon, envoyée spéciale)``, ``Nordwire``,
``Jane Doe and NTB``. :func:`split_byline` keeps the persons and hands back the rest so that
callers can record it (as evidence) or move agencies to the ``agencies`` field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from storyweave.extraction import agencies as ag

__all__ = ["ROLE_WORDS", "BylineParts", "is_person", "split_byline"]

ROLE_WORDS = re.compile(
    r"\b(?:fellow|correspondent|writer|editor|reporter|journalist|analyst|columnist|contributor|professor|"
    r"researcher|director|author|chief|bureau|producer|staff|senior|associate|lecturer|expert|"
    r"correspondant|correspondante|journaliste|rédacteur|rédactrice|envoyé|envoyée|korrespondent|korrespondentin|"
    r"redakteur|redakteurin|autor|autorin|corresponsal|periodista|redactor|redactora|enviado|enviada)\b",
    re.IGNORECASE,
)
#: Words of organisations and units: a part with one is an affiliation, not a person.
_ORG_WORDS = re.compile(
    r"\b(?:programme|program|institute|institut|university|université|universität|universidad|centre|center|"
    r"zentrum|department|council|ministry|foundation|stiftung|fundación|school|college|group|society|"
    r"association|office|service|commission|committee|project|initiative|lab|laboratory|network|unit|desk|"
    r"fund|trust|forum|academy|hospital|magazine|newspaper|times|post|herald|tribune|journal|gazette|daily)\b",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÝĀ-Ž][\w'’.-]*|de|da|di|del|della|van|von|der|den|le|la|bin|al|el|y|dos|das)$")
_CREDIT_WORD = re.compile(r"^(?:by|par|von|por|de|written|words|text|texte|texto)$", re.IGNORECASE)
_PARENS = re.compile(r"\s*\([^()]*\)")
_SPLIT = re.compile(r"\s*(?:,|;|\||/|•|·|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")


def is_person(text: str) -> bool:
    """Whether ``text`` has the shape of a person's name ("Dr Jane Doe", "Ana de la Vega")."""
    text = text.strip(" ,.;:")
    toks = text.split()
    if not 2 <= len(toks) <= 5 or len(text) > 60 or any(c.isdigit() for c in text):
        return False
    if not all(_NAME_TOKEN.match(t) for t in toks) or not toks[0][:1].isupper() or _CREDIT_WORD.match(toks[0]):
        return False
    if any(len(t) >= 2 and t.isupper() for t in toks):  # "By NTB", "Jane DOE NEWS": not a plain name
        return False
    if text.isupper() or ROLE_WORDS.search(text) or _ORG_WORDS.search(text) or ag.AGENCY_WORDS.search(text):
        return False
    return ag.AGENCY.search(text) is None


@dataclass
class BylineParts:
    persons: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    #: roles, affiliations and anything else that is neither a person nor an agency
    other: list[str] = field(default_factory=list)


def split_byline(value: str, is_agency: Callable[[str], bool] | None = None) -> BylineParts:
    """Split a byline into persons, agencies (by ``is_agency``) and the rest (roles, affiliations)."""
    out = BylineParts()
    other = [m.group(0).strip(" ()") for m in _PARENS.finditer(value)]
    for part in _SPLIT.split(_PARENS.sub(" ", value)):
        part = " ".join(part.split()).strip(" ,.;:-–—")
        if not part:
            continue
        if is_agency is not None and is_agency(part):
            out.agencies.append(part)
        elif is_person(part):
            out.persons.append(part)
        else:
            other.append(part)
    out.other = [o for o in other if o]
    return out
