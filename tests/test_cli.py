"""The CLI in-process: each command, its output and its exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from storyweave.cli import cli

from .conftest import write_inputs


def _run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


def test_ingest_list_show_export(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in")
    db = str(tmp_path / "cli.db")
    code, out, _ = _run("ingest", str(tmp_path / "in"), "--db", db, "--workers", "1")
    assert code == 0 and "articles added" in out
    code, out, _ = _run("ingest", str(tmp_path / "in"), "--db", db, "--workers", "1", "--quiet")
    assert "0 articles added" in out

    code, out, _ = _run("articles", "--db", db, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) >= 8
    assert {"id", "outlet", "published", "language", "title"} <= set(rows[0])
    code, out, _ = _run("articles", "--db", db, "--language", "fr")
    assert "Nouvelle grève" in out and "of 1 articles" in out

    aid = next(r["id"] for r in rows if r["external_id"] == "harbour")
    code, out, _ = _run("show", aid[:8], "--db", db)
    assert code == 0 and "Valmora harbour approves dredging plan" in out and "published" in out
    code, out, _ = _run("show", aid, "--db", db, "--json")
    assert json.loads(out)["provenance"]["title"]["source"]

    code, out, _ = _run("export", "--format", "json", "--db", db)
    data = json.loads(out)
    assert {"articles", "events", "storylines", "wire_groups"} <= set(data) and len(data["articles"]) == len(rows)
    need = {
        "id",
        "external_id",
        "source",
        "url",
        "outlet",
        "title",
        "byline",
        "agencies",
        "published",
        "published_source",
        "language",
        "text",
    }
    assert all(need <= set(a) for a in data["articles"])
    code, out, _ = _run("export", "--format", "jsonl", "--db", db)
    assert len(out.splitlines()) == len(rows)
    target = tmp_path / "out.csv"
    code, _, err = _run("export", "--format", "csv", "--db", db, "-o", str(target))
    table = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(table) == len(rows) and "wrote" in err


def test_extract_one_file(tmp_path: Path) -> None:
    files = write_inputs(tmp_path / "in")
    code, out, _ = _run("extract", str(files["html"]), "--json")
    assert code == 0
    (art,) = json.loads(out)
    assert art["title"] == "Valmora harbour approves dredging plan"
    code, out, _ = _run("extract", str(files["text"]))
    assert code == 0 and "two metres" in out
    assert not list(tmp_path.glob("*.db"))


def test_errors_are_one_clear_line(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["show", "abc", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1 and "no such database" in res.stderr and "Traceback" not in res.output
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = CliRunner().invoke(cli, ["ingest", str(empty), "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 0 and f"skipped {empty}: empty file" in res.stderr and "1 skipped" in res.stdout
    binary = tmp_path / "blob.html"
    binary.write_bytes(b"%PDF-1.4 binary")
    res = CliRunner().invoke(cli, ["ingest", str(binary), "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 1 and f"failed {binary}: not text: looks like a PDF document" in res.stderr


def test_stats(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in")
    db = str(tmp_path / "s.db")
    _run("ingest", str(tmp_path / "in"), "--db", db, "--workers", "1")
    code, out, _ = _run("stats", "--db", db)
    assert code == 0 and "articles in" in out and "Example News" in out and "jsonl" in out
    code, out, _ = _run("stats", "--db", db, "--json")
    data = json.loads(out)
    assert data["formats"]["jsonl"] == 2 and data["problem_list"][0]["message"].startswith("entry has no content")
