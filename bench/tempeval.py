"""Temporal expressions on TempEval-3: storyweave's dates stage against a dateparser-only baseline.

Each document's ``dct`` (its creation time) is the anchor, as in the official task. Metrics (TempEval-3's):
detection precision/recall/F1 with relaxed matching (a predicted span counts when it overlaps a gold span,
one-to-one), value accuracy over the matched spans, and value F1 = detection F1 x value accuracy; type
accuracy over the matched spans as well, and strict (exact-span) detection F1 for reference. Develop on
``timebank`` (the default); report on ``aquaint``.

The baseline is dateparser alone: ``search_dates`` with the dct as ``RELATIVE_BASE`` finds and resolves the
expressions, and the value is written at the granularity dateparser reports for the matched string.

    .venv/bin/python -m bench.tempeval [--set timebank|aquaint] [--limit N] [--no-baseline] [--show-misses N]
        [--errors]

``--errors`` prints, on stderr, the counts of errors by category (see :mod:`bench.tempeval_errors`): no text
of the documents, so it may be run on the report set; ``--show-misses`` lists the texts (the dev set only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from bench.metrics import BENCH_DATA

DATA = BENCH_DATA / "time" / "tempeval3"

Span = tuple[int, int, str, str]  # start, end, value, type (upper case)


def load(name: str, limit: int = 0) -> list[dict[str, Any]]:
    path = DATA / f"{name}.timex.jsonl"
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs[:limit] if limit else docs


def match(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[Span, Span]]:
    """One-to-one relaxed matching: each gold span takes the free predicted span that overlaps it most."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        best, best_overlap = -1, 0
        for i, p in enumerate(pred):
            overlap = min(g[1], p[1]) - max(g[0], p[0])
            if i not in used and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best >= 0:
            used.add(best)
            pairs.append((g, pred[best]))
    return pairs


def score(golds: Sequence[Sequence[Span]], preds: Sequence[Sequence[Span]]) -> dict[str, float]:
    n_gold = sum(len(g) for g in golds)
    n_pred = sum(len(p) for p in preds)
    matched = value_ok = type_ok = strict = 0
    for gold, pred in zip(golds, preds, strict=True):
        pairs = match(gold, pred)
        matched += len(pairs)
        value_ok += sum(g[2] == p[2] for g, p in pairs)
        type_ok += sum(g[3] == p[3] for g, p in pairs)
        strict += len({(g[0], g[1]) for g in gold} & {(p[0], p[1]) for p in pred})
    prec = matched / n_pred if n_pred else 0.0
    rec = matched / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    sp, sr = (strict / n_pred if n_pred else 0.0), (strict / n_gold if n_gold else 0.0)
    value_acc = value_ok / matched if matched else 0.0
    return {
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(f1, 4),
        "strict_f1": round(2 * sp * sr / (sp + sr) if sp + sr else 0.0, 4),
        "value_accuracy": round(value_acc, 4),
        "type_accuracy": round(type_ok / matched if matched else 0.0, 4),
        "value_f1": round(f1 * value_acc, 4),
        "gold": n_gold,
        "predicted": n_pred,
    }


def gold_spans(doc: dict[str, Any]) -> list[Span]:
    return [(t["start"], t["end"], str(t["value"]), str(t["type"]).upper()) for t in doc["timexes"]]


def ours(doc: dict[str, Any]) -> list[Span]:
    from storyweave.temporal.mentions import find_dates

    found = find_dates(doc["text"], anchor=doc["dct"], language="en")
    return [(m.start, m.end, m.value, m.type.upper()) for m in found]


def baseline(doc: dict[str, Any]) -> list[Span]:
    """dateparser alone: its own search, its own resolution, the granularity it reports."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = dt.datetime.fromisoformat(doc["dct"][:10])
    settings = {"RELATIVE_BASE": base, "RETURN_TIME_AS_PERIOD": True}
    text = doc["text"]
    found = search_dates(text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    out: list[Span] = []
    pos = 0
    for s, when in found:
        i = text.find(s, pos)
        if i < 0:
            continue
        pos = i + len(s)
        period = parser.get_date_data(s).period or "day"
        value = {
            "year": f"{when:%Y}",
            "month": f"{when:%Y-%m}",
            "week": f"{when:%G-W%V}",
            "time": f"{when:%Y-%m-%dT%H:%M}",
        }
        out.append((i, i + len(s), value.get(period, f"{when:%Y-%m-%d}"), "TIME" if period == "time" else "DATE"))
    return out


def stage_speed(docs: Sequence[dict[str, Any]]) -> dict[str, float]:
    """The whole dates stage (mentions, statements) over the documents as articles, one process."""
    from storyweave.models import Article, Field
    from storyweave.stages.dates import DatesStage

    articles = [
        Article(d["doc_id"], d["doc_id"], d["doc_id"], "tempeval", "text", d["text"],
                {"published": Field(d["dct"], "input"), "language": Field("en", "input")})
        for d in docs
    ]  # fmt: skip
    stage = DatesStage()
    t0 = time.perf_counter()
    for _ in stage.pipe(articles):
        pass
    elapsed = time.perf_counter() - t0
    chars = sum(len(d["text"]) for d in docs) / max(1, len(docs))
    return {
        "articles_per_s": round(len(docs) / elapsed, 1),
        "ms_per_article": round(1000 * elapsed / len(docs), 2),
        "chars_per_article": round(chars),
    }


def misses(docs: Sequence[dict[str, Any]], preds: Sequence[Sequence[Span]], n: int) -> None:
    wrong: Counter[tuple[str, str, str]] = Counter()
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    for doc, pred in zip(docs, preds, strict=True):
        gold = gold_spans(doc)
        pairs = match(gold, pred)
        for g, p in pairs:
            if g[2] != p[2]:
                wrong[(doc["text"][g[0] : g[1]], g[2], p[2])] += 1
        got = {id(g) for g, _ in pairs}
        for g in gold:
            if id(g) not in got:
                missed[doc["text"][g[0] : g[1]].lower()] += 1
        used = {p for _, p in pairs}
        for p in pred:
            if p not in used:
                spurious[doc["text"][p[0] : p[1]].lower()] += 1
    for title, counter in (("wrong value", wrong), ("missed", missed), ("spurious", spurious)):
        print(f"--- {title}", file=sys.stderr)
        for item, count in counter.most_common(n):
            print(f"{count:4d} {item}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", default="timebank", choices=("timebank", "aquaint"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--show-misses", type=int, default=0, metavar="N")
    ap.add_argument("--errors", action="store_true", help="error counts by category on stderr")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        raise SystemExit(f"{DATA} is absent")
    docs = load(args.set, args.limit)
    golds = [gold_spans(d) for d in docs]
    ours({"text": "warm up on Monday", "dct": "2020-01-01"})  # build the patterns before timing
    preds = [ours(d) for d in docs]
    result: dict[str, Any] = {"set": args.set, "docs": len(docs), "ours": score(golds, preds)}
    result["ours"].update(stage_speed(docs))
    if args.show_misses:
        misses(docs, preds, args.show_misses)
    if args.errors:
        from bench.tempeval_errors import breakdown, print_breakdown
        from storyweave.temporal.mentions import find_dates

        reasons = [
            {(m.start, m.end): m.resolution for m in find_dates(d["text"], anchor=d["dct"], language="en")}
            for d in docs
        ]
        print_breakdown(breakdown(docs, golds, preds, match, reasons), sys.stderr)
    if not args.no_baseline:
        t0 = time.perf_counter()
        base = [baseline(d) for d in docs]
        result["dateparser"] = score(golds, base)
        result["dateparser"]["articles_per_s"] = round(len(docs) / (time.perf_counter() - t0), 1)
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
