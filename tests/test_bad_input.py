"""Bad input gets one clear line, the rest of the batch is stored, nothing stored is touched."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyweave import IngestOptions, ingest
from storyweave.storage import SQLiteStore, open_store

from .conftest import JUNK_TEXT, article_html, write_inputs


def _bad_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    f = {}
    f["empty"] = folder / "empty.html"
    f["empty"].write_bytes(b"")
    f["binary"] = folder / "image.html"
    f["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    f["truncated"] = folder / "cut.html.gz"
    f["truncated"].write_bytes(gzip.compress(article_html().encode())[:-40])
    f["bomb"] = folder / "bomb.html.gz"  # small on disk, 30 MB once decompressed
    f["bomb"].write_bytes(gzip.compress(b"<html><body>" + b" " * (30 * 1024 * 1024) + b"</body></html>"))
    f["huge"] = folder / "huge.html"
    f["huge"].write_bytes(b"<html><body><p>" + b"word " * (50 * 1024 * 1024 // 5) + b"</p></body></html>")  # 50 MB
    f["no_article"] = folder / "menu.html"
    f["no_article"].write_text("<html><body><nav><a href='/'>Home</a><a href='/a'>About</a></nav></body></html>")
    f["jsonl"] = folder / "mixed.jsonl"
    f["jsonl"].write_text(
        '{"id": "ok1", "text": "' + "A valid record with enough words to count as an article text. " * 3 + '"}\n'
        '{"id": "broken", "text": "unterminated\n'
        '{"id": "notext", "title": "no body"}\n'
        "[1, 2, 3]\n",
        encoding="utf-8",
    )
    # Latin-1 bytes in a UTF-8 file: decodable, must not be lost
    f["mixed_enc"] = folder / "mixed.txt"
    f["mixed_enc"].write_bytes(JUNK_TEXT.encode("utf-8") + "\n\nLe café du port a fermé à midi.".encode("latin-1"))
    return f


def test_bad_inputs_each_get_a_clear_reason(tmp_path: Path, store: SQLiteStore) -> None:
    files = _bad_files(tmp_path / "bad")
    report = ingest([str(tmp_path / "bad")], store, IngestOptions(workers=1))
    by_source: dict[str, list[str]] = {}
    for p in report.problems:
        by_source.setdefault(Path(p.source).name + (f"#{p.locator}" if p.locator else ""), []).append(p.message)
    assert "empty file" in by_source["empty.html"][0]
    assert "PNG" in by_source["image.html"][0]
    assert "truncated gzip" in by_source["cut.html.gz"][0]
    assert "too large: 50.0 MB > 20 MB limit" in by_source["huge.html"][0]
    assert "too large: over 20 MB" in by_source["bomb.html.gz"][0]
    assert "no article" in by_source["menu.html"][0]
    assert "malformed JSON" in by_source["mixed.jsonl#line 2"][0]
    assert "neither 'text' nor 'html'" in by_source["mixed.jsonl#line 3"][0]
    assert "expected a JSON object" in by_source["mixed.jsonl#line 4"][0]
    # the good record and the mixed-encoding text still made it
    ids = {a.external_id for a in store.iter_articles()}
    assert ids == {"ok1", "mixed"}
    mixed = next(a for a in store.iter_articles() if a.external_id == "mixed")
    assert mixed.extra.get("encoding") == "mixed utf-8/cp1252"
    assert report.ok == 2 and report.failed + report.skipped == len(report.problems) == 9
    # problems are remembered in the store with their reasons
    assert {p.message for p in store.problems()} >= {"empty file"}
    assert len(files) == 8


def test_bad_batch_never_touches_stored_articles(tmp_path: Path, store: SQLiteStore, serial: IngestOptions) -> None:
    write_inputs(tmp_path / "good")
    ingest([str(tmp_path / "good")], store, serial)
    before = [(a.id, a.title, a.text) for a in store.iter_articles()]
    _bad_files(tmp_path / "bad")
    ingest([str(tmp_path / "bad"), str(tmp_path / "good")], store, serial)
    after = [(a.id, a.title, a.text) for a in store.iter_articles()]
    assert after[: len(before)] == before


def test_rerun_is_idempotent(tmp_path: Path, store: SQLiteStore, serial: IngestOptions) -> None:
    write_inputs(tmp_path / "in")
    first = ingest([str(tmp_path / "in")], store, serial)
    n = store.count_articles()
    second = ingest([str(tmp_path / "in")], store, serial)
    assert store.count_articles() == n == first.ok
    assert second.ok == 0 and second.already == n


def test_missing_path_and_empty_glob(store: SQLiteStore, serial: IngestOptions, tmp_path: Path) -> None:
    report = ingest([str(tmp_path / "nope"), str(tmp_path / "*.zzz")], store, serial)
    msgs = sorted(p.message for p in report.problems)
    assert msgs == ["no such file or folder", "pattern matches no file"]


def test_interrupted_run_leaves_consistent_store(tmp_path: Path) -> None:
    """Kill the ingest mid-batch; the store opens fine and a re-run completes it without duplicates."""
    src = tmp_path / "many"
    src.mkdir()
    for i in range(120):
        (src / f"p{i:03d}.html").write_text(article_html(f"Harbour story number {i}"), encoding="utf-8")
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "storyweave", "ingest", str(src), "--db", str(db), "--quiet"]
    cmd += ["--workers", "1", "--batch-size", "4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.02)
        if db.exists():
            with open_store(db) as s:
                if s.count_articles() > 0:
                    break
    proc.send_signal(signal.SIGKILL if os.name == "posix" else signal.SIGTERM)
    proc.wait()
    with open_store(db) as s:
        partial = s.count_articles()
        assert partial < 120
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert "already stored" in done.stdout
    with open_store(db) as s:
        assert s.count_articles() == 120
        assert len({a.id for a in s.iter_articles()}) == 120
        assert s.count_stories()["unplaced"] == 0  # articles stored before the kill were placed by the re-run


@pytest.mark.parametrize("payload", [b"\xff\xfe\x00\x00garbage", b"\x00\x01\x02\x03" * 100])
def test_binary_text_file(tmp_path: Path, store: SQLiteStore, serial: IngestOptions, payload: bytes) -> None:
    f = tmp_path / "weird.txt"
    f.write_bytes(payload)
    report = ingest([str(f)], store, serial)
    assert report.ok == 0 and len(report.problems) == 1


def test_jsonl_limit_is_per_record_not_per_file(tmp_path: Path, store: SQLiteStore) -> None:
    body = "A record with enough words to count as a short article for this test. " * 3
    lines = [json.dumps({"id": f"r{i}", "text": body}) for i in range(50)]
    lines.insert(10, json.dumps({"id": "big", "text": "x" * 5000}))
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    opts = IngestOptions(workers=1, max_bytes=4096)  # the file is far larger than this once decompressed
    report = ingest([str(path)], store, opts)
    assert report.ok == 50
    (problem,) = report.problems
    assert problem.locator == "line 11" and "record too large" in problem.message
