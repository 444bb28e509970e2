-- The per-article analyses (entities, quotes, dates), as written by their stages (codec: tagged JSON, zlib).
CREATE TABLE article_analyses (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id),
    entities    BLOB,
    quotes      BLOB,
    dates       BLOB,
    resolved    INTEGER NOT NULL DEFAULT 0   -- 1 once its mentions and quotes are resolved across articles
);
CREATE INDEX article_analyses_pending ON article_analyses(resolved);

-- Canonical entities (the resolver's records) and their blocking keys.
CREATE TABLE entities (
    id        TEXT PRIMARY KEY,            -- 'e' + sha256(type, first canonical key)[:15]
    type      TEXT NOT NULL,
    name      TEXT NOT NULL,
    mentions  INTEGER NOT NULL,
    articles  INTEGER NOT NULL,
    created   INTEGER NOT NULL,
    record    TEXT NOT NULL                -- JSON: variants, spellings by outlet, roles, context, keys
);
CREATE INDEX entities_name ON entities(name);
CREATE INDEX entities_mentions ON entities(mentions);

CREATE TABLE entity_keys (
    key        TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,           -- order in which the key was given to entities
    PRIMARY KEY (key, entity_id)
) WITHOUT ROWID;

CREATE TABLE entity_redirects (
    absorbed  TEXT PRIMARY KEY,
    kept      TEXT NOT NULL
);

CREATE TABLE entity_merges (
    seq     INTEGER PRIMARY KEY,
    record  TEXT NOT NULL
);

-- Every entity mention with its canonical entity (after resolution).
CREATE TABLE mentions (
    article_id  TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    PRIMARY KEY (article_id, start)
);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE quotes (
    id                 TEXT PRIMARY KEY,   -- 'q' + sha256(article id, offsets)
    article_id         TEXT NOT NULL,
    start              INTEGER NOT NULL,
    end                INTEGER NOT NULL,
    ord                TEXT NOT NULL,
    kind               TEXT NOT NULL,
    speaker_entity_id  TEXT,
    speaker            TEXT,
    ledger_id          TEXT,
    record             TEXT NOT NULL       -- JSON: the quote's export record
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_entity_id, ord);
CREATE INDEX quotes_ledger ON quotes(ledger_id);

-- The quote ledger: one entry per utterance.
CREATE TABLE ledger_entries (
    id           TEXT PRIMARY KEY,
    speaker_key  TEXT,
    day          INTEGER,                  -- the entry's first day (NULL: undated)
    record       TEXT NOT NULL
);
CREATE INDEX ledger_entries_speaker ON ledger_entries(speaker_key, day);
