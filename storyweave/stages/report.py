"""The story report (``storyweave report ID --format md|html``): one self-contained file an editor can read.

Sections: what the story is (dates, outlets, independent origins), the cited summary, the timeline (chart and
list, from :mod:`storyweave.stages.timeline`), the coverage matrix (a heat map and the facts behind its
columns), what only one outlet reported, what outlets left out, figures that disagree, the quotes by outlet, the
spellings, framing and attribution habits, the sources (wire copies folded into their origin) and the articles.

The content is built once as plain blocks and rendered to Markdown or HTML. HTML escapes every scraped string and
embeds the pictures as base64 PNG; Markdown embeds them as data URIs (``images="inline"``) or names image files
to write next to it (``images="files"``, returned in :attr:`ReportOutput.files`), which renders on every
Markdown viewer.
"""

from __future__ import annotations

import base64
import html
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyweave.coverage.charts import coverage_heatmap, timeline_chart
from storyweave.coverage.model import CoverageReport, Fact, StoryInputs
from storyweave.errors import ConfigError
from storyweave.stages.compare import compare_story
from storyweave.stages.summarize import ExtractiveSummarizer, Summarizer, Summary

__all__ = ["FORMATS", "ReportOptions", "ReportOutput", "build_report", "write_report"]

FORMATS = ("md", "html")

#: A run of text: plain strings and citation numbers (ints) that point into the article list.
Text = tuple[str | int, ...]


@dataclass(frozen=True)
class ReportOptions:
    sentences: int = 6
    #: shared facts shown as columns of the coverage matrix
    facts: int = 14
    quotes: int = 10
    #: facts shown per outlet under "only in"
    solo: int = 3
    #: "inline" (data URIs / base64) or "files" (Markdown names image files written next to it)
    images: str = "inline"
    image_prefix: str = "report"

    def __post_init__(self) -> None:
        if self.images not in ("inline", "files"):
            raise ConfigError(f"images must be inline or files, not {self.images!r}")


@dataclass(frozen=True)
class ReportOutput:
    text: str
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Block:
    kind: str  # h2, h3, p, table, img, ul
    text: Text = ()
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[Text, ...], ...] = ()
    image: bytes | None = None
    name: str = ""
    items: tuple[Text, ...] = ()


def _short(text: str, width: int = 200) -> str:
    return textwrap.shorten(" ".join(text.split()), width, placeholder="…")


def _cites(numbers: Sequence[int]) -> Text:
    return tuple(n for n in sorted(set(numbers)))


def _content(inputs: StoryInputs, report: CoverageReport, summary: Summary, opts: ReportOptions) -> list[Block]:
    number = {a.id: k + 1 for k, a in enumerate(report.articles)}
    blocks: list[Block] = []
    days = sorted(a.published[:10] for a in report.articles if a.published and a.published[:1].isdigit())
    span = f"{days[0]} to {days[-1]}" if days else "undated"
    src = report.sources
    blocks.append(
        Block(
            "p",
            (
                f"{report.kind.capitalize()} {report.story_id}: {len(report.articles)} articles from "
                f"{len(report.outlets)} outlets, {span}; {src.independent} independent origins "
                f"(wire copies counted once).",
            ),
        )
    )
    blocks.append(Block("h2", ("Summary",)))
    items = []
    for s in summary.sentences:
        when = f"{s.date}: " if s.date else ""
        items.append(
            (
                when + s.text,
                " ",
                *_cites([number[a] for a in s.article_ids if a in number]),
                f" ({len(s.outlets)} outlets, {s.origins} independent)",
            )
        )
    blocks.append(Block("ul", items=tuple(items) or (("No sentence could be drawn from the sources.",),)))
    blocks.append(Block("p", (f"Method: {summary.method}.",)))

    timeline = inputs.timeline
    blocks.append(Block("h2", ("Timeline",)))
    png = timeline_chart(timeline) if timeline is not None else None
    if png:
        blocks.append(Block("img", image=png, name="timeline", text=("Timeline chart",)))
    rows = []
    for e in getattr(timeline, "entries", ()):
        tag = "background" if e.background else ("announced" if e.kind == "planned" else "")
        rows.append(
            ((e.label,), (_short(e.text, 220),), _cites([number[a] for a in e.article_ids if a in number]), (tag,))
        )
    if rows:
        blocks.append(Block("table", headers=("when", "what", "sources", ""), rows=tuple(rows)))
    else:
        blocks.append(Block("p", ("No dated statements.",)))

    shared = [f for f in report.facts if f.origins >= 2][: opts.facts]
    blocks.append(Block("h2", ("Coverage: who reported what",)))
    png = coverage_heatmap(report, shared)
    if png:
        blocks.append(Block("img", image=png, name="coverage", text=("Coverage heat map",)))
    frows = []
    for k, f in enumerate(shared):
        frows.append(
            (
                (f"F{k + 1}",),
                (_short(f.text, 220),),
                (f"{len(f.outlets)} outlets, {f.origins} independent",),
                _cites([number[a] for a in f.article_ids if a in number]),
            )
        )
    if frows:
        blocks.append(
            Block("table", headers=("fact", "as one source put it", "carried by", "articles"), rows=tuple(frows))
        )
    blocks.append(Block("h3", ("Only one outlet reported",)))
    solo_items = []
    for outlet, facts in report.solo().items():
        for f in _notable(facts)[: opts.solo]:
            solo_items.append((f"{outlet}: {_short(f.text, 200)} ", *_cites([number[a] for a in f.article_ids])))
    blocks.append(Block("ul", items=tuple(solo_items) or (("Nothing.",),)))
    blocks.append(Block("h3", ("Left out what most others carried",)))
    label = {f.id: f"F{k + 1}" for k, f in enumerate(shared)}
    omit = [
        (f"{outlet}: " + ", ".join(label[f.id] for f in facts if f.id in label),)
        for outlet, facts in report.omissions().items()
        if any(f.id in label for f in facts)
    ]
    blocks.append(Block("ul", items=tuple(omit) or (("No outlet left out a fact most others carried.",),)))
    blocks.append(Block("h3", ("Figures that disagree",)))
    conflicts = [
        (
            " vs ".join(f"{v.outlet}: {v.text}" for v in c.values) + " ",
            *_cites([number[v.article_id] for v in c.values if v.article_id in number]),
        )
        for c in report.conflicts
    ]
    blocks.append(Block("ul", items=tuple(conflicts) or (("None found.",),)))

    blocks.append(Block("h2", ("Quotes by outlet",)))
    qrows = []
    for r in report.quotes[: opts.quotes]:
        wording = "; ".join(f"{c.outlet}: “{_short(c.text, 140)}”" for c in r.cells)
        qrows.append(
            (
                (r.speaker or "(unknown)",),
                (wording,),
                (str(len(r.outlets)),),
                _cites([number[c.article_id] for c in r.cells if c.article_id in number]),
            )
        )
    if qrows:
        blocks.append(
            Block("table", headers=("speaker", "wording by outlet", "outlets", "articles"), rows=tuple(qrows))
        )
    else:
        blocks.append(Block("p", ("No quotes found.",)))

    blocks.append(Block("h2", ("Names: spelling by outlet",)))
    srows = []
    for sp in [r for r in report.spellings if r.varies and r.type in ("person", "org")][:12]:
        by_outlet: dict[str, list[str]] = {}
        for outlet, spelling, n in sp.spellings:
            by_outlet.setdefault(outlet, []).append(f"{spelling} ({n})")
        srows.append(((sp.name,), ("; ".join(f"{o}: {', '.join(v)}" for o, v in sorted(by_outlet.items())),)))
    blocks.append(
        Block("table", headers=("entity", "spellings"), rows=tuple(srows))
        if srows
        else Block("p", ("Every outlet spelled the names alike.",))
    )

    blocks.append(Block("h2", ("Framing and attribution",)))
    names = dict(inputs.entity_names)
    frows2 = []
    for fr in report.framing:
        descs: dict[str, list[str]] = {}
        for d in fr.descriptors:
            descs.setdefault(names.get(d.entity_id, d.entity_id), []).append(d.text)
        text = "; ".join(f"{who}: " + ", ".join(f"“{t}”" for t in dict.fromkeys(v)) for who, v in sorted(descs.items()))
        credit = ", ".join(f"{a} ({n})" for a, n in fr.credited) or "-"
        cited = ", ".join(f"{a} ({n})" for a, n in fr.cited) or "-"
        frows2.append(
            (
                (fr.outlet,),
                (text or "-",),
                (credit,),
                (cited,),
                (f"{fr.quoted_share:.0%} / {fr.paraphrased_share:.0%}",),
            )
        )
    blocks.append(
        Block(
            "table",
            headers=("outlet", "descriptors of key actors", "credits", "quotes via", "quoted / paraphrased"),
            rows=tuple(frows2),
        )
    )

    blocks.append(Block("h2", ("Sources",)))
    gitems: list[Text] = []
    for g in src.groups:
        if g.kind == "wire":
            copies = [number[a] for a in g.article_ids if a != g.original_id]
            agency = f" ({', '.join(g.agencies)})" if g.agencies else ""
            gitems.append((f"Wire piece{agency}: original ", number[g.original_id], ", republished as ", *copies))
    gitems.append((f"{src.independent} independent origins among {src.articles} articles.",))
    blocks.append(Block("ul", items=tuple(gitems)))

    blocks.append(Block("h2", ("Articles",)))
    arows = []
    for a in report.articles:
        arows.append(
            (
                (f"[{number[a.id]}]",),
                (a.outlet_name,),
                ((a.published or "undated")[:16],),
                (a.language or "?",),
                (a.title or "(no title)",),
                (a.id,),
            )
        )
    blocks.append(Block("table", headers=("", "outlet", "published", "lang", "title", "id"), rows=tuple(arows)))
    blocks.append(Block("p", (f"Fact alignment: {report.method}.",)))
    return blocks


def _notable(facts: Sequence[Fact]) -> list[Fact]:
    """An outlet's own facts worth listing first: with figures or several entities, then the longer ones."""
    return sorted(facts, key=lambda f: (-bool(f.figures), -len(f.text) if len(f.text) < 300 else 0, f.id))


# ---------------------------------------------------------------- rendering


def _md_text(t: Text) -> str:
    out = []
    for part in t:
        out.append(f"[{part}]" if isinstance(part, int) else str(part).replace("|", "\\|").replace("\n", " "))
    return "".join(out)


def _markdown(title: str, blocks: list[Block], opts: ReportOptions) -> ReportOutput:
    lines = [f"# {title.replace(chr(10), ' ')}", ""]
    files: dict[str, bytes] = {}
    for b in blocks:
        if b.kind in ("h2", "h3"):
            lines += [("## " if b.kind == "h2" else "### ") + _md_text(b.text), ""]
        elif b.kind == "p":
            lines += [_md_text(b.text), ""]
        elif b.kind == "ul":
            lines += [f"- {_md_text(item)}" for item in b.items] + [""]
        elif b.kind == "img" and b.image:
            if opts.images == "files":
                name = f"{opts.image_prefix}-{b.name}.png"
                files[name] = b.image
                lines += [f"![{_md_text(b.text)}]({name})", ""]
            else:
                data = base64.b64encode(b.image).decode()
                lines += [f"![{_md_text(b.text)}](data:image/png;base64,{data})", ""]
        elif b.kind == "table":
            lines.append("| " + " | ".join(b.headers) + " |")
            lines.append("|" + "---|" * len(b.headers))
            lines += ["| " + " | ".join(_md_text(c) for c in row) + " |" for row in b.rows]
            lines.append("")
    return ReportOutput("\n".join(lines).rstrip() + "\n", files)


def _html_text(t: Text) -> str:
    out = []
    for part in t:
        if isinstance(part, int):
            out.append(f'<a class="cite" href="#a{part}">[{part}]</a>')
        else:
            out.append(html.escape(str(part)))
    return "".join(out)


_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;font-size:.88em;margin:.6em 0}
th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}th{background:#f4f4f5}
a.cite{text-decoration:none;color:#1d4ed8;font-size:.85em}img{max-width:100%}li{margin:.25em 0}
.note{color:#555;font-size:.85em}
"""


def _html(title: str, blocks: list[Block]) -> ReportOutput:
    body = [f"<h1>{html.escape(title)}</h1>"]
    for b in blocks:
        if b.kind in ("h2", "h3"):
            body.append(f"<{b.kind}>{_html_text(b.text)}</{b.kind}>")
        elif b.kind == "p":
            cls = ' class="note"' if b.text and str(b.text[0]).startswith(("Method", "Fact alignment")) else ""
            body.append(f"<p{cls}>{_html_text(b.text)}</p>")
        elif b.kind == "ul":
            body.append("<ul>" + "".join(f"<li>{_html_text(i)}</li>" for i in b.items) + "</ul>")
        elif b.kind == "img" and b.image:
            data = base64.b64encode(b.image).decode()
            body.append(f'<p><img alt="{_html_text(b.text)}" src="data:image/png;base64,{data}"></p>')
        elif b.kind == "table":
            head = "".join(f"<th>{html.escape(h)}</th>" for h in b.headers)
            rows = []
            for row in b.rows:
                anchor = ""
                first = row[0][0] if row and row[0] else ""
                if isinstance(first, str) and first.startswith("[") and first.endswith("]") and first[1:-1].isdigit():
                    anchor = f' id="a{first[1:-1]}"'
                rows.append(f"<tr{anchor}>" + "".join(f"<td>{_html_text(c)}</td>" for c in row) + "</tr>")
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
    return ReportOutput(page)


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
    return _markdown(title, blocks, opts) if fmt == "md" else _html(title, blocks)


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
