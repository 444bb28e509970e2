"""Same-story scores on the SemEval-2022 Task 8 pairs: Pearson correlation of ``score`` with -``overall``.

Runs ``storyweave.services.score_pairs`` (what ``storyweave pairs`` runs) on the 917 pairs with
truncated texts in eight languages and prints one JSON line: Pearson of the same-story ``score``, of
the graded ``similarity`` and of the embedding cosine alone, overall, for same-language and
cross-language pairs, and per language pair. Nothing is fitted on these pairs.

    .venv/bin/python -m bench.semeval_pairs [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from typing import Any

import numpy as np

from bench.metrics import BENCH_DATA
from storyweave.services import score_pairs

DATA = BENCH_DATA / "stories" / "semeval2022" / "pairs_truncated_texts.jsonl"


def pearson(x: list[float], y: list[float]) -> float:
    if len(x) < 3:
        return float("nan")
    return round(float(np.corrcoef(np.array(x), np.array(y))[0, 1]), 4)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    with DATA.open(encoding="utf-8") as fh:
        pairs = [json.loads(line) for line in fh if line.strip()]
    if args.limit:
        pairs = pairs[: args.limit]
    t0 = time.perf_counter()
    results = {r["pair_id"]: r for r in score_pairs([(p["pair_id"], p) for p in pairs])}
    seconds = time.perf_counter() - t0
    groups: dict[str, tuple[list[float], list[float], list[float], list[float]]] = defaultdict(lambda: ([], [], [], []))
    for p in pairs:
        r = results[p["pair_id"]]
        if "score" not in r:
            continue
        for key in ("all", "cross" if p["lang1"] != p["lang2"] else "same", f"{p['lang1']}-{p['lang2']}"):
            s, c, g, y = groups[key]
            s.append(r["score"])
            c.append(r["components"].get("cos_max", 0.0))
            g.append(r["similarity"])
            y.append(-float(p["overall"]))
    out: dict[str, Any] = {"bench": "semeval_pairs", "pairs": len(pairs), "pairs_per_s": round(len(pairs) / seconds, 1)}
    for key in sorted(groups, key=lambda k: (k not in ("all", "same", "cross"), k)):
        s, c, g, y = groups[key]
        out[key] = {
            "n": len(y),
            "pearson_score": pearson(s, y),
            "pearson_similarity": pearson(g, y),
            "pearson_cosine_only": pearson(c, y),
        }
    out["pearson_similarity"] = out["all"]["pearson_similarity"]
    out["pearson_similarity_cross_lingual"] = out.get("cross", {}).get("pearson_similarity")
    out["pearson_score"] = out["all"]["pearson_score"]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
