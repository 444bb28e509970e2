"""The outlet and URL of a story, recovered from scraped page text.

An "Original url:" / "Source:" line states the story's URL; the outlet is then the name the page gives
that domain: a short masthead line ("Devdiscourse" for devdiscourse.com), a copyright line whose name
ends with or is spelled by the domain, or a capitalised name the domain spells from whole words and
initials ("Valmora Evening News" for valmoranews.com), in the casing the page uses when it also writes
the name in capitals. Without a URL line, a copyright line names the outlet, then a contact e-mail
address (its domain, or the site name written near it). Publishing platforms, social networks and mail
services are never the outlet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from storyweave.extraction import agencies as ag
from storyweave.extraction.titles import domain_label
from storyweave.models import Field

__all__ = ["find_outlet", "name_matches_domain", "url_and_outlet"]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Text primitives, the same as in textmeta.
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_KEY = re.compile(r"[\W_]+", re.UNICODE)
_SEGMENTS = re.compile(r"\s*[|•·]\s*")
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
_CAPTION = re.compile(
    r"\b(?:photo|photos|photograph|image|images|picture|pictures|pictured|foto|fotos|bild|credit|credits|getty|"
    r"shutterstock|illustration|file photo|crédit|photographie)\b",
    re.IGNORECASE,
)

_EMAIL = re.compile(r"[\w.+-]+@((?:[\w-]+\.)+[a-z]{2,24})\b", re.IGNORECASE)
_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,24}$")
_COPYRIGHT_START = re.compile(r"^\W{0,3}(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_COPY_STRIP = re.compile(
    r"©|\(c\)|\bcopyright\b|\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\b|all rights reserved\.?|"
    r"tous droits réservés\.?|alle rechte vorbehalten\.?|todos los derechos reservados\.?",
    re.IGNORECASE,
)
_URL_LABEL = re.compile(
    r"^(?:original\s+url|original\s+link|source\s+url|url|link|source|sources|originally published (?:at|on|by|in)|"
    r"read (?:the )?(?:original|full) (?:article|story) (?:at|on)|article source|quelle|fuente|fonte|"
    r"source de l'article|lien original|originalartikel)\s*:\s*(.*)$",
    re.IGNORECASE,
)
#: Hosts of publishing platforms, social networks and mail services: never the outlet.
_PLATFORMS = _wordset(
    "wordpress blogger blogspot medium facebook twitter x instagram youtube google gravatar disqus tumblr linkedin "
    "telegram whatsapp pinterest reddit tiktok vk gmail yahoo hotmail outlook live icloud aol gmx protonmail "
    "yandex mail"
)
_ARTICLES = ("the", "l", "la", "le", "les", "el", "los", "las", "die", "der", "das", "il", "lo", "de", "het")
_COMPANY = re.compile(
    r"[,\s]+(?:ltd|limited|plc|inc|llc|llp|corp|co|gmbh|ag|kg|sa|s\.a|sas|sarl|srl|spa|s\.p\.a|bv|nv|ab|as|oy|pty)\.?$",
    re.IGNORECASE,
)


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return _KEY.sub("", "".join(c for c in folded if not unicodedata.combining(c)))


def _host(url: str) -> str | None:
    m = re.match(r"https?://([^/:?#\s]+)", url, re.IGNORECASE)
    if m is None:
        return None
    host = m.group(1).lower().rstrip(".")
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host if "." in host else None


def _platform(host_or_name: str) -> bool:
    label = domain_label(host_or_name) if "." in host_or_name else host_or_name
    return (label or "").casefold() in _PLATFORMS or _key(host_or_name) in _PLATFORMS


def _named_as(lines: Sequence[str], host: str, around: range | None = None) -> str | None:
    """A short line of the page that names the site of ``host`` ("Devdiscourse" for devdiscourse.com)."""
    label = _key(domain_label(host) or "")
    if len(label) < 3:
        return None
    idx = around if around is not None else range(len(lines))
    for i in idx:
        ln = lines[i].strip(" ©")
        if 1 <= len(_words(ln)) <= 5 and "@" not in ln and "." not in ln:
            key = _key(ln)
            if key == label or any(key == a + label for a in _ARTICLES):
                return _recase(lines, ln)
    return None


def _recase(lines: Sequence[str], name: str) -> str:
    """A name the page writes in capitals ("VALMORA COURIER") in the casing it uses elsewhere, if any."""
    if not name.isupper():
        return name
    pat = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    for ln in lines:
        for m in pat.finditer(ln):
            if not m.group(0).isupper() and m.group(0)[:1].isupper():
                return m.group(0)
    return name


def _letters_match(words: list[str], label: str) -> bool:
    """Whether ``label`` (a domain's name, "valmoranews") spells ``words`` ("Valmora Evening News") from whole
    words and initials; one inner word may be left out, leading articles may be."""
    keys = [_key(w) for w in words]
    if not keys or not all(keys) or len("".join(keys)) < len(label) or len(label) < 4:
        return False

    def go(i: int, pos: int, skipped: int) -> bool:
        if i == len(keys):
            return pos == len(label)
        k = keys[i]
        if label.startswith(k, pos) and go(i + 1, pos + len(k), skipped):
            return True
        if len(k) > 1 and label.startswith(k[0], pos) and go(i + 1, pos + 1, skipped):
            return True
        if i == 0 and k in _ARTICLES:
            return go(i + 1, pos, skipped)
        return 0 < i < len(keys) - 1 and skipped == 0 and go(i + 1, pos, 1)

    return go(0, 0, 0)


def _spells(name: str, label: str) -> bool:
    """Whether ``name`` ends with the domain's name ``label`` or ``label`` spells its words."""
    return _key(name).endswith(label) or _letters_match(name.split(), label)


def _spelled_name(lines: Sequence[str], host: str) -> str | None:
    """A name on a short line of the page that the domain spells ("Valmora Evening News" for valmoranews.com)."""
    label = _key(domain_label(host) or "")
    if len(label) < 4:
        return None
    best: str | None = None
    for ln in lines:
        if len(_words(ln)) > 12 or "@" in ln:
            continue
        for seg in _SEGMENTS.split(_COPY_STRIP.sub(" ", ln)):
            toks = [t for t in re.split(r"[\s,;:()]+", seg) if t]
            for a in range(len(toks)):
                if not toks[a][:1].isupper():
                    continue
                for b in range(min(len(toks), a + 5), a, -1):
                    span = toks[a:b]
                    if all(t[:1].isupper() for t in span) and _letters_match(span, label):
                        name = " ".join(span).strip(" .")
                        if best is None or len(name) > len(best):
                            best = name
                        break
    return None if best is None else _recase(lines, best)


def _copyright_name(line: str) -> str | None:
    if not _COPYRIGHT_START.match(line) or len(_words(line)) > 20 or _CAPTION.search(line):
        return None
    rest = _COPY_STRIP.sub(" ", line)
    rest = _SEGMENTS.split(rest.strip())[0]
    rest = re.split(r"\.\s|\.$|\s[-–—]\s|,\s", rest)[0]
    name = _COMPANY.sub("", " ".join(rest.split()).strip(" ,.-–—:;")).strip(" ,.-–—:;")
    if not name or not name[:1].isupper() or len(_words(name)) > 6 or ag.AGENCY.search(name):
        return None
    return None if _platform(name) else name


def url_and_outlet(lines: Sequence[str]) -> dict[str, Field]:
    """The article URL and outlet stated in page ``lines``: keys ``"url"`` and ``"outlet"``, each when found.

    An "Original url:" / "Source:" line gives the URL, and the outlet is the name the page gives that domain
    (masthead, copyright line, a name the domain spells) or else the domain itself; without one, a copyright
    line, then a contact e-mail address near the site's name.
    """
    out: dict[str, Field] = {}
    for i, ln in enumerate(lines):
        m = _URL_LABEL.match(ln)
        if m is None:
            continue
        rest = m.group(1).strip()
        if not rest and i + 1 < len(lines) and _URL.match(lines[i + 1]):
            rest, ev = lines[i + 1], f"{ln} {lines[i + 1]}"
        else:
            ev = ln
        um = _URL.match(rest)
        if um is not None:
            url = um.group(0).rstrip(".,;")
            host = _host(url)
            if host is None or _platform(host):
                continue
            out["url"] = Field(url, "text-url-line", 0.85, ev)
            label = _key(domain_label(host) or "-")
            name = _named_as(lines, host)
            source = "text-masthead"
            if name is None:
                source = "text-copyright"
                name = next(
                    (nm for c in lines if (nm := _copyright_name(c)) and _spells(nm, label)),
                    None,
                )
            if name is None:
                source, name = "text-masthead", _spelled_name(lines, host)
            if name:
                out["outlet"] = Field(name, source, 0.8, ev)
            else:
                out["outlet"] = Field(host, "text-domain", 0.7, ev)
            return out
        dom = rest.strip(" .").lower()
        if _DOMAIN.match(dom) and not _platform(dom):  # "Source: example-news.com"
            out.setdefault("outlet", Field(dom.removeprefix("www."), "text-url-line", 0.6, ln))
    for ln in lines:
        name = _copyright_name(ln)
        if name:
            out["outlet"] = Field(name, "text-copyright", 0.7, ln)
            return out
    for i, ln in enumerate(lines):
        em = _EMAIL.search(ln)
        if em is None or len(_words(ln)) > 12:
            continue
        host = em.group(1).lower()
        if _platform(host):
            continue
        name = _named_as(lines, host, range(max(0, i - 4), min(len(lines), i + 5)))
        if name:
            out["outlet"] = Field(name, "text-footer", 0.75, f"{name} / {ln}")
            return out
        out.setdefault("outlet", Field(host, "text-domain", 0.4, ln))
    return out


def find_outlet(lines: Sequence[str]) -> Field | None:
    """The outlet named in page ``lines`` (see :func:`url_and_outlet`), None when the page names none."""
    return url_and_outlet(lines).get("outlet")


def name_matches_domain(name: str, domain: str) -> bool:
    """Whether the outlet ``name`` belongs to ``domain`` (a host or URL): the name ends with the domain's name
    ("The Valmora Courier" for valmoracourier.com) or the domain spells its words and initials ("Valmora
    Evening News" for valmoranews.com)."""
    label = _key(domain_label(domain) or "")
    return bool(label) and _spells(name, label)
