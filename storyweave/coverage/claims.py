"""Claims: what a clause reports someone said, as who-says-what-about-whom, so one claim retold joins up.

Sentence embeddings put any two sentences of one story close together, and put far apart one claim told by
different speakers in different words ("the minister said there had been an attempt to topple the government with
the backing of Farland" / "the premier accused Farlandic and Norrish agencies of trying to destabilise the country
or support the strikers"). A claim is read here as three parts, each compared on its own:

- **arguments**: the names inside the reported contents that are *not* everywhere in the story (a name that most of
  the story's independent origins mention is what the story is about, not what a claim says of it), the speaker
  left out: who is accused, credited or blamed. Names of the story's entities written where the entities stage
  found no mention count too. Two claims' arguments match when they share an entity, or when the names are alike
  (multilingual embedding cosine of the names written, ``argument`` or more: "Farland" / "Farlandic agencies");
- **contents**: the reported words with only the story's ubiquitous names blanked, compared by cosine;
- **predicates**: the content words (names and function words out), aligned one to one across the two claims
  when they share a stem or their word embeddings are close (``word``): "attempt" / "attempting", "backing" /
  "support". Each aligned pair (up to ``matches``) adds ``match_weight``.

Only clauses that report what someone (a named or described speaker) said are claims, and only claims of
different independent origins are compared. The comparison pass in :mod:`storyweave.coverage.facts` joins clause
groups through claim pairs by average linkage with thresholds of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storyweave.coverage.model import DateRef, EntityRef, QuoteRef, StoryArticle
from storyweave.coverage.units import Unit

__all__ = ["Claim", "ClaimOptions", "claim_scores", "find_claims"]

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_NAME = re.compile(r"\b[^\W\d_][\w-]+\b", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class ClaimOptions:
    """Thresholds of the claim pass (chosen on the project's fixtures, the demo corpus and the seeds; see
    docs/compare.md)."""

    #: a name mentioned by more than this share of the story's independent origins (and three or more) is the
    #: story's own
    ubiquity: float = 0.5
    #: cosine of the names written for two different entities to count as the same argument
    argument: float = 0.45
    #: word-embedding cosine for two content words to align
    word: float = 0.7
    #: score added per aligned pair of content words, and the most pairs that count
    match_weight: float = 0.1
    matches: int = 3
    #: a claim pair scoring this much starts a join; two claim groups join when their mean pair score reaches link
    join: float = 0.68
    link: float = 0.55
    #: content words a claim needs
    min_words: int = 3


@dataclass(frozen=True)
class Claim:
    """The claim a clause reports: ``unit`` its index among the story's units, ``speaker`` who said it,
    ``arguments`` entity id -> the name as written, ``content`` the reported words (ubiquitous names blanked),
    ``words`` its content words."""

    unit: int
    speaker: str
    arguments: tuple[tuple[str, str], ...]
    content: str
    words: tuple[str, ...]

    @property
    def argument_text(self) -> str:
        return " and ".join(name for _, name in self.arguments)


def _norm(word: str) -> str:
    return _POSSESSIVE.sub("", word.casefold())


def find_claims(
    units: Sequence[Unit],
    articles: Sequence[StoryArticle],
    entities: Sequence[EntityRef],
    quotes: Sequence[QuoteRef],
    dates: Sequence[DateRef],
    stop: frozenset[str],
    opts: ClaimOptions | None = None,
) -> list[Claim]:
    """The claims of a story's clauses (a clause holding no reported speech, or reporting only about the story's
    ubiquitous names, has none)."""
    o = opts or ClaimOptions()
    by_id = {a.id: a for a in articles}
    origins = {a.origin for a in articles}
    told_by: dict[str, set[str]] = {}
    for e in entities:
        if e.article_id in by_id:
            told_by.setdefault(e.entity_id, set()).add(by_id[e.article_id].origin)
    ubiquitous = {e for e, o_ in told_by.items() if len(o_) > o.ubiquity * len(origins) and len(o_) >= 3}
    written: dict[str, str] = {}  # a rarer entity's names as written anywhere in the story
    for e in sorted(entities, key=lambda e: (e.article_id, e.start)):
        if e.entity_id not in ubiquitous and len(e.text) >= 3 and e.text[:1].isupper():
            written.setdefault(e.text, e.entity_id)
    per_article: dict[str, tuple[list[EntityRef], list[QuoteRef], list[DateRef]]] = {}
    for e in entities:
        per_article.setdefault(e.article_id, ([], [], []))[0].append(e)
    for q in quotes:
        per_article.setdefault(q.article_id, ([], [], []))[1].append(q)
    for d in dates:
        per_article.setdefault(d.article_id, ([], [], []))[2].append(d)
    out = []
    for k, u in enumerate(units):
        ents, qs, ds = per_article.get(u.article_id, ([], [], []))
        said = [q for q in qs if q.speaker and q.start < u.end and q.end > u.start]
        parts = sorted(
            (max(u.start, a), min(u.end, b))
            for q in said
            for a, b in (q.parts or ((q.start, q.end),))
            if min(u.end, b) > max(u.start, a)
        )
        if not parts:
            continue
        claim = _claim(k, by_id[u.article_id].text, parts, said, ents, ds, ubiquitous, written, stop, o)
        if claim is not None:
            out.append(claim)
    return out


def _claim(
    k: int,
    text: str,
    parts: list[tuple[int, int]],
    said: list[QuoteRef],
    ents: list[EntityRef],
    dates: list[DateRef],
    ubiquitous: set[str],
    written: Mapping[str, str],
    stop: frozenset[str],
    o: ClaimOptions,
) -> Claim | None:
    def inside(pos: int) -> bool:
        return any(a <= pos < b for a, b in parts)

    speakers = {q.speaker_entity_id for q in said} | {q.speaker for q in said}
    mine = [e for e in ents if inside(e.start)]
    args: dict[str, tuple[int, str]] = {}
    blank: list[tuple[int, int]] = []
    names: set[str] = set()
    for e in mine:
        names.update(_norm(w) for w in _WORD.findall(e.text))
        if e.entity_id in ubiquitous:
            blank.append((e.start, e.end))
        elif (
            e.entity_id not in speakers
            and e.name not in speakers
            and not any(d.start <= e.start < d.end for d in dates)
        ):
            args.setdefault(e.entity_id, (e.start, e.text))
    for a, b in parts:
        for m in _NAME.finditer(text, a, b):
            eid = written.get(m.group())
            if eid is not None and eid not in speakers and not any(e.start <= m.start() < e.end for e in mine):
                args.setdefault(eid, (m.start(), m.group()))
                names.add(_norm(m.group()))
    if not args:
        return None
    pieces = []
    for a, b in parts:
        chars = list(text[a:b])
        for x, y in blank:
            for p in range(max(a, x), min(b, y)):
                chars[p - a] = " "
        pieces.append("".join(chars))
    content = " ".join(" ".join(pieces).split())
    words = [w for w in (_norm(t) for t in _WORD.findall(content)) if len(w) > 3 and w not in stop and w not in names]
    if len(words) < o.min_words:
        return None
    ordered = tuple((eid, name) for eid, (_, name) in sorted(args.items(), key=lambda kv: kv[1][0]))
    speaker = next((q.speaker for q in said if q.speaker), "")
    return Claim(k, speaker or "", ordered, content, tuple(dict.fromkeys(words)))


def claim_scores(
    claims: Sequence[Claim], units: Sequence[Unit], encode: Callable[[list[str]], np.ndarray], opts: ClaimOptions
) -> tuple[np.ndarray, dict[tuple[int, int], str]]:
    """Pair scores of the claims (-1 where not comparable: one origin, or arguments that do not match) and the
    reason of every scored pair."""
    m = len(claims)
    score = np.full((m, m), -1.0, dtype=np.float32)
    why: dict[tuple[int, int], str] = {}
    if m < 2:
        return score, why
    avec = encode([c.argument_text for c in claims])
    ids = [{e for e, _ in c.arguments} for c in claims]
    gated: list[tuple[int, int, float]] = []  # pairs of different origins whose arguments match
    for x in range(m):
        for y in range(x + 1, m):
            if units[claims[x].unit].origin == units[claims[y].unit].origin:
                continue
            arg = 1.0 if ids[x] & ids[y] else float(avec[x] @ avec[y])
            if arg >= opts.argument:
                gated.append((x, y, arg))
    if not gated:
        return score, why
    # only the claims of those pairs are embedded further (contents, and their words one by one)
    used = sorted({k for x, y, _ in gated for k in (x, y)})
    vocab = sorted({w for k in used for w in claims[k].words})
    vecs = encode([claims[k].content for k in used] + vocab)
    cvec = dict(zip(used, vecs[: len(used)], strict=True))
    wvec = dict(zip(vocab, vecs[len(used) :], strict=True))
    for x, y, arg in gated:
        a, b = claims[x], claims[y]
        shared = ids[x] & ids[y]
        pairs = _aligned(a.words, b.words, wvec, opts.word)
        cos = float(cvec[x] @ cvec[y])
        value = cos + opts.match_weight * min(len(pairs), opts.matches)
        score[x, y] = score[y, x] = value
        names = "same entity" if shared else f"{a.argument_text} ~ {b.argument_text} {arg:.2f}"
        words = ", ".join(f"{p}~{q}" if p != q else p for p, q in pairs[: opts.matches])
        why[(x, y)] = why[(y, x)] = f"claim: arguments {names}; contents cosine {cos:.2f}" + (
            f"; words {words}" if words else ""
        )
    return score, why


def _aligned(a: Sequence[str], b: Sequence[str], vec: Mapping[str, np.ndarray], bar: float) -> list[tuple[str, str]]:
    """Content words of two claims aligned one to one, best pairs first: same stem (first five letters) or
    word-embedding cosine >= ``bar``."""
    cands = []
    for p in a:
        for q in b:
            sim = 1.0 if p[:5] == q[:5] else float(vec[p] @ vec[q])
            if sim >= bar:
                cands.append((-sim, p, q))
    used_a: set[str] = set()
    used_b: set[str] = set()
    out = []
    for _, p, q in sorted(cands):
        if p in used_a or q in used_b:
            continue
        used_a.add(p)
        used_b.add(q)
        out.append((p, q))
    return out
