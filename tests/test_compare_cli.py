"""compare, summary, report and the facts/summaries export keys on the stored demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyweave import open_store
from storyweave.cli import cli
from storyweave.services.compare import story_inputs


def _run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == 0, res.output
    return res.output


def _biggest_storyline(db: Path) -> tuple[str, set[str]]:
    with open_store(db, readonly=True) as store:
        line = max(store.list_storylines(limit=100), key=lambda s: (s.size, s.id))
        return line.id, set(store.storyline_article_ids(line.id))


def test_inputs_come_from_the_stored_analyses(demo_db: Path) -> None:
    sid, members = _biggest_storyline(demo_db)
    with open_store(demo_db, readonly=True) as store:
        inputs = story_inputs(store, sid)
    assert {a.id for a in inputs.articles} == members
    assert inputs.entities and inputs.quotes and inputs.dates
    assert all(e.entity_id in inputs.entity_names for e in inputs.entities)
    assert any(q.ledger_id and q.wording for q in inputs.quotes)
    text = {a.id: a.text for a in inputs.articles}
    for e in inputs.entities[:100]:
        assert text[e.article_id][e.start : e.end] == e.text
    assert inputs.timeline is not None and inputs.timeline.entries


def test_compare_shows_every_outlet(demo_db: Path) -> None:
    sid, members = _biggest_storyline(demo_db)
    with open_store(demo_db, readonly=True) as store:
        outlets = {str(store.get_article(a).value("outlet")) for a in members}
    out = _run("compare", sid, "--db", str(demo_db))
    assert "outlet x fact" in out
    for o in outlets:
        assert o[:20] in out


def test_summary_cites_members_only_and_is_deterministic(demo_db: Path) -> None:
    sid, members = _biggest_storyline(demo_db)
    first = json.loads(_run("summary", sid, "--db", str(demo_db), "--sentences", "4", "--json"))
    assert first == json.loads(_run("summary", sid, "--db", str(demo_db), "--sentences", "4", "--json"))
    assert 1 <= len(first["sentences"]) <= 4
    for s in first["sentences"]:
        assert s["article_ids"] and set(s["article_ids"]) <= members
        assert s["outlets"]
    plain = _run("summary", sid, "--db", str(demo_db), "--sentences", "4")
    assert first["sentences"][0]["text"][:30] in " ".join(plain.split())


def test_report_files(demo_db: Path, tmp_path: Path) -> None:
    sid, _ = _biggest_storyline(demo_db)
    html = tmp_path / "r.html"
    _run("report", sid, "--db", str(demo_db), "--format", "html", "-o", str(html))
    page = html.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html") and "data:image/png;base64," in page
    md = tmp_path / "r.md"
    _run("report", sid, "--db", str(demo_db), "--format", "md", "-o", str(md))
    pictures = sorted(p.name for p in tmp_path.glob("r*.png"))
    assert pictures and all(name in md.read_text(encoding="utf-8") for name in pictures)


def test_unknown_story_is_a_clear_error(demo_db: Path) -> None:
    res = CliRunner().invoke(cli, ["summary", "zzzz", "--db", str(demo_db)])
    assert res.exit_code != 0 and "zzzz" in res.output


def test_export_facts_and_summaries(demo_db: Path) -> None:
    data = json.loads(_run("export", "--format", "json", "--db", str(demo_db)))
    ids = {a["id"] for a in data["articles"]}
    events = {e["id"] for e in data["events"]}
    assert data["facts"] and data["summaries"]
    for f in data["facts"]:
        assert {"id", "event_id", "text", "article_ids"} <= set(f)
        assert f["event_id"] in events and set(f["article_ids"]) <= ids and len(f["article_ids"]) >= 1
    assert {s["story_id"] for s in data["summaries"]} == {s["id"] for s in data["storylines"]}
    for s in data["summaries"]:
        for sent in s["sentences"]:
            assert {"text", "article_ids", "outlets"} <= set(sent) and set(sent["article_ids"]) <= ids
    lean = json.loads(_run("export", "--format", "json", "--db", str(demo_db), "--no-coverage"))
    assert "facts" not in lean and "summaries" not in lean
