"""Entities, quotes, dates and timelines through the store and the CLI, on the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyweave.cli import cli


def _run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == 0, res.output
    return res.output


def test_entities_merge_spellings_across_outlets_and_languages(demo_db: Path) -> None:
    rows = [json.loads(x) for x in _run("entities", "--db", str(demo_db), "--type", "person", "--json").splitlines()]
    president = next(r for r in rows if "Vasylenko" in r["variants"])
    # one entity for the spellings of five outlets in four languages (demo/README.md lists them)
    assert {"Vasilenko", "Wassylenko", "Vassylenko", "Vasilenka"} <= {v.split()[-1] for v in president["variants"]}
    assert president["outlets"] >= 7
    # the opposition leader and her jailed husband share a surname but are two people
    marchuks = [r for r in rows if any(v.endswith(("Marchuk", "Martchouk")) for v in r["variants"])]
    assert len({r["id"] for r in marchuks}) >= 2


def test_entity_view_and_quotes(demo_db: Path) -> None:
    view = json.loads(_run("entity", "Vasylenko", "--db", str(demo_db), "--json"))
    assert view["type"] == "person" and len(view["spellings_by_outlet"]) >= 7
    assert view["quotes_by"] and view["stories"]
    quotes = [json.loads(x) for x in _run("quotes", "--db", str(demo_db), "--json", "--limit", "1000").splitlines()]
    assert {q["kind"] for q in quotes} >= {"direct", "indirect"}
    by_ledger: dict[str, set[str]] = {}
    for q in quotes:
        if q["ledger_id"]:
            by_ledger.setdefault(q["ledger_id"], set()).add(q["outlet"])
    # at least one utterance carried by several outlets (translations included) is one ledger entry
    assert max(len(v) for v in by_ledger.values()) >= 3


def test_dates_and_timeline(demo_db: Path) -> None:
    stories = [
        json.loads(x) for x in _run("stories", "--db", str(demo_db), "--level", "storyline", "--json").splitlines()
    ]
    biggest = stories[0]
    articles = json.loads(_run("story", biggest["id"], "--db", str(demo_db), "--json"))
    first = articles["events"][0]["articles"][0]["id"]
    dates = json.loads(_run("dates", first, "--db", str(demo_db), "--json"))
    assert dates["anchor_source"] in {"stated", "inferred", "none"} and dates["mentions"]
    assert all({"text", "value", "type", "resolution"} <= set(m) for m in dates["mentions"])
    tl = json.loads(_run("timeline", biggest["id"], "--db", str(demo_db), "--format", "json"))
    entries = tl["timeline"]
    assert entries and all(e["article_ids"] for e in entries)
    dates_in_order = [e["date"] for e in entries if not e["background"] and len(e["date"]) == 10]
    assert dates_in_order == sorted(dates_in_order)
    assert "##" in _run("timeline", biggest["id"], "--db", str(demo_db), "--format", "md")


def test_export_has_every_analysis_key(demo_db: Path) -> None:
    data = json.loads(_run("export", "--format", "json", "--db", str(demo_db)))
    assert {"articles", "wire_groups", "events", "storylines", "entities", "quotes", "dates"} <= set(data)
    ids = {a["id"] for a in data["articles"]}
    ent = data["entities"][0]
    assert {"id", "name", "type", "variants", "mentions"} <= set(ent)
    assert {m["article_id"] for e in data["entities"] for m in e["mentions"]} <= ids
    q = data["quotes"][0]
    keys = {"id", "article_id", "text", "start", "end", "kind", "cue", "speaker_text", "speaker", "speaker_entity_id"}
    assert keys | {"ledger_id"} <= set(q)
    by_id = {a["id"]: a for a in data["articles"]}
    for d in data["dates"][:50]:
        assert by_id[d["article_id"]]["text"][d["start"] : d["end"]] == d["text"]
    for q in data["quotes"][:50]:
        span = by_id[q["article_id"]]["text"][q["start"] : q["end"]]
        assert q["text"][:12] in span  # a quote split by its attribution is its parts joined
