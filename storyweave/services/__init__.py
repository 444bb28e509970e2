"""Read-side operations shared by the CLI, the REST API and the web UI (no business logic in those)."""

from storyweave.services.analyses import article_analyses, entity_view, quote_rows, story_timeline
from storyweave.services.articles import CSV_COLUMNS, EXPORT_FORMATS, article_detail, article_record, export
from storyweave.services.stories import list_stories, pair_components, recluster, score_pairs, story_detail

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMATS",
    "article_analyses",
    "article_detail",
    "article_record",
    "entity_view",
    "export",
    "list_stories",
    "pair_components",
    "quote_rows",
    "recluster",
    "score_pairs",
    "story_detail",
    "story_timeline",
]
