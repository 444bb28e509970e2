"""Extract stage: one :class:`Document` -> one :class:`Article` (clean text + attributed metadata).

A pure function of the document and the options, so it can run in worker
processes (or a distributed engine) over batches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlsplit

from storyweave.config import ExtractOptions
from storyweave.errors import NoArticleError
from storyweave.extraction import agencies as agz
from storyweave.extraction import textclean, textmeta
from storyweave.extraction.bylines import split_byline
from storyweave.extraction.html import extract_html
from storyweave.extraction.language import detect_language
from storyweave.extraction.titles import strip_site_names
from storyweave.models import Article, Document, Field, RemovedBlock

_WS = re.compile(r"[ \t\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$|^--(\d{2})-(\d{2})$")
_PAGE_TITLE_SOURCES = {"html-title", "meta", "json-ld", "h1", "trafilatura"}
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "td")


def normalize_text(text: str) -> str:
    """Tidy whitespace: single spaces inside lines, paragraphs separated by one blank line."""
    lines = [_WS.sub(" ", ln).strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out = "\n".join(lines).strip()
    return _BLANKS.sub("\n\n", out)


def normalize_date(value: str) -> str | None:
    """A given date as ISO 8601: full date or datetime, or a partial (``2020``, ``2020-11``, ``--11-10``).

    Returns None when the value is not a date we can read; never fills in a
    missing part.
    """
    v = value.strip()
    if not v:
        return None
    if _PARTIAL.match(v):
        return v
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        if len(v) <= 10:
            return dt.date().isoformat()
        return dt.isoformat().replace("+00:00", "Z")
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(v).isoformat().replace("+00:00", "Z")
    except (TypeError, ValueError, IndexError):
        return None


def fragment_to_text(fragment: str) -> str:
    """The text of an article's own HTML (e.g. a feed entry), paragraph by paragraph."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk; fall back to treating it as text
        return normalize_text(re.sub(r"<[^>]+>", " ", fragment))
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    blocks: list[str] = []
    for el in root.iter(*_BLOCK_TAGS):
        if any(child.tag in _BLOCK_TAGS for child in el.iterchildren()):
            continue
        txt = " ".join(el.text_content().split())
        if txt:
            blocks.append(txt)
    if not blocks:
        blocks = [" ".join(root.text_content().split())]
    return "\n\n".join(dict.fromkeys(blocks))


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    host = host.lower()
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host or None


def merge_fields(*layers: dict[str, Field]) -> dict[str, Field]:
    """Earlier layers win; a layer's None/empty values never hide a later layer's value."""
    out: dict[str, Field] = {}
    for layer in layers:
        for name, f in layer.items():
            if name not in out and f.value not in (None, "", [], ()):
                out[name] = f
    return out


def extract(doc: Document, options: ExtractOptions | None = None) -> Article:
    """Turn one document into an article. Raises NoArticleError when it holds none."""
    opts = options or ExtractOptions()
    removed: tuple[RemovedBlock, ...] = ()
    found: dict[str, Field] = {}
    if doc.kind == "html":
        url_hint = doc.hints.get("url")
        res = extract_html(doc.content, url=None if url_hint is None else str(url_hint.value), options=opts)
        text, found = res.text, res.meta
    elif doc.kind == "text":
        cleaned = textclean.clean_text(doc.content)
        text = cleaned.text
        removed = cleaned.removed
        found = textmeta.text_metadata(doc.content, cleaned)
    elif doc.kind == "fragment":
        text = fragment_to_text(doc.content)
    else:
        text = doc.content
    text = normalize_text(text)
    if len(text) < opts.min_text_chars:
        what = "no article text found" if not text else f"no article found (only {len(text)} characters of text)"
        raise NoArticleError(what)

    meta = merge_fields(_clean_hints(doc.hints), found)
    meta = _complete(meta, text)
    return Article(
        id=doc.id,
        document_id=doc.id,
        external_id=doc.external_id,
        source=doc.source,
        locator=doc.locator,
        input_format=doc.input_format,
        text=text,
        meta=meta,
        removed=removed,
        extra=doc.extra,
    )


def _clean_hints(hints: dict[str, Field]) -> dict[str, Field]:
    out = dict(hints)
    pub = out.get("published")
    if pub is not None:
        norm = normalize_date(str(pub.value))
        if norm is None:
            out.pop("published")
            out["published_given"] = Field(pub.value, pub.source, 0.0, "not a date storyweave can read")
        elif norm != pub.value:
            out["published"] = Field(norm, pub.source, pub.confidence, str(pub.value))
    return out


def _complete(meta: dict[str, Field], text: str) -> dict[str, Field]:
    """Fill what the text itself can tell: language, agencies, outlet from the URL; tidy the title."""
    if "language" not in meta:
        lang = detect_language(text)
        if lang is not None:
            meta["language"] = lang
    _agencies_and_byline(meta, text)
    url = meta.get("url")
    if "outlet" not in meta and url is not None:
        dom = domain_of(str(url.value))
        if dom:
            meta["outlet"] = Field(dom, "url", 0.5, str(url.value))
    title = meta.get("title")
    if title is not None:
        names = [str(f.value) for f in (meta.get("outlet"), meta.get("url")) if f is not None]
        # Cut a segment by its shape ("Headline | Short Name") only from page titles; a headline read
        # from text or given in the input loses a segment only when it names the known outlet
        # ("... – Putin" is part of the headline).
        by_shape = title.source in _PAGE_TITLE_SOURCES
        stripped = " ".join(strip_site_names(str(title.value), names, by_shape=by_shape).split())
        if stripped and stripped != title.value:
            meta["title"] = Field(stripped, title.source, title.confidence, str(title.value))
    return meta


def _agencies_and_byline(meta: dict[str, Field], text: str) -> None:
    """Credited agencies from the text, and an agency given as the author moved from byline to agencies.

    A byline part is an agency when the gazetteer knows it, when the same text credits it as an agency
    ("OSLO (Nordwire) -"), or when its words say so ("... Press Agency", "... News Service"). Roles and
    affiliations after a person's name ("Jane Doe; Chief Reporter") leave the byline but stay in its evidence.
    """
    byline = meta.get("byline")
    known = agz.known_agency_names(text)

    def is_agency(part: str) -> bool:
        if agz.canonical(part) is not None or part in known:
            return True
        return len(part.split()) >= 2 and agz.AGENCY_WORDS.search(part) is not None and agz.agency_shaped(part)

    moved: list[str] = []
    if byline is not None and isinstance(byline.value, str):
        parts = split_byline(byline.value, is_agency)
        given = byline.evidence if byline.evidence and byline.value in byline.evidence else byline.value
        if parts.agencies:
            moved = parts.agencies
            if parts.persons:
                meta["byline"] = Field(", ".join(parts.persons), byline.source, byline.confidence, given)
            else:
                meta.pop("byline")
        elif parts.persons and parts.other:
            meta["byline"] = Field(", ".join(parts.persons), byline.source, byline.confidence, given)
    if "byline" not in meta and not moved:
        found = textmeta.byline_in_text(text)
        if found is not None:
            meta["byline"] = found
    credited = textmeta.find_agencies(text, tuple(moved))
    if moved:
        known = agz.known_agency_names(text, tuple(moved))
    names: list[str] = []
    for f in (meta.get("agencies"), credited):
        if f is not None and isinstance(f.value, list | tuple):
            names.extend(str(v) for v in f.value)
    names.extend(moved)
    canon = list(dict.fromkeys(agz.canonical(n) or known.get(n, n) for n in names))
    if not canon:
        return
    old = meta.get("agencies") or credited
    ev: str
    if old is None or (moved and not (credited and credited.value)):
        src, conf, ev = (byline.source if byline else "byline"), 0.7, f"author: {', '.join(moved)}"
    else:
        src, conf, ev = old.source, old.confidence, old.evidence or ""
    if moved and old is not None:
        ev = f"{ev or ''} / author: {', '.join(moved)}".strip(" /")
    meta["agencies"] = Field(sorted(canon, key=str.casefold), src, conf, ev)


def extract_many(docs: Iterable[Document], options: ExtractOptions | None = None) -> list[Article | Exception]:
    """Batch form of :func:`extract`: one result per document, errors returned rather than raised."""
    results: list[Article | Exception] = []
    for doc in docs:
        try:
            results.append(extract(doc, options))
        except Exception as exc:
            results.append(exc)
    return results
