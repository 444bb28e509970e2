"""Cluster stage: wire groups, events and storylines, built one article at a time in publication order.

For each article, in the order of its stated publication date (undated ones last, ties by id):

1. **Wire copy?** Its MinHash band keys find earlier articles with overlapping text; a close
   enough one (:func:`~storyweave.stages.dedupe.compare_signatures`) makes it a copy: it joins that
   article's wire group and its event.
2. **Which event?** Candidate events are those that share a named entity with it, those whose
   dated span lies near its date, and the most recent ones; never the whole store. Each is scored
   with :mod:`storyweave.stages.similarity`; the best one joins when its probability reaches the
   model's threshold, else the article opens a new event.
3. **Which storyline?** A new event joins the storyline it fits best (shared actors, places and
   topic, over months), or opens one.

Every membership stores its reason: the signals, the probability, the other candidates.

Because order decides, a batch and a stream of the same articles give the same result: when
articles arrive that are older than some already placed, the placements from the oldest new one
onwards are undone and replayed in order. Ids are content-derived (a hash of the founding
member's id), so a replay that rebuilds an event gives it back its id; a replay that changes an
event's founding member is logged.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from storyweave.stages.dedupe import band_keys, compare_signatures
from storyweave.stages.similarity import (
    EventProfile,
    StoryFeatures,
    StoryModel,
    event_signals,
    load_model,
    rarity_weights,
)

__all__ = ["Assignment", "ClusterReport", "MemoryState", "StoryEngine", "StoryState", "make_id"]

#: How many candidate events of each kind are scored for one article.
KEY_CANDIDATES = 40
WINDOW_CANDIDATES = 200
RECENT_CANDIDATES = 50
#: Keys with the highest rarity used to look up candidate events.
LOOKUP_KEYS = 12
#: Storylines look this far back (days) from a dated event; the storyline prior's decay beyond 60 days.
STORYLINE_WINDOW = 180
#: A storyline's profile keeps at most this many words, names and figures (the heaviest; ties by value), so a
#: storyline of thousands of articles costs what one of a few hundred does to load, score and save.
STORYLINE_TERMS = 2000
#: A new event that names people or places joins a storyline only if it names one of the storyline's
#: recurring ones (carried by at least half its events), or its founding article's vector is at least
#: this close to the storyline's mean: words in common alone chain unrelated events into one storyline
#: as it grows (its summed words cover more of any article's words).
STORYLINE_TOPIC_ONLY = 0.6
STORYLINE_KEYS = 1000
STORYLINE_NUMBERS = 500


def make_id(prefix: str, founder: str) -> str:
    """``prefix`` + 14 hex digits of the SHA-256 of the founding member's id."""
    return prefix + hashlib.sha256(founder.encode("utf-8")).hexdigest()[:14]


@dataclass(frozen=True)
class Assignment:
    """Where one article went and why."""

    article_id: str
    event_id: str
    wire_group: str | None
    new_event: bool
    reason: dict[str, Any]


@dataclass
class ClusterReport:
    assigned: int = 0
    new_events: int = 0
    wire_copies: int = 0
    new_storylines: int = 0
    replayed: int = 0
    log: list[dict[str, Any]] = field(default_factory=list)


class StoryState(Protocol):
    """Where the engine reads and writes its state (in memory, or the SQLite store)."""

    def features(self, ids: Sequence[str]) -> dict[str, StoryFeatures]: ...

    def band_matches(self, keys: Sequence[int]) -> list[str]: ...

    def add_bands(self, article_id: str, keys: Sequence[int]) -> None: ...

    def wire_group_of(self, article_id: str) -> str | None: ...

    def set_wire(self, article_id: str, group_id: str, reason: dict[str, Any]) -> None: ...

    def merge_wire_groups(self, kept: str, gone: str) -> None: ...

    def event_of(self, article_id: str) -> str | None: ...

    def event(self, event_id: str) -> EventProfile | None: ...

    def save_event(self, profile: EventProfile) -> None: ...

    def set_member(self, article_id: str, event_id: str, reason: dict[str, Any]) -> None: ...

    def merge_events(self, kept: str, gone: str) -> EventProfile: ...

    def events_with_keys(self, keys: Sequence[str], limit: int) -> list[str]: ...

    def events_near(self, day: int, gap: int, limit: int) -> list[str]: ...

    def recent_events(self, limit: int) -> list[str]: ...

    def doc_freq(self, keys: Iterable[str]) -> tuple[dict[str, int], int]: ...

    def count_keys(self, keys: Iterable[str], delta: int) -> None: ...

    def storyline_of(self, event_id: str) -> str | None: ...

    def storyline(self, storyline_id: str) -> EventProfile | None: ...

    def save_storyline(self, profile: EventProfile, event_id: str, reason: dict[str, Any]) -> None: ...

    def storylines_with_keys(self, keys: Sequence[str], limit: int) -> list[str]: ...

    def storylines_near(self, day: int, gap: int, limit: int) -> list[str]: ...

    def last_order(self) -> str: ...

    def placed_since(self, order: str) -> list[str]: ...

    def unplace(self, article_ids: Sequence[str]) -> None: ...

    def add_log(self, entry: dict[str, Any]) -> None: ...


class StoryEngine:
    """Places articles into wire groups, events and storylines (see the module docstring)."""

    def __init__(self, state: StoryState, model: StoryModel | None = None) -> None:
        self.state = state
        self.model = model or load_model()

    # -- entry point ------------------------------------------------------------------------
    def place(self, new: Sequence[StoryFeatures]) -> ClusterReport:
        """Place ``new`` articles (any order); replays later placements when older articles arrive."""
        report = ClusterReport()
        todo = sorted(new, key=lambda f: f.order)
        if not todo:
            return report
        if self.state.last_order() > todo[0].order:
            redo = self.state.placed_since(todo[0].order)
            if redo:
                before = {a: self.state.event_of(a) for a in redo}
                self.state.unplace(redo)
                known = {f.article_id for f in todo}
                redo_feats = self.state.features([a for a in redo if a not in known])
                todo = sorted([*todo, *redo_feats.values()], key=lambda f: f.order)
                report.replayed = len(redo)
                report.log.append({"kind": "replay", "from": todo[0].order, "articles": len(redo)})
                self._place_all(todo, report)
                moved = sorted(a for a, ev in before.items() if self.state.event_of(a) != ev)
                if moved:
                    entry = {"kind": "replay-moved", "articles": moved[:50], "count": len(moved)}
                    report.log.append(entry)
                for entry in report.log:
                    self.state.add_log(entry)
                return report
        self._place_all(todo, report)
        for entry in report.log:
            self.state.add_log(entry)
        return report

    def _place_all(self, todo: Sequence[StoryFeatures], report: ClusterReport) -> None:
        for f in todo:
            a = self._place_one(f)
            report.assigned += 1
            report.new_events += int(a.new_event)
            report.wire_copies += int(a.wire_group is not None and "copy_of" in a.reason)
            if a.new_event and self._place_storyline(a.event_id, f):
                report.new_storylines += 1

    # -- one article ------------------------------------------------------------------------
    def _place_one(self, f: StoryFeatures) -> Assignment:
        st = self.state
        keys = band_keys(f.signature)
        wire_group, copy_reason, copy_of = self._wire(f, keys)
        st.add_bands(f.article_id, keys)
        df, total = st.doc_freq(f.keys)
        weights = rarity_weights(df, total, f.keys)
        if copy_of is not None and (ev_id := st.event_of(copy_of)) is not None:
            profile = st.event(ev_id)
            assert profile is not None
            signals = event_signals(f, profile, weights)
            reason: dict[str, Any] = {
                "rule": "wire copy",
                "copy_of": copy_of,
                **copy_reason,
                "signals": _rounded(signals),
            }
            new_event = False
        else:
            ev_id, reason = self._best_event(f, weights)
            new_event = ev_id is None
            bridges = list(reason.get("bridges", ()))
            if ev_id is None:
                ev_id = make_id("ev", f.article_id)
                profile = EventProfile(id=ev_id)
            else:
                loaded = st.event(ev_id)
                assert loaded is not None
                profile = loaded
        if wire_group is not None:
            st.set_wire(f.article_id, wire_group, {**copy_reason, "copy_of": copy_of})
        profile.add(f)
        st.save_event(profile)
        st.set_member(f.article_id, ev_id, reason)
        if not new_event and copy_of is None and bridges:
            ev_id = self._merge_bridged(f, ev_id, bridges)
        st.count_keys(f.keys, +1)
        return Assignment(f.article_id, ev_id, wire_group, new_event, reason)

    def _wire(self, f: StoryFeatures, keys: Sequence[int]) -> tuple[str | None, dict[str, Any], str | None]:
        st = self.state
        cands = [a for a in st.band_matches(keys) if a != f.article_id]
        if not cands:
            return None, {}, None
        feats = st.features(cands)
        matches = []
        for a in sorted(cands):
            other = feats.get(a)
            if other is None:
                continue
            m = compare_signatures(f.signature, other.signature)
            if m.is_copy:
                matches.append((m.jaccard, m.containment, a, m))
        if not matches:
            return None, {}, None
        matches.sort(key=lambda t: (-t[0], -t[1], t[2]))
        best = matches[0]
        groups = sorted({g for *_, a, _m in matches if (g := st.wire_group_of(a)) is not None})
        if groups:
            kept = groups[0]
            for gone in groups[1:]:
                st.merge_wire_groups(kept, gone)
        else:
            kept = make_id("wg", best[2])
            st.set_wire(best[2], kept, {"founder": True})
        return kept, best[3].reason(), best[2]

    def _best_event(self, f: StoryFeatures, weights: dict[str, float]) -> tuple[str | None, dict[str, Any]]:
        st = self.state
        from storyweave.stages.similarity import TIME_PRIOR

        lookup = [k for k, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:LOOKUP_KEYS]]
        cands: dict[str, str] = {}
        for e in st.events_with_keys(lookup, KEY_CANDIDATES):
            cands.setdefault(e, "names")
        if f.day is not None:
            half = 0 if f.day_hi is None else (f.day_hi - f.day + 1) // 2
            mid = f.day + half
            for e in st.events_near(mid, int(TIME_PRIOR["max_gap_days"]) + half, WINDOW_CANDIDATES):
                cands.setdefault(e, "date")
        for e in st.recent_events(RECENT_CANDIDATES):
            cands.setdefault(e, "recent")
        profiles = [(e, prof) for e in sorted(cands) if (prof := st.event(e)) is not None]
        scored = []
        for e, profile in _shortlist(f, profiles):
            sig = event_signals(f, profile, weights)
            scored.append((self.model.probability(sig), e, sig))
        scored.sort(key=lambda t: (-t[0], t[1]))
        top = [{"event": e, "p": round(p, 3), "via": cands[e]} for p, e, _ in scored[:5]]
        if scored and scored[0][0] >= self.model.join:
            p, e, sig = scored[0]
            bridges = [(q, other) for q, other, _ in scored[1:] if q >= self.model.join]
            reason = {"rule": "model", "p": round(p, 4), "signals": _rounded(sig), "candidates": top}
            if bridges:
                reason["bridges"] = [other for _, other in bridges]
            return e, reason
        reason = {"rule": "new event", "threshold": self.model.join, "candidates": top, "considered": len(scored)}
        return None, reason

    def _merge_bridged(self, f: StoryFeatures, event_id: str, others: Sequence[str]) -> str:
        """An article that fits several events may show they are one: merge those that fit each other too.

        Each other event is compared, as a whole, with the joined one (its mean vector, summed words and
        recurring names standing in for an article); at the merge threshold they merge, the event founded
        earlier keeping its id. Every merge is logged with its score.
        """
        st = self.state
        current = event_id
        for other in others:
            a, b = st.event(current), st.event(other)
            if a is None or b is None or other == current:
                continue
            df, total = st.doc_freq(b.keys)
            p = self.model.probability(event_signals(_as_article(b), a, rarity_weights(df, total, b.keys)))
            if p < self.model.merge:
                continue
            kept, gone = sorted((a, b), key=lambda ev: (ev.first_order, ev.id))
            st.merge_events(kept.id, gone.id)
            st.add_log({"kind": "event-merge", "kept": kept.id, "gone": gone.id, "via": f.article_id, "p": round(p, 4)})
            current = kept.id
        return current

    # -- storylines -------------------------------------------------------------------------
    def _place_storyline(self, event_id: str, f: StoryFeatures) -> bool:
        """Give a new event (founded by ``f``) a storyline; True when it opens a new one."""
        st = self.state
        df, total = st.doc_freq(f.keys)
        weights = rarity_weights(df, total, f.keys)
        lookup = [k for k, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:LOOKUP_KEYS]]
        cands = set(st.storylines_with_keys(lookup, KEY_CANDIDATES))
        if f.day is not None:
            cands.update(st.storylines_near(f.day, STORYLINE_WINDOW, WINDOW_CANDIDATES))
        scored = []
        for s in sorted(cands):
            prof = st.storyline(s)
            if prof is None:
                continue
            sig = event_signals(f, prof, weights)
            gap = sig.pop("gap_days", None)
            p = self.model.probability(sig)
            if gap is not None:
                p *= float(np.exp(-max(0.0, gap - 60.0) / 60.0))
            if f.keys and sig["names_core"] == 0.0 and sig["cos_centroid"] < STORYLINE_TOPIC_ONLY:
                p = 0.0  # names none of the storyline's recurring actors or places, and is not that close in topic
            scored.append((p, s, sig, gap))
        scored.sort(key=lambda t: (-t[0], t[1]))
        top = [{"storyline": s, "p": round(p, 3)} for p, s, *_ in scored[:5]]
        if scored and scored[0][0] >= self.model.storyline:
            p, s, sig, gap = scored[0]
            prof = st.storyline(s)
            assert prof is not None
            prof.add(f)
            _bound_storyline(prof)
            reason = {"rule": "model", "p": round(p, 4), "signals": _rounded(sig), "gap_days": gap, "candidates": top}
            st.save_storyline(prof, event_id, reason)
            return False
        prof = EventProfile(id=make_id("sl", event_id))
        prof.add(f)
        st.save_storyline(
            prof, event_id, {"rule": "new storyline", "threshold": self.model.storyline, "candidates": top}
        )
        return True


def _heaviest(counts: dict[Any, float], limit: int) -> dict[Any, float] | None:
    """The ``limit`` heaviest entries once there are half as many again (None: leave as is)."""
    if len(counts) <= limit + limit // 2:
        return None
    keep = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:limit]
    return dict(keep)


def _bound_storyline(prof: EventProfile) -> None:
    """Keep a storyline's words, names and figures to their heaviest (see ``STORYLINE_TERMS``)."""
    changed = False
    if (terms := _heaviest(prof.terms, STORYLINE_TERMS)) is not None:
        prof.terms = terms
        changed = True
    if (keys := _heaviest(dict(prof.keys), STORYLINE_KEYS)) is not None:
        prof.keys = Counter({k: int(v) for k, v in keys.items()})
        changed = True
    if (numbers := _heaviest(dict(prof.numbers), STORYLINE_NUMBERS)) is not None:
        prof.numbers = Counter({k: int(v) for k, v in numbers.items()})
        changed = True
    if changed:
        prof._memo.clear()


#: Candidates scored in full after the quick pass (vector cosine plus shared names).
SHORTLIST = 30


def _shortlist(f: StoryFeatures, profiles: list[tuple[str, EventProfile]]) -> list[tuple[str, EventProfile]]:
    """The candidates worth the full signals: the best by mean-vector cosine plus the share of shared names.

    The full word and member signals cost a few hundred dictionary lookups per candidate; this quick
    pass (one dot product, one set intersection) keeps the cost per article flat when many events
    share a common name or a busy news day.
    """
    if len(profiles) <= SHORTLIST:
        return profiles
    mine = set(f.keys)
    quick = []
    for e, p in profiles:
        shared = len(mine.intersection(p.keys)) / len(mine) if mine else 0.0
        quick.append((float(f.vector @ p.centroid) + shared, e, p))
    quick.sort(key=lambda t: (-t[0], t[1]))
    return sorted(((e, p) for _, e, p in quick[:SHORTLIST]), key=lambda t: t[0])


def _as_article(ev: EventProfile) -> StoryFeatures:
    """An event as a pseudo-article: its mean vector, its strongest words, its recurring names and figures."""
    from storyweave.stages.dedupe import Signature
    from storyweave.stages.similarity import MAX_TERMS

    need = max(1.0, ev.size / 2)
    top = sorted(ev.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    norm = float(np.sqrt(sum(x * x for _, x in top))) or 1.0
    return StoryFeatures(
        article_id=ev.id,
        order=ev.last_order,
        day=ev.first_day,
        vector=ev.centroid,
        keys=tuple(sorted(k for k, n in ev.keys.items() if n >= need)),
        numbers=tuple(sorted(k for k, n in ev.numbers.items() if n >= need)),
        years=tuple(sorted(k for k, n in ev.years.items() if n >= need)),
        signature=Signature(np.zeros(0, dtype=np.uint32), 0),
        terms=tuple((t, x / norm) for t, x in top),
        language=min(ev.languages, key=lambda k: (-ev.languages[k], k)) if ev.languages else None,
    )


def _rounded(signals: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in sorted(signals.items())}


# ---------------------------------------------------------------- in-memory state


class MemoryState:
    """A :class:`StoryState` in dictionaries: for benches, ``storyweave pairs`` and tests."""

    def __init__(self) -> None:
        self.feats: dict[str, StoryFeatures] = {}
        self.bands: dict[int, list[str]] = {}
        self.wire: dict[str, str] = {}
        self.wire_reason: dict[str, dict[str, Any]] = {}
        self.member: dict[str, str] = {}
        self.member_reason: dict[str, dict[str, Any]] = {}
        self.events: dict[str, EventProfile] = {}
        self.event_order: dict[str, str] = {}
        self.key_events: dict[str, set[str]] = {}
        self.df: Counter[str] = Counter()
        self.total = 0
        self.story_of: dict[str, str] = {}
        self.stories: dict[str, EventProfile] = {}
        self.key_stories: dict[str, set[str]] = {}
        self.placed: dict[str, str] = {}
        self.log: list[dict[str, Any]] = []

    def remember(self, feats: Iterable[StoryFeatures]) -> None:
        for f in feats:
            self.feats[f.article_id] = f

    def features(self, ids: Sequence[str]) -> dict[str, StoryFeatures]:
        return {i: self.feats[i] for i in ids if i in self.feats}

    def band_matches(self, keys: Sequence[int]) -> list[str]:
        return sorted({a for k in keys for a in self.bands.get(k, ())})

    def add_bands(self, article_id: str, keys: Sequence[int]) -> None:
        for k in keys:
            lst = self.bands.setdefault(k, [])
            if article_id not in lst:
                lst.append(article_id)

    def wire_group_of(self, article_id: str) -> str | None:
        return self.wire.get(article_id)

    def set_wire(self, article_id: str, group_id: str, reason: dict[str, Any]) -> None:
        self.wire[article_id] = group_id
        self.wire_reason[article_id] = reason

    def merge_wire_groups(self, kept: str, gone: str) -> None:
        for a, g in list(self.wire.items()):
            if g == gone:
                self.wire[a] = kept
        self.log.append({"kind": "wire-merge", "kept": kept, "gone": gone})

    def event_of(self, article_id: str) -> str | None:
        return self.member.get(article_id)

    def event(self, event_id: str) -> EventProfile | None:
        return self.events.get(event_id)

    def save_event(self, profile: EventProfile) -> None:
        self.events[profile.id] = profile
        self.event_order[profile.id] = profile.last_order
        for k in profile.keys:
            self.key_events.setdefault(k, set()).add(profile.id)

    def merge_events(self, kept: str, gone: str) -> EventProfile:
        for a, ev in list(self.member.items()):
            if ev == gone:
                self.member[a] = kept
        self.events.pop(gone, None)
        self.story_of.pop(gone, None)
        prof = EventProfile(id=kept)
        for a in sorted((a for a, ev in self.member.items() if ev == kept), key=lambda a: self.feats[a].order):
            prof.add(self.feats[a])
        self.save_event(prof)
        self._rebuild_storylines()
        self._reindex()
        return prof

    def set_member(self, article_id: str, event_id: str, reason: dict[str, Any]) -> None:
        self.member[article_id] = event_id
        self.member_reason[article_id] = reason
        f = self.feats.get(article_id)
        self.placed[article_id] = f.order if f else ""

    def _recent(self, ids: Iterable[str], order: dict[str, str], limit: int) -> list[str]:
        return sorted(ids, key=lambda e: (order.get(e, ""), e), reverse=True)[:limit]

    def events_with_keys(self, keys: Sequence[str], limit: int) -> list[str]:
        out: list[str] = []
        for k in keys:
            out.extend(self._recent(self.key_events.get(k, ()), self.event_order, limit))
        return sorted(set(out))

    def events_near(self, day: int, gap: int, limit: int) -> list[str]:
        hits = [e for e, p in self.events.items() if (g := p.gap_days(day)) is not None and g <= gap]
        return self._recent(hits, self.event_order, limit)

    def recent_events(self, limit: int) -> list[str]:
        return self._recent(self.events, self.event_order, limit)

    def doc_freq(self, keys: Iterable[str]) -> tuple[dict[str, int], int]:
        return {k: self.df[k] for k in keys}, self.total

    def count_keys(self, keys: Iterable[str], delta: int) -> None:
        for k in set(keys):
            self.df[k] += delta
        self.total += delta

    def storyline_of(self, event_id: str) -> str | None:
        return self.story_of.get(event_id)

    def storyline(self, storyline_id: str) -> EventProfile | None:
        return self.stories.get(storyline_id)

    def save_storyline(self, profile: EventProfile, event_id: str, reason: dict[str, Any]) -> None:
        self.stories[profile.id] = profile
        self.story_of[event_id] = profile.id
        for k in profile.keys:
            self.key_stories.setdefault(k, set()).add(profile.id)

    def storylines_with_keys(self, keys: Sequence[str], limit: int) -> list[str]:
        order = {s: p.last_order for s, p in self.stories.items()}
        out: list[str] = []
        for k in keys:
            out.extend(self._recent(self.key_stories.get(k, ()), order, limit))
        return sorted(set(out))

    def storylines_near(self, day: int, gap: int, limit: int) -> list[str]:
        order = {s: p.last_order for s, p in self.stories.items()}
        hits = [s for s, p in self.stories.items() if (g := p.gap_days(day)) is not None and g <= gap]
        return self._recent(hits, order, limit)

    def last_order(self) -> str:
        return max(self.placed.values(), default="")

    def placed_since(self, order: str) -> list[str]:
        return sorted((a for a, o in self.placed.items() if o >= order), key=lambda a: self.placed[a])

    def unplace(self, article_ids: Sequence[str]) -> None:
        gone = set(article_ids)
        touched_events = {self.member[a] for a in gone if a in self.member}
        for a in gone:
            self.member.pop(a, None)
            self.member_reason.pop(a, None)
            self.placed.pop(a, None)
            self.wire.pop(a, None)
            f = self.feats.get(a)
            if f is not None:
                self.count_keys(f.keys, -1)
                for k in band_keys(f.signature):
                    if a in self.bands.get(k, []):
                        self.bands[k].remove(a)
        # rebuild touched events from their remaining members; storylines of removed events go too
        for e in touched_events:
            rest = sorted((a for a, ev in self.member.items() if ev == e), key=lambda a: self.feats[a].order)
            self.events.pop(e, None)
            if rest:
                prof = EventProfile(id=e)
                for a in rest:
                    prof.add(self.feats[a])
                self.save_event(prof)
            else:
                self.story_of.pop(e, None)
        self._rebuild_storylines()
        self._reindex()

    def _rebuild_storylines(self) -> None:
        stories: dict[str, EventProfile] = {}
        for e, s in sorted(self.story_of.items()):
            if e not in self.events:
                continue
            founder = self.events[e].member_ids[0] if self.events[e].member_ids else None
            prof = stories.setdefault(s, EventProfile(id=s))
            if founder and founder in self.feats:
                prof.add(self.feats[founder])
        self.stories = stories
        self.story_of = {e: s for e, s in self.story_of.items() if e in self.events}

    def _reindex(self) -> None:
        self.key_events = {}
        for p in self.events.values():
            for k in p.keys:
                self.key_events.setdefault(k, set()).add(p.id)
        self.event_order = {e: p.last_order for e, p in self.events.items()}
        self.key_stories = {}
        for p in self.stories.values():
            for k in p.keys:
                self.key_stories.setdefault(k, set()).add(p.id)

    def add_log(self, entry: dict[str, Any]) -> None:
        self.log.append(entry)

    # -- read helpers for benches and tests
    def clusters(self) -> dict[str, str]:
        return dict(self.member)

    def storyline_clusters(self) -> dict[str, str]:
        return {a: self.story_of.get(e, e) for a, e in self.member.items()}
