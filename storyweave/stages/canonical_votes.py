"""Type votes across articles: one word the recogniser calls a person in some articles and a place (or an
organisation) in others is one entity, of the type most of its mentions have.

A small recogniser types an unfamiliar town, river or company as a person often enough ("Dravsk said to
be calm", "in Marrowby"), and the per-article vote (:mod:`storyweave.stages.entities`) cannot correct it
when a whole article agrees. Across articles the evidence adds up. Only a *one-word* name that no article
gave a given name to takes part: a person the text names in full ("George Washington") never meets a
place, and a place never absorbs someone known by a full name.

- :func:`known_as_other`: a one-word person chain joins the place or organisation of that name seen
  before, when that entity has at least as many mentions as a person entity of the same word;
- :func:`person_of_word`: after a one-word place or organisation chain resolved, the person entity known
  only by that word, which the resolver then absorbs when it has no more mentions than the other.

Both record why; the absorbed entity redirects to the kept one as any merge does.
"""

from __future__ import annotations

from storyweave.names.orgs import is_acronym
from storyweave.names.persons import parse_person
from storyweave.stages.canonical_state import Entity, ResolverState
from storyweave.stages.entities import Chain, Mention
from storyweave.stages.entity_links import mention_keys

__all__ = ["known_as_other", "person_of_word", "settle_type"]


def _one_word(chain: Chain) -> bool:
    return " " not in chain.name and not is_acronym(chain.name)


def _word_person(state: ResolverState, name: str, lang: str | None) -> Entity | None:
    """The person entity known only by the one word ``name`` (no given name in any article)."""
    block = parse_person(name, lang).block
    if block is None:
        return None
    for cid in sorted(state.lookup([block])):
        ent = state.entities[cid]
        if ent.type == "person" and set(ent.variants) == {name} and not ent.features.givens:
            return ent
    return None


def known_as_other(
    state: ResolverState, chain: Chain, mentions: list[Mention], lang: str | None
) -> tuple[str, str] | None:
    """The place or organisation a one-word person chain stands for, with the reason; None if there is none."""
    if chain.type != "person" or not _one_word(chain) or any(m.given for m in mentions):
        return None
    keys = [k for k in mention_keys("place", chain.name, lang) if k.startswith(("n:", "iso:"))]
    cands = [
        state.entities[c]
        for c in sorted(state.lookup(keys))
        if state.entities[c].type != "person" and chain.name in state.entities[c].variants
    ]
    if not cands:
        return None
    best = min(cands, key=lambda e: (-e.mentions, e.created, e.id))
    rival = _word_person(state, chain.name, lang)
    if rival is not None and rival.mentions > best.mentions:
        return None
    why = (
        f"{chain.name!r} is a {best.type} in earlier articles ({best.mentions} mentions), typed person here: "
        "the type most mentions have"
    )
    return best.id, why


def person_of_word(state: ResolverState, chain: Chain, eid: str, lang: str | None) -> Entity | None:
    """The person entity of the same single word as the place or organisation ``eid`` a chain just resolved
    to, when it has no more mentions than that entity (so it is absorbed into it)."""
    if chain.type == "person" or not _one_word(chain):
        return None
    ent = state.entities.get(state.canonical(eid))
    if ent is None or ent.type == "person":
        return None
    person = _word_person(state, chain.name, lang)
    if person is None or person.id == ent.id or person.mentions > ent.mentions:
        return None
    return person


def settle_type(kept: Entity, kind: str) -> None:
    """After a person entity of one word was absorbed: its person votes count for ``kind``."""
    moved = kept.types.pop("person", 0)
    if moved:
        kept.types[kind] += moved
    kept.refresh()
