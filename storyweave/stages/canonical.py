"""Canonical entities across articles and outlets, resolved incrementally.

Articles arrive in batches over time. :class:`Resolver` takes each article's chains (from
:class:`~storyweave.stages.entities.EntitiesStage`) in the order given - the pipeline gives
publication order - and joins each chain to an existing :class:`Entity` or creates one. The
result depends only on that order, never on where batch boundaries fall: resolving a batch is
resolving its articles one at a time, and the state between batches is plain data
(:meth:`ResolverState.dump` / :meth:`ResolverState.load`).

- **Candidates** come from blocking keys (surname skeleton and class, acronym, organisation name,
  concept set, phonetic place name; see :func:`~storyweave.stages.entities.mention_keys`), so
  the cost of a mention depends on how many entities share its key, not on how many are stored.
- **Decisions** are :func:`~storyweave.stages.matching.compare` verdicts; between several
  acceptable candidates the strongest wins, then the one that shares most neighbours with the
  article (entities seen with it before), then the most mentioned, then the oldest.
- **Merges**: when one chain matches two existing entities strongly (an article writes
  "Organisation für Sicherheit und Zusammenarbeit in Europa (OSZE)", joining an entity known as
  OSZE to one known by the English name), the younger is merged into the older; the merge is
  recorded with its article and reasons, and the younger id redirects to the older.
- **Ids** are ``e`` + 15 hex digits of the SHA-256 of the entity's type and first canonical key
  (surname key and given name for people, concept set, name or acronym for organisations), so
  they depend on content, not on counters or batch boundaries.

A one-word given name ("Sergei") is never resolved across articles: it gets an entity of its
own article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from storyweave.names.orgs import is_acronym
from storyweave.names.persons import parse_person
from storyweave.stages.canonical_state import (
    Assignment,
    Entity,
    MergeRecord,
    Resolution,
    ResolverState,
    entity_id,
    ranked,
)
from storyweave.stages.canonical_votes import known_as_other, person_of_word, settle_type
from storyweave.stages.entities import ArticleEntities, Chain, Mention
from storyweave.stages.matching import Features, Verdict, compare

__all__ = [
    "Assignment",
    "Entity",
    "MergeRecord",
    "Resolution",
    "Resolver",
    "ResolverState",
    "entity_for_span",
    "entity_id",
    "export_entities",
    "spelling_view",
]

#: Neighbours kept per entity (most frequent first); trimmed when twice this many.
CONTEXT_KEEP = 24
CONTEXT_TYPES = frozenset({"person", "org"})
UNKNOWN_OUTLET = "(unknown)"


class Resolver:
    """Resolves articles' chains to canonical entities, one article at a time (see module docstring)."""

    name = "canonical"
    requires = ("entities",)
    assigns = ("entity_ids",)

    def __init__(self, state: ResolverState | None = None) -> None:
        self.state = state or ResolverState()

    def __call__(self, article: ArticleEntities) -> Resolution:
        return self._resolve(article)

    def pipe(self, articles: Iterable[ArticleEntities]) -> Iterator[Resolution]:
        for a in articles:
            yield self._resolve(a)

    def _resolve(self, art: ArticleEntities) -> Resolution:
        st = self.state
        st.sequence += 1
        order = sorted(art.chains, key=lambda c: (_chain_rank(art, c), c.index))
        chosen: dict[int, tuple[str, str]] = {}
        created: list[str] = []
        merges: list[MergeRecord] = []
        for chain in order:
            mentions = art.chain_mentions(chain)
            feats = _chain_features(chain, mentions, art.language)
            neighbours = {eid for eid, _ in chosen.values()}
            as_person = self._as_person(chain, art.language, neighbours)
            as_other = None if as_person else known_as_other(st, chain, mentions, art.language)
            if as_person is not None:
                eid, why = as_person
            elif as_other is not None:
                eid, why = as_other
            elif chain.type == "person" and not feats.surnames:
                eid, why = self._local(art, chain, feats), "a given name alone: not resolved across articles"
                created.append(eid)
            else:
                eid, why, merged, new = self._decide(art, chain, feats, neighbours)
                merges.extend(merged)
                if new:
                    created.append(eid)
            ent_type = "person" if as_person else st.entities[eid].type if as_other else None
            self._update(st.entities[eid], chain, mentions, feats, art, ent_type)
            absorbed = person_of_word(st, chain, eid, art.language)
            if absorbed is not None:
                merges.append(self._absorb_word_person(st.entities[st.canonical(eid)], absorbed, art.article_id))
                eid = st.canonical(eid)
            chosen[chain.index] = (eid, why)
        ids = sorted({st.canonical(e) for e, _ in chosen.values()})
        # Context: the people and organisations seen together (places co-occur with everything).
        named = [e for e in ids if st.entities[e].type in CONTEXT_TYPES]
        for eid in ids:
            ent = st.entities[eid]
            ent.articles += 1
            if ent.type not in CONTEXT_TYPES:
                continue
            ent.context.update(o for o in named if o != eid)
            if len(ent.context) > 2 * CONTEXT_KEEP:
                ent.context = Counter(dict(ranked(ent.context)[:CONTEXT_KEEP]))
        assignments = []
        for chain in art.chains:
            eid, why = chosen[chain.index]
            for m in art.chain_mentions(chain):
                reason = why if m.link is None else f"{why}; in the article: {m.link}"
                assignments.append(Assignment(m.start, m.end, m.text, st.canonical(eid), reason))
        assignments.sort(key=lambda a: (a.start, a.end))
        return Resolution(art.article_id, tuple(assignments), tuple(created), tuple(merges))

    def _decide(
        self, art: ArticleEntities, chain: Chain, feats: Features, neighbours: set[str]
    ) -> tuple[str, str, list[MergeRecord], bool]:
        st = self.state
        scored: list[tuple[tuple[int, int, int, int, str], str, Verdict]] = []
        for cid in st.lookup(feats.keys):
            ent = st.entities[cid]
            shared = sum(1 for n in neighbours if st.canonical(n) in ent.context)
            v = compare(feats, ent.features, shared)
            if v.same:
                scored.append(((-v.strength, -shared, -ent.mentions, ent.created, cid), cid, v))
        if not scored:
            eid = self._create(art, chain, feats)
            return eid, "new entity", [], True
        scored.sort()
        best_rank, best, verdict = scored[0]
        why = verdict.rule
        if len(scored) > 1 and scored[1][0][0] == best_rank[0]:
            why += f"; chosen of {len(scored)} candidates by shared neighbours ({-best_rank[1]}), then mentions"
        merges = []
        for _, other, v in scored[1:]:
            if not _merge_ok(feats, verdict, v, st.entities[other], [s[2] for s in scored]):
                continue
            kept, gone = sorted((st.entities[best], st.entities[other]), key=lambda e: (e.created, e.id))
            reasons = (
                f"{st.entities[best].name!r}: {verdict.rule}",
                f"{st.entities[other].name!r}: {v.rule}",
                f"both match {chain.name!r} in this article",
            )
            merges.append(self._merge(kept, gone, art.article_id, reasons))
            best = kept.id
        return best, why, merges, False

    def _as_person(self, chain: Chain, lang: str | None, neighbours: set[str]) -> tuple[str, str] | None:
        """A one-word name the recogniser did not call a person, that earlier articles used as a
        person's surname ("Kovalenko" tagged ORG): that person, when one such entity exists or the
        article's other entities single one out."""
        if chain.type == "person" or len(chain.name.split()) != 1 or is_acronym(chain.name):
            return None
        block = parse_person(chain.name, lang).block
        if block is None:
            return None
        st = self.state
        cands = [st.entities[c] for c in st.lookup([block])]
        cands = [e for e in cands if e.type == "person" and chain.name in e.variants]
        if not cands:
            return None

        def rank(e: Entity) -> tuple[int, int, int, str]:
            return (-sum(1 for n in neighbours if st.canonical(n) in e.context), -e.mentions, e.created, e.id)

        best = min(cands, key=rank)
        why = f"{chain.name!r} is this person's surname in earlier articles (typed {chain.type} here)"
        if len(cands) > 1:
            why += f"; chosen of {len(cands)} by shared neighbours, then mentions"
        return best.id, why

    def _create(self, art: ArticleEntities, chain: Chain, feats: Features) -> str:
        key = _first_key(chain, art.chain_mentions(chain), feats)
        eid = entity_id(chain.type, key)
        if eid in self.state.entities or eid in self.state.redirects:
            key = f"{key}@{art.article_id}"
            eid = entity_id(chain.type, key)
        self.state.entities[eid] = Entity(
            eid, chain.type, chain.name, key, self.state.sequence, features=Features(chain.type)
        )
        return eid

    def _local(self, art: ArticleEntities, chain: Chain, feats: Features) -> str:
        key = f"local:{art.article_id}:{chain.name.casefold()}"
        eid = entity_id("person", key)
        if eid not in self.state.entities:
            self.state.entities[eid] = Entity(
                eid, "person", chain.name, key, self.state.sequence, features=Features("person")
            )
        return eid

    def _update(
        self,
        ent: Entity,
        chain: Chain,
        mentions: list[Mention],
        feats: Features,
        art: ArticleEntities,
        as_type: str | None,
    ) -> None:
        outlet = art.outlet or UNKNOWN_OUTLET
        for m in mentions:
            ent.variants[m.name] += 1
            ent.spellings[(outlet, m.name)] += 1
            ent.types[as_type or m.type] += 1
            if m.role:
                ent.roles[m.role] += 1
            if m.gender and m.gender_strong:
                ent.genders[m.gender] += 1
        ent.mentions += len(mentions)
        f = ent.features
        f.surnames |= feats.surnames
        f.givens |= feats.givens
        f.initials |= feats.initials
        f.expanded = f.expanded or feats.expanded
        if not ent.first_key.startswith("local:") and as_type is None:
            self.state.add_keys(ent, feats.keys)
        ent.refresh()

    def _absorb_word_person(self, ent: Entity, person: Entity, article_id: str) -> MergeRecord:
        """Merge the person entity of one word into the place or organisation of that word (type votes)."""
        kind = ent.type
        reasons = (
            f"{ent.name!r} typed {kind} in {ent.mentions} mentions, person in {person.mentions}",
            "one word, never with a given name: one entity of the type most mentions have",
        )
        kept, gone = sorted((ent, person), key=lambda e: (e.created, e.id))
        rec = self._merge(kept, gone, article_id, reasons)
        settle_type(kept, kind)
        return rec

    def _merge(self, kept: Entity, gone: Entity, article_id: str, reasons: tuple[str, ...]) -> MergeRecord:
        st = self.state
        for counter in ("variants", "roles", "types", "genders", "spellings", "context"):
            getattr(kept, counter).update(getattr(gone, counter))
        kept.context.pop(kept.id, None)
        kept.context.pop(gone.id, None)
        kept.mentions += gone.mentions
        kept.articles += gone.articles
        f, g = kept.features, gone.features
        f.surnames |= g.surnames
        f.givens |= g.givens
        f.initials |= g.initials
        f.expanded = f.expanded or g.expanded
        st.add_keys(kept, g.keys)
        del st.entities[gone.id]
        st.redirects[gone.id] = kept.id
        kept.refresh()
        rec = MergeRecord(kept.id, gone.id, article_id, reasons)
        st.merges.append(rec)
        return rec


def _merge_ok(feats: Features, best: Verdict, other: Verdict, ent: Entity, all_verdicts: list[Verdict]) -> bool:
    """Whether a second candidate of one chain is the same entity as the first.

    People: both matched by full name, or the second is known by its surname only and the first
    is the only full-name match. Organisations: the chain carries a name, and neither match is an
    acronym shared by two differently named organisations (those never reach here).
    """
    if feats.type == "person":
        if best.strength == 2 and other.strength == 2:
            return True
        full = sum(1 for v in all_verdicts if v.strength == 2)
        return best.strength == 2 and other.strength == 1 and not ent.features.givens and full == 1
    return feats.expanded and best.strength >= 1 and other.strength >= 1


def _chain_rank(art: ArticleEntities, chain: Chain) -> int:
    """Resolve full names first, then organisations and places, then bare surnames (which can
    then use the article's other entities as context), then given names alone."""
    if chain.type != "person":
        return 1
    ms = art.chain_mentions(chain)
    if any(m.given and m.surname for m in ms):
        return 0
    return 2 if any(m.surname for m in ms) else 3


def _chain_features(chain: Chain, mentions: list[Mention], lang: str | None) -> Features:
    f = Features(chain.type)
    genders: Counter[str] = Counter()
    for m in mentions:
        f.keys.update(m.keys)
        if chain.type == "person":
            f.add_person(parse_person(m.name, lang))
            if m.gender and m.gender_strong:
                genders[m.gender] += 1
        elif chain.type == "org" and not is_acronym(m.name):
            f.expanded = True
    if genders and genders["m"] != genders["f"]:
        f.gender = "m" if genders["m"] > genders["f"] else "f"
    f.keys = {k for k in f.keys if not k.startswith("g:")}
    return f


def _first_key(chain: Chain, mentions: list[Mention], feats: Features) -> str:
    if chain.type == "person":
        full = next((m for m in mentions if m.given and m.surname), mentions[0])
        given = sorted(feats.givens)[0] if feats.givens else None
        tail = "" if given is None else (f"#{given[1]}" if given[1] >= 0 else given[0])
        return f"{full.key}|{tail}"
    for prefix in ("iso:", "c:", "o:", "a:", "n:"):
        ks = sorted(k for k in feats.keys if k.startswith(prefix))
        if ks:
            return ks[0]
    return mentions[0].key


def entity_for_span(
    resolutions: Mapping[str, Resolution],
    state: ResolverState,
    article_id: str,
    start: int,
    end: int,
    *,
    type_: str | None = "person",
) -> str | None:
    """(article id, character span) -> current canonical entity id: how a quote's
    ``speaker_start/speaker_end`` becomes a canonical person. ``resolutions`` maps article ids to
    their :class:`Resolution` (or rows the store reads back into one)."""
    res = resolutions.get(article_id)
    return None if res is None else res.entity_at(start, end, state, type_=type_)


def spelling_view(
    state: ResolverState, entity_ids: Iterable[str] | None = None
) -> dict[str, dict[str, dict[str, int]]]:
    """Entity id -> outlet -> spelling -> count: which outlet wrote each canonical entity how."""
    ids = sorted(state.entities) if entity_ids is None else sorted({state.canonical(e) for e in entity_ids})
    out: dict[str, dict[str, dict[str, int]]] = {}
    for eid in ids:
        ent = state.entities.get(eid)
        if ent is None:
            continue
        view: dict[str, dict[str, int]] = {}
        for (outlet, spelling), n in sorted(ent.spellings.items()):
            view.setdefault(outlet, {})[spelling] = n
        out[eid] = view
    return out


def export_entities(state: ResolverState, resolutions: Iterable[Resolution]) -> list[dict[str, Any]]:
    """The export shape: ``id``, ``name``, ``type``, ``variants``, ``mentions`` (article_id, text, start, end)."""
    mentions: dict[str, list[dict[str, Any]]] = {}
    for r in resolutions:
        for a in r.assignments:
            mentions.setdefault(state.canonical(a.entity_id), []).append(
                {"article_id": r.article_id, "text": a.text, "start": a.start, "end": a.end}
            )
    out = []
    for eid in sorted(mentions):
        ent = state.entities[eid]
        rec = ent.export()
        rec["mentions"] = mentions[eid]
        out.append(rec)
    return out
