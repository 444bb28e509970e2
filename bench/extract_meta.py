"""Metadata extraction: title/author exact match on WCXB dev, publication date accuracy on MediaCloud 2020.

Prints one JSON line. Title and author are compared after whitespace normalisation (author also
case-insensitively); a page whose gold author is empty counts as right when we give none.
Date accuracy (first 10 characters) is over the pages whose gold has a date, like the published
anchors; the all-pages figure also counts "no date" as right for the undated pages.
``title_stage`` is the title after the extract stage's own ``strip_site_suffix`` pass (what users see).

    .venv/bin/python -m bench.extract_meta [--limit N] [--show-misses title|author|date]
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import sys
from pathlib import Path
from typing import Any

from bench.metrics import BENCH_DATA

WCXB = BENCH_DATA / "extract" / "wcxb" / "dev"
DATES = BENCH_DATA / "extract" / "htmldate"


def _norm(text: Any) -> str:
    return " ".join(str(text or "").split())


def _read(path: Path) -> str:
    from trafilatura.utils import decode_file

    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    text = decode_file(raw)
    return text if isinstance(text, str) else raw.decode("utf-8", "replace")


def _meta_job(job: tuple[str, str | None, bool]) -> dict[str, Any]:
    from storyweave.extraction.html import page_metadata, parse_html
    from storyweave.extraction.titles import strip_site_suffix

    path, url, dates = job
    tree = parse_html(_read(Path(path)))
    if tree is None:
        return {}
    meta = page_metadata(tree, url=url, find_dates=dates, disposable_tree=True)  # as extract_html does
    out = {k: f.value for k, f in meta.items()}
    out.update({f"{k}_source": f.source for k, f in meta.items()})
    title = out.get("title")
    if title:
        out["title_stage"] = " ".join(strip_site_suffix(str(title), out.get("outlet")).split())
    return out


def _score_wcxb(pool: Any, limit: int, show: str | None) -> dict[str, Any]:
    files = sorted((WCXB / "ground-truth").glob("*.json"))
    if limit:
        files = files[:limit]
    golds = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    jobs = [(str(WCXB / "html" / f"{f.stem}.html.gz"), g.get("url"), False) for f, g in zip(files, golds, strict=True)]
    preds = pool.map(_meta_job, jobs, chunksize=4)
    title_ok = stage_ok = author_ok = author_given = author_given_ok = 0
    sources: dict[str, int] = {}
    for f, g, p in zip(files, golds, preds, strict=True):
        gt = g["ground_truth"]
        ok = _norm(p.get("title")) == _norm(gt.get("title"))
        title_ok += ok
        stage_ok += _norm(p.get("title_stage")) == _norm(gt.get("title"))
        src = str(p.get("title_source"))
        sources[src] = sources.get(src, 0) + 1
        gold_author = _norm(gt.get("author")).casefold()
        pred_author = _norm(p.get("byline")).casefold()
        author_ok += gold_author == pred_author
        if gold_author:
            author_given += 1
            author_given_ok += gold_author == pred_author
        if show == "title" and not ok:
            print(f"{f.stem}\t{src}\tGOLD {gt.get('title')!r}\n\t\tPRED {p.get('title')!r}", file=sys.stderr)
        if show == "author" and gold_author != pred_author:
            print(f"{f.stem}\tGOLD {gt.get('author')!r}\tPRED {p.get('byline')!r}", file=sys.stderr)
    n = len(files)
    return {
        "wcxb_pages": n,
        "title_exact": round(title_ok / n, 4),
        "title_exact_after_stage": round(stage_ok / n, 4),
        "title_sources": dict(sorted(sources.items())),
        "author_exact": round(author_ok / n, 4),
        "author_exact_where_gold_has_one": round(author_given_ok / max(author_given, 1), 4),
        "author_gold_pages": author_given,
    }


def _score_dates(pool: Any, limit: int, show: str | None) -> dict[str, Any]:
    gold = json.loads((DATES / "eval_mediacloud_2020.json").read_text(encoding="utf-8"))
    items = sorted(gold.items())
    if limit:
        items = items[:limit]
    jobs = [(str(DATES / "html" / f"{v['file']}.gz"), url, True) for url, v in items]
    preds = pool.map(_meta_job, jobs, chunksize=4)
    ok = dated = dated_ok = 0
    sources: dict[str, int] = {}
    for (url, v), p in zip(items, preds, strict=True):
        got = str(p.get("published") or "")[:10]
        gold_date = v["date"] if isinstance(v["date"], str) else ""  # NaN in the gold file: the page has no date
        ok += got == gold_date
        if gold_date:
            dated += 1
            dated_ok += got == gold_date
        src = str(p.get("published_source"))
        sources[src] = sources.get(src, 0) + 1
        if show == "date" and got != gold_date:
            print(f"{v['file']}\t{src}\tGOLD {v['date']}\tPRED {p.get('published')}\t{url}", file=sys.stderr)
    return {
        "date_pages": len(items),
        "date_accuracy": round(dated_ok / max(dated, 1), 4),
        "date_pages_with_gold_date": dated,
        "date_accuracy_all_pages_none_ok_when_undated": round(ok / len(items), 4),
        "date_sources": dict(sorted(sources.items())),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages of each set (0 = all)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--show-misses", choices=["title", "author", "date"], help="list misses on stderr")
    ap.add_argument("--only", choices=["wcxb", "dates"], help="run one of the two sets")
    args = ap.parse_args(argv)
    if not WCXB.exists() or not DATES.exists():
        print(json.dumps({"error": f"no benchmark data under {BENCH_DATA}"}))
        return 1
    result: dict[str, Any] = {}
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(args.workers) as pool:
        if args.only != "dates":
            result.update(_score_wcxb(pool, args.limit, args.show_misses))
        if args.only != "wcxb":
            result.update(_score_dates(pool, args.limit, args.show_misses))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
