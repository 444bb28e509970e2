"""News agencies credited in article text.

A gazetteer of wire agencies (canonical name -> spellings seen in credits) and
the credit forms that say an agency *supplied* the story: ``By AFP``,
``MOSCOW (Reuters) -``, ``Reuters | Updated ...``, ``With reporting by TASS and
Interfax``, ``Reporting by ...; Editing by ...`` (Reuters house style),
``(dpa)``, a closing ``— AP``, ``Source: EFE``, ``Le Monde avec AFP``.

An agency merely *mentioned* ("told Reuters", "quoted by RIA news agency",
"the TASS news agency reported") is not a credit: only the forms above count.
Matching of names is case-sensitive so that short acronyms ("AP", "ANI") do
not fire on ordinary words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyweave.models import Field

#: Canonical name -> other spellings (the canonical name itself always matches).
GAZETTEER: dict[str, tuple[str, ...]] = {
    "Reuters": ("REUTERS", "Thomson Reuters"),
    "AP": ("Associated Press", "The Associated Press", "the Associated Press", "ASSOCIATED PRESS"),
    "AFP": ("Agence France-Presse", "Agence France Presse", "France-Presse", "France Presse"),
    "dpa": ("DPA", "Deutsche Presse-Agentur"),
    "EFE": ("Agencia EFE", "Efe"),
    "ANSA": ("Ansa",),
    "TASS": ("Tass", "ITAR-TASS", "Itar-Tass"),
    "Interfax": ("INTERFAX",),
    "Interfax-Ukraine": (),
    "RIA Novosti": ("RIA", "RIA-Novosti", "RIA NOVOSTI"),
    "Sputnik": (),
    "Xinhua": ("XINHUA", "Xinhua News Agency"),
    "Kyodo": ("KYODO", "Kyodo News"),
    "Jiji Press": ("Jiji",),
    "Yonhap": ("YONHAP", "Yonhap News Agency"),
    "PTI": ("Press Trust of India",),
    "ANI": ("Asian News International",),
    "IANS": (),
    "UNI": ("United News of India",),
    "UPI": ("United Press International",),
    "Bloomberg": ("Bloomberg News", "BLOOMBERG"),
    "Anadolu": ("Anadolu Agency", "Anadolu Ajansı", "AA"),
    "BelTA": ("BELTA",),
    "Ukrinform": (),
    "UNIAN": (),
    "APA": ("Austria Presse Agentur",),
    "Europa Press": (),
    "AGI": (),
    "Adnkronos": (),
    "Belga": (),
    "ANP": (),
    "Lusa": (),
    "PAP": (),
    "ČTK": ("CTK",),
    "MTI": (),
    "Agerpres": (),
    "BTA": (),
    "Keystone-SDA": ("SDA", "ATS"),
    "Notimex": (),
    "Télam": ("Telam",),
    "Prensa Latina": (),
    "Antara": (),
    "Bernama": (),
    "IRNA": (),
    "MENA": (),
    "WAFA": (),
    "KUNA": (),
    "WAM": (),
    "SPA": ("Saudi Press Agency",),
    "APP": ("Associated Press of Pakistan",),
    "KCNA": (),
    "AAP": ("Australian Associated Press",),
    "The Canadian Press": ("Canadian Press",),
    "Armenpress": (),
    "Kazinform": (),
    "epd": (),
    "KNA": (),
    # a credit to unnamed agencies ("By Agencies", "With inputs from agencies")
    "Agencies": ("agencies", "AGENCIES", "Agences", "agences", "Agenturen", "agencias", "Agencias"),
}

_CANON: dict[str, str] = {}
for _canon, _aliases in GAZETTEER.items():
    for _name in (_canon, *_aliases):
        _CANON[_name] = _canon

_STAFF = r"(?:\s+(?:[Ss]taff|[Cc]orrespondents?|[Nn]ews|[Rr]eporters?|[Ww]riters?))?"
_BY = re.compile(r"^\(?\s*(?:By|BY|Par|PAR|Von|VON|Por|POR|Written by|Reported by)\s+(.+)$")
_REPORTING = re.compile(
    r"^\(?\s*(?:with\s+|additional\s+|avec\s+|mit\s+|con\s+)?"
    r"(?:reporting|writing|inputs?|information|material|información|informaciones|material|"
    r"contributions?|informations)\s+(?:by|from|of|de|von|des|d')\s+(.+)$",
    re.IGNORECASE,
)
_REUTERS_HOUSE = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|compiled)\s+by\s+.+?(?:;|\band\b).*"
    r"\b(?:editing|writing)\s+by\s+",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"\b(?:photo|photos|photograph|image|images|picture|pictures|foto|fotos|bild|credit|getty|"
    r"illustration|video|file)\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)
_SPLIT_SEGMENTS = re.compile(r"\s*[|•·]\s*")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Patterns:
    """The credit patterns for one set of agency names (the gazetteer, plus names a text credits)."""

    canon: dict[str, str]
    agency: re.Pattern[str]
    only: re.Pattern[str]
    labelled: re.Pattern[str]
    paren_dash: re.Pattern[str]
    paren_end: re.Pattern[str]
    paren_lead: re.Pattern[str]
    dash_end: re.Pattern[str]
    avec: re.Pattern[str]
    mention_before: re.Pattern[str]


@lru_cache(maxsize=256)
def _patterns(extra: tuple[tuple[str, str], ...] = ()) -> _Patterns:
    canon = dict(_CANON)
    for name, can in extra:
        canon.setdefault(name, can)
    alt = "|".join(re.escape(n) for n in sorted(canon, key=len, reverse=True))
    lst = rf"(?:{alt})(?:\s*(?:/|,|&|\band\b|\bund\b|\bet\b|\by\b)\s*(?:{alt}))*"
    return _Patterns(
        canon=canon,
        agency=re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])"),
        only=re.compile(rf"^[-–—\s]*(?:\(?\s*)({lst}){_STAFF}\s*\)?\.?$"),
        labelled=re.compile(
            rf"^(?:Source|Sources|Quelle|Quellen|Fuente|Fuentes|Fonte|Agency|Agencies|Agentur)\s*:\s*({lst})\.?$"
        ),
        paren_dash=re.compile(rf"\(\s*({lst})\s*\)\s*(?:\.\s*)?[-–—:]"),
        paren_end=re.compile(rf"\(\s*({lst})\s*\)\.?\s*$"),
        paren_lead=re.compile(rf"^(?:[A-ZÀ-Ý][\w'’.-]*\s*){{1,4}}(?:,\s*[\w .]{{0,25}})?\(\s*({lst})\s*\)"),
        dash_end=re.compile(rf"(?:^|[.!?][\"”’)]?\s*)(?:—|–|--|-)\s*({lst})\.?\s*$"),
        avec=re.compile(
            rf"^(?:[\w' .-]{{0,40}}\b(?:avec|mit|con|(?i:staff|reporters?|correspondents?)\s+(?:and|with))|"
            rf"(?:[A-ZÀ-Ý][\w'’.&-]*\s+){{1,4}}(?:with|avec|mit|con))\s+({lst})\.?\s*$"
        ),
        #: Words before "(Agency)" that make it a mention: "according to the Associated Press (AP)", "told Interfax".
        mention_before=re.compile(
            rf"(?:\b(?:told|according to|quoted by|cited by|citing|reported|reports?|agency|via|per|said|says)|"
            rf"(?-i:(?<![\w-])(?:{alt})))"
            r"\W*$",
            re.IGNORECASE,
        ),
    )


_GAZ = _patterns()
#: One agency name of the gazetteer, not glued to a longer word.
AGENCY = _GAZ.agency


@dataclass(frozen=True)
class Credit:
    """One agency credit found on a line."""

    agencies: tuple[str, ...]
    source: str
    confidence: float
    evidence: str


def canonical(name: str) -> str | None:
    """The canonical spelling of an agency name, or None when it is not a known agency."""
    return _CANON.get(name.strip())


def agencies_in(text: str, pats: _Patterns = _GAZ) -> list[str]:
    """Canonical names of all agencies named in ``text`` (in order, no repeats)."""
    out: list[str] = []
    for m in pats.agency.finditer(text):
        name = pats.canon[m.group(0)]
        if name not in out:
            out.append(name)
    return out


def is_agency_segment(text: str, pats: _Patterns = _GAZ) -> bool:
    """Whether ``text`` is nothing but an agency list ("AFP", "Reuters Staff", "dpa/AFP")."""
    return pats.only.match(text.strip()) is not None


def line_credits(line: str, known: dict[str, str] | None = None) -> list[Credit]:
    """The agency credits on one line of article text (empty when the agencies are only mentioned).

    ``known`` adds agency names (spelling -> canonical name) to the gazetteer, e.g. names the same
    text credits in an unmistakable form (see :func:`find_agencies`).
    """
    pats = _patterns(tuple(sorted(known.items()))) if known else _GAZ
    ln = line.strip()
    if not ln or (pats.agency.search(ln) is None and "eporting" not in ln and "diting by" not in ln):
        return []
    words = len(_WORD.findall(ln))
    short = words <= 14
    caption = _CAPTION.search(ln) is not None
    found: list[Credit] = []

    def add(names: list[str], source: str, conf: float) -> None:
        if names:
            found.append(Credit(tuple(names), source, conf, ln if len(ln) <= 200 else ln[:200] + "…"))

    m = pats.paren_dash.search(ln)
    if m and (m.start() > 120 or pats.mention_before.search(ln[: m.start()])):
        m = None
    if m:
        add(agencies_in(m.group(1), pats), "text-dateline", 0.9)
    elif (m := pats.paren_lead.match(ln)) and not caption:
        add(agencies_in(m.group(1), pats), "text-dateline", 0.85)
    elif (m := pats.paren_end.search(ln)) and not caption and not pats.mention_before.search(ln[: m.start()]):
        add(agencies_in(m.group(1), pats), "text-credit", 0.75)
    if found:
        return found
    if caption and short:
        return []  # "Photo: AFP", "Image Credit: Reuters" credit a picture, not the story
    if short and (m := _BY.match(ln)):
        parts = [p for seg in _SPLIT_SEGMENTS.split(m.group(1)) for p in _split_names(seg)]
        add(
            list(dict.fromkeys(a for part in parts if is_agency_segment(part, pats) for a in agencies_in(part, pats))),
            "text-byline",
            0.9,
        )
    elif m := _REPORTING.match(ln):
        names = agencies_in(m.group(1), pats)
        if names:
            add(names, "text-credit", 0.85)
        elif _REUTERS_HOUSE.match(ln):
            add(["Reuters"], "text-credit", 0.6)
    elif _REUTERS_HOUSE.match(ln):
        add(["Reuters"], "text-credit", 0.6)
    elif short and (m := pats.only.match(ln) or pats.labelled.match(ln)):
        add(agencies_in(m.group(1), pats), "text-credit", 0.75)
    elif short and (m := pats.avec.match(ln)):
        add(agencies_in(m.group(1), pats), "text-credit", 0.8)
    elif words <= 30 and len(segs := _SPLIT_SEGMENTS.split(ln)) >= 2:
        names = [a for s in segs if is_agency_segment(s, pats) for a in agencies_in(s, pats)]
        add(names, "text-dateline", 0.85)
    elif m := pats.dash_end.search(ln):
        add(agencies_in(m.group(1), pats), "text-credit", 0.7)
    elif short and _COPYRIGHT.search(ln) and (names := agencies_in(ln, pats)):
        add(names, "text-copyright", 0.5)
    return found


_NAME_SPLIT = re.compile(r"\s*(?:,|/|&|;|\band\b|\bund\b|\bet\b|\by\b)\s*")


def _split_names(text: str) -> list[str]:
    return [p for p in _NAME_SPLIT.split(text) if p.strip()]


def split_names(text: str) -> list[str]:
    """Split a credit ("Jane Doe and John Roe, AFP") into its parts."""
    return _split_names(text)


# ---------------------------------------------------------------- agencies missing from the gazetteer


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Words that say a name is a news agency ("Continental Press Agency", "Baltic News Service").
AGENCY_WORDS = re.compile(
    r"(?i:\b(?:agency|agencies|press|presse|agence|agentur|nachrichtenagentur|presseagentur|agencia|agenzia|"
    r"agência|ajansı|wire|newswire|news\s+service|wire\s+service|telegraph)\b)"
)
#: Single words that follow "By" or sit in brackets without being an agency.
_NOT_AGENCY = _wordset(
    "staff admin administrator editor editors editorial team desk guest newsroom update updated correction corrected "
    "refile exclusive analysis opinion comment live video audio photo photos watch listen breaking news the a an "
    "sponsored advertisement advertorial partner content redaktion rédaction redacción anonymous unknown"
)
_NAME_CHARS = re.compile(r"^[A-ZÀ-ÝĀ-Ž][\w'’&.-]*$")
_CONNECT = _wordset("of de des du der für di del la le el")
#: An unknown name in brackets at the start of a body paragraph, after an optional dateline:
#: "(Nordic Wire) —", "OSLO (NTB) -", "LYON, France (Agence X) –".
_U_DATELINE = re.compile(
    r"^(?P<pre>(?:[A-ZÀ-Ý][\w'’.-]*\s+){0,3}?(?:[A-ZÀ-Ý][\w'’.-]*)?(?:,\s*[\w .'’-]{1,25}?)?)\s*"
    r"\(\s*(?P<names>[^()]{2,60}?)\s*\)\s*(?:\.\s*)?[-–—]"
)
_U_PAREN_ONLY = re.compile(r"^\(\s*([^()]{2,60}?)\s*\)\.?$")
_U_DASH_END = re.compile(r"(?:^|[.!?][\"”’)]?\s+)(?:—|–|--)\s*([^—–.!?]{2,60}?)\.?\s*$")
_U_LABELLED = re.compile(r"^(?:Source|Sources|Quelle|Quellen|Fuente|Fuentes|Fonte|Agency|Agentur)\s*:\s*(.{2,60}?)\.?$")
_U_AVEC = re.compile(r"^[\w' .-]{0,40}\b(?:avec|mit|con)\s+(.{2,60}?)\.?$")
_ARTICLE = re.compile(r"^(?:The|La|Le|L'|El|Die|Der|Das)\s*")
_LONG_ACRONYM = re.compile(r"((?:[A-ZÀ-Ý][\w'’-]*\s+(?:(?:of|for|de|des|du|der|für|di|del)\s+)?){1,5})\(([A-Z]{2,8})\)")


def agency_shaped(name: str, strict: bool = False) -> bool:
    """Whether an unknown name credited like an agency can be one.

    An acronym ("NTB"), a single capitalised word ("Nordwire") or a short name with an agency word
    ("Baltic News Service"); never a person's name ("Jane Doe": that is a byline). ``strict`` drops the
    single-word form (for weaker credit forms where a single word could be anything).
    """
    name = name.strip(" .,;:")
    words = name.split()
    if not 1 <= len(words) <= 4 or len(name) > 50 or any(c.isdigit() for c in name):
        return False
    if not all(_NAME_CHARS.match(w) or w in _CONNECT for w in words) or words[0] in _CONNECT:
        return False
    if any(w.casefold() in _NOT_AGENCY for w in words) and AGENCY_WORDS.search(name) is None:
        return False
    if AGENCY_WORDS.search(name) and len(words) >= 2:
        return True
    if len(words) == 1:
        acronym = name.isupper() and 2 <= len(name.replace("-", "")) <= 8
        return acronym or (not strict and name[1:].islower() and len(name) >= 3)
    return False


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper())


def _dateline_prefix(pre: str) -> bool:
    """A dateline before "(Agency)": nothing, a city in capitals, "City, Country" or a single city word."""
    pre = pre.strip()
    if not pre:
        return True
    first = pre.split()[0].strip(",")
    return (first.isupper() and len(first) >= 2) or "," in pre or len(pre.split()) == 1


def _new_names(line: str) -> list[str]:
    """Names missing from the gazetteer that ``line`` credits in an unmistakable form."""
    ln = line.strip()
    if not ln or len(ln) > 2000:
        return []
    cands: list[tuple[str, bool]] = []
    short = len(_WORD.findall(ln)) <= 14
    if (m := _U_DATELINE.match(ln)) and _dateline_prefix(m.group("pre")):
        cands += [(p, False) for p in _split_names(m.group("names"))]
    elif short and _CAPTION.search(ln):
        return []
    elif short and (m := _BY.match(ln)):
        cands += [(p, False) for seg in _SPLIT_SEGMENTS.split(m.group(1)) for p in _split_names(seg)]
    elif m := _REPORTING.match(ln):
        cands += [(p, False) for p in _split_names(m.group(1).rstrip(". )"))]
    elif short and (m := _U_PAREN_ONLY.match(ln) or _U_LABELLED.match(ln) or _U_AVEC.match(ln)):
        cands += [(p, m.re is not _U_PAREN_ONLY) for p in _split_names(m.group(1))]
    elif m := _U_DASH_END.search(ln):
        cands += [(p, False) for p in _split_names(m.group(1))]
    return [n.strip(" .,;:") for n, strict in cands if canonical(n) is None and agency_shaped(n, strict)]


def _known_names(text: str, extra: tuple[str, ...]) -> dict[str, str]:
    """Agency names beyond the gazetteer for this text: credited in it, or given (``extra``), each mapped to
    one canonical spelling. A long form whose initials spell an acronym the text also uses for an agency
    ("Nordic Press Agency" / "NPA", or introduced as "Nordic Press Agency (NPA)") maps to the acronym."""
    found: list[str] = []
    for ln in text.splitlines():
        found.extend(n for n in _new_names(ln) if n not in found)
    found.extend(n for n in extra if n not in found and canonical(n) is None)
    known = {n: n for n in found}
    intro = {m.group(2): _ARTICLE.sub("", " ".join(m.group(1).split())) for m in _LONG_ACRONYM.finditer(text)}
    for acr, long in intro.items():
        fits = _initials(long) == acr or (AGENCY_WORDS.search(long) is not None and agency_shaped(long))
        if fits and (acr in known or long in known):
            known[long] = acr
            known[acr] = acr
    for name in found:
        if " " in name and (acr := _initials(name)) in known and acr != name:
            known[name] = known[acr]
    return known


def find_agencies(text: str, extra: tuple[str, ...] = ()) -> Field | None:
    """The agencies credited in ``text`` (any article text), or None when none is credited.

    Names missing from the gazetteer count when the text credits them in a form only an agency takes
    ("MADRID (Nordwire) —", "By NTB", "With reporting by ..."); such a name is then also read in the
    weaker forms ("NTB | Updated ..."). ``extra`` gives names known to be agencies from elsewhere (an
    agency in the author field).
    """
    known = _known_names(text, extra)
    credits = [c for ln in text.splitlines() for c in line_credits(ln, known)]
    if not credits:
        return None
    names: list[str] = []
    for c in credits:
        names.extend(a for a in c.agencies if a not in names)
    best = max(credits, key=lambda c: c.confidence)
    evidence = " / ".join(dict.fromkeys(c.evidence for c in credits[:3]))
    return Field(sorted(names, key=str.casefold), best.source, best.confidence, evidence)


def known_agency_names(text: str, extra: tuple[str, ...] = ()) -> dict[str, str]:
    """Agency names (spelling -> canonical) the gazetteer misses but ``text`` credits, plus ``extra``."""
    return _known_names(text, extra)
