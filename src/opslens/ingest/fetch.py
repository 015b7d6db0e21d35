"""http(s) URLs: a guarded download.

A URL given to OpsLens may come from a feed or a colleague, so every hop (the first request and
each redirect) is checked: the host must resolve to public addresses only, unless the user
passes --allow-private. Redirects are followed by hand so that each target is checked; the body
is streamed and cut off at the size limit. URL inputs and the links of feed entries
(`ingest/feed.py`) are fetched by this one function, under the same rules.

Known limit: the address is checked, then httpx resolves the name again to connect; a DNS
server answering differently the second time (DNS rebinding) is not prevented.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from opslens import __version__
from opslens.errors import BlockedAddressError, FetchError
from opslens.ingest.text import Kind, sniff, too_large
from opslens.settings import Options

USER_AGENT = f"OpsLens/{__version__} (+https://github.com/opslens)"
REDIRECTS = {301, 302, 303, 307, 308}
MEDIA_KINDS: dict[str, Kind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
}


@dataclass
class Fetched:
    url: str  # after redirects
    content_type: str  # media type without parameters, lowercase; "" when not sent
    charset: str | None
    data: bytes

    @property
    def kind(self) -> Kind:
        """What the download is: by its declared media type, else by its content."""
        return MEDIA_KINDS.get(self.content_type) or sniff(self.data)


def fetch(url: str, options: Options) -> Fetched:
    """Download `url`, following at most `options.max_redirects` redirects, each one checked."""
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
        "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
    }
    with httpx.Client(timeout=options.fetch_timeout, follow_redirects=False, headers=headers) as client:
        current = url
        for _hop in range(options.max_redirects + 1):
            check_url(current, options)
            with _send(client, current, options) as response:
                location = response.headers.get("location")
                if response.status_code in REDIRECTS and location:
                    current = urljoin(current, location)
                    continue
                return _body(response, current, options)
    raise FetchError(f"too many redirects fetching {url} (more than {options.max_redirects})")


def check_url(url: str, options: Options) -> None:
    """http(s) only; the host must not resolve to a private address unless allowed."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(f"not a valid URL: {url} ({exc})") from exc
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError(f"cannot fetch {url}: only http and https URLs are supported")
    if options.allow_private:
        return
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    for address in resolve(parsed.host, port):
        reason = blocked_reason(address)
        if reason:
            raise BlockedAddressError(
                f"refusing to fetch {url} (resolves to {address}, {reason}); pass --allow-private to allow"
            )


def resolve(host: str, port: int) -> list[str]:
    """All addresses of `host` (a module function so tests can stand in for DNS)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {getattr(exc, 'strerror', None) or exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def blocked_reason(address: str) -> str | None:
    """Why an address must not be fetched from, or None for a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for test, reason in (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    ):
        if getattr(ip, test):
            return reason
    return None if ip.is_global else "a non-public address"


def _send(client: httpx.Client, url: str, options: Options):
    try:
        return _Response(client.send(client.build_request("GET", url), stream=True), url)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {options.fetch_timeout:g}s fetching {url}") from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect to {url}: {exc}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"fetching {url} failed: {exc}") from exc


class _Response:
    """Closes the streamed response whatever happens, and turns HTTP errors into FetchError."""

    def __init__(self, response: httpx.Response, url: str):
        self.response, self.url = response, url

    def __enter__(self) -> httpx.Response:
        status = self.response.status_code
        if status >= 400:
            self.response.close()
            raise FetchError(f"HTTP {status} {self.response.reason_phrase} from {self.url}")
        return self.response

    def __exit__(self, *exc) -> None:
        self.response.close()


def _body(response: httpx.Response, url: str, options: Options) -> Fetched:
    limit = options.max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(f"the download from {url} ({int(declared):,} bytes)", limit)
    chunks, size = [], 0
    try:
        for chunk in response.iter_bytes():  # decompressed: the limit holds against zip bombs too
            size += len(chunk)
            if size > limit:
                raise too_large(f"the download from {url}", limit)
            chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise FetchError(f"fetching {url} failed while reading the body: {exc}") from exc
    media = response.headers.get("content-type", "")
    return Fetched(url, media.split(";")[0].strip().lower(), response.charset_encoding, b"".join(chunks))
