"""Parsed readings of a cue that are not reported speech, whatever the learned model thinks of the cue form.

The model (:func:`storyweave.quoting.lexicon.reading_probability`) weighs the cue word, its frame and
the kind of speaker; it does not see a few shapes of the parse that make a reading impossible as an
attribution. Each rule here names one such shape; :func:`parsed_doubt` returns the first that
applies (its name is the reason a reading is dropped):

- ``passive-before``: a passive cue with a subject of its own cannot report the clause before it
  ("the vote was held on Sunday; its results were not recognised by the bloc": the results are
  what was not recognised, the vote is no one's statement);
- ``with-partner``: "talks with X", "a call with reporters": *with* names the partner of a noun
  cue, not what was said;
- ``passive-agent`` (:func:`surface_doubt`, for the readings of the surface rules): a "content" that
  starts with the agent of a passive cue ("was condemned by the international community", "reported
  by the agency", "additional reporting by ...") names who acted, not what was said.

Each rule was checked on PolNeAR train (400 articles): none of the parsed readings it drops was
a gold attribution (passive-before 2, with-partner 8), and 4 of the 28 passive-agent readings
were. Shapes that look as wrong but that PolNeAR's annotators did count were left alone
(docs/quotes.md, "What is not reported speech").
"""

from __future__ import annotations

from storyweave.quoting.mentions import Tok
from storyweave.quoting.syntax import Tree

__all__ = ["parsed_doubt", "surface_doubt"]

#: Prepositions that introduce the agent of a passive, by language.
_AGENT = {"en": "by", "fr": "par", "es": "por"}


def parsed_doubt(
    toks: list[Tok],
    tree: Tree,
    v: int,
    frame: str,
    content: list[tuple[int, int]],
) -> str | None:
    """Why the parsed reading of cue ``v`` (``frame``, token spans ``content``) is not an attribution, or None."""
    if frame == "before" and tree.child(v, _PASSIVE_SUBJECT) >= 0:
        return "passive-before"
    if frame == "noun":
        lo = content[0][0]
        if any(tree.dep[c] == "prep" and toks[c].low == "with" and c == lo - 1 for c in tree.kids[v]):
            return "with-partner"
    return None


_PASSIVE_SUBJECT = frozenset({"nsubjpass"})


def surface_doubt(toks: list[Tok], lang: str, content: list[tuple[int, int]]) -> str | None:
    """Why a surface reading of reported speech (token spans ``content``) is not an attribution, or None."""
    if toks[content[0][0]].low == _AGENT.get(lang):
        return "passive-agent"
    return None
