"""The order of the linking steps (written once) and the run over the articles not linked yet."""

from __future__ import annotations

from sqlalchemy import delete, insert, or_, select, update

from opslens.link import contested, copies, events
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

# Each step may read what the steps before it wrote, for these articles and for all linked before.
STEPS: tuple[tuple[str, Step], ...] = (
    ("copies", copies.link),
    ("events", events.link),
    ("contested", contested.link),
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


def update_links(store: Store, *, rebuild: bool = False) -> LinkReport:
    """Link every article not linked yet (all of them after emptying the layer, with `rebuild`)."""
    report = LinkReport()
    if rebuild:
        with store.transaction("empty the linking layer") as conn:
            for table in DERIVED:
                conn.execute(delete(table))
    while pending := _pending(store):
        with store.transaction("link articles") as conn:
            run = LinkRun(conn=conn, rows=pending, rebuild=rebuild, report=report)
            _register(run)
            for _name, step in STEPS:
                step(run)
        report.add("articles", len(pending))
        if len(pending) < CHUNK:
            break
    return report


def _pending(store: Store) -> list[int]:
    """Articles never linked, or analysed again since they were: oldest publication day first."""
    a, linked = ArticleRow, LinkedArticleRow
    query = (
        select(a.id)
        .outerjoin(linked, linked.article_row_id == a.id)
        .where(or_(linked.article_row_id.is_(None), linked.linked_at < a.analysed_at))
        .order_by(a.published_value, a.sha256)
        .limit(CHUNK)
    )
    with store.reading("find the articles to link") as conn:
        return list(conn.execute(query).scalars())


def _register(run: LinkRun) -> None:
    """A linked_articles row for each article of the run, with its day; the steps fill the rest."""
    now = utcnow()
    known = set(
        run.conn.execute(
            select(LinkedArticleRow.article_row_id).where(LinkedArticleRow.article_row_id.in_(run.rows))
        ).scalars()
    )
    for art in run.load_articles(run.rows):
        if art.row_id in known:
            run.conn.execute(
                update(LinkedArticleRow)
                .where(LinkedArticleRow.article_row_id == art.row_id)
                .values(day=art.day, linked_at=now)
            )
        else:
            run.conn.execute(insert(LinkedArticleRow).values(article_row_id=art.row_id, day=art.day, linked_at=now))
