"""Event clustering on ECB+ through the real pipeline: documents ingested as JSON Lines (no dates).

Each split is ingested into its own temporary store (``storyweave ingest`` of a JSONL file, clustering
on), and the events are scored against the gold ``subtopic``: BCubed and pairwise P/R/F1 (the
definitions of the data set's reference scorer), plus, per topic, whether its two similar events
were kept apart (no predicted event holds documents of both) and storylines against ``topic``.
The model was fitted on the train topics (``bench/train_story_model.py``); dev is the report.

    .venv/bin/python -m bench.ecbplus [--split dev|train|both]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.metrics import cluster_scores
from bench.story_data import detokenize, ecb_docs
from storyweave import IngestOptions, ingest, open_store


def run_split(docs: list[dict[str, Any]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ecbplus.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for d in docs:
                rec = {"id": d["doc_id"], "text": detokenize(d["text"]), "language": "en"}
                if d.get("title"):
                    rec["title"] = d["title"]
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        with open_store(Path(tmp) / "ecb.db") as store:
            t0 = time.perf_counter()
            report = ingest([str(path)], store, IngestOptions(workers=2, show_progress=False))
            seconds = time.perf_counter() - t0
            ext = {a.id: a.external_id for a in store.iter_articles()}
            placed = {ext[a]: v for a, v in store.story_assignments().items()}
    gold = {d["doc_id"]: d["subtopic"] for d in docs}
    topic = {d["doc_id"]: d["topic"] for d in docs}
    events = cluster_scores(gold, {k: v[0] for k, v in placed.items()})
    lines = cluster_scores(topic, {k: str(v[1]) for k, v in placed.items()})
    mixed: dict[str, set[str]] = defaultdict(set)
    for doc, (ev, _, _) in placed.items():
        mixed[ev].add(gold[doc])
    topics = sorted(set(topic.values()))
    apart = [
        t for t in topics if not any(len({s for s in subs if s.split("_")[0] == t}) > 1 for subs in mixed.values())
    ]
    return {
        "docs": len(docs),
        "stored": report.ok,
        "events": events,
        "storylines_vs_topics": {k: lines[k] for k in ("bcubed_f1", "clusters", "gold_clusters")},
        "topics_kept_apart": f"{len(apart)}/{len(topics)}",
        "ingest_s": round(seconds, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "train", "both"], default="dev")
    args = ap.parse_args(argv)
    docs = ecb_docs()
    out: dict[str, Any] = {"bench": "ecbplus"}
    for split in ("train", "dev") if args.split == "both" else (args.split,):
        out[split] = run_split([d for d in docs if d["split"] == split])
    if "dev" in out:
        out["dev_bcubed_f1"] = out["dev"]["events"]["bcubed_f1"]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
