"""Embed stage: one vector per article for finding the same story across wording and languages.

The vector encodes the headline and the lead (the first ``chars`` characters of the text): news
puts what happened first, and the encoder's cost grows with the text's length. The backend is
swappable (:mod:`storyweave.backends.embeddings`); vectors are computed once, stored with the
backend's name, and a precomputed vector can be passed in instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from storyweave.backends.embeddings import DEFAULT_EMBEDDER, EmbeddingBackend, get_embedder
from storyweave.models import Article

__all__ = ["EmbedStage", "embedding_text"]

#: How much of the text goes into the vector (chosen on the story benchmarks, docs/benchmarks.md).
DEFAULT_CHARS = 600


def embedding_text(title: str | None, text: str, chars: int = DEFAULT_CHARS) -> str:
    """Headline and lead, cut at a word boundary near ``chars`` characters."""
    body = text[:chars]
    if len(text) > chars and " " in body:
        body = body.rsplit(" ", 1)[0]
    head = (title or "").strip()
    if head and not body.startswith(head):
        return f"{head}\n{body}"
    return body


class EmbedStage:
    name = "embed"
    requires = ("title", "text")
    assigns = ("vector",)

    def __init__(self, backend: str | EmbeddingBackend = DEFAULT_EMBEDDER, chars: int = DEFAULT_CHARS) -> None:
        self.backend = get_embedder(backend) if isinstance(backend, str) else backend
        self.chars = chars

    @property
    def model(self) -> str:
        return self.backend.name

    def __call__(self, article: Article) -> np.ndarray:
        return self.encode([article])[0]

    def encode(self, articles: Sequence[Article]) -> np.ndarray:
        """One batched call for all ``articles``: ``(n, dim)`` float32 unit rows."""
        return self.backend.encode([embedding_text(a.title, a.text, self.chars) for a in articles])

    def pipe(self, articles: Iterable[Article]) -> Iterator[np.ndarray]:
        yield from self.encode(list(articles))
