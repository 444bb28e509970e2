"""Fit the graded same-story pair score on the SemEval-2022 task 8 pairs; write ``stages/data/pair_model.json``.

The 917 pairs (eight languages, German-English across) carry a graded judgement, ``overall``, from 1
(same story) to 4 (unrelated). Their signals come from ``storyweave.services.pair_components``, what
``storyweave pairs`` computes. The model is deliberately small: a fractional logistic regression over
the four signals of :mod:`storyweave.stages.pairscore` (four weights and an intercept) with target
``(4 - overall) / 3``. Its figure is the out-of-fold Pearson correlation of the score with
``-overall`` under 10-fold cross-validation, averaged over five shuffles (the weights never saw the
pairs they score); the shipped weights are then fitted on all pairs. An unseen portion of the task's
pairs checks the model later.

    .venv/bin/python -m bench.train_pair_model [--out PATH] [--c 1.0]
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np

from bench.semeval_pairs import DATA
from bench.story_data import OUT
from storyweave.stages.pairscore import PAIR_FEATURES, PairModel

MODEL_PATH = Path(__file__).resolve().parents[1] / "storyweave" / "stages" / "data" / "pair_model.json"
FOLDS, SHUFFLES = 10, 5


def components(pairs: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """pair_id -> the graded signals (cached under bench/out: they take minutes of spaCy and embedding)."""
    from storyweave.services import pair_components

    cache = OUT / f"pair_components-{len(pairs)}.pkl"
    if cache.exists():
        with cache.open("rb") as fh:
            return dict(pickle.load(fh))
    out = {}
    for item in pair_components([(p["pair_id"], p) for p in pairs]):
        if len(item) == 4:
            out[item[0]] = dict(item[2])
    OUT.mkdir(exist_ok=True)
    with cache.open("wb") as fh:
        pickle.dump(out, fh)
    return out


def fit(x: np.ndarray, target: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    """Fractional logit: each row once as a positive weighted by its target and once as a negative."""
    from sklearn.linear_model import LogisticRegression

    rows = np.r_[x, x]
    labels = np.r_[np.ones(len(x)), np.zeros(len(x))]
    weights = np.r_[target, 1.0 - target]
    lr = LogisticRegression(C=c, max_iter=5000).fit(rows, labels, sample_weight=weights)
    return lr.coef_[0], float(lr.intercept_[0])


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def main(argv: list[str] | None = None) -> int:
    from sklearn.model_selection import KFold

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = ap.parse_args(argv)
    with DATA.open(encoding="utf-8") as fh:
        pairs = [json.loads(line) for line in fh if line.strip()]
    comp = components(pairs)
    pairs = [p for p in pairs if p["pair_id"] in comp]
    x = np.array([[comp[p["pair_id"]][k] for k in PAIR_FEATURES] for p in pairs])
    y = np.array([-float(p["overall"]) for p in pairs])
    target = (y + 4.0) / 3.0
    cross = np.array([p["lang1"] != p["lang2"] for p in pairs])
    runs = []
    for seed in range(SHUFFLES):
        pred = np.zeros(len(y))
        for train, test in KFold(FOLDS, shuffle=True, random_state=seed).split(x):
            coef, b = fit(x[train], target[train], args.c)
            pred[test] = 1.0 / (1.0 + np.exp(-(x[test] @ coef + b)))
        runs.append((pearson(pred, y), pearson(pred[cross], y[cross]), pearson(pred[~cross], y[~cross])))
    oof = np.mean(runs, axis=0)
    measured = {
        "pairs": len(y),
        "cross_lingual_pairs": int(cross.sum()),
        "out_of_fold_pearson": round(float(oof[0]), 4),
        "out_of_fold_pearson_cross_lingual": round(float(oof[1]), 4),
        "out_of_fold_pearson_same_language": round(float(oof[2]), 4),
        "cv": f"{FOLDS}-fold x {SHUFFLES} shuffles",
    }
    coef, b = fit(x, target, args.c)
    model = PairModel(
        {k: float(v) for k, v in zip(PAIR_FEATURES, coef, strict=True)},
        b,
        "SemEval-2022 task 8 pairs (917, truncated texts), fractional logit, C=" + str(args.c),
        measured,
    )
    Path(args.out).write_text(json.dumps(model.to_json(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(
        json.dumps({"bench": "train_pair_model", **measured, "coef": model.to_json()["coef"], "intercept": round(b, 3)})
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
