"""A plain-Python view of a spaCy Doc's tokens, read in one array call.

The name rules look at a handful of tokens around every entity; indexing a ``Doc`` (and above
all asking a token for its sentence) builds Cython objects each time and cost more than the rules
themselves. ``Doc.to_array`` hands over offsets and flags at once; texts are slices of the
article text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

__all__ = ["Tokens"]


class Tokens:
    """Token texts, offsets, flags and sentence bounds of one Doc, as lists."""

    def __init__(self, doc: Any, text: str) -> None:
        from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, IS_UPPER, LENGTH, SENT_START

        rows = doc.to_array([IDX, LENGTH, IS_STOP, IS_PUNCT, IS_ALPHA, IS_UPPER, SENT_START, IS_SPACE]).tolist()
        self.source = text
        self.idx = [r[0] for r in rows]
        self.end = [r[0] + r[1] for r in rows]
        self.text = [text[a:b] for a, b in zip(self.idx, self.end, strict=True)]
        self.lower = [t.casefold() for t in self.text]
        self.stop = [bool(r[2]) for r in rows]
        self.punct = [bool(r[3]) for r in rows]
        self.alpha = [bool(r[4]) for r in rows]
        self.upper = [bool(r[5]) for r in rows]
        self.space = [bool(r[7]) for r in rows]
        self._starts = [0, *(i for i, r in enumerate(rows) if i and r[6] == 1)]

    def __len__(self) -> int:
        return len(self.text)

    def span(self, start: int, end: int) -> str:
        """The article text of tokens ``start:end``."""
        return self.source[self.idx[start] : self.end[end - 1]] if end > start else ""

    def spaced(self, i: int) -> bool:
        """Whether whitespace follows token ``i``."""
        return i + 1 < len(self.idx) and self.idx[i + 1] > self.end[i]

    def sent_start(self, i: int) -> int:
        """First token of the sentence holding token ``i``."""
        return self._starts[bisect_right(self._starts, i) - 1]

    def sent_end(self, i: int) -> int:
        """One past the last token of the sentence holding token ``i``."""
        k = bisect_right(self._starts, i)
        return self._starts[k] if k < len(self._starts) else len(self.text)

    def token_at(self, start: int, end: int) -> int | None:
        """The token that spans exactly ``start:end`` of the text, if one does."""
        i = bisect_left(self.idx, start)
        return i if i < len(self.idx) and self.idx[i] == start and self.end[i] == end else None

    def starts_sentence(self, i: int) -> bool:
        return self.sent_start(i) == i

    def capitalised(self, i: int) -> bool:
        t = self.text[i]
        return bool(t) and t[0].isupper()
