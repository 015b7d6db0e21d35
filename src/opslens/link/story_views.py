"""Reading stories back: the listing (`opslens stories`) and one story (`opslens story ID`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, Row, select

from opslens.errors import NotFoundError
from opslens.store import Store
from opslens.store.schema import ArticleRow, LinkedArticleRow, StoryRow


@dataclass(frozen=True)
class StoryArticle:
    article_id: str  # the input's id (contract article.id)
    row_id: int
    day: str | None
    outlet: str | None
    title: str | None


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    first_seen: str | None
    last_seen: str | None
    n_articles: int
    outlets: list[str]
    events: list[dict]
    articles: list[StoryArticle] = field(default_factory=list)

    def to_dict(self, *, full: bool = False) -> dict:
        """The JSON form: `articles` as input ids by day, or (full) as records."""
        data = {
            "id": self.id,
            "title": self.title,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "n_articles": self.n_articles,
            "outlets": self.outlets,
            "articles": [a.__dict__ if full else a.article_id for a in self.articles],
            "events": self.events,
        }
        return data


def list_stories(store: Store, *, since: str | None = None, limit: int | None = None, offset: int = 0) -> list[Story]:
    """Stories seen on or after `since` (a day, month or year), the most recently seen first;
    `offset`: how many of them to pass over (the API's pages)."""
    query = select(StoryRow).order_by(StoryRow.last_seen.desc(), StoryRow.n_articles.desc(), StoryRow.id)
    if since:
        query = query.where(StoryRow.last_seen >= since)
    if limit:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    with store.reading("list stories") as conn:
        rows = list(conn.execute(query).all())
        members = _articles(conn, [r.id for r in rows])
    return [_story(r, members.get(r.id, [])) for r in rows]


def get_story(store: Store, story_id: str) -> Story:
    with store.reading("read a story") as conn:
        row = conn.execute(select(StoryRow).where(StoryRow.id == story_id)).first()
        if row is None:
            raise NotFoundError(f"no story {story_id!r} in the store (opslens stories lists them)")
        members = _articles(conn, [row.id])
    return _story(row, members.get(row.id, []))


def _story(row: Row, articles: list[StoryArticle]) -> Story:
    return Story(
        id=row.id,
        title=row.title,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        n_articles=row.n_articles,
        outlets=list(row.outlets or []),
        events=list(row.events or []),
        articles=articles,
    )


def _articles(conn: Connection, story_ids: list[str]) -> dict[str, list[StoryArticle]]:
    """The articles of each story, by day (then sha256, the order the clustering uses)."""
    found: dict[str, list[StoryArticle]] = {}
    a, la = ArticleRow, LinkedArticleRow
    for start in range(0, len(story_ids), 500):
        query = (
            select(la.story_id, a.id, a.article_id, la.day, a.outlet, a.title)
            .join(a, a.id == la.article_row_id)
            .where(la.story_id.in_(story_ids[start : start + 500]))
            .order_by(la.day, a.sha256)
        )
        for r in conn.execute(query):
            found.setdefault(r.story_id, []).append(
                StoryArticle(article_id=r.article_id, row_id=r.id, day=r.day, outlet=r.outlet, title=r.title)
            )
    return found
