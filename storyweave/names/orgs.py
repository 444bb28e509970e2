"""Organisation names: spelling-normalised keys, acronyms, and acronyms in translation.

An organisation reaches the news as its name in several languages ("Organization for Security
and Co-operation in Europe", "Organisation für Sicherheit und Zusammenarbeit in Europa"), its
English acronym (OSCE) and the acronyms of those translations (OSZE, Russian ОБСЕ written OBSE,
French OTAN for NATO with the words reordered). The keys here make those meet:

- :func:`name_key`: the content words, accents folded, British/American spellings merged
  (-isation/-ization, defence/defense, centre/center, co-operation/cooperation);
- :func:`concept_key`: the *set* of the content words' meanings, from a small multilingual
  glossary of the words institutions are named with - the same for a name and its translations;
- :func:`acronyms`: the initials of the name, and of the name with each content word put into
  each glossary language (word order kept): OSCE -> OSZE, OBSE;
- :func:`letter_key`: an acronym's letters sorted - translations that reorder words (NATO/OTAN,
  CSTO/ODKB) keep them; a weak key, used only with more evidence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

__all__ = ["acronyms", "concept_key", "content_words", "initials", "is_acronym", "letter_key", "name_key"]

#: Glossary concept -> words (case-folded, accents folded, stems end in "*") in en fr de es it pt nl pl ru (romanised).
_GLOSSARY = """
organization: organization organisation organizacion organizzazione organizacao organisatie organizacja organizatsi*
united: united unies unidas unite vereinte* verenigde zjednoczon* ob'edinenn* obedinenn*
nations: nations naciones nazioni nacoes natie* narod* nati*
europe: europe european europa europaisch* europeenne europeen europeo europea europeu europese europejsk* evrop*
security: security securite sicherheit seguridad sicurezza seguranca veiligheid bezpieczenstw* bezopasnost*
cooperation: cooperation co-operation zusammenarbeit cooperacion cooperazione cooperacao samenwerking wspolprac*
    sotrudnichestv*
treaty: treaty traite vertrag* tratado trattato verdrag traktat* dogovor*
north: north nord nordatlantik* norte nordatlantico noord polnocn* severn*
atlantic: atlantic atlantique atlantico atlantisch* atlantyck* atlanticheskog* atlantichesk*
collective: collective collectif collective kollektiv* colectiva colectivo collettiva coletiva collectieve zbiorow*
    kollektivn*
world: world mondiale mondial welt* mundial mondiale wereld* swiatow* vsemirn*
health: health sante gesundheit* salud sanita saude gezondheid* zdrowi* zdravookhraneni*
trade: trade commerce handel* comercio commercio handlu torgov*
international: international internationale internacional internazionale internationaal miedzynarodow* mezhdunarodn*
monetary: monetary monetaire wahrung* monetario monetaria monetair* walutow* valyutn*
fund: fund fonds fondo fundo fundusz fond
bank: bank banque banco banca
central: central centrale zentral* centrala centraal centraln* tsentraln*
union: union unione uniao unie uni* soyuz*
council: council conseil rat consejo consiglio conselho raad rada sovet*
commission: commission kommission comision commissione comissao commissie komisj* komissi*
parliament: parliament parlement parlament* parlamento
court: court cour gericht* gerichtshof tribunal tribunale hof sad sud
justice: justice justiz justicia giustizia justica sprawiedliwosc* pravosudi*
human: human humains menschen* humanos umani humanos mensen* czlowieka cheloveka
rights: rights droits rechte derechos diritti direitos rechten praw* prav*
economic: economic economique wirtschaft* economica economico economica economische gospodarcz* ekonomichesk*
community: community communaute gemeinschaft* comunidad comunita comunidade gemeenschap wspolnot* soobshchestv*
states: states etats staaten estados stati stati staten panstw* gosudarstv*
agency: agency agence agentur* agencia agenzia agencja agentstv*
atomic: atomic atomique atom* atomica atomico atomair* atomow* atomn*
energy: energy energie energia energii* energetik*
national: national nationale nacional nazionale nationaal narodow* natsional'n* natsionaln*
party: party parti partei partido partito partij partia parti*
democratic: democratic democrate democratique demokratisch* democratico democratica democratisch* demokratyczn*
    demokratichesk*
socialist: socialist socialiste sozialistisch* socialista socialistisch* socjalistyczn* sotsialistichesk*
communist: communist communiste kommunistisch* comunista communistisch* komunistyczn* kommunistichesk*
liberal: liberal liberale liberaal liberaln*
conservative: conservative conservateur konservativ* conservador conservatore conservatief konserwatywn*
    konservativn*
people: people peuple volk* pueblo popolo povo volks* ludow* narodn*
republic: republic republique republik* republica repubblica republiek republik* respublik*
federal: federal federale bundes* federale federaal federaln*
federation: federation foderation federacion federazione federacao federatie federacj* federatsi*
ministry: ministry ministere ministerium ministerio ministero ministerie ministerstw* ministerstv*
foreign: foreign etrangeres auswartig* exteriores esteri estrangeiros buitenlandse zagraniczn* inostrann*
affairs: affairs affaires angelegenheit* asuntos affari negocios zaken spraw* del
defence: defence defense verteidigung* defensa difesa defesa defensie obrony oborony
interior: interior interieur innern* interno interior binnenlandse wewnetrzn* vnutrennikh*
service: service dienst* servicio servizio servico sluzhb* sluzb*
intelligence: intelligence renseignement* nachrichtendienst* inteligencia intelligence inteligencia wywiad* razvedk*
committee: committee comite ausschuss* komitee comite comitato comissao commissie komitet*
election: election elections electoral wahl* electoral elettorale eleitoral verkiezing* wyborcz* izbiratel'n*
    izbiratelnaya
development: development developpement entwicklung* desarrollo sviluppo desenvolvimento ontwikkeling rozwoj*
    razviti*
reconstruction: reconstruction wiederaufbau reconstruccion ricostruzione reconstrucao wederopbouw odbudow*
    rekonstrukts*
petroleum: petroleum petrole erdol* petroleo petrolio aardolie ropy nefti
exporting: exporting exportateurs exportierend* exportadores esportatori exportadores exporterende eksportuj*
    eksportir*
countries: countries pays lander paises paesi paises landen krajow* stran
independent: independent independants unabhangig* independientes indipendenti independentes onafhankelijk*
    niepodleg* nezavisim*
commonwealth: commonwealth communaute gemeinschaft* mancomunidad commonwealth sodruzhestv*
refugees: refugees refugies fluchtling* refugiados rifugiati refugiados vluchteling* uchodzc* bezhents*
food: food alimentation ernahrung* alimentacion alimentazione alimentacao voedsel* zywnosci prodovol'stv*
agriculture: agriculture landwirtschaft* agricultura agricoltura landbouw rolnictw* sel'sk*
labour: labour labor travail arbeit* trabajo lavoro trabalho arbeid* pracy truda
migration: migration migrations migracion migrazioni migracoes migratie migracj* migratsi*
criminal: criminal criminelle penale strafgerichtshof* penal criminale strafhof karn* ugolovn*
police: police polizei policia polizia politie policj* politsi*
civil: civil civile zivil* civil civile civiel cywiln* grazhdansk*
aviation: aviation luftfahrt* aviacion aviazione aviacao luchtvaart* lotnictw* aviatsi*
cooperation-council: gulf golfe golf golfo
investigative: investigative enquete ermittlung* investigacion investigativ* sledstvenn*
"""


def _fold(word: str) -> str:
    return anyascii(word).casefold().replace("'", "")


def _entries() -> list[tuple[str, list[str]]]:
    """The glossary as (concept, words); an indented line continues the concept above it."""
    out: list[tuple[str, list[str]]] = []
    for line in _GLOSSARY.strip("\n").splitlines():
        if line.startswith(" "):
            out[-1][1].extend(line.split())
        else:
            concept_name, words = line.split(":", 1)
            out.append((concept_name, words.split()))
    return out


@lru_cache(maxsize=1)
def _glossary() -> tuple[dict[str, str], dict[str, tuple[tuple[str, str], ...]]]:
    """Exact words, and stems indexed by their first three letters (longest stem first)."""
    exact: dict[str, str] = {}
    by_start: dict[str, list[tuple[str, str]]] = {}
    for concept_name, words in _entries():
        for w in words:
            if w.endswith("*"):
                by_start.setdefault(w[:3], []).append((w[:-1], concept_name))
            else:
                exact.setdefault(w, concept_name)
    return exact, {k: tuple(sorted(v, key=lambda p: (-len(p[0]), p[0]))) for k, v in by_start.items()}


#: Function words skipped by acronyms and keys, in the glossary's languages.
STOPWORDS = frozenset(
    [
        "of",
        "for",
        "and",
        "the",
        "in",
        "on",
        "at",
        "to",
        "by",
        "de",
        "des",
        "du",
        "d",
        "la",
        "le",
        "les",
        "l",
        "et",
        "pour",
        "sur",
        "dans",
        "a",
        "au",
        "aux",
        "en",
        "fur",
        "und",
        "der",
        "die",
        "das",
        "dem",
        "den",
        "im",
        "am",
        "zum",
        "zur",
        "von",
        "vom",
        "fuer",
        "y",
        "e",
        "para",
        "por",
        "el",
        "los",
        "las",
        "del",
        "al",
        "di",
        "della",
        "delle",
        "dei",
        "degli",
        "per",
        "il",
        "lo",
        "gli",
        "da",
        "do",
        "dos",
        "das",
        "na",
        "no",
        "nos",
        "em",
        "van",
        "het",
        "voor",
        "op",
        "ter",
        "w",
        "i",
        "z",
        "dla",
        "po",
        "v",
        "s",
        "i",
        "o",
        "ob",
    ]
)
_SPELLINGS = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"ised\b"), "ized"),
    (re.compile(r"\bdefence\b"), "defense"),
    (re.compile(r"\bcentre\b"), "center"),
    (re.compile(r"\bprogramme\b"), "program"),
    (re.compile(r"\bco-?operation"), "cooperation"),
    (re.compile(r"&"), " and "),
)
_ELISION = re.compile(r"^(?:[ldjmnst]|qu)'")  # French and Italian elided articles: l'Atlantique
_SPLIT = re.compile(r"[^\w'&-]+")
_ACRONYM = re.compile(r"^(?:[A-ZА-ЯЁІЇЄҐЎ][A-ZА-ЯЁІЇЄҐЎa-z&]{0,2}){1,3}[A-ZА-ЯЁІЇЄҐЎ]$|^(?:[A-Z]\.){2,6}$")


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    """Two to eight letters, upper case except small inner letters (OSZE, OSCE, U.S., ЕС, OPEC)."""
    t = text.strip()
    return 2 <= len(t.replace(".", "")) <= 8 and bool(_ACRONYM.match(t)) and sum(c.isupper() for c in t) >= 2


def content_words(name: str) -> list[str]:
    return list(_content_words(name))


@lru_cache(maxsize=65536)
def _content_words(name: str) -> tuple[str, ...]:
    """The words of a name, case-folded and spelling-normalised, without function words."""
    text = name.casefold()
    for rx, repl in _SPELLINGS:
        text = rx.sub(repl, text)
    words = [_fold(_ELISION.sub("", w)).strip("-") for w in _SPLIT.split(text)]
    return tuple(w for w in words if w and w not in STOPWORDS)


@lru_cache(maxsize=65536)
def concept(word: str) -> str | None:
    """The glossary concept of a folded word, when it has one (also when only its inflection differs from
    a glossary word's: French *électorale* is the *electoral* of the glossary)."""
    exact, by_start = _glossary()
    hit = exact.get(word)
    if hit is not None:
        return hit
    for stem, c in by_start.get(word[:3], ()):
        if word.startswith(stem):
            return c
    return _cognate_glossary().get(cognate(word))


#: Inflectional endings of adjectives and plurals in the glossary's languages, longest first.
_ENDINGS = ("es", "er", "en", "e", "s", "a", "o")


@lru_cache(maxsize=65536)
def cognate(word: str) -> str:
    """A word with its inflection and the spelling habits that separate the languages taken off: the same
    key for *continental*, *continentaux*, *kontinentaler*, *continentales*. Words under five letters
    are kept as they are (too little is left to compare)."""
    if len(word) < 5:
        return word
    w = word[:-3] + "al" if word.endswith("aux") else word
    for ending in _ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 5:
            w = w[: -len(ending)]
            break
    return w.replace("k", "c").replace("ph", "f")


@lru_cache(maxsize=1)
def _cognate_glossary() -> dict[str, str]:
    """Cognate key -> concept, for the keys of one concept only."""
    seen: dict[str, set[str]] = {}
    for concept_name, words in _entries():
        for w in words:
            if not w.endswith("*"):
                seen.setdefault(cognate(w), set()).add(concept_name)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def name_key(name: str) -> str:
    """Content words in order: the same for "Shanghai Cooperation Organisation" and "...Organization"."""
    return " ".join(content_words(name))


def concept_key(name: str) -> str | None:
    """The sorted meanings of the content words (a word outside the glossary stands for itself),
    or None for a one-word name; equal for a name and its word-by-word translations."""
    words = content_words(name)
    if len(words) < 2:
        return None
    concepts = [concept(w) for w in words]
    if all(c is None for c in concepts) and len(words) < 3:
        return None  # no glossary word: the name key already says it all
    # a word outside the glossary stands for itself, inflection aside (continental / continentaux)
    return "|".join(sorted(c or cognate(w) for c, w in zip(concepts, words, strict=True)))


def initials(name: str) -> str:
    """The acronym a name forms: first letters of its content words, romanised, upper case."""
    return "".join(anyascii(w[0]).upper()[:1] for w in content_words(name) if w[0].isalnum())


@lru_cache(maxsize=1)
def _words_by_language() -> dict[str, tuple[str, ...]]:
    """Concept -> its glossary words (one per language slot), for building translated acronyms."""
    return {c: tuple(w.rstrip("*") for w in words) for c, words in _entries()}


@lru_cache(maxsize=65536)
def acronyms(name: str) -> list[str]:
    """The name's own acronym and those of its word-by-word translations (word order kept).

    Only names of two or more content words give any; translations need a glossary word.
    """
    words = content_words(name)
    if len(words) < 2:
        return []
    own = initials(name)
    found = {own} if len(own) >= 2 else set()
    concepts = [concept(w) for w in words]
    if all(c is None for c in concepts):
        return sorted(found)
    table = _words_by_language()
    # A glossary word may start with any of its translations' letters; a proper word keeps its own.
    letter_sets = [
        sorted({_fold(t)[0].upper() for t in table[c] if t}) if c else [w[0].upper()]
        for c, w in zip(concepts, words, strict=True)
    ]
    combos = [""]
    for letters in letter_sets:
        combos = [c + x for c in combos for x in letters]
        if len(combos) > 512:
            return sorted(found)
    found.update(combos)
    return sorted(found)


def letter_key(acronym: str) -> str:
    """An acronym's letters, sorted: kept by translations that reorder the words."""
    return "".join(sorted(anyascii(acronym).upper().replace(".", "")))
