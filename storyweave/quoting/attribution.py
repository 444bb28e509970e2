"""Find direct, partial and indirect quotes in one parsed article, with cue, speaker and intermediary.

Works on tokens, sentences and entities only (no tagger, no parser), so it costs a few
milliseconds on top of the shared spaCy pass. The steps:

1. quotation marks are paired (:mod:`.marks`); sentences are re-cut so that none ends inside a
   quotation and every paragraph break ends one ("units");
2. reporting cues are found outside quotations: verbs of saying and thinking from
   :mod:`.lexicon`, source prepositions ("according to", "selon", "laut", "según") and the
   "was quoted by X as saying" frame;
3. each cue gets its speaker phrase (the subject before it, an inverted subject after it, or the
   subject of the clause for "..., adding that") and its content, tried in this order: a
   quotation ending just before the attribution (“…,” he said) with a second part right after it
   (a split quote); a quotation right after it (she said: “…”); otherwise the reported clause
   after the cue (he said that …) or before it (…, officials said);
4. quotations left over continue the previous speaker when they open a paragraph or follow an
   attributed quotation ("continuation"), or follow an attribution ending in a colon;
5. speakers resolve to people through :class:`.mentions.PeopleIndex`.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from typing import Any

from storyweave.quoting.doubts import parsed_doubt, surface_doubt
from storyweave.quoting.lexicon import (
    AMBIGUOUS_FORMS,
    AUXILIARIES,
    DETERMINERS,
    GROUP_NOUNS,
    MEDIA_WORDS,
    NON_HEADS,
    NOT_BEFORE,
    POSSESSIVES,
    PRONOUNS,
    SOURCE_PREPOSITIONS,
    THAT,
    CueClass,
    base_of,
    cues_for,
    lang_key,
    learned_word,
    reading_probability,
    trusted_forms,
    word_list,
)
from storyweave.quoting.marks import QuoteSpan, find_quotes
from storyweave.quoting.mentions import (
    GROUP_LABELS,
    PERSON_LABELS,
    Mention,
    PeopleIndex,
    Person,
    Resolution,
    Tok,
    _is_role,
    fold,
    sentence_starts,
    tokens_of,
)
from storyweave.quoting.syntax import (
    CLAUSAL,
    CONTENT_PREPOSITIONS,
    NOUN_ROLES,
    OBJECTS,
    PARSED_LANGUAGES,
    SHARES_SUBJECT,
    Tree,
    parse_units,
)

#: A parsed reading of a cue is reported when that reading of the form was right at least this often in training.
MIN_CUE_PRECISION = 0.5
_END_PUNCT = frozenset(".!?;")
_RELATIVE = frozenset({"who", "that", "which", "whom"})
#: content openers the model tells apart ("that" clause, "to" infinitive, a question word, a pronoun subject)
_OPENERS = frozenset({"that", "to", "whether", "if", "what", "how", "why", "he", "she", "they", "it", "we", "i", "the"})
_CONTRAST = frozenset({"while", "as", "though", "although", "whereas", "but"})
_JOINERS = frozenset({"and", "but", "or", "while", "as", "though", "although", "whereas"})
_SKIP_BETWEEN = frozenset(",:—–-")
_SUBJECT_GAP = 6  # tokens an attribution may sit away from its quotation
_ATTRIBUTION_TAIL = 14  # tokens after a cue that may still belong to the attribution ("told reporters in Beijing.")
_MIN_QUOTE_WORDS = 4  # shorter quotations are scare quotes or titles unless attributed
#: words after which a name is an object or sits in a subordinate clause, not the sentence's subject
_NOT_BEFORE_SUBJECT = frozenset(
    word_list(
        "which that who whom whose when where as if because while of by with to for from about against on in at "
        "than like echoing"
    )
)


@dataclass(frozen=True)
class Found:
    """A quote before it becomes a :class:`storyweave.stages.quotes.Quote` (offsets in the article text)."""

    parts: tuple[tuple[int, int], ...]
    kind: str
    cue: str | None
    cue_kind: str | None
    speaker_text: str | None
    mention: tuple[int, int] | None
    person_span: tuple[int, int] | None
    person_name: str | None
    resolution: str
    intermediary: str | None
    sentence: tuple[int, int] = (0, 0)
    cue_frame: str | None = None
    cue_precision: float | None = None
    cue_features: tuple[str, ...] = ()


@dataclass
class _Cue:
    i: int  # first token
    j: int  # one past the last token
    text: str
    cls: CueClass
    source_prep: bool = False
    quoted_by: tuple[int, int] | None = None
    frame: str | None = None  # the parsed reading: clause, object, before, aside, noun
    precision: float | None = None  # the learned model's probability that the reading is an attribution
    features: tuple[str, ...] = ()  # what the model weighed


@dataclass
class _Attr:
    cue: _Cue
    mention: Mention | None
    content: list[tuple[int, int]]  # token spans
    kind: str
    intermediary: tuple[int, int] | None = None
    speaker: Resolution | None = None
    source: _Attr | None = None  # the attribution a continuation takes its speaker from
    written: tuple[int, int] | None = None  # the speaker as written when not the mention resolved ("who")


class ArticleQuotes:
    """Quote finding over one article; build it and call :meth:`run`."""

    def __init__(
        self,
        text: str,
        doc: Any,
        language: str | None,
        has_ner: bool,
        nlp: Any = None,
        min_precision: float = MIN_CUE_PRECISION,
    ) -> None:
        self.text = text
        self.doc = doc
        self.nlp = nlp  # a spaCy pipeline with a parser, or None: then no sentence is parsed
        self.min_precision = min_precision
        self.lang = lang_key(language)
        self.toks: list[Tok] = tokens_of(doc)
        self.cues = cues_for(self.lang)
        self.aux = AUXILIARIES[self.lang]
        self.dets = DETERMINERS[self.lang]
        self.pronouns = PRONOUNS[self.lang]
        self.people = PeopleIndex(self.toks, self.lang, has_ner)
        self.spans: list[QuoteSpan] = find_quotes(text)
        self.q_of: list[int] = [-1] * len(self.toks)
        self.q_toks: list[tuple[int, int]] = []
        self._map_quotes()
        self.units = self._units(doc)
        self.unit_of: list[int] = [0] * len(self.toks)
        for u, (lo, hi) in enumerate(self.units):
            for i in range(lo, hi):
                self.unit_of[i] = u
        self.subjects: list[tuple[int, Person]] = []  # (token, person) in text order
        self.doubted: set[int] = set()  # cues whose parse shows no attribution (:mod:`.doubts`)

    # -- preparation ------------------------------------------------------------------------------

    def _map_quotes(self) -> None:
        starts = [t.start for t in self.toks]
        kept: list[QuoteSpan] = []
        for q in self.spans:
            lo = bisect.bisect_left(starts, q.start)
            hi = bisect.bisect_left(starts, q.end)
            if hi <= lo:
                continue
            for i in range(lo, hi):
                if self.q_of[i] < 0:
                    self.q_of[i] = len(kept)
            self.q_toks.append((lo, hi))
            kept.append(q)
        self.spans = kept

    def _units(self, doc: Any) -> list[tuple[int, int]]:
        """Sentences, never cut inside a quotation, always cut at a paragraph break."""
        starts = sentence_starts(doc)
        cuts: list[int] = [0]
        for i in range(1, len(self.toks)):
            t, prev = self.toks[i], self.toks[i - 1]
            inside = self.q_of[i] >= 0 and self.q_of[i] == self.q_of[i - 1]
            opens = self.q_of[i] >= 0 and not inside and prev.text in _END_PUNCT  # a split the splitter missed
            after_quote = self.q_of[i - 1] >= 0 and self.q_toks[self.q_of[i - 1]][1] == i and self.q_of[i] < 0
            glued = (
                after_quote
                and self.text[self.spans[self.q_of[i - 1]].inner_end - 1 : self.spans[self.q_of[i - 1]].inner_end]
                in ",?!—–-"
            )
            # "Sen. Bernie Sanders (I-Vt.) defended": the splitter ends a sentence at the abbreviation's period
            in_aside = t.text == ")" or (prev.text == ")" and t.text[:1].islower())
            if t.para != prev.para or (t.start in starts and not inside and not glued and not in_aside) or opens:
                cuts.append(i)
        cuts.append(len(self.toks))
        return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]

    # -- cues -------------------------------------------------------------------------------------

    def _find_cues(self) -> list[_Cue]:
        toks, out = self.toks, []
        preps = SOURCE_PREPOSITIONS[self.lang]
        i = 0
        while i < len(toks):
            if self.q_of[i] >= 0:
                i += 1
                continue
            t = toks[i]
            matched = False
            for prep in preps:
                n = len(prep)
                if tuple(x.low for x in toks[i : i + n]) == prep and self._prep_ok(i, n):
                    out.append(_Cue(i, i + n, " ".join(x.text for x in toks[i : i + n]), CueClass("speech"), True))
                    i += n
                    matched = True
                    break
            if matched:
                continue
            cls = self.cues.get(t.low)
            if cls is not None and self._cue_ok(i, cls):
                cue = _Cue(i, i + 1, t.text, cls)
                self._quoted_by(cue)
                out.append(cue)
                i = cue.j
                continue
            i += 1
        return out

    def _prep_ok(self, i: int, n: int) -> bool:
        toks = self.toks
        if self.lang == "de" and toks[i].low == "so":  # ", so Merkel" only
            return i > 0 and toks[i - 1].text == "," and i + 1 < len(toks) and toks[i + 1].cap
        return i + n < len(toks)

    def _cue_ok(self, i: int, cls: CueClass) -> bool:
        toks = self.toks
        t = toks[i]
        unit_start = i == 0 or toks[i - 1].para != t.para or toks[i - 1].text in _END_PUNCT
        if t.cap and not unit_start and self.lang != "de":
            return False  # a name ("Said"), or a title word
        if t.ent in PERSON_LABELS:
            return False
        prev = toks[i - 1].low if i else ""
        if prev in self.dets or prev in ("’s", "'s"):
            return False  # "his claims", "the said forces"
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        if prev == "-" or nxt == "-":
            return False  # "post-Soviet"
        if self.lang == "en" and t.low in AMBIGUOUS_FORMS and not self._subject_like(i - 1):
            return False
        base = base_of(t.low) if self.lang == "en" else None
        if base is not None and nxt.casefold() in NOT_BEFORE[base]:
            return False
        if cls.needs_complement:
            window = [x.low for x in toks[i + 1 : i + 6]]
            has_quote = any(self.q_of[k] >= 0 for k in range(i + 1, min(i + 8, len(toks))))
            return bool(window) and (window[0] in ("for", "on", "upon") or "as" in window[:4] or has_quote)
        return True

    def _subject_like(self, j: int) -> bool:
        """Could token ``j`` close a subject (so that an ambiguous "claims" after it is a verb)?"""
        j = self._skip_left(j, 0)
        if j < 0:
            return False
        t = self.toks[j]
        return (
            t.low in self.pronouns
            or t.ent in PERSON_LABELS | {"ORG", "GPE"}
            or (t.ent == "NORP" and t.low.endswith("s"))  # "the Saudis state", not "the Soviet state"
            or t.low in GROUP_NOUNS
            or _is_role(t.low)
            or t.low in ("will", "would", "may", "might", "could", "should", "to", "did", "does", "do")
        )

    def _quoted_by(self, cue: _Cue) -> None:
        """ "was quoted by RIA news agency as saying": the cue spans the frame, RIA is the intermediary."""
        toks = self.toks
        if cue.i + 1 >= len(toks):
            return
        if toks[cue.i].low == "quoted":
            k = cue.i + 1
            by: tuple[int, int] | None = None
            if k < len(toks) and toks[k].low == "by":
                s = k + 1
                while k < len(toks) and k - s < 8 and toks[k].low != "as":
                    k += 1
                by = (s, k)
            if k + 1 < len(toks) and toks[k].low == "as" and toks[k + 1].low == "saying":
                cue.j = k + 2
                cue.text = "quoted as saying"
                cue.quoted_by = by

    # -- speakers ---------------------------------------------------------------------------------

    def _skip_left(self, j: int, lo: int) -> int:
        toks = self.toks
        while j >= lo:
            t = toks[j]
            if (
                t.low in self.aux
                or (self.lang == "en" and t.low.endswith("ly") and not t.cap and len(t.low) > 3)
                or t.ent in ("DATE", "TIME")
                or (t.low in ("on", "last", "this") and j + 1 < len(toks) and toks[j + 1].ent in ("DATE", "TIME"))
            ):
                j -= 1
            elif t.text == ")":
                k = j
                while k >= lo and toks[k].text != "(":
                    k -= 1
                j = k - 1 if k >= lo and j - k < 8 else j - 1
                if k < lo:
                    return j
            else:
                break
        return j

    def _np_ending(self, j: int, lo: int) -> Mention | None:
        """The noun phrase that ends at token ``j`` (not before ``lo``): a pronoun, a name, or a role phrase."""
        toks = self.toks
        if j < lo or self.q_of[j] >= 0:
            return None
        t = toks[j]
        if t.low in self.pronouns:
            return Mention(j, j + 1, "pronoun")
        if t.low in NON_HEADS:
            return None
        if t.ent and t.ent != "DATE" and t.ent != "TIME" and t.ent != "CARDINAL":
            k = j
            while k - 1 >= lo and toks[k - 1].ent_i == t.ent_i:
                k -= 1
            while (
                k - 1 >= lo
                and toks[k - 1].text[:1].isalpha()
                and (self.people.capitalised(k - 1) or _is_role(toks[k - 1].low))
            ):
                k -= 1
            while k < j and toks[k].low in self.people.function_words:
                k += 1  # "But Ryan", "While Lewandowski": the entity recogniser took the conjunction in
            kind = "name" if t.ent in PERSON_LABELS else "group"
            if kind == "group" and self.people.person_at(k, j + 1) is not None:
                kind = "name"
            if kind == "group":
                role = self._role_of(k, lo)
                if role is not None:
                    return Mention(role, j + 1, "role")
            return Mention(k, j + 1, kind)
        if self.people.capitalised(j) and (j != lo or self.people.person_at(j, j + 1) is not None or t.ent):
            k = j
            while k - 1 >= lo and self.people.capitalised(k - 1) and self.q_of[k - 1] < 0:
                k -= 1
            if all(_is_role(toks[m].low) or toks[m].ent == "NORP" for m in range(k, j + 1)):
                if k - 1 >= lo and toks[k - 1].low in self.dets:
                    k -= 1
                return Mention(k, j + 1, "role")
            role = self._role_of(k, lo)
            if role is not None:
                return Mention(role, j + 1, "role")
            return Mention(k, j + 1, "name")
        if t.low in GROUP_NOUNS:
            k = j
            while k - 1 >= lo and toks[k - 1].text[:1].isalpha() and j - k < 3 and toks[k - 1].low not in self.aux:
                if toks[k - 1].low in self.dets:
                    k -= 1
                    break
                k -= 1
            return Mention(k, j + 1, "group")
        det_near = any(toks[m].low in self.dets for m in range(max(lo, j - 3), j))
        if t.text[:1].isalpha() and (t.low not in self.cues or det_near) and t.low not in self.aux:
            # a determiner-led phrase: "the Russian President", "the head of the Kremlin", "Carter's aide"
            k = j
            while k >= lo and j - k < 7:
                x = toks[k]
                if x.low in self.dets and (k == lo or toks[k - 1].low not in ("of", "de", "des", "der")):
                    kind = "role" if any(_is_role(toks[m].low) for m in range(k, j + 1)) else "np"
                    return Mention(k, j + 1, kind)
                if x.low in ("’s", "'s") and k - 1 >= lo:
                    owner = self._np_ending(k - 1, lo)
                    if owner is not None:
                        kind = "role" if any(_is_role(toks[m].low) for m in range(k, j + 1)) else "np"
                        return Mention(owner.lo, j + 1, kind)
                    return None
                if not (x.text[:1].isalnum() or x.text in ("-", "/", "’s", "'s")) or self.q_of[k] >= 0:
                    return None
                if x.low in self.cues and k != j:
                    return None
                if k == lo and x.cap and j - k < 6:
                    # a sentence-opening phrase with no article: "New polls released Sunday showed"
                    kind = "role" if any(_is_role(toks[m].low) for m in range(k, j + 1)) else "np"
                    return Mention(k, j + 1, kind)
                k -= 1
        return None

    def _role_of(self, k: int, lo: int) -> int | None:
        """Start of a role phrase that ends in "of <name>" ("the head of the Kremlin"), if one does."""
        toks = self.toks
        m = k - 1
        if m >= lo and toks[m].low in self.dets:
            m -= 1
        if m < lo or toks[m].low not in ("of", "de", "du", "des"):
            return None
        for s in range(m - 1, max(lo - 1, m - 5), -1):
            if _is_role(toks[s].low):
                d = s
                while d - 1 >= lo and m - d < 5 and toks[d - 1].low not in self.dets and toks[d - 1].text[:1].isalpha():
                    d -= 1
                return d - 1 if d - 1 >= lo and toks[d - 1].low in self.dets else d
        return None

    def _subject_before(self, cue: _Cue, lo: int) -> Mention | None:
        toks = self.toks
        j = self._skip_left(cue.i - 1, lo)
        if j < lo:
            return None
        if toks[j].text == "," and j - 1 >= lo:
            # an appositive or an aside between commas: "Naryshkin, the head of the SVR, accused",
            # "The Kremlin, in turn, acknowledged"
            k = j - 1
            while k >= lo and toks[k].text != "," and j - k < 16 and self.q_of[k] < 0:
                if toks[k].low in self.cues and not (k > lo and toks[k - 1].text == "-"):
                    break  # a verb: not an appositive ("self-described" is an adjective)
                k -= 1
            if k > lo and toks[k].text == ",":
                inner = self._np_ending(j - 1, k + 1)
                if inner is not None and inner.kind == "name" and inner.lo == k + 1:
                    # the name is the appositive: "the council's leader, David Penhallow, had rejected"
                    before_head = self._np_ending(self._skip_left(k - 1, lo), lo)
                    if before_head is not None and before_head.kind in ("role", "np"):
                        return inner
                head = self._np_ending(self._skip_left(k - 1, lo), lo)
                if head is not None and head.kind in ("name", "group", "pronoun", "role"):
                    return head
            return None
        m = self._np_ending(j, lo)
        if m is not None and m.lo - 1 >= lo and toks[m.lo - 1].low in ("who", "qui"):
            # "Lukashenko, who said": the relative pronoun's antecedent
            k = m.lo - 1
            if k - 1 >= lo and toks[k - 1].text == ",":
                ante = self._np_ending(k - 2, lo)
                return ante or m
        if m is None and toks[j].low in ("who", "qui") and j - 1 >= lo and toks[j - 1].text == ",":
            return self._np_ending(j - 2, lo)
        return m

    def _subject_after(self, cue: _Cue, hi: int) -> Mention | None:
        toks = self.toks
        k = cue.j
        if k < hi and toks[k].low in ("-t", "-t-"):
            k += 1
        if k >= hi or self.q_of[k] >= 0:
            return None
        t = toks[k]
        if t.low in self.pronouns:
            return Mention(k, k + 1, "pronoun")
        if t.low in self.dets or t.cap or t.ent:
            e = k + 1
            while (
                e < hi
                and e - k < 9
                and self.q_of[e] < 0
                and toks[e].text not in (",", ".", ";", ":", "(")
                and (
                    toks[e].cap
                    or toks[e].ent
                    or _is_role(toks[e].low)
                    or toks[e].low in ("of", "de", "the")
                    or (toks[k].low in self.dets and toks[e].text[:1].isalpha() and toks[e].low not in THAT[self.lang])
                )
            ):
                if toks[e].low in self.cues and not toks[e].cap:
                    break
                e += 1
            while e - 1 > k and toks[e - 1].low in ("of", "de", "the"):
                e -= 1
            kinds = [toks[m].ent for m in range(k, e)]
            if any(x in PERSON_LABELS for x in kinds) or (not any(kinds) and t.cap and t.low not in self.dets):
                return Mention(k, e, "name")
            if any(_is_role(toks[m].low) for m in range(k, e)):
                return Mention(k, e, "role")
            if any(x in GROUP_LABELS for x in kinds):
                return Mention(k, e, "group")
            return Mention(k, e, "np") if toks[k].low in self.dets else None
        return None

    # -- contents ---------------------------------------------------------------------------------

    def _quote_ending_before(self, i: int, lo: int, slack: int = 0) -> int:
        """Index of a quotation that ends at most a comma or dash (and ``slack`` words of the speaker's noun
        phrase, "… ,” Clinton campaign chairman John Podesta told") before token ``i`` (-1 if none)."""
        toks = self.toks
        j = i - 1
        while j >= lo and (toks[j].text in _SKIP_BETWEEN or toks[j].low in self.aux or toks[j].low == "-t"):
            j -= 1
        while (
            slack > 0 and j >= lo and self.q_of[j] < 0 and toks[j].text[:1].isalnum() and toks[j].low not in self.cues
        ):
            j -= 1
            slack -= 1
        while j >= lo and toks[j].text in _SKIP_BETWEEN:
            j -= 1
        return self.q_of[j] if j >= lo and self.q_of[j] >= 0 and self.q_toks[self.q_of[j]][1] == j + 1 else -1

    def _quote_starting_after(self, i: int, hi: int, limit: int) -> int:
        """Index of a quotation that starts within ``limit`` tokens after ``i``, with nothing cue-like between."""
        toks = self.toks
        for k in range(i, min(hi, i + limit)):
            q = self.q_of[k]
            if q >= 0:
                return q if self.q_toks[q][0] == k else -1
            if toks[k].low in self.cues or toks[k].text in _END_PUNCT:
                return -1
        return -1

    def _object_end(self, k: int, hi: int) -> tuple[int, tuple[int, int] | None]:
        """Skip an addressee after "told"/"accused": returns where the content starts and a medium if named."""
        toks = self.toks
        that = THAT[self.lang]
        for e in range(k, min(hi, k + 10)):
            if toks[e].low in that or self.q_of[e] >= 0 or toks[e].text in (":",):
                medium = (k, e) if e > k and self._is_medium(k, e) else None
                return e, medium
        e = k
        while (
            e < hi
            and e - k < 6
            and (
                toks[e].cap
                or toks[e].ent
                or toks[e].low in self.dets
                or toks[e].low in self.pronouns
                or toks[e].low in ("him", "her", "them", "us", "me", "reporters", "journalists")
            )
        ):
            e += 1
        medium = (k, e) if e > k and self._is_medium(k, e) else None
        return e, medium

    def _is_medium(self, lo: int, hi: int) -> bool:
        toks = self.toks
        if any(toks[m].ent in PERSON_LABELS for m in range(lo, hi)):
            return False
        if any(fold(toks[m].text) in MEDIA_WORDS for m in range(lo, hi)):
            return True
        return any(toks[m].ent in ("ORG",) for m in range(lo, hi))

    def _interview_with(self, lo: int, hi: int) -> tuple[int, int] | None:
        """ "in an interview with X", "told X": a medium named inside an attribution clause."""
        toks = self.toks
        for k in range(lo, hi - 2):
            if toks[k].low in ("interview", "entretien", "interview", "entrevista") and toks[k + 1].low in (
                "with",
                "avec",
                "mit",
                "con",
                "to",
                "à",
            ):
                s = k + 2
                e = s
                while e < hi and e - s < 10 and toks[e].text not in (",", ".", ";", ":"):
                    q = self.q_of[e]
                    if q >= 0 and self.q_toks[q][1] - self.q_toks[q][0] > 6:
                        break
                    e += 1
                if e > s:
                    return (s, e)
        return None

    def _clause_end(self, k: int, hi: int) -> int:
        """Where reported content after a cue stops: the unit's end, or before "and <another cue>"."""
        toks = self.toks
        for m in range(k + 1, hi - 1):
            if toks[m].text == ";" and self.q_of[m] < 0:
                return m
            if toks[m].low in ("and", "but") and self.q_of[m] < 0:
                nxt = m + 1
                while nxt < hi and (toks[nxt].low in self.aux or toks[nxt].low.endswith("ly")):
                    nxt += 1
                cls = self.cues.get(toks[nxt].low) if nxt < hi else None
                if cls is not None and self._cue_ok(nxt, cls):
                    return m
        return hi

    def _trim(self, lo: int, hi: int) -> tuple[int, int]:
        toks = self.toks
        while lo < hi and toks[lo].text in (",", ":", "—", "–", "-"):
            lo += 1
        while hi > lo and toks[hi - 1].text in (",", ".", ";", ":", "—", "–", "-", "!", "?") and self.q_of[hi - 1] < 0:
            hi -= 1
        return lo, hi

    # -- main -------------------------------------------------------------------------------------

    def run(self) -> list[Found]:
        cues = self._find_cues()
        claimed_q: set[int] = set()
        attrs: list[_Attr] = self._speaker_labels(claimed_q)
        covered: list[tuple[int, int]] = [span for a in attrs for span in a.content]
        for cue in cues:
            if any(a <= cue.i < b for a, b in covered):
                continue
            attr = self._attribute(cue, claimed_q)
            if attr is None:
                continue
            attrs.append(attr)
            covered.extend(attr.content)
        if self.nlp is not None and self.lang in PARSED_LANGUAGES:
            attrs = self._with_parse(attrs, claimed_q)
        attrs.extend(self._leftover_quotes(attrs, claimed_q, cues))
        attrs = [
            a
            for a in attrs
            if a.kind != "indirect" or a.cue.frame or not surface_doubt(self.toks, self.lang, a.content)
        ]
        attrs.sort(key=lambda a: a.content[0][0])
        for attr in attrs:
            attr.speaker = self._resolve(attr)
            person = attr.speaker.person
            in_subordinate = attr.mention is not None and not self._subject_slot(attr.mention.lo)
            if person is not None and not person.is_group and not in_subordinate:
                self.subjects.append((attr.content[0][0], person))
        # a second pass: continuations inherit the (now resolved) speaker of what they continue
        for attr in attrs:
            src = attr.source
            if src is not None and attr.speaker is not None:
                attr.speaker = Resolution(src.speaker.person if src.speaker else None, attr.speaker.rule)
                attr.mention = src.mention
        return [self._found(a) for a in attrs]

    def _attribute(self, cue: _Cue, claimed: set[int]) -> _Attr | None:
        toks = self.toks
        lo, hi = self.units[self.unit_of[cue.i]]
        mention: Mention | None = None
        content: list[tuple[int, int]] = []
        kind = "indirect"
        medium: tuple[int, int] | None = cue.quoted_by
        if cue.source_prep:
            m = self._subject_after(cue, hi) or self._np_after_prep(cue, hi)
            if m is None:
                return None
            mention = m
            after = m.hi
            while after < hi and toks[after].text != "," and after - m.hi < 12 and self.q_of[after] < 0:
                after += 1
            q_before = self._quote_ending_before(cue.i, lo)
            if q_before >= 0 and q_before not in claimed:
                content, kind = [self.q_toks[q_before]], "direct"
                claimed.add(q_before)
            elif cue.i - lo <= 1 and after < hi:
                content = [self._trim(after, hi)]
            elif cue.i > lo:
                content = [self._trim(lo, cue.i)]
            else:
                return None
            return self._finish(cue, mention, content, kind, medium)
        participle = (
            cue.j == cue.i + 1
            and cue.text.endswith("ing")
            and self.lang == "en"
            and cue.i > lo
            and toks[cue.i - 1].text in (",", "—", "–")  # "…, adding that": not "ads supporting Rubio"
        )
        j0 = self._skip_left(cue.i - 1, lo)
        coordinated = j0 > lo and toks[j0].low in ("and", "but", "et", "und", "y")  # "denounced X and warned"
        shared = participle or coordinated
        before = self._clause_subject(cue, lo) if shared else self._subject_before(cue, lo)
        if (participle or coordinated) and before is None:
            return None
        inverted = None
        head = self._skip_left(cue.i - 1, lo) + 1  # "», a déclaré X": past the auxiliary
        if before is None and (
            head == lo or self._comma_before(head, lo) or self.toks[head - 1].text in ("“", '"', "«")
        ):
            inverted = self._subject_after(cue, hi)
        mention = before or inverted
        if mention is None:
            if cue.cls.kind != "speech":
                return None
            mention = None
        attr_lo = min(cue.i, mention.lo) if mention else cue.i
        attr_hi = max(cue.j, mention.hi) if mention else cue.j
        # 1. a quotation just before the attribution, maybe continued right after it (split quote)
        q = self._quote_ending_before(attr_lo, lo)
        if q < 0 and mention is not None and mention.kind == "name":
            q = self._quote_ending_before(attr_lo, lo, slack=4)
        if q >= 0 and q not in claimed:
            claimed.add(q)
            content = [self.q_toks[q]]
            q_lo = self.q_toks[q][0]
            lead = sum(1 for t in self.toks[lo:q_lo] if t.text[:1].isalnum())
            if lead >= 3 and self.q_of[lo] < 0:
                # "Belarusians face ‘unprecedented pressure’, Putin believes": the quote is part of the clause
                return self._finish(cue, mention, [(lo, self.q_toks[q][1])], "partial", medium)
            nxt = self._continuation_after(attr_hi, hi)
            if nxt >= 0 and nxt not in claimed:
                claimed.add(nxt)
                content.append(self.q_toks[nxt])
            if cue.cls.takes_object and medium is None:
                medium = self._object_end(attr_hi, hi)[1]
            medium = medium or self._interview_with(attr_hi, min(hi, attr_hi + 12))
            return self._finish(cue, mention, content, "direct", medium)
        if mention is None:
            return None
        # 2. a quotation right after: "she said: “…”"
        k = attr_hi
        if cue.cls.takes_object:
            k, obj_medium = self._object_end(k, hi)
            medium = medium or obj_medium
        medium = medium or self._interview_with(attr_hi, min(hi, attr_hi + 12))
        q = self._quote_starting_after(k, hi, _SUBJECT_GAP + 2)
        if q >= 0 and q not in claimed and self._ends_unit(self.q_toks[q][1], hi):
            claimed.add(q)
            q_lo, q_hi = self.q_toks[q]
            between = [t for t in toks[k:q_lo] if t.text[:1].isalnum() and t.low not in THAT[self.lang]]
            if between:  # "Putin said that Belarus was “under pressure”"
                return self._finish(cue, mention, [self._trim(k, q_hi)], "partial", medium)
            return self._finish(cue, mention, [self.q_toks[q]], "direct", medium)
        # 3. the reported clause after the cue ...
        s, e = self._trim(k, self._clause_end(k, hi))
        tail_after = e - s
        if tail_after > 0 and e < hi and toks[e].text == ";" and before is not None:
            tail_after = 0  # "…, analysts say; in 2012 …": the content is before the cue
        appositive = before is not None and before.hi < len(toks) and toks[before.hi].text == ","
        if before is not None and cue.i > lo and tail_after <= 6 and self._comma_before(attr_lo, lo) and not appositive:
            # 4. ... or before it: "The plan is dead, officials said."
            s, e = self._trim(lo, attr_lo)
        elif inverted is not None and self._comma_before(cue.i, lo):
            s, e = self._trim(lo, cue.i)
        if e - s < 2:
            return None
        for qi in range(len(self.q_toks)):
            a, b = self.q_toks[qi]
            if s <= a and b <= e:
                claimed.add(qi)
                kind = "partial"
        return self._finish(cue, mention, [(s, e)], kind, medium)

    # -- reported speech from the parse ------------------------------------------------------------

    def _with_parse(self, attrs: list[_Attr], claimed: set[int]) -> list[_Attr]:
        """Parse the units holding a cue candidate the surface rules did not tie to a quotation, and read
        reported speech from the parse; a surface reading of the same cue gives way to the parsed one."""
        toks = self.toks
        forms = trusted_forms(self.lang, self.min_precision)
        quoted_cues = {a.cue.i for a in attrs if self._kept_surface(a)}
        in_quote_content = {k for a in attrs if a.kind == "direct" for lo, hi in a.content for k in range(lo, hi)}
        cands = [
            k
            for k, t in enumerate(toks)
            if t.low in forms
            and self.q_of[k] < 0
            and k not in quoted_cues
            and k not in in_quote_content
            and t.ent not in PERSON_LABELS
            and not (t.cap and k > self.units[self.unit_of[k]][0])
        ]
        if not cands:
            return attrs
        units = sorted({self.unit_of[k] for k in cands})
        tree = parse_units(self.nlp, self.doc, toks, [self._past_dateline(*self.units[u]) for u in units])
        parsed: dict[int, _Attr] = {}
        for k in cands:
            att = self._parsed_attr(k, tree)
            if att is not None:
                parsed[k] = att
        parsed_units = set(units)
        out: list[_Attr] = []
        for a in attrs:
            replaced = (
                a.cue.i in parsed
                or a.cue.i in self.doubted
                or any(_overlaps(a.content, p.content) for p in parsed.values())
            )
            if not self._kept_surface(a) and self.unit_of[a.cue.i] in parsed_units and replaced:
                continue
            out.append(a)
        claimed.clear()  # the quotations of the surface readings given up are free again
        claimed.update(qi for a in out for lo, hi in a.content for qi in self._quotes_within(lo, hi))
        taken = [span for a in out if self._kept_surface(a) for span in a.content]
        surface = [span for a in out for span in a.content]
        # attributions do not nest ("Sanders said he didn't think ..." reports one statement): a cue inside
        # another attribution's content is part of what is reported - unless it heads a clause of its own
        # joined to that content ("adds that she has released her returns and called on Sanders to ..."),
        # where the first content ends and the second attribution starts
        kept: list[_Attr] = []
        for k, att in sorted(parsed.items(), key=lambda kv: (-sum(hi - lo for lo, hi in kv[1].content), kv[0])):
            if any(_overlaps(att.content, [span]) for span in taken) or any(lo <= k < hi for lo, hi in surface):
                continue
            host = next((h for h in kept if any(lo <= k < hi for lo, hi in h.content)), None)
            if host is not None and not self._split_off(host, k, tree):
                continue
            kept.append(att)
        for att in sorted(kept, key=lambda a: a.cue.i):
            if self._settle_quotes(att, claimed):
                out.append(att)
        return out

    @staticmethod
    def _kept_surface(a: _Attr) -> bool:
        """Surface readings the parse does not replace: quotations, speaker labels, "according to"."""
        return a.kind == "direct" or a.cue.source_prep or a.cue.text == ":"

    def _split_off(self, host: _Attr, k: int, tree: Tree) -> bool:
        """End ``host``'s content before the clause cue ``k`` heads, when that clause is joined to it rather than
        reported by it: a coordinated or paratactic verb, or an adverbial clause with its own subject or
        introduced by a comma or "while"/"as". Returns whether it was split off."""
        dep = tree.dep[k]
        joined = dep in ("conj", "parataxis") or (
            dep == "advcl"
            and (
                tree.child(k, frozenset({"nsubj"})) >= 0
                or any(tree.dep[c] == "mark" and self.toks[c].low in _CONTRAST for c in tree.kids[k])
                or (tree.lo(k) > 0 and self.toks[tree.lo(k) - 1].text == ",")
            )
        )
        if not joined:
            return False
        cut = tree.lo(k)
        while cut > 0 and (self.toks[cut - 1].text in (",", ";", "—", "–") or self.toks[cut - 1].low in _JOINERS):
            cut -= 1
        parts = []
        for lo, hi in host.content:
            if lo <= k < hi:
                lo2, hi2 = self._trim(lo, min(hi, cut))
                if hi2 - lo2 < 1:
                    return False
                parts.append((lo2, hi2))
                break
            parts.append((lo, hi))
        host.content = parts
        return True

    def _quotes_within(self, lo: int, hi: int) -> list[int]:
        return [qi for qi, (a, b) in enumerate(self.q_toks) if lo <= a and b <= hi]

    def _settle_quotes(self, att: _Attr, claimed: set[int]) -> bool:
        """Fit a parsed content to the quotations it touches: a parse boundary inside a quotation moves to the
        quotation's mark (the parse of “…” leaves the marks out), and a content holding quoted words is
        ``partial`` - ``direct`` when it is one quotation of four words or more reported by a cue of speech,
        thought or a speech act. A quotation claimed already (by another attribution) drops the reading."""
        parts = []
        for lo, hi in att.content:
            for a, b in self.q_toks:
                if a < lo < b:
                    lo = a
                if a < hi < b:
                    hi = b
            parts.append((lo, hi))
        att.content = parts
        inside = [qi for lo, hi in parts for qi in self._quotes_within(lo, hi)]
        if any(qi in claimed for qi in inside):
            return False
        if inside:
            claimed.update(inside)
            a, b = self.q_toks[inside[0]]
            words = sum(1 for t in self.toks[a:b] if t.text[:1].isalnum())
            whole = len(parts) == 1 and parts[0] == (a, b) and len(inside) == 1
            speech = att.cue.cls.kind in ("speech", "thought", "act") and att.cue.text.casefold() in self.cues
            att.kind = "direct" if whole and words >= _MIN_QUOTE_WORDS and speech else "partial"
        return True

    def _past_dateline(self, lo: int, hi: int) -> tuple[int, int]:
        """A unit without its dateline ("WASHINGTON, Dec. 9 (UPI) --"), which the parser would take for a subject."""
        toks = self.toks
        for k in range(lo + 1, min(hi - 1, lo + 15)):
            if toks[k].text in ("—", "–", "--", "-") and toks[k - 1].text != "-":
                prefix = toks[lo:k]
                if any(t.text == ")" or (len(t.text) > 1 and t.text.isupper()) for t in prefix):
                    return k + 1, hi
                return lo, hi
            if self.q_of[k] >= 0:
                break
        return lo, hi

    def _parsed_attr(self, v: int, tree: Tree) -> _Attr | None:
        """The parsed reading of candidate cue ``v``, kept when the learned model trusts it enough."""
        if not tree.parsed(v):
            return None
        toks = self.toks
        cls = self.cues.get(toks[v].low) or CueClass("stance")
        verbal = self._verbal(v, tree)
        if verbal:
            content, frame = self._verb_content(v, tree)
            subject, relative = self._verb_subject(v, tree, 0)
        else:
            content, frame = self._noun_content(v, tree), "noun"
            subject, relative = self._noun_subject(v, tree)
        if not content:
            return None
        cue = _Cue(v, v + 1, toks[v].text, cls, frame=frame)
        mention = self._mention_at(subject, tree) if subject >= 0 else None
        if mention is None and verbal and tree.child(v, frozenset({"nsubjpass"})) < 0:
            # the parse found no subject (a misparse, "Majorities ... say/dep"): the surface reading's
            mention = self._subject_before(cue, self.units[self.unit_of[v]][0])
        if parsed_doubt(toks, tree, v, frame, content) is not None:
            self.doubted.add(v)  # the parse shows it is no attribution: the surface reading goes too
            return None
        features = self._features(v, tree, frame, content, mention, relative, cls)
        precision = reading_probability(self.lang, features)
        if precision < self.min_precision:
            return None
        cue.precision = round(precision, 3)
        cue.features = features
        att = _Attr(cue, mention, content, "indirect")
        if relative >= 0:
            att.written = (relative, relative + 1)
        return att

    def _features(
        self,
        v: int,
        tree: Tree,
        frame: str,
        content: list[tuple[int, int]],
        mention: Mention | None,
        relative: int,
        cls: CueClass,
    ) -> tuple[str, ...]:
        """What the learned model weighs about a parsed reading: the cue word and form, the frame, what kind of
        speaker it has, how the cue sits in the parse and what the content looks like."""
        toks = self.toks
        form = toks[v].low
        word = learned_word(self.lang, form)
        speaker = "none" if mention is None else ("relative" if relative >= 0 else mention.kind)
        size = sum(hi - lo for lo, hi in content)
        length = "1" if size == 1 else "2-3" if size <= 3 else "4-8" if size <= 8 else "9+"
        first = toks[content[0][0]].low
        opener = first if first in _OPENERS else "other"
        dep = tree.dep[v]
        kids = {tree.dep[c] for c in tree.kids[v]}
        unit_lo = self.units[self.unit_of[v]][0]
        return (
            f"form={form}",
            f"word={word}",
            f"frame={frame}",
            f"word|frame={word}|{frame}",
            f"speaker={speaker}",
            f"frame|speaker={frame}|{speaker}",
            f"word|speaker={word}|{speaker}",
            f"class={cls.kind if form in self.cues else 'learned'}",
            f"dep={dep}",
            f"frame|dep={frame}|{dep}",
            f"length={length}",
            f"frame|length={frame}|{length}",
            f"opener={opener}",
            f"neg={'neg' in kids}",
            f"passive={'auxpass' in kids or 'nsubjpass' in kids}",
            f"quoted={any(self.q_of[k] >= 0 for lo, hi in content for k in range(lo, hi))}",
            f"opens={v == unit_lo}",
            f"cap={toks[v].cap}",
            f"before={content[0][0] < v}",
        )

    def _verbal(self, v: int, tree: Tree) -> bool:
        """Is the cue used as a verb? Without a tagger: it has a subject or an auxiliary, or sits in a verb's slot."""
        if any(tree.dep[c] in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "agent") for c in tree.kids[v]):
            return True
        if any(tree.dep[c] in ("det", "poss", "amod") for c in tree.kids[v]):
            return False
        return tree.dep[v] not in NOUN_ROLES or tree.dep[v] in ("ROOT", "conj")

    def _verb_content(self, v: int, tree: Tree) -> tuple[list[tuple[int, int]], str]:
        """What cue verb ``v`` reports, and the frame it was read in."""
        kids = tree.kids[v]
        right = [c for c in kids if c > v]
        ccomp = [c for c in right if tree.dep[c] == "ccomp"]
        if ccomp:
            # the clause, and what the parser hung on the cue after it (a misparse often puts the clause's own
            # adverbial there: "specified that forces will not be deployed as long as ... do not organize ...")
            hi = tree.hi(ccomp[0])
            for c in right:
                if c > ccomp[0] and tree.dep[c] in ("advcl", "prep", "npadvmod", "dobj", "xcomp"):
                    hi = max(hi, tree.hi(c))
                elif c > ccomp[0] and tree.dep[c] in ("conj", "cc", "parataxis"):
                    break
            return self._span(tree.lo(ccomp[0]), hi), "clause"
        parts = []
        for c in right:
            d = tree.dep[c]
            if d in OBJECTS or d in CLAUSAL:
                parts.append((tree.lo(c), tree.hi(c)))
            elif d == "prep" and self.toks[c].low in CONTENT_PREPOSITIONS:
                obj = tree.child(c, frozenset({"pobj", "pcomp"}))
                if obj >= 0:
                    parts.append((tree.lo(obj) if not parts else tree.lo(c), tree.hi(obj)))
        if parts:
            return self._span(min(p[0] for p in parts), max(p[1] for p in parts)), "object"
        left = [c for c in kids if c < v and tree.dep[c] in ("ccomp", "csubj")]
        if left:
            return self._span(tree.lo(left[-1]), tree.hi(left[-1])), "before"
        h = tree.head[v]
        if tree.dep[v] == "parataxis" and h >= 0 and h != v and h < v:
            lo, hi = tree.lo(h), tree.hi(h)
            parts = [p for p in (self._trim(lo, tree.lo(v)), self._trim(tree.hi(v), hi)) if p[1] - p[0] > 0]
            return parts, "aside"
        return [], ""

    def _noun_content(self, v: int, tree: Tree) -> list[tuple[int, int]]:
        for c in tree.kids[v]:
            if c < v:
                continue
            if tree.dep[c] == "prep" and self.toks[c].low in CONTENT_PREPOSITIONS:
                obj = tree.child(c, frozenset({"pobj", "pcomp"}))
                if obj >= 0:
                    return self._span(tree.lo(obj), tree.hi(obj))
            if tree.dep[c] in ("acl", "ccomp") and tree.child(c, frozenset({"mark"})) >= 0:
                return self._span(tree.lo(c), tree.hi(c))
        return []

    def _span(self, lo: int, hi: int) -> list[tuple[int, int]]:
        lo, hi = self._trim(lo, hi)
        return [(lo, hi)] if hi > lo else []

    def _verb_subject(self, v: int, tree: Tree, depth: int) -> tuple[int, int]:
        """Token heading the speaker of cue verb ``v`` (-1 when the parse names none), and the relative pronoun
        that stands for it in the cue's own clause ("Sanders, who said"; -1 if none)."""
        subjects = [c for c in tree.kids[v] if tree.dep[c] in ("nsubj", "csubj")]
        # the subject nearest the verb: the parser may hang a fronted place on it too ("In Berea, OH, ... Gov.
        # John Kasich said")
        s = max((c for c in subjects if c < v), default=min(subjects, default=-1))
        if s >= 0:
            if self.toks[s].low in _RELATIVE and tree.dep[v] == "relcl":
                return tree.head[v], s
            return s, -1
        agent = tree.child(v, frozenset({"agent"}))
        if agent >= 0:
            return tree.child(agent, frozenset({"pobj"})), -1
        passive = tree.child(v, frozenset({"nsubjpass"}))
        if passive >= 0:
            # "was asked": the asker is not named; but a verb governed by a passive takes its subject
            # ("conservatives are left wondering whether")
            return (passive, -1) if depth else (-1, -1)
        d, h = tree.dep[v], tree.head[v]
        if h < 0 or h == v or depth >= 3:
            return -1, -1
        if d in ("relcl", "acl"):
            if depth and tree.dep[h] in ("dobj", "pobj"):
                return -1, -1
            return h, -1  # "officials saying", "graphics showing that"
        if d in SHARES_SUBJECT or d == "acomp" or (depth and d in ("dobj", "attr")):
            # "refused to answer", "..., adding that"; "took the unusual step of criticizing"; the copula's
            # subject for a predicate adjective ("is not sure she can", "were more likely to say")
            return self._verb_subject(h, tree, depth + 1)
        if d == "prep" and not depth and self._verbal(h, tree):
            return self._verb_subject(h, tree, depth + 1)  # "distanced himself from it by saying"
        if d in ("pcomp", "pobj") and tree.head[h] >= 0:
            return self._verb_subject(tree.head[h], tree, depth + 1)  # "by refusing to answer"
        return -1, -1

    def _noun_subject(self, v: int, tree: Tree) -> tuple[int, int]:
        """Whose criticism: the possessor ("his criticism of"), else the subject of the verb it is the object of."""
        poss = tree.child(v, frozenset({"poss"}))
        if poss >= 0:
            return poss, -1
        k = v
        for _ in range(3):
            d, h = tree.dep[k], tree.head[k]
            if h < 0 or h == k:
                break
            if d == "dobj":
                return self._verb_subject(h, tree, 1)
            if d != "pobj" or tree.dep[h] != "prep" or tree.head[h] < 0 or tree.head[h] == h:
                break
            # the word the prepositional phrase hangs on: "says in a statement that", "has come out in support
            # of", "made a call for" (through the noun to its verb)
            k = tree.head[h]
            if self._verbal(k, tree):
                return self._verb_subject(k, tree, 1)
        return -1, -1

    def _mention_at(self, s: int, tree: Tree) -> Mention | None:
        """The speaker mention headed by token ``s``: a pronoun, a name, a role phrase ("the head of the service")."""
        toks = self.toks
        if s < 0 or self.q_of[s] >= 0:
            return None
        if toks[s].low in self.pronouns:
            return Mention(s, s + 1, "pronoun")
        if toks[s].ent not in PERSON_LABELS:
            for c in tree.kids[s]:
                if tree.dep[c] == "appos" and toks[c].ent in PERSON_LABELS:
                    # "Halden's chief negotiator, Tomas Reyl, rejected": the appositive names the speaker
                    lo, hi = c, c + 1
                    while lo > 0 and toks[lo - 1].ent_i == toks[c].ent_i:
                        lo -= 1
                    while hi < len(toks) and toks[hi].ent_i == toks[c].ent_i:
                        hi += 1
                    return Mention(lo, hi, "name")
        e = s
        while toks[s].ent_i >= 0 and e + 1 < len(toks) and toks[e + 1].ent_i == toks[s].ent_i:
            if toks[e + 1].text == "(":
                break  # "Ilse Marovic (Unity)": the recogniser took the party label in
            e += 1
        of = [c for c in tree.kids[s] if c == e + 1 and toks[c].low == "of"]
        if of:
            e = tree.hi(of[0]) - 1
        lo = tree.lo(s)
        m = self._np_ending(e, lo)
        return m if m is not None else Mention(lo, e + 1, "np")

    def _speaker_labels(self, claimed: set[int]) -> list[_Attr]:
        """Transcript and headline lines led by a speaker label: "TAPPER: ...", "Sanders: Clinton must ..."."""
        toks = self.toks
        out: list[_Attr] = []
        for u_lo, _u_hi in self.units:
            if u_lo and toks[u_lo - 1].para == toks[u_lo].para:
                continue  # not at a paragraph start
            k = u_lo
            while k < len(toks) and k - u_lo < 6 and toks[k].text != ":" and self.q_of[k] < 0:
                k += 1
            if k == u_lo or k >= len(toks) - 1 or toks[k].text != ":" or toks[k + 1].para != toks[k].para:
                continue
            label = range(u_lo, k)
            words = [toks[m] for m in label if toks[m].text[:1].isalnum()]
            if not words or not all(t.cap or t.text in (".", "-", "(", ")") for t in words):
                continue
            person = self.people.person_at(u_lo, k)
            short_caps = len(words) <= 2 and all(t.text.isupper() and len(t.text) >= 3 for t in words)
            caps = short_caps or [t.text for t in words] in (["Q"], ["A"])
            if person is None and not caps and not any(t.ent in PERSON_LABELS for t in words):
                continue
            end = k + 1
            while end < len(toks) and toks[end].para == toks[k].para:
                end += 1
            lo, hi = self._trim(k + 1, end)
            if hi - lo < 2:
                continue
            kind = "indirect"
            inside = [q for q in range(len(self.q_toks)) if lo <= self.q_toks[q][0] and self.q_toks[q][1] <= hi]
            if inside:
                claimed.update(inside)
                kind = "direct" if self.q_toks[inside[0]] == (lo, hi) else "partial"
            cue = _Cue(k, k + 1, ":", CueClass("speech"))
            out.append(_Attr(cue, Mention(u_lo, k, "name" if person or not caps else "np"), [(lo, hi)], kind))
        return out

    def _np_after_prep(self, cue: _Cue, hi: int) -> Mention | None:
        k = cue.j
        e = k
        while e < hi and e - k < 12 and self.toks[e].text not in (",", ".", ";") and self.q_of[e] < 0:
            e += 1
        if e == k:
            return None
        kinds = {self.toks[m].ent for m in range(k, e)}
        if kinds & PERSON_LABELS or self.people.person_at(k, e) is not None:
            return Mention(k, e, "name")
        if any(_is_role(self.toks[m].low) for m in range(k, e)):
            return Mention(k, e, "role")
        return Mention(k, e, "group" if kinds & GROUP_LABELS else "np")

    def _comma_before(self, i: int, lo: int) -> bool:
        j = i - 1
        return j >= lo and (self.toks[j].text in (",", "—", "–") or self.q_of[j] >= 0)

    def _ends_unit(self, q_end: int, hi: int) -> bool:
        rest = [t for t in self.toks[q_end:hi] if t.text not in _END_PUNCT and t.text not in (",", ")")]
        return len(rest) <= 6

    def _continuation_after(self, attr_hi: int, hi: int) -> int:
        """A second part of a split quote: right after the attribution, or opening the next unit (past what ends
        the attribution: “…,” Guan told reporters. “…”)."""
        toks = self.toks
        k = attr_hi
        while (
            k < hi and (toks[k].text in (",", ".", ":", "—", "–") or toks[k].low in ("on", "in")) and self.q_of[k] < 0
        ):
            k += 1
        if k < hi and self.q_of[k] >= 0 and self.q_toks[self.q_of[k]][0] == k:
            return self.q_of[k]
        if k < hi and hi - k <= _ATTRIBUTION_TAIL and not any(self.q_of[m] >= 0 for m in range(k, hi)):
            k = hi
        if k == hi and hi < len(toks) and toks[hi].para == toks[hi - 1].para:
            q = self.q_of[hi]
            nu = self.units[self.unit_of[hi]]
            if q >= 0 and self.q_toks[q][0] == hi and self.q_toks[q][1] >= nu[1] - 1 and toks[hi - 1].text == ".":
                return q
        return -1

    def _clause_subject(self, cue: _Cue, lo: int) -> Mention | None:
        """The subject of "..., adding that": the speaker of an earlier cue of the sentence, else the name or
        pronoun the sentence opens with."""
        for k in range(cue.i - 1, lo - 1, -1):
            cls = self.cues.get(self.toks[k].low)
            if cls is not None and self.q_of[k] < 0 and self._cue_ok(k, cls):
                m = self._subject_before(_Cue(k, k + 1, self.toks[k].text, cls), lo)
                if m is not None:
                    return m
        for k in range(lo, min(lo + 14, cue.i)):
            t = self.toks[k]
            if self.q_of[k] >= 0:
                continue
            if t.low in self.pronouns:
                return Mention(k, k + 1, "pronoun")
            dateline = t.text.isupper() or (k + 1 < cue.i and self.toks[k + 1].text in ("(", "—", "–"))
            if (t.ent in PERSON_LABELS or t.ent in ("ORG", "GPE", "NORP")) and not dateline:
                e = k
                while e + 1 < cue.i and self.toks[e + 1].ent_i == t.ent_i:
                    e += 1
                return self._np_ending(e, lo)
        return None

    def _leftover_quotes(self, attrs: list[_Attr], claimed: set[int], cues: list[_Cue]) -> list[_Attr]:
        """Quotations no cue claimed: continuations of the previous speaker, or after a colon."""
        out: list[_Attr] = []
        done = sorted(attrs, key=lambda a: a.content[0][0])
        for qi, (a, b) in enumerate(self.q_toks):
            if qi in claimed or any(x <= a < y for att in attrs for x, y in att.content):
                continue
            words = sum(1 for t in self.toks[a:b] if t.text[:1].isalnum())
            if words < _MIN_QUOTE_WORDS:
                continue
            prev = [att for att in done if att.content[-1][1] <= a]
            lo_unit = self.units[self.unit_of[a]][0]
            rule = None
            source: _Attr | None = None
            if a > 0 and self.toks[a - 1].text == ":":
                colon = self._colon_attribution(a - 1, cues, (a, b))
                if colon is not None:
                    claimed.add(qi)
                    out.append(colon)
                    done = sorted([*done, colon], key=lambda x: x.content[0][0])
                    continue
            if prev and prev[-1].kind == "direct":
                p = prev[-1]
                gap_paras = self.toks[a].para - self.toks[p.content[-1][1] - 1].para
                opens = a == lo_unit or a == self._para_start(a)
                if (
                    gap_paras <= 1
                    and opens
                    and self._no_person_between(self.units[self.unit_of[p.content[-1][1] - 1]][1], a)
                ):
                    rule, source = "continuation", p
                    if gap_paras == 0 and p.cue.text:
                        # “A,” said X, director of Y. “B.” - one statement in two parts, as a split quote
                        claimed.add(qi)
                        p.content.append((a, b))
                        continue
            if rule is None and a > 0 and self.toks[a - 1].text == ":":
                rule = "colon-unresolved"  # "... summed up the mood:" with no cue or name we can read
            if rule is None:
                continue
            claimed.add(qi)
            cue = _Cue(a, a, "", CueClass("speech"))
            att = _Attr(cue, None, [(a, b)], "direct", source=source)
            att.speaker = Resolution(None, rule)
            out.append(att)
            done = sorted([*done, att], key=lambda x: x.content[0][0])
        return out

    def _colon_attribution(self, colon: int, cues: list[_Cue], quote: tuple[int, int]) -> _Attr | None:
        """ "Wassylenko told the assembly:" followed by a quotation (in the same or the next paragraph)."""
        lo, _hi = self.units[self.unit_of[colon]]
        for cue in reversed(cues):
            if not lo <= cue.i < colon:
                continue
            mention = self._subject_before(cue, lo) or self._subject_after(cue, colon)
            if mention is not None:
                return _Attr(cue, mention, [quote], "direct")
        # no cue: "… surprise pollster Daron Shaw: “…”", "Frank Newport: “…”": the last name before the colon
        for k in range(colon - 1, lo - 1, -1):
            t = self.toks[k]
            if self.q_of[k] < 0 and (t.ent in PERSON_LABELS or (t.cap and self.people.person_at(k, k + 1))):
                m = self._np_ending(k, lo)
                if m is not None and self._subject_slot(k):
                    return _Attr(_Cue(colon, colon + 1, ":", CueClass("speech")), m, [quote], "direct")
        return None

    def _para_start(self, i: int) -> int:
        p = self.toks[i].para
        while i > 0 and self.toks[i - 1].para == p:
            i -= 1
        return i

    def _no_person_between(self, a: int, b: int) -> bool:
        return not any(self.toks[k].ent in PERSON_LABELS and self.q_of[k] < 0 for k in range(a, b))

    def _finish(
        self,
        cue: _Cue,
        mention: Mention | None,
        content: list[tuple[int, int]],
        kind: str,
        medium: tuple[int, int] | None,
    ) -> _Attr:
        att = _Attr(cue, mention, content, kind, medium)
        j = self._skip_left(cue.i - 1, 0)
        if mention is not None and j >= mention.hi and self.toks[j].low in _RELATIVE:
            att.written = (j, j + 1)  # "Obama, who called the nominee unfit": the speaker as written is "who"
        return att

    # -- resolution -------------------------------------------------------------------------------

    def _resolve(self, attr: _Attr) -> Resolution:
        if attr.speaker is not None:
            return attr.speaker
        m = attr.mention
        if m is None:
            return Resolution(None, "none")
        toks = self.toks
        if m.kind == "pronoun":
            role = self.pronouns[toks[m.lo].low]
            if role == "self":
                return Resolution(None, "first-person")
            if role == "group":
                return Resolution(self._recent_group(m.lo), "pronoun-group")
            gender = "f" if toks[m.lo].low in ("she", "elle", "-elle", "-t-elle", "ella") else "m"
            if toks[m.lo].low == "sie":
                gender = "f"
            person = self._recent_subject(m.lo, gender)
            if person is not None and person.gender is None:
                person.gender = gender
            return Resolution(person, "pronoun" if person else "pronoun-unresolved")
        if m.kind == "name":
            person = self.people.person_at(m.lo, m.hi)
            if person is not None:
                return Resolution(person, "name")
            group = self.people.group_at(m.lo, m.hi)
            return Resolution(group, "organisation" if group else "name-unindexed")
        if m.kind == "group":
            sub = [k for k in range(m.lo, m.hi) if toks[k].ent in GROUP_LABELS]
            group = self.people.group_at(sub[0], sub[-1] + 1) if sub else None
            return Resolution(group, "organisation" if group else "group")
        if m.kind == "role":
            words = [
                fold(toks[k].text)
                for k in range(m.lo, m.hi)
                if toks[k].text[:1].isalpha()
                and toks[k].low not in self.dets
                and toks[k].low not in ("of", "de", "the")
            ]
            heads = [fold(toks[k].text) for k in range(m.lo, m.hi) if _is_role(toks[k].low)]
            head = heads[0] if heads else (words[-1] if words else "")
            person = self._appositive_of(m) or self.people.by_role(words, head, m.lo)
            if person is not None:
                return Resolution(person, "role")
            person = self._main_speaker(m.lo)
            return Resolution(person, "main-speaker" if person else "role-unresolved")
        if m.hi - m.lo == 1:
            return self._resolve_pointer(attr, m)
        return Resolution(None, "np")

    def _appositive_of(self, m: Mention) -> Person | None:
        """The person a role phrase stands in apposition to ("Pavel Marchuk, a video blogger who ...")."""
        lo = self.units[self.unit_of[m.lo]][0]
        if m.lo - 2 < lo or self.toks[m.lo - 1].text != ",":
            return None
        named = self._np_ending(m.lo - 2, lo)
        return self.people.person_at(named.lo, named.hi) if named is not None and named.kind == "name" else None

    def _resolve_pointer(self, attr: _Attr, m: Mention) -> Resolution:
        """A speaker written as a possessive ("his criticism of") or a relative pronoun ("an ally that sees"):
        the possessive resolves as its personal pronoun does; the relative pronoun stands for the noun phrase
        right before it, which becomes the mention resolved as any other (the pronoun stays the speaker as written)."""
        word = self.toks[m.lo].low
        gender = POSSESSIVES.get(self.lang, {}).get(word)
        if gender == "group":
            group = self._recent_group(m.lo)
            return Resolution(group, "pronoun-group" if group else "pronoun-unresolved")
        if gender is not None:
            person = self._recent_subject(m.lo, gender)
            if person is not None and person.gender is None:
                person.gender = gender
            return Resolution(person, "pronoun" if person else "pronoun-unresolved")
        if word in _RELATIVE and m.lo > 0:
            lo = self.units[self.unit_of[m.lo]][0]
            j = m.lo - 1 if self.toks[m.lo - 1].text != "," else m.lo - 2
            antecedent = self._np_ending(j, lo)
            if antecedent is not None and antecedent.kind != "pronoun":
                attr.written = attr.written or (m.lo, m.hi)
                attr.mention = antecedent
                return self._resolve(attr)
            return Resolution(None, "relative-unresolved")
        return Resolution(None, "np")

    def _subject_slot(self, k: int) -> bool:
        """Can the name ending at token ``k`` be a clause subject? Not a possessive ("Naryshkin's comments"),
        not after a preposition or inside a relative clause ("which Lukashenko refused to sign")."""
        toks = self.toks
        e = k
        while e + 1 < len(toks) and toks[e + 1].ent_i == toks[k].ent_i and toks[k].ent_i >= 0:
            e += 1
        if toks[e].low in ("’s", "'s", "’") or (e + 1 < len(toks) and toks[e + 1].low in ("’s", "'s", "’")):
            return False
        b = k
        while b - 1 >= 0 and toks[b - 1].ent_i == toks[k].ent_i and toks[k].ent_i >= 0:
            b -= 1
        return not (b > 0 and toks[b - 1].low in _NOT_BEFORE_SUBJECT)

    def _unit_subject(self, lo: int, hi: int) -> Person | None:
        """Who a sentence is about: the person it opens with, else the last person it quotes."""
        for k in range(lo, min(hi, lo + 8)):
            if self.q_of[k] >= 0:
                break
            if (
                self.toks[k].ent in PERSON_LABELS or (self.toks[k].cap and not self.toks[k].ent)
            ) and self._subject_slot(k):
                p = self.people.person_at(k, max(k + 1, self._entity_end(k)))  # "Svetlana Dorosh", not "Dorosh"
                if p is not None:
                    return p
        spoke = [p for k, p in self.subjects if lo <= k < hi]
        return spoke[-1] if spoke else None

    def _main_speaker(self, at: int) -> Person | None:
        """The person quoted most so far (then mentioned most, then latest): who an unmatched role phrase
        ("the Kremlin leader") most likely names, since news refers to its protagonist that way."""
        best: tuple[int, int, int, str] | None = None
        chosen: Person | None = None
        for person in self.people.people.values():
            spoke = sum(1 for k, p in self.subjects if p is person and k < at)
            named = [lo for lo, _ in person.mentions if lo < at]
            if not named:
                continue
            cand = (spoke, len(named), max(named), person.key)
            if best is None or cand > best:
                best, chosen = cand, person
        return chosen

    def _recent_subject(self, at: int, gender: str | None) -> Person | None:
        """The nearest earlier person subject: a person opening the same sentence, else a speaker of the last
        three sentences, else the person the nearest earlier sentence opens with."""
        unit = self.unit_of[at]
        unit_lo = self.units[unit][0]
        for k in range(unit_lo, min(at, unit_lo + 12)):  # "Lukashenko, who said he had asked"
            if self.toks[k].ent in PERSON_LABELS and self.q_of[k] < 0 and self._subject_slot(k):
                p = self.people.person_at(k, self._entity_end(k))  # the whole name: "Mitch McConnell", not "Mitch"
                if p is not None and _fits(p, gender):
                    return p
                break
        for u in range(unit - 1, max(-1, unit - 4), -1):
            u_lo, u_hi = self.units[u]
            opener = self._unit_subject(u_lo, u_hi)
            if opener is not None and _fits(opener, gender):
                return opener
        candidates: list[tuple[int, Person]] = list(self.subjects)
        for u_lo, u_hi in self.units[: unit + 1]:
            for k in range(u_lo, min(u_hi, u_lo + 8, at)):
                if self.toks[k].ent in PERSON_LABELS and self.q_of[k] < 0:
                    p = self.people.person_at(k, self._entity_end(k))
                    if p is not None:
                        candidates.append((k, p))
                    break
        best: tuple[int, Person] | None = None
        for k, p in candidates:
            if k >= at or not _fits(p, gender):
                continue
            if best is None or k > best[0]:
                best = (k, p)
        return best[1] if best else None

    def _entity_end(self, k: int) -> int:
        """One past the last token of the entity token ``k`` belongs to."""
        e = k + 1
        while e < len(self.toks) and self.toks[k].ent_i >= 0 and self.toks[e].ent_i == self.toks[k].ent_i:
            e += 1
        return e

    def _recent_group(self, at: int) -> Person | None:
        best: tuple[int, Person] | None = None
        for g in self.people.groups.values():
            for lo, _ in g.mentions:
                if lo < at and (best is None or lo > best[0]):
                    best = (lo, g)
        return best[1] if best else None

    # -- output -----------------------------------------------------------------------------------

    def _found(self, a: _Attr) -> Found:
        toks = self.toks
        parts = tuple((toks[lo].start, toks[hi - 1].end) for lo, hi in a.content)
        res = a.speaker or Resolution(None, "none")
        shown = a.written or ((a.mention.lo, a.mention.hi) if a.mention else None)
        mention = (toks[shown[0]].start, toks[shown[1] - 1].end) if shown else None
        person_span = self.people.best_offsets(res.person) if res.person else None
        name = self.people.name_text(res.person) if res.person else None
        inter = None
        if a.intermediary:
            lo, hi = a.intermediary
            inter = self.text[toks[lo].start : toks[hi - 1].end]
        return Found(
            parts=parts,
            kind=a.kind,
            cue=a.cue.text or None,
            cue_kind=a.cue.cls.kind if a.cue.text else None,
            speaker_text=self.text[mention[0] : mention[1]] if mention else None,
            mention=mention,
            person_span=person_span,
            person_name=name,
            resolution=res.rule,
            intermediary=inter,
            sentence=self._sentence_of(a),
            cue_frame=a.cue.frame,
            cue_precision=a.cue.precision,
            cue_features=a.cue.features,
        )

    def _sentence_of(self, a: _Attr) -> tuple[int, int]:
        """Character span of the sentence holding the attribution (its cue, else the quote's start)."""
        at = a.cue.i if a.cue.text else a.content[0][0]
        lo, hi = self.units[self.unit_of[min(at, len(self.toks) - 1)]]
        return self.toks[lo].start, self.toks[hi - 1].end


def find_quotes_in(
    text: str,
    doc: Any,
    language: str | None,
    has_ner: bool,
    nlp: Any = None,
    min_precision: float = MIN_CUE_PRECISION,
) -> list[Found]:
    """All quotes of one article (``doc`` is the spaCy parse of ``text``).

    With ``nlp`` (a spaCy pipeline that has a parser) the sentences holding a cue candidate are
    parsed and reported speech is read from the parse, keeping the readings whose learned precision
    reaches ``min_precision``; without it only the surface rules run.
    """
    return ArticleQuotes(text, doc, language, has_ner, nlp, min_precision).run()


def _fits(person: Person, gender: str | None) -> bool:
    """Can a personal pronoun of ``gender`` stand for ``person``? Not when the person's gender differs, nor when
    the article gives nothing but one bare word for them."""
    return not (gender and person.gender and person.gender != gender) and not person.weak


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(min(e1, e2) > max(s1, s2) for s1, e1 in a for s2, e2 in b)
