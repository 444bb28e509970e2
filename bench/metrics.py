"""Evaluation metrics shared by the bench scripts (our own implementation).

Body-text metric (the ScrapingHub article-extraction benchmark's definition):
tokens are ``\\w+`` matches, units are 4-token shingles counted as multisets;
per page, tp/fp/fn are normalised by their sum so every page weighs the same;
precision and recall are means over pages; F1 is the harmonic mean of the two
means.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

WORD = re.compile(r"\w+", re.UNICODE)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BENCH_DATA = SHARED / "bench"


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = WORD.findall(text or "")
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_counts(truth: str, pred: str) -> tuple[float, float, float]:
    a, b = shingles(truth), shingles(pred)
    tp = sum((a & b).values())
    fp = sum((b - a).values())
    fn = sum((a - b).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def aggregate(counts: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    ps = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": f, "precision": p, "recall": r}


def body_scores(truth: Mapping[str, str], pred: Mapping[str, str]) -> dict[str, float]:
    """Shingle P/R/F1 over the pages in ``truth`` (a missing prediction counts as empty)."""
    counts = [page_counts(truth[k], pred.get(k) or "") for k in sorted(truth)]
    out = aggregate(counts)
    out["pages"] = float(len(counts))
    return out


def cluster_scores(gold: Mapping[str, str], pred: Mapping[str, str]) -> dict[str, float]:
    """BCubed (item-averaged) and pairwise P/R/F1 of ``pred`` against ``gold`` (doc -> cluster), over gold's docs.

    Same definitions as the data set's reference scorer (``score/clustering_metric.py``); a document
    missing from ``pred`` counts as a singleton.
    """
    docs = sorted(gold)
    pred_full = {d: pred.get(d, f"__single__{d}") for d in docs}
    cells = Counter((gold[d], pred_full[d]) for d in docs)
    g_size = Counter(gold[d] for d in docs)
    p_size = Counter(pred_full[d] for d in docs)
    n = len(docs)

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    bp = sum(v * v / p_size[pc] for (_, pc), v in cells.items()) / n if n else 0.0
    br = sum(v * v / g_size[gc] for (gc, _), v in cells.items()) / n if n else 0.0
    tp = sum(v * (v - 1) / 2 for v in cells.values())
    pp = sum(v * (v - 1) / 2 for v in p_size.values())
    gp = sum(v * (v - 1) / 2 for v in g_size.values())
    pw_p = tp / pp if pp else 0.0
    pw_r = tp / gp if gp else 0.0
    return {
        "bcubed_p": round(bp, 4),
        "bcubed_r": round(br, 4),
        "bcubed_f1": round(f1(bp, br), 4),
        "pairwise_p": round(pw_p, 4),
        "pairwise_r": round(pw_r, 4),
        "pairwise_f1": round(f1(pw_p, pw_r), 4),
        "clusters": len(p_size),
        "gold_clusters": len(g_size),
    }
