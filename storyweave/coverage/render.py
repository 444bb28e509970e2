"""Terminal tables of a comparison (``storyweave compare ID``): rich renderables, and plain text from them."""

from __future__ import annotations

import textwrap

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from storyweave.coverage.model import CoverageReport

__all__ = ["render_compare", "render_compare_text"]


def _short(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width, placeholder="…")


def _or_none(table: Table) -> RenderableType:
    """The table, or one line saying there is nothing of the kind (no empty table with its headers only)."""
    if table.row_count:
        return table
    return Text(f"{table.title}: none")


def render_compare(report: CoverageReport, *, facts: int = 12, quotes: int = 8, names: int = 8) -> Group:
    """The coverage matrix (outlets x shared facts), the facts, disagreeing figures, quotes, spellings, framing and
    sources as rich tables."""
    shared = report.shared_facts()[:facts]
    matrix = Table(title=f"Coverage of {report.story_id}: outlet x fact (articles carrying it)")
    matrix.add_column("outlet")
    for k in range(len(shared)):
        matrix.add_column(f"F{k + 1}", justify="center")
    for outlet, row in zip(report.outlets, report.matrix(shared), strict=True):
        matrix.add_row(outlet, *[str(n) if n else "·" for n in row])
    fact_table = Table(title="Facts carried by two or more independent origins")
    for col in ("fact", "text (one source's words)", "outlets", "origins"):
        fact_table.add_column(col)
    for k, f in enumerate(shared):
        fact_table.add_row(f"F{k + 1}", _short(f.text, 110), str(len(f.outlets)), str(f.origins))
    conflicts = Table(title="Figures that disagree")
    conflicts.add_column("fact")
    conflicts.add_column("figures")
    label = {f.id: f"F{k + 1}" for k, f in enumerate(shared)}
    for c in report.conflicts:
        conflicts.add_row(label.get(c.fact_id, c.fact_id), " vs ".join(f"{v.outlet}: {v.text}" for v in c.values))
    quote_table = Table(title="Quotes by outlet")
    for col in ("speaker", "outlets", "wording by outlet"):
        quote_table.add_column(col)
    for r in report.quotes[:quotes]:
        wording = "\n".join(f"{c.outlet}: “{_short(c.text, 90)}”" for c in r.cells)
        quote_table.add_row(r.speaker or "(unknown)", str(len(r.outlets)), wording)
    spell = Table(title="Spellings by outlet")
    spell.add_column("entity")
    spell.add_column("outlet: spelling (count)")
    for s in [s for s in report.spellings if s.varies][:names]:
        spell.add_row(s.name, "\n".join(f"{o}: {sp} ({n})" for o, sp, n in s.spellings))
    framing = Table(title="Framing and attribution")
    for col in ("outlet", "descriptors", "credits", "quoted / paraphrased"):
        framing.add_column(col)
    for fr in report.framing:
        descs = ", ".join(dict.fromkeys(f"“{d.text}”" for d in fr.descriptors)) or "-"
        credit = ", ".join(f"{a} ({n})" for a, n in fr.credited) or "-"
        framing.add_row(fr.outlet, _short(descs, 120), credit, f"{fr.quoted_share:.0%} / {fr.paraphrased_share:.0%}")
    src = report.sources
    sources = Table(title=f"Sources: {src.independent} independent origins among {src.articles} articles")
    for col in ("origin", "kind", "outlets", "articles"):
        sources.add_column(col)
    for g in src.groups:
        sources.add_row(g.original_id[:12], g.kind, ", ".join(g.outlets), str(len(g.article_ids)))
    tables = (fact_table, conflicts, quote_table, spell, framing, sources)
    return Group(*([matrix] if shared else []), *(_or_none(t) for t in tables))


def render_compare_text(report: CoverageReport, width: int = 140) -> str:
    """The same tables as plain text (no colour), e.g. for a file or a test."""
    console = Console(width=width, record=True, color_system=None, force_terminal=False)
    with console.capture() as cap:
        console.print(render_compare(report))
    return cap.get()
