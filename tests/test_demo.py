"""The bundled demo corpus: everything ingests, matches its gold, and ingesting in halves changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from bench.demo_metadata import evaluate
from storyweave import IngestOptions, ingest, open_store
from storyweave.demo import CORPUS_DIR, GOLD_PATH

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))["demo_metadata"]


def test_demo_metadata_meets_floors() -> None:
    figures = evaluate(workers=2)
    assert figures["stored"] == figures["articles"] == 45
    assert figures["missing"] == 0 and figures["problems"] == 0
    for field, floor in FLOORS.items():
        assert figures[field] >= floor, f"demo corpus {field} accuracy {figures[field]} < pinned floor {floor}"


def test_halves_give_the_same_store_as_one_run(tmp_path: Path) -> None:
    files = sorted(str(p) for p in CORPUS_DIR.rglob("*") if p.is_file())
    opts = IngestOptions(workers=1, show_progress=False)
    with open_store(tmp_path / "once.db") as once:
        ingest(files, once, opts)
        whole = {a.id: a.to_export() for a in once.iter_articles()}
        whole_stories = once.story_assignments()
    with open_store(tmp_path / "halves.db") as halves:
        ingest(files[: len(files) // 2], halves, opts)
        ingest(files[len(files) // 2 :], halves, opts)
        ingest(files, halves, opts)  # and a full re-run adds nothing
        split = {a.id: a.to_export() for a in halves.iter_articles()}
        split_stories = halves.story_assignments()
    assert whole == split
    assert whole_stories == split_stories  # same events, storylines and wire groups, ids included
    gold = json.loads(GOLD_PATH.read_text(encoding="utf-8"))["articles"]
    assert {a["external_id"] for a in whole.values()} == set(gold)
