"""Framing, shown and not scored: the words each outlet attaches to the story's key actors, and how it attributes.

**Descriptors.** The entities stage keeps the role phrase before a name and the appositive after it
("embattled Belarusian leader Alexander Lukashenko", "Sergei Naryshkin, the head of Russia's SVR") on each
mention; those are the outlet's descriptors of the actor. A description that stands *instead of* the name - an
epithet, "the 66-year-old strongman", "the Kremlin chief" - is a definite noun phrase ending in a role head word
(the multilingual list of :mod:`storyweave.names.titles`) with no name after it. It is tied to an actor by the
quotes stage when it is a quote's speaker (that stage resolved it), else to the person named last before its
sentence within two sentences (an epithet names someone already introduced; a person named in its own sentence
is someone else: "Putin promised the strongman ..."). Each descriptor keeps its rule.

**Attribution.** Per outlet: the agencies it credits (from the extraction's credit lines), the media it names as
the channel of a quote (the quotes stage's intermediaries), the share of its text inside direct quotations and
inside reported speech, and how many of its quotes have a named speaker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from storyweave.coverage.model import Descriptor, EntityRef, OutletFraming, QuoteRef, StoryArticle
from storyweave.names.titles import is_head
from storyweave.temporal.context import sentence_spans

__all__ = ["framing", "key_actors"]

_DEFINITE = {
    "en": ("the",),
    "fr": ("le", "la", "l'", "l’"),
    "de": ("der", "die", "den", "dem", "des"),
    "es": ("el", "la", "del", "al"),
}
_TOKEN = re.compile(r"[^\W_][\w'’.-]*|[^\w\s]", re.UNICODE)
#: words that end an epithet's modifiers (verbs and particles that a role head never follows within a phrase)
_BREAK_WORDS = "of and or but that who which said says has have had was were is are will would"
_BREAK = frozenset(_BREAK_WORDS.split())


def key_actors(mentions: Sequence[EntityRef], articles: Sequence[StoryArticle], limit: int = 8) -> list[str]:
    """The main people and organisations: named by the most outlets, then most often (at most ``limit``)."""
    outlet = {a.id: a.outlet_name for a in articles}
    by_entity: dict[str, set[str]] = {}
    count: Counter[str] = Counter()
    for m in mentions:
        if m.type in ("person", "org") and m.article_id in outlet:
            by_entity.setdefault(m.entity_id, set()).add(outlet[m.article_id])
            count[m.entity_id] += 1
    ranked = sorted(by_entity, key=lambda e: (-len(by_entity[e]), -count[e], e))
    return ranked[:limit]


def _epithets(article: StoryArticle) -> list[tuple[int, int, str]]:
    """Definite noun phrases ending in a role head word that no name follows: (start, end, text)."""
    lang = (article.language or "en").split("-")[0].casefold()
    dets = _DEFINITE.get(lang)
    if not dets:
        return []
    text = article.text
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    out = []
    for k, (s, _, w) in enumerate(toks):
        if w.casefold() not in dets:
            continue
        for j in range(k + 1, min(k + 6, len(toks))):
            word = toks[j][2]
            low = word.casefold()
            if not word[0].isalnum() or low in _BREAK:
                break
            if is_head(low):
                nxt = toks[j + 1][2] if j + 1 < len(toks) else ""
                if nxt[:1].isupper() or (nxt in ("of", "de", "des", "del", "der") and j + 2 < len(toks)):
                    break  # "the leader Alexander ...", "the head of the SVR": a title or a role, not an epithet
                if j > k + 1 or low not in ("president", "minister", "head", "chief", "leader"):
                    out.append((s, toks[j][1], text[s : toks[j][1]]))
                break
    return out


def _descriptors(
    article: StoryArticle, mentions: Sequence[EntityRef], quotes: Sequence[QuoteRef], actors: set[str]
) -> list[Descriptor]:
    out = []
    own = sorted((m for m in mentions if m.article_id == article.id), key=lambda m: (m.start, m.end))
    for m in own:
        if m.entity_id in actors and m.role:
            after = article.text.find(m.role, m.end, m.end + len(m.role) + 12)
            kind = "appositive" if after != -1 else "role"
            out.append(
                Descriptor(
                    m.entity_id,
                    article.outlet_name,
                    article.id,
                    m.role,
                    kind,
                    m.start,
                    m.end,
                    "the entities stage's role",
                )
            )
    speakers = {
        (q.mention_start, q.mention_end): q.speaker_entity_id
        for q in quotes
        if q.article_id == article.id and q.mention_start is not None and q.speaker_entity_id
    }
    sentences = sentence_spans(article.text)
    people = [m for m in own if m.type == "person"]
    for s, e, phrase in _epithets(article):
        if any(m.start <= s < m.end or s <= m.start < e for m in own):
            continue
        eid, why = None, ""
        for (ms, me), spk in speakers.items():
            if ms is not None and me is not None and ms <= s + 4 and me >= e - 1:
                eid, why = spk, "speaker of a quote (resolved by the quotes stage)"
                break
        if eid is None:
            k = next((i for i, (lo, hi) in enumerate(sentences) if lo <= s < hi), None)
            if k is None:
                continue
            lo = sentences[max(0, k - 2)][0]
            here = sentences[k][0]
            before = [m for m in people if lo <= m.start < here]
            named_here = {m.entity_id for m in people if sentences[k][0] <= m.start < sentences[k][1]}
            before = [m for m in before if m.entity_id not in named_here]
            if before:
                eid, why = before[-1].entity_id, "the person named last before its sentence"
        if eid in actors:
            out.append(Descriptor(eid, article.outlet_name, article.id, phrase, "epithet", s, e, why))
    return out


def _share(article: StoryArticle, quotes: Sequence[QuoteRef], kinds: tuple[str, ...]) -> int:
    covered = [False] * len(article.text)
    for q in quotes:
        if q.article_id != article.id or q.kind not in kinds:
            continue
        for s, e in q.parts or ((q.start, q.end),):
            for i in range(max(0, s), min(e, len(covered))):
                covered[i] = True
    return sum(covered)


def framing(
    articles: Sequence[StoryArticle], mentions: Sequence[EntityRef], quotes: Sequence[QuoteRef], actors: Sequence[str]
) -> list[OutletFraming]:
    """One :class:`OutletFraming` per outlet, in outlet order."""
    keys = set(actors)
    outlets: dict[str, list[StoryArticle]] = {}
    for a in articles:
        outlets.setdefault(a.outlet_name, []).append(a)
    out = []
    for outlet in sorted(outlets):
        arts = sorted(outlets[outlet], key=lambda a: (a.published or "~", a.id))
        ids = {a.id for a in arts}
        descs = [d for a in arts for d in _descriptors(a, mentions, quotes, keys)]
        own_quotes = [q for q in quotes if q.article_id in ids]
        chars = sum(len(a.text) for a in arts) or 1
        direct = sum(_share(a, own_quotes, ("direct",)) for a in arts)
        reported = sum(_share(a, own_quotes, ("indirect", "partial")) for a in arts)
        credited = Counter(g for a in arts for g in a.agencies)
        cited = Counter(q.intermediary for q in own_quotes if q.intermediary)
        named = sum(1 for q in own_quotes if q.speaker or q.speaker_entity_id)
        out.append(
            OutletFraming(
                outlet=outlet,
                articles=len(arts),
                descriptors=tuple(descs),
                credited=tuple(sorted(credited.items(), key=lambda kv: (-kv[1], kv[0]))),
                cited=tuple(sorted(cited.items(), key=lambda kv: (-kv[1], kv[0]))),
                quoted_share=round(direct / chars, 3),
                paraphrased_share=round(reported / chars, 3),
                quotes=len(own_quotes),
                named=named,
                unnamed=len(own_quotes) - named,
            )
        )
    return out
