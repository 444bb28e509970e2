"""Fit the event-assignment model on the ECB+ training topics and write ``stages/data/story_model.json``.

Teacher forcing over the training documents in the engine's order: each document is compared
with every gold event formed so far (its own event is the positive, the others negatives, hard
ones included: every ECB+ topic holds two similar events), with the same signals and rarity
weights the engine computes. A logistic regression weighs the signals; then the join threshold
is the one whose incremental clustering (the real :class:`StoryEngine`) scores the best BCubed F1
on the training topics. The dev topics are never read here. The storyline threshold is chosen on
the demo corpus's storylines (``--storyline`` to set it by hand).

    .venv/bin/python -m bench.train_story_model [--out PATH] [--c 1.0]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from bench.metrics import cluster_scores
from bench.story_data import ecb_article, ecb_docs, features_for
from storyweave.stages.cluster import MemoryState, StoryEngine
from storyweave.stages.similarity import (
    FEATURES,
    LEXICAL,
    EventProfile,
    StoryModel,
    event_signals,
    rarity_weights,
)

#: Candidates kept per document for training: the closest ones by vector and words (hard negatives).
HARD_NEGATIVES = 5
MODEL_PATH = Path(__file__).resolve().parents[1] / "storyweave" / "stages" / "data" / "story_model.json"


def training_rows(feats: list[Any], gold: dict[str, str]) -> tuple[np.ndarray, np.ndarray]:
    rows: list[list[float]] = []
    labels: list[int] = []
    events: dict[str, EventProfile] = {}
    df: Counter[str] = Counter()
    for total, f in enumerate(sorted(feats, key=lambda x: x.order)):
        weights = rarity_weights(df, total, f.keys)
        scored = []
        for ev_id in sorted(events):
            sig = event_signals(f, events[ev_id], weights)
            scored.append((sig["cos_max"] + sig["lex_max"], ev_id, sig))
        # the decision is made among the closest events: train on those (the true one always included)
        scored.sort(key=lambda t: (-t[0], t[1]))
        for rank, (_, ev_id, sig) in enumerate(scored):
            if rank < HARD_NEGATIVES or ev_id == gold[f.article_id]:
                rows.append([sig[k] for k in FEATURES])
                labels.append(int(ev_id == gold[f.article_id]))
        events.setdefault(gold[f.article_id], EventProfile(id=gold[f.article_id])).add(f)
        df.update(set(f.keys))
    return np.array(rows, dtype=float), np.array(labels)


def run_engine(feats: list[Any], model: StoryModel) -> MemoryState:
    state = MemoryState()
    state.remember(feats)
    StoryEngine(state, model).place(feats)
    return state


def demo_features() -> tuple[list[Any], dict[str, str]]:
    """The demo corpus's story features (via a real ingest, clustering off) and its gold storylines."""
    import tempfile

    from storyweave import IngestOptions, ingest, open_store
    from storyweave.demo import CORPUS_DIR, GOLD_PATH
    from storyweave.storage.stories import SQLiteStoryState

    gold = json.loads(GOLD_PATH.read_text(encoding="utf-8"))["articles"]
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "demo.db") as store:
        ingest([str(CORPUS_DIR)], store, IngestOptions(workers=2, show_progress=False, cluster=False))
        feats = SQLiteStoryState(store.conn).pending(10_000)
        ext = {a.id: a.external_id for a in store.iter_articles()}
    labels = {f.article_id: str(gold[ext[f.article_id]]["storyline"] or f"none-{f.article_id}") for f in feats}
    return feats, labels


def storyline_grid(model: StoryModel) -> list[tuple[float, float]]:
    """Storyline BCubed F1 on the demo corpus for each storyline threshold."""
    feats, labels = demo_features()
    out = []
    for t in np.round(np.arange(0.02, 0.61, 0.02), 2):
        state = run_engine(feats, replace(model, storyline=float(t)))
        out.append((cluster_scores(labels, state.storyline_clusters())["bcubed_f1"], float(t)))
    return out


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--storyline", type=float, default=None, help="storyline threshold (default: chosen on demo)")
    args = ap.parse_args(argv)
    docs = [d for d in ecb_docs() if d["split"] == "train"]
    arts = [ecb_article(d) for d in docs]
    feats = features_for(arts)
    gold = {d["doc_id"]: d["subtopic"] for d in docs}
    x, y = training_rows(feats, gold)
    lr = LogisticRegression(C=args.c, max_iter=2000)
    lr.fit(x, y)
    coef = {k: float(c) for k, c in zip(FEATURES, lr.coef_[0], strict=True)}
    keep = [i for i, k in enumerate(FEATURES) if k not in LEXICAL]
    lr_xl = LogisticRegression(C=args.c, max_iter=2000).fit(x[:, keep], y)
    coef_xl = {FEATURES[i]: float(c) for i, c in zip(keep, lr_xl.coef_[0], strict=True)}
    extra = {"coef_xl": coef_xl, "intercept_xl": float(lr_xl.intercept_[0])}
    grid = []
    for join in np.round(np.arange(0.1, 0.71, 0.05), 2):
        for merge in (0.5, 0.7, 0.8, 0.9, 0.95, 1.01):
            if merge < join:
                continue
            model = StoryModel(coef, float(lr.intercept_[0]), float(join), 0.5, merge=float(merge), **extra)
            state = run_engine(feats, model)
            grid.append((cluster_scores(gold, state.clusters())["bcubed_f1"], float(join), float(merge)))
    best_f1, best_join, best_merge = max(grid, key=lambda t: (t[0], -t[1], t[2]))
    model = StoryModel(coef, float(lr.intercept_[0]), best_join, 0.5, "ECB+ train topics", merge=best_merge, **extra)
    story_grid = [] if args.storyline is not None else storyline_grid(model)
    storyline = args.storyline if args.storyline is not None else max(story_grid, key=lambda t: (t[0], t[1]))[1]
    model = replace(model, storyline=round(float(storyline), 3), trained_on="ECB+ train topics; storylines: demo")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(model.to_json(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps({"grid": grid, "storyline_grid": story_grid}), file=sys.stderr)
    print(
        json.dumps(
            {
                "bench": "train_story_model",
                "rows": len(y),
                "positives": int(y.sum()),
                "coef": {k: round(v, 3) for k, v in coef.items()},
                "intercept": round(float(lr.intercept_[0]), 3),
                "join": best_join,
                "merge": best_merge,
                "train_bcubed_f1": best_f1,
                "storyline": model.storyline,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
