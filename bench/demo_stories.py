"""Wire groups, events and storylines on the bundled demo corpus against its gold (storyweave/demo/gold.json).

Ingests the corpus into a temporary store (the real pipeline, clustering included) and prints one
JSON line: BCubed and pairwise F1 of events and storylines, wire-group pair accuracy, and whether
ingesting the corpus in two halves (second half first) gives the same events as one ingest.
``--show`` prints each event with its gold labels on stderr.

    .venv/bin/python -m bench.demo_stories [--show] [--no-halves]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.metrics import cluster_scores
from storyweave import IngestOptions, ingest, open_store
from storyweave.demo import CORPUS_DIR, GOLD_PATH
from storyweave.storage.stories import assignments


def _placements(paths_in_order: list[list[str]], db: Path) -> dict[str, tuple[str, str | None, str | None]]:
    with open_store(db) as store:
        for paths in paths_in_order:
            ingest(paths, store, IngestOptions(workers=2, show_progress=False))
        placed = assignments(store.conn)
        ext = {a.id: a.external_id for a in store.iter_articles()}
    return {ext[a]: v for a, v in placed.items()}


def _wire_pairs(labels: dict[str, str | None]) -> set[frozenset[str]]:
    groups: dict[str, list[str]] = {}
    for a, g in labels.items():
        if g:
            groups.setdefault(g, []).append(a)
    return {frozenset(p) for m in groups.values() for p in itertools.combinations(sorted(m), 2)}


def evaluate(show: bool = False, halves: bool = True) -> dict[str, Any]:
    gold = json.loads(GOLD_PATH.read_text(encoding="utf-8"))["articles"]
    with tempfile.TemporaryDirectory() as tmp:
        got = _placements([[str(CORPUS_DIR)]], Path(tmp) / "all.db")
        same_halves = None
        if halves:
            files = sorted(str(p) for p in CORPUS_DIR.rglob("*") if p.is_file())
            first, second = files[len(files) // 2 :], files[: len(files) // 2]
            split = _placements([first, second], Path(tmp) / "halves.db")
            same_halves = {k: v[:2] for k, v in split.items()} == {k: v[:2] for k, v in got.items()}
    ev_gold = {k: str(g["event"] or f"none-{k}") for k, g in gold.items()}
    sl_gold = {k: str(g["storyline"] or f"none-{k}") for k, g in gold.items()}
    ev = cluster_scores(ev_gold, {k: v[0] for k, v in got.items()})
    sl = cluster_scores(sl_gold, {k: str(v[1]) for k, v in got.items()})
    wire_gold = _wire_pairs({k: g.get("wire_group") for k, g in gold.items()})
    wire_got = _wire_pairs({k: v[2] for k, v in got.items()})
    tp = len(wire_gold & wire_got)
    if show:
        by_event: dict[str, list[str]] = {}
        for k, v in got.items():
            by_event.setdefault(v[0], []).append(k)
        for e, members in sorted(by_event.items(), key=lambda kv: sorted(kv[1])):
            labels = [f"{gold[m]['event']}/{gold[m]['storyline']}" for m in sorted(members)]
            print(e, got[members[0]][1], sorted(members), labels, file=sys.stderr)
    return {
        "bench": "demo_stories",
        "articles": len(gold),
        "placed": len(got),
        "events": ev,
        "storylines": sl,
        "event_bcubed_f1": ev["bcubed_f1"],
        "storyline_bcubed_f1": sl["bcubed_f1"],
        "wire_pairs_p": round(tp / len(wire_got), 3) if wire_got else 0.0,
        "wire_pairs_r": round(tp / len(wire_gold), 3) if wire_gold else 0.0,
        "halves_same_events": same_halves,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--no-halves", action="store_true")
    args = ap.parse_args(argv)
    print(json.dumps(evaluate(args.show, not args.no_halves)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
