"""The people and organisations an article names, and how a speaker mention resolves to one of them.

Without a coreference model the resolution is a set of ordered, named rules:

- ``name``: a name resolves to the person whose surname it shares, given by the fullest form the
  article uses ("Putin" -> "Vladimir Putin");
- ``role``: a role phrase ("the Russian President", "le ministre") resolves to the person the
  article introduced with that role ("Russian President Vladimir Putin", "Sergei Naryshkin, the
  head of ...") - the head noun counts most, each shared modifier adds;
- ``pronoun``: a personal pronoun resolves to the nearest earlier person subject (the speaker of
  an earlier attribution or the person a sentence opens with), skipping people whose gender was
  already seen to disagree;
- ``recent-speaker``: a role phrase nobody in the article carries falls back to the latest speaker;
- ``organisation``: an organisation, country or group speaks for itself.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from storyweave.quoting.gender import name_gender, names_gender, role_gender, title_gender
from storyweave.quoting.lexicon import DETERMINERS, PRONOUNS, ROLE_NOUNS, TITLES, function_words

PERSON_LABELS = frozenset({"PERSON", "PER"})
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "MISC"})
_POSSESSIVE = ("’s", "'s", "’", "'")
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})


@dataclass(slots=True)
class Tok:
    """A token as the rules see it (spaCy's token reduced to what they read)."""

    text: str
    low: str
    start: int
    end: int
    ent: str
    ent_i: int
    cap: bool
    para: int
    i: int  # the spaCy token's index in its Doc


def fold(word: str) -> str:
    """Lower-cased, accents and possessive endings removed: the key names are grouped by."""
    for suffix in _POSSESSIVE:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            word = word[: -len(suffix)]
            break
    nfkd = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in nfkd if not unicodedata.combining(ch))


def tokens_of(doc: Any) -> list[Tok]:
    """The doc's tokens, with entity labels and paragraph numbers (a paragraph ends at a newline).

    Offsets come from one ``to_array`` call and texts are sliced from the doc's text: creating a
    spaCy Token object per token cost more than all the rules together.
    """
    from spacy.attrs import IDX, LENGTH

    ent_of: dict[int, tuple[str, int]] = {}
    for k, ent in enumerate(doc.ents):
        for i in range(ent.start, ent.end):
            ent_of[i] = (ent.label_, k)
    text = doc.text
    arr = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
    out: list[Tok] = []
    para = 0
    prev_end = 0
    for i, (start, length) in enumerate(arr):
        if "\n" in text[prev_end:start]:
            para += 1
        t = text[start : start + length]
        prev_end = start + length
        if not t.strip():
            if "\n" in t:
                para += 1
            continue
        label, k = ent_of.get(i, ("", -1))
        out.append(Tok(t, t.casefold(), start, start + length, label, k, t[:1].isupper(), para, i))
    return out


def sentence_starts(doc: Any) -> set[int]:
    """Character offsets where the doc's sentences start (read as one array, not through ``doc.sents``)."""
    from spacy.attrs import IDX, SENT_START

    if not len(doc):
        return set()
    return {idx for idx, start in doc.to_array([IDX, SENT_START]).tolist() if start == 1} | {0}


@dataclass
class Person:
    """One person (or, with ``is_group``, an organisation) of the article: its mentions and roles."""

    key: str
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    roles: set[str] = field(default_factory=set)
    gender: str | None = None
    is_group: bool = False
    best: tuple[int, int] = (0, 0)
    #: the words before the surname in its full mentions (folded): two people of one surname share none
    given: set[str] = field(default_factory=set)

    @property
    def weak(self) -> bool:
        """Named only by one word, with no title, role or gender: too little to take a pronoun's place
        (the recogniser tags a village or a street as a person often enough)."""
        return self.best[1] - self.best[0] < 2 and not self.roles and self.gender is None


@dataclass(frozen=True)
class Mention:
    """A speaker as written: token span and what it is (``name``, ``pronoun``, ``role``, ``group``, ``np``)."""

    lo: int
    hi: int
    kind: str


@dataclass(frozen=True)
class Resolution:
    person: Person | None
    rule: str


def _name_tokens(toks: list[Tok], lo: int, hi: int, skip: frozenset[str] = frozenset()) -> list[int]:
    """Token indices of a name without titles, role words, determiners or a verb in front ("Echoing X") and
    without a possessive ending."""
    idx = [i for i in range(lo, hi) if toks[i].text not in (".", ",", "-")]
    while idx and (
        toks[idx[0]].low in TITLES
        or _is_role(toks[idx[0]].low)
        or toks[idx[0]].ent == "NORP"
        or toks[idx[0]].low in skip
    ):
        idx = idx[1:]
    while idx and toks[idx[-1]].text in _POSSESSIVE:
        idx = idx[:-1]
    return idx


def _is_role(low: str) -> bool:
    if low in ROLE_NOUNS:
        return True
    # German compounds carry the role at their end (Außenminister, Oppositionskandidatin)
    return len(low) > 9 and any(low.endswith(r) for r in ("minister", "ministerin", "kandidat", "kandidatin"))


class PeopleIndex:
    """People and organisations named in one article, built once per article from its tokens."""

    def __init__(self, toks: list[Tok], language: str, has_ner: bool) -> None:
        self.toks = toks
        self.language = language
        self._function_words = function_words(language)
        self.function_words = self._function_words
        self.people: dict[str, Person] = {}
        self.groups: dict[str, Person] = {}
        spans = self._name_spans(has_ner)
        for lo, hi, label in spans:
            self._add(lo, hi, label)

    def _name_spans(self, has_ner: bool) -> list[tuple[int, int, str]]:
        toks = self.toks
        spans: list[tuple[int, int, str]] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            if has_ner and t.ent:
                j = i
                while j < len(toks) and toks[j].ent_i == t.ent_i:
                    j += 1
                if t.ent not in NUMERIC_LABELS:  # a date or an amount is no one who speaks
                    spans.append((i, j, "PERSON" if t.ent in PERSON_LABELS else t.ent))
                i = j
                continue
            if not has_ner and self.capitalised(i):
                j = i
                while j < len(toks) and self.capitalised(j):
                    j += 1
                names = _name_tokens(toks, i, j, self._function_words)
                if len(names) >= 2 or (names and names[0] > i):
                    spans.append((names[0], names[-1] + 1, "PERSON"))
                i = j
                continue
            i += 1
        return spans

    def capitalised(self, i: int) -> bool:
        """Could token ``i`` be part of a name? Capitalised, a word, not a sentence-opening function word."""
        t = self.toks[i]
        if not t.cap or not t.text[:1].isalpha() or t.low in DETERMINERS.get(self.language, ()):
            return False
        return t.low not in PRONOUNS.get(self.language, {}) and t.low not in self._function_words

    def _add(self, lo: int, hi: int, label: str) -> None:
        names = _name_tokens(self.toks, lo, hi, self._function_words) if label == "PERSON" else list(range(lo, hi))
        if not names:
            return
        if label == "PERSON":
            person = self._person_for(names)
            span = (names[0], names[-1] + 1)
            person.mentions.append(span)
            if span[1] - span[0] > person.best[1] - person.best[0]:
                person.best = span
            roles = self._roles_before(lo) | self._appositive_after(names[-1] + 1)
            person.roles.update(roles)
            if person.gender is None:
                person.gender = self._gender(lo, names, roles)
        else:
            key = " ".join(fold(self.toks[i].text) for i in names)
            group = self.groups.setdefault(key, Person(key, is_group=True))
            group.mentions.append((names[0], names[-1] + 1))
            if not group.best[1]:
                group.best = (names[0], names[-1] + 1)

    def _person_for(self, names: list[int]) -> Person:
        """The person a name belongs to: the one of its surname, unless a full name shares no word before the
        surname with that person's full names (a wife and her husband: "Svetlana Marchuk", "Pavel Marchuk")."""
        key = fold(self.toks[names[-1]].text)
        person = self._same(key, names)
        if person is None:
            n = 1
            while f"{key}#{n + 1}" in self.people:
                n += 1
            k = key if n == 1 and key not in self.people else f"{key}#{n + 1}"
            person = self.people[k] = Person(k)
        person.given.update(self._given_words(names))
        return person

    def _given_words(self, names: list[int]) -> set[str]:
        return {w for k in names[:-1] if len(w := fold(self.toks[k].text).rstrip(".")) > 1}

    def _same(self, key: str, names: list[int]) -> Person | None:
        """The person of surname ``key`` that the name ``names`` fits (a bare surname: the first one)."""
        person = self.people.get(key)
        words = self._given_words(names)
        if person is None or not words:
            return person
        initials = {w[:1] for k in names[:-1] if len(w := fold(self.toks[k].text).rstrip(".")) == 1}
        n = 1
        while person is not None:
            if not person.given or person.given & words or initials & {w[:1] for w in person.given}:
                return person
            n += 1
            person = self.people.get(f"{key}#{n}")
        return None

    def _gender(self, lo: int, names: list[int], roles: set[str]) -> str | None:
        """From a title right before the name ("Mrs. Clinton"), a gendered role word ("chairwoman"), the names
        stage's reading of the name, else the first-name dictionary, if the name has two words."""
        for k in (lo - 1, names[0] - 1):
            if 0 <= k < len(self.toks) and (g := title_gender(self.toks[k].text)):
                return g
        if g := role_gender(roles):
            return g
        if len(names) < 2:
            return None
        full = " ".join(self.toks[k].text for k in names)
        return names_gender(full, self.language) or name_gender(self.toks[names[0]].text)

    def _roles_before(self, lo: int) -> set[str]:
        """Role words right before a name: "Russian President Vladimir Putin" -> {russian, president}."""
        out: set[str] = set()
        j = lo - 1
        while j >= 0 and lo - j <= 5:
            t = self.toks[j]
            if t.low in DETERMINERS.get(self.language, ()) or not t.text[:1].isalpha():
                break
            if not (t.cap or _is_role(t.low)):
                break
            out.add(fold(t.text))
            j -= 1
        return out

    def _appositive_after(self, hi: int) -> set[str]:
        """Words of an appositive right after a name: "Naryshkin, the head of the SVR," -> {head, svr}."""
        toks = self.toks
        if hi + 1 >= len(toks) or toks[hi].text != "," or toks[hi + 1].low not in DETERMINERS.get(self.language, ()):
            return set()
        out: set[str] = set()
        for j in range(hi + 2, min(hi + 14, len(toks))):
            if toks[j].text in (",", ".", ";", ")"):
                return out
            if toks[j].text[:1].isalpha() and toks[j].low not in ("of", "de", "du", "des", "der", "the"):
                out.add(fold(toks[j].text))
        return set()

    # -- lookups ------------------------------------------------------------------------------

    def person_at(self, lo: int, hi: int) -> Person | None:
        """The person whose surname is the last name token of ``lo:hi`` (the one of that given name when the
        article names two people of one surname; for a bare surname the first one introduced)."""
        names = _name_tokens(self.toks, lo, hi, self._function_words)
        if not names:
            return None
        key = fold(self.toks[names[-1]].text)
        return self._same(key, names) or self.people.get(key)

    def group_at(self, lo: int, hi: int) -> Person | None:
        key = " ".join(fold(self.toks[i].text) for i in range(lo, hi))
        return self.groups.get(key)

    def by_role(self, words: list[str], head: str, before: int) -> Person | None:
        """The person introduced with the role ``words`` (head noun ``head``), best score, earlier first."""
        best: tuple[float, int, str] | None = None
        chosen: Person | None = None
        for person in self.people.values():
            score = (2.0 if head in person.roles else 0.0) + sum(1.0 for w in words if w != head and w in person.roles)
            if score < 1.0:
                continue
            first = min(lo for lo, _ in person.mentions)
            after_penalty = 0.5 if first >= before else 0.0
            cand = (score - after_penalty, -abs(before - first), person.key)
            if best is None or cand > best:
                best, chosen = cand, person
        return chosen

    def name_text(self, person: Person) -> str:
        lo, hi = person.best
        text = " ".join(self.toks[i].text for i in range(lo, hi))
        return _strip_possessive(text)

    def best_offsets(self, person: Person) -> tuple[int, int]:
        lo, hi = person.best
        start, end = self.toks[lo].start, self.toks[hi - 1].end
        last = self.toks[hi - 1].text
        for suffix in _POSSESSIVE:
            if last.endswith(suffix) and len(last) > len(suffix):
                end -= len(suffix)
                break
        return start, end


def _strip_possessive(text: str) -> str:
    for suffix in (" ’s", " 's", "’s", "'s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text
