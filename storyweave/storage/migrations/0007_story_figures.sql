-- The whole-story figures of a story page (articles per outlet and per stated publication day), kept by the
-- story engine at the end of each placement run (storyweave/storage/figures.py); filled here for the stories
-- placed before. A storyline's row records what its sums were made from: readers compare it with `events`.
CREATE TABLE event_figures (
    event_id  TEXT PRIMARY KEY,
    outlets   TEXT NOT NULL,                -- JSON {outlet: articles}; '' for articles without one
    days      TEXT NOT NULL                 -- JSON {YYYY-MM-DD: articles}
) WITHOUT ROWID;

CREATE TABLE storyline_figures (
    storyline_id  TEXT PRIMARY KEY,
    events        INTEGER NOT NULL,
    articles      INTEGER NOT NULL,
    last_ord      TEXT NOT NULL,
    outlets       TEXT NOT NULL,
    days          TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO event_figures(event_id, outlets, days)
SELECT e.id,
       coalesce((SELECT json_group_object(o, n) FROM (
           SELECT coalesce(a.outlet, '') AS o, count(*) AS n FROM event_members m JOIN articles a ON a.id = m.article_id
           WHERE m.event_id = e.id GROUP BY 1 ORDER BY 1)), '{}'),
       coalesce((SELECT json_group_object(d, n) FROM (
           SELECT substr(a.published, 1, 10) AS d, count(*) AS n FROM event_members m JOIN articles a ON a.id = m.article_id
           WHERE m.event_id = e.id AND a.published >= '0' AND a.published < ':' GROUP BY 1 ORDER BY 1)), '{}')
FROM events e;

INSERT INTO storyline_figures(storyline_id, events, articles, last_ord, outlets, days)
SELECT s.storyline_id, s.events, s.articles, s.last_ord,
       coalesce((SELECT json_group_object(k, t) FROM (
           SELECT j.key AS k, sum(j.value) AS t FROM events e JOIN event_figures f ON f.event_id = e.id, json_each(f.outlets) j
           WHERE e.storyline_id = s.storyline_id GROUP BY 1 ORDER BY 1)), '{}'),
       coalesce((SELECT json_group_object(k, t) FROM (
           SELECT j.key AS k, sum(j.value) AS t FROM events e JOIN event_figures f ON f.event_id = e.id, json_each(f.days) j
           WHERE e.storyline_id = s.storyline_id GROUP BY 1 ORDER BY 1)), '{}')
FROM (SELECT storyline_id, count(*) AS events, coalesce(sum(size), 0) AS articles, coalesce(max(last_ord), '') AS last_ord
      FROM events WHERE storyline_id IS NOT NULL GROUP BY storyline_id) AS s;
