"""A synthetic store of N articles with real events and storylines, for the web load bench.

Running the whole pipeline over 100,000 articles would take hours of spaCy on two cores, and what the
web bench measures is reading, so extraction and parsing are skipped: articles are written straight
into the store with story features made from a generative model of news, and then **the real story
engine** (``SQLiteStore.place_stories``) places them into wire groups, events and storylines.

The model: storylines hold events; an event has a day, a topic vector, a few named entities and its
own words; its articles (1 to ~40, a heavy tail) are reports from several of 40 outlets over 0-2 days,
with vectors near the event's topic, most of its names and words, and general words drawn from a
Zipf vocabulary of pseudo-words (so full-text search sees a realistic spread of rare and common
terms). Some events start with an agency text that other outlets run as lightly edited wire copies.
Everything is drawn from one seeded generator: the same N gives the same store.

    .venv/bin/python -m bench.web_synth --articles 100000 --db /tmp/web-100k.db
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from storyweave.ids import document_id
from storyweave.models import Article, Document, Field
from storyweave.stages.analyze import Analysis
from storyweave.stages.dedupe import signature
from storyweave.stages.similarity import story_features
from storyweave.storage import open_store

DIM = 512
OUTLETS = [
    f"{a} {b}"
    for a in ("Northern", "Coastal", "Capital", "Evening", "Daily")
    for b in ("Herald", "Courier", "Post", "Ledger", "Tribune", "Gazette", "Observer", "Record")
]
AGENCIES = ["Continental Press", "Nordwire"]
_SYL = [
    "ka",
    "ro",
    "ven",
    "dal",
    "mi",
    "tor",
    "esh",
    "an",
    "bel",
    "gri",
    "sol",
    "ur",
    "pen",
    "lia",
    "mar",
    "ost",
    "val",
    "en",
    "dri",
    "hok",
    "sa",
    "lun",
    "ber",
    "tis",
    "gor",
    "ame",
    "ril",
    "do",
    "fen",
    "ask",
]


def _word(rng: np.random.Generator, syllables: int) -> str:
    return "".join(_SYL[i] for i in rng.integers(0, len(_SYL), syllables))


class World:
    """The shared vocabulary and name pools (Zipf-distributed), drawn once from the seed."""

    def __init__(self, rng: np.random.Generator, vocab: int = 30_000) -> None:
        words = {_word(rng, int(rng.integers(2, 5))) for _ in range(vocab * 2)}
        self.words = np.array(sorted(words)[:vocab])
        rng.shuffle(self.words)
        ranks = np.arange(1, len(self.words) + 1)
        weights = 1 / ranks
        self.cdf = np.minimum(np.cumsum(weights / weights.sum()), 1.0)
        self.cdf[-1] = 1.0
        self.people = [f"p:{_word(rng, 2)} {_word(rng, 3)}" for _ in range(20_000)]
        self.places = [f"n:{_word(rng, 3)}" for _ in range(5_000)]
        self.orgs = [f"o:{_word(rng, 2)} {_word(rng, 2)}" for _ in range(5_000)]

    def general(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.words[np.searchsorted(self.cdf, rng.random(n))]


def _unit(v: np.ndarray) -> np.ndarray:
    return v / (np.linalg.norm(v) or 1.0)


def _text(rng: np.random.Generator, world: World, own: list[str], names: list[str], n_words: int) -> str:
    """Paragraphs of sentences mixing the event's own words (12%), its names (5%) and general words."""
    spoken = np.array([k.split(":", 1)[1].title() for k in names])
    pick = rng.random(n_words)
    words = np.where(
        pick < 0.12,
        np.array(own)[rng.integers(0, len(own), n_words)],
        np.where(pick < 0.17, spoken[rng.integers(0, len(spoken), n_words)], world.general(rng, n_words)),
    )
    sentences = []
    at = 0
    while at < n_words:
        n = int(np.clip(rng.geometric(0.07), 6, 28))
        part = [str(w) for w in words[at : at + n]]
        if rng.random() < 0.15:
            part.append(str(int(rng.integers(12, 9000))))
        sentences.append(" ".join(part).capitalize() + ".")
        at += n
    return "\n\n".join(" ".join(sentences[k : k + 3]) for k in range(0, len(sentences), 3))


#: A document, its article, the names it carries, its vector, and its true (storyline, event) numbers.
Record = tuple[Document, Article, list[str], np.ndarray, tuple[int, int]]


def _records(n: int, seed: int, *, start: date = date(2024, 1, 1), stream: int | None = None) -> Iterator[Record]:
    """``n`` records from the world of ``seed``; ``stream`` draws other events of the same world (same names and
    vocabulary), for adding news to a store that was built from ``seed``."""
    rng = np.random.default_rng(seed)
    world = World(rng)
    if stream is not None:
        rng = np.random.default_rng([seed, stream])
    made = 0
    line_no = event_no = -1
    while made < n:
        line_no += 1
        line_vec = _unit(rng.standard_normal(DIM))
        line_people = list(rng.choice(world.people, size=3, replace=False))
        line_place = str(rng.choice(world.places))
        day0 = int(rng.integers(0, 700))
        for _ in range(int(rng.integers(1, 9))):  # events of this storyline
            event_no += 1
            day0 += int(rng.integers(2, 30))
            ev_vec = _unit(0.55 * line_vec + _unit(rng.standard_normal(DIM)))
            names = [*line_people[: int(rng.integers(1, 4))], line_place, str(rng.choice(world.orgs))]
            names += list(rng.choice(world.people, size=int(rng.integers(0, 3)), replace=False))
            own = [_word(rng, 3) for _ in range(12)]
            size = min(40, int(rng.geometric(0.18)))
            wire_text: str | None = None
            if rng.random() < 0.3:
                wire_text = _text(rng, world, own, names, int(rng.integers(250, 450)))
            for k in range(size):
                if made >= n:
                    return
                outlet = OUTLETS[int(rng.integers(0, len(OUTLETS)))]
                day = start + timedelta(days=day0 + int(rng.integers(0, 3)))
                agencies: list[str] = []
                if wire_text is not None and k < 3:
                    paras = wire_text.split("\n\n")
                    text = "\n\n".join(paras[: max(2, len(paras) - int(rng.integers(0, 2)))])
                    agencies = [AGENCIES[0]]
                else:
                    text = _text(rng, world, own, names, int(rng.integers(200, 450)))
                title = " ".join([own[int(rng.integers(0, 12))], *map(str, world.general(rng, 6))]).capitalize()
                rec = {"title": title, "outlet": outlet, "published": day.isoformat(), "n": made, "text": text}
                raw = json.dumps(rec, sort_keys=True).encode("utf-8")
                aid = document_id(raw)
                meta = {
                    "title": Field(title, "input"),
                    "outlet": Field(outlet, "input"),
                    "published": Field(day.isoformat(), "input"),
                    "language": Field("en", "input"),
                    "url": Field(f"https://{outlet.lower().replace(' ', '')}.example.com/{aid}", "input"),
                    "agencies": Field(agencies, "text-dateline" if agencies else "none"),
                }
                doc = Document(aid, "synthetic", f"syn-{made}", "jsonl", "clean-text", text, raw, f"line {made}")
                art = Article(aid, aid, f"syn-{made}", "synthetic", "jsonl", text, meta, f"line {made}")
                keep = [k for k in names if rng.random() < 0.8] or names[:1]
                vec = _unit(ev_vec + 0.75 * _unit(rng.standard_normal(DIM))).astype(np.float32)
                made += 1
                yield doc, art, keep, vec, (line_no, event_no)


def build(
    db: Path, n: int, *, seed: int = 11, batch: int = 2000, start: date = date(2024, 1, 1), stream: int | None = None
) -> dict[str, float]:
    """Write ``n`` synthetic articles with features into ``db`` (new or not) and place them with the story engine."""
    t1 = time.perf_counter()
    written = 0
    with open_store(db) as store:
        records = _records(n, seed, start=start, stream=stream)
        while True:
            chunk = list(itertools.islice(records, batch))
            if not chunk:
                break
            items, analyses = [], {}
            for doc, art, keys, vec, _ in chunk:
                f = story_features(art, vec, None, signature(art.text))
                analyses[art.id] = Analysis(art.id, dataclasses.replace(f, keys=tuple(sorted(keys))), None, "synthetic")
                items.append((doc, art))
            written += store.add(items, analyses=analyses)
        t_add = time.perf_counter() - t1
        t2 = time.perf_counter()
        report = store.place_stories()
        t_place = time.perf_counter() - t2
        counts = store.count_stories()
    return {
        "articles": written,
        "events": counts["events"],
        "storylines": counts["storylines"],
        "wire_groups": counts["wire_groups"],
        "placed": report.assigned,
        "replayed": report.replayed,
        "generate_and_store_s": round(t_add, 1),
        "place_s": round(t_place, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path, required=True)
    args = ap.parse_args(argv)
    if args.db.exists():
        print(f"{args.db} exists; remove it to rebuild", file=sys.stderr)
        return 1
    print(json.dumps({"bench": "web_synth", **build(args.db, args.articles)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
