"""Ingest: files, folders, stdin and URLs in; `Article`s (or `ErrorRecord`s in their place) out.

    for item in read_inputs(["news/", "feed.xml", "-"], Options(), stdin=sys.stdin.buffer): ...

Inputs are read lazily and in order. One input's failure never stops the others.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO

from opslens.errors import EmptyInputError, UnreadableInputError
from opslens.ingest.build import article_from_text
from opslens.ingest.dates import check_default
from opslens.ingest.feed import read_feed
from opslens.ingest.fetch import Fetched
from opslens.ingest.fetch import fetch as fetch_url  # keeps `opslens.ingest.fetch` the module
from opslens.ingest.folder import describe_extensions, walk
from opslens.ingest.guard import Item, error_record, guarded
from opslens.ingest.html import article_from_html
from opslens.ingest.jsonl import read_jsonl, read_jsonl_path
from opslens.ingest.language import detect_language
from opslens.ingest.page import page_article
from opslens.ingest.text import Kind, is_url, kind_for_path, read_limited, read_path, sniff
from opslens.settings import Options

__all__ = [
    "Item",
    "article_from_html",
    "article_from_text",
    "count_hint",
    "detect_language",
    "read_inputs",
]

STDIN = "<stdin>"


def read_inputs(
    specs: list[str], options: Options, stdin: BinaryIO | None = None, skipped: list[Path] | None = None
) -> Iterator[Item]:
    """One `Article` per article, or an `ErrorRecord` in its place, in input order. Files in
    folders that are not article files are added to `skipped`.

    Raises only for a mistake that concerns the whole batch (an unreadable --published date)."""
    check_default(options.published)
    for spec in specs:
        if spec == "-":
            yield from guarded(lambda: _read_stdin(stdin, options), STDIN)
        elif is_url(spec):
            yield from guarded(partial(_read_url, spec, options), spec)
        else:
            yield from _read_local(Path(spec), options, skipped)


def count_hint(specs: list[str]) -> int | None:
    """About how many articles `specs` hold (files, plus the lines of JSONL files); None when
    unknowable up front (stdin, URLs)."""
    total = 0
    for spec in specs:
        if spec == "-" or is_url(spec):
            return None
        path = Path(spec)
        files = [p for p in walk(path) if isinstance(p, Path)] if path.is_dir() else [path]
        total += sum(_count_file(f) for f in files)
    return total


def _count_file(path: Path) -> int:
    if kind_for_path(path) != "jsonl":
        return 1
    try:
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip()) or 1
    except OSError:
        return 1


# ---------------------------------------------------------------- local files and folders


def _read_local(path: Path, options: Options, skipped: list[Path] | None) -> Iterator[Item]:
    if path.is_dir():
        yield from _read_folder(path, options, skipped)
    else:
        yield from guarded(lambda: _read_file(path, options), str(path))


def _read_folder(folder: Path, options: Options, skipped: list[Path] | None) -> Iterator[Item]:
    found = False
    for entry in walk(folder, skipped):
        found = True
        if isinstance(entry, Exception):
            yield error_record(entry, str(folder))
        else:
            yield from guarded(partial(_read_file, entry, options), str(entry))
    if not found:
        yield error_record(EmptyInputError(f"no article files ({describe_extensions()}) in the folder"), str(folder))


def _read_file(path: Path, options: Options) -> Iterator[Item]:
    kind = kind_for_path(path)
    if kind == "jsonl":
        return read_jsonl_path(path, options)
    data = read_path(path, options.max_bytes)
    return _read_bytes(kind or sniff(data), data, str(path), options)


# ---------------------------------------------------------------- stdin and URLs


def _read_stdin(stdin: BinaryIO | None, options: Options) -> Iterator[Item]:
    if stdin is None:
        raise UnreadableInputError("'-' names standard input, but none was given")
    try:
        data = read_limited(getattr(stdin, "buffer", stdin), options.max_bytes)
    except OSError as exc:
        raise UnreadableInputError(f"cannot read standard input: {exc.strerror or exc}") from exc
    return _read_bytes(sniff(data), data, STDIN, options)


def _read_url(url: str, options: Options) -> Iterator[Item]:
    got: Fetched = fetch_url(url, options)
    return _read_bytes(got.kind, got.data, url, options, url=got.url, charset=got.charset)


def _read_bytes(
    kind: Kind, data: bytes, origin: str, options: Options, url: str | None = None, charset: str | None = None
) -> Iterator[Item]:
    if kind == "jsonl":
        return read_jsonl(io.BytesIO(data), origin, options)
    if kind == "feed":
        return read_feed(data, origin, options)
    return iter([page_article(kind, data, url=url, origin=origin, options=options, charset=charset)])
