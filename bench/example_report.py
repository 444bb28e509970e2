"""Write the example story report committed under docs/examples/ from the bundled demo corpus.

Ingests the demo corpus into a temporary store with the real pipeline, takes the largest storyline, runs the
per-article stages over it (:func:`storyweave.services.compare.story_inputs`) and writes the report as HTML
(pictures embedded as base64 PNG) and as Markdown (pictures as PNG files next to it). Prints one JSON line.

    .venv/bin/python -m bench.example_report [--out docs/examples] [--sentences 6]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from storyweave import IngestOptions, ingest, open_store
from storyweave.demo import CORPUS_DIR
from storyweave.services.compare import story_inputs
from storyweave.stages.compare import compare_story
from storyweave.stages.report import ReportOptions, build_report, write_report
from storyweave.stages.summarize import ExtractiveSummarizer


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="docs/examples")
    ap.add_argument("--name", default="demo-storyline-report")
    ap.add_argument("--sentences", type=int, default=6)
    args = ap.parse_args(argv)
    out = Path(args.out)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "demo.db") as store:
        ingest([str(CORPUS_DIR)], store, IngestOptions(workers=2, show_progress=False))
        line = max(store.list_storylines(limit=500), key=lambda s: (s.size, s.id))
        t0 = time.perf_counter()
        inputs = story_inputs(store, line.id)
    t1 = time.perf_counter()
    report = compare_story(inputs)
    summary = ExtractiveSummarizer().summarize(report, sentences=args.sentences, timeline=inputs.timeline)
    opts = ReportOptions(sentences=args.sentences, images="files", image_prefix=args.name)
    written = write_report(
        build_report(inputs, "html", options=opts, report=report, summary=summary), out / f"{args.name}.html"
    )
    written += write_report(
        build_report(inputs, "md", options=opts, report=report, summary=summary), out / f"{args.name}.md"
    )
    t2 = time.perf_counter()
    print(
        json.dumps(
            {
                "storyline": line.id,
                "articles": len(inputs.articles),
                "facts": len(report.facts),
                "shared_facts": len(report.shared_facts()),
                "stages_s": round(t1 - t0, 2),
                "report_s": round(t2 - t1, 2),
                "files": [str(p) for p in written],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
