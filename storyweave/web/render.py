"""Templates and the filters they use. Everything shown is scraped, so everything is escaped.

The environment autoescapes every template; no filter here returns markup built from content
except the charts (which escape each label themselves). Links to an article's own page are made
only for ``http``/``https`` URLs, so a ``javascript:`` or ``data:`` URL in an input never becomes
a link.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader

from storyweave.stages.quotes import shown_speaker
from storyweave.web import charts


def http_url(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) URL, else None (never a ``javascript:`` link)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(c) < 0x20 or c.isspace() for c in url):
        return None
    return url


def span(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    return first if not last or first == last else f"{first} – {last}"


def day(value: str | None) -> str:
    return (value or "")[:10] or "undated"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def pieces(text: str, highlights: Sequence[Sequence[int]]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, matched) runs at the highlight offsets, for escaping piece by piece."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted((int(a), int(b)) for a, b in highlights):
        if start < pos or end > len(text) or end <= start:
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def reason_text(reason: Mapping[str, Any]) -> str:
    """One line on why an article is in its event, from the recorded reason."""
    rule = reason.get("rule")
    if rule == "wire copy":
        return (
            f"wire copy of {reason.get('copy_of')} (Jaccard {reason.get('jaccard')}, "
            f"containment {reason.get('containment')})"
        )
    if rule == "model":
        p = reason.get("p")
        n = len(reason.get("candidates") or [])
        return f"joined: probability {p} of being the same event (best of {n} candidate event{'s' if n != 1 else ''})"
    if rule == "new event":
        n = int(reason.get("considered") or 0)
        return "founded the event" + (f" ({n} candidate events considered, none close enough)" if n else "")
    return str(rule or "placed")


def top_signals(reason: Mapping[str, Any], n: int = 6) -> list[tuple[str, float]]:
    sig = reason.get("signals") or {}
    items = [(str(k), float(v)) for k, v in sig.items() if isinstance(v, int | float)]
    return sorted(items, key=lambda kv: (-abs(kv[1]), kv[0]))[:n]


def by_outlet(rows: Iterable[Mapping[str, Any]]) -> list[tuple[str, list[Mapping[str, Any]]]]:
    groups: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[str(r.get("outlet") or "(unknown outlet)")].append(r)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold()))


def query(base: str, **params: Any) -> str:
    """``base`` with the given query parameters (None values left out), URL-encoded."""
    clean = {k: v for k, v in params.items() if v is not None and v != ""}
    return base + ("?" + urlencode(clean) if clean else "")


def make_env() -> Environment:
    env = Environment(
        loader=PackageLoader("storyweave.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package: no stat() of each one on every render
    )
    env.filters.update(
        http_url=http_url,
        span=span,
        day=day,
        paragraphs=paragraphs,
        pieces=pieces,
        reason_text=reason_text,
        top_signals=top_signals,
        by_outlet=by_outlet,
    )
    env.globals.update(
        day_bars=charts.day_bars,
        event_lanes=charts.event_lanes,
        count_matrix=charts.count_matrix,
        timeline_svg=charts.timeline_svg,
        query=query,
        speaker_of=speaker_of,
    )
    return env


def speaker_of(quote: Mapping[str, Any]) -> str:
    """Who a quote is shown as said by: the resolved name or a naming phrase, never a bare pronoun."""
    return shown_speaker(quote.get("speaker"), quote.get("speaker_text"), quote.get("resolution")) or "unattributed"
