"""Events and storylines of a synthetic store of N articles against the generator's own truth.

``bench.web_synth`` draws storylines of 1-8 events, each event reported by 1-40 outlets; the story
engine never sees those numbers. Here a store of N such articles is built in a temporary directory
(or an existing one is read with ``--db``) and its events and storylines are scored (BCubed and
pairwise, ``bench.metrics.cluster_scores``) against the generator's labels, with the size of the
largest storyline: at thousands of events a permissive storyline link chains unrelated ones together,
which the 45-article demo corpus is too small to show.

    .venv/bin/python -m bench.synth_stories [--articles 10000] [--db /tmp/web-10k.db]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.metrics import cluster_scores
from bench.web_synth import _records, build
from storyweave import open_store
from storyweave.storage.stories import assignments


def truth(n: int, seed: int = 11) -> dict[str, tuple[int, int]]:
    """Article id -> (storyline number, event number) as drawn by the generator."""
    return {rec[1].id: rec[4] for rec in _records(n, seed)}


def score(db: Path, n: int) -> dict[str, Any]:
    gold = truth(n)
    with open_store(db) as store:
        placed = assignments(store.conn)
    ev = cluster_scores({a: str(g[1]) for a, g in gold.items()}, {a: str(v[0]) for a, v in placed.items()})
    sl = cluster_scores({a: str(g[0]) for a, g in gold.items()}, {a: str(v[1]) for a, v in placed.items()})
    sl_sizes = Counter(str(v[1]) for v in placed.values())
    return {
        "bench": "synth_stories",
        "articles": len(gold),
        "placed": sum(1 for a in gold if a in placed),
        "events": ev,
        "storylines": sl,
        "gold_storylines": len({g[0] for g in gold.values()}),
        "largest_storyline_articles": max(sl_sizes.values(), default=0),
        "largest_gold_storyline_articles": max(Counter(g[0] for g in gold.values()).values(), default=0),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", type=Path, help="score this store (built by bench.web_synth with --articles N)")
    args = ap.parse_args(argv)
    if args.db is not None:
        print(json.dumps(score(args.db, args.articles)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "synth.db"
        t0 = time.perf_counter()
        built = build(db, args.articles)
        out = score(db, args.articles)
        out["build_s"] = round(time.perf_counter() - t0, 1)
        out["place_s"] = built["place_s"]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
