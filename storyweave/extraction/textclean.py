"""Text-level cleaning of scraped page text: keep the article body paragraphs, drop page junk.

The input is plain text already scraped from a news page (a Common Crawl WET record, a copy of a
page's visible text) that still carries menus, captions, related-story lists, comment forms and
footers. Each non-empty line is scored by a small line model (gradient-boosted trees over features
of the line and its neighbourhood, shipped as JSON in ``data/``), the scores are smoothed into one
contiguous body span, and a few generic rules (captions, related links, section headers that end a
story, comment forms, duplicates) refine it. Broken paragraphs are rejoined in the output.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyweave.extraction.textfeatures import (
    DATE_LIKE,
    FEATURE_NAMES,
    STACKED_NAMES,
    TERMINAL,
    TIME_LIKE,
    VOCAB,
    WORD,
    norm_key,
    page_features,
    split_lines,
    stack_features,
    strip_markdown,
    word_count,
)
from storyweave.models import RemovedBlock

MODEL_FORMAT = "storyweave-textclean-gbt/2"
MODEL_PATH = Path(__file__).resolve().parent / "data" / "textclean_model.json"
KEEP_THRESHOLD = 0.5
INLINE_HEADLINE_WORDS = 7
EDGE_THRESHOLD = 0.25

# A short line that announces a list of other stories or the comments: the body ends before it.
SECTION_END = re.compile(
    r"^(related( (articles?|stories|news|posts|content|coverage|topics))?|read more|more (from|on|about|stories|news)"
    r"\b.*|you (may|might) also like|recommended( for you)?|trending( now| stories)?|most (popular|read|viewed|shared)"
    r"|latest( news| stories| articles)?|top stories|more stories|editor'?s picks|popular( now| stories)?"
    r"|opinion( / blog)?.*|comments?( \(\d+\))?|leave a (reply|comment)|join the (conversation|discussion)"
    r"|lesen sie auch|mehr zum thema|das könnte sie auch interessieren|weitere artikel|meistgelesen"
    r"|à lire aussi|lire aussi|les plus lus|sur le même sujet|leer más|noticias relacionadas|lo más leído"
    r"|te puede interesar|leggi anche|articoli correlati|i più letti|gerelateerd|meest gelezen|videos?"
    r"|share this( article| story)?|tags?|topics?|filed under)\s*:?$",
    re.IGNORECASE,
)
RELATED_PREFIX = re.compile(
    r"^(related( article| story| stories| news| content)?|read (more|also)|also read|see also|more|watch|listen"
    r"|lesen sie auch|mehr dazu|auch interessant|lire aussi|à lire aussi|voir aussi|leer más|lea también"
    r"|te puede interesar|leggi anche|vedi anche|ook interessant|original (url|article|source)|source)\s*[:»>|-]",
    re.IGNORECASE,
)
CAPTION_CREDIT = re.compile(
    r"((photo|image|picture|foto|bild|credit|photograph)s?( credit)?\s*[:/©]\s*[^.]{0,60}$)"
    r"|(\*\*[^*]{1,50}\*\*|__[^_]{1,50}__)$|\((photo|image|foto|bild|credit)[^)]{0,80}\)$"
    r"|(via getty images|getty images|/ ?(afp|reuters|ap|epa|dpa)|\b(afp|reuters|ap|epa|dpa) photo)\W*$",
    re.IGNORECASE,
)
CAPTION_VERB = re.compile(
    r"\b(attends|speaks|gestures|looks on|poses|waves|arrives|walks|listens|delivers (a|his|her) speech|"
    r"is seen|are seen|takes part|sits|stands|chairs|addresses|reacts|smiles|shakes hands|pictured)\b",
    re.IGNORECASE,
)
COMMENT_FORM = re.compile(
    r"^(leave a (reply|comment)|post a comment|add a comment|cancel reply|fill in your details|"
    r"you are commenting using|connecting to %s|notify me of|your email address will not be published|"
    r"required fields are marked|comment\s*$|name\s*\*?$|email\s*\*?$|website\s*$|log out\s*/)",
    re.IGNORECASE,
)
BREAKING = re.compile(r"^(breaking( news)?|live|eilmeldung|dernière minute|última hora|ultim'ora)\s*:?$", re.I)
SAID_OR_QUOTE = re.compile(r"\b(said|says|told)\b|[\"“”«»]", re.IGNORECASE)


def model_digest(payload: dict[str, Any]) -> str:
    """sha256 of the model's canonical JSON, without its own ``sha256`` key."""
    body = {k: v for k, v in payload.items() if k != "sha256"}
    canon = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


class LineModel:
    """Gradient-boosted regression trees scored with numpy (all trees and lines at once)."""

    def __init__(self, payload: dict[str, Any], features: tuple[str, ...]) -> None:
        if tuple(payload.get("features", ())) != features:
            raise ValueError("text-clean model: feature list does not match this code")
        feat: list[int] = []
        left: list[int] = []
        right: list[int] = []
        roots: list[int] = []
        thr: list[float] = []
        value: list[float] = []
        depth = 1
        for tree in payload["trees"]:
            off = len(feat)
            roots.append(off)
            feat.extend(max(f, 0) for f in tree["feature"])
            thr.extend(tree["threshold"])
            left.extend(c + off if c >= 0 else -1 for c in tree["left"])
            right.extend(c + off if c >= 0 else -1 for c in tree["right"])
            value.extend(tree["value"])
            depth = max(depth, _depth(tree["left"], tree["right"]))
        self.feature = np.array(feat, dtype=np.int64)
        self.threshold = np.array(thr, dtype=np.float64)
        self.left = np.array(left, dtype=np.int64)
        self.right = np.array(right, dtype=np.int64)
        self.value = np.array(value, dtype=np.float64)
        self.roots = np.array(roots, dtype=np.int64)
        self.depth = depth
        self.init = float(payload["init"])
        self.rate = float(payload["learning_rate"])

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probability that each row (line) belongs to the article body."""
        n = x.shape[0]
        if n == 0:
            return np.zeros(0)
        x32 = np.asarray(x, dtype=np.float64)
        node = np.repeat(self.roots[:, None], n, axis=1)
        cols = np.arange(n)[None, :]
        for _ in range(self.depth):
            leaf = self.left[node] < 0
            go_left = x32[cols, self.feature[node]] <= self.threshold[node]
            node = np.where(leaf, node, np.where(go_left, self.left[node], self.right[node]))
        raw = self.init + self.rate * self.value[node].sum(axis=0)
        return np.asarray(1.0 / (1.0 + np.exp(-raw)))


def _depth(left: list[int], right: list[int]) -> int:
    best, stack = 0, [(0, 0)]
    while stack:
        i, d = stack.pop()
        if left[i] < 0:
            best = max(best, d)
        else:
            stack.extend([(left[i], d + 1), (right[i], d + 1)])
    return best


class Cascade:
    """Two line models: the second also sees the first one's scores around each line."""

    def __init__(self, payload: dict[str, Any]) -> None:
        if payload.get("format") != MODEL_FORMAT:
            raise ValueError(f"text-clean model: unknown format {payload.get('format')!r}")
        self.first = LineModel(payload["first"], FEATURE_NAMES)
        self.second = LineModel(payload["second"], STACKED_NAMES)

    def predict(self, x: np.ndarray, nwords: np.ndarray) -> np.ndarray:
        p1 = self.first.predict(x)
        return self.second.predict(stack_features(x, p1, nwords))


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> Cascade:
    """Read and verify the shipped model once per process."""
    payload = json.loads(Path(path).read_text(encoding="utf-8"))
    if payload.get("sha256") != model_digest(payload):
        raise ValueError(f"text-clean model {path}: sha256 mismatch (file altered or truncated)")
    return Cascade(payload)


@dataclass(frozen=True)
class CleanedText:
    """Result of cleaning: the article paragraphs and what was dropped.

    ``lines`` are the input's non-empty lines (stripped), ``keep`` says per line
    whether it belongs to the article body. ``join_prev`` marks kept lines that continue
    the previous kept line (a paragraph broken mid-sentence), ``scores`` the model's
    per-line body probability, ``body_start``/``body_end`` the body span (inclusive line
    indexes, -1 when no body was found).
    """

    lines: tuple[str, ...]
    keep: tuple[bool, ...]
    removed: tuple[RemovedBlock, ...]
    join_prev: tuple[bool, ...] = ()
    scores: tuple[float, ...] = ()
    body_start: int = -1
    body_end: int = -1

    @property
    def paragraphs(self) -> list[str]:
        out: list[str] = []
        joins = self.join_prev or (False,) * len(self.lines)
        for ln, k, j in zip(self.lines, self.keep, joins, strict=True):
            if not k:
                continue
            ln = strip_markdown(ln)  # the classifier saw the markers (a bold credit marks a caption); readers don't
            if j and out:
                out[-1] = f"{out[-1]} {ln}"
            else:
                out.append(ln)
        return out

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _terminated(line: str) -> bool:
    return bool(TERMINAL.search(line)) or line.endswith((":", ";"))


def _broken_pairs(lines: tuple[str, ...]) -> list[bool]:
    """joins[i]: line i continues line i-1 (i-1 ends mid-sentence, i starts lowercase)."""
    joins = [False] * len(lines)
    for i in range(1, len(lines)):
        prev, cur = lines[i - 1], lines[i]
        if (
            cur[:1].islower()
            and not _terminated(prev)
            and len(prev.split()) >= 5
            and prev[-1:].isalnum()
            and not COMMENT_FORM.search(cur)
        ):
            joins[i] = True
    return joins


def _body_span(scores: np.ndarray, nwords: np.ndarray) -> tuple[int, int]:
    """Contiguous span maximising the summed (score - threshold), weighted by words."""
    gain = (scores - KEEP_THRESHOLD) * np.sqrt(nwords + 1.0)
    best, bs, be = 0.0, 0, -1
    cur, cs = 0.0, 0
    for i, g in enumerate(gain):
        if cur <= 0:
            cur, cs = float(g), i
        else:
            cur += float(g)
        if cur > best:
            best, bs, be = cur, cs, i
    return bs, be


def _rule_reason(line: str, words: int) -> str | None:
    """A reason to drop the line whatever the model says, or None."""
    if words > 60:
        return None
    if COMMENT_FORM.match(line):
        return "comment-form"
    if words <= 12 and RELATED_PREFIX.match(line):
        return "related-link"
    if CAPTION_CREDIT.search(line[-100:]):
        return "caption"
    if words > 25:
        return None
    low = line.lower()
    if words <= 5 and (BREAKING.match(line) or VOCAB["ad"].match(low)):
        return "boilerplate"
    if VOCAB["legal"].search(low) and (not _terminated(line) or LEGAL_LINE.search(line)):
        return "boilerplate"
    if words <= 6 and SECTION_END.match(line.strip(" :-–—|>»")):
        return "related-link"
    if URL_ONLY.match(line):
        return "boilerplate"
    if words <= 20 and not _terminated(line) and DATE_LIKE.search(line) and BYLINE_MARK.search(line):
        return "byline"
    return None


LEGAL_LINE = re.compile(
    r"^(©|\(c\)|copyright)|rights reserved|rechte vorbehalten|droits réservés|derechos reservados", re.IGNORECASE
)
JUNK_VOCAB = ("legal", "subscribe", "social", "nav", "comments", "ad")


def _looks_clean(lines: tuple[str, ...]) -> bool:
    """Already-clean text: it opens and closes with prose, is mostly prose and shows no page vocabulary."""
    if not (_prose(lines[0]) and _prose(lines[-1])):
        return False
    if sum(map(_prose, lines)) < 0.8 * len(lines):
        return False
    return not any(VOCAB[k].search(s) for s in lines if len(s.split()) <= 25 for k in JUNK_VOCAB)


BYLINE_MARK = re.compile(
    r"\||^(by|von|par|por|di)\s|\b(updated|published|posted|created|aktualisiert|veröffentlicht|publié|mis à jour"
    r"|publicado|actualizado|pubblicato|aggiornato)\b",
    re.IGNORECASE,
)
URL_ONLY = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


def _drop_reason(line: str, words: int) -> str:
    """A short machine-readable reason for a line the model dropped."""
    low = line.lower()
    if VOCAB["comments"].search(low) and words <= 12:
        return "comment-form"
    if VOCAB["caption"].search(low):
        return "caption"
    if VOCAB["related"].search(low) and words <= 8:
        return "related-link"
    if any(VOCAB[k].search(low) for k in ("legal", "subscribe", "social", "ad")):
        return "boilerplate"
    if words <= 4:
        return "menu"
    return "low-score"


def clean_text(text: str) -> CleanedText:
    """Keep the article body paragraphs of scraped page ``text``; say why every other line went."""
    page = split_lines(text)
    lines = page.lines
    n = len(lines)
    if n == 0:
        return CleanedText((), (), ())
    nwords = np.array([word_count(s) for s in lines], dtype=float)
    scores = load_model().predict(page_features(page), nwords)
    joins = _broken_pairs(lines)
    for i in range(1, n):
        if joins[i]:
            scores[i - 1] = scores[i] = max(scores[i - 1], scores[i])
    clean = _looks_clean(lines)
    bs, be = (0, n - 1) if clean else _body_span(scores, nwords)
    if be >= bs:  # the span's edges may cut off a weaker prose paragraph right next to it
        while be + 1 < n and scores[be + 1] >= EDGE_THRESHOLD and _prose(lines[be + 1]):
            be += 1
            scores[be] = max(scores[be], KEEP_THRESHOLD)
        while bs > 0 and scores[bs - 1] >= EDGE_THRESHOLD and _prose(lines[bs - 1]):
            bs -= 1
            scores[bs] = max(scores[bs], KEEP_THRESHOLD)
    reasons: list[str | None] = [None] * n
    for i, s in enumerate(lines):
        rule = _rule_reason(s, int(nwords[i]))
        if rule:
            reasons[i] = rule
        elif i < bs or i > be:
            reasons[i] = "outside-body"
        elif scores[i] < KEEP_THRESHOLD and not clean:
            reasons[i] = _drop_reason(s, int(nwords[i]))
    _cut_at_section_end(lines, nwords, reasons, bs, be)
    _drop_lead_caption(lines, reasons)
    _drop_duplicates(lines, reasons)
    _drop_inline_headlines(lines, joins, reasons)
    _mark_title(lines, reasons)
    for i in range(1, n):  # a join only stands between two kept lines
        if joins[i] and (reasons[i] is None) != (reasons[i - 1] is None):
            joins[i] = False
    keep = tuple(r is None for r in reasons)
    removed = tuple(RemovedBlock(s, r) for s, r in zip(lines, reasons, strict=True) if r is not None)
    return CleanedText(
        lines,
        keep,
        removed,
        tuple(j and k for j, k in zip(joins, keep, strict=True)),
        tuple(round(float(v), 4) for v in scores),
        bs if be >= bs else -1,
        be,
    )


def _prose(line: str) -> bool:
    return len(line.split()) >= 8 and bool(TERMINAL.search(line))


def _cut_at_section_end(
    lines: tuple[str, ...], nwords: np.ndarray, reasons: list[str | None], bs: int, be: int
) -> None:
    """Drop the story lists and comment blocks that a section header announces inside the body.

    After a header ("Related", "Trending", "Latest news", "Comments"...) every line goes until the
    article visibly resumes: two prose lines in a row. A list of headlines with teasers never has two.
    """
    kept_words = 0.0
    i = bs
    while i <= be:
        if kept_words >= 30 and nwords[i] <= 6 and SECTION_END.match(lines[i].strip(" :-–—|>»")):
            reasons[i] = "related-link"
            j = i + 1
            while j <= be and not (_prose(lines[j]) and j + 1 <= be and _prose(lines[j + 1])):
                if reasons[j] is None:
                    reasons[j] = "related-link" if j + 1 <= be else "outside-body"
                j += 1
            i = j
            continue
        if reasons[i] is None:
            kept_words += nwords[i]
        i += 1


def _drop_lead_caption(lines: tuple[str, ...], reasons: list[str | None]) -> None:
    """A one-sentence photo description (present tense, no quote) opening the body is a caption."""
    kept = [i for i, r in enumerate(reasons) if r is None]
    if len(kept) < 3:
        return
    i = kept[0]
    s = lines[i]
    sentences = len(re.findall(r"[.!?]\s+[A-Z]", s)) + 1
    if sentences == 1 and len(s.split()) <= 45 and CAPTION_VERB.search(s) and not SAID_OR_QUOTE.search(s):
        reasons[i] = "caption"


def _drop_inline_headlines(lines: tuple[str, ...], joins: list[bool], reasons: list[str | None]) -> None:
    """A long unpunctuated line set alone between prose paragraphs is another story's headline.

    Articles with subheadings have several of them (or number them); a lone one is a headline
    of another story pasted into the body.
    """
    kept = [i for i, r in enumerate(reasons) if r is None]
    found = []
    for a, i, b in zip(kept, kept[1:], kept[2:], strict=False):
        s = lines[i]
        if (
            not _terminated(s)
            and not s[:1].isdigit()
            and not s.endswith((",", "-", "–", "—", "?"))
            and not joins[i]
            and not (i + 1 < len(joins) and joins[i + 1])
            and _prose(lines[a])
            and _prose(lines[b])
        ):
            found.append(i)
    if len(found) == 1 and len(lines[found[0]].split()) >= INLINE_HEADLINE_WORDS:
        reasons[found[0]] = "related-link"
    if len(kept) >= 2:  # a body does not end on a long unpunctuated line: that is a link to another story
        last, s = kept[-1], lines[kept[-1]]
        if (
            len(s.split()) >= INLINE_HEADLINE_WORDS
            and not _terminated(s)
            and not joins[last]
            and _prose(lines[kept[-2]])
        ):
            reasons[last] = "related-link"


def _mark_title(lines: tuple[str, ...], reasons: list[str | None]) -> None:
    """Label the headline (the nearest title-like line above the body) "title", its repeats "duplicate"."""
    kept = [i for i, r in enumerate(reasons) if r is None]
    if not kept:
        return
    for i in range(kept[0] - 1, max(kept[0] - 9, -1), -1):
        s = lines[i]
        words = len(s.split())
        if reasons[i] in ("caption", "boilerplate", "comment-form") or "|" in s:
            continue
        if words <= 12 and (DATE_LIKE.search(s) or TIME_LIKE.search(s) or VOCAB["byline"].search(s)):
            continue
        if 2 <= words <= 30 and not TERMINAL.search(s):
            key = norm_key(s)
            same = [j for j, t in enumerate(lines) if reasons[j] is not None and norm_key(t) == key]
            reasons[same[0]] = "title"
            for j in same[1:]:
                reasons[j] = "duplicate"
        return


def _shingles(line: str) -> list[tuple[str, ...]]:
    toks = [t.lower() for t in WORD.findall(line)]
    return [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]


def _drop_duplicates(lines: tuple[str, ...], reasons: list[str | None]) -> None:
    """Drop a kept line whose text the other kept lines already carry (repeats, standfirsts)."""
    kept = [i for i, r in enumerate(reasons) if r is None]
    counts = Counter(norm_key(s) for s in lines)
    seen: set[str] = set()
    for i in kept:
        key = norm_key(lines[i])
        if key in seen or (counts[key] > 1 and not _terminated(lines[i])):
            reasons[i] = "duplicate"  # a repeat, or an unpunctuated line (a headline) shown twice
        seen.add(key)
    kept = [i for i, r in enumerate(reasons) if r is None]
    grams = {i: Counter(_shingles(lines[i])) for i in kept}
    total: Counter[tuple[str, ...]] = Counter()
    for g in grams.values():
        total.update(g)
    for i in kept:
        mine = grams[i]
        if len(mine) < 6:
            continue
        shared = sum(1 for g, c in mine.items() if total[g] > c)
        if shared >= 0.8 * len(mine):
            reasons[i] = "duplicate"
            total.subtract(mine)
