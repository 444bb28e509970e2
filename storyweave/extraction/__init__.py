"""Extraction back-ends: from one raw record (HTML page or scraped text) to clean text + metadata."""
