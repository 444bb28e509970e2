"""Metadata accuracy on the bundled demo corpus against its gold (storyweave/demo/gold.json).

Prints one JSON line: per field, the share of the 45 articles whose value equals the gold
(title, outlet, published, language, agencies as a set, byline). ``--show-misses`` lists
the differences on stderr.

    .venv/bin/python -m bench.demo_metadata [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from storyweave import IngestOptions, ingest, open_store
from storyweave.demo import CORPUS_DIR, GOLD_PATH

FIELDS = ("title", "outlet", "published", "language", "agencies", "byline")


def _same(field: str, gold: Any, got: Any) -> bool:
    if field == "agencies":
        return sorted(gold or []) == sorted(got or [])
    if field == "published" and isinstance(gold, str) and isinstance(got, str) and len(gold) == 10:
        return got[:10] == gold  # a datetime on the gold day counts
    return bool(gold == got)


def evaluate(workers: int = 2, show_misses: bool = False) -> dict[str, Any]:
    gold = json.loads(GOLD_PATH.read_text(encoding="utf-8"))["articles"]
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "demo.db") as store:
        report = ingest([str(CORPUS_DIR)], store, IngestOptions(workers=workers, show_progress=False))
        arts = {a.external_id: a.to_export() for a in store.iter_articles()}
    right = dict.fromkeys(FIELDS, 0)
    missing = [k for k in gold if k not in arts]
    for key, g in gold.items():
        a = arts.get(key)
        if a is None:
            continue
        stated = dict(a)
        if a["provenance"].get("published", {}).get("source") == "inferred":
            # the gold is what the article states; an inferred date (from its story) replaces no stated one
            stated["published"] = a["provenance"].get("published_stated", {}).get("value")
        for f in FIELDS:
            if _same(f, g.get(f), stated.get(f)):
                right[f] += 1
            elif show_misses:
                src = a["provenance"].get(f, {}).get("source")
                print(f"{key[:60]:60} {f:9} gold={g.get(f)!r} got={a.get(f)!r} ({src})", file=sys.stderr)
    n = len(gold)
    return {
        "bench": "demo_metadata",
        "articles": n,
        "stored": len(arts),
        "missing": len(missing),
        "problems": len(report.problems),
        **{f: round(right[f] / n, 3) for f in FIELDS},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    print(json.dumps(evaluate(args.workers, args.show_misses)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
