"""Semantic search: a query's sentence vector against every stored article vector, held in memory.

Full-text search finds words; this finds meaning, across languages (the multilingual encoder the
articles were embedded with encodes the query too). The stored vectors (float16, one per article)
are read once into one matrix per app - about 100 MB at 100,000 articles - and reread only when the
store gained articles; a query is then one matrix-vector product. Only vectors made by the
encoder the query can use are compared: a store embedded by another model (or the synthetic bench
store) says so instead of comparing unlike vectors.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from storyweave.backends.embeddings import EmbeddingBackend, get_embedder
from storyweave.errors import InputError
from storyweave.storage import SQLiteStore, pages

#: Results a semantic query pages through (the nearest ones; past these, closeness means little).
MAX_RESULTS = 200


def embedder_spec(model: str) -> str | None:
    """The :func:`get_embedder` spec that makes vectors named ``model`` (as stored), None for unknown ones."""
    if model.startswith("usem3-"):
        return "usem3"
    if model.startswith("hashing-"):
        return "hashing"
    if model.startswith("st-"):
        return "st:" + model[3:]
    return None


@dataclass(frozen=True)
class _Matrix:
    version: tuple[int, str]
    model: str
    ids: tuple[str, ...]
    vectors: np.ndarray  # (n, dim) float16, unit rows


class SemanticIndex:
    """The in-memory vectors of one store (see the module docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._matrix: _Matrix | None = None

    def _load(self, store: SQLiteStore) -> _Matrix:
        c = store.conn
        n, last = c.execute("SELECT count(*), coalesce(max(ord), '') FROM article_features").fetchone()
        version = (int(n), str(last))
        with self._lock:
            if self._matrix is not None and self._matrix.version == version:
                return self._matrix
            row = c.execute(
                "SELECT embed_model FROM article_features GROUP BY embed_model "
                "ORDER BY count(*) DESC, embed_model LIMIT 1"
            ).fetchone()
            model = "" if row is None else str(row[0])
            ids: list[str] = []
            chunks: list[np.ndarray] = []
            for aid, raw in c.execute(
                "SELECT article_id, vector FROM article_features WHERE embed_model = ? ORDER BY article_id", (model,)
            ):
                ids.append(aid)
                chunks.append(np.frombuffer(raw, dtype="<f2"))
            mat = np.stack(chunks).astype(np.float32) if chunks else np.zeros((0, 1), dtype=np.float32)
            norms = np.linalg.norm(mat, axis=1, keepdims=True)
            mat = (mat / np.where(norms > 0, norms, 1.0)).astype(np.float16)
            self._matrix = _Matrix(version, model, tuple(ids), mat)
            return self._matrix

    def search(
        self, store: SQLiteStore, query: str, *, limit: int, offset: int = 0, encoder: EmbeddingBackend | None = None
    ) -> tuple[int, list[tuple[str, float]]]:
        """(articles compared, one page of (article id, cosine) best first) for ``query``."""
        q = query.strip()
        if not q:
            raise InputError("empty query: give a few words or a sentence")
        m = self._load(store)
        if not m.ids:
            return 0, []
        spec = embedder_spec(m.model)
        if spec is None and encoder is None:
            raise InputError(f"this store's vectors were made by {m.model!r}, which cannot encode a query")
        enc = encoder or get_embedder(str(spec))
        vec = np.asarray(enc.encode([q])[0], dtype=np.float32)
        vec = vec / (float(np.linalg.norm(vec)) or 1.0)
        if vec.shape[0] != m.vectors.shape[1]:
            raise InputError(
                f"the query encoder gives {vec.shape[0]} dimensions, the stored vectors {m.vectors.shape[1]}"
            )
        sims = np.empty(len(m.ids), dtype=np.float32)
        step = 20_000
        for k in range(0, len(m.ids), step):
            sims[k : k + step] = m.vectors[k : k + step].astype(np.float32) @ vec
        want = min(len(sims), offset + limit)
        top = np.argpartition(-sims, want - 1)[:want] if want < len(sims) else np.arange(len(sims))
        order = sorted(top.tolist(), key=lambda i: (-float(sims[i]), m.ids[i]))
        return len(m.ids), [(m.ids[i], round(float(sims[i]), 4)) for i in order[offset : offset + limit]]


def semantic_search(
    store: SQLiteStore, index: SemanticIndex, query: str, *, limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """One page of the articles closest in meaning to ``query``, with the count paged through."""
    compared, hits = index.search(store, query, limit=limit, offset=offset)
    info = pages.briefs(store, [i for i, _ in hits])
    return {
        "query": query.strip(),
        "compared": compared,
        "total": min(compared, MAX_RESULTS),
        "offset": offset,
        "limit": limit,
        "results": [{"article": info[i], "score": s} for i, s in hits if i in info],
    }
