"""Titles and roles around person names, in the languages the project reads.

News puts a role before a name ("Russian Foreign Minister Sergei Lavrov", "le ministre russe des
Affaires étrangères, Sergueï Lavrov") or after it ("Sergei Naryshkin, the head of the SVR"). The
role is kept as an attribute of the mention and never becomes part of the name. Role *heads*
(minister, leader, président, Außenminister) anchor a role phrase; *modifiers* are the lower-case
words allowed to its left (opposition leader, presidential candidate); capitalised words, hyphen
compounds and connectors (of, des, für) are allowed inside it. Honorifics (Mr, Mme, Frau) are
stripped too and tell the bearer's gender.
"""

from __future__ import annotations

__all__ = ["CONNECTORS", "DETERMINERS", "HONORIFICS", "MODIFIERS", "is_head"]

_HEADS = """
president vice-president minister prime premier chancellor leader head chief secretary spokesman spokeswoman
spokesperson director chairman chairwoman chair chairperson ambassador envoy general governor mayor king queen prince
princess pope senator congressman congresswoman lawmaker mp commissioner judge prosecutor candidate challenger
activist dissident strongman dictator official economist analyst professor ceo founder editor correspondent reporter
commander colonel captain lieutenant sergeant marshal admiral patriarch archbishop bishop sheikh emir sultan
counterpart incumbent opponent rival boss coach manager speaker adviser advisor aide attorney lawyer ruler monarch
foreign-minister premier-minister chief-executive deputy-head negotiator tycoon oligarch businessman businesswoman
journalist blogger politician representative delegate
président présidente ministre chef cheffe dirigeant dirigeante porte-parole directeur directrice ambassadeur
ambassadrice général générale maire roi reine sénateur sénatrice député députée commissaire juge procureur
procureure candidat candidate opposant opposante secrétaire chancelier chancelière patron patronne homologue
conseiller conseillère avocat avocate militant militante journaliste
presidente presidenta ministro ministra primer jefe jefa líder portavoz directora embajador embajadora alcalde
alcaldesa rey reina senador senadora diputado diputada comisario comisaria juez jueza fiscal candidato opositor
opositora secretario secretaria canciller homólogo homóloga asesor asesora abogado abogada periodista mandatario
mandataria dirigente
präsident präsidentin ministerin kanzler kanzlerin chefin sprecher sprecherin führer führerin botschafter
botschafterin bürgermeister bürgermeisterin könig königin abgeordneter abgeordnete kandidat kandidatin vorsitzender
vorsitzende oppositionsführerin oppositionsführer staatschef regierungschef regierungschefin machthaber
capo portavoce direttore ambasciatore sindaco regina senatore deputato segretario cancelliere primo
chefe porta-voz diretor embaixador prefeito rainha secretário
президент премьер-министр министр глава лидер председатель пресс-секретарь посол губернатор мэр канцлер генерал
депутат сенатор кандидат директор руководитель спикер премьер
міністр голова прем'єр-міністр речник посол
прэзідэнт міністр кіраўнік старшыня
"""
HEADS = frozenset(_HEADS.split())
#: German compounds end in a head: Außenminister, Verteidigungsministerin, Regierungssprecher.
_COMPOUND_HEADS = (
    "minister",
    "ministerin",
    "präsident",
    "präsidentin",
    "sprecher",
    "sprecherin",
    "chef",
    "chefin",
    "führer",
    "führerin",
    "kanzler",
    "kanzlerin",
    "vorsitzender",
    "vorsitzende",
    "botschafter",
)

_MODIFIERS = """
opposition presidential prime foreign deputy vice former ex acting interim exiled defence defense finance interior
justice health economy economic energy trade state senior top authoritarian longtime long-time veteran embattled
incumbent outgoing elected jailed imprisoned detained ousted self-exiled de facto national security intelligence
military army party union government regional local federal chief first second assistant associate executive
managing general opposition-leader presidential-candidate
premier ancien ancienne ex-président nouveau nouvelle
primer ex-presidente nuevo nueva antiguo
ehemalige ehemaliger neue neuer
"""
MODIFIERS = frozenset(_MODIFIERS.split())

#: Titles of address, with the gender they tell (None: either).
HONORIFICS: dict[str, str | None] = {
    **dict.fromkeys(
        ["mr", "mr.", "sir", "lord", "monsieur", "m.", "herr", "señor", "sr.", "don", "signor", "sig."], "m"
    ),
    **dict.fromkeys(
        [
            "mrs",
            "mrs.",
            "ms",
            "ms.",
            "miss",
            "dame",
            "lady",
            "madame",
            "mme",
            "mme.",
            "mlle",
            "mademoiselle",
            "frau",
            "señora",
            "sra.",
            "srta.",
            "doña",
            "signora",
            "sig.ra",
        ],
        "f",
    ),
    **dict.fromkeys(
        ["dr", "dr.", "prof", "prof.", "gen.", "col.", "sen.", "rep.", "gov.", "lt.", "capt.", "sgt."], None
    ),
}

#: Words that may sit inside a role phrase between capitalised words.
CONNECTORS = frozenset(
    [
        "of",
        "for",
        "the",
        "de",
        "des",
        "du",
        "d'",
        "la",
        "le",
        "del",
        "de",
        "la",
        "für",
        "der",
        "für",
        "des",
        "of-the",
        "y",
        "and",
        "et",
        "und",
    ]
)
#: Words that end a role phrase on its left (not part of it) or open an appositive role.
DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "its",
        "their",
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "son",
        "sa",
        "ses",
        "el",
        "los",
        "las",
        "su",
        "sus",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "sein",
        "seine",
        "ihr",
        "ihre",
        "il",
        "lo",
        "gli",
        "uno",
        "una",
        "o",
        "os",
        "as",
        "um",
        "uma",
    ]
)


def is_head(word: str) -> bool:
    """Whether a word anchors a role phrase (``word`` already case-folded)."""
    if word in HEADS:
        return True
    return len(word) > 8 and word.endswith(_COMPOUND_HEADS)
