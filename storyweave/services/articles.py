"""Read-side operations shared by the CLI (and later the API and web UI)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from storyweave.errors import ConfigError
from storyweave.models import Article
from storyweave.storage.base import ArticleFilter, Store

EXPORT_FORMATS = ("json", "jsonl", "csv")
CSV_COLUMNS = (
    "id",
    "external_id",
    "source",
    "source_record",
    "url",
    "outlet",
    "title",
    "byline",
    "agencies",
    "published",
    "published_source",
    "language",
    "input_format",
    "text",
)


def article_record(article: Article) -> dict[str, Any]:
    return article.to_export()


def iter_export_records(store: Store, where: ArticleFilter | None = None) -> Iterator[dict[str, Any]]:
    for art in store.iter_articles(where):
        yield article_record(art)


def export(store: Store, fmt: str, out: IO[str], where: ArticleFilter | None = None, *, coverage: bool = True) -> int:
    """Write every article in ``fmt`` (json, jsonl, csv) to ``out``, streaming; returns the count.

    JSON also carries the stories and analyses; ``coverage`` adds ``facts`` and ``summaries``, which compare
    every multi-article event and summarise every storyline (the costly part of an export)."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    n = 0
    if fmt == "json":
        out.write('{"articles": [')
        for rec in iter_export_records(store, where):
            out.write(",\n  " if n else "\n  ")
            out.write(json.dumps(rec, ensure_ascii=False, sort_keys=True))
            n += 1
        out.write("\n]" if n else "]")
        extra = getattr(store, "export_stories", None)
        streams = dict(extra()) if extra is not None else {}
        if extra is not None:
            streams["timeline"] = _timelines(store)
            if coverage:
                from storyweave.services.compare import export_facts, export_summaries

                streams["facts"] = export_facts(store)  # type: ignore[arg-type]
                streams["summaries"] = export_summaries(store)  # type: ignore[arg-type]
        for key, records in streams.items():
            out.write(f', "{key}": [')
            for i, rec in enumerate(records):
                out.write(",\n  " if i else "\n  ")
                out.write(json.dumps(rec, ensure_ascii=False, sort_keys=True))
            out.write("]")
        out.write("}\n")
    elif fmt == "jsonl":
        for rec in iter_export_records(store, where):
            out.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    else:
        writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for rec in iter_export_records(store, where):
            row = dict(rec)
            row["agencies"] = "; ".join(rec["agencies"])
            writer.writerow(row)
            n += 1
    return n


def _timelines(store: Any) -> Iterator[dict[str, Any]]:
    """Every storyline's timeline rows (built from the stored dates of its articles)."""
    from storyweave.services.analyses import story_timeline

    offset = 0
    while True:
        page = store.list_storylines(limit=200, offset=offset)
        for line in page:
            yield from story_timeline(store, line.id).to_export()
        if len(page) < 200:
            return
        offset += 200


def article_detail(article: Article) -> dict[str, Any]:
    """An article with every metadata field's provenance, for `show` and the API."""
    rec = article.to_export()
    rec["removed"] = [{"text": b.text, "reason": b.reason} for b in article.removed]
    return rec
