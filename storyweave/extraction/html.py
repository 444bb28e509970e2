"""HTML page -> article body (trafilatura) and attributed metadata (the page's own structured data first).

The page is parsed once with lxml; the same tree feeds trafilatura (body),
:mod:`storyweave.extraction.htmlmeta` (JSON-LD, meta tags, title, h1) and,
only when the page states no publication date itself, htmldate. trafilatura
and htmldate each work on their own copy of the tree, so the tree we hold is
never changed under us.
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from storyweave.config import ExtractOptions
from storyweave.errors import NoArticleError
from storyweave.extraction.htmlmeta import (
    PageMeta,
    clean_text,
    date_elements,
    iso_date,
    masthead_names,
    name_of,
    read_page_meta,
    section_link_names,
)
from storyweave.extraction.outlets import name_matches_domain
from storyweave.extraction.textdates import find_dates
from storyweave.extraction.titles import (
    SEPARATORS,
    fix_mojibake,
    names_site,
    site_segments,
    strip_markdown_emphasis,
    strip_section_labels,
    strip_site_names,
)
from storyweave.models import Field


@dataclass(frozen=True)
class HtmlExtraction:
    text: str
    meta: dict[str, Field]


_TITLE_METAS = ("og:title", "twitter:title", "title", "dc.title", "parsely-title", "sailthru.title", "headline")
_DATE_METAS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publishdate",
    "pubdate",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
)
_AUTHOR_METAS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
_SITE_METAS = ("og:site_name", "application-name", "apple-mobile-web-app-title")
#: Section names a page glues onto its titles, and page furniture a front-page link may say instead of a name.
_NOT_SITE_WORDS = (
    "home homepage front page logo menu news world opinion politics business sport sports culture latest local "
    "technology tech science health entertainment lifestyle travel video videos blog blogs international economy "
    "analysis features comment editorial reviews arts money markets weather accueil startseite inicio portada "
    "actualités nachrichten noticias monde welt mundo"
)
_NOT_SITE_NAMES = frozenset(_NOT_SITE_WORDS.split())
_DESC_METAS = ("og:description", "description", "twitter:description")
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:by|von|par|por|di|door|av|af)\s+", re.IGNORECASE)
_HANDLE = re.compile(r"[._@\d]|-")
_PUNCT_MAP = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def parse_html(html: str | bytes) -> HtmlElement | None:
    """The page as an lxml tree (trafilatura's loader: encoding and broken-markup repair), or None."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except (TypeError, ValueError):
        return None


def extract_html(html: str, *, url: str | None = None, options: ExtractOptions | None = None) -> HtmlExtraction:
    """Article text and metadata of one HTML page. Raises NoArticleError when the page holds no article."""
    opts = options or ExtractOptions()
    tree = parse_html(html)
    if tree is None:
        raise NoArticleError("not an HTML page (nothing could be parsed)")
    text = extract_body(tree, url=url, mode=opts.html_mode, fallback=opts.html_fallback)
    if not text:
        raise NoArticleError("no article text found in the page")
    if len(text) < opts.min_text_chars:
        raise NoArticleError(f"no article found in the page (only {len(text)} characters of text)")
    meta = page_metadata(tree, url=url, disposable_tree=True)  # the body is out: the tree is ours to spend
    return HtmlExtraction(text=text, meta=meta)


def extract_body(tree: HtmlElement, *, url: str | None = None, mode: str = "balanced", fallback: bool = False) -> str:
    """Main text of a parsed page via trafilatura (which copies the tree before pruning it).

    ``fallback`` also runs trafilatura's fallback extractors and keeps the better text (slower).
    """
    from trafilatura import bare_extraction

    doc = bare_extraction(
        tree,
        url=url,
        favor_precision=mode == "precision",
        favor_recall=mode == "recall",
        fast=not fallback,
        include_comments=False,
        with_metadata=False,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    return (text or "").strip()


# ---------------------------------------------------------------- metadata


def page_metadata(
    tree: HtmlElement, *, url: str | None = None, find_dates: bool = True, disposable_tree: bool = False
) -> dict[str, Field]:
    """Metadata fields of a parsed page, each with its source; absent fields are left out.

    The tree is left as it is unless ``disposable_tree`` says the caller is done with it, which
    saves a copy of the whole page when the byline has to be searched for in the markup.
    """
    pm = read_page_meta(tree)
    out: dict[str, Field] = {}
    page_url = _page_url(pm, url)
    if page_url is not None:
        out["url"] = page_url
    host = _host(url) or _host(page_url.value if page_url else None)
    outlet = _outlet(pm) or _outlet_from_page(pm, tree, host)
    if outlet is not None:
        out["outlet"] = outlet
    site_names = [outlet.value if outlet else None, *pm.site_names]
    for u in (url, page_url.value if page_url else None):
        if u:
            site_names.append(urlsplit(u).hostname)
    title = choose_title(pm, [*site_names, *_title_leftovers(pm)])
    if title is not None:
        out["title"] = title
    published = _published(pm, tree, url or (page_url.value if page_url else None), find_dates)
    if published is not None:
        out["published"] = published
    byline = _byline(pm, tree, site_names, disposable=disposable_tree)  # last: it may prune a disposable tree
    if byline is not None:
        out["byline"] = byline
    language = _language(pm)
    if language is not None:
        out["language"] = language
    desc = _description(pm)
    if desc is not None:
        out["description"] = desc
    return out


def _absolute(href: str, base: str | None) -> str | None:
    href = href.strip()
    if href.startswith("//"):
        href = "https:" + href
    elif base and not href.startswith(("http://", "https://")):
        href = urljoin(base, href)
    return href if href.startswith(("http://", "https://")) and urlsplit(href).hostname else None


def _page_url(pm: PageMeta, given: str | None) -> Field | None:
    og = pm.meta("og:url")
    base = given or (og[0] if og else None)
    if pm.canonical:
        u = _absolute(pm.canonical, base)
        if u:
            return Field(u, "html-link", 0.9, f'<link rel="canonical" href="{pm.canonical}">')
    if og:
        u = _absolute(og[0], given)
        if u:
            return Field(u, "meta", 0.85, "og:url")
    ld = pm.ld("url", "mainEntityOfPage")
    if ld is not None:
        value = ld[0].get("@id") if isinstance(ld[0], dict) else ld[0]
        if isinstance(value, str):
            u = _absolute(value, given)
            if u:
                return Field(u, "json-ld", 0.8, "url")
    return None


def _outlet(pm: PageMeta) -> Field | None:
    found = pm.meta(*_SITE_METAS)
    if found is not None and len(found[0]) <= 80:
        return Field(found[0], "meta", 0.9 if found[1] == "og:site_name" else 0.7, found[1])
    for name in pm.site_names:
        if name and len(name) <= 80:
            return Field(name, "json-ld", 0.85, "publisher.name")
    return None


def _host(url: str | None) -> str | None:
    return (urlsplit(url).hostname or None) if url else None


def _outlet_from_page(pm: PageMeta, tree: HtmlElement, host: str | None) -> Field | None:
    """The site's name when the page declares none: the <title>'s site segment and the masthead.

    A candidate the domain spells ("Valmora Evening News" for valmoranews.com) comes first, then one the title
    and the masthead agree on, then the masthead, then the title segment. Section names (the page's own section
    links, common section words) and the headline itself are never taken.
    """
    headlines = {_norm(h) for h in (*pm.h1s, *pm.itemprop_headlines, *_raw_metas(pm))}
    sections: set[str] | None = None

    def usable(name: str) -> bool:
        nonlocal sections
        key = _norm(name)
        if not key or key in headlines or key in _NOT_SITE_NAMES or len(name.split()) > 8:
            return False
        if sections is None:
            sections = section_link_names(tree)
        return key not in sections

    titled = [(n, "html-title-suffix", f"<title>{pm.html_title}</title>") for n in site_segments(pm.html_title or "")]
    shown = [(n, "masthead", ev) for n, ev in masthead_names(tree, host)]
    cands = [c for c in (*titled, *shown) if usable(c[0])]
    if not cands:
        return None
    agreed = [t for t in titled if t in cands and any(_norm(m[0]) == _norm(t[0]) for m in shown)]
    spelled = [c for c in cands if host and name_matches_domain(c[0], host)]
    if spelled:
        name, source, evidence = next((c for c in spelled if c in agreed), spelled[0])
        conf = 0.8 if (name, source, evidence) in agreed else 0.75
        return Field(name, source, conf, f"{evidence}; spelled by {host}")
    if agreed:
        name, source, evidence = agreed[0]
        return Field(name, source, 0.7 if not host else 0.6, f"{evidence}; the masthead says the same")
    if host:  # a lone masthead the domain does not spell may be a parent company's or a platform's logo
        titled = [c for c in cands if c[1] != "masthead"]
        return Field(titled[0][0], titled[0][1], 0.4, titled[0][2]) if titled else None
    name, source, evidence = next((c for c in cands if c[1] == "masthead"), cands[0])
    return Field(name, source, 0.55 if source == "masthead" else 0.5, evidence)


# ---------------------------------------------------------------- title


def _title_leftovers(pm: PageMeta) -> list[str]:
    """What <title> adds around the og:/twitter: title: the site (or section) name the page glues on.

    "Data Blog: Small adventures" with og:title "Small adventures" names "Data Blog" as the site,
    so an <h1> that says only "Data Blog" is the logo, not the headline.
    """
    title = " ".join((pm.html_title or "").split())
    out = []
    for raw in _raw_metas(pm):
        short = " ".join(raw.split())
        if len(short.split()) < 2 or len(short) >= len(title):
            continue
        leftover = None
        if title.startswith(short):
            m = SEPARATORS.match(title, len(short))
            leftover = title[m.end() :] if m else None
        elif title.endswith(short):
            head = title[: -len(short)]
            seps = [m for m in SEPARATORS.finditer(head) if m.end() == len(head)]
            leftover = head[: seps[-1].start()] if seps else None
        if leftover and len(leftover.split()) <= 6 and not SEPARATORS.search(leftover):
            out.append(leftover.strip())
    return out


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT_MAP)
    return " ".join(text.casefold().split())


def choose_title(pm: PageMeta, site_names: list[str | None]) -> Field | None:
    """The headline, chosen by agreement between the page's title sources.

    The visible headline (<h1>, or microdata ``headline``) is what readers see,
    so it wins when the page has one clear candidate; a declared title (JSON-LD
    headline, og:/twitter: title, <title>, each without its site-name segment)
    that repeats it confirms it, and supplies its capitalisation when the two
    differ only in case, or its separator when the page shows the headline in
    two styled parts. Every candidate loses its site-name segment and trailing
    section labels ("| Opinion", "- Page 2"). Without a clear visible headline
    the declared titles are used, most trusted first.
    """
    declared = _declared_titles(pm, site_names)
    raw_titles = [_norm(t) for t in (pm.html_title or "", *_raw_metas(pm)) if t]
    visible = [_visible_title(h, site_names) for h in pm.itemprop_headlines + pm.h1s]
    visible = [h for h in dict.fromkeys(visible) if h and not names_site(h, site_names)]
    # 1. a visible headline that a declared title repeats
    for h in visible:
        nh = _norm(h)
        for text, source, evidence in declared:
            if _norm(text) == nh:
                value = text if text != h and _same_but_case(text, h) else h
                return Field(value, "h1", 0.95, f"agrees with {source}: {evidence}")
    # 1b. a headline styled in two parts (title and subtitle in their own elements) loses the separator
    # between them on the page: the declared title that has the same words with one is the whole of it
    for h in visible:
        nh = _norm(h)
        for text, source, evidence in declared:
            nt = _norm(text)
            if len(nt) > len(nh) and _unseparated(nt) == nh:
                return Field(text, source, 0.9, f"the <h1> without its separator: {evidence}")
    # 2. a visible headline that sits inside a declared title ("Headline | Section | Site")
    for h in visible:
        nh = _norm(h)
        if len(nh) >= 12 and len(nh.split()) >= 3 and any(nh in t for t in raw_titles):
            return Field(h, "h1", 0.85, "contained in <title>/og:title")
    # 3. one clear visible headline, unconfirmed: it must at least share a word with a declared title
    declared_words = set().union(*(_words(d[0]) for d in declared))
    sole = visible[0] if len(visible) == 1 and 2 <= len(visible[0].split()) <= 40 else None
    if sole and (not declared or _words(sole) & declared_words):
        return Field(sole, "h1", 0.7, "the page's only <h1>")
    # 4. the declared titles, in order of trust
    if declared:
        text, source, evidence = declared[0]
        return Field(text, source, 0.8 if source != "html-title" else 0.65, evidence)
    if visible:
        return Field(visible[0], "h1", 0.5, "first <h1>")
    return None


def _visible_title(text: str, site_names: list[str | None]) -> str:
    """A headline read off the page, without site name or trailing section labels.

    The text is already the page's visible text: entities left in it (double-escaped markup) are
    decoded, but anything that looks like a tag is the headline's own words ("Why <br> tags last").
    """
    if "&" in text:
        text = html_lib.unescape(text)
    text = fix_mojibake(text)
    return strip_section_labels(strip_site_names(text, site_names, by_shape=False))


def _unseparated(text: str) -> str:
    return " ".join(SEPARATORS.sub(" ", text).split())


def _words(text: str) -> set[str]:
    """Content-ish words: 4+ letters or digits (short function words are left out in any language)."""
    return {w for w in re.findall(r"\w+", _norm(text)) if len(w) >= 4 or w.isdigit()}


def _same_but_case(a: str, b: str) -> bool:
    return _norm(a) == _norm(b) and a.split() != b.split()


def _declared_titles(pm: PageMeta, site_names: list[str | None]) -> list[tuple[str, str, str]]:
    """(site-stripped text, source, evidence) of each declared title, most trusted first."""
    declared: list[tuple[str, str, str]] = []
    ld = pm.ld("headline", "name")
    if ld is not None:
        for text in name_of(ld[0] if isinstance(ld[0], (str, list)) else [ld[0]])[:1]:
            declared.append((_declared_title(text, site_names), "json-ld", "headline"))
    for key in _TITLE_METAS:
        found = pm.meta(key)
        if found is not None:
            declared.append((_declared_title(found[0], site_names), "meta", found[1]))
    if pm.html_title:
        declared.append((_declared_title(pm.html_title, site_names), "html-title", pm.html_title))
    declared = [d for d in declared if d[0]]
    # a headline cut short (JSON-LD headlines are often truncated) gives way to the full form of it
    out = []
    for text, source, evidence in declared:
        longer = [d for d in declared if len(d[0]) > len(text) and _norm(d[0]).startswith(_norm(text))]
        out.append(longer[0] if longer and len(text) >= 20 else (text, source, evidence))
    return out


def _declared_title(text: str, site_names: list[str | None]) -> str:
    text = strip_markdown_emphasis(fix_mojibake(text))
    return strip_section_labels(strip_site_names(text, site_names))


def _raw_metas(pm: PageMeta) -> list[str]:
    out = []
    for key in ("og:title", "twitter:title"):
        found = pm.meta(key)
        if found is not None:
            out.append(found[0])
    return out


# ---------------------------------------------------------------- byline, date, language, description


def _clean_author(name: str, site_keys: set[str]) -> str | None:
    name = _BY.sub("", clean_text(name)).strip(" ,;|-")
    if not name or len(name) > 120 or name.startswith(("http://", "https://", "@")) or "/" in name:
        return None
    if _norm(name).replace(" ", "") in site_keys or name.casefold() in {"undefined", "null", "none", "admin"}:
        return None
    if " " not in name and (name.islower() or _HANDLE.search(name)):
        return None  # a user handle ("jdoe", "jane.doe", "jane-doe-2"), not a byline
    return name


def _byline(pm: PageMeta, tree: HtmlElement, site_names: list[str | None], *, disposable: bool = False) -> Field | None:
    site_keys = {_norm(n).replace(" ", "") for n in site_names if n}
    ld = pm.ld("author", "creator")
    if ld is not None:
        names = [n for n in (_clean_author(x, site_keys) for x in name_of(ld[0])) if n]
        names = list(dict.fromkeys(names))
        if names:
            return Field(", ".join(names), "json-ld", 0.85, "author")
    found = pm.meta(*_AUTHOR_METAS)
    if found is not None:
        name = _clean_author(found[0], site_keys)
        if name:
            return Field(name, "meta", 0.75, found[1])
    try:
        text = _markup_author(tree, disposable)
    except (ValueError, TypeError):
        text = None
    name = _clean_author(text, site_keys) if text else None
    if name:
        return Field(name, "trafilatura", 0.55, "byline markup")
    return None


def _markup_author(tree: HtmlElement, disposable: bool) -> str | None:
    """trafilatura's byline search in the markup; on a disposable tree it prunes in place instead of copying."""
    from trafilatura.metadata import extract_author

    if not disposable:
        return extract_author(tree)
    try:
        from trafilatura.htmlprocessing import prune_unwanted_nodes
        from trafilatura.json_metadata import normalize_authors
        from trafilatura.metadata import extract_metainfo
        from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS
    except ImportError:  # internals moved in another trafilatura version: use the public (copying) call
        return extract_author(tree)
    found = extract_metainfo(prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS), AUTHOR_XPATHS, len_limit=120)
    return normalize_authors(None, found) if found else None


def _published(pm: PageMeta, tree: HtmlElement, url: str | None, find_dates: bool) -> Field | None:
    ld = pm.ld("datePublished", "dateCreated", "uploadDate")
    if ld is not None:
        value = iso_date(ld[0])
        if value:
            return Field(value, "json-ld", 0.9, f"datePublished: {ld[0]}")
    for key in _DATE_METAS:
        found = pm.meta(key)
        if found is not None:
            value = iso_date(found[0])
            if value:
                return Field(value, "meta", 0.85, f"{key}: {found[0]}")
    stamps = date_elements(tree)
    for stamp, _text, evidence in stamps:
        value = iso_date(stamp)
        if value:
            return Field(value, "html-time", 0.7, evidence)
    found_date = _htmldate(tree, url) if find_dates else None
    if found_date:
        return Field(found_date, "htmldate", 0.6, None)
    return _dateline_date(stamps, pm.lang)


def _dateline_date(stamps: list[tuple[str | None, str, str]], lang: str | None) -> Field | None:
    """The first date written in the article's <time>/dateline elements ("DRAVSK, 13 September").

    Without a year it stays partial (``--MM-DD``, low confidence): the year is never guessed.
    """
    short = (lang or "").split("-")[0].casefold() or None
    for stamp, text, evidence in stamps:
        bare = re.fullmatch(r"-{0,2}(\d{2})-(\d{2})", stamp or "")  # a yearless datetime="09-13"
        hits = find_dates(text, short) if text else []
        if hits:
            hit = hits[0]
            return Field(hit.value, "html-time", 0.3 if hit.partial else 0.55 * hit.confidence, evidence)
        if bare and 1 <= int(bare.group(1)) <= 12 and 1 <= int(bare.group(2)) <= 31:
            return Field(f"--{bare.group(1)}-{bare.group(2)}", "html-time", 0.3, evidence)
    return None


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        result: Any = find_date(tree, extensive_search=True, original_date=True, url=url)
        if isinstance(result, str) and result.endswith("-01-01"):
            # the extensive search turns a bare year (a copyright line, "since 1998") into January 1st:
            # keep it only if the page's date markup itself says so
            result = find_date(tree, extensive_search=False, original_date=True, url=url)
    except (ValueError, TypeError):
        return None
    return result if isinstance(result, str) else None


def _language(pm: PageMeta) -> Field | None:
    if pm.lang:
        m = _LANG.match(pm.lang.strip())
        if m:
            return Field(m.group(1).lower(), "html-lang", 0.5, f"<html lang={pm.lang!r}>")
    found = pm.meta("content-language", "og:locale", "language", "dc.language")
    if found is not None:
        m = _LANG.match(found[0].split(",")[0].strip())
        if m:
            return Field(m.group(1).lower(), "meta", 0.5, f"{found[1]}: {found[0]}")
    return None


def _description(pm: PageMeta) -> Field | None:
    found = pm.meta(*_DESC_METAS)
    if found is not None:
        return Field(found[0][:1000], "meta", 0.8, found[1])
    ld = pm.ld("description")
    if ld is not None and isinstance(ld[0], str) and clean_text(ld[0]):
        return Field(clean_text(ld[0])[:1000], "json-ld", 0.8, "description")
    return None
