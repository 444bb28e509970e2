"""Train the text cleaner's line models (deterministic), choosing their size by grouped CV on WCXB.

Training data: the WCXB dev pages (CC-BY-4.0; ``extract/wcxb/dev``), rendered to plain text with
Resiliparse keeping all page junk (``main_content=False, preserve_formatting=True, list_bullets=False,
alt_texts=False`` -- the settings that reproduce the text-clean bench inputs), each line labelled by
how much of it occurs in the page's gold ``main_content``. The ScrapingHub pages (the test set) are
never read here.

Model selection: every (trees, leaves) point of a small grid is scored by grouped K-fold
cross-validation (group = page) on WCXB only. For each held-out fold the whole cascade is trained on
the other folds -- the second stage on first-stage scores that are themselves out-of-fold within the
training folds (nested) -- and the full cleaning pipeline (model + body span + rules, i.e.
``clean_text``) is run on the held-out pages; the score is the page-level shingle F1 of the cleaned
text against the gold ``main_content`` (``bench.metrics.body_scores``, the text-clean bench's metric).
The best mean F1 wins (ties: fewer trees, then fewer leaves); it is then trained on all pages.

    .venv/bin/python -m bench.train_textclean [--trees 60,100,150] [--leaves 12,16,24] [--no-cv]
        [--folds 4] [--out PATH] [--dump-dir DIR] [--cache PATH]

Prints the CV table and one JSON line of figures, and writes ``storyweave/extraction/data/textclean_model.json``.
With a single grid point and ``--no-cv`` it only trains (for checking that retraining is byte-identical).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from bench.metrics import BENCH_DATA, body_scores
from storyweave.extraction import textclean
from storyweave.extraction.textfeatures import (
    FEATURE_NAMES,
    STACKED_NAMES,
    WORD,
    norm_key,
    page_features,
    split_lines,
    stack_features,
    word_count,
)

WCXB = BENCH_DATA / "extract" / "wcxb" / "dev"
OUT = Path(__file__).resolve().parents[1] / "storyweave" / "extraction" / "data" / "textclean_model.json"
SEED = 20201110


def render(raw: bytes) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    html = bytes_to_str(raw, detect_encoding(raw) or "utf-8")
    return str(
        extract_plain_text(
            HTMLTree.parse(html), main_content=False, preserve_formatting=True, list_bullets=False, alt_texts=False
        )
    )


def load_pages(limit: int | None = None, cache: Path | None = None) -> list[tuple[str, str, str]]:
    """(page id, rendered text, gold body) for the WCXB dev pages."""
    if cache and cache.exists():
        rows = [tuple(r) for r in json.loads(cache.read_text(encoding="utf-8"))]
        return [(str(a), str(b), str(c)) for a, b, c in rows][:limit]
    out = []
    for gt in sorted((WCXB / "ground-truth").glob("*.json")):
        pid = gt.stem
        gold = json.loads(gt.read_text(encoding="utf-8"))["ground_truth"].get("main_content") or ""
        html = WCXB / "html" / f"{pid}.html.gz"
        if not gold.strip() or not html.exists():
            continue
        out.append((pid, render(gzip.decompress(html.read_bytes())), gold))
        if limit and len(out) >= limit:
            break
    if cache:
        cache.write_text(json.dumps(out), encoding="utf-8")
    return out


def line_labels(lines: tuple[str, ...], gold: str) -> tuple[np.ndarray, np.ndarray]:
    """Label 1 when most of a line's word trigrams occur in the gold body; weight grows with length."""
    gtoks = [t.lower() for t in WORD.findall(gold)]
    tri = {tuple(gtoks[i : i + 3]) for i in range(len(gtoks) - 2)}
    glines = {norm_key(g) for g in gold.splitlines() if g.strip()}
    labels, weights = [], []
    for ln in lines:
        toks = [t.lower() for t in WORD.findall(ln)]
        if len(toks) >= 3:
            grams = [tuple(toks[i : i + 3]) for i in range(len(toks) - 2)]
            frac = sum(g in tri for g in grams) / len(grams)
            lab = frac >= 0.5
        else:
            lab = norm_key(ln) in glines
        labels.append(1.0 if lab else 0.0)
        weights.append(math.sqrt(len(toks) + 1))
    return np.array(labels), np.array(weights)


def build(
    pages: list[tuple[str, str, str]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, ws, gs, ns = [], [], [], [], []
    for g, (_pid, text, gold) in enumerate(pages):
        page = split_lines(text)
        if not page.lines:
            continue
        x = page_features(page)
        y, w = line_labels(page.lines, gold)
        xs.append(x)
        ys.append(y)
        ws.append(w)
        gs.append(np.full(len(y), g))
        ns.append(np.array([word_count(s) for s in page.lines], dtype=float))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws), np.concatenate(gs), np.concatenate(ns)


def stacked(x: np.ndarray, p: np.ndarray, g: np.ndarray, nw: np.ndarray) -> np.ndarray:
    """Second-stage rows, page by page (rows of a page are contiguous)."""
    out = np.zeros((len(p), len(STACKED_NAMES)))
    bounds = np.flatnonzero(np.diff(g)) + 1
    for lo, hi in zip(np.concatenate([[0], bounds]), np.concatenate([bounds, [len(g)]]), strict=True):
        out[lo:hi] = stack_features(x[lo:hi], p[lo:hi], nw[lo:hi])
    return out


def export_trees(model: Any, names: tuple[str, ...], n_trees: int | None = None) -> dict[str, Any]:
    """A sklearn HistGradientBoostingClassifier (binary, numeric features) as plain lists.

    ``n_trees`` keeps only the first trees: without early stopping or subsampling, boosting's first
    ``n`` trees are exactly the model that ``max_iter=n`` would train.
    """
    trees = []
    for (pred,) in model._predictors[:n_trees]:
        nodes = pred.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            {
                "feature": [int(v) for v in np.where(leaf, -1, nodes["feature_idx"])],
                "threshold": [float(v) for v in nodes["num_threshold"]],
                "left": [int(v) for v in np.where(leaf, -1, nodes["left"].astype(np.int64))],
                "right": [int(v) for v in np.where(leaf, -1, nodes["right"].astype(np.int64))],
                "value": [round(float(v), 7) for v in nodes["value"]],
            }
        )
    return {
        "features": list(names),
        "init": float(np.ravel(model._baseline_prediction)[0]),
        "learning_rate": 1.0,
        "trees": trees,
    }


def export(first: Any, second: Any, n_trees: int, pages: int) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "format": textclean.MODEL_FORMAT,
        "first": export_trees(first, FEATURE_NAMES, n_trees),
        "second": export_trees(second, STACKED_NAMES, n_trees),
        "trained_on": f"WCXB dev ({pages} pages, CC-BY-4.0), Resiliparse full-page text, line labels vs main_content",
    }
    payload["sha256"] = textclean.model_digest(payload)
    return payload


class _GivenScores:
    """Stands in for the shipped model inside ``clean_text``: returns the scores set for the page."""

    def __init__(self) -> None:
        self.scores = np.zeros(0)

    def predict(self, x: np.ndarray, nwords: np.ndarray) -> np.ndarray:
        if len(self.scores) != len(nwords):
            raise ValueError("scores do not match the page's lines")
        return self.scores.copy()


@contextmanager
def given_scores() -> Iterator[_GivenScores]:
    """Run ``textclean.clean_text`` (body span + rules) on precomputed line scores."""
    model = _GivenScores()
    saved = textclean.load_model, textclean.page_features
    textclean.load_model = lambda *_a: model  # type: ignore[assignment]
    textclean.page_features = lambda page: np.zeros((len(page.lines), 0))
    try:
        yield model
    finally:
        textclean.load_model, textclean.page_features = saved


def pipeline_scores(
    pages: list[tuple[str, str, str]], g: np.ndarray, p: np.ndarray, fold_of: dict[int, int], folds: int
) -> dict[str, Any]:
    """Page-level shingle P/R/F1 of ``clean_text`` driven by line scores ``p`` (overall and per fold)."""
    truth = {pid: gold for pid, _text, gold in pages}
    pred: dict[str, str] = {}
    with given_scores() as model:
        for k, (pid, text, _gold) in enumerate(pages):
            model.scores = p[g == k]
            pred[pid] = textclean.clean_text(text).text
    out = body_scores(truth, pred)
    per = []
    for f in range(folds):
        ids = {pages[k][0] for k, v in fold_of.items() if v == f}
        per.append(body_scores({i: truth[i] for i in ids}, pred)["f1"])
    return {"f1": out["f1"], "precision": out["precision"], "recall": out["recall"], "fold_f1": per}


def main(argv: list[str] | None = None) -> int:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import GroupKFold

    def ints(v: str) -> list[int]:
        return sorted({int(t) for t in v.split(",")})

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trees", type=ints, default=[60, 100, 150], help="grid of tree counts (comma list)")
    ap.add_argument("--leaves", type=ints, default=[12, 16, 24], help="grid of leaves per tree (comma list)")
    ap.add_argument("--depth", type=int, default=6)
    ap.add_argument("--rate", type=float, default=0.1, help="learning rate (fixed, not searched)")
    ap.add_argument("--folds", type=int, default=4, help="grouped (by page) folds, for selection and stacking")
    ap.add_argument("--no-cv", action="store_true", help="skip selection (needs a single grid point)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--dump-dir", type=Path, default=None, help="also write the model of every grid point here")
    ap.add_argument("--cache", type=Path, default=None, help="keep the rendered pages in this JSON file")
    args = ap.parse_args(argv)
    grid = [(t, lv) for lv in args.leaves for t in args.trees]
    if args.no_cv and len(grid) != 1:
        ap.error("--no-cv needs a single --trees and --leaves value")
    t0 = time.perf_counter()
    pages = load_pages(args.limit, args.cache)
    x, y, w, g, nw = build(pages)
    max_trees = max(args.trees)

    def make(trees: int, leaves: int) -> HistGradientBoostingClassifier:
        return HistGradientBoostingClassifier(
            max_iter=trees,
            max_depth=args.depth,
            max_leaf_nodes=leaves,
            learning_rate=args.rate,
            min_samples_leaf=40,
            l2_regularization=1.0,
            early_stopping=False,
            random_state=SEED,
        )

    def staged(model: Any, rows: np.ndarray) -> dict[int, np.ndarray]:
        """First-stage scores of ``rows`` after each grid tree count (one pass over the stages)."""
        out = {}
        for i, proba in enumerate(model.staged_predict_proba(x[rows]), start=1):
            if i in args.trees:
                out[i] = proba[:, 1]
        return out

    fold_ids = list(GroupKFold(n_splits=args.folds).split(x, y, g))
    fold = np.zeros(len(y), dtype=int)
    for f, (_tr, te) in enumerate(fold_ids):
        fold[te] = f
    fold_of = {int(k): int(fold[g == k][0]) for k in np.unique(g)}
    figures: dict[str, Any] = {"pages": len(pages), "lines": len(y), "positive_share": round(float(y.mean()), 3)}
    oof: dict[tuple[int, int], np.ndarray] = {}  # (trees, leaves) -> out-of-fold first-stage scores
    table: list[dict[str, Any]] = []
    for leaves in args.leaves:
        outer = {t: np.zeros(len(y)) for t in args.trees}
        inner: dict[tuple[int, int], dict[int, np.ndarray]] = {}  # scores of fold a's rows, trained without a, b
        for f in range(args.folds):
            rows = fold == f
            for t, s in staged(make(max_trees, leaves).fit(x[~rows], y[~rows], sample_weight=w[~rows]), rows).items():
                outer[t][rows] = s
            if args.no_cv:
                continue
            for b in range(f + 1, args.folds):
                keep = (fold != f) & (fold != b)
                model = make(max_trees, leaves).fit(x[keep], y[keep], sample_weight=w[keep])
                inner[(f, b)] = staged(model, fold == f)
                inner[(b, f)] = staged(model, fold == b)
        for t in args.trees:
            oof[(t, leaves)] = outer[t]
            if args.no_cv:
                continue
            x2_test = stacked(x, outer[t], g, nw)
            p2 = np.zeros(len(y))
            for f in range(args.folds):
                train = fold != f
                p1 = np.zeros(len(y))
                for a in range(args.folds):
                    if a != f:
                        p1[fold == a] = inner[(a, f)][t]
                x2 = stacked(x[train], p1[train], g[train], nw[train])
                second = make(t, leaves).fit(x2, y[train], sample_weight=w[train])
                p2[~train] = second.predict_proba(x2_test[~train])[:, 1]
            ok = (p2 >= 0.5) == (y == 1)
            row = {"trees": t, "leaves": leaves, **pipeline_scores(pages, g, p2, fold_of, args.folds)}
            row["line_acc_w"] = float((ok * w).sum() / w.sum())
            table.append(row)
            print(
                f"cv trees={t:4d} leaves={leaves:3d}  F1={row['f1']:.4f}  P={row['precision']:.4f}"
                f"  R={row['recall']:.4f}  fold F1 sd={np.std(row['fold_f1']):.4f}"
                f"  line acc (weighted)={row['line_acc_w']:.4f}  [{time.perf_counter() - t0:.0f}s]",
                flush=True,
            )
    if table:
        best = max(table, key=lambda r: (round(r["f1"], 6), -r["trees"], -r["leaves"]))
        chosen = (int(best["trees"]), int(best["leaves"]))
        figures["cv_f1"] = best["f1"]
    else:
        chosen = grid[0]
    figures["chosen_trees"], figures["chosen_leaves"] = chosen
    t_best, l_best = chosen

    def final(trees: int, leaves: int) -> tuple[Any, Any]:
        """First stage on all pages; second stage on its out-of-fold scores (as at prediction time)."""
        first = make(trees, leaves).fit(x, y, sample_weight=w)
        x2 = stacked(x, oof[(trees, leaves)], g, nw)
        return first, make(trees, leaves).fit(x2, y, sample_weight=w)

    first, second = final(t_best, l_best)
    payload = export(first, second, t_best, len(pages))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
    # the exported trees must score exactly like sklearn
    cascade = textclean.Cascade(payload)
    lo, hi = 0, int(np.searchsorted(g, g[0] + 20))
    p1 = first.predict_proba(x[lo:hi])[:, 1]
    ref = second.predict_proba(stacked(x[lo:hi], p1, g[lo:hi], nw[lo:hi]))[:, 1]
    mine = np.concatenate([cascade.predict(x[g == k], nw[g == k]) for k in np.unique(g[lo:hi])])
    figures["export_max_diff"] = float(np.abs(ref - mine).max())
    figures["model_kb"] = round(args.out.stat().st_size / 1024, 1)
    figures["sha256"] = payload["sha256"][:16]
    if args.dump_dir:  # every grid point trained like the chosen one, to compare them afterwards
        args.dump_dir.mkdir(parents=True, exist_ok=True)
        for leaves in args.leaves:
            first_all = make(max_trees, leaves).fit(x, y, sample_weight=w)
            for t in args.trees:
                x2 = stacked(x, oof[(t, leaves)], g, nw)
                sec = make(t, leaves).fit(x2, y, sample_weight=w)
                dump = export(first_all, sec, t, len(pages))
                (args.dump_dir / f"textclean_t{t}_l{leaves}.json").write_text(
                    json.dumps(dump, separators=(",", ":")), encoding="utf-8"
                )
    figures["seconds"] = round(time.perf_counter() - t0, 1)
    figures = {k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
