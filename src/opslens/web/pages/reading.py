"""Store reads the pages need beyond the library's listings: an article's row and story, its
entities' canonical pages, a story's merged events with their reports and contests."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from opslens.link.listing import contest_records, merged_record, reports_of
from opslens.store import Store
from opslens.store.schema import (
    ArticleRow,
    ContestRow,
    EntityLinkRow,
    EntityRow,
    LinkedArticleRow,
    MergedEventRow,
)

CHUNK = 500


@dataclass(frozen=True)
class ArticlePlace:
    row_id: int
    story_id: str | None
    day: str | None
    entity_pages: dict[str, str]  # local entity id → /entities/{canonical id}


def article_place(store: Store, sha256: str) -> ArticlePlace:
    """Where the article stands in the linked layer (nothing when it is not linked yet)."""
    a, la, e, li = ArticleRow, LinkedArticleRow, EntityRow, EntityLinkRow
    with store.reading("read an article's links") as conn:
        row = conn.execute(
            select(a.id, la.story_id, la.day).outerjoin(la, la.article_row_id == a.id).where(a.sha256 == sha256)
        ).one()
        linked = conn.execute(
            select(e.local_id, li.canonical_id).join(li, li.entity_row_id == e.id).where(e.article_row_id == row.id)
        )
        pages = {local: f"/entities/{canonical}" for local, canonical in linked}
    return ArticlePlace(row.id, row.story_id, row.day, pages)


def story_events(store: Store, story_id: str) -> list[dict]:
    """The story's merged events by day (undated last), each as the event listing shows it."""
    me = MergedEventRow
    query = select(me).where(me.story_id == story_id).order_by(me.day.is_(None), me.day, me.id)
    with store.reading("read a story's events") as conn:
        rows = conn.execute(query).all()
        found = reports_of(conn, [r.id for r in rows], with_rows=True)
    return [merged_record(r, found.get(r.id, []), []) for r in rows]


def story_contests(store: Store, story_id: str) -> list[dict]:
    """The story's contested claims: each claim beside what contests it, both with their reports."""
    me, c = MergedEventRow, ContestRow
    with store.reading("read a story's contested claims") as conn:
        ids = list(conn.execute(select(me.id).where(me.story_id == story_id)).scalars())
        pairs = []
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            query = select(c).where(or_(c.claim_id.in_(chunk), c.counter_id.in_(chunk)))
            pairs += list(conn.execute(query.order_by(c.claim_id, c.counter_id)))
        return contest_records(conn, list(dict.fromkeys(pairs)), with_rows=True)
