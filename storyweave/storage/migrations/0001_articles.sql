-- Raw input records, kept so every stage can be re-run without the source files.
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,          -- 'a' + sha256(raw)[:15], also the article id
    source        TEXT NOT NULL,             -- path or URL as given
    locator       TEXT,                      -- record inside a multi-record file
    external_id   TEXT NOT NULL,
    input_format  TEXT NOT NULL,             -- html, text, jsonl, json, warc, feed
    kind          TEXT NOT NULL,             -- html, fragment, text, clean-text
    raw           BLOB NOT NULL,             -- zlib-compressed record bytes
    raw_size      INTEGER NOT NULL,
    hints         TEXT NOT NULL DEFAULT '{}',   -- metadata given by the container (JSON)
    extra         TEXT NOT NULL DEFAULT '{}'    -- unknown input fields (JSON)
);

CREATE TABLE articles (
    seq               INTEGER PRIMARY KEY,   -- insertion order; rowid for the FTS index
    id                TEXT NOT NULL UNIQUE REFERENCES documents(id),
    external_id       TEXT NOT NULL,
    source            TEXT NOT NULL,
    locator           TEXT,
    input_format      TEXT NOT NULL,
    url               TEXT,
    outlet            TEXT,
    title             TEXT,
    byline            TEXT,
    agencies          TEXT NOT NULL DEFAULT '[]',  -- JSON list
    published         TEXT,                  -- ISO date/datetime, partial ('2020-11', '--11-10') or NULL
    published_source  TEXT,
    language          TEXT,
    text              TEXT NOT NULL,
    meta              TEXT NOT NULL,         -- JSON {field: {value, source, confidence, evidence}}
    removed           TEXT NOT NULL DEFAULT '[]',  -- JSON [[text, reason], ...]
    extra             TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_language ON articles(language);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

-- What went wrong with which input, last time it was tried.
CREATE TABLE input_problems (
    source    TEXT NOT NULL,
    locator   TEXT NOT NULL DEFAULT '',
    status    TEXT NOT NULL,                 -- skipped | failed
    message   TEXT NOT NULL,
    PRIMARY KEY (source, locator)
);
