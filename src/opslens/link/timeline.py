"""Timelines over the merged events: of a dyad, of a story, of an entity.

    with store.reading("timeline") as conn:
        line = timeline(conn, Selection(dyad=("GBR", "RUS"), by="week"))

A dyad's sides are codes: a country code (GBR) or an actor code (RUSGOV, IGOWSTNAT); a code
matches every actor code that starts with it (GBR: GBRGOV, GBRMIL, …), in both directions, each
event showing its direction. An entity is a name (or alias, any case) of the per-article entities
and of the canonical entities they resolve to (when entity linking has filled `entity_links`); its
events are those whose source or target it is, found through `event_reports`.

The tension index (opslens.link.tension) counts the events that happened or are planned: an
event every report of which is negated, denied, hypothetical or demanded is listed, not counted.
The series runs from the subject's first event (full days only) to its last. A period's baseline
reads only the window of periods before it, so a timeline shown from `since` reads the events
from one window before `since` on, not the whole history: its periods equal those of the whole
series. `latest` shows the latest periods up to the last event when no `since`/`until` is given.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Text, and_, cast, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from opslens.link.listing import dyad_condition
from opslens.link.tension import WINDOW, By, Period, Scored, period_of, period_start, periods_between, series
from opslens.store.schema import (
    ArticleRow,
    CanonicalEntityRow,
    EntityLinkRow,
    EntityRow,
    EventReportRow,
    MergedEventRow,
)

UNCOUNTED = frozenset({"negated", "denied", "hypothetical", "demanded"})
CHUNK = 500


@dataclass(frozen=True)
class Selection:
    dyad: tuple[str, str] | None = None
    story: str | None = None
    entity: str | None = None
    by: By = "day"
    since: str | None = None  # YYYY-MM-DD, shown from
    until: str | None = None  # shown up to, inclusive
    min_origins: int = 1
    window: int | None = None  # baseline periods (default 28 days, 8 weeks)
    latest: int | None = None  # without since/until: show this many periods, up to the last event


@dataclass(frozen=True)
class TimelineEvent:
    id: str
    day: str | None
    plover: str
    cameo: str | None
    source: str | None
    target: str | None
    direction: str | None  # a dyad's "GBR→RUS", an entity's "source" or "target"
    goldstein: float | None
    quad_class: int | None
    origins: int
    reports: int
    contested: bool
    story_id: str | None
    modalities: tuple[str, ...]
    counted: bool  # in the tension index


@dataclass
class Timeline:
    subject: str
    by: By
    events: list[TimelineEvent] = field(default_factory=list)  # shown, by day
    periods: list[Period] = field(default_factory=list)  # shown, every period of the range
    since: str | None = None  # shown from (the selection's, or the start of its `latest` periods)


def timeline(conn: Connection, sel: Selection) -> Timeline:
    condition, subject, roles = _subject(conn, sel)
    if condition is None:
        return Timeline(subject=subject, by=sel.by)
    condition = and_(condition, MergedEventRow.independent_origins >= sel.min_origins)
    first, last = _bounds(conn, condition)
    since = sel.since
    if since is None and sel.until is None and sel.latest and last:
        since = period_start(last, sel.latest - 1, sel.by)
    span, start = None, None
    if first and last:
        lead = period_start(since, sel.window or WINDOW[sel.by], sel.by) if since else first
        start = max(first, lead)
        span = (start, last, periods_between(first, start, sel.by))
    events = _events(conn, condition, sel, roles, start)
    periods = series(
        (Scored(e.day, e.goldstein, e.quad_class, e.plover) for e in events if e.counted and e.day),
        sel.by,
        sel.window,
        span=span,
    )
    shown_from = since and period_of(since, sel.by)
    shown_to = sel.until and period_of(sel.until, sel.by)
    return Timeline(
        subject=subject,
        by=sel.by,
        events=[e for e in events if _within(e.day, since, sel.until)],
        periods=[
            p for p in periods if (not shown_from or p.period >= shown_from) and (not shown_to or p.period <= shown_to)
        ],
        since=since,
    )


def _bounds(conn: Connection, condition: ColumnElement[bool]) -> tuple[str | None, str | None]:
    """The first and last full day (YYYY-MM-DD) of the subject's events."""
    m = MergedEventRow
    query = select(func.min(m.day), func.max(m.day)).where(condition, func.length(m.day) == 10)
    first, last = conn.execute(query).one()
    return first, last


def direction(source: str | None, a: str) -> str:
    return "→" if source and source.startswith(a) else "←"


def _subject(conn: Connection, sel: Selection) -> tuple[ColumnElement[bool] | None, str, dict[str, str]]:
    if sel.dyad:
        a, b = sel.dyad
        return dyad_condition(a, b), f"{a}–{b}", {}
    if sel.story:
        return MergedEventRow.story_id == sel.story, f"story {sel.story}", {}
    if sel.entity:
        roles = entity_events(conn, sel.entity)
        condition = MergedEventRow.id.in_(list(roles)) if roles else None
        return condition, f"entity {sel.entity!r}", roles
    raise ValueError("a timeline needs a dyad, a story or an entity")


def _events(
    conn: Connection, condition, sel: Selection, roles: dict[str, str], start: str | None
) -> list[TimelineEvent]:
    m = MergedEventRow
    query = select(m.__table__).where(condition).order_by(m.day, m.id)
    if start:  # a year or month ("2015-11") sorts before its first day: the series leaves it out anyway
        query = query.where(m.day >= start)
    rows = list(conn.execute(query))
    modalities = _modalities(conn, [r.id for r in rows])
    events = []
    for r in rows:
        kinds = modalities.get(r.id, set())
        way = f"{sel.dyad[0]}{direction(r.source, sel.dyad[0])}{sel.dyad[1]}" if sel.dyad else roles.get(r.id)
        events.append(
            TimelineEvent(
                id=r.id,
                day=r.day,
                plover=r.plover,
                cameo=r.cameo,
                source=r.source,
                target=r.target,
                direction=way,
                goldstein=r.goldstein,
                quad_class=r.quad_class,
                origins=r.independent_origins,
                reports=r.n_reports,
                contested=r.contested,
                story_id=r.story_id,
                modalities=tuple(sorted(kinds)),
                counted=not kinds or bool(set(kinds) - UNCOUNTED),
            )
        )
    return events


def _modalities(conn: Connection, ids: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for start in range(0, len(ids), CHUNK):
        query = select(EventReportRow.merged_event_id, EventReportRow.modality).where(
            EventReportRow.merged_event_id.in_(ids[start : start + CHUNK])
        )
        for event_id, modality in conn.execute(query):
            found.setdefault(event_id, set()).add(modality)
    return found


# -- entities ---------------------------------------------------------------------------------


def entity_events(conn: Connection, name: str) -> dict[str, str]:
    """The merged events whose source or target is an entity of that name or alias: id → its side."""
    wanted: dict[int, set[str]] = {}  # article row → the entity's local ids there
    for row_id, local_id in _named_entities(conn, name):
        wanted.setdefault(row_id, set()).add(local_id)
    sides: dict[tuple[int, str], str] = {}
    rows = list(wanted)
    for start in range(0, len(rows), CHUNK):
        query = select(ArticleRow.id, ArticleRow.analysis).where(ArticleRow.id.in_(rows[start : start + CHUNK]))
        for row_id, analysis in conn.execute(query):
            for event in analysis.get("events") or []:
                side = _side_of(event, wanted[row_id])
                if side:
                    sides[(row_id, event["id"])] = side
    found: dict[str, str] = {}
    for start in range(0, len(rows), CHUNK):
        r = EventReportRow
        query = select(r.article_row_id, r.event_local_id, r.merged_event_id).where(
            r.article_row_id.in_(rows[start : start + CHUNK])
        )
        for row_id, local_id, merged in conn.execute(query):
            if (row_id, local_id) in sides:
                found.setdefault(merged, sides[(row_id, local_id)])
    return found


def _named_entities(conn: Connection, name: str) -> set[tuple[int, str]]:
    """(article row, local id) of every article entity named so, directly or through its canonical entity."""
    key = name.strip().casefold()
    e, c = EntityRow, CanonicalEntityRow
    direct = conn.execute(select(e.article_row_id, e.local_id, e.name, e.aliases).where(_named(e, name)))
    found = {(r.article_row_id, r.local_id) for r in direct if _is_named(key, r.name, r.aliases)}
    canonical = [
        r.id
        for r in conn.execute(select(c.id, c.name, c.aliases).where(_named(c, name)))
        if _is_named(key, r.name, r.aliases)
    ]
    if canonical:
        linked = select(e.article_row_id, e.local_id).join(EntityLinkRow, EntityLinkRow.entity_row_id == e.id)
        found |= {
            (r.article_row_id, r.local_id)
            for r in conn.execute(linked.where(EntityLinkRow.canonical_id.in_(canonical)))
        }
    return found


def _named(table, name: str) -> ColumnElement[bool]:
    """A coarse filter the database can run (name, or aliases as JSON text); `_is_named` decides."""
    return or_(
        func.lower(table.name) == name.strip().lower(),
        func.lower(cast(table.aliases, Text)).contains(json.dumps(name.strip().lower())[1:-1], autoescape=True),
    )


def _is_named(key: str, name: str, aliases: Iterable[str] | None) -> bool:
    return any(n.casefold() == key for n in (name, *(aliases or ())))


def _side_of(event: dict, entities: set[str]) -> str | None:
    for side in ("source", "target"):
        actor = event.get(f"{side}_actor") or {}
        parts = [actor, *(actor.get("members") or [])]
        if any(p.get("entity") in entities for p in parts):
            return side
    return None


def _within(day: str | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    return day is not None and (since is None or day >= since) and (until is None or day <= until)
