"""Ingest stage: find input files, tell their format, and read them into :class:`Document` records.

Every reader yields either a Document or an :class:`InputProblem`; a broken
file or record never stops the others.
"""

from __future__ import annotations

import glob
import gzip
import logging
import os
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyweave.config import IngestOptions
from storyweave.errors import InputError
from storyweave.ids import document_id
from storyweave.models import ContentKind, Document, InputProblem
from storyweave.stages import readers
from storyweave.stages.decode import decode_bytes

log = logging.getLogger(__name__)

HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_EXT = {".txt", ".text", ".wet", ".md"}
JSONL_EXT = {".jsonl", ".ndjson"}
JSON_EXT = {".json"}
FEED_EXT = {".rss", ".atom", ".xml", ".feed"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
KNOWN_EXT = HTML_EXT | TEXT_EXT | JSONL_EXT | JSON_EXT | FEED_EXT
#: Files skipped silently when walking folders (not when named explicitly).
_IGNORED_NAMES = {".DS_Store", "Thumbs.db"}


@dataclass(frozen=True)
class InputFile:
    path: Path
    given: str  # how the user named it (kept as the article's ``source``)
    size: int


def discover(paths: Sequence[str]) -> tuple[list[InputFile], list[InputProblem]]:
    """Expand files, folders (recursively) and glob patterns into a sorted, de-duplicated file list."""
    files: dict[Path, InputFile] = {}
    problems: list[InputProblem] = []

    def add(p: Path, given: str) -> None:
        try:
            real = p.resolve()
            if real not in files:
                files[real] = InputFile(p, given, p.stat().st_size)
        except OSError as exc:
            problems.append(InputProblem(given, "failed", f"cannot read: {exc.strerror or exc}"))

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for sub in sorted(p.rglob("*")):
                if sub.is_file() and sub.name not in _IGNORED_NAMES and not sub.name.startswith("."):
                    add(sub, str(sub))
        elif p.is_file():
            add(p, raw)
        elif glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                problems.append(InputProblem(raw, "failed", "pattern matches no file"))
            for m in matches:
                mp = Path(m)
                if mp.is_file():
                    add(mp, m)
                elif mp.is_dir():
                    for sub in sorted(mp.rglob("*")):
                        if sub.is_file() and not sub.name.startswith("."):
                            add(sub, str(sub))
        else:
            problems.append(InputProblem(raw, "failed", "no such file or folder"))
    return sorted(files.values(), key=lambda f: f.given), problems


def strip_extensions(name: str) -> str:
    """``page.html.gz`` -> ``page``; ``feed.atom`` -> ``feed``."""
    base = name
    for _ in range(3):
        stem, ext = os.path.splitext(base)
        if not ext or ext.lower() not in KNOWN_EXT | {".gz", ".warc", ".arc"}:
            break
        base = stem
    return base


def _read_limited(path: Path, limit: int) -> bytes:
    """Read a file, transparently gunzipping ``.gz``; enforce the size limit on the result."""
    if path.suffix.lower() == ".gz":
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read(limit + 1)
        except EOFError as exc:
            raise InputError("truncated gzip file (ends before the compressed data does)") from exc
        except (OSError, zlib.error) as exc:
            raise InputError(f"not a valid gzip file ({exc})") from exc
    else:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"too large: over {limit // (1024 * 1024)} MB (raise the limit with --max-size)")
    return data


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        if b"<rss" in head or b"<feed" in head or b"<rdf" in head:
            return "feed"
        return "html" if b"<html" in head else "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head[:512]:
        return "html"
    return "text"


def detect_format(path: Path, data: bytes) -> str:
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    base = name[:-3] if name.endswith(".gz") else name
    ext = os.path.splitext(base)[1]
    if ext in HTML_EXT:
        return "html"
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in JSON_EXT:
        return "json"
    if ext in FEED_EXT:
        sniffed = _sniff(data)
        return "html" if sniffed == "html" else "feed"
    if ext in TEXT_EXT:
        return "text"
    sniffed = _sniff(data)
    if sniffed == "json":
        return "jsonl" if b"\n{" in data[:65536].strip() else "json"
    return sniffed


def _is_jsonl_name(name: str) -> bool:
    low = name.lower()
    base = low[:-3] if low.endswith(".gz") else low
    return os.path.splitext(base)[1] in JSONL_EXT


def _stream_jsonl(f: InputFile, options: IngestOptions) -> Iterator[Document | InputProblem]:
    """A JSON Lines file of any size, plain or gzipped, read one line at a time."""
    opener = gzip.open if f.path.suffix.lower() == ".gz" else open
    try:
        with opener(f.path, "rb") as fh:
            yield from readers.read_jsonl(fh, f.given, strip_extensions(f.path.name), options)
    except EOFError:
        yield InputProblem(f.given, "failed", "truncated gzip file (ends before the compressed data does)")
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield InputProblem(f.given, "failed", f"not a valid gzip file ({exc})")


def read_file(f: InputFile, options: IngestOptions) -> Iterator[Document | InputProblem]:
    """Yield the documents in one input file, or problems saying why there are none."""
    src = f.given
    try:
        if f.size == 0:
            yield InputProblem(src, "skipped", "empty file")
            return
        if _is_jsonl_name(f.path.name):
            yield from _stream_jsonl(f, options)
            return
        if f.size > options.max_bytes and not f.path.name.lower().endswith(WARC_SUFFIXES):
            mb = f.size / (1024 * 1024)
            limit = options.max_bytes // (1024 * 1024)
            yield InputProblem(src, "skipped", f"too large: {mb:.1f} MB > {limit} MB limit (raise it with --max-size)")
            return
        if f.path.name.lower().endswith(WARC_SUFFIXES):
            yield from readers.read_warc(f.path, src, options)
            return
        data = _read_limited(f.path, options.max_bytes)
        if not data.strip():
            yield InputProblem(
                src, "skipped", "empty file" + (" (after decompression)" if f.path.suffix == ".gz" else "")
            )
            return
        fmt = detect_format(f.path, data)
        ext_id = strip_extensions(f.path.name)
        if fmt == "warc":
            yield from readers.read_warc(f.path, src, options)
        elif fmt == "jsonl":
            yield from readers.read_jsonl(data.splitlines(), src, ext_id, options)
        elif fmt == "json":
            yield from readers.read_json(data, src, ext_id, options)
        elif fmt == "feed":
            yield from readers.read_feed(data, src, options)
        else:
            text, how = decode_bytes(data, html=fmt == "html")
            if not text.strip():
                yield InputProblem(src, "skipped", "no text in file")
                return
            kind: ContentKind = "html" if fmt == "html" else "text"
            extra = {"encoding": how} if how != "utf-8" else {}
            yield Document(
                id=document_id(data),
                source=src,
                external_id=ext_id,
                input_format=fmt,
                kind=kind,
                content=text,
                raw=data,
                extra=extra,
            )
    except InputError as exc:
        yield InputProblem(src, "failed", str(exc))
    except OSError as exc:
        yield InputProblem(src, "failed", f"cannot read: {exc.strerror or exc}")
