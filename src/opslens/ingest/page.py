"""One page, one article: an HTML page or a plain text, whether it came from a file, stdin, a URL
input or the link of a feed entry. Both paths read pages with this one function.
"""

from __future__ import annotations

from opslens.contract import Article
from opslens.errors import NoTextError
from opslens.ingest.build import article_from_text
from opslens.ingest.html import Extracted, article_from_html
from opslens.ingest.text import Kind, decode_text
from opslens.settings import Options

KIND_NAMES = {"feed": "an RSS/Atom feed", "jsonl": "a JSONL file"}


def page_article(
    kind: Kind,
    data: bytes,
    *,
    origin: str,
    options: Options,
    url: str | None = None,
    charset: str | None = None,
    id: str | None = None,
    outlet: str | None = None,
    fallback: Extracted | None = None,
) -> Article:
    """`data` read as one article. `id` and `outlet` win over the page's own; `fallback` holds
    the title, author and date to use where the page has none (a feed entry's)."""
    if kind == "html":
        return article_from_html(
            data, url=url, id=id, origin=origin, options=options, charset=charset, outlet=outlet, fallback=fallback
        )
    if kind == "text":
        meta = fallback or Extracted()  # plain text has no metadata of its own but a headline line
        return article_from_text(
            decode_text(data, charset),
            id=id,
            url=url,
            outlet=outlet,
            origin=origin,
            options=options,
            title=meta.title,
            byline=meta.author,
            published=meta.date,
            published_source="metadata" if meta.date else "given",
        )
    raise NoTextError(f"expected an article page, got {KIND_NAMES[kind]}")
