"""Rebuild ``corpus/warc/crawl-2025-10-26.warc.gz`` from the pages in ``warc_src/``.

Deterministic: every WARC-Date and WARC-Record-ID is fixed and warcio's gzip members carry
mtime 0, so running this twice gives byte-identical output. Run with
``python -m storyweave.demo.build_warc`` (or ``make demo-warc``).

The archive holds, in order: a warcinfo record; a request record and a text/plain response for
robots.txt; four text/html responses (the articles); and an image/png response. Only the four
HTML responses are articles; everything else must be ignored by readers.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).parent
SRC = HERE / "warc_src"
OUT = HERE / "corpus" / "warc" / "crawl-2025-10-26.warc.gz"

#: (target URI, source file in warc_src/, WARC-Date, record-id suffix, Last-Modified)
PAGES = [
    (
        "https://www.saltreachpost.com/news/estmark/greyholm-dam-spillway-fails-1.4468115",
        "sep-greyholm-dam-spillway-fails-1.4468115.html",
        "2025-10-26T03:12:07Z",
        "0003",
        "Tue, 02 Sep 2025 10:25:00 GMT",
    ),
    (
        "https://www.elvigiacontinental.es/economia/2025/10/07/huelga-puerto-saltreach-buques.html",
        "vig-huelga-puerto-saltreach-buques.html",
        "2025-10-26T03:12:19Z",
        "0004",
        "Tue, 07 Oct 2025 06:10:00 GMT",
    ),
    (
        "https://www.weltwarte.de/wirtschaft/streik-hafen-saltreach-reedereien-a-5688",
        "ww-streik-hafen-saltreach-reedereien-a-5688.html",
        "2025-10-26T03:12:31Z",
        "0005",
        "Tue, 07 Oct 2025 04:45:00 GMT",
    ),
    (
        "https://www.ebsnews.org/news/business-60598830",
        "ebs-business-60598830.html",
        "2025-10-26T03:12:44Z",
        "0006",
        "Tue, 14 Oct 2025 06:15:00 GMT",
    ),
]

ROBOTS = b"User-agent: *\nDisallow: /search\nDisallow: /account/\nCrawl-delay: 5\n\nSitemap: https://www.saltreachpost.com/sitemap-news.xml\n"


def _png_1x1() -> bytes:
    """A valid 1x1 transparent PNG (the site logo placeholder); not an article."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00\x00\x00\x00", 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


PNG = _png_1x1()


def _rid(suffix: str) -> str:
    return f"<urn:uuid:5f0c2b1e-7d4a-4c8e-9a3b-20251026{suffix}>"


def _http(status: str, ctype: str, length: int, last_modified: str | None = None) -> StatusAndHeaders:
    headers = [
        ("Content-Type", ctype),
        ("Content-Length", str(length)),
        ("Date", "Sun, 26 Oct 2025 03:12:00 GMT"),
        ("Server", "nginx"),
        ("Cache-Control", "max-age=300"),
    ]
    if last_modified:
        headers.append(("Last-Modified", last_modified))
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def build() -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)

    info = (
        b"software: storyweave demo build_warc.py (warcio)\r\n"
        b"format: WARC File Format 1.1\r\n"
        b"description: Fictional demo crawl for storyweave; all outlets and events are invented.\r\n"
    )
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Date": "2025-10-26T03:12:00Z",
                "WARC-Record-ID": _rid("0000"),
                "WARC-Filename": OUT.name,
            },
        )
    )

    robots_uri = "https://www.saltreachpost.com/robots.txt"
    req_headers = StatusAndHeaders(
        "GET /robots.txt HTTP/1.1",
        [("Host", "www.saltreachpost.com"), ("User-Agent", "storyweave-demo-crawler/1.0"), ("Accept", "*/*")],
        is_http_request=True,
    )
    writer.write_record(
        writer.create_warc_record(
            robots_uri,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=req_headers,
            warc_headers_dict={"WARC-Date": "2025-10-26T03:12:01Z", "WARC-Record-ID": _rid("0001")},
        )
    )
    writer.write_record(
        writer.create_warc_record(
            robots_uri,
            "response",
            payload=io.BytesIO(ROBOTS),
            length=len(ROBOTS),
            http_headers=_http("200 OK", "text/plain; charset=utf-8", len(ROBOTS)),
            warc_headers_dict={"WARC-Date": "2025-10-26T03:12:02Z", "WARC-Record-ID": _rid("0002")},
        )
    )

    for uri, name, date, suffix, last_modified in PAGES:
        body = (SRC / name).read_bytes()
        writer.write_record(
            writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=_http("200 OK", "text/html; charset=utf-8", len(body), last_modified),
                warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": _rid(suffix)},
            )
        )

    png_uri = "https://www.saltreachpost.com/static/sep-logo.png"
    writer.write_record(
        writer.create_warc_record(
            png_uri,
            "response",
            payload=io.BytesIO(PNG),
            length=len(PNG),
            http_headers=_http("200 OK", "image/png", len(PNG)),
            warc_headers_dict={"WARC-Date": "2025-10-26T03:12:50Z", "WARC-Record-ID": _rid("0007")},
        )
    )
    return buf.getvalue()


def main() -> None:
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
