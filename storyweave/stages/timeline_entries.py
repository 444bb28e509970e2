"""How the timeline's entries are made: one entry per group of statements the clustering joined (its date,
line, sources, confidence, kind); the candidate statements come from :mod:`.timeline_candidates`. Internal to
:mod:`storyweave.stages.timeline`, which documents the rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence

import numpy as np

from storyweave.stages.timeline_candidates import WORD, Item, article_day, candidates, clean, storyline_span
from storyweave.stages.timeline_model import (
    EntrySource,
    TimelineArticle,
    TimelineEntry,
    TimelineOptions,
    Unplaced,
)
from storyweave.temporal.context import tense_cues
from storyweave.temporal.lexicon import lexicon
from storyweave.temporal.merge import MergeStep
from storyweave.temporal.periods import Period, human_date, period
from storyweave.temporal.statements import NEWS_DAYS, RECENT_DAYS

__all__ = [
    "Item",
    "article_day",
    "back_reference",
    "candidates",
    "clean",
    "entry_first",
    "entry_last",
    "main_language",
    "make_entry",
    "one_line_once",
    "storyline_span",
]

_BASIS_ORDER = {"stated": 0, "relative": 1, "inferred": 2, "publication": 3}


def one_line_once(
    storyline_id: str,
    built: list[tuple[list[int], TimelineEntry]],
    items: Sequence[Item],
    steps: Mapping[int, MergeStep],
    sims: Mapping[tuple[int, int], float],
    span: tuple[dt.date | None, dt.date | None],
    language: str | None,
    opts: TimelineOptions,
    unplaced: list[Unplaced],
) -> list[TimelineEntry]:
    """A clause with two dates ("the report, published on Tuesday, found cracks in 2019 and 2022") may be the
    best line of two entries; it stays with the entry nearest its report's own day (what the report is about)
    and the other takes another of its statements, or is left out when it has none."""
    by_text: dict[str, list[int]] = {}
    shapes: dict[str, frozenset[str]] = {}
    for n, (_, e) in enumerate(built):
        # the same sentence as two outlets spell it ("organising" / "organizing") is one line
        words = frozenset(w.casefold() for w in WORD.findall(e.text))
        same = next((t for t, w in shapes.items() if _near(words, w)), e.text)
        shapes.setdefault(same, words)
        by_text.setdefault(same, []).append(n)
    out: list[TimelineEntry | None] = [e for _, e in built]
    for owners in by_text.values():
        if len(owners) < 2:
            continue
        keep = min(owners, key=lambda n: (_distance(built[n][1], built[n][0], items), built[n][1].id))
        kept = frozenset(w.casefold() for w in WORD.findall(built[keep][1].text))
        for n in owners:
            if n == keep:
                continue
            g, e = built[n]
            taken = frozenset(
                items[k].text for k in g if _near(frozenset(w.casefold() for w in WORD.findall(items[k].text)), kept)
            ) | {e.text}
            other = make_entry(storyline_id, g, items, steps, sims, span, language, opts, exclude=taken)
            if other is None:
                why = f"its clause is the line of the {built[keep][1].label} entry"
                unplaced.extend(Unplaced(items[k].source.article_id, items[k].text, e.date, why) for k in g)
            out[n] = other
    return [e for e in out if e is not None]


def _near(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two lines with nearly the same words (Jaccard >= 0.8): one sentence, spelled or cut differently."""
    return bool(a | b) and len(a & b) / len(a | b) >= 0.8


def _distance(e: TimelineEntry, group: list[int], items: Sequence[Item]) -> int:
    """Days between the entry's date and the own day of the report its line comes from."""
    src = next(items[k] for k in group if items[k].source.article_id == e.text_article_id and items[k].text == e.text)
    day = article_day(src.source.dates)
    p = period(e.date, e.granularity, e.mod)
    if day is None or p is None or p.first is None or p.last is None:
        return 10**6
    return 0 if p.first <= day <= p.last else min(abs((p.first - day).days), abs((p.last - day).days))


# --- entries ------------------------------------------------------------------------------------------------


def make_entry(
    storyline_id: str,
    group: list[int],
    items: Sequence[Item],
    steps: Mapping[int, MergeStep],
    sims: Mapping[tuple[int, int], float],
    span: tuple[dt.date | None, dt.date | None],
    language: str | None,
    opts: TimelineOptions,
    exclude: frozenset[str] = frozenset(),
) -> TimelineEntry | None:
    """The entry of one group, or None when every line it could take is ``exclude``d."""
    members = [items[k] for k in group]
    dated = [m for m in members if not m.period.yearless]
    stated = [m for m in dated if m.basis != "publication"] or dated
    counts: dict[tuple[str, str | None], set[int]] = {}
    for m in stated:
        counts.setdefault((m.period.value, m.period.mod), set()).add(m.art)
    best = min(
        stated,
        key=lambda m: (
            m.period.rank,
            -len(counts[(m.period.value, m.period.mod)]),
            _BASIS_ORDER[m.basis],
            m.key,
        ),
    )
    p = best.period
    if p.granularity == "time":  # a chronology dates happenings by day; the sources keep the clock time
        p = period(p.value[:10], "day") or p
    arts = sorted({m.art for m in members})
    agree_arts = {m.art for m in members if _same_date(m.period, p)}
    agreement = round(len(agree_arts) / len(arts), 3)
    confidence = _confidence(members, p)
    background, kind = _kind(members, p, span)
    text_k = _describe(group, items, sims, p, language, opts, exclude)
    if text_k is None:
        return None
    desc = items[text_k]
    sources = tuple(_source(k, items, steps) for k in group)
    article_ids = tuple(dict.fromkeys(items[k].source.article_id for k in sorted(group, key=lambda k: items[k].art)))
    outlets = tuple(dict.fromkeys(o for k in group if (o := items[k].source.outlet)))
    actors = tuple(sorted({a for m in members for a in m.actors}))
    reason = (
        f"the most specific date of {len(members)} statement(s): {human_date(p.value, p.granularity, p.mod)} "
        f"({best.basis}, '{best.mention or 'publication day'}' in {best.source.article_id}); "
        f"{len(agree_arts)} of {len(arts)} article(s) give that date"
    )
    keys = [f"{items[k].source.article_id}:{items[k].start}" for k in group]
    digest = hashlib.sha1("|".join([storyline_id, p.value, p.mod or "", *keys]).encode("utf-8")).hexdigest()[:12]
    return TimelineEntry(
        id=f"tl{digest}",
        storyline_id=storyline_id,
        date=p.value,
        granularity=p.granularity,
        mod=p.mod,
        label=human_date(p.value, p.granularity, p.mod),
        text=_focus(desc),
        text_article_id=desc.source.article_id,
        article_ids=article_ids,
        outlets=outlets,
        background=background,
        kind=kind,
        basis=min((m.basis for m in members if _same_date(m.period, p)), key=_BASIS_ORDER.__getitem__),
        agreement=agreement,
        confidence=confidence,
        actors=actors,
        date_reason=reason,
        sources=sources,
    )


def _same_date(a: Period, b: Period) -> bool:
    return not a.yearless and (a.first, a.last) == (b.first, b.last)


def _confidence(members: Sequence[Item], p: Period) -> float:
    """Noisy-or over articles of their best date confidence; a coarser, yearless or lead date counts half."""
    per_article: dict[int, float] = {}
    for m in members:
        c = m.confidence * (1.0 if _same_date(m.period, p) and m.basis != "publication" else 0.5)
        per_article[m.art] = max(per_article.get(m.art, 0.0), c)
    miss = 1.0
    for c in per_article.values():
        miss *= 1.0 - min(c, 0.99)
    return round(1.0 - miss, 3)


def back_reference(members: Sequence[Item], start: dt.date | None) -> bool:
    """A week or coarser that every statement recalls ("last month's loan", "since September"), inside the
    storyline's own span: a reference to happenings the storyline's reports date more exactly."""
    best = min(m.period.rank for m in members)
    last = max((m.period.last for m in members if m.period.last is not None), default=None)
    return (
        best >= 2
        and start is not None
        and last is not None
        and last >= start
        and all(m.role in ("recent", "background") for m in members)
    )


def _kind(members: Sequence[Item], p: Period, span: tuple[dt.date | None, dt.date | None]) -> tuple[bool, str]:
    start, end = span
    if all(m.role == "future" for m in members) or (end is not None and p.first is not None and p.first > end):
        return False, "planned"  # or after the last report's day: nothing there can have been reported
    # an article with no date of its own gives no role: the storyline's first day places its dates
    if start is None or p.last is None or not all(m.role in ("background", "unknown") for m in members):
        return False, "reported"
    old = p.last < start - dt.timedelta(days=RECENT_DAYS)
    worded = any(m.cue for m in members) and p.last < start - dt.timedelta(days=NEWS_DAYS)
    return (True, "background") if old or worded else (False, "reported")


def _describe(
    group: list[int],
    items: Sequence[Item],
    sims: Mapping[tuple[int, int], float],
    p: Period,
    language: str | None,
    opts: TimelineOptions,
    exclude: frozenset[str] = frozenset(),
) -> int | None:
    """The member whose clause reads best as a chronology line, among those that give the entry's date and of
    them those that report it as news when there are any (a later report's look back is about something else):
    central (like the others), a whole
    sentence with a verb, of reasonable length, its date stated and opening it, no other date competing in it,
    not a quotation, in the storyline's main language."""
    lo, hi = opts.text_range
    open_ = [k for k in group if items[k].text not in exclude]
    dated = [k for k in open_ if _same_date(items[k].period, p) and items[k].basis != "publication"] or open_
    news = [k for k in dated if items[k].role == "news"]
    candidates = news or dated
    if not candidates:
        return None

    def score(k: int) -> float:
        it = items[k]
        others = [j for j in group if j != k]
        central = float(np.mean([sims.get((min(k, j), max(k, j)), 0.0) for j in others])) if others else 0.0
        quality = 0.3 if lo <= len(it.text) <= hi else 0.15 if lo <= len(it.text) <= hi * 1.5 else 0.0
        quality += {"stated": 0.3, "relative": 0.3, "inferred": 0.2}.get(it.basis, 0.0)
        quality += 0.1 if it.text[:1].isupper() or it.text[:1].isdigit() else 0.0
        quality += 0.1 if it.text.endswith((".", "!", "?")) else 0.0
        quality += 0.2 if it.mention and it.source.text.find(it.mention, it.start) - it.start < 12 else 0.0
        quality += 0.15 if it.role == "news" and not it.other_dates else 0.0
        quality -= 0.1 * min(it.other_dates, 2)
        quality -= 0.2 if it.cue == "modifier" else 0.0  # "the 2014 annexation": the clause tells of today
        quality -= 0.3 if it.in_quote else 0.0
        caption = not tense_cues(it.text, lexicon(it.source.language))
        quality -= 0.3 if caption else 0.0  # a caption or heading
        quality -= 0.2 if it.period.yearless else 0.0
        quality += 0.45 if language and it.source.language == language else 0.0
        # a report's lead (the first sentence of its body) tells the day's news in one line
        quality += 0.25 if it.role == "news" and not caption and _is_lead(it) else 0.0
        return central + quality

    return max(candidates, key=lambda k: (score(k), tuple(-x for x in items[k].key)))


#: A dateline before the first sentence ("NOVARSK —", "MARROWBY, Estmark (Nordpress) —"): no part of the line.
_DATELINE = re.compile(
    r"^[A-ZÀ-Þ][A-ZÀ-Þ'’. -]{2,}(?:,\s*[^—–()\n]{1,40}?)?(?:\s*\([^()\n]{1,40}\))?\s*(?:—|–|--|-)\s+(?=[\w\"“«„])"
)
#: "since the strike began on 6 October": the happening a "since" looks back to, told in its own words.
_SINCE_CLAUSE = re.compile(r"\b(?:since|depuis que|seit|desde que)\s+(?P<clause>[^,;:()]{8,}?)$", re.IGNORECASE)


def _is_lead(it: Item) -> bool:
    """The statement opens its report's body: nothing before it on its line but a dateline, and nothing before
    that line but short lines that are no sentences (a headline, a byline, a date line, a caption)."""
    *earlier, own = it.source.text[: it.start].split("\n")
    if own.strip() and not _DATELINE.match(own.strip() + " A"):  # only a dateline before it ("DRAVSK (Nordpress) —")
        return False
    return all(len(line) < 160 and not line.rstrip().endswith((".", "!", "?")) for line in earlier if line.strip())


def _focus(it: Item) -> str:
    """The line an entry shows: the statement without a dateline; a date that marks a state is told by its own
    phrase (see :func:`_since_phrase`)."""
    text = _since_phrase(it) if it.cue == "since" and it.mention else it.text
    return _DATELINE.sub("", text, count=1) or text


def _since_phrase(it: Item) -> str:
    """ "Vasylenko, in power since 2004, claimed ..." is told by "Vasylenko, in power since 2004": the
    comma-delimited segment holding the date, with the name it describes before it. "..., their first talks
    since the strike began on 6 October" by what began then: "The strike began on 6 October"."""
    at = it.text.find(it.mention)
    if at > 0:
        since = _SINCE_CLAUSE.search(it.text[:at])
        if (
            since
            and len(WORD.findall(since["clause"])) >= 3
            and tense_cues(since["clause"], lexicon(it.source.language))
        ):
            phrase = since["clause"] + it.text[at : at + len(it.mention)]
            return phrase[:1].upper() + phrase[1:] + "."
    parts = [m.span() for m in re.finditer(r"[^,]+", it.text)]
    idx = next((i for i, (a, b) in enumerate(parts) if a <= at < b), None)
    if idx is None or len(parts) < 2:
        return it.text
    a = parts[idx - 1][0] if idx > 0 and it.text[parts[idx][0] :].lstrip()[:1].islower() else parts[idx][0]
    phrase = it.text[a : parts[idx][1]].strip()
    return phrase if len(WORD.findall(phrase)) >= 4 else it.text


def main_language(arts: Sequence[TimelineArticle]) -> str | None:
    counts: dict[str, int] = {}
    for a in arts:
        if a.language:
            counts[a.language] = counts.get(a.language, 0) + 1
    return min(counts, key=lambda lang: (-counts[lang], lang)) if counts else None


def _source(k: int, items: Sequence[Item], steps: Mapping[int, MergeStep]) -> EntrySource:
    it = items[k]
    step = steps.get(k)
    if step is None:
        reason, score = "the first statement of the entry", None
    else:
        anchor = items[step.anchor]
        via = "" if step.member == k else f"with '{items[step.member].text[:40]}' "
        shared = f"; actors shared: {', '.join(step.shared_actors)}" if step.shared_actors else ""
        reason = (
            f"joined {via}({step.relation} date as '{anchor.text[:60]}', {anchor.source.article_id}): text similarity "
            f"{step.similarity}{shared}; pair score {step.score} (threshold {step.threshold}), mean margin of the "
            f"groups {step.linkage} >= 0"
        )
        score = step.linkage
    return EntrySource(
        article_id=it.source.article_id,
        outlet=it.source.outlet,
        text=it.text,
        date=it.period.value,
        granularity=it.period.granularity,
        mod=it.period.mod,
        basis=it.basis,
        role=it.role,
        confidence=round(it.confidence, 3),
        start=it.start,
        end=it.end,
        context_end=it.context_end,
        mention=it.mention,
        merge_reason=reason,
        merge_score=score,
    )


def entry_first(e: TimelineEntry) -> dt.date:
    p = period(e.date, e.granularity, e.mod)
    return p.first if p is not None and p.first is not None else dt.date.max


def entry_last(e: TimelineEntry) -> dt.date:
    p = period(e.date, e.granularity, e.mod)
    return p.last if p is not None and p.last is not None else dt.date.max
