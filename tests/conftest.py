"""Shared fixtures: small inputs written for these tests, and a fresh store."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyweave.config import IngestOptions
from storyweave.storage import SQLiteStore, open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

PARAS = [
    "The harbour authority of Valmora approved a new dredging plan on Tuesday after three months of talks "
    "with shipping firms and the fishermen's union, officials said.",
    "Under the plan, the main channel will be deepened by two metres so that larger container ships can dock, "
    "a change the authority says will add four hundred jobs by the end of next year.",
    "“We listened to every side and this is the compromise that keeps the port alive,” said harbour director "
    "Ilse Marovic, who has led the authority since 2019.",
    "The fishermen's union said it would watch the work closely and warned that any damage to the spawning "
    "grounds north of the breakwater would bring its members back to the quay in protest.",
]


def article_html(
    title: str = "Valmora harbour approves dredging plan", *, jsonld: bool = True, site: str = "Valmora Courier"
) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    ld = ""
    if jsonld:
        ld = (
            '<script type="application/ld+json">'
            + json.dumps(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": title,
                    "datePublished": "2025-03-11T09:30:00+01:00",
                    "author": {"@type": "Person", "name": "Tomas Reyl"},
                    "publisher": {"@type": "Organization", "name": site},
                }
            )
            + "</script>"
        )
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | {site}</title>{ld}"
        f"<meta property='og:site_name' content='{site}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>© 2025 Valmora Courier. All rights reserved.</footer></body></html>"
    )


JUNK_TEXT = "\n\n".join(
    [
        "Home | News | Sport | Weather",
        "Breaking News",
        "Valmora harbour approves dredging plan",
        "By Tomas Reyl",
        "March 11, 2025",
        *PARAS,
        "Trending",
        "Ten recipes for a rainy weekend",
        "Subscribe to our newsletter",
        "© 2025 Valmora Courier. All rights reserved.",
    ]
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = open_store(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture
def serial() -> IngestOptions:
    """In-process extraction (no worker pool): faster for tiny inputs."""
    return IngestOptions(workers=1, show_progress=False)


def write_inputs(folder: Path) -> dict[str, Path]:
    """One file of every supported input type."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    files["html"] = folder / "harbour.html"
    files["html"].write_text(article_html(), encoding="utf-8")
    files["html_gz"] = folder / "harbour2.htm.gz"
    files["html_gz"].write_bytes(
        gzip.compress(article_html("Second look at the Valmora dredging plan", jsonld=False).encode())
    )
    files["text"] = folder / "scraped.txt"
    files["text"].write_text(JUNK_TEXT, encoding="utf-8")
    files["jsonl"] = folder / "export.jsonl"
    recs = [
        {
            "id": "r1",
            "url": "https://news.example.org/r1",
            "title": "Union sets terms",
            "text": "\n\n".join(PARAS[:3]),
            "published": "2025-03-12",
            "outlet": "Example News",
            "language": "en",
            "section": "port",
        },
        {
            "id": "r2",
            "title": "Nouvelle grève au port",
            "text": "Les dockers de Valmora ont cessé le travail mardi matin "
            "pour protester contre le plan de dragage, a indiqué le syndicat dans un communiqué publié lundi soir. "
            * 2,
            "published": "2025-03-13T08:00:00Z",
            "outlet": "Le Quotidien",
            "language": "fr",
        },
    ]
    files["jsonl"].write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    files["json"] = folder / "list.json"
    files["json"].write_text(
        json.dumps([{"id": "j1", "html": article_html("Port budget vote delayed")}]), encoding="utf-8"
    )
    files["rss"] = folder / "feed.rss"
    files["rss"].write_text(RSS, encoding="utf-8")
    files["atom"] = folder / "feed.atom"
    files["atom"].write_text(ATOM, encoding="utf-8")
    files["warc"] = folder / "crawl.warc.gz"
    files["warc"].write_bytes(make_warc())
    return files


_ENTRY_BODY = "".join(f"<p>{p}</p>" for p in PARAS[1:])
RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Weekly</title><link>https://harbour.example.com/</link><language>en-gb</language>
<item><title>Dredging work to start in May</title><link>https://harbour.example.com/dredging-may</link>
<pubDate>Wed, 12 Mar 2025 10:00:00 GMT</pubDate><author>desk@harbour.example.com (Mara Lind)</author>
<content:encoded><![CDATA[{_ENTRY_BODY}]]></content:encoded></item>
<item><title>Empty entry</title><link>https://harbour.example.com/empty</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Port Watch</title><id>urn:port-watch</id>
<updated>2025-03-14T12:00:00Z</updated>
<entry><title>Union weighs new strike</title><id>urn:port-watch:1</id>
<link href="https://portwatch.example.net/union-strike"/><updated>2025-03-14T12:00:00Z</updated>
<author><name>Jon Brask</name></author><content type="html"><![CDATA[{_ENTRY_BODY}]]></content></entry>
</feed>"""


def make_warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    pages = [
        (
            "https://courier.example.com/a",
            "text/html; charset=utf-8",
            article_html("Harbour plan wins backing").encode(),
        ),
        ("https://courier.example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n0000"),
    ]
    for uri, ctype, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2025-03-15T08:00:00Z"},
        )
        writer.write_record(rec)
    return buf.getvalue()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo corpus ingested once (every analysis and story stage on), shared read-only: for the
    stage, web and API tests."""
    from storyweave import ingest
    from storyweave.demo import CORPUS_DIR

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with open_store(db) as s:
        ingest([str(CORPUS_DIR)], s, IngestOptions(workers=2, show_progress=False))
    return db
