"""Entities stage: the named entities of one article, cleaned, typed, with roles, linked within the article.

Input is an :class:`~storyweave.models.Article` and, normally, the spaCy Doc the pipeline already
parsed for it (parsed once, shared with the quotes stage). Entity spans come from the pipeline's
statistical recogniser; for a language without one (``has_ner`` False: a blank pipeline) from
the rule-based finder in :mod:`storyweave.names.propernames`.

Each span is cleaned (leading determiners, possessives, a bracketed acronym split off as its own
mention) and, for people, titles and roles are cut off the name and kept as ``role``
("Russian Foreign Minister Sergei Lavrov" -> name "Sergei Lavrov", role "Russian Foreign
Minister"). Mentions are then linked into *chains*, one per entity of the article
(:mod:`storyweave.stages.entity_links`): a surname after the full name ("Putin" after "Vladimir
Putin"), an acronym after its expansion, repeated names; a one-word mention that the recogniser
typed wrongly ("Siluanov" as ORG after "Anton Siluanov") takes the type of the chain it links
to. Every link says why.
The cross-article resolver (:mod:`storyweave.stages.canonical`) works on these chains.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from storyweave.models import Article
from storyweave.names import orgs
from storyweave.names.persons import parse_person
from storyweave.names.places import after_place_noun, city_code, country_code, demonym_of
from storyweave.names.propernames import find_proper_names
from storyweave.names.roles import role_after, role_before, strip_titles
from storyweave.names.titles import DETERMINERS, MODIFIERS, is_head
from storyweave.names.tokens import Tokens
from storyweave.stages.entity_links import TYPE_ORDER, Draft, link_chains, mention_keys, org_keys

__all__ = ["TYPE_OF_LABEL", "ArticleEntities", "Chain", "EntitiesStage", "Mention", "mention_keys"]

#: spaCy labels (OntoNotes for English, WikiNER for French and others) -> our four types.
#: Dates, times, money, quantities and numbers are not named entities and are dropped.
TYPE_OF_LABEL: dict[str, str] = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "other",
    "EVENT": "other",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
    "LAW": "other",
    "LANGUAGE": "other",
    "MISC": "other",
}
_POSSESSIVE = ("'s", "’s", "'", "’")
_ACRONYM_CANDIDATE = re.compile(r"(?<![\w.])[A-ZА-ЯЁІЇЄҐЎ][\w.&]{1,9}(?![\w])")
_BRACKETED = re.compile(r"\(\s*([^\W\d_][\w.&]{1,9})\s*\)")
_EN_VERBISH = ("ing", "ed", "ly")


@dataclass(frozen=True)
class Mention:
    """One entity mention: where it is, what it is, the name without titles, the keys to resolve it by."""

    text: str
    start: int
    end: int
    type: str
    label: str
    name: str
    role: str | None
    key: str
    keys: tuple[str, ...]
    gender: str | None = None
    gender_strong: bool = False
    given: str | None = None
    surname: str | None = None
    acronym: str | None = None
    chain: int = -1
    link: str | None = None
    source: str = "ner"


@dataclass(frozen=True)
class Chain:
    """One entity within an article: its mentions (indices into ``ArticleEntities.mentions``)."""

    index: int
    type: str
    name: str
    mentions: tuple[int, ...]


@dataclass(frozen=True)
class ArticleEntities:
    """The stage's output for one article."""

    article_id: str
    language: str | None
    outlet: str | None
    published: str | None
    mentions: tuple[Mention, ...]
    chains: tuple[Chain, ...]
    seconds: float = 0.0

    def chain_mentions(self, chain: Chain) -> list[Mention]:
        return [self.mentions[i] for i in chain.mentions]


class EntitiesStage:
    """Named entities per article (see the module docstring)."""

    name = "entities"
    requires = ("text", "language")
    assigns = ("entities",)

    def __call__(self, article: Article, doc: Any = None) -> ArticleEntities:
        if doc is None:
            doc = _nlp_for(article)(article.text)
        return self._analyse(article, doc)

    def pipe(self, articles: Iterable[Article], docs: Iterable[Any] | None = None) -> Iterator[ArticleEntities]:
        """One result per article, in order; parses by language when no Docs are given."""
        arts = list(articles)
        if docs is None:
            docs = _parse_all(arts)
        for article, doc in zip(arts, docs, strict=True):
            yield self._analyse(article, doc)

    def _analyse(self, article: Article, doc: Any) -> ArticleEntities:
        t0 = time.perf_counter()
        lang = _language(article)
        tk = Tokens(doc, article.text)  # the Doc was parsed from the article text: offsets agree
        drafts = _drafts(doc, tk, lang)
        link_chains(drafts, tk, lang)
        mentions, chains = _finish(drafts, tk, lang)
        return ArticleEntities(
            article_id=article.id,
            language=lang,
            outlet=None if article.value("outlet") is None else str(article.value("outlet")),
            published=article.published,
            mentions=mentions,
            chains=chains,
            seconds=time.perf_counter() - t0,
        )


def _language(article: Article) -> str:
    return str(article.value("language") or "en").split("-")[0].casefold() or "en"


def _nlp_for(article: Article) -> Any:
    from storyweave.backends.nlp import get_nlp

    return get_nlp(_language(article))


def _parse_all(articles: Sequence[Article]) -> list[Any]:
    from storyweave.backends.nlp import get_nlp

    docs: list[Any] = [None] * len(articles)
    by_lang: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        by_lang.setdefault(_language(a), []).append(i)
    for lang in sorted(by_lang):
        idx = by_lang[lang]
        for i, d in zip(idx, get_nlp(lang).pipe([articles[i].text for i in idx]), strict=True):
            docs[i] = d
    return docs


def _drafts(doc: Any, tk: Tokens, lang: str) -> list[Draft]:
    """Cleaned entity spans with roles, before linking."""
    if doc.has_annotation("ENT_IOB"):
        raw = [(e.start, e.end, e.label_, "ner") for e in doc.ents]
    else:
        raw = [(s, e, lab, "rules") for s, e, lab in find_proper_names(doc, lang)]
    raw = _with_acronyms(tk, _with_definitions(tk, raw))
    drafts: list[Draft] = []
    for s, e, label, source in raw:
        typ = TYPE_OF_LABEL.get(label)
        if typ is None:
            continue
        drafts.extend(_clean(tk, s, e, label, typ, source, lang))
    drafts = list({(d.start_tok, d.end_tok): d for d in reversed(drafts)}.values())[::-1]
    taken = {i for d in drafts if d.type == "person" for i in range(d.start_tok, d.end_tok)}
    for d in drafts:
        if d.type != "person":
            continue
        first, before = role_before(tk, d.start_tok, lang, taken - set(range(d.start_tok, d.end_tok)))
        parts = [p for p in (before, d.role, role_after(tk, d.end_tok)) if p]
        d.role = " ".join(dict.fromkeys(parts)) or None
        d.extra["role_start"] = first
    # A role word tagged as an organisation ("Russian Defence Minister": ORG "Defence") is part of a role.
    role_tokens = {
        i for d in drafts if d.type == "person" and d.role for i in range(d.extra["role_start"], d.start_tok)
    }
    return [d for d in drafts if d.type == "person" or not set(range(d.start_tok, d.end_tok)) & role_tokens]


def _with_acronyms(tk: Tokens, raw: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Acronyms of three letters or more that the recogniser left untagged (a small model misses
    most acronyms it has not seen): organisations until other evidence types them. A word in an
    all-capitals line (a shouted headline) is not an acronym."""
    covered = {i for s, e, _, _ in raw for i in range(s, e)}
    out = list(raw)
    for m in _ACRONYM_CANDIDATE.finditer(tk.source):
        if not orgs.is_acronym(m.group()):
            continue
        i = tk.token_at(m.start(), m.end())
        if i is None or i in covered:
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(tk) and tk.alpha[j]]
        if near and all(tk.upper[j] for j in near):
            continue
        out.append((i, i + 1, "ORG", "acronym"))
    return sorted(out)


def _with_definitions(tk: Tokens, raw: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Acronym definitions, "Full Name of Something (FNS)": the words before the bracket whose
    initials spell the acronym become one organisation span (the recogniser often cuts such a
    name in two or misses the acronym), replacing the spans inside it; the acronym is added."""
    out = list(raw)
    for m in _BRACKETED.finditer(tk.source):
        if not orgs.is_acronym(m.group(1)):
            continue
        k = tk.token_at(m.start(), m.start() + 1)
        if k is None or k < 1 or k + 2 >= len(tk) or tk.text[k + 2] != ")":
            continue
        acr = tk.text[k + 1].replace(".", "").upper()
        for start in range(k - 1, max(tk.sent_start(k), k - 3 * len(acr)) - 1, -1):
            words = tk.span(start, k)
            if not tk.capitalised(start):
                continue
            ini = orgs.initials(words)
            if ini == acr:
                out = [r for r in out if r[1] <= start or r[0] >= k]
                out.append((start, k, "ORG", "definition"))
                out.append((k + 1, k + 2, "ORG", "definition"))
                break
            if len(ini) > len(acr):
                break
    return sorted(out)


def _clean(tk: Tokens, s: int, e: int, label: str, typ: str, source: str, lang: str) -> list[Draft]:
    while s < e and (tk.lower[s] in DETERMINERS or tk.punct[s]):
        s += 1
    numbers = typ in {"person", "place"}  # a score or a number swept into the name ("Uchiyama 6-2")
    while e > s and (
        tk.text[e - 1] in _POSSESSIVE
        or tk.punct[e - 1]
        or tk.space[e - 1]
        or (numbers and e > s + 1 and any(c.isdigit() for c in tk.text[e - 1]))
    ):
        e -= 1
    out: list[Draft] = []
    # "Shanghai Cooperation Organization (SCO": the bracketed acronym is a mention of its own.
    for k in range(s + 1, e):
        if tk.text[k] == "(":
            if k + 1 < len(tk) and orgs.is_acronym(tk.text[k + 1]):
                out.append(Draft(k + 1, k + 2, label, "org", source, link="bracketed acronym"))
            e = k
            break
    bracket = typ == "org" and not out and e + 2 < len(tk) and tk.text[e] == "(" and tk.text[e + 2] == ")"
    if bracket and orgs.is_acronym(tk.text[e + 1]):
        out.append(Draft(e + 1, e + 2, label, "org", source, link="bracketed acronym"))
    if s >= e:
        return out
    initial = tk.starts_sentence(s) or s == 0 or "\n" in tk.source[tk.end[s - 1] : tk.idx[s]] or tk.space[s - 1]
    if e > s + 1 and lang == "en" and initial and tk.lower[s].endswith(_EN_VERBISH):
        s += 1  # "Echoing Naryshkin's": a sentence-initial verb swept into the name
    if e - s == 1 and initial and lang == "en" and tk.lower[s].endswith(_EN_VERBISH[:2]):
        return out
    words = tk.span(s, e)
    if not any(c.isupper() for c in words) and any(c.islower() for c in words):
        return out  # written in lower case: a common noun ("republics"), not a name
    if all(is_head(tk.lower[i]) or tk.lower[i] in MODIFIERS for i in range(s, e)):
        return out  # a bare role word ("Defence", "Exiled") tagged as a name
    d = Draft(s, e, label, typ, source)
    if typ == "person":
        cut, title, gender = strip_titles(tk, s, e)
        d.start_tok, d.role, d.honorific = cut, title, gender
    out.insert(0, d)
    return out


def _finish(drafts: list[Draft], tk: Tokens, lang: str) -> tuple[tuple[Mention, ...], tuple[Chain, ...]]:
    """Freeze the drafts into Mentions; each chain takes its majority type, named by its longest name."""
    drafts = sorted((d for d in drafts if d.chain >= 0), key=lambda d: (d.start_tok, d.end_tok, d.chain))
    by_chain: dict[int, list[int]] = {}
    for i, d in enumerate(drafts):
        by_chain.setdefault(d.chain, []).append(i)
    renumber = {old: new for new, old in enumerate(sorted(by_chain, key=lambda c: by_chain[c][0]))}
    chain_type: dict[int, str] = {}
    gazetteer: dict[int, str] = {}
    cities: dict[int, str] = {}
    nationality: dict[int, tuple[str, str]] = {}
    regions: dict[int, str] = {}
    place_names = {" ".join(d.name.split()).casefold() for d in drafts if d.type == "place"}
    for old, idx in by_chain.items():
        votes = Counter(drafts[i].type for i in idx)
        chain_type[old] = min(votes, key=lambda t: (-votes[t], TYPE_ORDER.index(t)))
        if chain_type[old] != "place" and all(country_code(drafts[i].name) for i in idx):
            # a small recogniser types some country names as people or nationalities ("Sri Lanka", "Tajikistan")
            gazetteer[old] = chain_type[old]
            chain_type[old] = "place"
        elif chain_type[old] in ("org", "other") and all(city_code(drafts[i].name) for i in idx):
            # ... and a capital as an organisation ("Minsk accused ...": the government, but named by its city)
            cities[old] = chain_type[old]
            chain_type[old] = "place"
        elif chain_type[old] in ("org", "other") and any(after_place_noun(tk.lower, drafts[i].start_tok) for i in idx):
            # "the breakaway region of Nagorno-Karabakh", "la péninsule de Crimée": named as a place by the text
            regions[old] = chain_type[old]
            chain_type[old] = "place"
        elif chain_type[old] != "other" and lang == "en":
            # ... and a nationality as an organisation or a place ("Varenians", "Ukrainian")
            of = {demonym_of(drafts[i].name, place_names) for i in idx}
            if None not in of:
                nationality[old] = (chain_type[old], sorted(n for n in of if n)[0])
                chain_type[old] = "other"
    mentions: list[Mention] = []
    for d in drafts:
        typ = chain_type[d.chain]
        pn = d.person if typ == "person" else None
        if typ == "person" and pn is None:
            pn = parse_person(d.name, lang, d.honorific)
        keys = org_keys(d.name, lang) if typ == "org" else mention_keys(typ, d.name, lang, pn)
        link = d.link
        if d.extra.get("retyped"):
            link = "; ".join(p for p in (link, f"typed {d.extra['retyped']} by the recogniser") if p)
        if d.chain in gazetteer:
            link = "; ".join(
                p for p in (link, f"a country or continent name (CLDR), typed {gazetteer[d.chain]} here") if p
            )
        if d.chain in nationality:
            was, place = nationality[d.chain]
            link = "; ".join(p for p in (link, f"a nationality (of {place!r}), typed {was} here") if p)
        if d.chain in regions:
            link = "; ".join(
                p for p in (link, f"named after a place noun ('region of'), typed {regions[d.chain]} here") if p
            )
        if d.chain in cities:
            link = "; ".join(
                p for p in (link, f"a major city (CLDR time-zone cities), typed {cities[d.chain]} here") if p
            )
        if d.extra.get("derived"):
            link = f"leading part of {d.extra['derived']!r}, named by its acronym"
        mentions.append(
            Mention(
                text=tk.span(d.start_tok, d.end_tok),
                start=tk.idx[d.start_tok],
                end=tk.end[d.end_tok - 1],
                type=typ,
                label=d.label,
                name=d.name,
                role=d.role,
                key=keys[0],
                keys=keys,
                gender=pn.gender if pn else None,
                gender_strong=bool(pn and pn.gender_strong),
                given=pn.given if pn else None,
                surname=pn.surname if pn else None,
                acronym=d.name.replace(".", "").upper() if typ == "org" and orgs.is_acronym(d.name) else d.acronym,
                chain=renumber[d.chain],
                link=link,
                source=d.source,
            )
        )
    chains = []
    for old in sorted(by_chain, key=lambda c: renumber[c]):
        idx = by_chain[old]
        names = [mentions[i].name for i in idx]
        best = max(names, key=lambda n: (not orgs.is_acronym(n), len(n.split()), names.count(n), -names.index(n)))
        chains.append(Chain(renumber[old], chain_type[old], best, tuple(idx)))
    return tuple(mentions), tuple(chains)
