"""Every supported input type goes in and comes out as an attributed article."""

from __future__ import annotations

from pathlib import Path

from storyweave import IngestOptions, ingest
from storyweave.pipeline import extract_file
from storyweave.storage import SQLiteStore

from .conftest import write_inputs


def _by_external(store: SQLiteStore) -> dict[str, dict]:
    return {a.external_id: a.to_export() for a in store.iter_articles()}


def test_every_format_is_ingested(tmp_path: Path, store: SQLiteStore, serial: IngestOptions) -> None:
    files = write_inputs(tmp_path / "in")
    report = ingest([str(tmp_path / "in")], store, serial)
    arts = _by_external(store)
    formats = {a["input_format"] for a in arts.values()}
    assert formats == {"html", "text", "jsonl", "json", "feed", "warc"}
    assert report.files == len(files)
    # the RSS entry without content is skipped, with a reason, the rest stored
    assert report.skipped == 1 and report.failed == 0
    assert "no content" in report.problems[0].message


def test_html_metadata_comes_from_structured_data(tmp_path: Path, store: SQLiteStore, serial: IngestOptions) -> None:
    write_inputs(tmp_path / "in")
    ingest([str(tmp_path / "in")], store, serial)
    art = _by_external(store)["harbour"]
    assert art["title"] == "Valmora harbour approves dredging plan"
    assert art["published"].startswith("2025-03-11")
    assert art["byline"] == "Tomas Reyl"
    assert art["language"] == "en"
    assert "dredging plan on Tuesday" in art["text"]
    assert "Home" not in art["text"] and "All rights reserved" not in art["text"]
    assert art["provenance"]["title"]["source"] != "input"


def test_gzipped_html_and_title_suffix(tmp_path: Path, store: SQLiteStore, serial: IngestOptions) -> None:
    write_inputs(tmp_path / "in")
    ingest([str(tmp_path / "in")], store, serial)
    art = _by_external(store)["harbour2"]
    assert art["title"] == "Second look at the Valmora dredging plan"


def test_jsonl_fields_and_unknown_fields(tmp_path: Path, store: SQLiteStore, serial: IngestOptions) -> None:
    write_inputs(tmp_path / "in")
    ingest([str(tmp_path / "in")], store, serial)
    arts = _by_external(store)
    r1 = arts["r1"]
    assert r1["outlet"] == "Example News" and r1["published"] == "2025-03-12"
    assert r1["published_source"] == "input"
    assert r1["extra"] == {"section": "port"}
    assert r1["source_record"] == "line 1"
    r2 = arts["r2"]
    assert r2["language"] == "fr" and r2["published"] == "2025-03-13T08:00:00Z"
    # a given text is taken as clean: kept as given
    assert r2["text"].startswith("Les dockers de Valmora")


def test_json_record_with_html(tmp_path: Path, store: SQLiteStore, serial: IngestOptions) -> None:
    write_inputs(tmp_path / "in")
    ingest([str(tmp_path / "in")], store, serial)
    art = _by_external(store)["j1"]
    assert art["title"] == "Port budget vote delayed" and art["input_format"] == "json"


def test_feeds(tmp_path: Path, store: SQLiteStore, serial: IngestOptions) -> None:
    write_inputs(tmp_path / "in")
    ingest([str(tmp_path / "in")], store, serial)
    arts = _by_external(store)
    rss = next(a for a in arts.values() if a["url"] == "https://harbour.example.com/dredging-may")
    assert rss["title"] == "Dredging work to start in May"
    assert rss["published"] == "2025-03-12T10:00:00Z" and rss["published_source"] == "feed"
    assert rss["outlet"] == "Harbour Weekly" and rss["language"] == "en"
    assert "Mara Lind" in (rss["byline"] or "")
    atom = arts["urn:port-watch:1"]
    assert atom["byline"] == "Jon Brask" and atom["url"] == "https://portwatch.example.net/union-strike"
    assert "<p>" not in atom["text"] and "two metres" in atom["text"]


def test_warc_html_records_only(tmp_path: Path, store: SQLiteStore, serial: IngestOptions) -> None:
    write_inputs(tmp_path / "in")
    ingest([str(tmp_path / "in")], store, serial)
    warc = [a for a in _by_external(store).values() if a["input_format"] == "warc"]
    assert len(warc) == 1  # the PNG response is ignored
    art = warc[0]
    assert art["url"] == "https://courier.example.com/a"
    assert art["provenance"]["fetched"]["value"] == "2025-03-15T08:00:00Z"
    assert art["title"] == "Harbour plan wins backing"


def test_scraped_text_is_cleaned(tmp_path: Path, store: SQLiteStore, serial: IngestOptions) -> None:
    write_inputs(tmp_path / "in")
    ingest([str(tmp_path / "in")], store, serial)
    art = _by_external(store)["scraped"]
    assert art["input_format"] == "text"
    assert "two metres" in art["text"]
    for junk in ("Breaking News", "Subscribe", "All rights reserved", "Ten recipes"):
        assert junk not in art["text"]


def test_extract_file_needs_no_store(tmp_path: Path) -> None:
    files = write_inputs(tmp_path / "in")
    results = extract_file(str(files["jsonl"]), IngestOptions(workers=1))
    assert [getattr(r, "external_id", None) for r in results] == ["r1", "r2"]


def test_same_output_twice(tmp_path: Path, serial: IngestOptions) -> None:
    """Determinism: same input and config give the same articles, ids included."""
    from storyweave.storage import open_store

    write_inputs(tmp_path / "in")
    exports = []
    for name in ("one.db", "two.db"):
        with open_store(tmp_path / name) as s:
            ingest([str(tmp_path / "in")], s, serial)
            exports.append(sorted((a.id, a.title, a.text, a.published) for a in s.iter_articles()))
    assert exports[0] == exports[1]


def test_worker_pool_matches_serial(tmp_path: Path, serial: IngestOptions) -> None:
    from storyweave.storage import open_store

    write_inputs(tmp_path / "in")
    results = []
    for name, opts in (("serial.db", serial), ("pool.db", serial.with_(workers=2, batch_size=3))):
        with open_store(tmp_path / name) as s:
            ingest([str(tmp_path / "in")], s, opts)
            results.append([(a.id, a.title, a.text) for a in s.iter_articles()])
    assert results[0] == results[1]


def test_feed_title_section_is_not_the_outlet() -> None:
    from storyweave.stages.readers import _feed_outlet

    assert _feed_outlet("Lakeview Gazette - Opinion", "https://www.lakeviewgazette.example.com/") == "Lakeview Gazette"
    assert _feed_outlet("Opinion | Lakeview Gazette", "https://lakeviewgazette.example.com/feed") == "Lakeview Gazette"
    # no segment matches the domain: keep the whole title
    assert _feed_outlet("Morning Brief - Daily", "https://news.example.org/") == "Morning Brief - Daily"
