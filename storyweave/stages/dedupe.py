"""Dedupe stage: wire copies (the same text republished) found by MinHash over word shingles.

Per article (in the workers): a 128-permutation MinHash signature of its word 5-shingles
(datasketch), and the LSH band keys that index it. Across articles (in the store's order): the
band keys find candidate copies without comparing against every stored article; a candidate is a
copy when the estimated Jaccard similarity of the two shingle sets is high, or when the shorter
text is almost wholly contained in the longer one (a wire story cut or extended by an outlet).
Copies form a wire group; its original is the earliest stated publication, then the longest
text. What each copy changed (headline, paragraphs added or cut) is worked out when it is shown.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

__all__ = [
    "CopyMatch",
    "Signature",
    "WireDiff",
    "band_keys",
    "choose_original",
    "compare_signatures",
    "copy_diff",
    "signature",
]

NUM_PERM = 128
SHINGLE = 5
#: Candidate threshold for LSH (lower than the copy decision, so trimmed copies are still found).
LSH_THRESHOLD = 0.4
#: A pair is a copy at this estimated Jaccard similarity ...
COPY_JACCARD = 0.55
#: ... or when this share of the shorter text's shingles is in the longer one.
COPY_CONTAINMENT = 0.8
#: Texts with fewer shingles than this are too short to call copies by containment alone.
MIN_SHINGLES = 30
_SEED = 1
_WORD = re.compile(r"\w+", re.UNICODE)


#: (bands, rows per band): what ``datasketch.lsh._optimal_param(0.4, 128, 0.5, 0.5)`` chooses for the
#: candidate threshold (a test checks it; computing it takes seconds of numerical integration).
LSH_BANDS, LSH_ROWS = 32, 4
SCHEME = "affine32"


def lsh_params() -> tuple[int, int]:
    """(bands, rows per band) of the LSH index."""
    return LSH_BANDS, LSH_ROWS


@lru_cache(maxsize=1)
def _permutations() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME).permutations


def _tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(folded)


@dataclass(frozen=True)
class Signature:
    """A MinHash signature (``uint32[128]``) and how many distinct shingles it summarises."""

    values: np.ndarray
    shingles: int

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, raw: bytes, shingles: int) -> Signature:
        return cls(np.frombuffer(raw, dtype="<u4").copy(), shingles)


def signature(text: str) -> Signature:
    """The MinHash signature of ``text``'s word 5-shingles (case and punctuation ignored)."""
    from datasketch import MinHash

    toks = _tokens(text)
    grams = {" ".join(toks[i : i + SHINGLE]) for i in range(max(1, len(toks) - SHINGLE + 1))} if toks else set()
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations(), scheme=SCHEME)
    if grams:
        m.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return Signature(np.asarray(m.hashvalues, dtype=np.uint64).astype(np.uint32), len(grams))


def band_keys(sig: Signature) -> list[int]:
    """One signed 64-bit key per LSH band (band index mixed in), for an SQL index."""
    bands, rows = lsh_params()
    raw = sig.to_bytes()
    out = []
    for b in range(bands):
        chunk = raw[b * rows * 4 : (b + 1) * rows * 4]
        digest = hashlib.blake2b(bytes([b]) + chunk, digest_size=8).digest()
        out.append(int.from_bytes(digest, "little", signed=True))
    return out


@dataclass(frozen=True)
class CopyMatch:
    """Why two articles are (or are not) copies of one text."""

    jaccard: float
    containment: float
    is_copy: bool

    def reason(self) -> dict[str, Any]:
        return {"jaccard": round(self.jaccard, 3), "containment": round(self.containment, 3)}


def compare_signatures(a: Signature, b: Signature) -> CopyMatch:
    """Estimated Jaccard similarity and containment of the shorter in the longer, and the copy decision."""
    if a.shingles == 0 or b.shingles == 0:
        return CopyMatch(0.0, 0.0, False)
    j = float(np.mean(a.values == b.values))
    small, large = sorted((a.shingles, b.shingles))
    # |A∩B| = J(|A|+|B|)/(1+J); containment of the smaller set in the larger
    containment = min(1.0, j * (small + large) / ((1.0 + j) * small))
    is_copy = j >= COPY_JACCARD or (containment >= COPY_CONTAINMENT and small >= MIN_SHINGLES)
    return CopyMatch(j, containment, is_copy)


class DedupeStage:
    """Per article: the MinHash signature the wire-group step needs."""

    name = "dedupe"
    requires = ("text",)
    assigns = ("minhash",)

    def __call__(self, text: str) -> Signature:
        return signature(text)

    def pipe(self, texts: Iterable[str]) -> Iterator[Signature]:
        for t in texts:
            yield signature(t)


# ---------------------------------------------------------------- what a copy changed


@dataclass(frozen=True)
class WireDiff:
    """How a copy differs from its group's original."""

    headline_changed: bool
    original_title: str | None
    title: str | None
    added: tuple[str, ...]
    cut: tuple[str, ...]
    edited: int

    def summary(self) -> str:
        parts = []
        if self.headline_changed:
            parts.append("new headline")
        if self.added:
            parts.append(f"{len(self.added)} paragraph{'s' * (len(self.added) != 1)} added")
        if self.cut:
            parts.append(f"{len(self.cut)} paragraph{'s' * (len(self.cut) != 1)} cut")
        if self.edited:
            parts.append(f"{self.edited} edited")
        return ", ".join(parts) or "identical text"


def _para_key(p: str) -> str:
    return " ".join(_tokens(p))


def copy_diff(original_title: str | None, original_text: str, title: str | None, text: str) -> WireDiff:
    """Headline change and paragraphs added, cut or edited, from the original to the copy."""
    a = [p for p in original_text.split("\n") if p.strip()]
    b = [p for p in text.split("\n") if p.strip()]
    sm = difflib.SequenceMatcher(a=[_para_key(p) for p in a], b=[_para_key(p) for p in b], autojunk=False)
    added: list[str] = []
    cut: list[str] = []
    edited = 0
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "insert":
            added.extend(b[j1:j2])
        elif op == "delete":
            cut.extend(a[i1:i2])
        elif op == "replace":
            pairs = min(i2 - i1, j2 - j1)
            close = sum(
                1
                for k in range(pairs)
                if difflib.SequenceMatcher(a=_para_key(a[i1 + k]), b=_para_key(b[j1 + k])).quick_ratio() >= 0.6
            )
            edited += close
            cut.extend(a[i1 + close : i2])
            added.extend(b[j1 + close : j2])
    changed = _para_key(original_title or "") != _para_key(title or "")
    return WireDiff(changed, original_title, title, tuple(added), tuple(cut), edited)


def choose_original(members: Sequence[tuple[str, str, int]]) -> str:
    """The group's original among ``(article_id, order_key, text_length)``: earliest, then longest, then id."""
    return min(members, key=lambda m: (m[1], -m[2], m[0]))[0]
