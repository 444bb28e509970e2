"""Read a parsed page's own metadata: JSON-LD objects, <meta> tags, <title>, <h1>, canonical link, language.

Nothing here guesses: every value is read from one place in the page, and the
reader keeps track of where (see :class:`PageMeta`). Choosing between the
candidates happens in :mod:`storyweave.extraction.html`.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lxml.html import HtmlElement

_WS = re.compile(r"\s+")
_ISO_START = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_TAG = re.compile(r"<[^>]{0,200}>")
#: JSON-LD types that describe the article itself (checked as suffixes, so "NewsArticle", "BlogPosting"...).
_ARTICLE_TYPES = ("article", "posting", "report", "story", "review", "liveblogposting", "newsarticle")
_PAGE_TYPES = ("webpage", "itempage", "aboutpage", "faqpage", "qapage", "medicalwebpage")
_MAX_JSONLD_CHARS = 500_000
#: Elements inside a headline that are not part of its text.
_HEADLINE_ASIDE_TAGS = frozenset({"time", "h2", "h3", "h4", "h5", "h6", "script", "style", "noscript", "template"})
_ASIDE_CLASS = re.compile(
    r"(?<![a-z])(?:byline|posted-on|posted_on|entry-meta|post-meta|author|date|dateline|timestamp)"
)
_BLOCK_TAGS = frozenset({"br", "div", "p", "ul", "li", "section", "header"})


def clean_text(value: Any) -> str:
    """A metadata string with entities decoded, tags dropped and whitespace collapsed."""
    if not isinstance(value, str):
        return ""
    text = html_lib.unescape(value) if "&" in value else value
    if "<" in text:
        text = _TAG.sub(" ", text)
    return _WS.sub(" ", text).strip()


def element_text(el: HtmlElement) -> str:
    try:
        return _WS.sub(" ", el.text_content()).strip()
    except ValueError:  # lxml refuses some broken nodes
        return ""


def _classes(el: HtmlElement) -> str:
    value = el.get("class")
    return value.casefold() if isinstance(value, str) else ""


def _is_aside(el: HtmlElement) -> bool:
    """A node inside a headline that is not headline text: a date, a byline, a nested heading, code."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _HEADLINE_ASIDE_TAGS:
        return True
    classes = _classes(el)
    return bool(classes) and _ASIDE_CLASS.search(classes) is not None


def headline_text(el: HtmlElement) -> str:
    """The visible text of a headline element, read for a title rather than for its words.

    Line breaks and block children separate words (``WEEKEND<br>CODING`` is two words), and what
    sits inside the heading without being headline text is left out: a ``<time>``, a byline or
    "posted on" block, a nested heading, scripts. A leading kicker label in its own element that
    ends in a colon (``<strong>Opinion:</strong> Headline``) is left out too.
    """
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and not _is_aside(child):
                block = tag in _BLOCK_TAGS
                if block:
                    parts.append(" ")
                walk(child)
                if block:
                    parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    try:
        walk(el)
    except ValueError:  # lxml refuses some broken nodes
        return element_text(el)
    text = _WS.sub(" ", "".join(parts)).strip()
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is not None and not (el.text or "").strip() and not _is_aside(first):
        label = element_text(first)
        rest = text[len(label) :].strip() if text.startswith(label) else ""
        if label.endswith(":") and len(label.split()) <= 3 and len(rest.split()) >= 3:
            return rest
    return text


@dataclass
class PageMeta:
    """Everything the page says about itself, unjudged."""

    #: JSON-LD objects describing the article (Article, NewsArticle, BlogPosting, ...), in page order.
    articles: list[dict[str, Any]] = field(default_factory=list)
    #: JSON-LD WebPage-like objects (weaker evidence).
    pages: list[dict[str, Any]] = field(default_factory=list)
    #: Names of Organization/WebSite objects (site-name candidates).
    site_names: list[str] = field(default_factory=list)
    #: <meta> content by lower-cased property/name/itemprop, first occurrence kept first.
    metas: dict[str, list[str]] = field(default_factory=dict)
    html_title: str | None = None
    h1s: list[str] = field(default_factory=list)
    #: Text of microdata elements marked itemprop="headline" that are not <meta> tags.
    itemprop_headlines: list[str] = field(default_factory=list)
    canonical: str | None = None
    lang: str | None = None

    def meta(self, *keys: str) -> tuple[str, str] | None:
        """The first non-empty content among ``keys`` (in that order) and the key it came from."""
        for key in keys:
            for value in self.metas.get(key, ()):
                text = clean_text(value)
                if text:
                    return text, key
        return None

    def ld(self, *keys: str, pages: bool = False) -> tuple[Any, dict[str, Any]] | None:
        """The first value of ``keys`` in the article objects (then the page objects when ``pages``)."""
        pools = [self.articles, self.pages] if pages else [self.articles]
        for pool in pools:
            for obj in pool:
                for key in keys:
                    value = obj.get(key)
                    if value not in (None, "", [], {}):
                        return value, obj
        return None


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return [t.casefold().rsplit("/", 1)[-1]]
    if isinstance(t, list):
        return [x.casefold().rsplit("/", 1)[-1] for x in t if isinstance(x, str)]
    return []


def _walk(node: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    """Collect every dict with a @type: top level, lists and @graph (not nested properties)."""
    if depth > 4:
        return
    if isinstance(node, list):
        for item in node:
            _walk(item, out, depth + 1)
    elif isinstance(node, dict):
        if "@type" in node:
            out.append(node)
        graph = node.get("@graph")
        if graph is not None:
            _walk(graph, out, depth + 1)
        main = node.get("mainEntity")
        if isinstance(main, dict) and any(t.endswith(_ARTICLE_TYPES) for t in _types(main)):
            out.append(main)


def _load_json(raw: str) -> Any:
    raw = raw.strip()
    if raw.startswith("<!--"):
        raw = raw[4:]
    if raw.endswith("-->"):
        raw = raw[:-3]
    raw = raw.strip().rstrip(";")
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        return None


def name_of(value: Any) -> list[str]:
    """Names in a JSON-LD person/organisation value (a string, an object, or a list of them)."""
    out: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items[:20]:
        if isinstance(item, str):
            text = clean_text(item)
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = name[0] if name else None
            text = clean_text(name)
            if not text:
                given, family = clean_text(item.get("givenName")), clean_text(item.get("familyName"))
                text = f"{given} {family}".strip()
        else:
            text = ""
        if text and not text.startswith(("http://", "https://")):
            out.append(text)
    return out


def read_page_meta(tree: HtmlElement) -> PageMeta:
    """One pass over the parsed page; does not change the tree."""
    pm = PageMeta()
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        stype = (script.get("type") or "").strip().casefold()
        if stype != "application/ld+json" or not script.text or len(script.text) > _MAX_JSONLD_CHARS:
            continue
        _walk(_load_json(script.text), objects)
    for obj in objects:
        types = _types(obj)
        if any(t.endswith(_ARTICLE_TYPES) for t in types):
            pm.articles.append(obj)
        elif any(t in _PAGE_TYPES for t in types):
            pm.pages.append(obj)
        elif any(t in ("organization", "newsmediaorganization", "website") for t in types):
            pm.site_names.extend(name_of(obj.get("name"))[:1])
    for obj in pm.articles:
        pm.site_names.extend(name_of(obj.get("publisher"))[:1])
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content:
            pm.metas.setdefault(key.strip().casefold(), []).append(content)
        elif meta.get("http-equiv", "").casefold() == "content-language" and content:
            pm.metas.setdefault("content-language", []).append(content)
    title = tree.find(".//title")
    if title is not None:
        pm.html_title = element_text(title) or None
    for h1 in tree.iter("h1"):
        text = headline_text(h1)
        if text and len(text) <= 400:
            pm.h1s.append(text)
        if len(pm.h1s) >= 5:
            break
    for el in tree.xpath('.//*[@itemprop="headline"][not(self::meta)]')[:3]:
        text = element_text(el)
        if text and len(text) <= 400:
            pm.itemprop_headlines.append(text)
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().casefold() == "canonical" and link.get("href"):
            pm.canonical = link.get("href", "").strip()
            break
    root_lang = tree.get("lang") or tree.get("xml:lang")
    if root_lang:
        pm.lang = root_lang.strip()
    return pm


def iso_date(value: Any) -> str | None:
    """A date/datetime string read from structured metadata, as ISO 8601; None when unreadable or implausible.

    Keeps the time (and offset) when the page gives one; never fills in a missing part.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    m = _ISO_START.match(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    try:
        day_only = date(year, month, day)
    except ValueError:
        return None
    if not 1990 <= year <= date.today().year + 1:
        return None
    rest = text[m.end() :]
    if rest[:1] in ("T", " ") and len(rest) >= 6:
        try:
            parsed = datetime.fromisoformat(text.replace(" ", "T", 1).replace("Z", "+00:00"))
        except ValueError:
            return day_only.isoformat()
        out = parsed.isoformat()
        return out[:-6] + "Z" if out.endswith("+00:00") else out
    return day_only.isoformat()


# ---------------------------------------------------------------- masthead, section links, date elements
# Read on demand (only when the page's metadata leaves the outlet or the date open), from the same tree.

_LOWER = "translate(concat(@class, ' ', @id), 'ABCDEGILMNORST', 'abcdegilmnorst')"
_MASTHEAD_XPATH = (
    "//a[@href] | //*["
    + " or ".join(f"contains({_LOWER}, '{w}')" for w in ("logo", "brand", "masthead", "site-title", "site-name"))
    + "]"
)
_SITE_CLASS = re.compile(r"(?<![a-z])(?:logo(?!ut)|brand|masthead|site-?(?:title|name))")
#: Containers whose content is not the article's own: comments, lists of other stories, page furniture.
_OFF_CONTENT_TAGS = frozenset({"aside", "footer", "nav", "form"})
_OFF_CONTENT = re.compile(
    r"comment|related|recommend|most-?(?:read|viewed|popular)|popular|trending|sidebar|teaser|promo|newsletter|"
    r"footer|more-(?:on|from|stories)|read-?next|reply|replies"
)
_DATE_CLASS = re.compile(r"(?<![a-z])(?:date|dateline|pubdate|published|publish-date|posted-on|timestamp)(?![a-z])")
_MAX_LINKS = 2000


def _is_home(href: str, host: str | None) -> bool:
    """A link to the site's front page: "/", "./", "index.html", or the page's own host with no path."""
    href = href.strip()
    if href in ("/", "./", "", "/index.html", "index.html", "/#", "#"):
        return href not in ("", "#")
    m = re.match(r"^(?:https?:)?//([^/?#]+)/?(?:index\.html?)?$", href, re.IGNORECASE)
    if m is None or host is None:
        return False
    strip = re.compile(r"^(?:www\d?|m)\.")
    return strip.sub("", m.group(1).lower()) == strip.sub("", host.lower())


def _in_off_content(el: HtmlElement, stop: HtmlElement | None = None) -> bool:
    """Whether ``el`` sits in comments, an aside, a list of other stories, navigation or the footer."""
    for anc in el.iterancestors():
        tag = anc.tag if isinstance(anc.tag, str) else ""
        if anc is stop or tag in ("body", "html"):
            return False
        if tag in _OFF_CONTENT_TAGS:
            return True
        marks = f"{_classes(anc)} {(anc.get('id') or '').casefold()}"
        if marks.strip() and _OFF_CONTENT.search(marks):
            return True
    return False


def masthead_names(tree: HtmlElement, host: str | None = None) -> list[tuple[str, str]]:
    """Site-name candidates shown by the page's masthead, in page order: (name, evidence).

    The text (or image alt/title) of a link to the front page or of a logo/brand/masthead element, outside the
    article, asides and the footer. A container that holds links or images is left to its children.
    """
    out: list[tuple[str, str]] = []
    for el in tree.xpath(_MASTHEAD_XPATH):
        tag = el.tag if isinstance(el.tag, str) else ""
        marks = f"{_classes(el)} {(el.get('id') or '').casefold()}"
        by_class = _SITE_CLASS.search(marks) is not None
        home = tag == "a" and _is_home(el.get("href") or "", host)
        if not (by_class or home) or _under(el, ("article", "footer", "aside")):
            continue
        if tag not in ("a", "img") and (el.find(".//a") is not None or el.find(".//img") is not None):
            continue
        text = element_text(el) if tag != "img" else ""
        if not text:
            img = el if tag == "img" else el.find(".//img")
            holder = img if img is not None else el
            text = clean_text(holder.get("alt") or holder.get("title") or el.get("aria-label") or "")
        if text and len(text) <= 80:
            what = "logo" if by_class else "link to the front page"
            out.append((text, f"{what} <{tag} class={el.get('class')!r}>: {text}"))
        if len(out) >= 8:
            break
    return out


def _under(el: HtmlElement, tags: tuple[str, ...]) -> bool:
    return any(isinstance(a.tag, str) and a.tag in tags for a in el.iterancestors())


def section_link_names(tree: HtmlElement) -> set[str]:
    """Case-folded texts of the page's links to its sections ("World", "Opinion"): short links to a path."""
    out: set[str] = set()
    for i, a in enumerate(tree.iter("a")):
        if i >= _MAX_LINKS:
            break
        href = (a.get("href") or "").strip()
        path = re.sub(r"^(?:https?:)?//[^/?#]+", "", href)
        if len(path) < 2 or not path.startswith("/") or path.startswith("/#"):
            continue
        text = element_text(a)
        if text and len(text) <= 40 and len(text.split()) <= 4:
            out.add(" ".join(text.casefold().split()))
    return out


def date_elements(tree: HtmlElement) -> list[tuple[str | None, str, str]]:
    """The page's own date elements, in page order: ``(datetime attribute, text, evidence)``.

    ``<time>`` elements and dateline/date-classed elements of the article: inside the (first headed)
    ``<article>`` when the page has one, else anywhere; never in comments, asides, lists of other stories,
    navigation or the footer.
    """
    articles = tree.xpath("//article")
    scope = next((a for a in articles if a.find(".//h1") is not None), articles[0] if articles else tree)
    out: list[tuple[str | None, str, str]] = []
    for el in scope.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:
            continue
        if tag != "time" and (_DATE_CLASS.search(_classes(el)) is None or len(el) > 3):
            continue
        if _in_off_content(el, stop=scope if scope is not tree else None):
            continue
        text = element_text(el)[:120]
        stamp = (el.get("datetime") or "").strip() or None
        if stamp or text:
            shown = f"<{tag} datetime={stamp!r}>" if stamp else f"<{tag}>"
            out.append((stamp, text, f"{shown}{text}</{tag}>"))
        if len(out) >= 6:
            break
    return out
