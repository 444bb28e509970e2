"""Same story or not: the signals, and the small model that weighs them.

An article is compared with an event (a group of articles; a single article is the one-member
case, which is how ``storyweave pairs`` scores two texts). Signals, each kept in the reason of
every decision:

- ``cos_centroid`` / ``cos_max``: cosine of the article's vector with the event's mean vector and
  with its closest member (multilingual, so a German report can join an English event);
- ``lex_centroid`` / ``lex_max``: cosine of the article's distinctive words (TF x a fixed rarity
  taken from general word frequencies in its language, so it needs no corpus statistics and is
  the same for a stream and a batch) with the event's summed words and with its closest member;
- ``names``: how much of the article's named entities (transliteration-aware keys from the
  entities stage, weighted by rarity in the store) the event carries, and ``names_core``: how
  much of the event's recurring names the article carries;
- ``people`` / ``people_conflict``: the share of the article's people the event names, and whether
  both name people but none of the event's recurring people is among the article's (the same kind of
  happening to someone else: another arrest, another resignation);
- ``numbers``: a shared figure ("78.4", "1,900"); ``years``: shared or conflicting years named
  in the texts;
- time, when both sides have a stated publication date: days between the article and the event.
  Without dates (ECB+ has none) the time signals are simply absent.

The weights are a logistic regression fitted on the ECB+ training topics (``bench/train_story_model.py``)
and shipped as JSON; the time prior is not fitted (no training set has dates) and is documented
in :data:`TIME_PRIOR`.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from storyweave.stages.dedupe import Signature

__all__ = [
    "FEATURES",
    "EventProfile",
    "StoryFeatures",
    "StoryModel",
    "day_number",
    "distinctive_terms",
    "event_signals",
    "load_model",
    "numbers_in",
    "order_key",
    "period_days",
    "story_features",
    "years_in",
]

#: Signals that compare words, meaningless between two languages.
LEXICAL = ("lex_centroid", "lex_max")
FEATURES = (
    "cos_centroid",
    "cos_max",
    "lex_centroid",
    "lex_max",
    "names",
    "names_core",
    "people",
    "people_conflict",
    "numbers",
    "years",
    "years_conflict",
)

#: Days an article may lie outside an event's dated span and still be compared with it at all, and the
#: penalty per day inside that gap (in logit units). Coverage of one happening runs for days, not
#: weeks; follow-ups weeks later are new events of the same storyline. Not fitted: no training set
#: has dates; checked on the demo corpus, whose events are days apart (docs/benchmarks.md).
TIME_PRIOR = {"max_gap_days": 4, "logit_per_day": 0.6}

_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?:[.,]\d+)?(?![\w])"  # 1,900 / 1.900 / 1 900
    r"|(?<![\w.,])\d+[.,]\d+(?![.,]?\d)"  # 78.4 / 78,4 / 2.5bn
    r"|(?<![\w.,])\d{2,}(?![\w.,]\d)"  # 412
)
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")


def numbers_in(text: str) -> tuple[str, ...]:
    """Figures a report would repeat (two digits or more, decimals, thousands), normalised; years excluded."""
    out = set()
    for m in _NUMBER.finditer(text):
        raw = m.group(0)
        if _YEAR.fullmatch(raw):
            continue
        digits = re.sub(r"[\s\u202f\u00a0]", "", raw)
        # "1,900" / "1.900" / "1 900" -> 1900; "78.4" / "78,4" -> 78.4
        if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", digits):
            digits = re.sub(r"[,.]", "", digits)
        else:
            digits = digits.replace(",", ".")
        out.add(digits)
    return tuple(sorted(out))


def years_in(text: str) -> tuple[int, ...]:
    return tuple(sorted({int(y) for y in _YEAR.findall(text)}))


MAX_TERMS = 64
_TERM = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
#: Words more frequent than this (Zipf scale) are function words everywhere; ignored.
_COMMON_ZIPF = 6.0


#: Languages whose word frequencies weigh the word signals (each table costs about a second to load and
#: tens of MB); in other languages every word weighs the same, by its count alone.
RARITY_LANGUAGES = frozenset(["en", "fr", "de", "es", "it", "pt", "nl", "ru", "pl", "tr", "ar", "sv"])


@lru_cache(maxsize=16)
def _frequencies(lang: str) -> dict[str, float]:
    """wordfreq's frequency table of ``lang`` (loaded once per process; empty when it has none)."""
    from wordfreq import get_frequency_dict

    if lang not in RARITY_LANGUAGES:
        return {}
    try:
        return dict(get_frequency_dict(lang))
    except (LookupError, ValueError, ImportError):
        return {}


def _zipf(word: str, lang: str) -> float:
    """Zipf frequency (log10 of occurrences per billion words) of a lower-case word; 0 for unknown words."""
    f = _frequencies(lang).get(word)
    return math.log10(f) + 9.0 if f else 0.0


logging.getLogger("wordfreq").setLevel(logging.ERROR)  # it warns when it maps a language to its nearest


def distinctive_terms(text: str, language: str | None, limit: int = MAX_TERMS) -> tuple[tuple[str, float], ...]:
    """The text's distinctive words: (1 + log tf) x (7 - Zipf frequency), unit-normalised, top ``limit``."""
    lang = (language or "en").split("-")[0].casefold() or "en"
    counts = Counter(w.casefold() for w in _TERM.findall(text))
    weights = {}
    for w, n in counts.items():
        z = _zipf(w, lang)
        if z > _COMMON_ZIPF:
            continue
        weights[w] = (1.0 + math.log(n)) * (7.0 - z)
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    norm = math.sqrt(sum(x * x for _, x in top)) or 1.0
    return tuple((w, round(x / norm, 5)) for w, x in top)


def period_days(value: str | None, mod: str | None = None) -> tuple[int, int] | None:
    """First and last day of a dated period: a day, a month (``START``/``MID``/``END`` narrow it), a year."""
    import calendar

    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value[:10])
    if m is None:
        return None
    year = int(m.group(1))
    if m.group(3):
        d = day_number(value[:10])
        return None if d is None else (d, d)
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            return None
        last = calendar.monthrange(year, month)[1]
        lo_d, hi_d = {"START": (1, 10), "MID": (11, 20), "END": (21, last)}.get(mod or "", (1, last))
        lo, hi = day_number(f"{year:04d}-{month:02d}-{lo_d:02d}"), day_number(f"{year:04d}-{month:02d}-{hi_d:02d}")
    else:
        lo, hi = day_number(f"{year:04d}-01-01"), day_number(f"{year:04d}-12-31")
    return None if lo is None or hi is None else (lo, hi)


def day_number(value: str | None) -> int | None:
    """Days since 1970-01-01 of a full ISO date or datetime; None for partial or absent dates."""
    if not value or len(value) < 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal() - 719163
    except ValueError:
        return None


@dataclass(frozen=True)
class StoryFeatures:
    """What the story stages need of one article, computed once (in the workers) and stored."""

    article_id: str
    #: Sort key of the processing order: stated publication date (``~`` when there is none), then id.
    order: str
    day: int | None
    vector: np.ndarray
    keys: tuple[str, ...]
    numbers: tuple[str, ...]
    years: tuple[int, ...]
    signature: Signature
    #: The article's distinctive words and their unit-normalised weights (at most ``MAX_TERMS``).
    terms: tuple[tuple[str, float], ...] = ()
    #: Last day of the span when the date is known only to a period (an inferred "late August"); else None.
    day_hi: int | None = None
    language: str | None = None
    title: str | None = None
    outlet: str | None = None
    agencies: tuple[str, ...] = ()
    length: int = 0


def order_key(published: str | None, article_id: str) -> str:
    stated = published if published and day_number(published) is not None else "~"
    return f"{stated[:10]}|{article_id}"


@dataclass
class EventProfile:
    """The running aggregate of an event: what an article is compared with."""

    id: str
    size: int = 0
    vector_sum: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    #: Up to ``MAX_MEMBERS`` member vectors (the first ones), for the closest-member signal.
    members: list[np.ndarray] = field(default_factory=list)
    member_terms: list[dict[str, float]] = field(default_factory=list)
    member_ids: list[str] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)
    languages: Counter[str] = field(default_factory=Counter)
    keys: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    years: Counter[int] = field(default_factory=Counter)
    first_day: int | None = None
    last_day: int | None = None
    last_order: str = ""
    first_order: str = ""
    #: What :func:`event_signals` derives from the aggregate alone (mean vector, word norm, recurring names,
    #: which members carry which word), kept until the next :meth:`add`: a storyline is scored against
    #: a hundred articles between two changes, and these walks over all its words and names dominated.
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    MAX_MEMBERS = 16

    @property
    def centroid(self) -> np.ndarray:
        memo = self._memo.get("centroid")
        if memo is None:
            n = float(np.linalg.norm(self.vector_sum))
            memo = self._memo["centroid"] = self.vector_sum / n if n else self.vector_sum
        return memo

    @property
    def terms_norm(self) -> float:
        """Euclidean norm of the summed word weights."""
        memo = self._memo.get("terms_norm")
        if memo is None:
            memo = self._memo["terms_norm"] = math.sqrt(sum(x * x for x in self.terms.values()))
        return memo

    @property
    def core_keys(self) -> list[str]:
        """The names at least half the members carry (all of them for a one- or two-member event)."""
        memo = self._memo.get("core_keys")
        if memo is None:
            need = max(1.0, self.size / 2)
            memo = self._memo["core_keys"] = [k for k, n in self.keys.items() if n >= need]
        return memo

    @property
    def term_members(self) -> dict[str, list[tuple[int, float]]]:
        """Word -> (member index, weight) of the members that carry it, in member order."""
        memo = self._memo.get("term_members")
        if memo is None:
            memo = {}
            for i, m in enumerate(self.member_terms):
                for t, wt in m.items():
                    memo.setdefault(t, []).append((i, wt))
            self._memo["term_members"] = memo
        return memo

    def add(self, f: StoryFeatures) -> None:
        self._memo.clear()
        v = f.vector.astype(np.float32)
        self.vector_sum = v.copy() if self.size == 0 else self.vector_sum + v
        self.size += 1
        if len(self.members) < self.MAX_MEMBERS:
            self.members.append(v)
            self.member_terms.append(dict(f.terms))
            self.member_ids.append(f.article_id)
        for t, wt in f.terms:
            self.terms[t] = self.terms.get(t, 0.0) + wt
        self.keys.update(set(f.keys))
        if f.language:
            self.languages[f.language] += 1
        self.numbers.update(set(f.numbers))
        self.years.update(set(f.years))
        if f.day is not None and f.day_hi is None:  # a date known only to a month does not widen the span
            self.first_day = f.day if self.first_day is None else min(self.first_day, f.day)
            self.last_day = f.day if self.last_day is None else max(self.last_day, f.day)
        self.last_order = max(self.last_order, f.order)
        self.first_order = min(self.first_order, f.order) if self.first_order else f.order

    def gap_days(self, day: int | None, day_hi: int | None = None) -> int | None:
        """Days from ``day`` (or the span ``day``..``day_hi``) to the event's dated span (0 when they overlap);
        None when either side is undated."""
        if day is None or self.first_day is None or self.last_day is None:
            return None
        hi = day if day_hi is None else day_hi
        if hi < self.first_day:
            return self.first_day - hi
        return max(0, day - self.last_day)

    def to_record(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "keys": dict(sorted(self.keys.items())),
            "numbers": dict(sorted(self.numbers.items())),
            "years": {str(k): v for k, v in sorted(self.years.items())},
            "languages": dict(sorted(self.languages.items())),
            "first_day": self.first_day,
            "last_day": self.last_day,
            "last_order": self.last_order,
            "first_order": self.first_order,
            "member_ids": self.member_ids,
        }


def event_signals(f: StoryFeatures, ev: EventProfile, weight: Mapping[str, float] | None = None) -> dict[str, float]:
    """The signals of article ``f`` against event ``ev`` (see the module docstring)."""
    wt = weight if weight is not None else {}
    out: dict[str, float] = {}
    out["cos_centroid"] = float(f.vector @ ev.centroid) if ev.size else 0.0
    out["cos_max"] = max((float(f.vector @ m) for m in ev.members), default=0.0)
    mine_terms = dict(f.terms)
    norm = ev.terms_norm
    out["lex_centroid"] = sum(x * ev.terms.get(t, 0.0) for t, x in mine_terms.items()) / norm if norm else 0.0
    # each member's word cosine, summed over the shared words only, in the article's word order: a word the
    # member lacks would add an exact 0.0, so the sums are the same numbers as over every word
    lex: list[float] = [0.0 if mine_terms else 0] * len(ev.member_terms)
    by_term = ev.term_members
    for t, x in mine_terms.items():
        for i, m_wt in by_term.get(t, ()):
            lex[i] += x * m_wt
    out["lex_max"] = max(lex, default=0.0)
    mine = set(f.keys)
    total = sum(wt.get(k, 1.0) for k in mine)
    if total > 0 and ev.size:
        out["names"] = sum(wt.get(k, 1.0) * ev.keys[k] / ev.size for k in mine if k in ev.keys) / total
    else:
        out["names"] = 0.0
    core = ev.core_keys
    core_total = sum(wt.get(k, 1.0) for k in core)
    out["names_core"] = sum(wt.get(k, 1.0) for k in core if k in mine) / core_total if core_total > 0 else 0.0
    people = [k for k in mine if k.startswith("p:")]
    ppl_total = sum(wt.get(k, 1.0) for k in people)
    people_sum = sum(wt.get(k, 1.0) * ev.keys[k] / ev.size for k in people if k in ev.keys)
    out["people"] = people_sum / ppl_total if ppl_total else 0.0
    core_people = [k for k in core if k.startswith("p:")]
    out["people_conflict"] = 1.0 if people and core_people and not set(core_people) & set(people) else 0.0
    out["numbers"] = 1.0 if any(n in ev.numbers for n in f.numbers) else 0.0
    shared_year = bool(f.years and ev.years and any(y in ev.years for y in f.years))
    out["years"] = 1.0 if shared_year else 0.0
    out["years_conflict"] = 1.0 if f.years and ev.years and not shared_year else 0.0
    gap = ev.gap_days(f.day, f.day_hi)
    if gap is not None:
        out["gap_days"] = float(gap)
    if f.language and ev.languages and f.language not in ev.languages:
        out["cross_lingual"] = 1.0
    return out


@dataclass(frozen=True)
class StoryModel:
    """Logistic weights over :data:`FEATURES`; thresholds to join an event, to merge two, to join a storyline."""

    coef: Mapping[str, float]
    intercept: float
    join: float
    storyline: float
    trained_on: str = ""
    merge: float = 1.0
    #: Weights for an article and an event in different languages: without the word signals, which
    #: cannot match across languages (fitted on the same rows with those signals left out).
    coef_xl: Mapping[str, float] | None = None
    intercept_xl: float = 0.0

    def logit(self, signals: Mapping[str, float]) -> float:
        if signals.get("cross_lingual") and self.coef_xl is not None:
            z = self.intercept_xl + sum(self.coef_xl.get(k, 0.0) * signals.get(k, 0.0) for k in FEATURES)
        else:
            z = self.intercept + sum(self.coef[k] * signals.get(k, 0.0) for k in FEATURES)
        gap = signals.get("gap_days")
        if gap is not None:
            z -= TIME_PRIOR["logit_per_day"] * max(0.0, gap - 1.0)
        return z

    def probability(self, signals: Mapping[str, float]) -> float:
        gap = signals.get("gap_days")
        if gap is not None and gap > TIME_PRIOR["max_gap_days"]:
            return 0.0
        z = self.logit(signals)
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "coef": {k: round(float(self.coef[k]), 6) for k in FEATURES},
            "intercept": round(float(self.intercept), 6),
            "join": self.join,
            "storyline": self.storyline,
            "merge": self.merge,
            "coef_xl": None if self.coef_xl is None else {k: round(float(v), 6) for k, v in self.coef_xl.items()},
            "intercept_xl": round(float(self.intercept_xl), 6),
            "trained_on": self.trained_on,
        }


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> StoryModel:
    """The shipped model (``stages/data/story_model.json``) or one written by the training script."""
    if path is None:
        raw = (resources.files("storyweave.stages") / "data" / "story_model.json").read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    data = json.loads(raw)
    missing = [k for k in FEATURES if k not in data["coef"]]
    if missing:
        raise ValueError(f"story model lacks weights for {', '.join(missing)}")
    return StoryModel(
        coef=data["coef"],
        intercept=float(data["intercept"]),
        join=float(data["join"]),
        storyline=float(data["storyline"]),
        trained_on=str(data.get("trained_on", "")),
        merge=float(data.get("merge", 1.0)),
        coef_xl=data.get("coef_xl"),
        intercept_xl=float(data.get("intercept_xl", 0.0)),
    )


def rarity_weights(df: Mapping[str, int], total: int, keys: Iterable[str]) -> dict[str, float]:
    """IDF-style weight per key from document frequencies among ``total`` earlier articles."""
    return {k: math.log((total + 2) / (df.get(k, 0) + 1)) for k in keys}


def entity_keys(mentions: Sequence[Any], chains: Sequence[Any]) -> tuple[str, ...]:
    """One key per entity chain of an article (its longest mention's key), people, places and organisations."""
    out = set()
    by_chain: dict[int, Any] = {}
    for m in mentions:
        if m.type not in ("person", "place", "org") or not m.key:
            continue
        best = by_chain.get(m.chain)
        if best is None or len(m.name) > len(best.name):
            by_chain[m.chain] = m
    for m in by_chain.values():
        out.add(m.key)
    return tuple(sorted(out))


def _lang(value: Any) -> str | None:
    return str(value).split("-")[0].casefold() or None if value else None


def story_features(article: Any, vector: np.ndarray, entities: Any | None, sig: Signature) -> StoryFeatures:
    """The :class:`StoryFeatures` of an :class:`~storyweave.models.Article` from the per-article stages."""
    keys = entity_keys(entities.mentions, entities.chains) if entities is not None else ()
    published = article.published
    return StoryFeatures(
        article_id=article.id,
        order=order_key(published, article.id),
        day=day_number(published),
        vector=np.asarray(vector, dtype=np.float32),
        keys=keys,
        numbers=numbers_in(article.text),
        years=years_in(article.text),
        signature=sig,
        terms=distinctive_terms(article.text, article.value("language")),
        language=_lang(article.value("language")),
        title=article.title,
        outlet=article.value("outlet"),
        agencies=tuple(article.agencies),
        length=len(article.text),
    )
