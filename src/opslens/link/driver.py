"""The order of the linking steps (written once) and the run over the articles not linked yet."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from opslens.link import alerts, contested, copies, entities, events, stories
from opslens.link.run import LinkReport, LinkRun, Step
from opslens.store import Store
from opslens.store.schema import (
    ArticleRow,
    CanonicalEntityRow,
    ContestRow,
    EntityLinkRow,
    EventReportRow,
    LinkedArticleRow,
    MergedEventRow,
    MinhashBandRow,
    StoryRow,
    utcnow,
)

if TYPE_CHECKING:
    from opslens.link.rules import Watchlist

# Each step may read what the steps before it wrote, for these articles and for all linked before.
STEPS: tuple[tuple[str, Step], ...] = (
    ("copies", copies.link),
    ("entities", entities.link),
    ("stories", stories.link),
    ("events", events.link),
    ("contested", contested.link),
    ("alerts", alerts.link),
)

# What a rebuild empties: everything derived. Entity decisions, alerts and watch state stay.
DERIVED = (
    ContestRow,
    EventReportRow,
    MergedEventRow,
    StoryRow,
    EntityLinkRow,
    CanonicalEntityRow,
    MinhashBandRow,
    LinkedArticleRow,
)
CHUNK = 2000  # articles per transaction: a long first run commits as it goes
# An article saved while a run was starting is analysed a moment before that run's time.
STALE_MARGIN = timedelta(hours=1)


def update_links(store: Store, *, rebuild: bool = False, watchlist: Watchlist | None = None) -> LinkReport:
    """Link every article not linked yet (all of them after emptying the layer, with `rebuild`),
    checking the watchlist's rules; then send the alerts not delivered yet to its webhook."""
    report = LinkReport()
    if rebuild:
        with store.transaction("empty the linking layer") as conn:
            for table in DERIVED:
                conn.execute(delete(table))
    while pending := _pending(store):
        with store.transaction("link articles") as conn:
            run = LinkRun(conn=conn, rows=pending, rebuild=rebuild, report=report, watchlist=watchlist)
            _register(run)
            for name, step in STEPS:
                started = time.perf_counter()
                step(run)
                report.seconds[name] = report.seconds.get(name, 0.0) + time.perf_counter() - started
        report.add("articles", len(pending))
        if len(pending) < CHUNK:
            break
    if watchlist is not None and watchlist.webhook:
        from opslens.link.deliver import deliver  # after the commits: a failed POST loses nothing

        deliver(store, watchlist, report)
    return report


def _pending(store: Store) -> list[int]:
    """Articles never linked, or analysed again since they were, at most CHUNK of them.

    Found by index ranges, not by joining the whole store at every batch: articles stored after
    the newest linked one (row ids grow), and articles analysed again since shortly before the last
    run (analysed_at is indexed). Only when the counts show an older article that was never
    linked (a run that failed, a store from before the link layer) is the whole store joined."""
    linked = LinkedArticleRow
    with store.reading("find the articles to link") as conn:
        newest, last_run = conn.execute(select(func.max(linked.article_row_id), func.max(linked.linked_at))).one()
        found = _new(conn, newest)
        if last_run is not None and len(found) < CHUNK:
            found += _analysed_again(conn, last_run - STALE_MARGIN, CHUNK - len(found))
        if len(found) < CHUNK and newest is not None and _gaps(conn, newest):
            known = set(found)
            found += [r for r in _unlinked(conn, CHUNK) if r not in known][: CHUNK - len(found)]
    return found


def _new(conn: Connection, newest: int | None) -> list[int]:
    a = ArticleRow
    query = select(a.id).order_by(a.id).limit(CHUNK)
    return list(conn.execute(query if newest is None else query.where(a.id > newest)).scalars())


def _analysed_again(conn: Connection, since: datetime, limit: int) -> list[int]:
    a, linked = ArticleRow, LinkedArticleRow
    query = (
        select(a.id)
        .join(linked, linked.article_row_id == a.id)
        .where(a.analysed_at >= since, linked.linked_at < a.analysed_at)
        .order_by(a.analysed_at, a.id)  # by the analysed_at index: ordered by id, SQLite scans every article
        .limit(limit)
    )
    return list(conn.execute(query).scalars())


def _gaps(conn: Connection, newest: int) -> bool:
    """Some article up to the newest linked one is not linked (both counts run on indexes)."""
    stored = conn.execute(select(func.count()).where(ArticleRow.id <= newest)).scalar_one()
    return stored > conn.execute(select(func.count()).select_from(LinkedArticleRow)).scalar_one()


def _unlinked(conn: Connection, limit: int) -> list[int]:
    a, linked = ArticleRow, LinkedArticleRow
    query = (
        select(a.id)
        .outerjoin(linked, linked.article_row_id == a.id)
        .where(or_(linked.article_row_id.is_(None), linked.linked_at < a.analysed_at))
        .order_by(a.id)
        .limit(limit)
    )
    return list(conn.execute(query).scalars())


def _register(run: LinkRun) -> None:
    """A linked_articles row for each article of the run, with its day; the steps fill the rest."""
    now = utcnow()
    known = set(
        run.conn.execute(
            select(LinkedArticleRow.article_row_id).where(LinkedArticleRow.article_row_id.in_(run.rows))
        ).scalars()
    )
    run.relinked = known
    for art in run.load_articles(run.rows):
        if art.row_id in known:
            run.conn.execute(
                update(LinkedArticleRow)
                .where(LinkedArticleRow.article_row_id == art.row_id)
                .values(day=art.day, linked_at=now)
            )
        else:
            run.conn.execute(insert(LinkedArticleRow).values(article_row_id=art.row_id, day=art.day, linked_at=now))
