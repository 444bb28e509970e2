"""Cost of placing new articles into events and storylines as the store grows (10k vs 100k stored articles).

For each base store (made by ``bench.web_synth``, whose articles are already placed), a copy gets ``--add``
further synthetic articles of the same world (same names, places and vocabulary, other events, dated after
everything stored, as a news stream arrives), written with their story features and then placed by the
real engine (``SQLiteStore.place_stories``: MinHash bands, candidate events by shared names and by time
window, the event model, storylines). One JSON line per store, then a summary line with the ratio of the
per-article placement cost between the largest and the smallest store.

    .venv/bin/python -m bench.web_synth --articles 10000 --db /tmp/web-10k.db
    .venv/bin/python -m bench.web_synth --articles 100000 --db /tmp/web-100k.db
    .venv/bin/python -m bench.story_scale --store /tmp/web-10k.db --store /tmp/web-100k.db [--add 2000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.web_synth import build


def _stored(db: Path) -> tuple[int, date]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        n, last = c.execute("SELECT count(*), max(published) FROM articles").fetchone()
    return int(n), date.fromisoformat(str(last)[:10])


def measure(base: Path, add: int, stream: int) -> dict[str, Any]:
    stored, last = _stored(base)
    with tempfile.TemporaryDirectory(dir=base.parent) as tmp:
        db = Path(tmp) / base.name
        shutil.copyfile(base, db)
        t0 = time.perf_counter()
        out = build(db, add, start=last + timedelta(days=1), stream=stream)
        total = time.perf_counter() - t0
    return {
        "bench": "story_scale",
        "stored_before": stored,
        "added": out["articles"],
        "placed": out["placed"],
        "store_ms_per_article": round(1000 * out["generate_and_store_s"] / max(1, out["articles"]), 2),
        "place_ms_per_article": round(1000 * out["place_s"] / max(1, out["placed"]), 2),
        "place_articles_per_s": round(out["placed"] / max(out["place_s"], 1e-9), 1),
        "total_s": round(total, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, action="append", required=True, help="a placed base store (repeat)")
    ap.add_argument("--add", type=int, default=2000, help="articles added to each store")
    ap.add_argument("--stream", type=int, default=1, help="which stream of new events to draw")
    args = ap.parse_args(argv)
    rows = []
    for base in args.store:
        if not base.is_file():
            print(f"{base}: no such store (build it with bench.web_synth)", file=sys.stderr)
            return 1
        row = measure(base, args.add, args.stream)
        rows.append(row)
        print(json.dumps(row), flush=True)
    if len(rows) > 1:
        rows.sort(key=lambda r: r["stored_before"])
        small, big = rows[0], rows[-1]

        def ratio(key: str) -> float:
            return round(big[key] / max(small[key], 1e-9), 2)

        summary = {
            "bench": "story_scale",
            "store_growth_ratio": ratio("stored_before"),
            "place_cost_ratio": ratio("place_ms_per_article"),
            "store_cost_ratio": ratio("store_ms_per_article"),
        }
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
