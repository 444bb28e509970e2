"""A publication date inferred when the article states none, or only part of one - always marked as inferred.

Two sources of evidence, each with its own function:

- :func:`infer_published` reads the article alone: a stated day and month are completed with a year when the
  text itself gives that day with a year; otherwise the latest full date the text reports is a lower bound
  (``mod="ON_OR_AFTER"``: the article cannot predate what it reports).
- :func:`infer_published_from_related` uses related articles (the same event, from the event clustering):
  an undated article's statement that matches a dated statement of a related article ("The minister today
  asked for a relief fund" ~ "In late August, the minister announced a relief fund") takes that date, moved by the
  statement's own offset from the publication ("today" 0, "yesterday" +1 day); a stated day and month
  without a year take the year of related statements on the same day and month.

Both return an :class:`InferredDate` with ``source="inferred"``, a granularity, a confidence and an evidence
string a person can check, or None when nothing can be inferred.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storyweave.models import Field
from storyweave.temporal.anchor import Anchor, parse_anchor
from storyweave.temporal.lexicon import words
from storyweave.temporal.mentions import DateMention
from storyweave.temporal.statements import DatedStatement, value_bounds

__all__ = ["InferredDate", "infer_published", "infer_published_from_related"]

#: Below this similarity two statements are not taken to report the same event.
SIMILARITY_THRESHOLD = 0.5
#: With the article's text, the chosen event must stand out (a ratio test): its specificity at least this many
#: times that of the best statement with another date (set on the seed reports, one undated article: revisit
#: on event clusters).
DISTINCT = 1.15
_FULL_YEAR = re.compile(r"^\d{4}")
_YEARLESS_DAY = re.compile(r"^XXXX-\d\d-\d\d$")
_SNIPPET = 140


@dataclass(frozen=True)
class InferredDate:
    """An inferred publication date: TIMEX3 ``value`` (``2020-08`` with ``mod="END"`` is "late August 2020")."""

    value: str
    granularity: str
    confidence: float
    evidence: str
    mod: str | None = None
    basis: str = "text"
    source: str = "inferred"

    def to_field(self) -> Field:
        """The value as an article metadata :class:`~storyweave.models.Field` (source ``inferred``)."""
        return Field(self.value, self.source, round(self.confidence, 3), self.evidence)

    def anchor(self) -> Anchor | None:
        """An anchor for :func:`~storyweave.temporal.mentions.find_dates` when the value names a day."""
        if self.granularity != "day" or self.mod is not None:
            return None
        return parse_anchor(self.value, source="inferred")


def _snip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def infer_published(
    mentions: Sequence[DateMention], *, published: str | None = None, text: str | None = None
) -> InferredDate | None:
    """A publication date from the article's own dated mentions (``published`` is what was stated, if anything).

    Returns None when the stated date is already full, or when the text gives nothing to go on.
    """
    stated = parse_anchor(published)
    if stated is not None and stated.as_date() is not None:
        return None
    full_days = [m for m in mentions if m.granularity == "day" and _FULL_YEAR.match(m.value) and m.type == "date"]
    if stated is not None and stated.year is None and stated.has_day:
        same = [m for m in full_days if m.value[5:10] == f"{stated.month:02d}-{stated.day:02d}"]
        if same:
            best = same[0]
            return InferredDate(
                value=best.value[:10],
                granularity="day",
                confidence=0.8,
                evidence=f"day and month stated ({stated.value}); the text gives that day with its year: "
                f"'{best.text}'" + (f" in '{_snip(_context(text, best))}'" if text else ""),
            )
        return None
    if not full_days:
        years = [m for m in mentions if m.granularity == "year" and m.rule == "year" and _FULL_YEAR.match(m.value)]
        yearless = [m for m in mentions if m.type == "date" and _YEARLESS_DAY.match(m.value)]
        if stated is not None:
            return None
        if yearless:
            latest_day = max(yearless, key=lambda m: (m.value, -m.start))
            bound = f"; the latest year it names is {max(m.value for m in years)}" if years else ""
            return InferredDate(
                value=latest_day.value[:10],
                granularity="day",
                confidence=0.2,
                mod="ON_OR_AFTER",
                evidence=f"no full date in the text; the latest day it names without a year is '{latest_day.text}'"
                + (f" in '{_snip(_context(text, latest_day))}'" if text else "")
                + f" (a lower bound, year unknown{bound})",
            )
        if not years:
            return None
        latest = max(years, key=lambda m: m.value)
        return InferredDate(
            value=latest.value,
            granularity="year",
            confidence=0.2,
            mod="ON_OR_AFTER",
            evidence=f"no full date in the text; the latest year it names is '{latest.text}' (a lower bound)",
        )
    latest = max(full_days, key=lambda m: (m.value, -m.start))
    if stated is not None and stated.year is not None and not latest.value.startswith(f"{stated.year:04d}"):
        return None  # the stated year or month disagrees with the text: keep what was stated
    return InferredDate(
        value=latest.value[:10],
        granularity="day",
        confidence=0.4,
        mod="ON_OR_AFTER",
        evidence=f"latest full date the article reports: '{latest.text}'"
        + (f" in '{_snip(_context(text, latest))}'" if text else "")
        + " (the article cannot be older)",
    )


def _context(text: str | None, m: DateMention) -> str:
    if not text:
        return m.text
    lo = max(text.rfind(". ", 0, m.start), text.rfind("\n", 0, m.start)) + 1
    hi_candidates = [i for i in (text.find(". ", m.end), text.find("\n", m.end)) if i >= 0]
    hi = min(hi_candidates) + 1 if hi_candidates else len(text)
    return text[lo:hi]


def infer_published_from_related(
    statements: Sequence[DatedStatement],
    related: Sequence[DatedStatement],
    similarity: Callable[[str, str], float],
    *,
    published: str | None = None,
    threshold: float = SIMILARITY_THRESHOLD,
    text: str | None = None,
) -> InferredDate | None:
    """A publication date from related articles' dated statements.

    ``statements`` are the undated (or partly dated) article's own, from
    :func:`~storyweave.temporal.statements.dated_statements`; ``related`` are dated statements of related
    articles (their dates resolved against their own publication days); ``similarity(a, b)`` scores two
    clauses in [0, 1] (the lead passes embedding cosine; any callable works). A pair must reach
    ``threshold`` to count. Among those pairs, the related statement the article is most specifically about
    wins: TF-IDF over the candidates, against the whole ``text`` when given (the details the whole article
    shares with one event: "reserve force", "extremist elements"), else against the matched clause.
    """
    stated = parse_anchor(published)
    if stated is not None and stated.as_date() is not None:
        return None
    dated = [r for r in related if _FULL_YEAR.match(r.date)]
    if not dated:
        return None
    if stated is not None and stated.year is None and stated.has_day:
        return _year_for_day(stated, statements, dated, similarity, threshold)
    units = [s for s in statements if s.relative is not None and s.relative.startswith("D")]
    # only statements dated from the publication ("today", "yesterday") place it; plans of the related
    # articles (role "future") are not events that happened on their date
    dated = [r for r in dated if r.role != "future"]
    if text:
        whole = _specificity([text], [_ctx(r) for r in dated])[0]
        specific = [whole for _ in units]
    else:
        specific = _specificity([_ctx(s) for s in units], [_ctx(r) for r in dated])
    best: tuple[float, float, DatedStatement, DatedStatement] | None = None
    for i, own in enumerate(units):
        for j, other in enumerate(dated):
            if _explained_by_other_date(own, other):
                continue  # the match is the other date both clauses name ("after the vote on August 9")
            score = similarity(_ctx(own), _ctx(other))
            if score < threshold:
                continue
            rank = specific[i][j] if text else (score + specific[i][j]) / 2
            if best is None or (rank, score) > best[:2]:
                best = (rank, score, own, other)
    if best is None:
        return None
    rank, score, own, other = best
    if text:
        rivals = [specific[0][j] for j, r in enumerate(dated) if r.date != other.date]
        if rivals and rank < DISTINCT * max(rivals):
            return None  # the article is about this event no more than about another one: no evidence
    offset = int(own.relative[1:]) if own.relative and own.relative[1:].lstrip("+-").isdigit() else 0
    value, gran = _move(other.date, other.granularity, -offset)
    if stated is not None and stated.year is not None and not value.startswith(f"{stated.year:04d}"):
        return None
    where = f" (article {other.article_id})" if other.article_id else ""
    return InferredDate(
        value=value,
        granularity=gran,
        mod=other.mod,
        confidence=round(min(0.9, score) * (0.9 if gran == "day" else 0.7), 3),
        basis="related",
        evidence=f"'{_snip(own.text)}' ({own.mention.text!r}, {own.relative} from publication) reports what a related "
        f"article{where} dates {other.date}{' ' + other.mod if other.mod else ''}: '{_snip(other.text)}' "
        f"(similarity {score:.2f})",
    )


def _ctx(s: DatedStatement) -> str:
    return s.context or s.text


def _explained_by_other_date(own: DatedStatement, other: DatedStatement) -> bool:
    """``own`` also names the day and month that ``other`` is dated on ("asked for help after the August 9 vote"
    ~ "On August 9, the vote was held"): the two share that event, not the publication day's."""
    if other.granularity != "day":
        return False
    md = other.date[4:10]
    return any(v[4:10] == md for v in own.other_dates)


_TERM = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(
    words(
        "the and for that with from this was were has have had are its his her their they said says will would "
        "not but also who which when after than been into over about more other"
    )
)


def _terms(text: str) -> list[str]:
    """Lower-cased words, function words dropped, common endings cut ("burning"/"burn", "forces"/"force")."""
    out = []
    for w in _TERM.findall(text.casefold()):
        if w in _STOP:
            continue
        for suf in ("ing", "ed", "es", "s"):
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w = w[: -len(suf)]
                break
        out.append(w)
    return out


def _specificity(own: Sequence[str], other: Sequence[str]) -> list[list[float]]:
    """TF-IDF cosine between clauses, the IDF taken over these clauses alone: words every candidate shares
    (a president, a country) weigh little, the details that identify one event ("relief fund") weigh much."""
    if not own or not other:
        return [[0.0] * len(other) for _ in own]
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(sublinear_tf=True, analyzer=_terms)
    try:
        x = vec.fit_transform([*own, *other])
    except ValueError:  # only stop words
        return [[0.0] * len(other) for _ in own]
    sims = (x[: len(own)] @ x[len(own) :].T).toarray()
    return [[float(v) for v in row] for row in sims]


def _move(value: str, granularity: str, days: int) -> tuple[str, str]:
    """Shift a day value by ``days``; coarser values stay as they are (a day's offset does not move a month)."""
    if granularity == "day" and days:
        bounds = value_bounds(value)
        if bounds is not None:
            return (bounds[0] + dt.timedelta(days=days)).isoformat(), "day"
    return value[:10] if granularity == "day" else value, granularity


def _year_for_day(
    stated: Anchor,
    statements: Sequence[DatedStatement],
    dated: Sequence[DatedStatement],
    similarity: Callable[[str, str], float],
    threshold: float,
) -> InferredDate | None:
    """--MM-DD stated: the year of related statements dated that same day, the most similar one first."""
    md = f"{stated.month:02d}-{stated.day:02d}"
    same_day = [r for r in dated if r.granularity == "day" and r.date[5:10] == md]
    if not same_day:
        return None
    own_day: list[DatedStatement | None] = [s for s in statements if s.date.endswith(md)] or list(statements)
    best: tuple[float, DatedStatement, DatedStatement | None] | None = None
    for other in same_day:
        for own in own_day or [None]:
            score = similarity(own.text, other.text) if own is not None else 0.0
            if best is None or score > best[0]:
                best = (score, other, own)
    assert best is not None
    score, other, own = best
    if score < threshold and len({r.date[:4] for r in same_day}) > 1:
        return None  # related articles disagree on the year and none matches this one's statements
    year = other.date[:4]
    where = f" (article {other.article_id})" if other.article_id else ""
    match = f"; '{_snip(own.text)}' ~ '{_snip(other.text)}' (similarity {score:.2f})" if own is not None else ""
    return InferredDate(
        value=f"{year}-{md}",
        granularity="day",
        confidence=round(0.5 + 0.4 * min(1.0, max(0.0, score)), 3),
        basis="stated+related",
        evidence=f"day and month stated ({stated.value}); year {year} inferred from a related article{where} "
        f"dated {other.date}{match}",
    )
