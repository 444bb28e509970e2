"""Whole pipeline (HTML files in -> everything stored) vs bare trafilatura, both on two cores, one run.

Prints one JSON line: pages/s of each and their ratio (goal: ours / bare >= 0.5).

    .venv/bin/python -m bench.pipeline_speed [--pages N] [--rounds R]
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

from bench.metrics import BENCH_DATA

SETS = {
    "scrapinghub": BENCH_DATA / "extract" / "scrapinghub" / "html",
    "htmldate": BENCH_DATA / "extract" / "htmldate" / "html",
}


def _bare(path: str) -> int:
    import trafilatura

    with gzip.open(path) as fh:  # the same file work as the pipeline does
        html = fh.read()
    text = trafilatura.extract(html) or ""
    return len(text)


def run_bare(files: list[Path], workers: int) -> float:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers) as pool:
        pool.map(_bare, [str(files[0])] * workers)  # warm up: imports, like the pipeline's initializer
        t0 = time.perf_counter()
        pool.map(_bare, [str(f) for f in files], chunksize=4)
        return time.perf_counter() - t0


def run_pipeline(files: list[Path], workers: int) -> tuple[float, int]:
    from storyweave import IngestOptions, ingest, open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "speed.db") as store:
        t0 = time.perf_counter()
        report = ingest([str(f) for f in files], store, IngestOptions(workers=workers, show_progress=False))
        return time.perf_counter() - t0, report.ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=0, help="use only the first N pages (0 = all)")
    ap.add_argument("--rounds", type=int, default=2, help="alternate the two runs this many times; best of each")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--set", choices=[*SETS, "both"], default="both", help="which page set (both = 1,180 pages)")
    args = ap.parse_args(argv)
    folders = list(SETS.values()) if args.set == "both" else [SETS[args.set]]
    if not all(f.is_dir() for f in folders):
        print(json.dumps({"error": f"benchmark data not found under {BENCH_DATA}"}))
        return 1
    files = sorted(p for f in folders for p in f.glob("*.html.gz"))
    if args.pages:
        files = files[: args.pages]
    bare_times, ours_times = [], []
    stored = 0
    for _ in range(args.rounds):
        bare_times.append(run_bare(files, args.workers))
        t, stored = run_pipeline(files, args.workers)
        ours_times.append(t)
    bare, ours = min(bare_times), min(ours_times)
    out = {
        "bench": "pipeline_speed",
        "set": args.set,
        "pages": len(files),
        "workers": args.workers,
        "stored": stored,
        "bare_trafilatura_pages_per_s": round(len(files) / bare, 1),
        "pipeline_pages_per_s": round(len(files) / ours, 1),
        "ratio": round(bare / ours, 3),
        "rounds": args.rounds,
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
