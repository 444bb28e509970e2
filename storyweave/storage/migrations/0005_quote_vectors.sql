-- The quote ledger's vectors of an article's quotes, computed by the extraction workers; read once when
-- the article's quotes join the ledger, then cleared (the ledger entries keep what they need).
ALTER TABLE article_analyses ADD COLUMN quote_vectors BLOB;
