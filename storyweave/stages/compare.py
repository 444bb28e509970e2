"""Compare stage: how each outlet told one event or storyline.

``compare_story(inputs)`` takes a story's articles with their entity mentions, quotes and dates
(:class:`~storyweave.coverage.model.StoryInputs`, plain data: ``storyweave.services.compare.story_inputs``
reads them from the store, :func:`analyse_articles` runs the per-article stages for loose articles) and
returns a :class:`CoverageReport`:

- **facts** (:mod:`storyweave.coverage.facts`): the content units the articles share, aligned across wording
  and languages, as an outlet x fact matrix (``report.matrix()``), who alone reported what
  (``report.solo()``), who left out what most others carried (``report.omissions()``), and figures that
  disagree inside one fact (``report.conflicts``);
- **quotes**: outlet x ledger entry, each outlet's wording;
- **names**: which spelling each outlet used for each canonical entity;
- **framing** (:mod:`storyweave.coverage.framing`): descriptors of the key actors per outlet, credited agencies,
  share of quoted and paraphrased text;
- **sources**: independent origins (a wire piece and its republications count once).

Deterministic: units are numbered in article order (publication, then id), ties break on indices, ids are hashes
of the story id and the member spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import numpy as np

from storyweave.backends.embeddings import EmbeddingBackend, get_embedder
from storyweave.coverage.claims import find_claims
from storyweave.coverage.facts import FactOptions, align_facts
from storyweave.coverage.framing import framing, key_actors
from storyweave.coverage.gather import analyse_articles
from storyweave.coverage.model import CoverageReport, StoryInputs
from storyweave.coverage.tables import quote_rows, sources, spelling_rows
from storyweave.coverage.units import Unit, split_units

__all__ = [
    "CompareOptions",
    "CompareStage",
    "CoverageReport",
    "analyse_articles",
    "compare_story",
    "fact_records",
    "story_units",
]


@dataclass(frozen=True)
class CompareOptions:
    facts: FactOptions = field(default_factory=FactOptions)
    #: key actors whose descriptors are collected
    actors: int = 8
    #: a clause needs this many words to be a content unit
    min_words: int = 4


@cache
def _stop_words() -> frozenset[str]:
    """Function words of the languages read here (spaCy's lists), left out of the word overlap.

    The list files are read on their own: importing ``spacy.lang.fr`` compiles its tokenizer exceptions, which
    costs seconds, for a set of words."""
    import importlib.util
    from pathlib import Path

    import spacy

    words: set[str] = set()
    for lang in ("en", "fr", "de", "es"):
        path = Path(spacy.__file__).parent / "lang" / lang / "stop_words.py"
        spec = importlib.util.spec_from_file_location(f"_storyweave_stop_{lang}", path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        words |= {w.casefold() for w in getattr(module, "STOP_WORDS", ())}
    return frozenset(words)


def story_units(inputs: StoryInputs, min_words: int = 4) -> list[Unit]:
    """The content units of every article, numbered in article order (publication date, then id)."""
    units: list[Unit] = []
    ents: dict[str, list[Any]] = {}
    for e in inputs.entities:
        ents.setdefault(e.article_id, []).append(e)
    dates: dict[str, list[Any]] = {}
    for d in inputs.dates:
        dates.setdefault(d.article_id, []).append(d)
    quotes: dict[str, list[Any]] = {}
    for q in inputs.quotes:
        quotes.setdefault(q.article_id, []).append(q)
    for a in sorted(inputs.articles, key=lambda a: (a.published or "~", a.id)):
        units.extend(
            split_units(
                a,
                start_index=len(units),
                entities=ents.get(a.id, ()),
                dates=dates.get(a.id, ()),
                quotes=quotes.get(a.id, ()),
                min_words=min_words,
            )
        )
    return _without_boilerplate(units)


def _without_boilerplate(units: list[Unit]) -> list[Unit]:
    """Drop clauses an outlet prints in several of its own articles that are no copies of one piece (share
    buttons, "published at" lines the extraction kept): they are the outlet's page, not its reporting."""
    seen: dict[tuple[str, str], set[str]] = {}
    for u in units:
        seen.setdefault((u.outlet, u.text), set()).add(u.origin)
    kept = [u for u in units if len(seen[(u.outlet, u.text)]) < 2]
    return [replace(u, index=k) for k, u in enumerate(kept)]


def encode_texts(texts: Sequence[str], encoder: EmbeddingBackend, given: Any = None) -> np.ndarray:
    """Unit vectors for ``texts``: the given ones first, the rest in one batch."""
    known = dict(given or {})
    missing = sorted({t for t in texts if t not in known})
    if missing:
        known.update(zip(missing, encoder.encode(missing), strict=True))
    if not texts:
        return np.zeros((0, getattr(encoder, "dim", 1)), dtype=np.float32)
    return np.stack([np.asarray(known[t], dtype=np.float32) for t in texts])


def compare_story(
    inputs: StoryInputs, options: CompareOptions | None = None, encoder: EmbeddingBackend | None = None
) -> CoverageReport:
    """The coverage comparison of one story (see the module docstring)."""
    opts = options or CompareOptions()
    fopts = opts.facts if opts.facts.stop_words else FactOptions(**{**opts.facts.__dict__, "stop_words": _stop_words()})
    enc = encoder or get_embedder(fopts.embedder)
    articles = tuple(sorted(inputs.articles, key=lambda a: (a.published or "~", a.id)))
    units = story_units(inputs, opts.min_words)
    vectors = encode_texts([u.text for u in units], enc, inputs.vectors)
    claims = find_claims(units, articles, inputs.entities, inputs.quotes, inputs.dates, fopts.stop_words, fopts.claims)
    facts, conflicts = align_facts(
        inputs.story_id, articles, units, vectors, lambda t: encode_texts(t, enc, inputs.vectors), fopts, claims
    )
    actors = key_actors(inputs.entities, articles, opts.actors)
    outlets = tuple(sorted({a.outlet_name for a in articles}))
    f = fopts
    method = (
        f"clauses embedded with {getattr(enc, 'name', f.embedder)}; pair score = cosine + {f.lexical_weight} x "
        f"word overlap + {f.entity_weight} x entity overlap + {f.figure_bonus} agreeing figure + {f.date_bonus} same "
        f"day; clauses reporting speech also scored on what they report, names left out ({f.speech_words}+ content "
        f"words; not when their figures disagree), the higher score counts; average linkage join {f.join} link "
        f"{f.link}; claims (reported speech about names not everywhere in the story): contents cosine + "
        f"{f.claims.match_weight} x aligned content words (up to {f.claims.matches}), arguments alike "
        f"(>= {f.claims.argument}), join {f.claims.join} link {f.claims.link}; anchors: context of {f.window} words, "
        "cosine "
        f"{f.anchor_link} (agreeing) / {f.conflict_link} (disagreeing figures)"
    )
    return CoverageReport(
        story_id=inputs.story_id,
        kind=inputs.kind,
        title=inputs.title,
        outlets=outlets,
        articles=articles,
        facts=tuple(facts),
        conflicts=tuple(conflicts),
        quotes=tuple(quote_rows(articles, inputs.quotes)),
        spellings=tuple(spelling_rows(articles, inputs.entities, inputs.entity_names)),
        framing=tuple(framing(articles, inputs.entities, inputs.quotes, actors)),
        sources=sources(articles),
        method=method,
        vectors={u.text: v for u, v in zip(units, vectors, strict=True)},
    )


def fact_records(report: CoverageReport, event_of: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The export rows of the ``facts`` key: ``id``, ``event_id``, ``text``, ``article_ids`` (+ evidence).

    ``event_of`` maps article ids to their event, so a storyline's fact names the event of its first article."""
    rows = []
    for f in report.facts:
        event = (event_of or {}).get(f.text_span.article_id) or report.story_id
        rows.append(f.to_export(event))
    return rows


class CompareStage:
    """``name="compare"``; reads a story's articles with entities, quotes, dates and wire groups; assigns
    ``coverage``."""

    name = "compare"
    requires = ("entities", "quotes", "dates", "wire_groups")
    assigns = ("coverage",)

    def __init__(self, options: CompareOptions | None = None, encoder: EmbeddingBackend | None = None) -> None:
        self.options = options or CompareOptions()
        self.encoder = encoder

    def __call__(self, inputs: StoryInputs) -> CoverageReport:
        return compare_story(inputs, self.options, self.encoder)

    def pipe(self, items: Iterable[StoryInputs]) -> Iterator[CoverageReport]:
        for item in items:
            yield self(item)
