"""What an export reads: the merged events a filter selects (all of them, page by page, not one
listing page), the stored articles that report them, and each event's place as the analyses
resolved it (the merged-event row keeps only the place's name)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select

from opslens.contract import Analysis, Place
from opslens.link.graph import every_event
from opslens.link.listing import EventFilter
from opslens.store import Store
from opslens.store.schema import ArticleRow, EventReportRow

CHUNK = 500


@dataclass(frozen=True)
class ReportArticle:
    """One report of a merged event and the stored article it is in."""

    row: int  # the article's row id
    event: str  # the event's id in the article's analysis ("v1")
    article: str  # the contract's article.id
    url: str | None
    published: str | None
    analysed_at: datetime


@dataclass
class Selection:
    events: list[dict]  # merged-event records (listing.merged_record), latest first
    reports: dict[str, list[ReportArticle]]  # merged id -> its reports, the earliest article first
    analyses: dict[int, Analysis] = field(default_factory=dict)  # article row -> analysis, when loaded


def unfiltered(f: EventFilter) -> bool:
    """No filter at all (paging aside): an export of the contract then takes every article."""
    return replace(f, after=None, limit=EventFilter().limit) == EventFilter()


def events(store: Store, f: EventFilter, story: str | None = None) -> list[dict]:
    return [e for e in every_event(store, f) if story is None or e["story"] == story]


def selection(store: Store, f: EventFilter, story: str | None = None, *, analyses: bool = False) -> Selection:
    """The selected merged events with their reports' articles (and, with `analyses`, those articles' analyses)."""
    found = events(store, f, story)
    reports = report_articles(store, [e["id"] for e in found])
    chosen = Selection(found, reports)
    if analyses:
        chosen.analyses = load_analyses(store, {r.row for rs in reports.values() for r in rs})
    return chosen


def report_articles(store: Store, ids: list[str]) -> dict[str, list[ReportArticle]]:
    """The reports of each merged event, in the listing's order (the earliest published article first)."""
    er, a = EventReportRow, ArticleRow
    found: dict[str, list[ReportArticle]] = {}
    with store.reading("read the articles of merged events") as conn:
        for start in range(0, len(ids), CHUNK):
            query = (
                select(er.merged_event_id, er.event_local_id, a.id, a.article_id, a.url, a.published_value)
                .add_columns(a.analysed_at)
                .join(a, a.id == er.article_row_id)
                .where(er.merged_event_id.in_(ids[start : start + CHUNK]))
                .order_by(er.merged_event_id, a.published_value, a.sha256, er.event_local_id)
            )
            for r in conn.execute(query):
                found.setdefault(r.merged_event_id, []).append(
                    ReportArticle(r.id, r.event_local_id, r.article_id, r.url, r.published_value, r.analysed_at)
                )
    return found


def load_analyses(store: Store, rows: Iterable[int]) -> dict[int, Analysis]:
    wanted = sorted(set(rows))
    found: dict[int, Analysis] = {}
    with store.reading("read analyses") as conn:
        for start in range(0, len(wanted), CHUNK):
            query = select(ArticleRow.id, ArticleRow.analysis).where(ArticleRow.id.in_(wanted[start : start + CHUNK]))
            found.update((r.id, Analysis.model_validate(r.analysis)) for r in conn.execute(query))
    return found


def article_rows(store: Store, f: EventFilter, story: str | None = None) -> list[int]:
    """Row ids of the articles an export of the contract takes, oldest published first: those with a
    merged event the filter selects, or every stored article when there is no filter."""
    a = ArticleRow
    if story is None and unfiltered(f):
        with store.reading("list articles") as conn:
            return list(conn.execute(select(a.id).order_by(a.published_value, a.sha256)).scalars())
    chosen = report_articles(store, [e["id"] for e in events(store, f, story)])
    rows = {r.row: (r.published or "", r.article, r.row) for rs in chosen.values() for r in rs}
    return sorted(rows, key=lambda row: rows[row])


def article_times(store: Store, rows: list[int]) -> dict[int, datetime]:
    """When each article was analysed (a timestamp for an article with no publication date)."""
    found: dict[int, datetime] = {}
    with store.reading("read analysis times") as conn:
        for start in range(0, len(rows), CHUNK):
            query = select(ArticleRow.id, ArticleRow.analysed_at).where(ArticleRow.id.in_(rows[start : start + CHUNK]))
            found.update((r.id, r.analysed_at) for r in conn.execute(query))
    return found


def analyses_in(store: Store, rows: list[int]) -> Iterator[Analysis]:
    """The analyses of `rows`, in that order, a chunk at a time (a whole store need not fit in memory)."""
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        found = load_analyses(store, chunk)
        yield from (found[row] for row in chunk)


def place_of(event: dict, reports: list[ReportArticle], analyses: dict[int, Analysis]) -> Place | None:
    """The merged event's place as its reports' analyses resolved it: the first report whose event
    is placed at the merged event's place name (with coordinates when one has them)."""
    if not event["place"]:
        return None
    named = []
    for report in reports:
        analysis = analyses.get(report.row)
        told = next((e for e in analysis.events if e.id == report.event), None) if analysis else None
        place = next((p for p in analysis.places if p.id == told.place), None) if analysis and told else None
        if place is not None and place.name == event["place"]:
            named.append(place)
    located = [p for p in named if p.lat is not None and p.lon is not None]
    return located[0] if located else named[0] if named else None


def story_events(store: Store, story_id: str) -> list[dict]:
    """The merged events of one story (listing.merged_record, with reports and contests), the earliest first."""
    from opslens.link.listing import merged_record, report_record
    from opslens.store.schema import ContestRow, MergedEventRow

    me, er, a, c = MergedEventRow, EventReportRow, ArticleRow, ContestRow
    with store.reading("read a story's events") as conn:
        rows = conn.execute(select(me).where(me.story_id == story_id).order_by(me.day, me.id)).all()
        ids = [r.id for r in rows]
        reports: dict[str, list[dict]] = {}
        query = (
            select(er, a.article_id, a.outlet)
            .join(a, a.id == er.article_row_id)
            .where(er.merged_event_id.in_(ids))
            .order_by(er.merged_event_id, a.published_value, a.sha256, er.event_local_id)
        )
        for row in conn.execute(query):
            reports.setdefault(row.merged_event_id, []).append(report_record(row))
        contests: dict[str, list[dict]] = {}
        for pair in conn.execute(select(c).where(c.claim_id.in_(ids) | c.counter_id.in_(ids))):
            contests.setdefault(pair.claim_id, []).append(
                {"kind": pair.kind, "counter": pair.counter_id, "why": pair.why}
            )
            contests.setdefault(pair.counter_id, []).append(
                {"kind": pair.kind, "claim": pair.claim_id, "why": pair.why}
            )
    return [merged_record(r, reports.get(r.id, []), contests.get(r.id, [])) for r in rows]
