"""JSON for the per-article analysis records (frozen dataclasses), with an allow-list of types.

A store may come from someone else, so nothing is unpickled: records are written as JSON objects
tagged with their class name, and only the classes listed here can be built back. Tuples are
written as JSON arrays and read back as tuples (the records are frozen dataclasses of tuples).
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from typing import TYPE_CHECKING, Any

import numpy as np

from storyweave.errors import StoreError

if TYPE_CHECKING:
    from storyweave.stages.ledger import QuoteVectors


def _types() -> dict[str, type]:
    from storyweave.stages.dates import ArticleDates
    from storyweave.stages.entities import ArticleEntities, Chain, Mention
    from storyweave.stages.quotes import Quote
    from storyweave.temporal.infer import InferredDate
    from storyweave.temporal.mentions import DateMention
    from storyweave.temporal.statements import DatedStatement

    return {
        t.__name__: t
        for t in (ArticleEntities, Chain, Mention, Quote, ArticleDates, DateMention, DatedStatement, InferredDate)
    }


_TYPES: dict[str, type] | None = None


def _plain(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {"__type__": type(obj).__name__}
        for f in dataclasses.fields(obj):
            out[f.name] = _plain(getattr(obj, f.name))
        return out
    if isinstance(obj, tuple | list):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    return obj


def _build(obj: Any) -> Any:
    global _TYPES
    if isinstance(obj, list):
        return tuple(_build(x) for x in obj)
    if isinstance(obj, dict):
        name = obj.get("__type__")
        if name is None:
            return {k: _build(v) for k, v in obj.items()}
        if _TYPES is None:
            _TYPES = _types()
        cls = _TYPES.get(name)
        if cls is None:
            raise StoreError(f"stored record of unknown type {name!r}; the store was written by another program")
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: _build(v) for k, v in obj.items() if k in names})
    return obj


def encode(obj: Any) -> bytes:
    """A record as compressed JSON."""
    return zlib.compress(json.dumps(_plain(obj), ensure_ascii=False, sort_keys=True).encode("utf-8"), 3)


def decode(raw: bytes) -> Any:
    return _build(json.loads(zlib.decompress(raw).decode("utf-8")))


def encode_vectors(vectors: QuoteVectors) -> bytes:
    """Quote vectors as a small JSON header (model, ids, shape) and the float32 rows."""
    header = json.dumps({"model": vectors.model, "ids": list(vectors.ids), "shape": list(vectors.matrix.shape)})
    raw = header.encode("utf-8")
    return len(raw).to_bytes(4, "little") + raw + np.ascontiguousarray(vectors.matrix, dtype="<f4").tobytes()


def decode_vectors(raw: bytes) -> QuoteVectors:
    from storyweave.stages.ledger import QuoteVectors

    try:
        size = int.from_bytes(raw[:4], "little")
        header = json.loads(raw[4 : 4 + size].decode("utf-8"))
        matrix = np.frombuffer(raw[4 + size :], dtype="<f4").reshape(header["shape"]).astype(np.float32)
        return QuoteVectors(str(header["model"]), tuple(header["ids"]), matrix)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise StoreError(f"stored quote vectors are damaged ({exc})") from exc
