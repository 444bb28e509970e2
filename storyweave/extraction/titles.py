"""Title clean-up: drop the site-name segment that pages glue onto their headlines.

Page titles often read ``Headline | Site name``, ``Headline - Site``,
``Site: Headline`` or ``Site | Section | Headline``. :func:`strip_site_suffix`
removes such segments. When the site name (or the page's domain) is known, a
segment is removed only if it names that site; without one, a trailing
segment is removed only when it is short and looks like a name, so real
headline parts ("Brexit: what happens next") survive. :func:`strip_section_labels`
then drops section labels and page numbers left behind the headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

#: Separators between a headline and a site name. Dashes and colons need spaces around them so that
#: hyphenated words and times ("10:30") are never split; bars and bullets may stand without spaces.
_SEP = re.compile(r"\s+[-–—~/:»«]\s+|\s*[|·•›‹]\s*|:\s+|\s+::\s+")
#: A separator with nothing on one side of it ("Headline |", "| Headline"): an empty site-name slot.
_DANGLING = re.compile(r"^(?:[|·•›‹:]|[-–—~/»«](?=\s))\s*|\s*(?:[|·•›‹:]|(?<=\s)[-–—~/»«])$")
#: The separators between title segments (public: callers split titles the same way).
SEPARATORS = _SEP
_KEY = re.compile(r"[\W_]+", re.UNICODE)
_DOMAINISH = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}$", re.IGNORECASE)
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.", "edition.", "en.")
#: Second-level labels that are not the site's own name ("co" in example.co.uk).
_GENERIC_SLD = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go"}
_BAR_SEPS = {"|", "·", "•", "›", "‹"}
_MOJIBAKE = re.compile(r"[ÃÂâ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]")
_MD_EMPHASIS = re.compile(r"(?<![\w*_])(?:\*\*?|__?)(?=\S)([^*_]+?)(?<=\S)(?:\*\*?|__?)(?![\w*_])")
#: A trailing page number of a paginated article: "Headline - Page 2", "Headline (page 3 of 5)".
_PAGINATION = re.compile(
    r"\s*(?:[-–—|:,]\s*|\(\s*)?\b(?:page|p\.)\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\s*\)?$", re.IGNORECASE
)


def _key(text: str) -> str:
    return _KEY.sub("", text.casefold())


def domain_label(url_or_host: str) -> str | None:
    """The name part of a host: ``https://www.valmora-courier.example.com/a`` -> ``valmora-courier``'s parent label.

    Returns the registrable label (the one left of the public suffix, judged
    roughly), e.g. ``news.example.co.uk`` -> ``example``.
    """
    host = url_or_host
    if "//" in url_or_host:
        host = urlsplit(url_or_host).hostname or ""
    host = host.lower().strip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
    labels = [lab for lab in host.split(".") if lab]
    if len(labels) < 2:
        return labels[0] if labels else None
    labels = labels[:-1]  # top-level domain
    if len(labels) >= 2 and labels[-1] in _GENERIC_SLD:
        labels = labels[:-1]
    return labels[-1] if labels else None


def _site_keys(names: Iterable[str | None]) -> list[str]:
    keys: list[str] = []
    for name in names:
        if not name:
            continue
        name = name.strip()
        if _DOMAINISH.match(name) or "//" in name:
            label = domain_label(name)
            if label:
                keys.append(_key(label))
        if "//" not in name:  # a URL's path is no name of the site ("/reading-the-numbers" would match titles)
            keys.append(_key(name))
    return [k for k in dict.fromkeys(keys) if len(k) >= 2]


def _names_site(segment: str, keys: list[str]) -> bool:
    """Whether a title segment is (a form of) one of the site names."""
    seg = _key(segment)
    if not seg:
        return False
    if _DOMAINISH.match(segment.strip()):
        return True
    for k in keys:
        if seg == k:
            return True
        if len(segment.split()) > 6:
            continue
        if len(seg) < len(k):
            # the start or end of the name: "Courier" for "Valmora Courier", "valmora" for valmora-courier.com
            # (not any part of it: "Cyber Security" is no name for "National Cyber Security Centre")
            if len(seg) >= 5 and (k.startswith(seg) or k.endswith(seg)):
                return True
        elif k in seg and len(k) >= 4 and len(k) * 2 >= len(seg):
            # the name with a little more: "The Valmora Courier", "Valmora Courier Online"
            return True
    return False


def names_site(segment: str, site_names: Iterable[str | None]) -> bool:
    """Whether ``segment`` (a title part, an <h1>) is just the name of the site."""
    keys = _site_keys(site_names)
    return bool(keys) and _names_site(segment, keys)


def _split(title: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Spans of the title's segments and the separators between them."""
    spans: list[tuple[int, int]] = []
    seps: list[str] = []
    pos = 0
    for m in _SEP.finditer(title):
        spans.append((pos, m.start()))
        seps.append(m.group().strip())
        pos = m.end()
    spans.append((pos, len(title)))
    return spans, seps


def _looks_like_name(segment: str) -> bool:
    """A short, capitalised segment such as a site or section name ("Valmora Courier", "BBC News")."""
    words = segment.split()
    if not 1 <= len(words) <= 4 or len(segment) > 40:
        return False
    if segment.rstrip()[-1:] in ".?!":
        return False
    caps = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    return len(caps) >= max(1, len(words) - 1) or bool(_DOMAINISH.match(segment.strip()))


def strip_site_names(title: str, site_names: Iterable[str | None] = (), *, by_shape: bool = True) -> str:
    """Drop leading/trailing segments that name the site (any of ``site_names``: names, domains or URLs).

    With no usable name, fall back to :func:`_strip_by_shape` (unless ``by_shape`` is False).
    """
    clean = _strip_dangling(" ".join(title.split()))
    keys = _site_keys(site_names)
    if not keys:
        return _strip_by_shape(clean) if by_shape else clean
    spans, _ = _split(clean)
    parts = [clean[a:b] for a, b in spans]
    if len(parts) < 2:
        return _strip_leading_domain(clean, keys)
    lo, hi = 0, len(parts)
    # trailing segments ("Headline | Section | Site"): drop the site and, behind it, nothing else
    while hi - lo > 1 and _names_site(parts[hi - 1], keys):
        hi -= 1
    # leading site segment ("Site | Headline", "Site: Headline")
    while hi - lo > 1 and _names_site(parts[lo], keys):
        lo += 1
    if (lo, hi) == (0, len(parts)):
        # no segment names the site: a trailing domain-like segment ("Headline - example.com") still goes
        if _DOMAINISH.match(parts[-1].strip()):
            hi -= 1
        else:
            return clean
    return clean[spans[lo][0] : spans[hi - 1][1]].strip() or clean


def _strip_dangling(title: str) -> str:
    """Drop a separator left hanging at either end, but never a guillemet that closes or opens a quote."""
    if "«" in title and "»" in title:
        return title
    return _DANGLING.sub("", title) or title


def _strip_leading_domain(clean: str, keys: list[str]) -> str:
    """``example.com Headline`` (the site's own domain glued on without a separator) -> ``Headline``."""
    first, _, rest = clean.partition(" ")
    if len(rest.split()) >= 2 and _DOMAINISH.match(first):
        label = domain_label(first)
        if label and _key(label) in keys:
            return rest
    return clean


def _strip_by_shape(clean: str) -> str:
    """No site name known: drop one trailing segment after a bar/dash if it is short and name-like."""
    spans, seps = _split(clean)
    if len(spans) < 2:
        return clean
    last, sep = clean[spans[-1][0] :], seps[-1]
    if sep == ":":
        return clean  # "Brexit: what next" - colons join headline parts far more often than site names
    head = clean[: spans[-2][1]].strip()
    if len(head.split()) < 3 or len(head) <= len(last):
        return clean
    if sep in _BAR_SEPS and _looks_like_name(last):
        return head
    if sep in {"-", "–", "—"} and _looks_like_name(last) and len(last.split()) <= 3:
        return head
    if _DOMAINISH.match(last.strip()):
        return head
    return clean


def fix_mojibake(text: str) -> str:
    """UTF-8 text that was decoded as Latin-1/cp1252 ("Investorâ\x80\x99s") decoded again; else unchanged."""
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def strip_markdown_emphasis(text: str) -> str:
    """``*Title* (1792)`` -> ``Title (1792)``: emphasis markers a Markdown site left in its metadata."""
    return _MD_EMPHASIS.sub(r"\1", text) if "*" in text or "_" in text else text


def strip_section_labels(title: str) -> str:
    """``title`` without the trailing labels a page adds after its headline once the site is gone.

    "Headline | Opinion", "Headline | Patient Education | Some Hospital", "Headline - Page 2",
    "Headline — Short Section": short, name-like segments behind a bar (any number of them) or one
    behind a dash (see :func:`_strip_by_shape`) and a page number. The headline itself must keep at
    least three words and stay longer than what goes.
    """
    clean = " ".join(title.split())
    paged = _PAGINATION.sub("", clean)
    if len(paged.split()) >= 3:
        clean = paged
    for _ in range(4):
        shorter = _strip_by_shape(clean)
        if shorter == clean:
            break
        clean = shorter
    return clean


def strip_site_suffix(title: str, site_name: str | None = None) -> str:
    """``title`` without a trailing "| Site name" / "- Site" / "— Site" / ": Site" segment or a leading "Site |".

    ``site_name`` may be a name, a domain or a URL. Whitespace is normalised;
    a title that would become empty is returned whole.
    """
    return strip_site_names(title, [site_name] if site_name else [])


def site_segments(title: str) -> list[str]:
    """Segments of a page title that may be the site's name, most likely first: the last one, then the first.

    ``Headline | The Valmora Courier`` -> ``["The Valmora Courier"]``. A segment qualifies when it is short
    and name-like and the rest of the title is longer than it; a leading segment only before a bar
    ("Site | Headline", never "Brexit: what next"). Whether it is the site and not a section is for the caller.
    """
    clean = _strip_dangling(" ".join(title.split()))
    spans, seps = _split(clean)
    if len(spans) < 2:
        return []
    out: list[str] = []
    last, first = clean[spans[-1][0] :].strip(), clean[: spans[0][1]].strip()
    if len(clean[: spans[-2][1]]) > len(last) and _looks_like_name(last):
        out.append(last)
    if seps[0] in _BAR_SEPS and len(clean[spans[1][0] :]) > len(first) and _looks_like_name(first):
        out.append(first)
    return [s for s in out if not _DOMAINISH.match(s)]
