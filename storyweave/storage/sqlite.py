"""SQLite store: WAL, one writer, numbered migrations, an FTS5 index over title and text."""

from __future__ import annotations

import json
import logging
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from storyweave.errors import NotFoundError, StoreError
from storyweave.models import Article, Document, EventSummary, Field, Membership, RemovedBlock, StorylineSummary
from storyweave.stages.analyze import Analysis
from storyweave.stages.cluster import ClusterReport, StoryEngine
from storyweave.stages.dates import ArticleDates
from storyweave.stages.entities import ArticleEntities
from storyweave.stages.readers import content_from_raw
from storyweave.stages.similarity import StoryFeatures, StoryModel, period_days
from storyweave.storage import analyses, codec, stories
from storyweave.storage.analyses import AnalysisReport, resolve_pending
from storyweave.storage.base import ArticleFilter, InputProblem
from storyweave.storage.stories import FEATURE_COLUMNS, SQLiteStoryState, features_row

log = logging.getLogger(__name__)

_ARTICLE_COLUMNS = (
    "id, external_id, source, locator, input_format, url, outlet, title, byline, agencies, "
    "published, published_source, language, text, meta, removed, extra"
)


def _migrations() -> list[tuple[int, str, str]]:
    out = []
    folder = resources.files("storyweave.storage") / "migrations"
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            out.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class SQLiteStore:
    """The default :class:`~storyweave.storage.base.Store`.

    Writes go through this object's single connection inside ``BEGIN IMMEDIATE``
    transactions, so a batch is stored whole or not at all.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no such database (run `storyweave ingest` first)")
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=10000")
            if not readonly:
                self._migrate()
            else:
                self._check_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a storyweave database ({exc})") from exc

    # -- schema -------------------------------------------------------------------------
    def _migrate(self) -> None:
        c = self.conn
        c.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        done = {row[0] for row in c.execute("SELECT version FROM schema_migrations")}
        for version, name, sql in _migrations():
            if version in done:
                continue
            c.execute("BEGIN IMMEDIATE")
            try:
                # another process opening the same new store may have applied it while we waited for the lock
                if c.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone():
                    c.execute("COMMIT")
                    continue
                log.info("applying migration %s", name)
                # executescript would commit; run statement by statement inside our transaction
                for statement in _split_sql(sql):
                    c.execute(statement)
                c.execute("INSERT INTO schema_migrations(version, name) VALUES (?, ?)", (version, name))
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise

    def _check_schema(self) -> None:
        try:
            self.conn.execute("SELECT 1 FROM articles LIMIT 1")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: not a storyweave database ({exc})") from exc

    @property
    def schema_version(self) -> int:
        row = self.conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # -- writes -------------------------------------------------------------------------
    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.conn.execute(f"SELECT id FROM documents WHERE id IN ({marks})", chunk))
        return found

    def add(
        self,
        items: Sequence[tuple[Document, Article]],
        problems: Sequence[InputProblem] = (),
        analyses: Mapping[str, Analysis] | None = None,
    ) -> int:
        c = self.conn
        added = 0
        c.execute("BEGIN IMMEDIATE")
        try:
            for doc, art in items:
                cur = c.execute(
                    "INSERT OR IGNORE INTO documents(id, source, locator, external_id, input_format, kind, raw, "
                    "raw_size, hints, extra) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (
                        doc.id,
                        doc.source,
                        doc.locator,
                        doc.external_id,
                        doc.input_format,
                        doc.kind,
                        zlib.compress(doc.raw, 1),
                        len(doc.raw),
                        _dumps({k: v.to_dict() for k, v in doc.hints.items()}),
                        _dumps(doc.extra),
                    ),
                )
                if cur.rowcount == 0:
                    continue
                c.execute(
                    f"INSERT INTO articles({_ARTICLE_COLUMNS}) VALUES ({','.join('?' * 17)})",
                    _article_row(art),
                )
                c.execute(
                    "DELETE FROM input_problems WHERE source = ? AND locator = ?", (doc.source, doc.locator or "")
                )
                found = analyses.get(art.id) if analyses else None
                if found is not None:
                    self._add_analysis(found)
                added += 1
            for p in problems:
                c.execute(
                    "INSERT OR REPLACE INTO input_problems(source, locator, status, message) VALUES (?,?,?,?)",
                    (p.source, p.locator or "", p.status, p.message),
                )
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return added

    def _add_analysis(self, found: Analysis) -> None:
        self.conn.execute(
            f"INSERT OR REPLACE INTO article_features({FEATURE_COLUMNS}) VALUES ({','.join('?' * 13)})",
            features_row(found.story, found.embed_model),
        )
        self.conn.execute(
            "INSERT OR REPLACE INTO article_analyses(article_id, entities, quotes, dates, quote_vectors) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                found.article_id,
                None if found.entities is None else codec.encode(found.entities),
                codec.encode(found.quotes),
                None if found.dates is None else codec.encode(found.dates),
                None if found.quote_vectors is None else codec.encode_vectors(found.quote_vectors),
            ),
        )

    def place_stories(self, model: StoryModel | None = None, *, chunk: int = 2000) -> ClusterReport:
        """Place every article not yet in an event (publication order), a chunk per transaction."""
        total = ClusterReport()
        engine_model = model
        while True:
            c = self.conn
            c.execute("BEGIN IMMEDIATE")
            try:
                state = SQLiteStoryState(c)
                pending = state.pending(chunk)
                if not pending:
                    c.execute("COMMIT")
                    return total
                report = StoryEngine(state, engine_model).place(pending)
                state.flush()
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
            for name in ("assigned", "new_events", "wire_copies", "new_storylines", "replayed"):
                setattr(total, name, getattr(total, name) + getattr(report, name))
            total.log.extend(report.log)

    def resolve_analyses(self) -> AnalysisReport:
        """Canonical entities, speakers and the quote ledger for every article not yet resolved; articles whose
        publication date was inferred on the way are then placed again with that date."""
        report = resolve_pending(self.conn, self.get_article)
        if report.inferred:
            self._replace_dated(report.inferred)
        return report

    def _replace_dated(self, inferred: Mapping[str, tuple[str, str | None]]) -> None:
        """Place again, with their inferred period, articles that were placed without a date (logged when moved)."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            state = SQLiteStoryState(c)
            feats = state.features(sorted(inferred))
            for aid in sorted(feats, key=lambda a: feats[a].order):
                span = period_days(*inferred[aid])
                if span is None or (feats[aid].day, feats[aid].day_hi or feats[aid].day) == span:
                    continue
                before = state.event_of(aid)
                state.unplace([aid])
                dated = replace(feats[aid], day=span[0], day_hi=span[1] if span[1] != span[0] else None)
                c.execute("UPDATE article_features SET day = ?, day_hi = ? WHERE article_id = ?", (*span, aid))
                state.remember([dated])
                StoryEngine(state).place([dated])
                after = state.event_of(aid)
                if after != before:
                    state.add_log({"kind": "re-placed with inferred date", "article": aid, "from": before, "to": after})
            state.flush()
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def reset_stories(self, from_order: str | None = None) -> int:
        """Undo the placements from ``from_order`` on (all when None) so they can be placed again; returns how many."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            if from_order is None:
                for table in (
                    "minhash_bands",
                    "wire_members",
                    "events",
                    "event_members",
                    "event_keys",
                    "storylines",
                    "storyline_keys",
                    "key_df",
                    "story_meta",
                    "event_figures",
                    "storyline_figures",
                ):
                    c.execute(f"DELETE FROM {table}")
                n = c.execute("UPDATE article_features SET placed = 0").rowcount
                for table in (
                    "entities",
                    "entity_keys",
                    "entity_redirects",
                    "entity_merges",
                    "mentions",
                    "quotes",
                    "ledger_entries",
                ):
                    c.execute(f"DELETE FROM {table}")
                c.execute("UPDATE article_analyses SET resolved = 0")
                c.execute("INSERT INTO story_log(entry) VALUES (?)", (_dumps({"kind": "recluster", "from": None}),))
            else:
                state = SQLiteStoryState(c)
                ids = state.placed_since(from_order)
                state.unplace(ids)
                n = len(ids)
                c.execute(
                    "INSERT INTO story_log(entry) VALUES (?)", (_dumps({"kind": "recluster", "from": from_order}),)
                )
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return n

    def story_features(self, ids: Sequence[str]) -> dict[str, StoryFeatures]:
        return SQLiteStoryState(self.conn).features(ids)

    # -- stories: read side -------------------------------------------------------------
    def list_events(self, *, storyline: str | None = None, limit: int = 50, offset: int = 0) -> list[EventSummary]:
        return stories.list_events(self.conn, storyline=storyline, limit=limit, offset=offset)

    def list_storylines(self, *, limit: int = 50, offset: int = 0) -> list[StorylineSummary]:
        return stories.list_storylines(self.conn, limit=limit, offset=offset)

    def get_event(self, event_id: str) -> EventSummary:
        found = stories.list_events(self.conn, event_id=event_id)
        if not found:
            raise NotFoundError(f"no event {event_id!r}")
        return found[0]

    def get_storyline(self, storyline_id: str) -> StorylineSummary:
        found = stories.list_storylines(self.conn, storyline_id=storyline_id)
        if not found:
            raise NotFoundError(f"no storyline {storyline_id!r}")
        return found[0]

    def count_stories(self) -> dict[str, int]:
        c = self.conn
        return {
            "events": int(c.execute("SELECT count(*) FROM events").fetchone()[0]),
            "storylines": int(c.execute("SELECT count(*) FROM storylines").fetchone()[0]),
            "wire_groups": int(c.execute("SELECT count(DISTINCT group_id) FROM wire_members").fetchone()[0]),
            "unplaced": int(c.execute("SELECT count(*) FROM article_features WHERE placed = 0").fetchone()[0]),
        }

    def resolve_story(self, story_id: str) -> tuple[str, str]:
        """``("event"|"storyline", full id)`` for an id or unique prefix; raises NotFoundError."""
        key = story_id.strip()
        hits: list[tuple[str, str]] = []
        for kind, table in (("event", "events"), ("storyline", "storylines")):
            rows = self.conn.execute(
                f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", (key, key + "\uffff")
            ).fetchall()
            hits.extend((kind, r[0]) for r in rows)
        exact = [h for h in hits if h[1] == key]
        if exact:
            return exact[0]
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise NotFoundError(f"no event or storyline with id {story_id!r} (list them with `storyweave stories`)")
        raise NotFoundError(f"id prefix {story_id!r} matches several stories; give more characters")

    def memberships(self, event_id: str) -> list[Membership]:
        return stories.memberships(self.conn, event_id)

    def story_assignments(self) -> dict[str, tuple[str, str | None, str | None]]:
        return stories.assignments(self.conn)

    def wire_groups(self) -> dict[str, list[str]]:
        return stories.wire_groups(self.conn)

    def export_stories(self) -> dict[str, Iterable[dict[str, Any]]]:
        return {**stories.export_stories(self.conn), **analyses.export_analyses(self.conn)}

    # -- analyses: read side ------------------------------------------------------------
    def list_entities(
        self, *, type_: str | None = None, story_id: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        return analyses.list_entities(self.conn, type_=type_, story_id=story_id, limit=limit, offset=offset)

    def find_entity(self, name_or_id: str) -> str:
        found = analyses.find_entity(self.conn, name_or_id)
        if found is None:
            raise NotFoundError(f"no entity named {name_or_id!r} (list them with `storyweave entities`)")
        return found

    def entity_detail(self, entity_id: str) -> dict[str, Any]:
        return analyses.entity_detail(self.conn, entity_id)

    def list_quotes(
        self,
        *,
        story_id: str | None = None,
        speaker_id: str | None = None,
        article_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        return analyses.list_quotes(
            self.conn, story_id=story_id, speaker_id=speaker_id, article_id=article_id, limit=limit, offset=offset
        )

    def ledger_entry(self, ledger_id: str) -> dict[str, Any] | None:
        return analyses.ledger_entry(self.conn, ledger_id)

    def article_dates(self, article_id: str) -> ArticleDates | None:
        return analyses.article_dates(self.conn, article_id)

    def article_entities(self, article_id: str) -> list[dict[str, Any]]:
        return analyses.article_entities(self.conn, article_id)

    def article_entity_record(self, article_id: str) -> ArticleEntities | None:
        return analyses.article_entity_record(self.conn, article_id)

    def storyline_article_ids(self, storyline_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT m.article_id FROM event_members m JOIN events e ON e.id = m.event_id WHERE e.storyline_id = ? "
            "ORDER BY m.ord",
            (storyline_id,),
        )
        return [r[0] for r in rows]

    def story_log(self, limit: int = 100) -> list[dict[str, Any]]:
        return stories.story_log(self.conn, limit)

    # -- reads --------------------------------------------------------------------------
    def get_article(self, article_id: str) -> Article:
        key = article_id.strip()
        if not key:
            raise NotFoundError("empty article id")
        rows = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (key, key + "\uffff"),
        ).fetchall()
        exact = [r for r in rows if r[0] == key]
        if exact:
            return _row_article(exact[0])
        if len(rows) == 1:
            return _row_article(rows[0])
        if not rows:
            raise NotFoundError(f"no article with id {article_id!r} (list them with `storyweave articles`)")
        raise NotFoundError(f"id prefix {article_id!r} matches several articles; give more characters")

    def get_document(self, article_id: str) -> Document:
        row = self.conn.execute(
            "SELECT id, source, locator, external_id, input_format, kind, raw, hints, extra FROM documents "
            "WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {article_id!r}")
        raw = zlib.decompress(row[6])
        return Document(
            id=row[0],
            source=row[1],
            locator=row[2],
            external_id=row[3],
            input_format=row[4],
            kind=row[5],
            content=content_from_raw(raw, row[4]),
            raw=raw,
            hints={k: Field.from_dict(v) for k, v in json.loads(row[7]).items()},
            extra=json.loads(row[8]),
        )

    def _where(self, where: ArticleFilter | None) -> tuple[str, list[Any]]:
        if where is None:
            return "", []
        clauses: list[str] = []
        args: list[Any] = []
        if where.outlet:
            clauses.append("outlet = ?")
            args.append(where.outlet)
        if where.language:
            clauses.append("language = ?")
            args.append(where.language)
        if where.published_from:
            clauses.append("published >= ?")
            args.append(where.published_from)
        if where.published_to:
            clauses.append("published <= ?")
            args.append(where.published_to + "\uffff")
        return (" AND ".join(clauses), args)

    def iter_articles(self, where: ArticleFilter | None = None, *, batch: int = 500) -> Iterator[Article]:
        cond, args = self._where(where)
        last = 0
        while True:
            sql = f"SELECT seq, {_ARTICLE_COLUMNS} FROM articles WHERE seq > ?"
            if cond:
                sql += " AND " + cond
            rows = self.conn.execute(sql + " ORDER BY seq LIMIT ?", [last, *args, batch]).fetchall()
            if not rows:
                return
            for row in rows:
                yield _row_article(row[1:])
            last = rows[-1][0]

    def list_articles(
        self, where: ArticleFilter | None = None, *, limit: int = 50, offset: int = 0, order: str = "ingested"
    ) -> list[Article]:
        cond, args = self._where(where)
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles"
        if cond:
            sql += " WHERE " + cond
        if order == "published":
            # undated last; partial dates ('--11-10') sort after full ones, as they cannot be placed
            sql += " ORDER BY published IS NULL, published LIKE '--%', published, seq"
        else:
            sql += " ORDER BY seq"
        sql += " LIMIT ? OFFSET ?"
        return [_row_article(r) for r in self.conn.execute(sql, [*args, limit, offset])]

    def count_articles(self, where: ArticleFilter | None = None) -> int:
        cond, args = self._where(where)
        sql = "SELECT count(*) FROM articles" + (" WHERE " + cond if cond else "")
        return int(self.conn.execute(sql, args).fetchone()[0])

    def search(self, query: str, *, limit: int = 20) -> list[tuple[Article, float]]:
        sql = (
            f"SELECT {', '.join('a.' + c.strip() for c in _ARTICLE_COLUMNS.split(','))}, bm25(articles_fts) AS rank "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            rows = self.conn.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            # Not valid FTS5 syntax: search for the words as plain terms.
            terms = " ".join('"' + t.replace('"', '""') + '"' for t in query.split())
            rows = self.conn.execute(sql, (terms, limit)).fetchall() if terms else []
        return [(_row_article(r[:-1]), float(r[-1])) for r in rows]

    def problems(self) -> list[InputProblem]:
        rows = self.conn.execute(
            "SELECT source, locator, status, message FROM input_problems ORDER BY source, locator"
        ).fetchall()
        return [InputProblem(source=r[0], locator=r[1] or None, status=r[2], message=r[3]) for r in rows]

    def stats(self) -> dict[str, object]:
        c = self.conn

        def counts(col: str) -> dict[str, int]:
            rows = c.execute(
                f"SELECT {col}, count(*) FROM articles WHERE {col} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"
            )
            return {str(k): int(n) for k, n in rows}

        return {
            "articles": self.count_articles(),
            "outlets": counts("outlet"),
            "languages": counts("language"),
            "formats": counts("input_format"),
            "dated": int(c.execute("SELECT count(*) FROM articles WHERE published IS NOT NULL").fetchone()[0]),
            "problems": int(c.execute("SELECT count(*) FROM input_problems").fetchone()[0]),
        }

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | Path, *, readonly: bool = False) -> SQLiteStore:
    return SQLiteStore(path, readonly=readonly)


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buf: list[str] = []
    for line in sql.splitlines():
        if line.strip().startswith("--") and not buf:
            continue
        buf.append(line)
        candidate = "\n".join(buf)
        if sqlite3.complete_statement(candidate):
            statements.append(candidate.strip())
            buf = []
    if "\n".join(buf).strip():
        raise StoreError("migration ends with an incomplete statement")
    return statements


def _article_row(art: Article) -> tuple[Any, ...]:
    pub = art.meta.get("published")
    return (
        art.id,
        art.external_id,
        art.source,
        art.locator,
        art.input_format,
        art.value("url"),
        art.value("outlet"),
        art.title,
        art.value("byline"),
        _dumps(art.agencies),
        art.published,
        None if pub is None or pub.value is None else pub.source,
        art.value("language"),
        art.text,
        _dumps({k: v.to_dict() for k, v in art.meta.items()}),
        _dumps([[b.text, b.reason] for b in art.removed]),
        _dumps(art.extra),
    )


def _row_article(row: Sequence[Any]) -> Article:
    meta = {k: Field.from_dict(v) for k, v in json.loads(row[14]).items()}
    return Article(
        id=row[0],
        document_id=row[0],
        external_id=row[1],
        source=row[2],
        locator=row[3],
        input_format=row[4],
        text=row[13],
        meta=meta,
        removed=tuple(RemovedBlock(t, r) for t, r in json.loads(row[15])),
        extra=json.loads(row[16]),
    )
