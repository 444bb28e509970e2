"""Choosing the title of a scraped page among its headline-like lines.

The candidates (lines that look like a headline, not like page furniture, a byline or a date) are found
by :mod:`storyweave.extraction.textmeta`; here they are scored from several signals: being the first
candidate, being the headline-like line just before the first body paragraph, being repeated elsewhere
on the page. Candidates past the head of the page and very short ones lose points.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from storyweave.extraction.textfeatures import strip_markdown
from storyweave.models import Field

__all__ = ["best_headline"]

# Text primitives, the same as in textmeta.
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_KEY = re.compile(r"[\W_]+", re.UNICODE)


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return _KEY.sub("", "".join(c for c in folded if not unicodedata.combining(c)))


def best_headline(
    lines: Sequence[str], cands: Sequence[int], head_end: int, keep: Sequence[bool], prose: Sequence[bool]
) -> Field | None:
    """The best-scored title among the candidate line indexes ``cands`` (in page order) of page ``lines``.

    ``head_end`` is the index of the first body paragraph; ``keep`` and ``prose`` tell, per line, whether the
    cleaner kept it and whether it reads as prose. None when there is no candidate.
    """
    if not cands:
        return None
    before = None
    for j in range(head_end - 1, max(head_end - 8, -1), -1):
        if j in cands:
            before = j
            break
        if keep[j] and prose[j]:
            break
    counts: dict[str, int] = {}
    for ln in lines:
        k = _key(ln)
        counts[k] = counts.get(k, 0) + 1
    first_key = _key(lines[cands[0]])
    before_key = None if before is None else _key(lines[before])
    best, best_score = cands[0], -1.0
    for i in cands:
        key = _key(lines[i])
        score = 0.3
        score += 0.15 if key == first_key else 0.0
        score += 0.25 if key == before_key else 0.0
        score += 0.3 if counts.get(key, 0) >= 2 else 0.0
        score -= 0.3 if i > head_end else 0.0
        score -= 0.15 if len(_words(lines[i])) <= 3 else 0.0
        if score > best_score:
            best, best_score = i, score
    conf = round(min(0.95, max(0.1, best_score)), 2)
    return Field(" ".join(strip_markdown(lines[best]).split()), "text-headline", conf, lines[best])
