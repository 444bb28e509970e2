"""Word lists the quote finder reads: reporting verbs, role nouns, pronouns and media words per language.

These are facts of each language (which verbs report speech or thought, which pronouns can stand
for a speaker), written from grammars and style guides, not from any evaluation data. Verb forms
are spelled out, or generated with the regular English endings, so that matching is a set lookup
on the lower-cased token: the pipeline runs without a tagger or lemmatiser.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path


def word_list(text: str) -> list[str]:
    """A whitespace-separated word list (keeps the long tables below readable)."""
    return text.split()


@dataclass(frozen=True)
class CueClass:
    """How a reporting verb behaves: its kind and what may come between it and the reported content.

    ``kind`` is ``speech`` (say, tell), ``thought`` (believe, hope: an attribution, but weaker
    evidence of an utterance) or ``act`` (accuse, urge, call for: a speech act whose content is a
    complement). ``takes_object`` verbs have an addressee or target before the content (``told
    reporters that``, ``accused Washington of``); ``needs_complement`` verbs only report when a
    particle, ``that`` or a quotation follows (``called for``, ``described it as``).
    """

    kind: str
    takes_object: bool = False
    needs_complement: bool = False


def _regular(base: str) -> tuple[str, ...]:
    """The regular English forms of a verb: base, -s, -ed, -ing (with the usual spelling rules)."""
    if base.endswith("e"):
        return (base, base + "s", base + "d", base[:-1] + "ing")
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return (base, base[:-1] + "ies", base[:-1] + "ied", base + "ing")
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return (base, base + "es", base + "ed", base + "ing")
    return (base, base + "s", base + "ed", base + "ing")


_EN_SPEECH = word_list(
    """
    add answer announce argue assert caution claim comment complain concede conclude confirm contend
    continue counter declare deny disclose emphasise emphasize estimate explain highlight indicate
    insist joke lament maintain mention note observe pledge post predict promise quip recall recount
    reiterate remark repeat reply report respond retort reveal say specify state stress suggest testify
    tweet underline vow warn write acknowledge admit allege boast brag confide recommend concur agree
    insist reaffirm shout yell
    """
)
_EN_THOUGHT = word_list(
    """
    believe think hope fear expect feel worry doubt wonder reckon consider want
    """
)
_EN_OBJECT = ["tell", "assure", "remind", "inform", "warn", "ask"]
_EN_ACT = word_list(
    "urge accuse criticise criticize praise blame quote denounce condemn decry hail welcome applaud tout cite "
    "invoke label brand dub express request discuss"
)
#: stance and evidence verbs: attributions of a position or a finding rather than of words
#: ("Trump wants to build a wall", "the poll shows that", "she refused to comment")
_EN_STANCE = word_list(
    """
    want plan seek intend support oppose endorse back favor favour prefer refuse decline reject dismiss defend
    attack blast slam mock question challenge recognize recognise understand know see view show find reveal
    seem appear demand propose vow pledge threaten
    """
)
_EN_COMPLEMENT = ["call", "describe"]
_IRREGULAR = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "writing", "written"),
    "think": ("think", "thinks", "thought", "thinking"),
    "feel": ("feel", "feels", "felt", "feeling"),
    "know": ("know", "knows", "knew", "knowing"),
    "understand": ("understand", "understands", "understood"),
    "see": ("see", "sees", "saw"),
    "show": ("show", "shows", "showed", "showing", "shown"),
    "find": ("find", "finds", "found"),
    "seek": ("seek", "seeks", "sought", "seeking"),
    "plan": ("plan", "plans", "planned", "planning"),
    "back": ("backs", "backed", "backing"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "confide": ("confide", "confides", "confided", "confiding"),
    "concur": ("concur", "concurs", "concurred", "concurring"),
    "quip": ("quip", "quips", "quipped", "quipping"),
    "spoke": ("speak", "spoke"),
}


def _english() -> dict[str, CueClass]:
    out: dict[str, CueClass] = {}
    for kind, words in (("speech", _EN_SPEECH), ("thought", _EN_THOUGHT)):
        for w in words:
            for form in _IRREGULAR.get(w, _regular(w)):
                out[form] = CueClass(kind)
    for w in _EN_OBJECT:
        for form in _IRREGULAR.get(w, _regular(w)):
            out[form] = CueClass("speech", takes_object=True)
    for w in _EN_STANCE:
        for form in _IRREGULAR.get(w, _regular(w)):
            out.setdefault(form, CueClass("stance"))
    for w in _EN_ACT:
        for form in _IRREGULAR.get(w, _regular(w)):
            out[form] = CueClass("act")
    for w in _EN_COMPLEMENT:
        for form in _regular(w):
            out[form] = CueClass("act", takes_object=True, needs_complement=True)
    return out


_FR_SPEECH = word_list(
    """
    dit dire dit-il dit-elle déclaré déclare déclarait affirmé affirme affirmait ajouté ajoute ajoutait
    souligné souligne expliqué explique indiqué indique précisé précise assuré assure estimé estime
    annoncé annonce averti avertit confié confie lancé lance martelé martèle insisté insiste répondu
    répond rappelé rappelle reconnu reconnaît admis admet démenti dément prévenu prévient jugé juge
    écrit écrivait réagi réagit promis promet poursuivi poursuit conclu conclut raconté raconte dénoncé
    dénonce accusé accuse résumé résume regretté regrette déploré déplore affirmait disait
    """
)
_FR_THOUGHT = ["pense", "pensé", "croit", "cru", "espère", "espéré", "craint", "craignait"]

_DE_SPEECH = word_list(
    """
    sagte sagt sagten sagen gesagt erklärte erklärt erklärten betonte betont meinte meint warnte warnt
    forderte fordert kritisierte kritisiert schrieb schreibt rief ruft teilte mitteilte antwortete
    antwortet ergänzte ergänzt fügte berichtete berichtet versicherte versichert bekräftigte unterstrich
    räumte behauptete behauptet kündigte sprach spricht äußerte warf beklagte erinnerte verwies zufolge
    """
)
_DE_THOUGHT = ["glaubt", "glaubte", "hofft", "hoffte", "fürchtet", "fürchtete"]

_ES_SPEECH = word_list(
    """
    dijo dice decía afirmó afirma declaró declara aseguró asegura señaló señala añadió añade agregó
    agrega explicó explica indicó indica subrayó subraya advirtió advierte sostuvo sostiene manifestó
    manifiesta comentó comenta insistió insiste precisó precisa recordó recuerda reconoció reconoce
    admitió admite negó niega denunció denuncia acusó acusa prometió promete escribió escribe afirmaba
    aseveró apuntó destacó destaca concluyó respondió responde replicó
    """
)
_ES_THOUGHT = ["cree", "creyó", "espera", "esperó", "considera", "consideró", "opina", "opinó"]


def _plain(speech: list[str], thought: list[str]) -> dict[str, CueClass]:
    out = {w: CueClass("speech") for w in speech}
    out.update({w: CueClass("thought") for w in thought})
    return out


#: Reporting verb forms per language (lower-cased).
CUES: dict[str, dict[str, CueClass]] = {
    "en": _english(),
    "fr": _plain(_FR_SPEECH, _FR_THOUGHT),
    "de": _plain(_DE_SPEECH, _DE_THOUGHT),
    "es": _plain(_ES_SPEECH, _ES_THOUGHT),
}

#: Prepositions that introduce a source: "according to X", "selon X", "laut X", "según X".
SOURCE_PREPOSITIONS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("according", "to"),),
    "fr": (("selon",), ("d'", "après"), ("d’", "après"), ("d'après",), ("d’après",)),
    "de": (("laut",), ("so",)),
    "es": (("según",), ("de", "acuerdo", "con")),
}

#: Tokens that may sit between a subject and its verb ("Putin also said", "a déclaré", "hat gesagt").
AUXILIARIES: dict[str, frozenset[str]] = {
    "en": frozenset(
        word_list(
            """
    has have had is was were are be been will would could did does do also later then previously
    repeatedly again recently publicly once further earlier initially reportedly still not never
    privately openly long already even himself herself themselves itself just only first last often
    frequently had n't subsequently separately
    """
        )
    ),
    "fr": frozenset(
        word_list(
            """
    a ont avait avaient aura aussi également encore déjà ensuite alors pour sa part lui-même
    """
        )
    ),
    "de": frozenset(["hat", "haben", "hatte", "hatten", "habe", "auch", "zudem", "noch", "bereits", "dann", "später"]),
    "es": frozenset(["ha", "han", "había", "habían", "también", "además", "luego", "ya", "después"]),
}

#: Personal pronouns that can be a speaker, mapped to what they may stand for.
PRONOUNS: dict[str, dict[str, str]] = {
    "en": {
        "he": "person",
        "she": "person",
        "him": "person",
        "i": "self",
        "we": "group",
        "they": "group",
        "them": "group",
        "it": "group",
    },
    "fr": {
        "il": "person",
        "elle": "person",
        "je": "self",
        "nous": "group",
        "ils": "group",
        "elles": "group",
        "-il": "person",
        "-elle": "person",
        "-t-il": "person",
        "-t-elle": "person",
        "-ils": "group",
    },
    "de": {"er": "person", "sie": "person", "ich": "self", "wir": "group"},
    "es": {"él": "person", "ella": "person", "yo": "self", "nosotros": "group", "ellos": "group"},
}

#: Possessive determiners that can stand for a speaker ("his criticism of", "ihre Forderung"), with the
#: gender of the person they point to (``group`` for an organisation); Romance possessives agree with the
#: possessed noun, not the owner, and are left out.
POSSESSIVES: dict[str, dict[str, str]] = {
    "en": {"his": "m", "her": "f", "its": "group", "their": "group"},
    "de": {"sein": "m", "seine": "m", "seinem": "m", "seinen": "m", "seiner": "m", "seines": "m"},
}

#: Words that head a role phrase ("the Russian President", "the Kremlin leader", "le ministre").
ROLE_NOUNS: frozenset[str] = frozenset(
    word_list(
        """
    president vice-president leader head chief minister premier chancellor secretary spokesman
    spokeswoman spokesperson official ambassador envoy governor senator congressman congresswoman
    representative mayor director chairman chairwoman chair commander general admiral candidate nominee
    king queen prince monarch strongman ruler boss adviser advisor aide diplomat prosecutor judge lawyer
    attorney founder ceo executive manager coach captain pope archbishop bishop sheikh emir sultan
    dictator incumbent challenger counterpart deputy lawmaker legislator politician economist analyst
    expert activist blogger businessman businesswoman président présidente ministre chef dirigeant
    porte-parole chancelier premier-ministre candidate candidat präsident präsidentin minister
    ministerin kanzler kanzlerin sprecher sprecherin chef chefin außenminister presidente ministro
    ministra jefe portavoz canciller líder mandatario dirigente
    """
    )
)

#: Honorifics and titles that may precede a name and are not part of it.
TITLES: frozenset[str] = frozenset(
    word_list(
        """
    mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. lt col prof prof. sir lord lady m.
    mme mlle herr frau sr sr. sra sra. don doña
    """
    )
)

#: Words that mark an addressee or intermediary as a news medium ("told Rossiya 1", "quoted by RIA").
MEDIA_WORDS: frozenset[str] = frozenset(
    word_list(
        """
    agency news newspaper paper magazine television tv channel radio broadcaster station network daily
    times post journal gazette herald tribune press wire interview podcast website outlet agence journal
    chaîne télévision radio quotidien hebdomadaire zeitung sender rundfunk agentur agencia periódico
    diario cadena televisión emisora
    """
    )
)

#: Generic people nouns that can be a speaker without naming anyone ("officials said").
GROUP_NOUNS: frozenset[str] = frozenset(
    word_list(
        """
    officials sources analysts experts critics supporters residents witnesses observers diplomats
    protesters demonstrators lawmakers aides advisers voters police authorities organisers organizers
    activists
    """
    )
)

#: Words that open a noun phrase (for "the campaign said", "a new poll found").
DETERMINERS: dict[str, frozenset[str]] = {
    "en": frozenset(
        word_list(
            """
    the a an his her its their our my your this these those some many several one two three another each
    every any no both all other most few
    """
        )
    ),
    "fr": frozenset(
        ["le", "la", "les", "l'", "l’", "un", "une", "des", "son", "sa", "ses", "leur", "leurs", "ce", "cette"]
    ),
    "de": frozenset(
        word_list(
            """
    der die das den dem des ein eine einer eines einem sein seine ihr ihre
    """
        )
    ),
    "es": frozenset(["el", "la", "los", "las", "un", "una", "unos", "unas", "su", "sus", "este", "esta"]),
}

#: Complementisers that open reported content ("said that", "a dit que", "sagte, dass", "dijo que").
THAT: dict[str, frozenset[str]] = {
    "en": frozenset({"that"}),
    "fr": frozenset({"que", "qu'", "qu’"}),
    "de": frozenset({"dass", "daß"}),
    "es": frozenset({"que"}),
}

#: English verb forms that are as often nouns ("his claims", "the state"): cues only after a subject.
AMBIGUOUS_FORMS: frozenset[str] = frozenset(
    word_list(
        """
    claim claims call calls hope hopes fear fears report reports note notes state states answer answers
    promise promises post posts comment comments echo echoes counter counters estimate estimates quote
    quotes doubt doubts vow vows pledge pledges remark remarks reply replies tweet tweets concern
    concerns want wants feel feels repeat repeats mention mentions joke jokes boast boasts lament
    laments plan plans support supports attack attacks question questions challenge challenges demand
    demands view views show shows back backs favor favors favour favours defend defends
    """
    )
)

#: Function words that never end a speaker phrase ("... and have promised").
NON_HEADS: frozenset[str] = frozenset(
    word_list(
        """
    and or but nor to of in on at for with by from as that which who whom whose when where if because
    while after before not than then so also there here what how why this
    """
    )
)


def cues_for(language: str) -> dict[str, CueClass]:
    """The cue table for ``language`` (English for languages we have no table for)."""
    return CUES.get(language, CUES["en"])


def lang_key(language: str | None) -> str:
    lang = (language or "en").split("-")[0].casefold()
    return lang if lang in CUES else "en"


def function_words(language: str) -> frozenset[str]:
    """Words that can open a sentence capitalised without being a name: cues, auxiliaries, prepositions."""
    lang = lang_key(language)
    words = set(CUES[lang]) | set(AUXILIARIES[lang]) | set(THAT[lang]) | set(NON_HEADS)
    for prep in SOURCE_PREPOSITIONS[lang]:
        words.update(prep)
    return frozenset(words)


#: Particles after which an English cue verb means something else ("added to the lead", "continues to face").
NOT_BEFORE: dict[str, frozenset[str]] = {
    "add": frozenset({"to", "up"}),
    "continue": frozenset({"to", "with", "in", "on"}),
    "concede": frozenset({"the", "defeat"}),
    "post": frozenset({"a", "an", "the", "his", "her", "their"}),
    "report": frozenset({"to", "for"}),
    "state": frozenset({"of", "department", "senator", "legislature"}),
    "call": frozenset({"off", "up", "in", "back"}),
}


def base_of(form: str) -> str | None:
    """The English base verb of a cue form, for the entries of :data:`NOT_BEFORE`."""
    for base in NOT_BEFORE:
        if form in _IRREGULAR.get(base, _regular(base)):
            return base
    return None


#: Where the learned cue statistics live (``cues_<language>.json``).
LEARNED_DIR = Path(__file__).resolve().parent / "data"
#: A learned word is a cue candidate when its forms headed at least this many gold cues of the training data.
LEARNED_MIN_HEADS = 3
#: Pseudo-counts of the broader estimate added to a narrower one's counts (few observations -> the broader):
#: a form's reading in a frame leans on its word's (all its inflections), a word's on the frame's long tail.
PRECISION_PRIOR_WEIGHT = 3.0
FRAMES = ("clause", "object", "before", "aside", "noun")


def english_base(form: str, known: frozenset[str] | set[str] = frozenset()) -> str:
    """The base a regular or listed English verb form inflects ("criticized" -> "criticize", "says" -> "say");
    the form itself when no rule makes it. Nouns share the -s rule ("claims" -> "claim"). When spelling
    allows two bases ("backed": back or backe) the one in ``known`` wins, else the one ending in -e."""
    if form in _IRREGULAR_BASE:
        return _IRREGULAR_BASE[form]
    doubled, bases = [], []
    for cut, add in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if form.endswith(cut) and len(form) - len(cut) >= 3:
            base = form[: -len(cut)] + add
            if not add and cut in ("ed", "ing") and base[-1] == base[-2] and form in _doubled(base[:-1]):
                doubled.append(base[:-1])  # "planned" -> "plan"
            if form in _regular(base):
                bases.append(base)
    bases = doubled + bases
    if not bases:
        return form
    for base in bases:
        if base in known or base in _HAND_BASES:
            return base
    return doubled[0] if doubled else next((b for b in bases if b.endswith("e")), bases[0])


def _doubled(base: str) -> tuple[str, ...]:
    """Forms with a doubled final consonant ("plan" -> "planned", "planning")."""
    return (base + base[-1] + "ed", base + base[-1] + "ing")


def english_forms(base: str) -> tuple[str, ...]:
    """The forms of an English verb (or the singular and plural of a noun): listed, else regular."""
    return _IRREGULAR.get(base, _regular(base))


_IRREGULAR_BASE = {form: base for base, forms in _IRREGULAR.items() for form in forms}
_HAND_BASES = frozenset(
    [
        *_EN_SPEECH,
        *_EN_THOUGHT,
        *_EN_OBJECT,
        *_EN_ACT,
        *_EN_STANCE,
        *_EN_COMPLEMENT,
        *(f[0] for f in _IRREGULAR.values()),
    ]
)


@dataclass(frozen=True)
class LearnedCues:
    """What ``bench/learn_cues.py`` measured on the training split.

    ``heads``: form -> how often it headed a gold cue; ``frames``: (form, frame) -> (matched, fired),
    how often the parse-based finder's reading of the form in that frame ("clause": said that ...,
    "object": backed the plan, "noun": his criticism of ...) matched a gold attribution;
    ``words``: the same pooled over a word's forms (keyed by base); ``priors``: frame -> the counts
    pooled over the forms of the long tail.
    """

    heads: dict[str, int]
    frames: dict[tuple[str, str], tuple[int, int]]
    priors: dict[str, tuple[int, int]]
    word_heads: dict[str, int]
    words: dict[tuple[str, str], tuple[int, int]]
    known: frozenset[str] = frozenset()  # the forms seen (they decide between two possible bases)
    bias: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)  # the reading model (empty: use the counts)

    def word(self, form: str, language: str) -> str:
        return english_base(form, self.known) if language == "en" else form


@functools.cache
def learned_cues(language: str) -> LearnedCues:
    """The learned cue statistics of ``language`` from ``data/cues_<language>.json`` (empty when absent).

    The file is written by ``bench/learn_cues.py`` from the PolNeAR training split; it widens the
    hand-written lists above with the long tail of attribution verbs and nouns news actually uses
    ("railed", "touted", "criticism", "assertion") and says how far each reading can be trusted.
    """
    path = LEARNED_DIR / f"cues_{language}.json"
    if not path.is_file():
        return LearnedCues({}, {}, {}, {}, {})
    data = json.loads(path.read_text(encoding="utf-8"))
    heads = {form: int(entry["heads"]) for form, entry in data["forms"].items()}
    frames = {
        (form, frame): (int(m), int(f))
        for form, entry in data["forms"].items()
        for frame, (m, f) in entry.get("frames", {}).items()
    }
    priors = {frame: (int(m), int(f)) for frame, (m, f) in data.get("priors", {}).items()}
    known = set(heads)

    def base(form: str) -> str:
        return english_base(form, known) if language == "en" else form

    word_heads: dict[str, int] = {}
    for form, n in heads.items():
        word_heads[base(form)] = word_heads.get(base(form), 0) + n
    words: dict[tuple[str, str], tuple[int, int]] = {}
    for (form, frame), (m, f) in frames.items():
        key = (base(form), frame)
        pm, pf = words.get(key, (0, 0))
        words[key] = (pm + m, pf + f)
    model = data.get("model") or {}
    weights = {str(k): float(w) for k, w in model.get("weights", {}).items()}
    return LearnedCues(
        heads, frames, priors, word_heads, words, frozenset(known), float(model.get("bias", 0.0)), weights
    )


@functools.cache
def candidate_forms(language: str) -> frozenset[str]:
    """Word forms the parse-based finder examines: the cue table's, and every form of the words whose forms
    headed gold cues often enough in training ("decried" was seen, "decries" comes with it)."""
    lang = lang_key(language)
    learned = learned_cues(lang)
    out = set(CUES[lang])
    for word, heads in learned.word_heads.items():
        if heads < LEARNED_MIN_HEADS:
            continue
        forms = english_forms(word) if lang == "en" else (word,)
        out.update(f for f in {word, *forms} if f not in AUXILIARIES[lang])
    out.update(f for f, n in learned.heads.items() if n >= LEARNED_MIN_HEADS and f not in AUXILIARIES[lang])
    return frozenset(out)


def _smoothed(counts: tuple[int, int], prior: float) -> float:
    m, f = counts
    return (m + PRECISION_PRIOR_WEIGHT * prior) / (f + PRECISION_PRIOR_WEIGHT)


def cue_precision(language: str, form: str, frame: str) -> float:
    """How often a parse-based reading of ``form`` in ``frame`` was a gold attribution in the training data: the
    form's own counts, smoothed towards its word's (all inflections), smoothed towards the frame's long tail."""
    lang = lang_key(language)
    learned = learned_cues(lang)
    pm, pf = learned.priors.get(frame, (0, 0))
    prior = pm / pf if pf else 0.5
    word = learned.word(form, lang)
    word_p = _smoothed(learned.words.get((word, frame), (0, 0)), prior)
    return _smoothed(learned.frames.get((form, frame), (0, 0)), word_p)


@functools.cache
def trusted_forms(language: str, min_precision: float) -> frozenset[str]:
    """The candidates worth parsing a sentence for: a frame their word was read in reached ``min_precision``
    in training, or they are in the cue table and training never read their word (prepositions that head a
    gold cue, such as "in" or "of", are never read as cues and stay out)."""
    lang = lang_key(language)
    if min_precision <= 0:
        return candidate_forms(lang)  # every reading counts (what bench/learn_cues.py measures)
    learned = learned_cues(lang)
    read: dict[str, set[str]] = {}
    for word, frame in learned.words:
        read.setdefault(word, set()).add(frame)
    out = set()
    for f in candidate_forms(lang):
        word = learned.word(f, lang)
        if word in read:
            if max(cue_precision(lang, f, fr) for fr in read[word]) >= min_precision:
                out.add(f)
        elif f in CUES[lang]:
            out.add(f)
    return frozenset(out)


def learned_word(language: str, form: str) -> str:
    """The word (base form) a form is pooled under in the learned statistics."""
    lang = lang_key(language)
    return learned_cues(lang).word(form, lang)


def reading_probability(language: str, features: tuple[str, ...]) -> float:
    """The learned model's probability that a parsed reading with ``features`` is an attribution (logistic
    regression over the features, weights from ``bench/learn_cues.py``); without a model, the smoothed
    precision of the reading's form in its frame."""
    lang = lang_key(language)
    learned = learned_cues(lang)
    if not learned.weights:
        values = dict(f.split("=", 1) for f in features if f.startswith(("form=", "frame=")))
        return cue_precision(lang, values.get("form", ""), values.get("frame", ""))
    z = learned.bias + sum(learned.weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-z))
