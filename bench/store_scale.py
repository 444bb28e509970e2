"""Scale of the store: ingest synthetic articles in steps up to N and report the cost per article at each size.

Prints one JSON line per step and a final summary line: seconds per 1,000 articles added
at each store size, database size, peak memory of the ingesting process, and read latencies
(list, show, full-text search) on the full store.

    .venv/bin/python -m bench.store_scale [--total 100000] [--step 10000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    "harbour",
    "council",
    "minister",
    "union",
    "strike",
    "vote",
    "budget",
    "river",
    "flood",
    "bridge",
    "court",
    "protest",
    "election",
    "summit",
    "loan",
    "talks",
    "ceasefire",
    "border",
    "police",
    "energy",
    "grain",
    "price",
    "market",
    "bank",
    "inflation",
    "school",
    "hospital",
    "railway",
    "port",
    "city",
    "region",
    "mayor",
    "governor",
    "opposition",
    "coalition",
    "parliament",
    "reform",
    "tax",
    "wage",
    "farmer",
    "storm",
    "drought",
    "fire",
]
OUTLETS = [f"Outlet {c}" for c in "ABCDEFGHIJKLMNOP"]


def synthetic_record(i: int, rng: random.Random) -> dict[str, object]:
    sentences = []
    for _ in range(rng.randint(12, 24)):
        n = rng.randint(10, 22)
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + ".")
    text = "\n\n".join(" ".join(sentences[j : j + 3]) for j in range(0, len(sentences), 3))
    day = 1 + i % 28
    return {
        "id": f"syn-{i}",
        "title": " ".join(rng.choice(WORDS) for _ in range(7)).capitalize(),
        "text": text,
        "outlet": OUTLETS[i % len(OUTLETS)],
        "language": "en",
        "published": f"2025-{1 + (i // 28) % 12:02d}-{day:02d}",
        "url": f"https://news{i % 16}.example.com/{i}",
    }


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    from storyweave import IngestOptions, ingest, open_store

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--total", type=int, default=100_000)
    ap.add_argument("--step", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    rng = random.Random(7)
    steps = []
    text_bytes = 0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "scale.db"
        opts = IngestOptions(workers=args.workers, show_progress=False, batch_size=256)
        with open_store(db) as store:
            done = 0
            while done < args.total:
                n = min(args.step, args.total - done)
                path = Path(tmp) / f"batch{done}.jsonl"
                with path.open("w", encoding="utf-8") as fh:
                    for i in range(done, done + n):
                        rec = synthetic_record(i, rng)
                        text_bytes += len(str(rec["text"]).encode())
                        fh.write(json.dumps(rec) + "\n")
                t0 = time.perf_counter()
                report = ingest([str(path)], store, opts)
                dt = time.perf_counter() - t0
                path.unlink()
                if report.ok != n:
                    first = report.problems[0].describe() if report.problems else "?"
                    print(json.dumps({"error": f"only {report.ok} of {n} stored; first problem: {first}"}))
                    return 1
                done += n
                step = {
                    "store_size_after": done,
                    "added": report.ok,
                    "s_per_1k": round(1000 * dt / max(report.ok, 1), 3),
                    "peak_rss_mb": round(_rss_mb(), 1),
                }
                steps.append(step)
                print(json.dumps(step), flush=True)
            t0 = time.perf_counter()
            rerun = ingest([], store, opts)
            assert rerun.ok == 0
            timings = {}
            t0 = time.perf_counter()
            store.list_articles(limit=50, offset=0)
            timings["list_50_ms"] = round(1000 * (time.perf_counter() - t0), 2)
            some_id = store.list_articles(limit=1, offset=args.total // 2)[0].id
            t0 = time.perf_counter()
            store.get_article(some_id)
            timings["show_ms"] = round(1000 * (time.perf_counter() - t0), 2)
            t0 = time.perf_counter()
            hits = store.search("harbour strike", limit=20)
            timings["fts_search_ms"] = round(1000 * (time.perf_counter() - t0), 2)
            count = store.count_articles()
        db_mb = db.stat().st_size / 1e6
    first, last = steps[0]["s_per_1k"], steps[-1]["s_per_1k"]
    summary = {
        "bench": "store_scale",
        "articles": count,
        "s_per_1k_first_step": first,
        "s_per_1k_last_step": last,
        "cost_ratio_last_vs_first": round(float(last) / float(first), 3),
        "store_growth_ratio": round(args.total / args.step, 1),
        "db_mb": round(db_mb, 1),
        "peak_rss_mb_first_step": steps[0]["peak_rss_mb"],
        "peak_rss_mb_last_step": steps[-1]["peak_rss_mb"],
        "rss_growth_kb_per_article_after_first_step": round(
            (float(steps[-1]["peak_rss_mb"]) - float(steps[0]["peak_rss_mb"])) * 1024 / (count - args.step), 3
        ),
        "mean_text_kb": round(text_bytes / count / 1024, 2),
        "search_hits": len(hits),
        **timings,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
