"""Readers for multi-record inputs: JSON Lines / JSON exports, WARC archives, RSS/Atom feeds."""

from __future__ import annotations

import calendar
import json
import logging
import re
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyweave.config import IngestOptions
from storyweave.errors import InputError
from storyweave.ids import document_id
from storyweave.models import ContentKind, Document, Field, InputProblem
from storyweave.stages.decode import decode_bytes

log = logging.getLogger(__name__)

#: Record fields with a meaning; any other field is kept in ``extra``.
KNOWN_FIELDS = {"id", "url", "title", "text", "html", "published", "outlet", "language", "byline", "author", "agencies"}
_HINT_FIELDS = {"url": "url", "title": "title", "published": "published", "outlet": "outlet", "language": "language"}


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def record_document(
    rec: Any, *, source: str, locator: str, default_id: str, input_format: str, options: IngestOptions
) -> Document:
    """One JSON record (an object) -> Document. Raises InputError with a clear reason."""
    if not isinstance(rec, dict):
        raise InputError(f"expected a JSON object, got {type(rec).__name__}")
    html = rec.get("html")
    text = rec.get("text")
    if html is not None and not isinstance(html, str):
        raise InputError("field 'html' must be a string")
    if text is not None and not isinstance(text, str):
        raise InputError("field 'text' must be a string")
    kind: ContentKind
    if html and html.strip():
        kind, content = "html", html
    elif text and text.strip():
        kind, content = ("text" if options.extract.clean_given_text else "clean-text"), text
    else:
        raise InputError("record has neither 'text' nor 'html'")
    hints: dict[str, Field] = {}
    for key, name in _HINT_FIELDS.items():
        value = rec.get(key)
        if isinstance(value, str) and value.strip():
            hints[name] = Field(value.strip(), "input")
    byline = rec.get("byline") or rec.get("author")
    if isinstance(byline, str) and byline.strip():
        hints["byline"] = Field(byline.strip(), "input")
    agencies = rec.get("agencies")
    if isinstance(agencies, list) and all(isinstance(a, str) for a in agencies) and agencies:
        hints["agencies"] = Field(sorted(set(agencies)), "input")
    rid = rec.get("id")
    external_id = str(rid) if rid is not None and str(rid).strip() else default_id
    return Document(
        id=document_id(_canonical(rec)),
        source=source,
        locator=locator,
        external_id=external_id,
        input_format=input_format,
        kind=kind,
        content=content,
        raw=_canonical(rec),
        hints=hints,
        extra={k: v for k, v in sorted(rec.items()) if k not in KNOWN_FIELDS},
    )


def read_jsonl(
    lines: Iterable[bytes], source: str, stem: str, options: IngestOptions
) -> Iterator[Document | InputProblem]:
    """JSON Lines, streamed: memory holds one record at a time, and the size limit applies per record."""
    for lineno, raw_line in enumerate(lines, 1):
        if not raw_line.strip():
            continue
        loc = f"line {lineno}"
        if len(raw_line) > options.max_bytes:
            yield InputProblem(source, "skipped", "record too large (raise the limit with --max-size)", loc)
            continue
        try:
            line, _ = decode_bytes(raw_line)
            rec = json.loads(line)
        except InputError as exc:
            yield InputProblem(source, "failed", str(exc), loc)
            continue
        except json.JSONDecodeError as exc:
            yield InputProblem(source, "failed", f"malformed JSON ({exc.msg} at column {exc.colno})", loc)
            continue
        try:
            yield record_document(
                rec, source=source, locator=loc, default_id=f"{stem}:{lineno}", input_format="jsonl", options=options
            )
        except InputError as exc:
            yield InputProblem(source, "failed", str(exc), loc)


def read_json(data: bytes, source: str, stem: str, options: IngestOptions) -> Iterator[Document | InputProblem]:
    text, _ = decode_bytes(data)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputProblem(source, "failed", f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
        records = obj["articles"]  # storyweave's own export, or a look-alike
    elif isinstance(obj, list):
        records = obj
    elif isinstance(obj, dict):
        records = [obj]
    else:
        yield InputProblem(source, "failed", "JSON holds neither an object nor a list of objects")
        return
    for i, rec in enumerate(records, 1):
        loc = f"record {i}"
        try:
            yield record_document(
                rec, source=source, locator=loc, default_id=f"{stem}:{i}", input_format="json", options=options
            )
        except InputError as exc:
            yield InputProblem(source, "failed", str(exc), loc)


def read_warc(path: Path, source: str, options: IngestOptions) -> Iterator[Document | InputProblem]:
    """HTML response records of a WARC (plain or gzipped), with the record's URL and date."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                n += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                loc = f"record {n}" + (f" <{uri}>" if uri else "")
                http = record.http_headers
                ctype = (http.get_header("Content-Type") if http else "") or ""
                status = http.get_statuscode() if http else None
                if "html" not in ctype.lower():
                    continue
                if status and not str(status).startswith("2"):
                    continue
                body = record.content_stream().read(options.max_bytes + 1)
                if len(body) > options.max_bytes:
                    yield InputProblem(source, "skipped", "record too large (raise the limit with --max-size)", loc)
                    continue
                if not body.strip():
                    yield InputProblem(source, "skipped", "empty HTML response", loc)
                    continue
                charset = None
                if "charset=" in ctype.lower():
                    charset = ctype.lower().split("charset=", 1)[1].split(";")[0].strip().strip("\"'")
                try:
                    html, _how = decode_bytes(body, declared=charset, html=True)
                except InputError as exc:
                    yield InputProblem(source, "failed", str(exc), loc)
                    continue
                hints: dict[str, Field] = {}
                if uri:
                    hints["url"] = Field(uri, "warc-header")
                wdate = record.rec_headers.get_header("WARC-Date")
                if wdate:
                    hints["fetched"] = Field(wdate, "warc-header")
                raw = _warc_raw(uri, ctype, body)
                yield Document(
                    id=document_id(raw),
                    source=source,
                    locator=loc,
                    external_id=uri or f"{path.name}:{n}",
                    input_format="warc",
                    kind="html",
                    content=html,
                    raw=raw,
                    hints=hints,
                )
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        where = f" after record {n}" if n else ""
        yield InputProblem(source, "failed", f"broken WARC{where}: {exc}")


def _warc_raw(uri: str, ctype: str, body: bytes) -> bytes:
    """A WARC record as kept in the store: target URI and content type lines, then the HTTP body."""
    return uri.encode("utf-8") + b"\n" + ctype.encode("latin-1", "replace") + b"\n" + body


def content_from_raw(raw: bytes, input_format: str) -> str:
    """Re-derive a document's ``content`` from the raw record kept in the store."""
    if input_format in {"jsonl", "json"}:
        rec = json.loads(raw)
        return str(rec.get("html") or rec.get("text") or "")
    if input_format == "feed":
        return str(json.loads(raw).get("content") or "")
    if input_format == "warc":
        _uri, ctype, body = raw.split(b"\n", 2)
        low = ctype.decode("latin-1").lower()
        charset = low.split("charset=", 1)[1].split(";")[0].strip().strip("\"'") if "charset=" in low else None
        return decode_bytes(body, declared=charset, html=True)[0]
    return decode_bytes(raw, html=input_format == "html")[0]


def _struct_to_iso(st: time.struct_time | None) -> str | None:
    if not st:
        return None
    dt = datetime.fromtimestamp(calendar.timegm(st), tz=UTC)
    return dt.isoformat().replace("+00:00", "Z")


_FEED_TITLE_SEP = re.compile(r"\s+[-–—|:»]\s+|\s*\|\s*")


def _feed_outlet(title: str, link: str) -> str:
    """The outlet named by a feed title: "Site - Section" -> "Site" when one segment matches the feed's domain."""
    parts = [p.strip() for p in _FEED_TITLE_SEP.split(title) if p.strip()]
    if len(parts) < 2 or not link:
        return title
    from urllib.parse import urlsplit

    labels = {lab for lab in (urlsplit(link).hostname or "").lower().split(".")[:-1] if len(lab) > 2}
    for part in parts:
        if re.sub(r"[\W_]+", "", part.casefold()) in labels:
            return part
    return title


def read_feed(data: bytes, source: str, options: IngestOptions) -> Iterator[Document | InputProblem]:
    """RSS / Atom entries with their content (or summary), link, date and author."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        yield InputProblem(source, "failed", f"not an RSS/Atom feed with entries{f' ({why})' if why else ''}")
        return
    feed = parsed.get("feed", {})
    feed_title = _feed_outlet((feed.get("title") or "").strip(), feed.get("link") or "") or None
    feed_lang = (feed.get("language") or "").strip() or None
    for i, entry in enumerate(entries, 1):
        loc = f"entry {i}"
        content = ""
        if entry.get("content"):
            content = max((c.get("value") or "" for c in entry["content"]), key=len)
        if not content.strip():
            content = entry.get("summary") or ""
        if not content.strip():
            yield InputProblem(source, "skipped", "entry has no content or summary", loc)
            continue
        link = entry.get("link")
        published = _struct_to_iso(entry.get("published_parsed")) or _struct_to_iso(entry.get("updated_parsed"))
        record = {
            "id": entry.get("id"),
            "link": link,
            "title": entry.get("title"),
            "published": published,
            "author": entry.get("author"),
            "content": content,
            "feed": feed_title,
        }
        hints: dict[str, Field] = {}
        if entry.get("title"):
            hints["title"] = Field(entry["title"].strip(), "feed")
        if link:
            hints["url"] = Field(link, "feed")
        if published:
            hints["published"] = Field(published, "feed")
        if entry.get("author"):
            hints["byline"] = Field(entry["author"].strip(), "feed")
        if feed_title:
            hints["outlet"] = Field(feed_title, "feed-title", 0.8)
        if feed_lang:
            hints["language"] = Field(feed_lang.split("-")[0].lower(), "feed", 0.9)
        raw = _canonical(record)
        yield Document(
            id=document_id(raw),
            source=source,
            locator=loc,
            external_id=str(entry.get("id") or link or f"{Path(source).name}:{i}"),
            input_format="feed",
            kind="fragment",
            content=content,
            raw=raw,
            hints=hints,
        )
