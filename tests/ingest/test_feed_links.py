"""Feed entries read through their links: the linked page is fetched like a URL input (same rules,
same readers) and analysed; the entry's own content or summary only when the link cannot be
used, and the article says so. A local server on loopback stands in for the web."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from opslens.contract import Article, ErrorRecord, Published

STORY = (
    "Moldova reopened the Palanca border crossing with Ukraine on Tuesday after a week-long closure "
    "caused by damage to the approach road, the border police said.\n\n"
    "Freight traffic had been diverted to two smaller crossings further north, where lorries waited "
    "for up to two days.\n\n"
    "The border police said engineers would keep one lane closed until the end of the month."
)
DATED = (
    "Officials from Ukraine and Moldova met in Chisinau on Tuesday to discuss grain transit through "
    "the Moldovan rail network.\n\n"
    "Both delegations said they expected a written agreement within weeks."
)


def page(title: str, body: str, meta: str = "") -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:title" content="{title}">{meta}</head><body><article><h1>{title}</h1>'
        f"{paras}</article></body></html>"
    ).encode()


PAGES = {
    "/story.html": page("Moldova reopens Palanca crossing", STORY),  # no author, no date
    "/dated.html": page(
        "Ukraine and Moldova discuss grain transit",
        DATED,
        '<meta name="author" content="Ana Lima">'
        '<meta property="article:published_time" content="2023-05-03T09:00:00+03:00">',
    ),
    "/bare.html": (
        b'<!DOCTYPE html><html><head><title>Gallery</title></head><body><nav><a href="/">Home</a></nav></body></html>'
    ),
    "/story.txt": STORY.encode("utf-8"),
    "/inner.rss": b'<?xml version="1.0"?><rss version="2.0"><channel><title>Inner</title></channel></rss>',
}
REQUESTS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        REQUESTS.append(self.path)
        if self.path in PAGES:
            self._send(200, PAGES[self.path])
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/story.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, b"not here")

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        kind = {".rss": "application/rss+xml", ".txt": "text/plain", "html": "text/html"}.get(
            self.path[-4:], "text/plain"
        )
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def item(guid: str, link: str | None, summary: str) -> str:
    link_tag = f"<link>{link}</link>" if link else ""
    return (
        f'<item><title>Entry {guid}</title>{link_tag}<guid isPermaLink="false">{guid}</guid>'
        f"<pubDate>Tue, 02 May 2023 08:00:00 +0300</pubDate><author>desk@prut.example (Ion Rusu)</author>"
        f"<description>{summary}</description></item>"
    )


@pytest.fixture()
def feed(tmp_path, server):
    """Six entries: a redirected link, a dead link, a one-word summary with a live link, no link,
    a link to a page without text, and neither text nor a live link."""
    items = [
        item("fl-1", f"{server}/moved", "Moldova reopened the Palanca crossing."),
        item("fl-2", f"{server}/gone", "Romania extended the curfew in two border towns on Tuesday."),
        item("fl-3", f"{server}/dated.html", "Grain."),
        item("fl-4", None, "Ukraine and Moldova signed a transit agreement on Wednesday."),
        item("fl-5", f"{server}/bare.html", "A photo gallery of the reopened crossing at Palanca."),
        item("fl-6", f"{server}/gone", ""),
    ]
    path = tmp_path / "prut.rss"
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Prut Monitor</title>{"".join(items)}</channel></rss>',
        encoding="utf-8",
    )
    return path


def test_the_linked_page_is_analyzed_with_the_entry_filling_its_gaps(server, feed, read):
    REQUESTS.clear()
    first, _, third, *_ = read(feed, allow_private=True, follow_links=True)
    assert isinstance(first, Article)
    assert first.text == STORY  # the page, not the entry's summary
    assert (first.text_source, first.text_note) == ("link", None)
    assert (first.id, first.url, first.origin) == ("fl-1", f"{server}/story.html", f"{feed}#entry1")  # the final URL
    assert first.outlet == "Prut Monitor"  # the feed's title
    assert first.title == "Moldova reopens Palanca crossing"  # the page's own
    assert first.byline == "Ion Rusu"  # the page has none: the entry's
    assert first.published == Published(value="2023-05-02T08:00", precision="minute", source="metadata", confidence=0.8)
    # a one-word summary is no obstacle when the link gives the text; the page's author and date win
    assert (third.text, third.text_source, third.title) == (DATED, "link", "Ukraine and Moldova discuss grain transit")
    assert third.byline == "Ana Lima" and third.published.value == "2023-05-03"
    assert REQUESTS[:3] == ["/moved", "/story.html", "/gone"]


def test_an_unusable_link_falls_back_to_the_entry_and_says_why(server, feed, read):
    _, gone, _, no_link, bare, nothing = read(feed, allow_private=True, follow_links=True)
    assert gone.text == "Romania extended the curfew in two border towns on Tuesday."
    assert (gone.text_source, gone.url, gone.id) == ("feed_entry", f"{server}/gone", "fl-2")
    assert gone.text_note == (
        f"The link {server}/gone could not be used: HTTP 404 Not Found from {server}/gone. "
        "Analysed the feed entry's summary instead."
    )
    assert no_link.text_source == "feed_entry"
    assert no_link.text_note == "The feed entry has no link. Analysed the feed entry's summary instead."
    assert bare.text == "A photo gallery of the reopened crossing at Palanca."
    assert bare.text_note == (
        f"The link {server}/bare.html could not be used: no article text found in the HTML. "
        "Analysed the feed entry's summary instead."
    )
    assert nothing == ErrorRecord(
        id="fl-6",
        code="no_text",
        origin=f"{feed}#entry6",
        error=f"the feed entry has no text (no content or summary), and the link {server}/gone could not be used: "
        f"HTTP 404 Not Found from {server}/gone",
    )


def test_a_link_on_a_private_address_is_refused_without_allow_private(server, feed, read):
    REQUESTS.clear()
    first = read(feed, follow_links=True)[0]
    assert (first.text, first.text_source) == ("Moldova reopened the Palanca crossing.", "feed_entry")
    assert first.text_note == (
        f"The link {server}/moved could not be used: refusing to fetch {server}/moved (resolves to 127.0.0.1, "
        "a loopback address); pass --allow-private to allow. Analysed the feed entry's summary instead."
    )
    assert REQUESTS == []


def test_no_follow_reads_the_entries_alone(server, feed, read):
    REQUESTS.clear()
    first, second, third, *_ = read(feed, allow_private=True, follow_links=False)
    assert (first.text, first.text_source, first.text_note) == (
        "Moldova reopened the Palanca crossing.",
        "feed_entry",
        None,
    )
    assert (first.id, first.title, first.url, first.outlet) == ("fl-1", "Entry fl-1", f"{server}/moved", "Prut Monitor")
    assert second.text == "Romania extended the curfew in two border towns on Tuesday."
    assert third == ErrorRecord(
        id="fl-3", code="no_text", origin=third.origin, error="the feed entry has no text (no content or summary)"
    )
    assert REQUESTS == []


def test_a_link_to_another_feed_is_not_an_article_page(server, tmp_path, read):
    path = tmp_path / "outer.rss"
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Outer</title>'
        f"{item('fo-1', f'{server}/inner.rss', 'Moldova and Romania opened a joint customs post.')}"
        f"</channel></rss>",
        encoding="utf-8",
    )
    [entry] = read(path, allow_private=True, follow_links=True)
    assert (entry.text, entry.text_source) == ("Moldova and Romania opened a joint customs post.", "feed_entry")
    assert entry.text_note == (
        f"The link {server}/inner.rss could not be used: expected an article page, got an "
        "RSS/Atom feed. Analysed the feed entry's summary instead."
    )


def test_a_plain_text_page_takes_the_entry_metadata(server, tmp_path, read):
    path = tmp_path / "text.rss"
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Prut Monitor</title>'
        f"{item('ft-1', f'{server}/story.txt', 'Moldova reopened the Palanca crossing.')}"
        f"</channel></rss>",
        encoding="utf-8",
    )
    [entry] = read(path, allow_private=True, follow_links=True)
    assert (entry.text, entry.text_source, entry.url) == (STORY, "link", f"{server}/story.txt")
    assert (entry.id, entry.title, entry.byline, entry.outlet) == ("ft-1", "Entry ft-1", "Ion Rusu", "Prut Monitor")
    assert entry.published == Published(value="2023-05-02T08:00", precision="minute", source="metadata", confidence=0.8)
