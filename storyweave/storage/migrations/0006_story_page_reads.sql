-- A storyline's events in order, read a page at a time along the index (the story page of a storyline
-- that has run for years lists thousands); it covers events_storyline, which is dropped.
CREATE INDEX events_storyline_order ON events(storyline_id, first_ord, id);
DROP INDEX events_storyline;
