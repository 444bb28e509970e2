-- The dates stage's result as the article states it, kept when a publication date is inferred for the
-- article (its `dates` then hold the result re-anchored on that date), so inference can be redone when
-- more of its story arrives, whatever order the articles came in.
ALTER TABLE article_analyses ADD COLUMN dates_stated BLOB;
