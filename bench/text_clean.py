"""Bench the text-level cleaner on the ScrapingHub pages rendered to full-page text.

Input: ``text-clean/scrapinghub_rendered_resiliparse.json`` (``{id: full_page_text}``, page junk kept);
gold: ``extract/scrapinghub/ground-truth.json`` ``articleBody``; metric: ``bench.metrics.body_scores``
(the shingle P/R/F1). Prints one JSON line.

    .venv/bin/python -m bench.text_clean [--limit N] [--raw]
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from bench.metrics import BENCH_DATA, body_scores
from storyweave.extraction.textclean import clean_text, load_model

INPUTS = BENCH_DATA / "text-clean" / "scrapinghub_rendered_resiliparse.json"
GOLD = BENCH_DATA / "extract" / "scrapinghub" / "ground-truth.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted by id)")
    ap.add_argument("--raw", action="store_true", help="score the uncleaned text (the no-cleaning anchor)")
    ap.add_argument("--worst", type=int, default=0, help="also list the N worst pages on stderr")
    args = ap.parse_args(argv)
    if not INPUTS.exists() or not GOLD.exists():
        print(json.dumps({"error": f"bench data not found under {BENCH_DATA}"}))
        return 1
    pages: dict[str, str] = json.loads(INPUTS.read_text(encoding="utf-8"))
    gold_all = json.loads(GOLD.read_text(encoding="utf-8"))
    ids = sorted(pages)[: args.limit] if args.limit else sorted(pages)
    truth = {k: gold_all[k]["articleBody"] for k in ids}
    load_model()  # loading the model once is not part of the per-page cost
    pred: dict[str, str] = {}
    t0 = time.perf_counter()
    for k in ids:
        pred[k] = pages[k] if args.raw else clean_text(pages[k]).text
    elapsed = time.perf_counter() - t0
    out = body_scores(truth, pred)
    figures = {
        "f1": round(out["f1"], 4),
        "precision": round(out["precision"], 4),
        "recall": round(out["recall"], 4),
        "pages": int(out["pages"]),
        "pages_per_s": round(len(ids) / elapsed, 1) if elapsed else None,
        "ms_per_page": round(1000 * elapsed / max(len(ids), 1), 2),
    }
    print(json.dumps(figures))
    if args.worst:
        per = sorted((body_scores({k: truth[k]}, {k: pred[k]})["f1"], k) for k in ids)
        for f, k in per[: args.worst]:
            print(f"{f:.3f} {k}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
