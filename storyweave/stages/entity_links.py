"""Within-article linking for the entities stage: mentions into chains, one per entity of the article.

Full names first (same surname by the rules of :mod:`storyweave.names.persons`, compatible given
names and gender); then one-word names - a surname joins the full name it fits (the one
introduced first when several people share it), whatever type the recogniser gave it; then
organisations, places and the rest by their blocking keys, and acronyms to their expansions
(bracketed, same initials, letters reordered by translation, initials of the start of a longer
name, written inside the name). Later untagged uses of a chain's surname or acronym are added.
Every link records why.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from anyascii import anyascii

from storyweave.names import orgs
from storyweave.names.persons import PersonName, given_compatible, parse_person, surname_compatible
from storyweave.names.places import country_code
from storyweave.names.tokens import Tokens
from storyweave.names.translit import latin, phonetic, skeleton

__all__ = ["TYPE_ORDER", "Draft", "link_chains", "mention_keys", "name_of", "org_keys"]

_POSSESSIVE = ("'s", "’s")


@dataclass
class Draft:
    start_tok: int
    end_tok: int
    label: str
    type: str
    source: str
    role: str | None = None
    honorific: str | None = None
    acronym: str | None = None
    chain: int = -1
    link: str | None = None
    person: PersonName | None = None
    name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


TYPE_ORDER = ("person", "org", "place", "other")
_AMBIGUOUS = Draft(-1, -1, "", "", "")


@lru_cache(maxsize=65536)
def org_keys(name: str, lang: str | None) -> tuple[str, ...]:
    return mention_keys("org", name, lang)


def mention_keys(type_: str, name: str, lang: str | None, person: PersonName | None = None) -> tuple[str, ...]:
    """Blocking keys of a name: ``p:`` surname skeleton/class, ``g:`` a given name alone, ``a:``
    acronyms (own and translated), ``al:`` acronym letters, ``o:`` organisation name, ``c:``
    concept set, ``iso:`` the territory code of a country or continent name in any language,
    ``n:`` phonetic name of places and the rest."""
    if type_ == "person":
        pn = person or parse_person(name, lang)
        if pn.block:
            return (pn.block, *pn.alt_blocks)
        return (f"g:{pn.given_key}",) if pn.given_key else (f"n:{_phon(name, lang)}",)
    if type_ == "org":
        if orgs.is_acronym(name):
            acr = anyascii(name).replace(".", "").upper()  # Cyrillic ОДКБ as ODKB
            return (f"a:{acr}", f"al:{orgs.letter_key(acr)}")
        keys = [f"o:{orgs.name_key(name)}"]
        if len(name.split()) == 1:
            keys.append(f"n:{_phon(name, lang)}")  # a one-word name typed org here may be a place elsewhere
        ck = orgs.concept_key(name)
        if ck:
            keys.append(f"c:{ck}")
        acrs = orgs.acronyms(name)
        keys.extend(f"a:{a}" for a in acrs)
        keys.extend(sorted({f"al:{orgs.letter_key(a)}" for a in acrs}))
        return tuple(dict.fromkeys(keys))
    phon = _phon(name, lang)
    country = country_code(name)
    named = (f"n:{phon}", f"s:{skeleton(phon.replace(' ', ''))}")
    return named if country is None else (f"iso:{country}", *named)


def _phon(name: str, lang: str | None) -> str:
    return " ".join(phonetic(latin(w, lang)) for w in name.split() if latin(w, lang))


def name_of(tk: Tokens, d: Draft) -> str:
    text = tk.span(d.start_tok, d.end_tok)
    for p in _POSSESSIVE:
        if text.endswith(p):
            text = text[: -len(p)]
    return " ".join(text.split())


def link_chains(drafts: list[Draft], tk: Tokens, lang: str) -> None:
    """Group the drafts into chains (sets ``chain`` and ``link``)."""
    drafts.sort(key=lambda d: (d.start_tok, d.end_tok))
    for d in drafts:
        d.name = name_of(tk, d)
    _vote_types(drafts)
    for d in drafts:
        if d.type == "person":
            d.person = parse_person(d.name, lang, d.honorific)
    heads: list[Draft] = []  # the first draft of each chain

    def new_chain(d: Draft) -> None:
        d.chain = len(heads)
        heads.append(d)

    # Pass 1: full names (given name + surname) and repeats of them.
    for d in drafts:
        pn = d.person
        if d.type != "person" or pn is None or pn.stem is None or (pn.given_key is None and pn.initial is None):
            continue
        match = next((h for h in heads if h.person and _same_person(h.person, pn)), None)
        if match is None:
            new_chain(d)
        else:
            d.chain, d.link = match.chain, f"same name as {match.name!r}"
    by_block: dict[str, list[Draft]] = {}
    for h in heads:
        if h.person and h.person.given_key:
            for b in sorted(h.person.blocks()):
                by_block.setdefault(b, []).append(h)
    # Pass 2: one-word names: a surname (whatever type the recogniser gave it) or a given name alone.
    for d in drafts:
        if d.chain >= 0 or (d.type != "person" and (d.end_tok - d.start_tok != 1 or orgs.is_acronym(d.name))):
            continue
        pn = d.person or parse_person(d.name, lang)
        pool = sorted({h.chain: h for b in pn.blocks() for h in by_block.get(b, [])}.values(), key=lambda h: h.chain)
        pool = pool if pn.stem else heads
        full = [h for h in pool if h.person is not None and h.person.given_key and _short_form_of(pn, h.person)]
        if not full:
            if d.type == "person":
                same = next((h for h in heads if h.person and not h.person.given_key and h.name == d.name), None)
                if same is None:
                    new_chain(d)
                else:
                    d.chain, d.link = same.chain, "same name"
            continue
        target = full[0]  # several people share the surname: news style means the one introduced first
        if d.type != "person":
            d.extra["retyped"] = d.type
            d.type, d.person = "person", pn
        why = "surname" if pn.stem else "given name"
        d.chain = target.chain
        d.link = f"{why} of {target.name!r}" + (f" (first introduced of {len(full)})" if len(full) > 1 else "")
    # Organisations, places and the rest: repeats by key; acronyms to their expansion.
    index: dict[str, list[Draft]] = {}
    for d in drafts:
        if d.chain < 0 and d.type != "person":
            _link_name(d, drafts, heads, index, tk, lang, new_chain)
    drafts.extend(_repeats(drafts, heads, tk, lang))


def _repeats(drafts: list[Draft], heads: list[Draft], tk: Tokens, lang: str) -> list[Draft]:
    """Later uses of a chain's surname or acronym that the recogniser did not tag ("Hrabouski
    blamed the drought" after "Aliaksandr Hrabouski, ...")."""
    targets: dict[str, Draft] = {}
    for h in heads:
        if h.type == "person" and h.person and h.person.given_key and h.person.stem:
            word = h.name.split()[-1]
            if word in targets and targets[word].chain != h.chain:
                targets[word] = _AMBIGUOUS
            else:
                targets.setdefault(word, h)
    for d in drafts:
        if d.type == "org" and d.chain >= 0 and orgs.is_acronym(d.name):
            targets.setdefault(d.name, heads[d.chain])
    targets = {w: t for w, t in targets.items() if t is not _AMBIGUOUS}
    if not targets:
        return []
    covered = {i for d in drafts for i in range(d.start_tok, d.end_tok)}
    first = {h.chain: h.start_tok for h in heads}
    out = []
    rx = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(targets, key=len, reverse=True)) + r")\b")
    for m in rx.finditer(tk.source):
        t = targets[m.group()]
        i = tk.token_at(m.start(), m.end())
        if i is None or i in covered or i < first[t.chain]:
            continue
        if (i > 0 and tk.capitalised(i - 1) and not tk.starts_sentence(i)) or (
            i + 1 < len(tk) and tk.capitalised(i + 1)
        ):
            continue  # part of a longer name ("Davis Cup" is not a repeat of a surname "Cup")
        d = Draft(i, i + 1, t.label, t.type, "repeat", chain=t.chain, name=tk.text[i])
        d.link = f"repeats {'the surname' if t.type == 'person' else 'the acronym'} of {t.name!r} (untagged)"
        if t.type == "person":
            d.person = parse_person(tk.text[i], lang)
        out.append(d)
    return out


def _vote_types(drafts: list[Draft]) -> None:
    """One surface name, one type within an article: the recogniser's majority (a small model
    calls "Belarus" a place six times and a person once)."""
    votes: dict[str, Counter[str]] = {}
    for d in drafts:
        votes.setdefault(d.name.casefold(), Counter())[d.type] += 1
    for d in drafts:
        v = votes[d.name.casefold()]
        if len(v) > 1:
            best = min(v, key=lambda t: (-v[t], TYPE_ORDER.index(t)))
            if best != d.type:
                d.extra["retyped"], d.type = d.type, best


def _same_person(a: PersonName, b: PersonName) -> bool:
    if not a.blocks() & b.blocks():  # the resolver's blocking keys: compare like it does
        return False
    if not any(surname_compatible(*x, *y) for x in a.surnames() for y in b.surnames()):
        return False
    if a.gender_strong and b.gender_strong and a.gender != b.gender:
        return False
    return given_compatible(a, b) is not False


def _short_form_of(short: PersonName, full: PersonName) -> bool:
    if short.stem is not None:
        return _same_person(short, full)
    if short.given_key is not None:
        return given_compatible(short, full) is True
    return False


def _keys(d: Draft, lang: str) -> set[str]:
    if "keys" not in d.extra:
        base = org_keys(d.name, lang) if d.type == "org" else mention_keys(d.type, d.name, lang)
        d.extra["keys"] = set(base)
    keys: set[str] = d.extra["keys"]
    return keys


def _link_name(
    d: Draft,
    drafts: list[Draft],
    heads: list[Draft],
    index: dict[str, list[Draft]],
    tk: Tokens,
    lang: str,
    new_chain: Any,
) -> None:
    """Join an organisation, place or other name to an earlier chain sharing a key, or start one."""
    keys = _keys(d, lang)
    is_acr = d.type == "org" and orgs.is_acronym(d.name)
    if d.link == "bracketed acronym":
        prev = next(
            (h for h in reversed(drafts) if h.type == "org" and h.end_tok <= d.start_tok and h.chain >= 0), None
        )
        if prev is not None and prev.end_tok >= d.start_tok - 1:
            d.chain, d.link = prev.chain, f"bracketed acronym of {prev.name!r}"
            _register(index, heads[prev.chain], keys, lang)
            heads[prev.chain].acronym = d.name
            return
        d.link = None
    sharing = sorted({h.chain for k in keys for h in index.get(k, ())})
    for h in (heads[c] for c in sharing):
        if h.type == "person" or (h.type != d.type and not {d.type, h.type} <= {"org", "place", "other"}):
            continue
        shared = keys & _keys(h, lang)
        exact = {k for k in shared if not k.startswith("al:")}
        if exact and (h.type == d.type or any(k.startswith("n:") for k in exact)):
            d.chain, d.link = h.chain, f"same {'acronym' if is_acr else 'name'} as {h.name!r}"
            return
        if d.type == "org" and h.type == "org" and shared and (is_acr or orgs.is_acronym(h.name)):
            d.chain, d.link = h.chain, f"acronym letters of {h.name!r} reordered (a translated acronym)"
            return
    if is_acr:
        acr = d.name.replace(".", "").upper()
        for h in list(heads):
            if h.type != "org" or orgs.is_acronym(h.name) or len(acr) < 2:
                continue
            if d.name in h.name.split():
                d.chain, d.link = h.chain, f"acronym within {h.name!r}"
                return
            ini = orgs.initials(h.name)
            if ini.startswith(acr) and len(ini) > len(acr):
                sub = _prefix_draft(h, len(acr), tk)
                if sub is not None:
                    drafts.append(sub)
                    new_chain(sub)
                    _register(index, sub, set(), lang)
                    d.chain, d.link = sub.chain, f"initials of {sub.name!r}, the start of {h.name!r}"
                    _register(index, sub, keys, lang)
                    return
    new_chain(d)
    _register(index, d, set(), lang)


def _register(index: dict[str, list[Draft]], head: Draft, extra: set[str], lang: str) -> None:
    """Index a chain head under its keys (and ``extra`` keys it gained) for later drafts to find."""
    keys = _keys(head, lang)
    keys.update(extra)
    for k in keys:
        bucket = index.setdefault(k, [])
        if head not in bucket:
            bucket.append(head)


def _prefix_draft(h: Draft, words: int, tk: Tokens) -> Draft | None:
    """The leading part of an organisation's name that forms ``words`` initials ("Shanghai
    Cooperation Organisation" inside "Shanghai Cooperation Organisation Heads of State Council")."""
    count = 0
    for k in range(h.start_tok, h.end_tok):
        if orgs.content_words(tk.text[k]):
            count += 1
        if count == words:
            sub = Draft(h.start_tok, k + 1, h.label, "org", h.source, link=None)
            sub.name = " ".join(tk.span(h.start_tok, k + 1).split())
            sub.extra["derived"] = h.name
            return sub
    return None
