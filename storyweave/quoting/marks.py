"""Pair quotation marks into quoted spans.

Handles the styles news text uses: straight ``"…"`` and doubled ``''…''``, curly “…”, German „…“ and
»…«, French/Spanish «…», single ‘…’ and ‚…‘ (told apart from apostrophes by what stands on either
side), and the convention that a quotation running over several paragraphs reopens each paragraph
and closes only at its end. Single-quoted spans inside a double-quoted one are nested quotes and
are not returned on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Opening mark -> the marks that can close it.
_DOUBLE_CLOSERS: dict[str, str] = {
    "“": '”“"',  # mixed typography (“…") is common in scraped text
    "„": "“”",
    "«": "»",
    "»": "«",
    '"': '"”',
    "''": "''",
    "``": "''",
}
_SINGLE_CLOSERS: dict[str, str] = {"‘": "’‘", "‚": "‘’", "'": "'", "‹": "›", "›": "‹"}
_OPENING_CONTEXT = " \t\n([{—–-/:;,"


@dataclass(frozen=True)
class QuoteSpan:
    """One quoted stretch: ``start``/``end`` include the marks; ``closed`` is False for a quote cut off by
    the end of its paragraph that no following paragraph continued."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    paragraphs: int = 1
    single: bool = False

    def inner(self, text: str) -> str:
        return text[self.inner_start : self.inner_end]


def _mark_at(text: str, i: int, table: dict[str, str]) -> str | None:
    two = text[i : i + 2]
    if two in table:
        return two
    return text[i] if text[i] in table else None


def _can_open(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in ("“", "„", "«", "‘", "‚", "``"):
        return not after.isspace() or mark == "«"
    if mark == "»":  # German »…« opens before a word; French/Spanish » closes
        return (before in _OPENING_CONTEXT or before.isspace()) and after.isalnum()
    return (before in _OPENING_CONTEXT or i == 0) and not after.isspace()


def _can_close(text: str, i: int, mark: str, opener: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in ("'", "’") or (mark == "‘" and opener == "‚"):
        # an apostrophe inside a word (don’t, Russia’s) is not a closing mark
        return not before.isspace() and not after.isalnum()
    if mark == "“" and opener == "“":
        return not before.isspace() and not after.isalnum()
    if mark == '"' or mark == "''":
        return not before.isspace() or after in ".,;:!? \n"
    return True


_DOUBLE_CHARS = re.compile("[“”„«»\"`]|''")
_SINGLE_CHARS = re.compile("[‘’‚'‹›]")


def _scan(text: str, lo: int, hi: int, table: dict[str, str]) -> list[tuple[int, int, str, bool]]:
    """(start, end, opener, closed) of the quotes in ``text[lo:hi]`` (one paragraph).

    Only the positions of quotation characters are visited (a regular expression finds them), so the
    cost follows the number of marks, not the length of the text.
    """
    out: list[tuple[int, int, str, bool]] = []
    open_at = -1
    opener = ""
    rx = _DOUBLE_CHARS if table is _DOUBLE_CLOSERS else _SINGLE_CHARS
    skip_to = lo
    for m in rx.finditer(text, lo, hi):
        i = m.start()
        if i < skip_to:
            continue
        if open_at < 0:
            mark = _mark_at(text, i, table)
            if mark is not None and _can_open(text, i, mark):
                open_at, opener = i, mark
                skip_to = i + len(mark)
            continue
        closers = table[opener]
        two = text[i : i + 2]
        mark = two if two == "''" and "''" in closers else (text[i] if text[i] in closers else None)
        if mark is None and opener in ("‘", "'") and text[i] == "’":
            mark = "’"
        if mark is not None and _can_close(text, i, mark, opener):
            out.append((open_at, i + len(mark), opener, True))
            skip_to = i + len(mark)
            open_at = -1
    if open_at >= 0:
        out.append((open_at, hi, opener, False))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return [(a, b) for a, b in spans if text[a:b].strip()]


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every double-quoted span, and single-quoted spans outside them, in text order."""
    paras = _paragraphs(text)
    doubles: list[QuoteSpan] = []
    pending: tuple[int, int, str] | None = None  # an open quote carried to the next paragraph
    carried = 1
    for p_lo, p_hi in paras:
        found = _scan(text, p_lo, p_hi, _DOUBLE_CLOSERS)
        if pending is not None:
            if found and found[0][0] == _first_char(text, p_lo):
                _s0, e0, _op0, closed0 = found[0]
                # the reopened quote: either closes in this paragraph or runs on again
                if closed0 or len(found) == 1:
                    found = found[1:]
                    if closed0:
                        doubles.append(_span(text, pending[0], e0, pending[2], True, carried + 1))
                        pending = None
                    else:
                        pending, carried = (pending[0], e0, pending[2]), carried + 1
                        continue
            else:
                doubles.append(_span(text, pending[0], pending[1], pending[2], False, carried))
                pending = None
        for k, (s, e, op, closed) in enumerate(found):
            if not closed and k == len(found) - 1:
                pending, carried = (s, e, op), 1
            else:
                doubles.append(_span(text, s, e, op, closed, 1))
    if pending is not None:
        doubles.append(_span(text, pending[0], pending[1], pending[2], False, carried))
    singles: list[QuoteSpan] = []
    for p_lo, p_hi in paras:
        for s, e, op, closed in _scan(text, p_lo, p_hi, _SINGLE_CLOSERS):
            if closed and not any(d.start <= s < d.end for d in doubles) and e - s > 3:
                singles.append(_span(text, s, e, op, True, 1, single=True))
    return sorted(doubles + singles, key=lambda q: q.start)


def _first_char(text: str, lo: int) -> int:
    while lo < len(text) and text[lo].isspace():
        lo += 1
    return lo


def _span(text: str, s: int, e: int, opener: str, closed: bool, paragraphs: int, single: bool = False) -> QuoteSpan:
    inner_s = s + len(opener)
    inner_e = e
    while inner_s < e and text[inner_s].isspace():
        inner_s += 1
    if closed:
        inner_e = e - (2 if text[e - 2 : e] in ("''",) else 1)
    while inner_e > inner_s and text[inner_e - 1].isspace():
        inner_e -= 1
    return QuoteSpan(s, e, inner_s, inner_e, closed, paragraphs, single)
