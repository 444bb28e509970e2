"""The plain tables of a comparison: quotes by ledger entry and outlet, spellings by entity and outlet, sources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from storyweave.coverage.model import (
    EntityRef,
    QuoteCell,
    QuoteRef,
    QuoteRow,
    SourceGroup,
    Sources,
    SpellingRow,
    StoryArticle,
)

__all__ = ["quote_rows", "sources", "spelling_rows"]


def quote_rows(articles: Sequence[StoryArticle], quotes: Sequence[QuoteRef]) -> list[QuoteRow]:
    """One row per ledger entry (a quote outside the ledger is its own row): every outlet's wording of it.

    Rows carried by more outlets come first, then by first publication."""
    by_id = {a.id: a for a in articles}
    groups: dict[str, list[QuoteRef]] = {}
    for q in quotes:
        if q.article_id in by_id:
            groups.setdefault(q.ledger_id or q.quote_id, []).append(q)
    rows = []
    for lid, qs in groups.items():
        qs.sort(key=lambda q: (by_id[q.article_id].published or "~", q.article_id, q.start))
        first = qs[0]
        cells = tuple(
            QuoteCell(by_id[q.article_id].outlet_name, q.article_id, q.quote_id, q.text, q.kind, q.wording) for q in qs
        )
        speaker = next((q.speaker for q in qs if q.speaker), None)
        entity = next((q.speaker_entity_id for q in qs if q.speaker_entity_id), None)
        rows.append(QuoteRow(lid, speaker, entity, first.text, cells))

    def order(r: QuoteRow) -> tuple[int, int, str, str]:
        return (-len(r.outlets), -len(r.cells), by_id[r.cells[0].article_id].published or "~", r.ledger_id)

    rows.sort(key=order)
    return rows


def spelling_rows(
    articles: Sequence[StoryArticle], mentions: Sequence[EntityRef], names: Mapping[str, str] | None = None
) -> list[SpellingRow]:
    """Per canonical entity: (outlet, spelling, count), entities named by more outlets first."""
    by_id = {a.id: a for a in articles}
    counts: dict[str, Counter[tuple[str, str]]] = {}
    types: dict[str, Counter[str]] = {}
    for m in mentions:
        if m.article_id not in by_id or not m.spelling:
            continue
        counts.setdefault(m.entity_id, Counter())[(by_id[m.article_id].outlet_name, m.spelling)] += 1
        types.setdefault(m.entity_id, Counter())[m.type] += 1
    rows = []
    for eid, c in counts.items():
        spellings = tuple(sorted((o, s, n) for (o, s), n in c.items()))
        name = (names or {}).get(eid) or max(c, key=lambda k: (c[k], len(k[1].split()), k[1]))[1]
        typ = min(types[eid], key=lambda t: (-types[eid][t], t))
        rows.append(SpellingRow(eid, name, typ, spellings))
    rows.sort(
        key=lambda r: (-len({o for o, _, _ in r.spellings}), -sum(n for *_, n in r.spellings), r.name, r.entity_id)
    )
    return rows


def sources(articles: Sequence[StoryArticle]) -> Sources:
    """Independent origins: every wire group counts once, every other article once."""
    groups: dict[str, list[StoryArticle]] = {}
    for a in articles:
        groups.setdefault(a.origin, []).append(a)
    out = []
    for origin, arts in groups.items():
        arts.sort(key=lambda a: (a.published or "~", a.id))
        wire = arts[0].wire_group is not None
        original = next((a.wire_original for a in arts if a.wire_original), None) or arts[0].id
        agencies = tuple(sorted({g for a in arts for g in a.agencies}))
        out.append(
            SourceGroup(
                origin=origin,
                kind="wire" if wire else "own",
                original_id=original,
                article_ids=tuple(a.id for a in arts),
                outlets=tuple(sorted({a.outlet_name for a in arts})),
                agencies=agencies,
            )
        )
    out.sort(key=lambda g: (g.kind != "wire", -len(g.article_ids), g.origin))
    return Sources(articles=len(articles), independent=len(out), groups=tuple(out))
