"""Metadata recovered from scraped page text: title, date, byline, agencies, outlet, URL.

The input is page text that still carries junk (menus, captions, trending lists,
footers, comment forms) plus the cleaner's verdict per line. The cleaner may be
wrong, so nothing here trusts it alone:

* the page is split into a *head* (before the first body paragraph), the body,
  and a *tail* that starts at the first section heading after the body
  ("Trending", "Related", "Leave a Reply", ...). Dates, bylines and credits in
  the tail belong to other stories or to comments and are not read;
* the title is scored from several signals: the first headline-like line, a
  line repeated elsewhere on the page, the headline-like line just before the
  first body paragraph;
* the publication date comes from a labelled dateline (``Created:`` /
  ``Published:`` win over ``Updated:`` -- an update time is when the story was
  last changed, the first publication is when it appeared), a standalone date
  line, an agency dateline, or a dated photo caption (weaker). Dates inside
  body sentences are event dates and are not used. A date without a year stays
  partial (``--MM-DD``) with a low confidence.

The title is scored in :mod:`storyweave.extraction.headlines`, the outlet and URL are read by
:mod:`storyweave.extraction.outlets`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyweave.extraction import agencies as ag
from storyweave.extraction.bylines import ROLE_WORDS, is_person, split_byline
from storyweave.extraction.headlines import best_headline

# the outlet and URL helpers that lived here are re-exported for existing importers
from storyweave.extraction.outlets import _copyright_name as _copyright_name
from storyweave.extraction.outlets import _host as _host
from storyweave.extraction.outlets import _letters_match as _letters_match
from storyweave.extraction.outlets import _named_as as _named_as
from storyweave.extraction.outlets import _platform as _platform
from storyweave.extraction.outlets import _recase as _recase
from storyweave.extraction.outlets import _spelled_name as _spelled_name
from storyweave.extraction.outlets import url_and_outlet
from storyweave.extraction.textclean import CleanedText
from storyweave.extraction.textdates import DateHit, find_dates, guess_language
from storyweave.models import Field

__all__ = ["byline_in_text", "find_agencies", "text_metadata"]

_url_and_outlet = url_and_outlet  # its old name, re-exported as well (now takes the page lines)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_TERMINAL = re.compile(r"[.!?…]['\"”’»)\]]*$")
_SENTENCE_BREAK = re.compile(r"[a-zà-ÿ]{3,}[.!?]\s+[A-ZÀ-Ý“\"‘'«*]")
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)

#: Headings that open a block of other content after the article (lists of other stories, comments).
_SECTION = re.compile(
    r"^(?:trending(?: now| news| stories)?|latest(?: news| stories| articles| posts)?|most (?:read|popular|"
    r"viewed|shared|commented)|popular(?: now| stories)?|related(?: articles?| stories| news| posts| content| "
    r"topics)?|read more|more (?:stories|news|articles|from \S.{0,30})|recommended(?: for you| stories)?|"
    r"you (?:may|might) also like|videos?|opinion|blogs?|interviews?|editor'?s picks|don'?t miss|top stories|"
    r"comments?|\d+ (?:comments?|responses?|replies)|leave a (?:reply|comment)|join the (?:conversation|discussion)|"
    r"share this(?: article| story| post)?|tags?|topics|lire aussi|à lire aussi|sur le même sujet|les plus lus|"
    r"commentaires?|lesen sie auch|mehr zum thema|meistgelesen|kommentare?|das könnte sie auch interessieren|"
    r"te puede interesar|noticias relacionadas|lo más leído|más noticias|comentarios?)$",
    re.IGNORECASE,
)
#: Words of page furniture; a short line made mostly of them is not a headline ("Left Menu", "Breaking News").
_UI_WORDS = _wordset(
    "menu links link navigation edition editions search login log sign subscribe newsletter account skip content "
    "home breaking news sections section topics more latest trending share print advertisement cookies privacy "
    "terms contact about follow watch live video videos podcast podcasts weather sport sports accessibility main "
    "left right top bottom close open toggle back next previous page main feedback give our us click here app "
    "accueil recherche menü suche startseite inicio buscar noticias actualités nachrichten"
)
_RELATED_PREFIX = re.compile(
    r"^(?:related(?: articles?| stories| news| content)?|read (?:more|also)|see also|also read|more|watch|listen|"
    r"lire aussi|à lire aussi|voir aussi|lesen sie auch|mehr zum thema|leer más|lea también|ver también)\s*:",
    re.IGNORECASE,
)
#: Page utilities around an article ("Reading time: 6 minutes", "Listen to this article", "Comments (12)").
_UTILITY = re.compile(
    r"^(?:(?:estimated\s+)?(?:reading|read)\s+time|\d+\s*(?:min|mins|minutes?|minuten|minutos)\.?(?:\s*(?:read|"
    r"lesen|lesezeit|de lecture|de lectura|lectura))?|(?:lecture|lesezeit|lesedauer|temps de lecture|"
    r"tiempo de lectura|durée de lecture)(?:\s*:?\s*\d+\s*(?:min|minutes?|minuten|minutos)\.?)?|"
    r"listen(?: (?:to )?(?:this|the) (?:article|story))?|listen now|audio|écouter(?: cet article| l'article)?|"
    r"(?:artikel |beitrag )?(?:anhören|vorlesen)|escuchar(?: (?:el|este) artículo| la noticia)?|"
    r"comments?|kommentare?|commentaires?|comentarios?|réagir|réagissez|"
    r"share(?: this(?: article| story| page)?| on \w+)?|save(?: for later| this article| article)?|print(?: this)?|"
    r"gift(?: this)?(?: article| story)?|copy link|email|e-mail|partager|teilen|compartir|imprimer|drucken|"
    r"imprimir|merken|speichern|sauvegarder|enregistrer|guardar|follow|suivre|folgen|seguir|"
    r"(?:aa|a\+|a-|text size|font size))"
    r"(?:\s*[:(]\s*[\w .,:]{0,30}\)?)?$",
    re.IGNORECASE,
)
_UTIL_SPLIT = re.compile(r"\s*(?:[|•·]|\s{2,})\s*")
_COUNT = re.compile(r"\(\s*\d[\d.,]*\s*[^\W\d]*\s*\)")
_CONNECTORS = _wordset("with avec mit con and y und et e & + and")
_CAPTION = re.compile(
    r"\b(?:photo|photos|photograph|image|images|picture|pictures|pictured|foto|fotos|bild|credit|credits|getty|"
    r"shutterstock|illustration|file photo|crédit|photographie)\b",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"\b(?:(?P<pub>first published|published|posted|created|publié|publiée|veröffentlicht|erstellt|publicado|"
    r"publicada|pubblicato)|(?P<upd>last updated|last modified|updated|modified|mis à jour|modifié|aktualisiert|"
    r"geändert|actualizado|actualizada|modificado|aggiornato)|(?P<gen>date|datum|fecha|stand)(?=\s*:))(?!\w)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:By|BY|Par|PAR|Von|VON|Por|POR|Written by|Words by|Texte|Text|Texto)\s*:?\s+(.+)$")
_SEGMENTS = re.compile(r"\s*[|•·]\s*")
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÝĀ-Ž][\w'’.-]*|de|da|di|del|della|van|von|der|den|le|la|bin|al|el|y|dos|das)$")
_ROLE_WORDS = ROLE_WORDS
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)
_WEEKDAYS = _wordset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag freitag samstag "
    "sonntag lunes martes miércoles jueves viernes sábado domingo"
)
_FILLER = _wordset("at on um à le el de am a las h uhr hrs et est ist gmt utc")


@dataclass(frozen=True)
class _Page:
    lines: tuple[str, ...]
    keep: tuple[bool, ...]
    prose: tuple[bool, ...]
    body_start: int
    #: first line of the first run of body paragraphs (a lone teaser paragraph does not end the head)
    head_end: int
    body_end: int
    stop: int
    lang: str | None


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _is_prose(line: str) -> bool:
    return len(_words(line)) >= 10 and (_TERMINAL.search(line) is not None or line.count(". ") >= 1)


def _page(raw: str, cleaned: CleanedText) -> _Page:
    lines = cleaned.lines
    keep = cleaned.keep
    if not lines and raw.strip():
        lines = tuple(ln.strip() for ln in raw.splitlines() if ln.strip())
    if len(keep) != len(lines):
        keep = (False,) * len(lines)
    prose = tuple(_is_prose(ln) for ln in lines)
    n = len(lines)
    start = next((i for i in range(n) if keep[i] and prose[i]), None)
    if start is None:
        start = next((i for i in range(n) if keep[i]), None)
    if start is None:
        start = next((i for i in range(n) if prose[i]), n)
    stop = next((i for i in range(start + 1, n) if _is_section(lines[i])), n)
    end = next((i for i in range(stop - 1, start - 1, -1) if keep[i] or prose[i]), start)
    flags = [k and p for k, p in zip(keep, prose, strict=True)]
    if not any(flags):
        flags = list(prose)
    head_end = next((i for i in range(start, stop) if flags[i] and any(flags[i + 1 : i + 3])), start)
    body = [ln for ln, k in zip(lines, keep, strict=True) if k] or list(lines)
    return _Page(lines, keep, prose, start, head_end, end, stop, guess_language(" ".join(body)))


def _is_section(line: str) -> bool:
    if len(line) > 60:
        return False
    parts = [p.strip(" :") for p in re.split(r"\s*[/|]\s*", line) if p.strip(" :")]
    return bool(parts) and all(_SECTION.match(p) for p in parts)


def _is_ui(line: str) -> bool:
    words = [w.casefold() for w in _words(line)]
    if not words or len(words) > 4:
        return False
    return sum(w in _UI_WORDS for w in words) * 2 >= len(words)


def _is_utility(line: str) -> bool:
    """A line of page utilities: reading time, listen, comments count, share/save/print/gift."""
    words = _words(line)
    if not words or len(words) > 10:
        return False
    segs = [s for s in _UTIL_SPLIT.split(line.strip()) if s.strip(" :")]
    if segs and _UTILITY.match(segs[0].strip(" :")):
        return True
    return len(words) <= 5 and _COUNT.search(line) is not None


def _names_only(line: str, names: list[str]) -> bool:
    """A short line naming only agencies (and an outlet): "Nordwire", "Valmora News with NTB"."""
    words = _words(line)
    if not names or not words or len(words) > 7:
        return False
    rest, hit = line, False
    for n in sorted(names, key=len, reverse=True):
        rest, k = re.subn(rf"(?<![\w-]){re.escape(n)}(?![\w-])", " ", rest)
        hit = hit or k > 0
    left = [w for w in _words(rest) if w.casefold() not in _CONNECTORS]
    linked = any(w.casefold() in _CONNECTORS for w in _words(rest)) or bool(re.search(r"[&+/|]", rest))
    return hit and (not left or (linked and len(left) <= 3 and all(w[:1].isupper() for w in left)))


def _is_date_line(line: str, hits: list[DateHit]) -> bool:
    """A line that is mostly a date (optionally with a byline segment, weekday, time)."""
    if not hits or len(_words(line)) > 16:
        return False
    rest = line
    for h in reversed(hits):
        rest = rest[: h.start] + " " + rest[h.end :]
    leftover = 0
    for seg in _SEGMENTS.split(rest):
        seg = seg.strip(" ,–—-:")
        if not seg or _BYLINE.match(seg) or ag.is_agency_segment(seg) or _DATE_LABEL.search(seg + ":"):
            continue
        leftover += sum(1 for w in _words(seg) if w.casefold() not in _WEEKDAYS and w.casefold() not in _FILLER)
    return leftover <= 2


def _headline_like(line: str) -> bool:
    words = _words(line)
    if not 2 <= len(words) <= 25 or len(line) > 220:
        return False
    first = line.lstrip("\"'“‘«*")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    if line.endswith((".", ",", ";", ":", "…")) and not line.endswith("?."):
        return False
    if _SENTENCE_BREAK.search(line) or _URL.search(line) or "@" in line or _COPYRIGHT.search(line):
        return False
    if line.count("|") >= 2 or _is_ui(line) or _is_section(line) or _RELATED_PREFIX.match(line) or _is_utility(line):
        return False
    if _BYLINE.match(line) or ag.is_agency_segment(line) or ag.line_credits(line):
        return False
    hits = find_dates(line)
    if hits and _DATE_LABEL.search(line):
        return False
    if _CAPTION.search(line) and (":" in line or len(words) <= 6):
        return False
    if line.isupper() and len(words) < 4:
        return False
    return not _is_date_line(line, hits)


# ---------------------------------------------------------------- title


def _name_line(page: _Page, i: int) -> bool:
    """A person's name alone on a line next to a date, a role or page utilities: a byline, not a headline."""
    if not _person(page.lines[i]):
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(page.lines):
            ln = page.lines[j]
            if _is_utility(ln) or _is_ui(ln) or (len(_words(ln)) <= 8 and _ROLE_WORDS.search(ln)):
                return True
            if _is_date_line(ln, find_dates(ln)):
                return True
    return False


def _title(page: _Page, names: list[str] | None = None) -> Field | None:
    lines, n = page.lines, len(page.lines)
    limit = min(n, page.head_end + 8, 80)
    cands = [i for i in range(limit) if _headline_like(lines[i]) and not _names_only(lines[i], names or [])]
    people = [i for i in cands if _person(lines[i])]
    if len(people) < len(cands):
        cands = [i for i in cands if i not in people or not _name_line(page, i)]
    return best_headline(lines, cands, page.head_end, page.keep, page.prose)


# ---------------------------------------------------------------- published


@dataclass(frozen=True)
class _DateCand:
    value: str
    source: str
    confidence: float
    evidence: str
    index: int


def _line_dates(page: _Page, i: int) -> list[_DateCand]:
    ln = page.lines[i]
    hits = find_dates(ln, page.lang)
    if not hits:
        return []
    words = len(_words(ln))
    head = i <= page.head_end + 2
    ev = ln if len(ln) <= 200 else ln[:200] + "…"
    labels = list(_DATE_LABEL.finditer(ln))
    out: list[_DateCand] = []

    def add(h: DateHit, source: str, conf: float) -> None:
        conf *= h.confidence
        if h.partial:
            conf = min(conf, 0.2)
        out.append(_DateCand(h.value, source, round(conf, 2), ev, i))

    sentence = page.prose[i] and not any(ln[m.end() :].lstrip().startswith(":") for m in labels)
    if labels and words <= 30 and not sentence:
        for h in hits:
            lab = next((m for m in reversed(labels) if m.start() < h.start), None)
            if lab is None:
                continue
            conf = 0.9 if lab.group("pub") else 0.85 if lab.group("gen") else 0.35
            add(h, "text-dateline", conf if head else conf - 0.2)
        return out
    if (page.keep[i] and page.prose[i]) or words > 30:
        m = ag.AGENCY.search(ln)
        if m is not None and ag.line_credits(ln) and hits[0].end <= m.start() and m.start() <= 80:
            add(hits[0], "text-dateline", 0.75)  # "PARIS, 3 mars 2020 (AFP) - ..."
        return out
    if _CAPTION.search(ln) and words <= 30:
        add(hits[0], "text-caption", 0.5)
    elif _is_date_line(ln, hits) and (head or page.body_end < i <= page.body_end + 3):
        add(hits[0], "text-dateline", 0.8 if head else 0.5)
    return out


def _published(page: _Page) -> Field | None:
    cands = [c for i in range(page.stop) for c in _line_dates(page, i)]
    if not cands:
        return None
    full = [c for c in cands if not c.value.startswith("--")]
    pool = full or cands
    best = max(pool, key=lambda c: (c.confidence, -c.index))
    return Field(best.value, best.source, best.confidence, best.evidence)


# ---------------------------------------------------------------- byline


def _person(text: str) -> bool:
    text = text.strip(" ,.;:")
    toks = text.split()
    if not 2 <= len(toks) <= 5 or len(text) > 60 or any(c.isdigit() for c in text):
        return False
    if not all(_NAME_TOKEN.match(t) for t in toks) or not toks[0][:1].isupper():
        return False
    if _ROLE_WORDS.search(text) or _is_ui(text) or _is_section(text) or not is_person(text):
        return False
    return not find_dates(text) and not any(t.casefold() in _WEEKDAYS for t in toks)


def _names(credit: str) -> list[str]:
    out: list[str] = []
    for part in split_byline(credit).persons:
        if _person(part) and part not in out:
            out.append(part)
    return out


def _byline(page: _Page, title: int | None = None) -> Field | None:
    lines = page.lines
    for i in range(page.stop):
        ln = lines[i]
        if len(_words(ln)) > 16 or (page.keep[i] and page.prose[i]):
            continue
        segs = _SEGMENTS.split(ln)
        by = next((m for s in segs if (m := _BYLINE.match(s))), None)
        if by is not None:
            credit = by.group(1)
            for h in reversed(find_dates(credit)):
                credit = credit[: h.start] + credit[h.end :]
            names = _names(credit)
            if names:
                return Field(", ".join(names), "text-byline", 0.85, ln)
            continue
        if len(segs) >= 2 and any(ag.is_agency_segment(s) for s in segs):
            names = [s.strip() for s in segs if _person(s)]
            if names:
                return Field(", ".join(names), "text-byline", 0.75, ln)
    for i in range(page.stop - 1):
        ln, nxt = lines[i], lines[i + 1]
        if _person(ln) and len(_words(nxt)) <= 8 and _ROLE_WORDS.search(nxt) and not find_dates(nxt):
            return Field(" ".join(ln.split()), "text-byline", 0.6, f"{ln} / {nxt}")
    if title is not None:  # a name alone on the line under the headline, before dates or page tools
        for i in range(title + 1, min(title + 3, page.head_end)):
            if _person(lines[i]) and (i == title + 1 or _name_line(page, i)):
                return Field(" ".join(lines[i].split()), "text-byline", 0.55, f"{lines[title]} / {lines[i]}")
            if not (_is_utility(lines[i]) or _is_date_line(lines[i], find_dates(lines[i]))):
                break
    return None


# ---------------------------------------------------------------- entry points


def find_agencies(text: str, extra: tuple[str, ...] = ()) -> Field | None:
    """The news agencies credited in ``text`` (any article text), canonical names; None when none is credited.

    ``extra``: names known to be agencies from elsewhere (e.g. the author field), see :func:`ag.find_agencies`.
    """
    return ag.find_agencies(text, extra)


def byline_in_text(text: str, max_lines: int = 8) -> Field | None:
    """A "By Jane Doe" / "Par ..." / "Von ..." / "Por ..." line among the first lines of an article text."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:max_lines]
    for ln in lines:
        if len(_words(ln)) > 16 or (m := _BYLINE.match(ln)) is None:
            continue
        credit = m.group(1)
        for h in reversed(find_dates(credit)):
            credit = credit[: h.start] + credit[h.end :]
        names = _names(credit)
        if names:
            return Field(", ".join(names), "text-byline", 0.7, ln)
    return None


def text_metadata(raw: str, cleaned: CleanedText) -> dict[str, Field]:
    """Title, publication date, byline, credited agencies, outlet and URL stated in scraped page text."""
    page = _page(raw, cleaned)
    out: dict[str, Field] = {}
    if not page.lines:
        return out
    head_text = "\n".join(page.lines[: page.stop])
    agencies = ag.find_agencies(head_text)
    names = list(ag.known_agency_names(head_text)) + list(agencies.value if agencies is not None else [])
    title = _title(page, names)
    title_idx = None if title is None else page.lines.index(title.evidence or "")
    found = {
        "title": title,
        "published": _published(page),
        "byline": _byline(page, title_idx),
        "agencies": agencies,
    }
    for name, f in found.items():
        if f is not None:
            out[name] = f
    out.update(url_and_outlet(page.lines))
    return out
