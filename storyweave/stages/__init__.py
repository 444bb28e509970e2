"""Pipeline stages, one module each.

Per record: ingest (read inputs) -> extract (clean text + metadata) -> analyse (one spaCy parse shared by
entities, quotes and dates; embedding; MinHash signature). Across records, in publication order:
dedupe (wire groups) -> cluster (events and storylines) -> canonical entities -> quote ledger.
"""
