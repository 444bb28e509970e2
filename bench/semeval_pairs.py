"""Same-story scores on the SemEval-2022 Task 8 pairs: Pearson correlation of ``score`` with -``overall``.

Runs ``storyweave.services.score_pairs`` (what ``storyweave pairs`` runs) on the 917 pairs with
truncated texts in eight languages and prints one JSON line: Pearson of the same-story ``score`` and
of some of its components alone (whole-text cosine, lead cosine, the event model's probability),
overall, for same-language and cross-language pairs, and per language pair.

The score's five weights were fitted on these same pairs (``bench.train_pair_model``), so the
figure here is in-sample; the honest figure is the out-of-fold one that script measured, printed
here as ``out_of_fold`` (from the shipped model file).

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
from storyweave.stages.pairscore import load_pair_model

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
    signals = ("cos_text", "cos_lead", "event_p")
    groups: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for p in pairs:
        r = results[p["pair_id"]]
        if "score" not in r:
            continue
        for key in ("all", "cross" if p["lang1"] != p["lang2"] else "same", f"{p['lang1']}-{p['lang2']}"):
            g = groups[key]
            g["score"].append(r["score"])
            for k in signals:
                g[k].append(r["components"].get(k, 0.0))
            g["y"].append(-float(p["overall"]))
    out: dict[str, Any] = {"bench": "semeval_pairs", "pairs": len(pairs), "pairs_per_s": round(len(pairs) / seconds, 1)}
    for key in sorted(groups, key=lambda k: (k not in ("all", "same", "cross"), k)):
        g = groups[key]
        out[key] = {"n": len(g["y"]), "pearson_score": pearson(g["score"], g["y"])}
        out[key].update({f"pearson_{k}_only": pearson(g[k], g["y"]) for k in signals})
    out["pearson_score"] = out["all"]["pearson_score"]
    out["pearson_score_cross_lingual"] = out.get("cross", {}).get("pearson_score")
    out["out_of_fold"] = dict(load_pair_model().measured or {})
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
