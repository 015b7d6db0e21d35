"""URLs against a local server: private addresses refused by default, redirects re-checked by hand,
size cap while streaming, HTTP and connection failures as fetch_failed. No outside network."""

from __future__ import annotations

import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import opslens.ingest.fetch as fetch
from opslens.contract import Article, ErrorRecord
from opslens.ingest.fetch import USER_AGENT, blocked_reason
from tests.ingest.conftest import FIXTURES
from tests.support import SEED

PAGES = {
    "/article.html": ("text/html; charset=utf-8", (FIXTURES / "article.html").read_bytes()),
    "/feed": ("application/rss+xml", (FIXTURES / "rss.xml").read_bytes()),
    "/untyped": (None, (FIXTURES / "atom.xml").read_bytes()),
    "/seed.txt": ("text/plain; charset=utf-8", SEED.read_bytes()),
}
SEEN_AGENTS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        port = self.server.server_address[1]
        path = self.path
        if path in PAGES:
            kind, body = PAGES[path]
            self._send(200, body, kind)
        elif path == "/loop":
            self._redirect("/loop")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/hop/{left - 1}" if left else "/article.html")
        elif path == "/to-loopback":
            self._redirect(f"http://127.0.0.1:{port}/article.html")
        elif path == "/big-declared":
            self._send(200, b"x" * 5000, "text/plain")
        elif path == "/big-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"The convoy reached the border crossing at dawn. " * 20)
        elif path == "/slow":
            time.sleep(1.0)
            self._send(200, b"late", "text/plain")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status, body, kind):
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    """The client hangs up on purpose (timeouts, size caps): that is not a server error."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_loopback_refused_by_default(server, read):
    url = f"{server}/article.html"
    [record] = read(url)
    assert record == ErrorRecord(
        id=url,
        code="blocked_address",
        origin=url,
        error=f"refusing to fetch {url} (resolves to 127.0.0.1, a loopback address); pass --allow-private to allow",
    )


def test_html_page_fetched_when_allowed(server, read):
    SEEN_AGENTS.clear()
    [article] = read(f"{server}/hop/2", allow_private=True)
    assert isinstance(article, Article)
    assert article.url == f"{server}/article.html"  # the final URL, after three redirects
    assert article.origin == f"{server}/hop/2"
    assert article.title == "Finland completes border fence pilot"
    assert article.text.startswith("Finland has completed the first three kilometres")
    assert SEEN_AGENTS == [USER_AGENT] * 4 and USER_AGENT.startswith("OpsLens/")


def test_feed_fetched_by_content_type_and_by_sniffing(server, read):
    items = read(f"{server}/feed", f"{server}/untyped", allow_private=True)
    assert [i.origin for i in items] == [
        f"{server}/feed#entry1",
        f"{server}/feed#entry2",
        f"{server}/feed#entry3",
        f"{server}/untyped#entry1",
    ]
    assert items[0].outlet == "Baltic Wire" and items[3].outlet == "Sahel Monitor"


def test_plain_text_url(server, read):
    [article] = read(f"{server}/seed.txt", allow_private=True)
    assert article.credits == ["AFP", "Reuters", "TASS"]
    assert article.url == f"{server}/seed.txt"


def test_redirect_loop(server, read):
    [record] = read(f"{server}/loop", allow_private=True, max_redirects=3)
    assert record.code == "fetch_failed"
    assert record.error == f"too many redirects fetching {server}/loop (more than 3)"


def test_redirect_to_loopback_is_rechecked(server, read, monkeypatch):
    """'localhost' passes as a public host here; the redirect it answers with points at 127.0.0.1."""
    real = fetch.resolve
    monkeypatch.setattr(
        fetch, "resolve", lambda host, port: ["93.184.216.34"] if host == "localhost" else real(host, port)
    )
    port = server.rsplit(":", 1)[1]
    [record] = read(f"http://localhost:{port}/to-loopback")
    assert record.code == "blocked_address"
    assert record.error.startswith(
        f"refusing to fetch {server}/article.html (resolves to 127.0.0.1, a loopback address)"
    )


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed"])
def test_oversized_body(server, read, path):
    [record] = read(f"{server}{path}", allow_private=True, max_bytes=2000)
    assert record.code == "too_large"
    assert "over the size limit of 2,000 bytes" in record.error


def test_http_404(server, read):
    [record] = read(f"{server}/nowhere", allow_private=True)
    assert (record.code, record.error) == ("fetch_failed", f"HTTP 404 Not Found from {server}/nowhere")


def test_unreachable_port(read):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    [record] = read(f"http://127.0.0.1:{port}/", allow_private=True)
    assert record.code == "fetch_failed"
    assert record.error.startswith(f"cannot connect to http://127.0.0.1:{port}/")


def test_timeout(server, read):
    [record] = read(f"{server}/slow", allow_private=True, fetch_timeout=0.2)
    assert (record.code, record.error) == ("fetch_failed", f"timed out after 0.2s fetching {server}/slow")


def test_unresolvable_host(read, monkeypatch):
    def no_dns(host, port, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    [record] = read("https://no-such-host.invalid/story")
    assert (record.code, record.error) == (
        "fetch_failed",
        "cannot resolve host 'no-such-host.invalid': Name or service not known",
    )


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("192.168.0.10", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1%eth0", "a link-local address"),
        ("224.0.0.1", "a multicast address"),
        ("0.0.0.0", "an unspecified address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("::ffff:10.0.0.1", "a private address"),
        ("100.64.0.1", "a non-public address"),
        ("fc00::1", "a private address"),
        ("93.184.216.34", None),
        ("2606:2800:220:1::1", None),
    ],
)
def test_blocked_reason(address, reason):
    assert blocked_reason(address) == reason


def test_other_schemes_refused(read):
    [record] = read("HTTP://")  # no host
    assert record.code == "fetch_failed"
    with pytest.raises(Exception, match="only http and https"):
        fetch.check_url("ftp://files.example/story.txt", fetch.Options())
