-- What the story stages need of each article, computed once at ingest (see stages/similarity.py).
CREATE TABLE article_features (
    article_id   TEXT PRIMARY KEY REFERENCES articles(id),
    ord          TEXT NOT NULL,             -- processing order: stated publication date (or '~') | id
    day          INTEGER,                   -- days since 1970-01-01 of the stated publication date
    day_hi       INTEGER,                   -- last day when only a period is known (an inferred month)
    language     TEXT,
    embed_model  TEXT NOT NULL,
    vector       BLOB NOT NULL,             -- float16, little-endian
    keys         TEXT NOT NULL,             -- JSON list of entity keys
    numbers      TEXT NOT NULL,             -- JSON list
    years        TEXT NOT NULL,             -- JSON list
    terms        TEXT NOT NULL,             -- JSON [[word, weight], ...]
    minhash      BLOB NOT NULL,             -- uint32[128], little-endian
    shingles     INTEGER NOT NULL,
    placed       INTEGER NOT NULL DEFAULT 0 -- 1 once the article has its event
);
CREATE INDEX article_features_pending ON article_features(placed, ord);

-- LSH band keys of the MinHash signatures: candidate wire copies by index lookup.
CREATE TABLE minhash_bands (
    key         INTEGER NOT NULL,
    article_id  TEXT NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;

CREATE TABLE wire_members (
    article_id  TEXT PRIMARY KEY,
    group_id    TEXT NOT NULL,
    reason      TEXT NOT NULL               -- JSON: jaccard, containment, copy_of
);
CREATE INDEX wire_members_group ON wire_members(group_id);

CREATE TABLE events (
    id            TEXT PRIMARY KEY,         -- 'ev' + sha256(founding article id)[:14]
    size          INTEGER NOT NULL,
    first_day     INTEGER,
    last_day      INTEGER,
    first_ord     TEXT NOT NULL,
    last_ord      TEXT NOT NULL,
    title         TEXT,
    storyline_id  TEXT,
    storyline_reason TEXT,
    vector_sum    BLOB NOT NULL,            -- float32
    members       BLOB NOT NULL,            -- float16 vectors of up to 16 first members
    profile       TEXT NOT NULL             -- JSON: keys, numbers, years, terms, member ids/terms
);
CREATE INDEX events_last_ord ON events(last_ord);
CREATE INDEX events_days ON events(last_day, first_day);
CREATE INDEX events_storyline ON events(storyline_id);

CREATE TABLE event_members (
    article_id  TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL,
    ord         TEXT NOT NULL,
    reason      TEXT NOT NULL               -- JSON: rule, probability, signals, candidates
);
CREATE INDEX event_members_event ON event_members(event_id, ord);
CREATE INDEX event_members_ord ON event_members(ord);

CREATE TABLE event_keys (
    key       TEXT NOT NULL,
    event_id  TEXT NOT NULL,
    last_ord  TEXT NOT NULL,
    PRIMARY KEY (key, event_id)
) WITHOUT ROWID;
CREATE INDEX event_keys_recent ON event_keys(key, last_ord);

CREATE TABLE storylines (
    id          TEXT PRIMARY KEY,           -- 'sl' + sha256(founding event id)[:14]
    size        INTEGER NOT NULL,
    first_day   INTEGER,
    last_day    INTEGER,
    first_ord   TEXT NOT NULL,
    last_ord    TEXT NOT NULL,
    vector_sum  BLOB NOT NULL,
    members     BLOB NOT NULL,
    profile     TEXT NOT NULL
);
CREATE INDEX storylines_last_ord ON storylines(last_ord);
CREATE INDEX storylines_days ON storylines(last_day, first_day);

CREATE TABLE storyline_keys (
    key           TEXT NOT NULL,
    storyline_id  TEXT NOT NULL,
    last_ord      TEXT NOT NULL,
    PRIMARY KEY (key, storyline_id)
) WITHOUT ROWID;
CREATE INDEX storyline_keys_recent ON storyline_keys(key, last_ord);

-- Document frequency of entity keys among placed articles (rarity weights).
CREATE TABLE key_df (
    key  TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE story_meta (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Merges, replays and other changes to existing stories, in the order they happened.
CREATE TABLE story_log (
    seq    INTEGER PRIMARY KEY,
    entry  TEXT NOT NULL
);
