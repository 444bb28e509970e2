"""Bytes -> text, with clear errors for inputs that are not text at all."""

from __future__ import annotations

import re

from storyweave.errors import InputError

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def describe_binary(data: bytes) -> str | None:
    """A phrase naming ``data`` if it is clearly not text, else None."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 text has NULs too; accept it if it carries a BOM.
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None
        return "binary data"
    if head and len(_CONTROL.findall(head)) / len(head) > 0.05:
        return "binary data"
    return None


def decode_bytes(data: bytes, *, declared: str | None = None, html: bool = False) -> tuple[str, str]:
    """Decode ``data`` to text; returns (text, how) where ``how`` names the encoding used.

    Order: BOM, valid UTF-8, the declared charset (HTTP header or <meta>),
    charset-normalizer's guess; text mixing UTF-8 with a legacy encoding is
    decoded line by line. Raises InputError for binary data.
    """
    what = describe_binary(data)
    if what:
        raise InputError(f"not text: looks like {what}")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            candidates.append(m.group(1).decode("ascii", "ignore"))
    for enc in candidates:
        if enc.lower().replace("-", "") in {"utf8"}:
            continue
        try:
            return data.decode(enc), enc.lower()
        except (LookupError, UnicodeDecodeError):
            continue
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed, "mixed utf-8/cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best), f"{best.encoding} (guessed)"
    return data.decode("utf-8", errors="replace"), "utf-8 (with replacements)"


def _decode_mixed(data: bytes) -> str | None:
    """Decode line by line when most lines are UTF-8 and a few are a Windows code page."""
    lines = data.split(b"\n")
    out: list[str] = []
    bad = 0
    utf8_multibyte = 0
    for line in lines:
        try:
            text = line.decode("utf-8")
            if any(b > 0x7F for b in line):
                utf8_multibyte += 1
        except UnicodeDecodeError:
            bad += 1
            text = line.decode("cp1252", errors="replace")
        out.append(text)
    if utf8_multibyte and bad:
        return "\n".join(out)
    return None
