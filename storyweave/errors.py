"""One exception hierarchy. Messages say what went wrong and what to do."""

from __future__ import annotations


class StoryweaveError(Exception):
    """Base class for every error storyweave raises on purpose."""


class InputError(StoryweaveError):
    """An input file or record cannot be read. The message names the problem."""


class SkipInput(StoryweaveError):
    """The input was read but holds nothing to store (e.g. a page with no article)."""


class NoArticleError(SkipInput):
    """Extraction found no article text in the input."""


class StoreError(StoryweaveError):
    """The store cannot be opened or written."""


class NotFoundError(StoryweaveError):
    """A requested article (or other record) is not in the store."""


class ConfigError(StoryweaveError):
    """A setting has a value storyweave cannot use."""


class NotInstalledError(StoryweaveError):
    """An optional model or library is not installed. The message says what to install."""
