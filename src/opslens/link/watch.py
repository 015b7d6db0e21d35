"""`opslens watch`: poll feeds, analyse only what is new, link it and fire the watchlist's alerts.

Each poll reads every feed (a URL, fetched under the same rules as any URL input, or a file),
and passes over the entries `watch_seen` already holds: the same feed and guid, or the same link
(from any feed), and, once its text is read, the same content (the article's sha256). The new
entries become articles as `opslens analyze` makes them (ingest.feed: the linked page, else the
entry's own text) and go through the same batch (pipeline.batch: analyse, store, link, alerts).

The state lives in the store: an entry is recorded as seen once its analysis is stored (or once
it is known to give no article), so a restart neither analyses it again nor, the alerts being
deduplicated, raises its alerts again. `stop` (set by SIGINT/SIGTERM) is checked between
articles: the article being read is finished, stored and linked, then the watch ends.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from opslens.contract import Analysis, Article, ErrorRecord
from opslens.errors import OpsLensError
from opslens.link.run import RaisedAlert
from opslens.settings import Options
from opslens.store import Store
from opslens.store.schema import ArticleRow, WatchSeenRow, utcnow

if TYPE_CHECKING:
    from opslens.pipeline.analyzer import Analyzer

UNITS = {"s": 1, "m": 60, "h": 3600}


@dataclass(frozen=True)
class Entry:
    feed: str  # the feed as given
    guid: str
    url: str | None
    raw: Any  # feedparser's entry
    outlet: str | None
    origin: str


@dataclass
class PollReport:
    new: int = 0  # entries not seen before
    seen: int = 0  # entries passed over
    analysed: int = 0
    failed: int = 0
    feed_errors: list[str] = field(default_factory=list)
    alerts: list[RaisedAlert] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the linking run's (webhook failures)


def parse_every(text: str) -> float:
    """'30s', '15m', '1h' (or a number of seconds) → seconds."""
    value = text.strip().lower()
    unit = UNITS.get(value[-1:])
    number = value[:-1] if unit else value
    try:
        seconds = float(number) * (unit or 1)
    except ValueError:
        seconds = 0
    if seconds <= 0:
        from opslens.errors import ConfigError

        raise ConfigError(f"--every takes a duration such as 30s, 15m or 1h, not {text!r}")
    return seconds


def watch(
    feeds: list[str],
    options: Options,
    *,
    every: float,
    once: bool,
    stop: threading.Event,
    on_poll: Callable[[PollReport], None],
    on_result: Callable[[Analysis | ErrorRecord], None] = lambda _r: None,
) -> None:
    """Poll until `stop` is set (or once)."""
    from opslens.pipeline.analyzer import Analyzer

    analyzer = Analyzer(options)
    while not stop.is_set():
        on_poll(poll(feeds, options, analyzer, stop, on_result))
        if once:
            return
        stop.wait(every)


def poll(
    feeds: list[str],
    options: Options,
    analyzer: Analyzer,
    stop: threading.Event,
    on_result: Callable[[Analysis | ErrorRecord], None] = lambda _r: None,
) -> PollReport:
    """One pass over the feeds: the new entries analysed, stored, linked, their alerts raised."""
    from opslens.link import update
    from opslens.link.rules import watchlist
    from opslens.pipeline.batch import run_items

    report = PollReport()
    store = Store(options.store_url)
    try:
        rules = watchlist(options)
        entries = [e for spec in feeds for e in _new_entries(store, spec, options, report)]
        tracker = _Tracker(store, report, on_result)
        linked = None
        if entries:
            batch = run_items(tracker.items(entries, options, stop), options, tracker.done, analyzer=analyzer)
            linked = batch.linked
            if batch.link_error:
                report.notes.append(f"linking failed ({batch.link_error}); the analyses are stored")
        elif options.link:  # nothing new: still link what an interrupted poll left, and send what waits
            linked = update(store, watchlist=rules)
        if linked:
            report.alerts, report.notes = list(linked.alerts), report.notes + linked.notes
    finally:
        store.close()
    return report


def _new_entries(store: Store, spec: str, options: Options, report: PollReport) -> list[Entry]:
    try:
        entries = read_entries(spec, options)
    except OpsLensError as exc:
        report.feed_errors.append(f"{spec}: {exc}")
        return []
    with store.reading("read the watch state") as conn:
        guids = set(conn.execute(select(WatchSeenRow.guid).where(WatchSeenRow.feed == spec)).scalars())
        links = [e.url for e in entries if e.url]
        urls = set(conn.execute(select(WatchSeenRow.url).where(WatchSeenRow.url.in_(links))).scalars())
    fresh, taken = [], set()
    for entry in entries:
        if entry.guid in guids or entry.guid in taken or (entry.url and entry.url in urls):
            report.seen += 1
            continue
        taken.add(entry.guid)
        fresh.append(entry)
    report.new += len(fresh)
    return fresh


def read_entries(spec: str, options: Options) -> list[Entry]:
    """A feed's entries, newest last (feeds list the newest first: analysed in the order published)."""
    import feedparser

    from opslens.errors import EmptyInputError, MalformedInputError
    from opslens.ingest.feed import entry_id
    from opslens.ingest.fetch import fetch
    from opslens.ingest.text import is_url, read_path

    data = fetch(spec, options).data if is_url(spec) else read_path(Path(spec), options.max_bytes)
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise MalformedInputError(f"not a feed, or a broken one: {parsed.get('bozo_exception')}", spec)
        raise EmptyInputError("the feed has no entries", spec)
    outlet = parsed.feed.get("title") or None
    found = []
    for n, raw in enumerate(parsed.entries, 1):
        guid = entry_id(raw) or "sha256:" + hashlib.sha256(repr(sorted(raw.items())).encode()).hexdigest()
        found.append(Entry(spec, guid, raw.get("link") or None, raw, outlet, f"{spec}#entry{n}"))
    return found[::-1]


class _Tracker:
    """Hands the new entries to the batch as articles, and records each in watch_seen once done."""

    def __init__(self, store: Store, report: PollReport, on_result: Callable):
        self.store, self.report, self.on_result = store, report, on_result
        self.pending: dict[str, list[Entry]] = {}  # article id → its entries, until stored

    def items(self, entries: list[Entry], options: Options, stop: threading.Event) -> Iterator[Article | ErrorRecord]:
        from opslens.ingest.feed import entry_article
        from opslens.ingest.guard import error_record

        hashes: set[str] = set()
        for entry in entries:
            if stop.is_set():  # between articles: the ones handed on are finished, then the batch ends
                return
            try:
                article = entry_article(entry.raw, entry.outlet, entry.origin, options)
            except Exception as exc:  # one entry's failure is its error record; the poll goes on
                self._seen([entry], None, None)
                yield error_record(exc, entry.origin, entry.guid)
                continue
            if article.sha256 in hashes or self._hash_seen(article.sha256):
                self._seen([entry], article.sha256, None)
                self.report.seen += 1
                continue
            hashes.add(article.sha256)
            self.pending.setdefault(article.id, []).append(entry)
            yield article

    def done(self, result: Analysis | ErrorRecord) -> None:
        self.on_result(result)
        if isinstance(result, Analysis):
            self.report.analysed += 1
            sha = result.article.sha256
            with self.store.reading("find the stored article") as conn:
                row_id = conn.execute(select(ArticleRow.id).where(ArticleRow.sha256 == sha)).scalar()
            self._seen(self.pending.pop(result.article.id, []), sha, row_id)
        else:
            self.report.failed += 1
            if result.code != "store":  # not stored: tried again at the next poll; else it fails the same way
                self._seen(self.pending.pop(result.id, []), None, None)

    def _hash_seen(self, sha: str) -> bool:
        with self.store.reading("read the watch state") as conn:
            return conn.execute(select(WatchSeenRow.id).where(WatchSeenRow.content_hash == sha)).first() is not None

    def _seen(self, entries: list[Entry], sha: str | None, row_id: int | None) -> None:
        rows = [
            {
                "feed": e.feed,
                "guid": e.guid,
                "url": e.url,
                "content_hash": sha,
                "article_row_id": row_id,
                "seen_at": utcnow(),
            }
            for e in entries
        ]
        if rows:
            with self.store.transaction("record the watched entries") as conn:
                conn.execute(insert(WatchSeenRow), rows)
