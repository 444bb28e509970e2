"""storyweave: a news story engine.

Raw news from many outlets in (HTML, WARC, RSS/Atom, scraped text, JSON Lines);
clean articles with attributed metadata out, in a store other stages build on.
"""

from __future__ import annotations

import logging

from storyweave.config import ExtractOptions, IngestOptions
from storyweave.errors import (
    ConfigError,
    InputError,
    NoArticleError,
    NotFoundError,
    SkipInput,
    StoreError,
    StoryweaveError,
)
from storyweave.models import Article, Document, Field, RemovedBlock
from storyweave.pipeline import IngestReport, extract_file, ingest
from storyweave.stages.extract import extract
from storyweave.storage import ArticleFilter, InputProblem, SQLiteStore, Store, open_store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleFilter",
    "ConfigError",
    "Document",
    "ExtractOptions",
    "Field",
    "IngestOptions",
    "IngestReport",
    "InputError",
    "InputProblem",
    "NoArticleError",
    "NotFoundError",
    "RemovedBlock",
    "SQLiteStore",
    "SkipInput",
    "Store",
    "StoreError",
    "StoryweaveError",
    "__version__",
    "extract",
    "extract_file",
    "ingest",
    "open_store",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
