"""Storage: a :class:`Store` protocol in domain terms, SQLite by default."""

from storyweave.storage.base import ArticleFilter, InputProblem, Store
from storyweave.storage.sqlite import SQLiteStore, open_store

__all__ = ["ArticleFilter", "InputProblem", "SQLiteStore", "Store", "open_store"]
