"""What the merged-event layer shows: merged events with their reports, the reports one by one,
contested claims with both sides' evidence (`opslens events`, `opslens contested`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select

from opslens.store import Store
from opslens.store.schema import ArticleRow, ContestRow, EventReportRow, MergedEventRow, pair_of


@dataclass(frozen=True, slots=True)
class EventFilter:
    plover: str | None = None
    actor: str | None = None  # an actor code or its prefix ("RUS" takes "RUSGOV"), on either side
    dyad: tuple[str, str] | None = None  # two codes (or prefixes), either way round
    since: str | None = None  # YYYY[-MM[-DD]], inclusive
    until: str | None = None
    min_origins: int | None = None
    contested: bool = False
    country: str | None = None  # ISO alpha-3 country of either actor ("GBR" takes GBRGOV, GBRMIL…)
    modality: str | None = None  # at least one report told it so: asserted, denied, planned…
    background: bool | None = None  # True: only events some report recalls as background; False: only news
    after: tuple[str, str] | None = None  # paging: (day, id) of the last row already seen
    limit: int = 50


def code_prefix(column, code: str) -> ColumnElement[bool]:
    """Actor codes starting with `code` ("RUS" takes "RUSGOV"), as a range an index serves (a LIKE
    prefix is served by no index on SQLite, whose LIKE ignores case). Codes are upper-case ASCII."""
    return and_(column >= code, column < code[:-1] + chr(ord(code[-1]) + 1))


def dyad_condition(a: str, b: str) -> ColumnElement[bool]:
    """Merged events between the sides `a` and `b`, either way round."""
    m = MergedEventRow
    either = or_(
        and_(code_prefix(m.source, a), code_prefix(m.target, b)),
        and_(code_prefix(m.source, b), code_prefix(m.target, a)),
    )
    if min(len(a), len(b)) < 3:  # a side shorter than a country code: no pair to find them by
        return either
    return and_(m.pair == pair_of(a, b), either)  # the pair is the index range; the prefixes decide


# Undated events sort last on every database (NULL's place in an order differs between them).
# The '' is written into the SQL, not bound: only then does the expression match the index
# ix_merged_events_sort, and the order is read from it rather than sorted.
sort_day = func.coalesce(MergedEventRow.day, literal_column("''"))


def page_key(record: dict) -> tuple[str, str]:
    """The (day, id) a next page starts after, from the last merged-event record of a page."""
    return (record["date"] or "", record["id"])


def _filtered(query: Select, f: EventFilter) -> Select:
    me = MergedEventRow
    if f.plover:
        query = query.where(me.plover == f.plover.upper())
    if f.actor:
        code = f.actor.upper()
        query = query.where(or_(code_prefix(me.source, code), code_prefix(me.target, code)))
    if f.dyad:
        a, b = (c.upper() for c in f.dyad)
        query = query.where(dyad_condition(a, b))
    # on sort_day, the listing's order: a range of the index it is read from (undated: '')
    if f.since:
        query = query.where(sort_day >= f.since)
    if f.until:  # "2016-05" takes every day of May
        query = query.where(sort_day <= f.until + "\uffff", sort_day != literal_column("''"))
    if f.min_origins:
        query = query.where(me.independent_origins >= f.min_origins)
    if f.contested:
        query = query.where(me.contested.is_(True))
    if f.country:
        code = f.country.upper()[:3]
        query = query.where(or_(func.substr(me.source, 1, 3) == code, func.substr(me.target, 1, 3) == code))
    return _by_reports(query, f)


def _by_reports(query: Select, f: EventFilter) -> Select:
    """Filters on what the reports say, and the keyset page after (day, id), the listing's order."""
    me, er = MergedEventRow, EventReportRow
    if f.modality:
        told = select(er.id).where(er.merged_event_id == me.id, er.modality == f.modality.lower())
        query = query.where(told.exists())
    if f.background is not None:
        recalled = select(er.id).where(er.merged_event_id == me.id, er.background.is_(True)).exists()
        query = query.where(recalled if f.background else ~recalled)
    if f.after:
        day, mid = f.after
        query = query.where(or_(sort_day < day, and_(sort_day == day, me.id > mid)))
    return query


def merged_events(store: Store, f: EventFilter) -> list[dict]:
    """Merged events matching the filter, the latest day first, each with its reports."""
    me = MergedEventRow
    query = _filtered(select(me), f).order_by(sort_day.desc(), me.id).limit(f.limit)
    with store.reading("list merged events") as conn:
        rows = conn.execute(query).all()
        reports = reports_of(conn, [r.id for r in rows])
        contests = _contests_of(conn, [r.id for r in rows])
    return [merged_record(r, reports.get(r.id, []), contests.get(r.id, [])) for r in rows]


def merged_record(r, reports: list[dict], contests: list[dict]) -> dict:
    data = r.data or {}
    return {
        "id": r.id,
        "plover": r.plover,
        "cameo": r.cameo,
        "source": r.source,
        "target": r.target,
        "source_name": data.get("source_name"),
        "target_name": data.get("target_name"),
        "date": r.day,
        "place": r.place,
        "goldstein": r.goldstein,
        "quad_class": r.quad_class,
        "story": r.story_id,
        "reports": reports,
        "articles": r.n_articles,
        "outlets": r.n_outlets,
        "independent_origins": r.independent_origins,
        "origins": [{k: o[k] for k in ("name", "kind", "state_media", "reports")} for o in data.get("origins", [])],
        "modalities": data.get("modalities", {}),
        "contested": r.contested,
        "contests": contests,
        "confidence": {"grade": r.grade, "why": r.why},
    }


def reports_of(conn, ids: list[str], *, with_rows: bool = False) -> dict[str, list[dict]]:
    """Each merged event's reports as listed (`with_rows`: with their article's row id, for links)."""
    er, a = EventReportRow, ArticleRow
    found: dict[str, list[dict]] = {}
    for start in range(0, len(ids), 500):
        query = (
            select(er, a.article_id, a.outlet, a.id.label("row_id"))
            .join(a, a.id == er.article_row_id)
            .where(er.merged_event_id.in_(ids[start : start + 500]))
            .order_by(er.merged_event_id, a.published_value, a.sha256, er.event_local_id)
        )
        for row in conn.execute(query):
            record = report_record(row) | ({"row": row.row_id} if with_rows else {})
            found.setdefault(row.merged_event_id, []).append(record)
    return found


def report_record(row) -> dict:
    """A report row (with its article's id and outlet) as listed."""
    return {
        "article": row.article_id,
        "outlet": row.outlet,
        "event": row.event_local_id,
        "modality": row.modality,
        "evidence": row.evidence,
        "chain": row.chain,
        "origin": row.origin,
        "background": row.background,
    }


def _contests_of(conn, ids: list[str]) -> dict[str, list[dict]]:
    c = ContestRow
    found: dict[str, list[dict]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in conn.execute(select(c).where(or_(c.claim_id.in_(chunk), c.counter_id.in_(chunk)))):
            if row.claim_id in chunk:
                found.setdefault(row.claim_id, []).append({"kind": row.kind, "counter": row.counter_id, "why": row.why})
            if row.counter_id in chunk:
                found.setdefault(row.counter_id, []).append({"kind": row.kind, "claim": row.claim_id, "why": row.why})
    return found


def reports(store: Store, f: EventFilter) -> list[dict]:
    """Article events one by one (the reports), with the merged event each belongs to."""
    me, er, a = MergedEventRow, EventReportRow, ArticleRow
    columns = (er.event_local_id, er.modality, er.evidence, er.chain, er.origin, er.background, a.article_id, a.outlet)
    merged = (me.id.label("merged"), me.plover, me.source, me.target, me.day)
    query = _filtered(select(*columns, *merged).join(me, me.id == er.merged_event_id), f)
    query = query.join(a, a.id == er.article_row_id).order_by(sort_day.desc(), a.sha256, er.event_local_id)
    with store.reading("list events") as conn:
        rows = conn.execute(query.limit(f.limit)).all()
    return [
        {
            **report_record(r),
            "merged": r.merged,
            "plover": r.plover,
            "source": r.source,
            "target": r.target,
            "date": r.day,
        }
        for r in rows
    ]


def contests(store: Store, limit: int = 50) -> list[dict]:
    """Contested claims, the latest first: the claim and what contests it, each with its reports."""
    c, me = ContestRow, MergedEventRow
    query = select(c).join(me, me.id == c.claim_id).order_by(me.day.desc(), c.claim_id, c.counter_id).limit(limit)
    with store.reading("list contested claims") as conn:
        return contest_records(conn, conn.execute(query).all())


def contest_records(conn, rows: Sequence[Any], *, with_rows: bool = False) -> list[dict]:
    """Contest rows as listed: the claim and what contests it, each a merged event with its reports."""
    me = MergedEventRow
    ids = sorted({i for r in rows for i in (r.claim_id, r.counter_id)})
    merged = {m.id: m for m in conn.execute(select(me).where(me.id.in_(ids)))}
    found = reports_of(conn, ids, with_rows=with_rows)
    return [
        {
            "kind": r.kind,
            "why": r.why,
            "claim": merged_record(merged[r.claim_id], found.get(r.claim_id, []), []),
            "counter": merged_record(merged[r.counter_id], found.get(r.counter_id, []), []),
        }
        for r in rows
    ]
