"""RSS and Atom feeds: each entry is an article built from the feed's own content.

Entry links are not fetched: that would be one network request per entry, and a feed file
given to `analyze` should be analysed as it is. Fetch the links explicitly as URLs instead.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import feedparser

from opslens.errors import EmptyInputError, MalformedInputError, NoTextError
from opslens.ingest.build import article_from_text
from opslens.ingest.dates import normalise_date
from opslens.ingest.guard import Item, guarded
from opslens.ingest.html import fragment_to_text, has_text
from opslens.model import Article
from opslens.settings import Options

MARKUP = re.compile(r"</?[a-zA-Z][^>]*>")
RSS_AUTHOR = re.compile(r"\S+@\S+\s*\((?P<name>[^()]+)\)")


def read_feed(data: bytes, origin: str, options: Options) -> Iterator[Item]:
    parsed = feedparser.parse(data)  # bytes: feedparser never treats them as a URL or a path
    if not parsed.entries:
        if parsed.get("bozo"):
            raise MalformedInputError(f"cannot parse the feed: {parsed.get('bozo_exception')}")
        raise EmptyInputError("the feed has no entries")
    outlet = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, 1):
        entry_id = entry.get("id") or entry.get("link") or None
        yield from guarded(
            lambda entry=entry, n=n: entry_article(entry, outlet, f"{origin}#entry{n}", options),
            f"{origin}#entry{n}", entry_id,
        )


def entry_article(entry, outlet: str | None, origin: str, options: Options) -> Article:
    body = entry_text(entry)
    if not has_text(body):
        raise NoTextError("the feed entry has no text (no content or summary)")
    return article_from_text(
        body, id=entry.get("id") or entry.get("link") or None, title=entry.get("title"),
        url=entry.get("link"), outlet=outlet, byline=entry_author(entry),
        published=entry_date(entry), published_source="metadata",
        origin=origin, options=options, find_title=False,
    )


def entry_text(entry) -> str:
    """content[0] when present, else the summary; HTML turned into paragraphs."""
    candidates = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()][:1]
    if (entry.get("summary") or "").strip():
        candidates.append({"value": entry["summary"], "type": entry.get("summary_detail", {}).get("type")})
    if not candidates:
        return ""
    value, kind = candidates[0]["value"], candidates[0].get("type") or ""
    if "html" in kind or MARKUP.search(value):
        return fragment_to_text(value)
    return value.strip()


def entry_author(entry) -> str | None:
    """The author's name; RSS 2.0 writes "email (Name)" (feedparser's split of it trips on long TLDs)."""
    raw = entry.get("author") or ""
    match = RSS_AUTHOR.fullmatch(raw.strip())
    if match:
        return match["name"]
    return raw or (entry.get("author_detail") or {}).get("name")


def entry_date(entry) -> str | None:
    """The date as the feed writes it (its own time zone); feedparser's UTC tuple as a last resort."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw and normalise_date(raw):
            return raw
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M", parsed)
    return None
