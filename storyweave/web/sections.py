"""The sections of the story and article pages, one per capability.

A page shows a section only when the data it renders is there, and lists the shown ones in its
"on this page" navigation. A capability that lands later (a cited summary, a timeline, the
coverage matrix, the quote ledger, entity spellings) adds its data to the service's detail dict,
one template under ``templates/sections/`` and one line here; no page template changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    template: str
    shown: Callable[[Mapping[str, Any]], bool]


def _has(key: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda d: bool(d.get(key))


EVENT_SECTIONS: tuple[Section, ...] = (
    Section("activity", "Coverage over time", "sections/activity.html", _has("articles")),
    Section("outlets", "Articles by outlet", "sections/outlets.html", _has("articles")),
    Section("wire", "Wire copies", "sections/wire.html", _has("wire_groups")),
    Section("why", "Why each article is in this event", "sections/reasons.html", _has("articles")),
)

STORYLINE_SECTIONS: tuple[Section, ...] = (
    Section("events", "Events in order", "sections/events.html", _has("events")),
    Section("who", "Which outlet covered which event", "sections/outlet_events.html", _has("events")),
)

ARTICLE_SECTIONS: tuple[Section, ...] = (
    Section("text", "Text", "sections/article_text.html", _has("text")),
    Section("quotes", "Quotes", "sections/article_quotes.html", _has("quotes")),
    Section(
        "names", "Names and dates", "sections/article_names.html", lambda d: bool(d.get("entities") or d.get("dates"))
    ),
    Section("metadata", "Metadata and where it came from", "sections/metadata.html", _has("provenance")),
    Section("removed", "Removed as page junk", "sections/removed.html", _has("removed")),
    Section("story", "In the story", "sections/placement.html", lambda d: bool(d["analyses"].get("placement"))),
    Section(
        "features", "What the analyses found", "sections/features.html", lambda d: bool(d["analyses"].get("features"))
    ),
    Section("similar", "More like this", "sections/similar.html", lambda d: bool(d.get("similar"))),
)


#: The comparison's sections (rendered by ``_analysis.html``, inline or fetched): linked from the page's navigation.
ANALYSIS_LINKS: tuple[Section, ...] = tuple(
    Section(i, t, "_analysis.html", lambda d: True)
    for i, t in (
        ("summary", "Summary"),
        ("timeline", "Timeline"),
        ("coverage", "Who reported what"),
        ("quotes", "Quote ledger"),
        ("names", "Names"),
    )
)


def shown(sections: Sequence[Section], detail: Mapping[str, Any]) -> list[Section]:
    return [s for s in sections if s.shown(detail)]
