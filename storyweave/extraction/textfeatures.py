"""Line features for the text cleaner: each line of a scraped page and its neighbourhood.

The features describe a line by its own shape (length, punctuation, capitals, stopwords,
generic page vocabulary) and by where it sits: position in the page, the densest block of
prose, and what its neighbours look like. They are plain numbers so that a small model
exported to JSON can score them with numpy.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

WORD = re.compile(r"\w+", re.UNICODE)
TERMINAL = re.compile(r"[.!?。！？…]['\"”’»)\]]*$")
DATE_LIKE = re.compile(
    r"\b(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|février|mär|enero|gennaio|mai|juin|août|"
    r"okt|dez|dic|set|ago)\w*\.? \d{1,2}\b|\b\d{1,2}\.? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"januar|februar|märz|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|"
    r"octobre|novembre|décembre|de enero|de febrero|de marzo|de abril|de mayo|de junio|de julio|de agosto|"
    r"de septiembre|de octubre|de noviembre|de diciembre)\w*)",
    re.IGNORECASE,
)
TIME_LIKE = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b(am|pm|gmt|utc|ist|est|cet|mez|uhr)\b", re.IGNORECASE)
URL_LIKE = re.compile(r"https?://|www\.|\w@\w|\.(com|org|net|html?)\b", re.IGNORECASE)
SEPARATORS = re.compile(r"[|»›•·►▶→/]|\s[-–—]\s")

# Generic page vocabulary in several languages, grouped by the kind of junk it signals.
VOCAB: dict[str, re.Pattern[str]] = {
    "legal": re.compile(
        r"©|\(c\)|copyright|all rights reserved|rights reserved|alle rechte|tous droits|derechos reservados|"
        r"tutti i diritti|privacy|datenschutz|cookie|terms of (use|service)|terms and conditions|impressum|"
        r"disclaimer|mentions légales|aviso legal|nutzungsbedingungen|agb\b",
        re.IGNORECASE,
    ),
    "subscribe": re.compile(
        r"newsletter|subscri|abonn|suscr|sign (in|up)|log ?(in|out)|register|registrieren|anmelden|"
        r"inscri|create an account|my account|free trial|get the app|download the app|premium",
        re.IGNORECASE,
    ),
    "social": re.compile(
        r"\b(share|shares|sharing|teilen|partager|compartir|condividi|tweet|facebook|twitter|whatsapp|linkedin|"
        r"pinterest|instagram|telegram|reddit|youtube|email|e-mail|print|drucken|imprimer|copy link|follow us)\b",
        re.IGNORECASE,
    ),
    "nav": re.compile(
        r"^(home|menu|search|suche|recherche|buscar|cerca|skip to|navigation|accessibility|main menu|"
        r"sections?|top stories|back to top|next|previous|weiter|zurück|startseite|accueil|inicio|more)\b",
        re.IGNORECASE,
    ),
    "related": re.compile(
        r"\b(related|read more|read also|also read|more from|see also|you may also like|you might also like|"
        r"recommended|trending|most (popular|read|viewed|shared)|latest( news)?|top news|more stories|"
        r"lesen sie auch|mehr zum thema|auch interessant|weitere artikel|lire aussi|à lire|voir aussi|"
        r"leer más|lea también|te puede interesar|más noticias|leggi anche|potrebbe interessarti|"
        r"editor'?s picks|don'?t miss|popular|watch|video|videos|podcast|gallery)\b",
        re.IGNORECASE,
    ),
    "comments": re.compile(
        r"\b(comments?|leave a (reply|comment)|reply|kommentar\w*|commentaires?|comentarios?|commenti|"
        r"required fields|your email address|will not be published|post comment|add comment|"
        r"commenting|notify me|characters? (left|remaining))\b",
        re.IGNORECASE,
    ),
    "caption": re.compile(
        r"\b(photo|photos|photograph|image|images|credit|credits|getty|pictured|picture|foto|fotos|bild|"
        r"bildquelle|crédit|illustration|file photo|afp via|via getty|shutterstock|caption|above:)\b",
        re.IGNORECASE,
    ),
    "ad": re.compile(
        r"^(advertisement|advertising|anzeige|werbung|publicité|publicidad|pubblicità|sponsored|ad)\b",
        re.IGNORECASE,
    ),
    "byline": re.compile(
        r"^(by|von|par|por|di|door|av|written by|reporting by|posted by|published|updated|aktualisiert|"
        r"publié|mis à jour|publicado|actualizado|pubblicato)\b",
        re.IGNORECASE,
    ),
}

# The same vocabulary as plain words, substrings and line openings, for fast feature extraction.
_FEATURE_VOCAB: dict[str, tuple[str, str, str]] = {
    "legal": (
        "copyright privacy datenschutz cookie cookies impressum disclaimer agb nutzungsbedingungen",
        "©|(c) |all rights reserved|rights reserved|alle rechte|tous droits|derechos reservados|tutti i diritti"
        "|terms of use|terms of service|terms and conditions|mentions légales|aviso legal",
        "",
    ),
    "subscribe": (
        "newsletter newsletters register registrieren anmelden premium login logout signin signup",
        "subscri|abonn|suscr|sign in|sign up|log in|log out|inscri|create an account|my account|free trial"
        "|get the app|download the app",
        "",
    ),
    "social": (
        "share shares sharing teilen partager compartir condividi tweet facebook twitter whatsapp linkedin pinterest"
        " instagram telegram reddit youtube email print drucken imprimer",
        "e-mail|copy link|follow us",
        "",
    ),
    "nav": (
        "",
        "",
        "home|menu|search|suche|recherche|buscar|cerca|skip to|navigation|accessibility|main menu|section"
        "|top stories|back to top|next|previous|weiter|zurück|startseite|accueil|inicio|more",
    ),
    "related": (
        "related recommended trending latest popular watch video videos podcast gallery",
        "read more|read also|also read|more from|see also|you may also like|you might also like|most popular"
        "|most read|most viewed|most shared|top news|more stories|lesen sie auch|mehr zum thema|auch interessant"
        "|weitere artikel|lire aussi|à lire|voir aussi|leer más|lea también|te puede interesar|más noticias"
        "|leggi anche|potrebbe interessarti|editor's picks|editors picks|don't miss",
        "",
    ),
    "comments": (
        "comment comments reply kommentar kommentare commentaire commentaires comentario comentarios commenti"
        " commenting",
        "leave a reply|leave a comment|required fields|your email address|will not be published|post comment"
        "|add comment|notify me|characters left|characters remaining",
        "",
    ),
    "caption": (
        "photo photos photograph image images credit credits getty pictured picture foto fotos bild bildquelle"
        " crédit illustration shutterstock caption",
        "file photo|afp via|via getty|above:",
        "",
    ),
    "ad": ("", "", "advertisement|advertising|anzeige|werbung|publicité|publicidad|pubblicità|sponsored|ad "),
    "byline": (
        "",
        "",
        "by |von |par |por |di |door |av |written by|reporting by|posted by|published|updated|aktualisiert"
        "|publié|mis à jour|publicado|actualizado|pubblicato",
    ),
}
VOCAB_KEYS = tuple(VOCAB)
_WORD_GROUPS: dict[str, set[str]] = {}
for _k, (_words, _subs, _starts) in _FEATURE_VOCAB.items():
    for _w in _words.split():
        _WORD_GROUPS.setdefault(_w, set()).add(_k)
_SUBSTRING_GROUP = {x: k for k, v in _FEATURE_VOCAB.items() if v[1] for x in v[1].split("|")}
_SUBSTRING_RE = re.compile("|".join(re.escape(x) for x in sorted(_SUBSTRING_GROUP, key=len, reverse=True)))
_STARTS = tuple((k, tuple(v[2].split("|"))) for k, v in _FEATURE_VOCAB.items() if v[2])


def vocab_hits(head: str, tokens: list[str]) -> set[str]:
    """Which vocabulary groups the lowercased ``head`` of a line (and its word tokens) shows."""
    hits: set[str] = set()
    for t in tokens:
        g = _WORD_GROUPS.get(t)
        if g:
            hits |= g
    for m in _SUBSTRING_RE.finditer(head):
        hits.add(_SUBSTRING_GROUP[m.group()])
    for k, starts in _STARTS:
        if head.startswith(starts):
            hits.add(k)
    return hits


_STOPWORD_TEXT = """
    the a an and or but of to in on at for with by from as is are was were be been has have had it its this that
    these those he she they we you his her their our not no will would can could said says who which what when
    there than then also after before about into over under more most one two
    der die das und oder aber von zu im in am an auf für mit bei aus ist sind war waren wird wurde hat haben
    ein eine einen einem nicht auch sich dass als wie nach noch nur es sie er wir
    le la les et ou mais de du des un une au aux en dans sur pour par avec est sont était ont a été que qui
    ne pas il elle ils nous vous se ce cette son sa ses plus
    el los las y o pero del al una unos en con por para es son fue han ha que se lo su sus como más no
    il lo gli e di da nel nella per con è sono che non si anche come più
    o os as e do da dos das em no na um uma com por para é são foi que não se mais
    het een en of van de in op te voor met is zijn was niet dat die er ook
    и в не на что с по как это он она они из за к у о от для но а же был была было его её их так уже
    w z na nie się że do jest to jak po przez od
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# Base features of one line (names only document the vector layout).
BASE_NAMES = (
    "log_chars",
    "log_words",
    "terminal",
    "colon_end",
    "lower_start",
    "cap_ratio",
    "digit_ratio",
    "punct_ratio",
    "stop_ratio",
    "mean_word_len",
    "separators",
    "url",
    "date",
    "time",
    "all_caps",
    "sentences",
    "commas",
    "quotes",
    "title_like",
    "prose",
    "indent",
    "gap_before",
    "gap_after",
    *(f"kw_{k}" for k in VOCAB),
)
NEIGHBOUR_KEYS = ("log_words", "terminal", "stop_ratio", "cap_ratio", "prose", "title_like", "separators")
PAGE_NAMES = (
    "rel_pos",
    "rel_char_pos",
    "log_lines",
    "dup_count",
    "in_block",
    "before_block",
    "after_block",
    "dist_block",
    "block_share",
    "words_share",
    "prose_before",
    "prose_after",
    "run_len",
)
NEIGHBOUR_NAMES = tuple(f"{k}@{w}" for k in NEIGHBOUR_KEYS for w in ("prev", "next", "prev2", "next2", "win3", "win8"))
FEATURE_NAMES: tuple[str, ...] = BASE_NAMES + PAGE_NAMES + NEIGHBOUR_NAMES
_IDX = {n: i for i, n in enumerate(BASE_NAMES)}


@dataclass(frozen=True)
class PageLines:
    """The non-empty lines of a page, stripped, with the layout around each."""

    lines: tuple[str, ...]
    indent: tuple[int, ...]
    gap_before: tuple[bool, ...]
    gap_after: tuple[bool, ...]


#: Markdown left in scraped text by an HTML-to-Markdown converter: a backslash escaping punctuation
#: (``\\$1.5 billion``), and bold or italic markers around a run of words (``**Kremlin.ru**``).
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|<>~])")
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def strip_markdown(line: str) -> str:
    """``line`` without Markdown escapes and bold markers; text without them is returned unchanged."""
    if "\\" in line:
        line = _MD_ESCAPE.sub(r"\1", line)
    if "**" in line or "__" in line:
        line = _MD_EMPHASIS.sub(r"\2", line)
    return line


def split_lines(text: str) -> PageLines:
    """The page's non-empty lines (stripped) with their layout features."""
    lines: list[str] = []
    indent: list[int] = []
    gaps: list[bool] = []
    blank = True
    for raw in text.splitlines():
        s = raw.strip()
        if not s:
            blank = True
            continue
        lines.append(s)
        indent.append(len(raw) - len(raw.lstrip()))
        gaps.append(blank)
        blank = False
    after = [*gaps[1:], True]
    return PageLines(tuple(lines), tuple(indent), tuple(gaps), tuple(after))


def norm_key(line: str) -> str:
    return " ".join(WORD.findall(line.lower()))


PUNCT = re.compile(r"[^\w\s]")
DIGIT = re.compile(r"\d")
SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+[A-ZÀ-ÝА-Я\"“]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
QUOTES = frozenset('"“”«»„')
VOCAB_SPAN = 160  # the page vocabulary is looked for at the start of a line only


def word_count(line: str) -> int:
    """Words separated by spaces; scripts written without spaces count about two characters a word."""
    n = len(line.split())
    cjk = len(CJK.findall(line)) if not line.isascii() else 0
    return n + cjk // 2


def line_base(line: str, indent: int, gap_before: bool, gap_after: bool) -> list[float]:
    n_words = word_count(line)
    n_chars = len(line)
    low = line.lower()
    toks = WORD.findall(line)
    ltoks = WORD.findall(low)
    alpha = [w for w in toks if w[0].isalpha()]
    caps = sum(1 for w in alpha if w[0].isupper())
    cap_ratio = caps / len(alpha) if alpha else 0.0
    terminal = 1.0 if TERMINAL.search(line) else 0.0
    stop = sum(1 for w in ltoks if w in STOPWORDS) / len(ltoks) if ltoks else 0.0
    digits = len(DIGIT.findall(line)) / n_chars
    punct = len(PUNCT.findall(line)) / n_chars
    title_like = 1.0 if (terminal == 0.0 and 2 <= n_words <= 20 and cap_ratio >= 0.5) else 0.0
    prose = 1.0 if (n_words >= 10 and terminal and stop >= 0.12) else 0.0
    sentences = len(SENTENCE_BREAK.findall(line)) + terminal
    head = low[:VOCAB_SPAN]
    feats = [
        math.log1p(n_chars),
        math.log1p(n_words),
        terminal,
        1.0 if line.endswith(":") else 0.0,
        1.0 if line[:1].islower() else 0.0,
        cap_ratio,
        digits,
        punct,
        stop,
        (sum(map(len, toks)) / len(toks)) if toks else 0.0,
        math.log1p(len(SEPARATORS.findall(line))),
        1.0 if URL_LIKE.search(line) else 0.0,
        1.0 if DATE_LIKE.search(head) else 0.0,
        1.0 if TIME_LIKE.search(head) else 0.0,
        1.0 if (alpha and line.upper() == line) else 0.0,
        math.log1p(sentences),
        line.count(",") / max(n_words, 1),
        1.0 if not QUOTES.isdisjoint(line) else 0.0,
        title_like,
        prose,
        1.0 if indent > 0 else 0.0,
        1.0 if gap_before else 0.0,
        1.0 if gap_after else 0.0,
    ]
    hits = vocab_hits(head, ltoks[:40])
    feats.extend(1.0 if k in hits else 0.0 for k in VOCAB_KEYS)
    return feats


def prose_block(weights: list[float]) -> tuple[int, int]:
    """Best contiguous run of lines by summed weight (Kadane); (start, end) inclusive, (0, -1) if none."""
    best, best_s, best_e = 0.0, 0, -1
    cur, cur_s = 0.0, 0
    for i, w in enumerate(weights):
        if cur <= 0:
            cur, cur_s = w, i
        else:
            cur += w
        if cur > best:
            best, best_s, best_e = cur, cur_s, i
    return best_s, best_e


def _window_mean(col: np.ndarray, half: int) -> np.ndarray:
    n = len(col)
    csum = np.concatenate([[0.0], np.cumsum(col)])
    idx = np.arange(n)
    lo = np.clip(idx - half, 0, n)
    hi = np.clip(idx + half + 1, 0, n)
    return np.asarray((csum[hi] - csum[lo]) / (hi - lo))


def _shift(col: np.ndarray, k: int, fill: float) -> np.ndarray:
    out = np.full_like(col, fill)
    if k > 0:
        out[k:] = col[:-k]
    elif k < 0:
        out[:k] = col[-k:]
    return out


def page_features(page: PageLines) -> np.ndarray:
    """One row of FEATURE_NAMES per line of ``page``."""
    n = len(page.lines)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    base = np.array(
        [line_base(s, page.indent[i], page.gap_before[i], page.gap_after[i]) for i, s in enumerate(page.lines)]
    )
    nwords = np.array([word_count(s) for s in page.lines], dtype=float)
    nchars = np.array([len(s) for s in page.lines], dtype=float)
    prose = base[:, _IDX["prose"]]
    weights = [float(w) if p else -3.0 for w, p in zip(nwords, prose, strict=True)]
    bs, be = prose_block(weights)
    idx = np.arange(n, dtype=float)
    in_block = ((idx >= bs) & (idx <= be)).astype(float)
    dist = np.where(idx < bs, bs - idx, np.where(idx > be, idx - be, 0.0))
    block_words = float(nwords[bs : be + 1].sum()) if be >= bs else 0.0
    total_words = float(nwords.sum()) or 1.0
    keys = Counter(norm_key(s) for s in page.lines)
    dup = np.array([math.log(keys[norm_key(s)]) for s in page.lines])
    cum_chars = np.cumsum(nchars) - nchars
    cum_prose = np.cumsum(prose * nwords)
    prose_before = (cum_prose - prose * nwords) / total_words
    prose_after = (cum_prose[-1] - cum_prose) / total_words
    # length of the run of consecutive lines without a blank line between them
    run = np.ones(n)
    start = 0
    for i in range(1, n + 1):
        if i == n or page.gap_before[i]:
            run[start:i] = i - start
            start = i
    pagef = np.column_stack(
        [
            idx / max(n - 1, 1),
            cum_chars / max(nchars.sum(), 1.0),
            np.full(n, math.log1p(n)),
            dup,
            in_block,
            (idx < bs).astype(float),
            (idx > be).astype(float),
            np.log1p(dist),
            np.full(n, block_words / total_words),
            nwords / total_words,
            prose_before,
            prose_after,
            np.log1p(run),
        ]
    )
    neigh = []
    for k in NEIGHBOUR_KEYS:
        col = base[:, _IDX[k]]
        neigh.extend(
            [
                _shift(col, 1, 0.0),
                _shift(col, -1, 0.0),
                _shift(col, 2, 0.0),
                _shift(col, -2, 0.0),
                _window_mean(col, 3),
                _window_mean(col, 8),
            ]
        )
    return np.column_stack([base, pagef, *neigh])


STACK_NAMES = (
    "p",
    "p@prev",
    "p@next",
    "p@prev2",
    "p@next2",
    "p@win2",
    "p@win5",
    "p@win12",
    "p@wwin5",
    "p_in_span",
    "p_dist_span",
    "p_before_span",
    "p_after_span",
    "p_page_max",
    "p_page_mean",
    "p_share_before",
    "p_share_after",
    "p_rank",
)
STACKED_NAMES: tuple[str, ...] = FEATURE_NAMES + STACK_NAMES


def stack_features(x: np.ndarray, p: np.ndarray, nwords: np.ndarray) -> np.ndarray:
    """First-stage features plus the first-stage scores of each line's neighbourhood."""
    n = len(p)
    if n == 0:
        return np.zeros((0, len(STACKED_NAMES)))
    gain = [float(v) for v in (p - 0.5) * np.sqrt(nwords + 1.0)]
    bs, be = prose_block(gain)
    idx = np.arange(n, dtype=float)
    dist = np.where(idx < bs, bs - idx, np.where(idx > be, idx - be, 0.0))
    w = p * nwords
    total = float(w.sum()) or 1.0
    cum = np.cumsum(w)
    wsum = _window_mean(w, 5)
    nsum = _window_mean(nwords, 5)
    order = np.argsort(np.argsort(-p, kind="stable"), kind="stable")
    extra = np.column_stack(
        [
            p,
            _shift(p, 1, 0.0),
            _shift(p, -1, 0.0),
            _shift(p, 2, 0.0),
            _shift(p, -2, 0.0),
            _window_mean(p, 2),
            _window_mean(p, 5),
            _window_mean(p, 12),
            wsum / np.maximum(nsum, 1e-9),
            ((idx >= bs) & (idx <= be)).astype(float),
            np.log1p(dist),
            (idx < bs).astype(float),
            (idx > be).astype(float),
            np.full(n, float(p.max())),
            np.full(n, float(p.mean())),
            (cum - w) / total,
            (total - cum) / total,
            order / max(n - 1, 1),
        ]
    )
    return np.column_stack([x, extra])
