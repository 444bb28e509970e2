"""The resolver's state: canonical entities, their key index, redirects and the merge log, as plain records.

Kept in memory by :class:`ResolverState`; every method is a lookup or write by key, so a
SQLite-backed state can implement the same methods (see docs/entities.md for the tables).
:class:`Resolution` is what resolving one article decided, with the span lookup the quotes stage
needs.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storyweave.names.orgs import is_acronym
from storyweave.stages.matching import Features

__all__ = ["Assignment", "Entity", "MergeRecord", "Resolution", "ResolverState", "entity_id", "ranked"]


def entity_id(type_: str, key: str) -> str:
    return "e" + hashlib.sha256(f"{type_}|{key}".encode()).hexdigest()[:15]


@dataclass
class Entity:
    """A canonical entity: display name, type, the spellings it went by, its roles and evidence."""

    id: str
    type: str
    name: str
    first_key: str
    created: int
    variants: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    genders: Counter[str] = field(default_factory=Counter)
    spellings: Counter[tuple[str, str]] = field(default_factory=Counter)
    context: Counter[str] = field(default_factory=Counter)
    features: Features = field(default_factory=lambda: Features("other"))
    mentions: int = 0
    articles: int = 0

    def refresh(self) -> None:
        """Recompute the derived fields (type, gender, display name) from the counts."""
        self.type = min(self.types, key=lambda t: (-self.types[t], t)) if self.types else self.type
        self.features.type = self.type
        g = self.genders
        self.features.gender = None if not g or g["m"] == g["f"] else ("m" if g["m"] > g["f"] else "f")
        self.name = _display_name(self.type, self.variants)

    def to_record(self) -> dict[str, Any]:
        f = self.features
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "first_key": self.first_key,
            "created": self.created,
            "variants": _pairs(self.variants),
            "roles": _pairs(self.roles),
            "types": _pairs(self.types),
            "genders": _pairs(self.genders),
            "spellings": sorted([o, s, n] for (o, s), n in self.spellings.items()),
            "context": _pairs(self.context),
            "keys": sorted(f.keys),
            "surnames": sorted(list(x) for x in f.surnames),
            "givens": sorted(list(x) for x in f.givens),
            "initials": sorted(f.initials),
            "expanded": f.expanded,
            "mentions": self.mentions,
            "articles": self.articles,
        }

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> Entity:
        f = Features(
            r["type"],
            keys=set(r["keys"]),
            surnames={(a, b) for a, b in r["surnames"]},
            givens={(a, int(b)) for a, b in r["givens"]},
            initials=set(r["initials"]),
            expanded=bool(r["expanded"]),
        )
        e = cls(
            id=r["id"],
            type=r["type"],
            name=r["name"],
            first_key=r["first_key"],
            created=int(r["created"]),
            variants=Counter(dict(r["variants"])),
            roles=Counter(dict(r["roles"])),
            types=Counter(dict(r["types"])),
            genders=Counter(dict(r["genders"])),
            spellings=Counter({(o, s): n for o, s, n in r["spellings"]}),
            context=Counter(dict(r["context"])),
            features=f,
            mentions=int(r["mentions"]),
            articles=int(r["articles"]),
        )
        e.refresh()
        return e

    def export(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "variants": [v for v, _ in ranked(self.variants)],
            "roles": [r for r, _ in ranked(self.roles)],
        }


def _pairs(c: Counter[str]) -> list[list[Any]]:
    return [[k, v] for k, v in sorted(c.items())]


def ranked(c: Counter[str]) -> list[tuple[str, int]]:
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))


def _display_name(type_: str, variants: Counter[str]) -> str:
    """Most used full form: for people a name with a given name, for organisations not an acronym."""
    if not variants:
        return ""

    def rank(item: tuple[str, int]) -> tuple[int, int, int, str]:
        v, n = item
        full = len(v.split()) >= 2 if type_ == "person" else not is_acronym(v)
        return (0 if full else 1, -n, -len(v), v)

    return min(variants.items(), key=rank)[0]


@dataclass(frozen=True)
class MergeRecord:
    """Two existing entities found to be one: ``absorbed`` now redirects to ``kept``."""

    kept: str
    absorbed: str
    article_id: str
    reasons: tuple[str, ...]

    def to_record(self) -> dict[str, Any]:
        return {
            "kept": self.kept,
            "absorbed": self.absorbed,
            "article_id": self.article_id,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class Assignment:
    """One mention's canonical entity and why."""

    start: int
    end: int
    text: str
    entity_id: str
    reason: str


@dataclass(frozen=True)
class Resolution:
    """What resolving one article decided: the entity of each mention, entities created, merges made."""

    article_id: str
    assignments: tuple[Assignment, ...]
    created: tuple[str, ...]
    merges: tuple[MergeRecord, ...]

    def entity_at(
        self, start: int, end: int, state: ResolverState | None = None, *, type_: str | None = None
    ) -> str | None:
        """The entity of the mention at ``start:end`` (a quote's speaker span): the exact span, else
        the mention that overlaps it most; the current id when ``state`` is given (after merges).
        ``type_`` (with ``state``) keeps only entities of that type, e.g. ``"person"`` for speakers."""
        best: tuple[int, str] | None = None
        for a in self.assignments:
            overlap = min(end, a.end) - max(start, a.start)
            if overlap <= 0 or (best is not None and overlap <= best[0]):
                continue
            if type_ is not None and state is not None:
                ent = state.get(a.entity_id)
                if ent is None or ent.type != type_:
                    continue
            best = (overlap, a.entity_id)
        if best is None:
            return None
        return state.canonical(best[1]) if state is not None else best[1]


class ResolverState:
    """Canonical entities, their blocking-key index, redirects and the merge log.

    Kept in memory here; every method is a lookup or write by key, so a SQLite-backed state
    (tables of entity records, ``(key, entity_id)`` rows indexed by key, redirects and merges) can
    implement the same methods. :meth:`dump` gives the plain records, :meth:`load` reads them.
    """

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.index: dict[str, list[str]] = {}
        self.redirects: dict[str, str] = {}
        self.merges: list[MergeRecord] = []
        self.sequence = 0

    def canonical(self, eid: str) -> str:
        while eid in self.redirects:
            eid = self.redirects[eid]
        return eid

    def get(self, eid: str) -> Entity | None:
        return self.entities.get(self.canonical(eid))

    def lookup(self, keys: Iterable[str]) -> list[str]:
        """Live entity ids registered under any of ``keys``, sorted."""
        found = {self.canonical(e) for k in keys for e in self.index.get(k, ())}
        return sorted(found)

    def add_keys(self, entity: Entity, keys: Iterable[str]) -> None:
        for k in sorted(set(keys) - entity.features.keys):
            entity.features.keys.add(k)
            bucket = self.index.setdefault(k, [])
            if entity.id not in bucket:
                bucket.append(entity.id)

    def dump(self) -> dict[str, Any]:
        return {
            "version": 1,
            "sequence": self.sequence,
            "entities": [self.entities[k].to_record() for k in sorted(self.entities)],
            "redirects": [[k, v] for k, v in sorted(self.redirects.items())],
            "merges": [m.to_record() for m in self.merges],
        }

    @classmethod
    def load(cls, data: dict[str, Any]) -> ResolverState:
        st = cls()
        st.sequence = int(data.get("sequence", 0))
        for r in data.get("entities", []):
            e = Entity.from_record(r)
            st.entities[e.id] = e
        for e in sorted(st.entities.values(), key=lambda x: (x.created, x.id)):
            for k in sorted(e.features.keys):
                st.index.setdefault(k, []).append(e.id)
        st.redirects = {k: v for k, v in data.get("redirects", [])}
        st.merges = [
            MergeRecord(m["kept"], m["absorbed"], m["article_id"], tuple(m["reasons"])) for m in data.get("merges", [])
        ]
        return st
