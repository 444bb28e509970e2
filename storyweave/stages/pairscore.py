"""How alike two articles are, as a graded same-story score: what ``storyweave pairs`` reports.

Clustering asks a yes/no question of an article and an event (:mod:`storyweave.stages.similarity`);
reviewing candidate duplicates, or ranking pairs, needs a graded answer: how close to being about the
same happening two texts are, in any two languages. The score combines four signals, each kept in
the output:

- ``cos_text``: cosine of the two texts' vectors, headline plus the whole text (up to
  :data:`TEXT_CHARS` characters; the embedder, multilingual by default, is the store's);
- ``cos_lead``: cosine of the stored article vectors (headline and lead, what clustering compares);
- ``name_words``: overlap of the words the texts capitalise that are rare in their language (names
  of people, places, organisations, products), transliterated to Latin letters so ``Зеленский`` and
  ``Zelenskiy`` share letters, weighted by rarity; it works across languages where names are
  written alike;
- ``figures``: overlap (Jaccard) of the figures the texts give.

The weights are a fractional logistic regression on the graded similarity of the SemEval-2022 task 8
pairs (``bench/train_pair_model.py``; four weights and an intercept, cross-validated), shipped as
JSON in ``stages/data/pair_model.json`` with the out-of-fold correlation it reached.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from storyweave.stages.similarity import _zipf

__all__ = ["PAIR_FEATURES", "PairModel", "load_pair_model", "name_words", "pair_signals", "weighted_jaccard"]

PAIR_FEATURES = ("cos_text", "cos_lead", "name_words", "figures")
#: Characters of a text that go into its whole-text vector (the encoder cuts longer input there too).
TEXT_CHARS = 2000
#: A capitalised word more frequent than this in its language (Zipf scale) is an ordinary word, not a name.
NAME_ZIPF = 4.5
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def name_words(text: str, language: str | None) -> dict[str, float]:
    """Capitalised words rare in ``language``, in Latin letters, each weighted by its rarity (7 - Zipf)."""
    from anyascii import anyascii

    lang = (language or "en").split("-")[0].casefold() or "en"
    out: dict[str, float] = {}
    for m in _WORD.finditer(text):
        w = m.group(0)
        if not w[0].isupper():
            continue
        z = _zipf(w.casefold(), lang)
        if z > NAME_ZIPF:
            continue
        key = anyascii(w).casefold()
        out[key] = max(out.get(key, 0.0), 7.0 - z)
    return out


def weighted_jaccard(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Sum of the smaller weights of the shared keys over the union's total weight (0 when both are empty)."""
    shared = sum(min(a[k], b[k]) for k in a.keys() & b.keys())
    union = sum(a.values()) + sum(b.values()) - shared
    return shared / union if union > 0 else 0.0


def pair_signals(
    text_vectors: tuple[np.ndarray, np.ndarray],
    lead_vectors: tuple[np.ndarray, np.ndarray],
    names: tuple[Mapping[str, float], Mapping[str, float]],
    numbers: tuple[Sequence[str], Sequence[str]],
) -> dict[str, float]:
    """The signals of :data:`PAIR_FEATURES` for one pair (each side: vectors of unit length)."""
    na, nb = set(numbers[0]), set(numbers[1])
    return {
        "cos_text": float(text_vectors[0] @ text_vectors[1]),
        "cos_lead": float(lead_vectors[0] @ lead_vectors[1]),
        "name_words": weighted_jaccard(names[0], names[1]),
        "figures": len(na & nb) / len(na | nb) if na and nb else 0.0,
    }


@dataclass(frozen=True)
class PairModel:
    """Logistic weights over :data:`PAIR_FEATURES`: a score in 0..1, higher = more likely the same story."""

    coef: Mapping[str, float]
    intercept: float
    fitted_on: str = ""
    #: What cross-validation measured when the weights were fitted (the figures in docs/stories.md).
    measured: Mapping[str, Any] | None = None

    def score(self, signals: Mapping[str, float]) -> float:
        z = self.intercept + sum(self.coef[k] * signals.get(k, 0.0) for k in PAIR_FEATURES)
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(PAIR_FEATURES),
            "coef": {k: round(float(self.coef[k]), 6) for k in PAIR_FEATURES},
            "intercept": round(float(self.intercept), 6),
            "fitted_on": self.fitted_on,
            "measured": dict(self.measured or {}),
        }


@lru_cache(maxsize=4)
def load_pair_model(path: str | None = None) -> PairModel:
    """The shipped pair model (``stages/data/pair_model.json``) or one written by the fitting script."""
    if path is None:
        raw = (resources.files("storyweave.stages") / "data" / "pair_model.json").read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    data = json.loads(raw)
    missing = [k for k in PAIR_FEATURES if k not in data["coef"]]
    if missing:
        raise ValueError(f"pair model lacks weights for {', '.join(missing)}")
    return PairModel(
        coef=data["coef"],
        intercept=float(data["intercept"]),
        fitted_on=str(data.get("fitted_on", "")),
        measured=data.get("measured"),
    )
