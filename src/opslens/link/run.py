"""One linking run: which articles it links, what they hold, what it found.

A step is a function `step(run: LinkRun) -> None` that reads the run's articles (and whatever
the store already links) and writes its own tables through `run.conn`, inside the run's one
transaction: a run that fails leaves the layer as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from opslens.contract import Analysis
from opslens.store.schema import ArticleRow

if TYPE_CHECKING:
    from opslens.link.rules import Watchlist


@dataclass(frozen=True, slots=True)
class LinkedArticle:
    """What the linking steps need of a stored article besides its analysis."""

    row_id: int
    article_id: str  # the input's id (contract article.id)
    sha256: str
    outlet: str | None
    title: str | None
    url: str | None
    credits: tuple[str, ...]
    day: str | None  # YYYY-MM-DD: the publication day, else the day it was analysed
    analysed_at: datetime


@dataclass(frozen=True, slots=True)
class RaisedAlert:
    """An alert a run raised (opslens.link.alerts); the store holds it with its data."""

    id: int
    rule: str
    subject: str
    message: str


@dataclass
class LinkReport:
    """What a run linked and found: counts by kind ("articles", "copy_groups", "stories", …)."""

    counts: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    alerts: list[RaisedAlert] = field(default_factory=list)  # new alerts, in the order raised
    seconds: dict[str, float] = field(default_factory=dict)  # time each step took (bench/link.py shows it)

    def add(self, kind: str, n: int = 1) -> None:
        self.counts[kind] += n


@dataclass
class LinkRun:
    conn: Connection
    rows: list[int]  # the articles this run links, by row id, oldest day first
    rebuild: bool
    report: LinkReport = field(default_factory=LinkReport)
    watchlist: Watchlist | None = None  # the alert rules this run checks (opslens.link.rules)
    relinked: set[int] = field(default_factory=set)  # of `rows`, those linked before (analysed again)
    # what each step changed, by table, for the steps after it: "merged_events" → the ids written
    touched: dict[str, set[str]] = field(default_factory=dict)
    _analyses: dict[int, Analysis] = field(default_factory=dict)
    _articles: dict[int, LinkedArticle] = field(default_factory=dict)

    def analysis(self, row_id: int) -> Analysis:
        """The stored analysis of an article (this run's or any other), read once per run."""
        if row_id not in self._analyses:
            data = self.conn.execute(select(ArticleRow.analysis).where(ArticleRow.id == row_id)).scalar_one()
            self._analyses[row_id] = Analysis.model_validate(data)
        return self._analyses[row_id]

    def article(self, row_id: int) -> LinkedArticle:
        if row_id not in self._articles:
            self.load_articles([row_id])
        return self._articles[row_id]

    def load_articles(self, row_ids: list[int]) -> list[LinkedArticle]:
        """Many articles' metadata in one query (steps that look at candidates call this first)."""
        missing = [r for r in row_ids if r not in self._articles]
        for start in range(0, len(missing), 500):
            a = ArticleRow
            query = select(
                a.id, a.article_id, a.sha256, a.outlet, a.title, a.url, a.credits, a.published_value, a.analysed_at
            ).where(a.id.in_(missing[start : start + 500]))
            for r in self.conn.execute(query):
                self._articles[r.id] = LinkedArticle(
                    row_id=r.id,
                    article_id=r.article_id,
                    sha256=r.sha256,
                    outlet=r.outlet,
                    title=r.title,
                    url=r.url,
                    credits=tuple(r.credits or ()),
                    day=day_of(r.published_value, r.analysed_at),
                    analysed_at=r.analysed_at,
                )
        return [self._articles[r] for r in row_ids if r in self._articles]


Step = Callable[[LinkRun], None]


def day_of(published: str | None, analysed_at: datetime | None) -> str | None:
    """The day an article belongs to: its publication date when it has a day, else the day analysed."""
    if published and len(published) >= 10 and published[4] == "-" and published[7] == "-":
        return published[:10]
    return analysed_at.date().isoformat() if analysed_at else None
