"""Deterministic identifiers.

An article id is derived from the raw bytes of its input record, so reading the
same input twice (from any path) gives the same id, and a store can tell what it
already holds without extracting anything.
"""

from __future__ import annotations

import hashlib


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def document_id(raw: bytes) -> str:
    """``a`` + the first 15 hex digits of the record's SHA-256 (60 bits)."""
    return "a" + content_hash(raw)[:15]
