"""The story report (``storyweave report ID --format md|html``): one self-contained file an editor can read.

Sections, in reading order: what the story is (dates, outlets, independent reports), the cited summary as a dated
account, the timeline (a chart and the dated statements; background kept apart), the coverage matrix (a heat map
and the facts behind its columns, in the order they happened), what only one outlet reported, what outlets left
out, figures that disagree, the quotes (each wording once, with the outlets that printed it), the spellings (each
spelling once, with its outlets), framing and attribution habits, the sources (wire copies folded into their
origin), the articles and the method notes.

The content is built once as plain blocks (:mod:`storyweave.coverage.document`) and rendered to Markdown or HTML.
HTML escapes every scraped string and embeds the pictures as base64 PNG; Markdown embeds them as data URIs
(``images="inline"``) or names image files to write next to it (``images="files"``, returned in
:attr:`ReportOutput.files`), which renders on every Markdown viewer.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from storyweave.coverage.charts import coverage_heatmap, timeline_chart
from storyweave.coverage.document import Block, ReportOutput, Text, markdown, page
from storyweave.coverage.model import CoverageReport, Fact, StoryInputs
from storyweave.errors import ConfigError
from storyweave.stages.compare import compare_story
from storyweave.stages.summarize import ExtractiveSummarizer, Summarizer, Summary, fact_sentence

__all__ = ["FORMATS", "ReportOptions", "ReportOutput", "build_report", "write_report"]

FORMATS = ("md", "html")


@dataclass(frozen=True)
class ReportOptions:
    sentences: int = 6
    #: shared facts shown as columns of the coverage matrix
    facts: int = 14
    quotes: int = 10
    #: facts shown per outlet under "only in"
    solo: int = 2
    #: background entries of the timeline listed (the earliest dropped first)
    background: int = 6
    #: citation numbers shown in a table cell before "+N more"
    cites: int = 8
    #: "inline" (data URIs / base64) or "files" (Markdown names image files written next to it)
    images: str = "inline"
    image_prefix: str = "report"

    def __post_init__(self) -> None:
        if self.images not in ("inline", "files"):
            raise ConfigError(f"images must be inline or files, not {self.images!r}")


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _day(value: str | None) -> date | None:
    m = _ISO_DAY.match(value or "")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _human(value: str | None) -> str:
    """``2025-09-16`` -> ``16 Sep 2025`` (anything else as it is)."""
    d = _day(value)
    return f"{d.day} {d:%b %Y}" if d else (value or "undated")


def _short(text: str, width: int = 200) -> str:
    return textwrap.shorten(" ".join(text.split()), width, placeholder="…")


def _cites(numbers: Iterable[int], limit: int = 0) -> Text:
    ordered = sorted(set(numbers))
    if limit and len(ordered) > limit:
        return (*ordered[:limit], f" +{len(ordered) - limit} more")
    return tuple(ordered)


def _header(report: CoverageReport, src: Any) -> Block:
    days = sorted(d for d in (_day(a.published) for a in report.articles) if d)
    span = f"{_human(days[0].isoformat())} to {_human(days[-1].isoformat())}" if days else "undated"
    kind = "Storyline" if report.kind == "storyline" else "Event"
    return Block(
        "p",
        (
            f"{kind} {report.story_id} · {len(report.articles)} articles from {len(report.outlets)} outlets · "
            f"{span} · {src.independent} independent reports (wire copies counted once).",
        ),
    )


def _reports(origins: int, outlets: int) -> str:
    """``3 independent reports from 2 outlets``."""
    return (
        f"{origins} independent report{'s' if origins != 1 else ''} from {outlets} outlet{'s' if outlets != 1 else ''}"
    )


def _summary(report: CoverageReport, summary: Summary, number: dict[str, int]) -> list[Block]:
    published = {a.id: a.published for a in report.articles}
    items = []
    for s in summary.sentences:
        when = s.date or s.reported or (published.get(s.article_id or "") or "")[:10]
        items.append(
            (
                f"{_human(when)} — {s.text} ",
                *_cites(number[a] for a in s.article_ids if a in number),
                f" · {_reports(s.origins, len(s.outlets))}",
            )
        )
    return [
        Block("h2", ("Summary",)),
        Block("ul", items=tuple(items) or (("No sentence could be drawn from the sources.",),)),
        Block(
            "note",
            (
                "Each sentence is one source's own words, dated by the day it tells of (else the day it was "
                "reported), and cites every article that says the same. "
                f"Method: {summary.method}.",
            ),
        ),
    ]


def _timeline(inputs: StoryInputs, number: dict[str, int], opts: ReportOptions) -> list[Block]:
    timeline = inputs.timeline
    blocks = [Block("h2", ("Timeline",))]
    png = timeline_chart(timeline) if timeline is not None else None
    if png:
        blocks.append(Block("img", image=png, name="timeline", text=("Timeline chart",)))
    entries = _distinct(getattr(timeline, "entries", ()))
    rows = []
    for e in entries:
        if e.background:
            continue
        tag = "announced" if e.kind == "planned" else ""
        rows.append(
            (
                (e.label,),
                (_short(e.text, 220),),
                _cites((number[a] for a in e.article_ids if a in number), opts.cites),
                (tag,),
            )
        )
    if rows:
        blocks.append(Block("table", headers=("when", "what", "sources", ""), rows=tuple(rows)))
    else:
        blocks.append(Block("p", ("No dated statements.",)))
    background = [e for e in entries if e.background][-opts.background :]
    if background:
        blocks.append(Block("h3", ("Background",)))
        blocks.append(
            Block(
                "ul",
                items=tuple(
                    (
                        f"{e.label}: {_short(e.text, 160)} ",
                        *_cites((number[a] for a in e.article_ids if a in number), 4),
                    )
                    for e in background
                ),
            )
        )
    return blocks


def _distinct(entries: Iterable[Any]) -> list[Any]:
    """Timeline entries without the near-repeats (one statement in two spellings, dated "spring" and "May")."""
    out: list[Any] = []
    seen: list[set[str]] = []
    for e in entries:
        words = set(re.findall(r"\w{4,}", str(e.text).casefold()))
        if any(len(words & w) >= 0.8 * max(1, min(len(words), len(w))) for w in seen):
            continue
        seen.append(words)
        out.append(e)
    return out


def _fact_when(f: Fact, published: dict[str, str | None], recalled_after: int = 3) -> str:
    """The day a fact is placed on: its anchored day (unless that lies more than ``recalled_after`` days before
    its first report: "last Sunday's vote" in a report of Saturday's march), else the day it was first reported."""
    days = sorted(d for d in (published.get(a) for a in f.article_ids) if d and _day(d))
    first = days[0][:10] if days else "~"
    anchor = _day(f.anchor) if f.kind == "date" and f.anchor else None
    reported = _day(first)
    if anchor and (reported is None or (reported - anchor).days <= recalled_after):
        return anchor.isoformat()
    return first


def _coverage(report: CoverageReport, number: dict[str, int], opts: ReportOptions) -> tuple[list[Block], dict]:
    published = {a.id: a.published for a in report.articles}
    merged: dict[str, Fact] = {}
    for f in report.facts:
        if f.origins < 2:
            continue
        text = fact_sentence(report, f) or f.text
        if text in merged:  # two facts a reader would see as one sentence: one column
            merged[text] = _union(merged[text], f)
        elif len(merged) < opts.facts:
            merged[text] = f
    shown = {f.id: text for text, f in merged.items()}
    shared = sorted(merged.values(), key=lambda f: (_fact_when(f, published), -f.origins, f.id))
    label = {f.id: f"F{k + 1}" for k, f in enumerate(shared)}
    blocks = [Block("h2", ("Coverage: who reported what",))]
    png = coverage_heatmap(report, shared, days=[_human(_fact_when(f, published))[:6] for f in shared])
    if png:
        blocks.append(Block("img", image=png, name="coverage", text=("Coverage heat map",)))
    rows = []
    for f in shared:
        rows.append(
            (
                (label[f.id],),
                (_human(_fact_when(f, published)),),
                (_short(shown[f.id], 240),),
                (f"{len(f.outlets)} outlets · {f.origins} independent",),
                _cites((number[a] for a in f.article_ids if a in number), opts.cites),
            )
        )
    if rows:
        blocks.append(
            Block(
                "table",
                headers=("fact", "when", "in the words of one source", "carried by", "articles"),
                rows=tuple(rows),
            )
        )
        blocks.append(
            Block(
                "note",
                (
                    f"The {len(shared)} facts most independent reports share, in the order they happened. "
                    "A fact is one claim, figure or date aligned across wording and languages; the heat map counts "
                    "each outlet's articles that carry it.",
                ),
            )
        )
    blocks += _solo(report, number, opts)
    blocks.append(Block("h3", ("Left out what most others carried",)))
    omit = []
    for outlet, facts in report.omissions().items():
        mine = [label[f.id] for f in facts if f.id in label]
        if mine:
            omit.append((f"{outlet}: {', '.join(sorted(mine, key=lambda x: int(x[1:])))}",))
    blocks.append(Block("ul", items=tuple(omit) or (("No outlet left out a fact most others carried.",),)))
    blocks.append(Block("h3", ("Figures that disagree",)))
    conflicts = [
        (
            " vs ".join(f"{v.outlet}: {v.text}" for v in c.values) + " ",
            *_cites(number[v.article_id] for v in c.values if v.article_id in number),
        )
        for c in report.conflicts
    ]
    blocks.append(Block("ul", items=tuple(conflicts) or (("None found.",),)))
    return blocks, label


def _union(a: Fact, b: Fact) -> Fact:
    """Two facts shown as one: ``a`` with ``b``'s articles added."""
    have = {s.article_id for s in a.supports}
    supports = a.supports + tuple(s for s in b.supports if s.article_id not in have)
    return replace(a, supports=supports, origins=len({s.origin for s in supports}))


def _solo(report: CoverageReport, number: dict[str, int], opts: ReportOptions) -> list[Block]:
    """Per outlet, the facts only it reported that read as sentences (no headline, credit or caption), the ones
    closest to the story first."""
    titles = {" ".join((a.title or "").split()) for a in report.articles}
    vecs = np.asarray([np.asarray(v, dtype=np.float32) for v in report.vectors.values()])
    centre = vecs.mean(axis=0) if len(vecs) else None
    # a clause further from the story than three in four of its clauses is off the story (a newsletter box)
    floor = float(np.quantile(vecs @ centre, 0.25)) if centre is not None else -1.0
    items: list[Text] = []
    for outlet, facts in sorted(report.solo().items()):
        kept = []
        for f in facts:
            text = fact_sentence(report, f, clause=False)
            if text is None or text in titles:
                continue
            vec = report.vectors.get(f.text)
            close = float(np.asarray(vec) @ centre) if vec is not None and centre is not None else 0.0
            if close < floor:
                continue
            kept.append((-close - 0.1 * bool(f.figures), f.id, f, text))
        for _, _, f, text in sorted(kept, key=lambda t: (t[0], t[1]))[: opts.solo]:
            items.append((f"{outlet}: {_short(text, 220)} ", *_cites(number[a] for a in f.article_ids)))
    return [Block("h3", ("Only one outlet reported",)), Block("ul", items=tuple(items) or (("Nothing.",),))]


def _quotes(report: CoverageReport, number: dict[str, int], opts: ReportOptions) -> list[Block]:
    origin = {a.id: a.origin for a in report.articles}
    rows = []
    ranked = sorted(
        report.quotes, key=lambda r: (-len({origin.get(c.article_id) for c in r.cells}), -len(r.outlets), r.ledger_id)
    )
    ranked = [r for r in ranked if len(r.text.split()) >= 3]  # "Friday": a misread quotation, not a remark
    for r in ranked[: opts.quotes]:
        wordings: dict[str, list[str]] = {}
        for c in r.cells:
            key = _short(c.text.strip(" ,.\"“”«»„'"), 150)
            wordings.setdefault(key, [])
            if c.outlet not in wordings[key]:
                wordings[key].append(c.outlet)
        told = "; ".join(f"“{w}” ({', '.join(outlets)})" for w, outlets in wordings.items())
        independent = len({origin.get(c.article_id) for c in r.cells})
        rows.append(
            (
                (r.speaker or "(speaker not identified)",),
                (told,),
                (f"{len(r.outlets)} · {independent} independent",),
                _cites((number[c.article_id] for c in r.cells if c.article_id in number), opts.cites),
            )
        )
    if not rows:
        return [Block("h2", ("Quotes by outlet",)), Block("p", ("No quotes found.",))]
    return [
        Block("h2", ("Quotes by outlet",)),
        Block("table", headers=("speaker", "wording (outlets)", "outlets", "articles"), rows=tuple(rows)),
        Block(
            "note",
            ("Each wording once, with the outlets that printed it; quotes most independent reports carried first.",),
        ),
    ]


def _spellings(report: CoverageReport) -> list[Block]:
    rows: list[tuple[Text, ...]] = []
    for sp in [r for r in report.spellings if r.varies and r.type in ("person", "org")]:
        if len(rows) == 12:
            break
        by_spelling: dict[str, set[str]] = {}
        by_outlet: dict[str, set[str]] = {}
        for outlet, spelling, _n in sp.spellings:
            by_spelling.setdefault(spelling, set()).add(outlet)
            by_outlet.setdefault(outlet, set()).add(spelling)
        if len({frozenset(v) for v in by_outlet.values()}) < 2:
            continue  # every outlet wrote it the same ways: no difference between outlets to show
        # a person's full names only (a bare surname is a shortening, not a spelling)
        full = ({s: o for s, o in by_spelling.items() if " " in s} if sp.type == "person" else {}) or by_spelling
        cell = "; ".join(
            f"{s} ({', '.join(sorted(o))})" for s, o in sorted(full.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        )
        rows.append(((sp.name,), (cell,)))
    if not rows:
        return [Block("h2", ("Names: spelling by outlet",)), Block("p", ("Every outlet spelled the names alike.",))]
    return [
        Block("h2", ("Names: spelling by outlet",)),
        Block("table", headers=("entity", "spellings (outlets)"), rows=tuple(rows)),
    ]


def _framing(inputs: StoryInputs, report: CoverageReport) -> list[Block]:
    names = dict(inputs.entity_names)
    rows = []
    for fr in report.framing:
        descs: dict[str, list[str]] = {}
        for d in fr.descriptors:
            descs.setdefault(names.get(d.entity_id, d.entity_id), []).append(d.text)
        text = "; ".join(f"{who}: " + ", ".join(f"“{t}”" for t in dict.fromkeys(v)) for who, v in sorted(descs.items()))
        credit = ", ".join(f"{a} ({n})" for a, n in fr.credited) or "-"
        cited = ", ".join(f"{a} ({n})" for a, n in fr.cited) or "-"
        rows.append(
            (
                (fr.outlet,),
                (text or "-",),
                (credit,),
                (cited,),
                (f"{fr.quoted_share:.0%} / {fr.paraphrased_share:.0%}",),
            )
        )
    return [
        Block("h2", ("Framing and attribution",)),
        Block(
            "table",
            headers=("outlet", "descriptors of key actors", "credits", "quotes via", "quoted / paraphrased"),
            rows=tuple(rows),
        ),
    ]


def _sources(report: CoverageReport, number: dict[str, int]) -> list[Block]:
    src = report.sources
    items: list[Text] = []
    for g in src.groups:
        if g.kind == "wire":
            copies = [number[a] for a in g.article_ids if a != g.original_id]
            agency = f" ({', '.join(g.agencies)})" if g.agencies else ""
            items.append((f"Wire piece{agency}: original ", number[g.original_id], ", republished as ", *copies))
    items.append((f"{src.independent} independent reports among {src.articles} articles.",))
    rows = []
    for a in report.articles:
        rows.append(
            (
                (f"[{number[a.id]}]",),
                (a.outlet_name,),
                (_human(a.published) + (f" {a.published[11:16]}" if a.published and len(a.published) > 15 else ""),),
                (a.language or "?",),
                (a.title or "(no title)",),
                (a.id,),
            )
        )
    return [
        Block("h2", ("Sources",)),
        Block("ul", items=tuple(items)),
        Block("h2", ("Articles",)),
        Block("table", headers=("", "outlet", "published", "lang", "title", "id"), rows=tuple(rows)),
        Block("note", (f"Fact alignment: {report.method}.",)),
    ]


def _content(inputs: StoryInputs, report: CoverageReport, summary: Summary, opts: ReportOptions) -> list[Block]:
    number = {a.id: k + 1 for k, a in enumerate(report.articles)}
    blocks = [_header(report, report.sources)]
    blocks += _summary(report, summary, number)
    blocks += _timeline(inputs, number, opts)
    coverage, _labels = _coverage(report, number, opts)
    blocks += coverage
    blocks += _quotes(report, number, opts)
    blocks += _spellings(report)
    blocks += _framing(inputs, report)
    blocks += _sources(report, number)
    return blocks


def build_report(
    inputs: StoryInputs,
    fmt: str = "html",
    *,
    options: ReportOptions | None = None,
    report: CoverageReport | None = None,
    summary: Summary | None = None,
    summarizer: Summarizer | None = None,
    encoder: Any = None,
) -> ReportOutput:
    """The report of one story in ``fmt`` (``md`` or ``html``); the comparison and summary are computed when not
    given (the default summarizer: extractive)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    opts = options or ReportOptions()
    rep = report or compare_story(inputs, encoder=encoder)
    if summary is None:
        if summarizer is None:
            summary = ExtractiveSummarizer().summarize(
                rep, sentences=opts.sentences, timeline=inputs.timeline, encoder=encoder
            )
        else:
            summary = summarizer.summarize(rep, sentences=opts.sentences, timeline=inputs.timeline)
    title = inputs.title or rep.story_id
    blocks = _content(inputs, rep, summary, opts)
    return markdown(title, blocks, opts.images, opts.image_prefix) if fmt == "md" else page(title, blocks)


def write_report(output: ReportOutput, path: str | Path) -> list[Path]:
    """Write the report and its image files (next to it); returns the paths written."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output.text, encoding="utf-8")
    written = [target]
    for name, data in sorted(output.files.items()):
        p = target.parent / name
        p.write_bytes(data)
        written.append(p)
    return written
