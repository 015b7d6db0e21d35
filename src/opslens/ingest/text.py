"""Bytes in, text out: bounded reads, binary detection, decoding, format sniffing.

Plain text is decoded strictly (a wrong byte means a wrong file, and guessing would corrupt
offsets silently); HTML is decoded leniently because HTML in the wild is messy.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import BinaryIO, Literal

from opslens.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputTooLargeError,
    UnreadableInputError,
)

Kind = Literal["text", "html", "jsonl", "feed"]

EXTENSIONS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
# How a document of each kind opens (lowercased), for `sniff`.
ROOT_MARKERS: tuple[tuple[str, Kind], ...] = (
    ("<rss", "feed"),
    ("<feed", "feed"),
    ("<rdf:rdf", "feed"),
    ("<!doctype html", "html"),
    ("<html", "html"),
    ("<body", "html"),
)

MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or DOCX/XLSX/EPUB)",
    b"\x89PNG": "a PNG image",
    b"\x1f\x8b": "gzip-compressed data",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"BZh": "bzip2-compressed data",
    b"\xfd7zXZ": "xz-compressed data",
    b"\xd0\xcf\x11\xe0": "an MS Office (OLE) document",
    b"\x7fELF": "an executable",
    b"RIFF": "a RIFF media file",
}
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
SNIFF_BYTES = 8192
CONTROL_SHARE = 0.1  # text has almost no C0 controls besides \t \n \r \f
TEXT_CONTROLS = {9, 10, 12, 13, 27}


def is_url(spec: str) -> bool:
    return re.match(r"(?i)https?://", spec) is not None


def kind_for_path(path: Path | str) -> Kind | None:
    return EXTENSIONS.get(Path(path).suffix.lower())


def too_large(what: str, max_bytes: int) -> InputTooLargeError:
    return InputTooLargeError(f"{what} is over the size limit of {max_bytes:,} bytes (raise it with OPSLENS_MAX_BYTES)")


def read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """At most `max_bytes` bytes; reads one byte more only to know the input is too large."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large("the input", max_bytes)
    return data


def read_path(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise too_large(f"the file ({size:,} bytes)", max_bytes)
        with path.open("rb") as stream:
            return read_limited(stream, max_bytes)
    except OSError as exc:
        raise unreadable(path, exc) from exc


def unreadable(path: Path | str, exc: OSError) -> UnreadableInputError:
    reason = exc.strerror or type(exc).__name__
    return UnreadableInputError(f"cannot read {path}: {reason}")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def check_binary(data: bytes) -> None:
    """Raise `BinaryInputError` for known file signatures or control-character noise."""
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(f"input looks like {what}, not text")
    bom = bom_encoding(data)
    if bom and bom[0].startswith("utf-16"):
        return  # UTF-16 is full of NUL bytes by design
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise BinaryInputError("input contains NUL bytes: it looks like a binary file, not text")
    controls = sum(1 for b in head if (b < 32 and b not in TEXT_CONTROLS) or b == 127)
    if head and controls / len(head) > CONTROL_SHARE:
        raise BinaryInputError("input is mostly control characters: it looks like a binary file, not text")


def check_not_empty(data: bytes | str) -> None:
    if not data.strip():
        raise EmptyInputError("input is empty" if not data else "input contains only whitespace")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes, charset: str | None = None) -> str:
    """Strict decoding: UTF-8 (BOM stripped), UTF-16 with a BOM, or a declared charset."""
    check_not_empty(data)
    check_binary(data)
    bom = bom_encoding(data)
    encoding, skip = bom if bom else (_known(charset) or "utf-8", 0)
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        offset = exc.start + skip
        raise EncodingError(
            f"input is not valid {encoding.upper()}: byte 0x{data[offset]:02x} at offset {offset} "
            "cannot be decoded (convert the file to UTF-8)"
        ) from exc
    text = normalise_newlines(text)
    check_not_empty(text)
    return text


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Lenient decoding: BOM, then the declared charset (header or <meta>), else UTF-8 with replacement."""
    check_not_empty(data)
    check_binary(data)
    bom = bom_encoding(data)
    if bom:
        return normalise_newlines(data[bom[1] :].decode(bom[0], errors="replace"))
    encoding = _known(charset) or _known(meta_charset(data)) or "utf-8"
    return normalise_newlines(data.decode(encoding, errors="replace"))


def meta_charset(data: bytes) -> str | None:
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", data[:4096], re.I)
    return match.group(1).decode("ascii", "replace") if match else None


def _known(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip()).name
    except LookupError:
        return None


def sniff(data: bytes) -> Kind:
    """The format of unnamed input (stdin, unknown extensions, URLs without a clear type)."""
    bom = bom_encoding(data)
    head = data[bom[1] if bom else 0 :][:SNIFF_BYTES].decode(bom[0] if bom else "utf-8", errors="replace")
    start = head.lstrip().lower()[:2048]
    markup = _first_marker(start)
    if markup:
        return markup
    if start.startswith("{") and _looks_like_jsonl(data):
        return "jsonl"
    return "text"


def _first_marker(start: str) -> Kind | None:
    """The earliest of the feed and HTML root markers decides (a feed may embed escaped HTML later)."""
    found: list[tuple[int, Kind]] = []
    for marker, kind in ROOT_MARKERS:
        pos = start.find(marker)
        if pos >= 0:
            found.append((pos, kind))
    return min(found)[1] if found and start.startswith("<") else None


def _looks_like_jsonl(data: bytes) -> bool:
    """The first non-blank line, and most of the others, are JSON objects.

    Not *every* line: one malformed line must become one error record, not turn a JSONL
    stream into a single plain-text article."""
    lines = [line for line in data.split(b"\n") if line.strip()]
    if not lines or not _is_object(lines[0]):
        return False
    sample = lines[:200]
    return sum(_is_object(line) for line in sample) * 2 >= len(sample)


def _is_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
