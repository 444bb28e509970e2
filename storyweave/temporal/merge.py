"""Which dated statements report the same happening: the pair score and the clustering the timeline uses.

Two statements can be one happening only when their dates are compatible (:func:`~.periods.relation`: the
same period, one nested in the other, a day with and without its year, or an undated lead next to a day just
before its publication). Then the text decides: the cosine of the statements' sentence embeddings (the
multilingual embedder, so a French and an English report of the same talks meet), moved by the actors they
share (entity ids; none in common between two statements that both name actors lowers the score). A nested
date needs more text evidence than the same day: "in late August, the minister announced a relief fund" and
a report dated 27 August may be it or may not. A day that a report recalls as past (it was published later)
needs the least: the days a storyline's reports look back to are its landmarks ("the August 9 vote"), while
the day a report is published holds many happenings (two ministers' statements on one Wednesday).

Clustering is greedy average linkage: each pair's margin is its score minus the threshold of its date
relation; pairs are taken best first, and two groups join when every cross pair has compatible dates and the
mean margin over the cross pairs is not below a small tolerance (the best pair itself clears its threshold).
Every join records the pair that carried it and the scores, so an entry can say why each statement is in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from storyweave.temporal.periods import Period, relation

__all__ = ["MergeOptions", "MergeStep", "PairSims", "Statement", "candidate_pairs", "cluster"]


@dataclass(frozen=True)
class MergeOptions:
    """Thresholds of the mean pair score per date relation (set on ECB+ training topics, see docs/timeline.md)."""

    same: float = 0.25
    past: float = 0.2
    nested: float = 0.5
    yearless: float = 0.3
    lead: float = 0.45
    #: Two statements of one article are more often two happenings than one told twice: their score drops by this.
    same_article: float = 0.1
    #: Added per unit of actor Jaccard overlap; subtracted when both statements name actors and share none.
    actor_bonus: float = 0.15
    actor_penalty: float = 0.1
    #: Added to ``nested`` per granularity step beyond two (day in month: none; day in year: three steps).
    nested_step: float = 0.1
    #: The same weekday a week apart, one of them counted from a publication ("on Monday"): a week's slip in
    #: resolving the weekday is the commonest date error, so strong text evidence joins them.
    shifted: float = 0.6
    #: An undated lead may report a day up to this many days before its publication.
    lead_days: int = 2
    #: Two groups join when their best pair clears its threshold and the mean margin over all cross pairs is
    #: at least minus this (one report of a summit tells the loan, another the accusations made there).
    tolerance: float = 0.15

    def threshold(self, rel: str) -> float:
        return {
            "same": self.same,
            "past": self.past,
            "nested": self.nested,
            "yearless": self.yearless,
            "lead": self.lead,
            "shifted": self.shifted,
        }[rel]


@dataclass(frozen=True)
class Statement:
    """What the clustering needs of one candidate statement (the timeline builds these)."""

    key: tuple[int, int, int]
    article: int
    period: Period
    lead: bool
    actors: frozenset[str] = field(default_factory=frozenset)
    #: The date lies before the article's own day (the report looks back to it).
    recalled: bool = False
    #: ``actors`` are canonical entity ids (from the entities stage), so sharing none is evidence against.
    canonical: bool = False
    #: The date is a weekday counted from the publication ("on Monday"), so it may be a week off.
    weekday: bool = False


@dataclass(frozen=True)
class MergeStep:
    """One join of two groups, carried by the pair ``member`` (in the joining group) - ``anchor`` (in the other)."""

    member: int
    anchor: int
    relation: str
    similarity: float
    shared_actors: tuple[str, ...]
    score: float
    #: The pair's threshold (by its date relation).
    threshold: float
    #: Mean over all cross pairs of the two groups of (pair score - the pair's threshold).
    linkage: float


def pair_relation(a: Statement, b: Statement, lead_days: int) -> str:
    """The date relation of two statements, refined for news: ``past`` for the same day when one recalls it;
    ``shifted`` for the same weekday a
    week apart when one is counted from a publication; ``lead`` for an undated lead (dated by its publication)
    and a day up to ``lead_days`` before it."""
    rel = relation(a.period, b.period)
    if rel in ("same", "yearless") and (a.recalled or b.recalled):
        return "past"
    if (
        rel == "apart"
        and (a.weekday or b.weekday)
        and a.period.rank <= 1
        and b.period.rank <= 1
        and a.period.first
        and b.period.first
        and abs((a.period.first - b.period.first).days) == 7
    ):
        return "shifted"
    if not (a.lead or b.lead) or rel in ("nested", "shifted"):
        return rel
    if rel == "same":
        return "lead"
    lead, other = (a, b) if a.lead else (b, a)
    day, pub = other.period.first, lead.period.first
    if (
        other.period.rank <= 1
        and day is not None
        and pub is not None
        and dt.timedelta(0) <= pub - day <= dt.timedelta(days=lead_days)
    ):
        return "lead"
    return rel


#: Pair similarities for index pairs: ``pair_sims([(i, j), ...]) -> array`` (cosines of the statements' texts).
PairSims = Callable[[Sequence[tuple[int, int]]], np.ndarray]


def candidate_pairs(items: Sequence[Statement], lead_days: int) -> list[tuple[int, int]]:
    """The index pairs whose dates can be one happening, found without comparing every pair: periods sorted by
    their first day and swept (a week's slack covers ``shifted`` and ``lead``), days without a year by month
    and day."""
    slack = dt.timedelta(days=max(7, lead_days))
    dated = sorted(
        (i for i, it in enumerate(items) if it.period.first is not None),
        key=lambda i: items[i].period.first or dt.date.min,
    )
    out: list[tuple[int, int]] = []
    active: list[int] = []
    for i in dated:
        first = items[i].period.first
        assert first is not None
        active = [j for j in active if (last := items[j].period.last) is not None and last >= first - slack]
        out.extend((min(i, j), max(i, j)) for j in active)
        active.append(i)
    by_day: dict[tuple[int, int], list[int]] = {}
    for i, it in enumerate(items):
        md = (
            it.period.month_day
            if it.period.yearless
            else ((it.period.first.month, it.period.first.day) if it.period.rank <= 1 and it.period.first else None)
        )
        if md is not None:
            by_day.setdefault(md, []).append(i)
    for group in by_day.values():
        for x, i in enumerate(group):
            out.extend(
                (min(i, j), max(i, j)) for j in group[x + 1 :] if items[i].period.yearless or items[j].period.yearless
            )
    return sorted(set(out))


def cluster(
    items: Sequence[Statement], pair_sims: PairSims, options: MergeOptions
) -> tuple[list[list[int]], dict[int, MergeStep], dict[tuple[int, int], float]]:
    """Groups of item indices (each sorted), per joined group the step that brought it in, and the text
    similarity of every date-compatible pair (the timeline's description choice reads them)."""
    n = len(items)
    pairs: list[tuple[int, int]] = []
    rel: dict[tuple[int, int], str] = {}
    for i, j in candidate_pairs(items, options.lead_days):
        if items[i].key[:2] == items[j].key[:2]:
            continue  # two dates of one clause ("met on Monday, ... since the strike began on 6 October"): two times
        r = pair_relation(items[i], items[j], options.lead_days)
        if r not in ("apart", "overlap"):
            pairs.append((i, j))
            rel[(i, j)] = r
    sims = pair_sims(pairs) if pairs else np.zeros(0)
    sim = {p: float(v) for p, v in zip(pairs, sims, strict=True)}
    score: dict[tuple[int, int], float] = {}
    margin: dict[tuple[int, int], float] = {}
    shared: dict[tuple[int, int], tuple[str, ...]] = {}
    for (i, j), r in rel.items():
        s, common = _pair_score(items[i], items[j], sim[(i, j)], options)
        score[(i, j)], shared[(i, j)] = s, common
        margin[(i, j)] = s - _threshold(items[i], items[j], r, options)
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    steps: dict[int, MergeStep] = {}
    order = sorted(
        (p for p, m in margin.items() if m >= 0), key=lambda p: (-margin[p], items[p[0]].key, items[p[1]].key)
    )
    for i, j in order:
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        cross = [margin.get((min(x, y), max(x, y))) for x in members[gi] for y in members[gj]]
        if any(c is None for c in cross):
            continue  # some pair of dates in the two groups cannot be one happening
        linkage = sum(c for c in cross if c is not None) / len(cross)
        if linkage < -options.tolerance:
            continue
        a, b = members[gi], members[gj]
        keep, gone = (gi, gj) if items[a[0]].key <= items[b[0]].key else (gj, gi)
        inside = i if group[i] == gone else j
        # the step is told from the joining group's first statement (the one no earlier step explains)
        steps[members[gone][0]] = MergeStep(
            member=inside,
            anchor=j if inside == i else i,
            relation=rel[(i, j)],
            similarity=round(sim[(i, j)], 3),
            shared_actors=shared[(i, j)],
            score=round(score[(i, j)], 3),
            threshold=round(_threshold(items[i], items[j], rel[(i, j)], options), 3),
            linkage=round(linkage, 3),
        )
        for m in members[gone]:
            group[m] = keep
        members[keep] = sorted(members[keep] + members.pop(gone), key=lambda k: items[k].key)
    return sorted(members.values(), key=lambda g: items[g[0]].key), steps, sim


def _threshold(a: Statement, b: Statement, rel: str, options: MergeOptions) -> float:
    """The relation's threshold; a nested pair needs more the further apart the granularities are ("in 2006" and
    "May 23, 2006" are rarely one happening told twice; "late August" and "August 27" often are)."""
    base = options.threshold(rel)
    if rel == "nested":
        base += options.nested_step * max(0, abs(a.period.rank - b.period.rank) - 2)
    return base


def _pair_score(a: Statement, b: Statement, sim: float, options: MergeOptions) -> tuple[float, tuple[str, ...]]:
    score = sim
    common: tuple[str, ...] = ()
    if a.actors and b.actors:
        common = tuple(sorted(a.actors & b.actors))
        if common:
            score += options.actor_bonus * len(common) / len(a.actors | b.actors)
        elif a.canonical and b.canonical:  # names as written differ across outlets and languages: no evidence
            score -= options.actor_penalty
    if a.article == b.article:
        score -= options.same_article
    return score, common
