"""Swappable models behind small protocols: sentence embeddings and NLP pipelines.

Heavy imports are lazy (nothing loads until a backend is first used), model files are verified
when they load, and a missing optional package raises :class:`~storyweave.errors.NotInstalledError`
with the command that installs it.
"""

from __future__ import annotations

from storyweave.backends.embeddings import EmbeddingBackend, get_embedder
from storyweave.backends.nlp import NlpBackend, get_nlp

__all__ = ["EmbeddingBackend", "NlpBackend", "get_embedder", "get_nlp"]
