"""HTML pages: main text and metadata with trafilatura, an lxml paragraph fallback, fragments.

Feed entries are short HTML fragments; trafilatura is tuned for whole pages and drops short
ones, so fragments go through the plain lxml paragraph path.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import cache

import lxml.html
from lxml import etree

from opslens.contract import Article
from opslens.errors import NoTextError
from opslens.ingest.build import article_from_text
from opslens.ingest.clean import is_name_list
from opslens.ingest.dates import normalise_date
from opslens.ingest.text import check_not_empty, decode_html, normalise_newlines
from opslens.settings import Options

log = logging.getLogger(__name__)

MIN_WORDS = 4  # less than one short sentence is not an article
# fmt: off
BLOCKS = frozenset([
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
])
# fmt: on
NOISE = "//script|//style|//noscript|//template|//nav|//header|//footer|//aside|//form|//svg|//iframe|//button"


@dataclass
class Extracted:
    text: str = ""
    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None

    def filled_from(self, other: Extracted) -> Extracted:
        """These findings, each missing title, date, author and site name taken from `other`."""
        return replace(
            self,
            title=self.title or other.title,
            date=self.date or other.date,
            author=self.author or other.author,
            sitename=self.sitename or other.sitename,
        )


def article_from_html(
    html: str | bytes,
    *,
    url: str | None = None,
    id: str | None = None,
    origin: str | None = None,
    options: Options,
    charset: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    byline: str | None = None,
    published: object = None,
    fallback: Extracted | None = None,
) -> Article:
    """A whole HTML page. Explicit arguments (JSONL fields) win over the page's own metadata;
    `fallback` (a feed entry's title, author, date) fills in what the page lacks."""
    page = decode_html(html, charset) if isinstance(html, bytes) else normalise_newlines(html)
    check_not_empty(page)
    found = extract(page, url)
    if not has_text(found.text):
        raise NoTextError("no article text found in the HTML")
    if fallback:
        found = found.filled_from(fallback)
    given_date = published is not None and normalise_date(published) is not None
    return article_from_text(
        drop_leading_title(found.text, title or found.title),
        id=id,
        title=title or found.title,
        url=url or found.url,
        outlet=outlet or found.sitename,
        byline=byline or _byline(found.author),
        published=published if given_date else found.date,
        published_source="given" if given_date else "metadata",
        origin=origin,
        options=options,
        find_title=False,
    )


def extract(page: str, url: str | None = None) -> Extracted:
    """trafilatura first; the lxml paragraphs when it finds nothing or fails."""
    found = _trafilatura_extract(page, url)
    if found and has_text(found.text):
        return found
    fallback = lxml_extract(page)
    if found:  # keep the metadata trafilatura did find
        fallback.date, fallback.author, fallback.sitename = found.date, found.author, found.sitename
        fallback.title = fallback.title or found.title
        fallback.url = found.url
    return fallback


def has_text(text: str | None) -> bool:
    return bool(text and len(re.findall(r"[^\W\d_]{2,}", text)) >= MIN_WORDS)


def drop_leading_title(text: str, title: str | None) -> str:
    """The headline is Article.title, not the first line of the body."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and _squash(first) == _squash(title):
        return rest.strip()
    return text


def _byline(author: str | None) -> str | None:
    """The page's author metadata when it names people or agencies. trafilatura reads any
    author-classed element, also the one naming whose claim a fact check examines."""
    return author if author and is_name_list(author) else None


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


# ---------------------------------------------------------------- trafilatura


@cache
def _trafilatura():
    """Imported on first use: it takes a while, and plain-text batches never need it."""
    import trafilatura
    from trafilatura.settings import set_date_params

    return trafilatura, set_date_params


def _trafilatura_extract(page: str, url: str | None) -> Extracted | None:
    try:
        trafilatura, set_date_params = _trafilatura()
        doc = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=False,
            # no date guessed from the body text: a page's date comes from its metadata or not at all
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as exc:  # trafilatura on hostile HTML: fall back rather than lose the article
        log.debug("trafilatura failed on %s: %s", url, exc)
        return None
    if doc is None:
        return None
    text = "\n\n".join(line.strip() for line in (doc.text or "").split("\n") if line.strip())
    return Extracted(text, doc.title, doc.date, doc.author, doc.sitename, doc.url)


# ---------------------------------------------------------------- lxml fallback and fragments


def lxml_extract(page: str) -> Extracted:
    """The text of <article>, else of all <p>; title from og:title or <title>."""
    root = _parse(page, fragment=False)
    if root is None:
        return Extracted()
    title = _first(root.xpath("//meta[@property='og:title']/@content")) or _first(root.xpath("//title/text()"))
    for node in root.xpath(NOISE):
        node.drop_tree()
    articles = root.xpath("//article")
    paras = block_paragraphs(articles[0]) if articles else [" ".join(p.text_content().split()) for p in root.iter("p")]
    return Extracted(text="\n\n".join(p for p in paras if p), title=_clean_title(title))


def fragment_to_text(fragment: str) -> str:
    """Paragraphs of an HTML fragment (a feed entry's content or summary)."""
    root = _parse(fragment, fragment=True)
    return "\n\n".join(block_paragraphs(root)) if root is not None else ""


def block_paragraphs(element) -> list[str]:
    """Paragraphs at block-element boundaries; <br><br> also separates, one <br> does not."""
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag in BLOCKS:
            node.text = "\n\n" + (node.text or "")
            node.tail = "\n\n" + (node.tail or "")
        elif node.tag == "br":
            node.tail = "\n" + (node.tail or "")
    text = element.text_content()
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _parse(markup: str, fragment: bool):
    data = markup.encode("utf-8")  # bytes: lxml refuses str carrying an encoding declaration
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        if fragment:
            return lxml.html.fragment_fromstring(data, create_parent="div", parser=parser)
        return lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _first(values: list) -> str | None:
    return str(values[0]) if values else None


def _clean_title(title: str | None) -> str | None:
    text = " ".join((title or "").split())
    return text or None
