"""Ingest over HTTP: uploaded bytes become files the ordinary pipeline reads.

The pipeline tells a format from a file's name and content, so an upload is written under its
(sanitised) name into a staging folder next to the database, named by the hash of its bytes: the
same upload always gets the same source path, and article ids are content hashes anyway. The folder
is removed once the batch is stored (the store keeps every raw record).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyweave.config import IngestOptions
from storyweave.errors import InputError
from storyweave.pipeline import ingest
from storyweave.storage import SQLiteStore

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def safe_name(name: str | None, default: str) -> str:
    """A plain file name from whatever a client sent: no folders, no dot files, at most 100 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip("._")[:100]
    return base or default


def ingest_uploads(store: SQLiteStore, uploads: Sequence[Upload], options: IngestOptions) -> dict[str, Any]:
    """Ingest ``uploads`` into ``store`` (a writable one) and report the counts and every problem."""
    if not uploads or all(not u.data for u in uploads):
        raise InputError("nothing to ingest: the upload is empty")
    digest = hashlib.sha256()
    for u in uploads:
        digest.update(u.name.encode("utf-8") + b"\0" + hashlib.sha256(u.data).digest())
    folder = store.path.resolve().parent / ".storyweave-uploads" / digest.hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    try:
        paths = []
        for i, u in enumerate(uploads):
            target = folder / (u.name if len(uploads) == 1 else f"{i:03d}-{u.name}")
            target.write_bytes(u.data)
            paths.append(str(target))
        report = ingest(paths, store, options)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "files": report.files,
        "added": report.ok,
        "already": report.already,
        "skipped": report.skipped,
        "failed": report.failed,
        "problems": [
            {"source": Path(p.source).name, "locator": p.locator, "status": p.status, "message": p.message}
            for p in report.problems
        ],
        "summary": report.summary(),
    }
