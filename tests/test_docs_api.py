"""Public API and docs stay in step with the code."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import storyweave
from storyweave.cli.reference import render

ROOT = Path(__file__).resolve().parents[1]


def test_all_matches_public_names() -> None:
    public = {
        n
        for n in dir(storyweave)
        if not n.startswith("_") and n != "annotations" and not inspect.ismodule(getattr(storyweave, n))
    }
    assert set(storyweave.__all__) - {"__version__"} == public
    assert sorted(storyweave.__all__, key=str.lower) == sorted(set(storyweave.__all__), key=str.lower)


def test_cli_reference_is_current() -> None:
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == render(), (
        "docs/cli.md is stale: run `python -m storyweave.cli.reference > docs/cli.md`"
    )


def test_readme_mentions_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in re.findall(r"^## storyweave (\S+)", render(), flags=re.M):
        assert f"storyweave {name}" in readme, f"README does not mention `storyweave {name}`"


def test_export_fields_documented() -> None:
    doc = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    from storyweave.services import CSV_COLUMNS

    for field in CSV_COLUMNS:
        assert f"`{field}`" in doc, f"docs/export.md does not describe `{field}`"
