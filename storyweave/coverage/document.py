"""The story report as a document: plain blocks (headings, paragraphs, lists, tables, pictures) rendered to
Markdown or to one self-contained HTML page (every scraped string escaped, pictures as base64 PNG)."""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field

__all__ = ["Block", "ReportOutput", "Text", "markdown", "page"]

#: A run of text: plain strings and citation numbers (ints) that point into the article list.
Text = tuple[str | int, ...]


@dataclass(frozen=True)
class ReportOutput:
    text: str
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Block:
    kind: str  # h2, h3, p, note (a small print paragraph), table, img, ul
    text: Text = ()
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[Text, ...], ...] = ()
    image: bytes | None = None
    name: str = ""
    items: tuple[Text, ...] = ()


def _md_text(t: Text) -> str:
    out = []
    for part in t:
        out.append(f"[{part}]" if isinstance(part, int) else str(part).replace("|", "\\|").replace("\n", " "))
    return "".join(out)


def markdown(title: str, blocks: list[Block], images: str = "inline", prefix: str = "report") -> ReportOutput:
    """Markdown; pictures as data URIs (``images=\"inline\"``) or as files named ``{prefix}-{name}.png``."""
    lines = [f"# {title.replace(chr(10), ' ')}", ""]
    files: dict[str, bytes] = {}
    for b in blocks:
        if b.kind in ("h2", "h3"):
            lines += [("## " if b.kind == "h2" else "### ") + _md_text(b.text), ""]
        elif b.kind in ("p", "note"):
            lines += [("*" + _md_text(b.text) + "*") if b.kind == "note" else _md_text(b.text), ""]
        elif b.kind == "ul":
            lines += [f"- {_md_text(item)}" for item in b.items] + [""]
        elif b.kind == "img" and b.image:
            if images == "files":
                name = f"{prefix}-{b.name}.png"
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


def page(title: str, blocks: list[Block]) -> ReportOutput:
    """One self-contained HTML page."""
    body = [f"<h1>{html.escape(title)}</h1>"]
    for b in blocks:
        if b.kind in ("h2", "h3"):
            body.append(f"<{b.kind}>{_html_text(b.text)}</{b.kind}>")
        elif b.kind in ("p", "note"):
            cls = ' class="note"' if b.kind == "note" else ""
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
