"""The dependency parse of the sentences that carry a cue, and what it says about an attribution.

The shared spaCy pass runs without the parser (it costs ~20 µs a token). Reported speech is where
a parse pays: who the subject of "said" is, and where the reported clause ends ("He called on the
United States to attack the oil that funds the group and proposed a safe zone"). So the quote
finder parses only the sentences holding a cue candidate: their tokens are copied into one small
Doc, with the tok2vec rows of the shared Doc as its tensor (the parser listens to tok2vec, so the
shared work is not redone) and one forced sentence start per unit, and the parser runs on that.

The labels are spaCy's English (ClearNLP) dependency labels; :data:`PARSED_LANGUAGES` lists the
languages the rules here are written for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyweave.quoting.mentions import Tok

#: Languages whose parser labels the rules below read.
PARSED_LANGUAGES = frozenset({"en"})

#: Children that carry what a cue verb reports: clausal complements first, then objects.
CLAUSAL = frozenset({"ccomp", "xcomp", "csubj"})
OBJECTS = frozenset({"dobj", "attr", "oprd", "acomp", "dative", "pcomp"})
#: Prepositions whose object is the content of a cue ("called for", "talked about", "accused of", "railed
#: against", "described as", "referring to"); other prepositional phrases are circumstances ("in a statement").
CONTENT_PREPOSITIONS = frozenset(
    {"for", "about", "on", "upon", "of", "against", "over", "as", "to", "with", "into", "toward", "towards"}
    | {"regarding", "concerning"}
)
SUBJECTS = frozenset({"nsubj", "csubj"})
#: Relations through which a verb without its own subject shares another's ("called ... and proposed",
#: "refused to answer", "..., adding that").
SHARES_SUBJECT = frozenset({"conj", "xcomp", "advcl"})
NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "npadvmod", "ROOT", "oprd"})


class Tree:
    """Heads and labels of the parsed tokens (indices into the finder's token list; -1 where not parsed)."""

    def __init__(self, n: int) -> None:
        self.head: list[int] = [-1] * n
        self.dep: list[str] = [""] * n
        self.kids: list[list[int]] = [[] for _ in range(n)]
        self._lo: dict[int, int] = {}
        self._hi: dict[int, int] = {}

    def parsed(self, k: int) -> bool:
        return bool(self.dep[k])

    def finish(self) -> None:
        for k, h in enumerate(self.head):
            if h >= 0 and h != k:
                self.kids[h].append(k)

    def lo(self, k: int) -> int:
        """Leftmost token of ``k``'s subtree."""
        if k not in self._lo:
            self._lo[k] = min([k, *(self.lo(c) for c in self.kids[k])])
        return self._lo[k]

    def hi(self, k: int) -> int:
        """One past the rightmost token of ``k``'s subtree."""
        if k not in self._hi:
            self._hi[k] = max([k + 1, *(self.hi(c) for c in self.kids[k])])
        return self._hi[k]

    def child(self, k: int, deps: frozenset[str] | set[str]) -> int:
        for c in self.kids[k]:
            if self.dep[c] in deps:
                return c
        return -1


def parse_units(nlp: Any, doc: Any, toks: Sequence[Tok], units: Sequence[tuple[int, int]]) -> Tree:
    """Parse the token ranges ``units`` (of ``toks``, the finder's tokens of ``doc``) and return their tree.

    A Doc that already carries a dependency parse (from a pipeline with the parser on) is read as is.
    Otherwise the units' tokens go through ``nlp``'s parser as one Doc, one sentence per unit.
    """
    from spacy.attrs import DEP, HEAD, ORTH, SPACY
    from spacy.tokens import Doc

    tree = Tree(len(toks))
    if not units:
        return tree
    tok_of = [-1] * len(doc)
    for k, t in enumerate(toks):
        tok_of[t.i] = k
    index: list[int] = []
    if doc.has_annotation("DEP"):
        source, index = doc, [i for lo, hi in units for i in range(toks[lo].i, toks[hi - 1].i + 1)]
        rel = doc.to_array(HEAD).astype("int64").tolist()
        labels = doc.to_array(DEP).tolist()
        heads = [i + rel[i] for i in index]
        deps = [labels[i] for i in index]
    else:
        starts: list[bool | int | None] = []
        for lo, hi in units:
            span = range(toks[lo].i, toks[hi - 1].i + 1)
            starts.extend(k == span.start for k in span)
            index.extend(span)
        arr = doc.to_array([ORTH, SPACY])
        strings = doc.vocab.strings
        sub = Doc(
            doc.vocab,
            words=[strings[int(arr[i, 0])] for i in index],
            spaces=[bool(arr[i, 1]) for i in index],
            sent_starts=starts,
        )
        if doc.tensor.size:
            sub.tensor = doc.tensor[index]
        else:  # a Doc that lost its tensor (deserialised without it): recompute the token vectors
            nlp.get_pipe("tok2vec")(sub)
        nlp.get_pipe("parser")(sub)
        source = sub
        rel = sub.to_array(HEAD).astype("int64").tolist()
        labels = sub.to_array(DEP).tolist()
        heads = [index[k + rel[k]] for k in range(len(index))]
        deps = labels
    names = source.vocab.strings
    head_of = dict(zip(index, heads, strict=True))
    for i, h, d in zip(index, heads, deps, strict=True):
        k = tok_of[i]
        if k < 0:
            continue
        while tok_of[h] < 0 and head_of.get(h, h) != h:  # a whitespace token in between: climb past it
            h = head_of[h]
        tree.head[k] = tok_of[h] if tok_of[h] >= 0 else k
        tree.dep[k] = names[d] if d else "dep"
    tree.finish()
    return tree
