"""From a body of text and what the input says about it to an `Article`.

Every reader ends here, so cleaning, credits, language and ids are the same for all inputs.
Articles in any language are built alike; which analysis stages run on them is the pipeline's
decision (`opslens.pipeline.analyzer.skip_reason`).
"""

from __future__ import annotations

import hashlib

from opslens.contract import Article, DateSource
from opslens.errors import NoTextError
from opslens.ingest import clean
from opslens.ingest.dates import published as make_published
from opslens.ingest.language import detect_language
from opslens.ingest.text import check_not_empty, normalise_newlines
from opslens.settings import Options


def article_from_text(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    byline: str | None = None,
    published: object = None,
    published_source: DateSource = "given",
    origin: str | None = None,
    options: Options,
    find_title: bool = True,
) -> Article:
    """Clean `text` and describe it. `find_title`: take a headline-shaped first paragraph as the
    title (plain-text files); off for inputs whose title is a field of its own (JSONL, feeds)."""
    check_not_empty(text)
    body = clean.remove_boilerplate(normalise_newlines(text))
    if find_title and title is None:
        title, body = clean.split_title(body)
    if not body:
        raise NoTextError("no article text left after removing boilerplate lines")
    credits = clean.parse_credits(body)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return Article(
        id=id or f"sha256:{digest}",
        sha256=digest,
        url=_field(url),
        outlet=_field(outlet),
        title=_field(title),
        byline=_field(byline) or clean.find_byline(body) or (", ".join(credits.people) or None),
        language=detect_language(body),  # any language is kept; the analysis decides what runs
        published=make_published(published, published_source, options.published),
        credits=credits.credits,
        dateline=credits.dateline,
        origin=origin,
        text=body,
    )


def _field(value: object) -> str | None:
    """One-line metadata: whitespace collapsed, empty as None, non-strings as their text."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None
