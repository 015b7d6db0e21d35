"""JSONL: one article per line, streamed. A bad line is an error record in its place.

The size cap applies per line (per article), not per file: a JSONL dump of thousands of
articles is legitimately larger than any one article may be, and is never held in memory whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, TypedDict

from opslens.contract import Article
from opslens.errors import EmptyInputError, EncodingError, MalformedInputError
from opslens.ingest.build import article_from_text
from opslens.ingest.guard import Item, guarded
from opslens.ingest.html import article_from_html
from opslens.ingest.text import SNIFF_BYTES, check_binary, check_not_empty, too_large, unreadable
from opslens.settings import Options

DATE_FIELDS = ("published", "date", "publication_date", "dct")
ID_IN_BROKEN_LINE = re.compile(rb'"(?:id|doc_id)"\s*:\s*"((?:[^"\\]|\\.){1,200})"')
SKIP_CHUNK = 1 << 16


class _Common(TypedDict):
    """The fields a line gives whether it holds text or HTML. title, url, outlet and byline are
    passed on as the line has them (JSON values, not checked here)."""

    id: str | None
    title: Any
    url: Any
    outlet: Any
    byline: Any
    published: object
    origin: str
    options: Options


def read_jsonl_path(path: Path, options: Options) -> Iterator[Item]:
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise unreadable(path, exc) from exc
    with stream:
        yield from read_jsonl(stream, str(path), options)


def read_jsonl(stream: BinaryIO, origin: str, options: Options) -> Iterator[Item]:
    head = stream.read(SNIFF_BYTES)
    check_not_empty(head)
    check_binary(head)
    seen = False
    for number, raw in _lines(head, stream, options.max_bytes):
        if isinstance(raw, bytes) and not raw.strip():
            continue
        seen = True
        where, line_id = f"{origin}:{number}", _line_id(raw)
        yield from guarded(partial(line_article, raw, number, where, line_id, options), where, line_id)
    if not seen:
        raise EmptyInputError("the JSONL input has no lines with content")


def _lines(head: bytes, stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | Exception]]:
    """Numbered lines, each at most `limit` bytes; an over-long line is skipped, not buffered."""
    buffered = _Prefixed(head, stream)
    number = 0
    while True:
        line = buffered.readline(limit + 1)
        if not line:
            return
        number += 1
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if len(line) > limit and not line.endswith(b"\n"):
            buffered.skip_line()
            yield number, too_large(f"line {number}", limit)
            continue
        yield number, line


def line_article(raw: bytes | Exception, number: int, origin: str, line_id: str | None, options: Options) -> Article:
    if isinstance(raw, Exception):
        raise raw
    obj = parse_line(raw, number)
    common = _Common(
        id=line_id,
        title=obj.get("title"),
        url=obj.get("url"),
        outlet=obj.get("outlet"),
        byline=obj.get("byline") or obj.get("author"),
        published=next((obj[k] for k in DATE_FIELDS if obj.get(k) not in (None, "")), None),
        origin=origin,
        options=options,
    )
    text, html = _string_field(obj, "text", number), _string_field(obj, "html", number)
    # The text when it has content or there is no HTML; else the HTML.
    if text is not None and (html is None or text.strip()):
        return article_from_text(text, published_source="given", find_title=False, **common)
    if html is None:
        raise MalformedInputError(f"line {number}: no 'text' or 'html' field")
    return article_from_html(html, **common)


def parse_line(raw: bytes, number: int) -> dict:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingError(f"line {number}: not valid UTF-8 (bad byte at offset {exc.start} of the line)") from exc
    try:
        obj = json.loads(line.strip())
    except json.JSONDecodeError as exc:
        what = exc.msg.removesuffix(" at")  # "Unterminated string starting at"
        raise MalformedInputError(f"line {number}: invalid JSON ({what} at column {exc.colno})") from exc
    if not isinstance(obj, dict):
        raise MalformedInputError(f"line {number}: expected a JSON object, got {type(obj).__name__}")
    return obj


def _string_field(obj: dict, name: str, number: int) -> str | None:
    value = obj.get(name)
    if value is not None and not isinstance(value, str):
        raise MalformedInputError(f"line {number}: field '{name}' must be a string, not {type(value).__name__}")
    return value


def _line_id(raw: bytes | Exception) -> str | None:
    """The line's "id" (or "doc_id"), also from a line that is not valid JSON."""
    if isinstance(raw, Exception):
        return None
    try:
        obj = json.loads(raw)
        value = obj.get("id", obj.get("doc_id")) if isinstance(obj, dict) else None
        return None if value is None or value == "" else str(value)
    except ValueError:
        match = ID_IN_BROKEN_LINE.search(raw)
        return match.group(1).decode("utf-8", "replace") if match else None


class _Prefixed:
    """A stream whose first bytes were already read (to sniff for binary content)."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self.head, self.stream = head, stream

    def readline(self, limit: int) -> bytes:
        if not self.head:
            return self.stream.readline(limit)
        cut = self.head.find(b"\n")
        if 0 <= cut < limit:
            line, self.head = self.head[: cut + 1], self.head[cut + 1 :]
            return line
        line, self.head = self.head[:limit], self.head[limit:]
        if len(line) < limit and not self.head:
            line += self.stream.readline(limit - len(line))
        return line

    def skip_line(self) -> None:
        chunk = self.readline(SKIP_CHUNK)
        while chunk and not chunk.endswith(b"\n"):
            chunk = self.readline(SKIP_CHUNK)
