"""Whether an article's entity (a chain of mentions) and a canonical entity are the same, and why.

The signals, strongest first:

- people: surname class and stem (spellings of one surname, :mod:`storyweave.names.translit`),
  gender from morphology, titles and given names (a veto when both sides know it), given names
  (forms of one name, or a veto when both sides have one and no pair agrees);
- organisations: the same name key or concept set (a name and its translation), the same
  acronym (own or translated); the same acronym with *different* expanded names is a clash, not
  a match; reordered acronym letters (NATO/OTAN) count only with shared context;
- places and the rest: the same phonetic name;
- context: how many of the article's other entities the candidate has co-occurred with before,
  used to choose between candidates a surname alone cannot tell apart, and as support for weak
  matches.

Each verdict carries the rule that decided it, so merges and assignments can say why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyweave.names.persons import PersonName, given_compatible, surname_compatible
from storyweave.names.translit import same_spelling

__all__ = ["Features", "Verdict", "compare"]

#: Context overlap a weak (letters-only) acronym match needs.
WEAK_CONTEXT = 2
#: Shortest place name matched by spelling rather than exactly (Mali and Male stay apart).
FUZZY_PLACE = 5


@dataclass
class Features:
    """What comparisons need of an entity or a chain: its type votes, keys and person names."""

    type: str
    keys: set[str] = field(default_factory=set)
    surnames: set[tuple[str, str]] = field(default_factory=set)  # (phonetic stem, class)
    givens: set[tuple[str, int]] = field(default_factory=set)  # (phonetic given name, table line or -1)
    initials: set[str] = field(default_factory=set)
    gender: str | None = None
    expanded: bool = False  # an organisation known by a name, not only an acronym

    def add_person(self, pn: PersonName) -> None:
        self.surnames.update(pn.surnames())
        if pn.given_key is not None:
            self.givens.add((pn.given_key, -1 if pn.given_cls is None else pn.given_cls))
        if pn.initial:
            self.initials.add(pn.initial)


@dataclass(frozen=True)
class Verdict:
    """The outcome of one comparison: ``same`` with a ``strength`` (2 strong, 1 medium, 0 weak), and why."""

    same: bool
    strength: int
    rule: str


def _as_person(given: tuple[str, int] | None, initial: str | None) -> PersonName:
    if given is None:
        return PersonName(None, None, initial=initial)
    return PersonName(given[0], None, given[0], None if given[1] < 0 else given[1])


def _givens_agree(a: Features, b: Features) -> bool | None:
    """True if some pair of given names (or initials) agrees, False if all disagree, None if a side has none."""
    left = [_as_person(g, None) for g in sorted(a.givens)] + [_as_person(None, i) for i in sorted(a.initials)]
    right = [_as_person(g, None) for g in sorted(b.givens)] + [_as_person(None, i) for i in sorted(b.initials)]
    if not left or not right:
        return None
    verdicts = [given_compatible(x, y) for x in left for y in right]
    if any(v is True for v in verdicts):
        return True
    return False if all(v is False for v in verdicts) else None


def compare_people(a: Features, b: Features) -> Verdict:
    pairs = [(x, y) for x in sorted(a.surnames) for y in sorted(b.surnames) if surname_compatible(*x, *y)]
    if not pairs:
        return Verdict(False, 0, "surnames differ")
    if a.gender and b.gender and a.gender != b.gender:
        return Verdict(False, 0, f"gender differs ({a.gender}/{b.gender}) for one surname stem")
    givens = _givens_agree(a, b)
    if givens is False:
        return Verdict(False, 0, "given names differ")
    exact = any(x == y for x, y in pairs)
    spelled = "same surname" if exact else "surname spelled differently (transliteration)"
    if givens:
        return Verdict(True, 2, f"{spelled}, given names agree")
    return Verdict(True, 1, f"{spelled}, no given name on one side")


def compare_orgs(a: Features, b: Features, context: int) -> Verdict:
    shared = a.keys & b.keys
    named = {k for k in shared if k.startswith(("o:", "c:"))}
    if named:
        rule = "same name" if any(k.startswith("o:") for k in named) else "same name in translation (concept set)"
        return Verdict(True, 2, rule)
    acr = sorted(k for k in shared if k.startswith("a:"))
    if acr:
        if a.expanded and b.expanded:
            return Verdict(False, 0, f"same acronym {acr[0][2:]} but different names")
        return Verdict(True, 1, f"acronym {acr[0][2:]} (own or translated)")
    if any(k.startswith("n:") for k in shared):
        return Verdict(True, 1, "same one-word name")
    letters = [k for k in shared if k.startswith("al:") and len(k) >= 7]
    if letters and context >= WEAK_CONTEXT and not (a.expanded and b.expanded):
        return Verdict(True, 0, f"acronym letters reordered as in translation, {context} shared neighbours")
    return Verdict(False, 0, "no shared name or acronym")


def compare(a: Features, b: Features, context: int = 0) -> Verdict:
    """Compare a chain (or entity) ``a`` with an entity ``b``; ``context`` is their shared neighbours."""
    if a.type == "person" or b.type == "person":
        if a.type != b.type:
            return Verdict(False, 0, "a person and a non-person")
        return compare_people(a, b)
    if a.type == "org" or b.type == "org":
        return compare_orgs(a, b, context)
    ca, cb = ({k for k in f.keys if k.startswith("iso:")} for f in (a, b))
    if ca and cb:  # both are country or continent names: their codes decide, whatever the language
        if ca & cb:
            return Verdict(True, 2, f"same country or region ({sorted(ca & cb)[0][4:]}, CLDR names in any language)")
        return Verdict(False, 0, "different countries")
    if {k for k in a.keys & b.keys if k.startswith("n:")}:
        return Verdict(True, 2 if a.type == b.type else 1, "same name")
    if a.type == b.type and {k for k in a.keys & b.keys if k.startswith("s:")}:
        for x in sorted(k[2:] for k in a.keys if k.startswith("n:")):
            for y in sorted(k[2:] for k in b.keys if k.startswith("n:")):
                if min(len(x), len(y)) >= FUZZY_PLACE and same_spelling(x, y, vowel_indel=1.0):
                    return Verdict(True, 1, "name spelled differently (transliteration)")
    return Verdict(False, 0, "names differ")
