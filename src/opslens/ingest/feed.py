"""RSS and Atom feeds: each entry is an article, read from the page its link points to.

A feed entry's summary is a teaser (often a sentence, sometimes a word), so the link is fetched
as a URL input would be: the same checks (http(s) only, private addresses refused unless
--allow-private, every redirect re-checked, timeouts, size limit) and the same page readers
(`page.page_article`). The entry's own content or summary is the text only when the link cannot
be used (no link, fetch error, blocked address, a page without text) or when links are not
followed (`--no-follow`); the article then says which text it holds and why
(`Article.text_source`, `Article.text_note`).

Metadata of an article read from a link: the entry's id as the article id, the feed's title as
the outlet, the final URL (after redirects); the page's own title, author and date, with the
entry's filling in what the page lacks (the page is the text analysed, so its metadata describes
it best). Each link is one request, made one entry after another.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from functools import partial

import feedparser

from opslens.contract import Article
from opslens.errors import EmptyInputError, InputError, MalformedInputError, NoTextError
from opslens.ingest.build import article_from_text
from opslens.ingest.dates import normalise_date
from opslens.ingest.fetch import fetch
from opslens.ingest.guard import Item, guarded
from opslens.ingest.html import Extracted, fragment_to_text, has_text
from opslens.ingest.page import page_article
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
        yield from guarded(
            partial(entry_article, entry, outlet, f"{origin}#entry{n}", options),
            f"{origin}#entry{n}",
            entry_id(entry),
        )


def entry_article(entry, outlet: str | None, origin: str, options: Options) -> Article:
    """The linked page when links are followed and it can be used, else the entry's own text."""
    if not options.follow_links:
        return from_entry(entry, outlet, origin, options)
    link = entry.get("link")
    if not link:
        return from_entry(entry, outlet, origin, options, why="the feed entry has no link")
    try:
        return from_link(link, entry, outlet, origin, options)
    except InputError as exc:  # the link's failure is the entry's fallback, not its error
        return from_entry(entry, outlet, origin, options, why=f"the link {link} could not be used: {exc}")


def from_link(link: str, entry, outlet: str | None, origin: str, options: Options) -> Article:
    got = fetch(link, options)
    article = page_article(
        got.kind,
        got.data,
        url=got.url,
        charset=got.charset,
        id=entry_id(entry),
        outlet=outlet,
        fallback=Extracted(title=entry.get("title"), date=entry_date(entry), author=entry_author(entry)),
        origin=origin,
        options=options,
    )
    return article.model_copy(update={"text_source": "link"})


def from_entry(entry, outlet: str | None, origin: str, options: Options, why: str | None = None) -> Article:
    """The entry's content or summary; `why` the link was not used, when it was meant to be."""
    body, part = entry_text(entry)
    if not has_text(body):
        raise NoTextError("the feed entry has no text (no content or summary)" + (f", and {why}" if why else ""))
    article = article_from_text(
        body,
        id=entry_id(entry),
        title=entry.get("title"),
        url=entry.get("link"),
        outlet=outlet,
        byline=entry_author(entry),
        published=entry_date(entry),
        published_source="metadata",
        origin=origin,
        options=options,
        find_title=False,
    )
    note = f"{why[:1].upper()}{why[1:]}. Analysed the feed entry's {part} instead." if why else None
    return article.model_copy(update={"text_source": "feed_entry", "text_note": note})


def entry_id(entry) -> str | None:
    return entry.get("id") or entry.get("link") or None


def entry_text(entry) -> tuple[str, str]:
    """The text of content[0] when present, else of the summary, and which of the two it is;
    HTML turned into paragraphs."""
    candidates = [("content", c) for c in entry.get("content") or [] if (c.get("value") or "").strip()][:1]
    if (entry.get("summary") or "").strip():
        candidates.append(("summary", {"value": entry["summary"], "type": entry.get("summary_detail", {}).get("type")}))
    if not candidates:
        return "", "summary"
    part, chosen = candidates[0]
    value, kind = chosen["value"], chosen.get("type") or ""
    if "html" in kind or MARKUP.search(value):
        return fragment_to_text(value), part
    return value.strip(), part


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
